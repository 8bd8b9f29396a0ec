/**
 * Bundle report of the built console (web/dist): the JavaScript and CSS the public board's
 * first load fetches (the entry script and the modules index.html preloads), gzipped, against
 * the budget of 150 KB of JavaScript; then the chunks loaded later (ECharts on the statistics
 * page). Fonts are left out: they come in unicode-range slices, only those a page shows. The
 * computation is ./first-load.ts (the benchmark's row uses it too).
 *
 *   npm run web:size [-- --check]     (--check: exit 1 over the budget)
 */
import { type AssetSize, FIRST_LOAD_JS_BUDGET_KB, firstLoadReport, kb } from './first-load.ts';

const report = firstLoadReport();
const print = (files: readonly AssetSize[]) => {
  for (const s of files)
    console.log(`  ${s.file.padEnd(44)} ${kb(s.raw).padStart(8)} KB  ${kb(s.gzip).padStart(7)} KB gzip`);
};

console.log('first load of the public board');
print(report.js);
print(report.css);
console.log('loaded later (on demand)');
print(report.later);
console.log(
  `first-load JavaScript: ${kb(report.jsGzip)} KB gzip (budget ${FIRST_LOAD_JS_BUDGET_KB} KB) · CSS ${kb(report.cssGzip)} KB gzip`,
);
if (process.argv.includes('--check') && report.jsGzip > FIRST_LOAD_JS_BUDGET_KB * 1024) {
  console.error(`over the budget of ${FIRST_LOAD_JS_BUDGET_KB} KB`);
  process.exit(1);
}
