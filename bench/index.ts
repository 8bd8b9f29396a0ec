/**
 * `npm run bench`: the benchmark, as one table whose rows each carry a goal and a verdict.
 * The Lambda bundles (size, source maps, fresh-process import against the floor, the AWS SDK
 * bundled or not: bench/bundles.ts), periodic evaluation at 1,000 and 10,000 items on
 * DynamoDB Local (bench/evaluation.ts), and the web console's budgets: the public board's
 * first-load JavaScript and its first paints in Chromium on the local gateway
 * (bench/console.ts); the backend (issue 12): evaluation at 1,000 and 10,000 items (100,000
 * with `--100k`), the API handlers' p99 against the DynamoDB calls beneath them (bench/api.ts),
 * history events per item-year on the local engine (bench/history.ts) and the monthly AWS cost
 * from those figures (bench/cost.ts). `-- --bundles`, `-- --console`, `-- --backend` measure
 * one part only; `-- --json` prints the same rows as JSON; `-- --smoke` runs tiny sizes without
 * the browser (CI: that it runs; its verdicts do not set the exit code). Exits non-zero when a
 * goal is missed.
 */
import { DEFAULT_CHUNK_SIZE } from '../functions/app/evaluation.ts';
import { measureApi } from './api.ts';
import { measureBundles } from './bundles.ts';
import { measureConsole } from './console.ts';
import { costRows } from './cost.ts';
import { measureEvaluation } from './evaluation.ts';
import { measureHistory } from './history.ts';
import { measurePublic } from './public.ts';
import { formatTable, type Row } from './table.ts';

const flag = (f: string) => process.argv.includes(f);
const only = ['--bundles', '--console', '--backend', '--public'].find(flag);
const all = only === undefined;
/** Tiny sizes, no browser: that it runs, not what it measures (CI). */
const smoke = flag('--smoke');
const started = performance.now();
// The handlers' metrics (EMF lines) go to stdout; with --json, stdout holds the rows only.
const stdoutWrite = process.stdout.write.bind(process.stdout);
if (flag('--json')) process.stdout.write = process.stderr.write.bind(process.stderr);
const rows: Row[] = [];
if (all || only === '--bundles') rows.push(...(await measureBundles()));
if (all || only === '--backend') {
  const sizes = smoke ? [100, 1_000] : flag('--100k') ? [1_000, 10_000, 100_000] : [1_000, 10_000];
  console.error(`evaluation at ${sizes.join(', ')} items…`);
  const evaluation = await measureEvaluation({ sizes });
  console.error(formatTable(evaluation.rows));
  console.error('API handlers against DynamoDB…');
  const api = await measureApi({ iterations: smoke ? 50 : 1_000 });
  console.error(formatTable(api.rows));
  console.error('an item-year on the local engine…');
  const history = await measureHistory();
  rows.push(...evaluation.rows, ...api.rows, ...history.rows);
  rows.push(...costRows(api.report, history.year, evaluation.runs.at(-1)!, DEFAULT_CHUNK_SIZE));
}
if ((all && !smoke) || only === '--public') rows.push(...(await measurePublic()));
if ((all && !smoke) || only === '--console') rows.push(...(await measureConsole()));
const seconds = ((performance.now() - started) / 1000).toFixed(0);
process.stdout.write = stdoutWrite;
if (flag('--json'))
  console.log(JSON.stringify({ at: new Date().toISOString(), seconds: Number(seconds), rows }, null, 2));
else console.log(`${formatTable(rows)}\n(${seconds} s${smoke ? ', smoke sizes' : ''})`);
if (!smoke && rows.some((r) => r.ok === false)) process.exitCode = 1;
