/**
 * The Lambda bundles, measured: each declared function built with the construct's own esbuild
 * options (`BUNDLING`, infra/constructs/one-list-function.ts), its size with and without the
 * source map, and its fresh-process import time side by side with a floor module that only
 * creates the DynamoDB client (the least any of them does). Each round imports the floor and
 * the bundle one right after the other (in alternating order) and takes their ratio; the
 * verdict is the median of those paired ratios. The machine's speed drifts over seconds, so a
 * pair shares it and its ratio cancels it: the paired median moved by ±0.05 between runs where
 * the ratio of the fastest imports (shown beside it) moved by ±0.15.
 *
 * Also measured, for the decisions in ARCHITECTURE.md: the same bundle with the AWS SDK bundled
 * in instead of left to the Lambda runtime, and imported with `--enable-source-maps` (the map
 * read at load) instead of mapping its stacks at the first one (functions/lib/source-stacks.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import {
  BUNDLE_ALIASES,
  BUNDLING,
  buildLazyPackages,
  ESBUILD_OPTIONS,
  REQUIRE_BANNER,
} from '../infra/constructs/one-list-function.ts';
import { DEFAULT_MAX_BUNDLE_BYTES, functions, type LazyExports } from '../infra/resources/functions.ts';
import { projectRoot } from '../infra/resources/project-root.ts';
import { median, type Row } from './table.ts';

/** Goal of issue 11 (the bundle budget is each function's: DEFAULT_MAX_BUNDLE_BYTES unless it declares one). */
export const MAX_IMPORT_RATIO = 1.3;

/** Inside node_modules, so that the bundles resolve `@aws-sdk/*` as on the runtime. */
const OUT = join(projectRoot, 'node_modules', '.cache', 'one-list-bench');

