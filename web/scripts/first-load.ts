/**
 * What the public board's first load fetches from the built console (web/dist): the entry
 * script and the modules index.html preloads, and its stylesheets, each raw and gzipped; then
 * the chunks loaded later (ECharts on the statistics page). Fonts are left out: they come in
 * unicode-range slices, only those a page shows. One computation for the bundle report
 * (`npm run web:size`, ./size.ts) and the benchmark's row (`npm run bench`, bench/console.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Issue 9: the public board's first load, JavaScript gzipped, at most 150 KB (KiB). */
export const FIRST_LOAD_JS_BUDGET_KB = 150;

export const DIST = join(import.meta.dirname, '..', 'dist');

export interface AssetSize {
  /** Relative to dist, e.g. `assets/index-….js`. */
  readonly file: string;
  readonly raw: number;
  /** Bytes gzipped at level 9 (what a server compressing on the fly sends at most). */
  readonly gzip: number;
}

export interface FirstLoadReport {
  readonly js: readonly AssetSize[];
  readonly css: readonly AssetSize[];
  /** The other scripts, loaded on demand. */
  readonly later: readonly AssetSize[];
  /** Sum of `js`'s gzip bytes: what the budget bounds. */
  readonly jsGzip: number;
  readonly cssGzip: number;
}

/** Kilobytes (1024 bytes) with one decimal, as the budget counts them. */
export const kb = (bytes: number): string => (bytes / 1024).toFixed(1);

export function firstLoadReport(dist: string = DIST): FirstLoadReport {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = (re: RegExp) => [...html.matchAll(re)].map((m) => (m[1] ?? '').replace(/^\//, ''));
  const firstJs = [
    ...new Set([
      ...refs(/<script[^>]+src="([^"]+\.js)"/g),
      ...refs(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
    ]),
  ];
  const firstCss = refs(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g);
  const size = (file: string): AssetSize => {
    const raw = readFileSync(join(dist, file));
    return { file, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
  };
  const js = firstJs.map(size);
  const css = firstCss.map(size);
  const later = readdirSync(join(dist, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`)
    .filter((f) => !firstJs.includes(f))
    .map(size);
  const sum = (xs: readonly AssetSize[]) => xs.reduce((a, s) => a + s.gzip, 0);
  return { js, css, later, jsGzip: sum(js), cssGzip: sum(css) };
}
