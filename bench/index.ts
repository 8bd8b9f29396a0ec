/**
 * `npm run bench`: the benchmark, as one table whose rows each carry a goal and a verdict.
 * The Lambda bundles (size, source maps, fresh-process import against the floor, the AWS SDK
 * bundled or not: bench/bundles.ts), periodic evaluation at 1,000 and 10,000 items on
 * DynamoDB Local (bench/evaluation.ts), and the web console's budgets: the public board's
 * first-load JavaScript and its first paints in Chromium on the local gateway
 * (bench/console.ts). `npm run bench -- --bundles` measures the bundles only, `-- --console`
 * the console only. Exits non-zero when a goal is missed.
 */
import { measureBundles } from './bundles.ts';
import { measureConsole } from './console.ts';
import { measureEvaluation } from './evaluation.ts';
import { measurePublic } from './public.ts';
import { formatTable, type Row } from './table.ts';

const only = ['--bundles', '--console', '--public'].find((flag) => process.argv.includes(flag));
const rows: Row[] = [];
if (!only || only === '--bundles') rows.push(...(await measureBundles()));
if (!only) rows.push(...(await measureEvaluation()));
if (!only || only === '--console') rows.push(...(await measureConsole()));
if (!only || only === '--public') rows.push(...(await measurePublic()));
console.log(formatTable(rows));
if (rows.some((r) => r.ok === false)) process.exitCode = 1;
