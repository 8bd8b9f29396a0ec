/**
 * Stack traces of a bundle built with the functions' own esbuild options: in source terms,
 * with the source map read at the first stack and not at the import
 * (functions/lib/source-stacks.ts, injected by `BUNDLING.inject`). Each case runs in a fresh
 * Node.js process without `--enable-source-maps`, as the Lambda runtime runs a function.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLING, ESBUILD_OPTIONS, SOURCE_STACKS } from '../../infra/constructs/one-list-function.ts';

const FIXTURE = `function explode(reason: string): never {
  throw new Error(\`boom: \${reason}\`);
}

function outer(): never {
  return explode('outer');
}

export function run(): never {
  return outer();
}
`;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The fixture built as a function bundle is (the construct's options), in a folder of its own. */
function built(): string {
  const dir = mkdtempSync(join(tmpdir(), 'source-stacks-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'fixture.ts'), FIXTURE);
  const bundle = join(dir, 'index.mjs');
  buildSync({
    ...ESBUILD_OPTIONS,
    entryPoints: [join(dir, 'fixture.ts')],
    outfile: bundle,
    sourcemap: BUNDLING.sourceMap,
    sourcesContent: BUNDLING.sourcesContent,
    inject: [...BUNDLING.inject],
  });
  return bundle;
}

/** The stack of `run()`'s error; `before` runs first, after the import (e.g. removing the map). */
const stackOf = (before = '') =>
  execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { rmSync, writeFileSync } from 'node:fs';
       const m = await import(process.argv[1]);
       ${before}
       try { m.run(); } catch (e) { console.log(e.stack); }`,
      built(),
    ],
    { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
  );

describe('a function bundle', () => {
  it('is injected with the module that maps its stacks', () => {
    expect(BUNDLING.inject).toEqual([SOURCE_STACKS]);
  });

  it('writes its stack in source terms: names, files and lines of the source', () => {
    const stack = stackOf();
    expect(stack).toMatch(/^Error: boom: outer\n/);
    expect(stack).toMatch(/\n {4}at explode \(fixture\.ts:2:9\)\n/);
    expect(stack).toMatch(/\n {4}at outer \(fixture\.ts:6:10\)\n/);
    // An exported function called from another file: its map entry names nothing (as with
    // --enable-source-maps), so V8's name stays; its position is the source's.
    expect(stack).toMatch(/\n {4}at Module\.\S+ \(fixture\.ts:10:10\)\n/);
    expect(stack).not.toContain('index.mjs:');
  });

  it('reads its map at the first stack, not at its import', () => {
    // The map removed after the import and before the first stack: nothing maps the frames.
    const stack = stackOf(`rmSync(process.argv[1] + '.map');`);
    expect(stack).toMatch(/^Error: boom: outer\n/);
    expect(stack).toContain('index.mjs:');
    expect(stack).not.toContain('fixture.ts');
  });

  it('keeps V8 frames when the map cannot be read (never loses a stack to it)', () => {
    const stack = stackOf(`writeFileSync(process.argv[1] + '.map', '{ not json');`);
    expect(stack).toMatch(/^Error: boom: outer\n {4}at \S+ \(file:\/\/\S+index\.mjs:\d+:\d+\)\n/);
    expect(stack).not.toContain('fixture.ts');
  });
});
