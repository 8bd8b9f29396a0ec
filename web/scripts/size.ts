/**
 * Bundle report of the built console (web/dist): the JavaScript and CSS the public board's
 * first load fetches (the entry script and the modules index.html preloads), gzipped, against
 * the budget of 150 KB of JavaScript; then the chunks loaded later (ECharts on the statistics
 * page). Fonts are left out: they come in unicode-range slices, only those a page shows.
 *
 *   npm run web:size [-- --check]     (--check: exit 1 over the budget)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 150;
const dist = join(import.meta.dirname, '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const refs = (re: RegExp) => [...html.matchAll(re)].map((m) => (m[1] ?? '').replace(/^\//, ''));
const firstJs = [
  ...new Set([
    ...refs(/<script[^>]+src="([^"]+\.js)"/g),
    ...refs(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ]),
];
const firstCss = refs(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g);
const gz = (file: string) => {
  const raw = readFileSync(join(dist, file));
  return { raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
};
const kb = (n: number) => (n / 1024).toFixed(1);
const rows = (files: string[]) =>
  files.map((f) => {
    const s = gz(f);
    console.log(`  ${f.padEnd(44)} ${kb(s.raw).padStart(8)} KB  ${kb(s.gzip).padStart(7)} KB gzip`);
    return s.gzip;
  });

console.log('first load of the public board');
const js = rows(firstJs).reduce((a, b) => a + b, 0);
const css = rows(firstCss).reduce((a, b) => a + b, 0);
const later = readdirSync(join(dist, 'assets'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => `assets/${f}`)
  .filter((f) => !firstJs.includes(f));
console.log('loaded later (on demand)');
rows(later);
console.log(`first-load JavaScript: ${kb(js)} KB gzip (budget ${BUDGET_KB} KB) · CSS ${kb(css)} KB gzip`);
if (process.argv.includes('--check') && js > BUDGET_KB * 1024) {
  console.error(`over the budget of ${BUDGET_KB} KB`);
  process.exit(1);
}