async function bundle(
  entry: string,
  dir: string,
  options: {
    sdk: 'runtime' | 'bundled';
    sourceMap: boolean;
    lazyPackages?: Readonly<Record<string, LazyExports>> | undefined;
  },
) {
  const outfile = join(OUT, dir, 'index.mjs');
  await build({
    ...ESBUILD_OPTIONS,
    entryPoints: [join(projectRoot, entry)],
    outfile,
    sourcemap: options.sourceMap,
    sourcesContent: BUNDLING.sourcesContent,
    inject: [...BUNDLING.inject],
    external: [
      ...(options.sdk === 'runtime' ? BUNDLING.externalModules : []),
      ...Object.keys(options.lazyPackages ?? {}),
    ],
    // Bundled in, the SDK's CommonJS modules call require() for built-ins.
    ...(options.sdk === 'bundled' ? { banner: { js: REQUIRE_BANNER } } : {}),
    alias: { ...BUNDLE_ALIASES },
  });
  // The lazy packages beside it, as the construct builds them (imported at first use, not here).
  const lazy = buildLazyPackages(options.lazyPackages ?? {}, projectRoot, join(OUT, dir))
    .filter((file) => file.endsWith('.mjs'))
    .map((file) => ({
      name: file.replace(/^node_modules\//, '').replace(/(?:\/index)?\.mjs$/, ''),
      bytes: statSync(join(OUT, dir, file)).size,
    }));
  const js = statSync(outfile).size;
  const map = options.sourceMap ? statSync(`${outfile}.map`).size : 0;
  return { outfile, js, map, lazy };
}

/**
 * Milliseconds from the start of `import()` to its end, in a fresh Node.js process, with the
 * environment the construct gives a function (no NODE_OPTIONS) or the `flags` given.
 */
function importMs(file: string, flags: readonly string[] = []): number {
  const out = execFileSync(
    process.execPath,
    [
      ...flags,
      '--input-type=module',
      '-e',
      // A failed import says why in one line (not the minified bundle it failed in).
      'const t = performance.now(); try { await import(process.argv[1]); } catch (e) { console.error(String(e)); process.exit(1); } console.log(performance.now() - t);',
      file,
    ],
    {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'bench',
        AWS_SECRET_ACCESS_KEY: 'bench',
        MAIN_TABLE_NAME: 'bench',
        POWERTOOLS_DEV: 'false',
      },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return Number(out.trim().split('\n').at(-1));
}

const fastest = (xs: number[]) => Math.min(...xs);
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

export async function measureBundles(rounds = 21): Promise<Row[]> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const floor = join(OUT, 'floor.mjs');
  writeFileSync(
    floor,
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const client = new DynamoDBClient({});\n",
  );
  const rows: Row[] = [];
  const built: { id: string; file: string }[] = [];
  for (const fn of functions) {
    const { lazyPackages } = fn;
    const withMap = await bundle(fn.entry, fn.id, {
      sdk: 'runtime',
      sourceMap: true,
      lazyPackages,
    });
    const without = await bundle(fn.entry, `${fn.id}-nomap`, {
      sdk: 'runtime',
      sourceMap: false,
      lazyPackages,
    });
    const beside = withMap.lazy.map((l) => `${l.name} ${kB(l.bytes)}`).join(', ');
    built.push({ id: fn.id, file: withMap.outfile });
    rows.push({
      metric: `${fn.id}: bundle, minified`,
      measured: `${kB(withMap.js)} (${kB(without.js)} without source map; map ${kB(withMap.map)}${beside ? `; beside it ${beside}` : ''})`,
      goal: `≤ ${kB(fn.maxBundleBytes ?? DEFAULT_MAX_BUNDLE_BYTES)}`,
      ok: withMap.js <= (fn.maxBundleBytes ?? DEFAULT_MAX_BUNDLE_BYTES),
    });
  }
  // The decision on the SDK: the largest API function and a workflow one, SDK bundled in.
  const sdkIds = ['ApiWrite', 'WorkflowStep'].filter((id) => functions.some((f) => f.id === id));
  const sdk: { id: string; file: string; js: number }[] = [];
  for (const id of sdkIds) {
    const fn = functions.find((f) => f.id === id)!;
    const b = await bundle(fn.entry, `${id}-sdk`, { sdk: 'bundled', sourceMap: false });
    sdk.push({ id, file: b.outfile, js: b.js });
  }

  // The decision on source maps: the same bundles read their map at load, as Node.js's
  // --enable-source-maps does, against reading it at the first stack (SOURCE_STACKS).
  const mapIds = ['ApiWrite', 'Documents'].filter((id) => built.some((b) => b.id === id));
  const modules: { key: string; file: string; flags?: readonly string[] }[] = [
    ...built.map((b) => ({ key: b.id, file: b.file })),
    ...sdk.map((b) => ({ key: `${b.id}-sdk`, file: b.file })),
    ...mapIds.map((id) => ({
      key: `${id}-maps`,
      file: built.find((b) => b.id === id)!.file,
      flags: ['--enable-source-maps'],
    })),
  ];
  const times = new Map<string, number[]>(modules.map((m) => [m.key, []]));
  const floorTimes: number[] = [];
  const ratios = new Map<string, number[]>(modules.map((m) => [m.key, []]));
  importMs(floor); // warms the file cache
  for (let r = 0; r < rounds; r++) {
    for (const m of modules) {
      // The floor first in even rounds, the bundle first in odd ones.
      const floorFirst = r % 2 === 0;
      const first = floorFirst ? importMs(floor) : importMs(m.file, m.flags);
      const second = floorFirst ? importMs(m.file, m.flags) : importMs(floor);
      const [fl, fn] = floorFirst ? [first, second] : [second, first];
      floorTimes.push(fl);
      times.get(m.key)!.push(fn);
      ratios.get(m.key)!.push(fn / fl);
    }
  }
  const floorMs = fastest(floorTimes);
  rows.push({
    metric: 'floor: import creating the DynamoDB client',
    measured: `${floorMs.toFixed(1)} ms fastest (median ${median(floorTimes).toFixed(1)} ms)`,
    goal: '—',
  });
  for (const b of built) {
    const ratio = median(ratios.get(b.id)!);
    const ms = fastest(times.get(b.id)!);
    rows.push({
      metric: `${b.id}: fresh-process import / floor`,
      measured: `${ratio.toFixed(2)}× paired median (fastest ${(ms / floorMs).toFixed(2)}×, ${ms.toFixed(1)} ms)`,
      goal: `≤ ${MAX_IMPORT_RATIO}×`,
      ok: ratio <= MAX_IMPORT_RATIO,
    });
  }
  for (const b of sdk) {
    const bundled = fastest(times.get(`${b.id}-sdk`)!);
    const runtime = fastest(times.get(b.id)!);
    rows.push({
      metric: `${b.id}: import, SDK bundled in vs the runtime's`,
      measured: `${bundled.toFixed(1)} ms vs ${runtime.toFixed(1)} ms (bundle ${kB(b.js)})`,
      goal: 'informs the SDK decision',
    });
  }
  for (const id of mapIds) {
    const atLoad = median(ratios.get(`${id}-maps`)!);
    const atFirstStack = median(ratios.get(id)!);
    rows.push({
      metric: `${id}: import, source map read at load (--enable-source-maps) vs at the first stack`,
      measured: `${atLoad.toFixed(2)}× vs ${atFirstStack.toFixed(2)}× the floor (paired medians; fastest ${fastest(times.get(`${id}-maps`)!).toFixed(1)} vs ${fastest(times.get(id)!).toFixed(1)} ms)`,
      goal: 'informs the source-map decision',
    });
  }
  return rows;
}
