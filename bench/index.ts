/**
 * `npm run bench`: the benchmark, as one table whose rows each carry a goal and a verdict.
 * The Lambda bundles (size, source maps, fresh-process import against the floor, the AWS SDK
 * bundled or not: bench/bundles.ts) and periodic evaluation at 1,000 and 10,000 items on
 * DynamoDB Local (bench/evaluation.ts). `npm run bench -- --bundles` measures the bundles only.
 * Exits non-zero when a goal is missed.
 */
import { measureBundles } from './bundles.ts';
import { measureEvaluation } from './evaluation.ts';
import { formatTable, type Row } from './table.ts';

const rows: Row[] = [...(await measureBundles())];
if (!process.argv.includes('--bundles')) rows.push(...(await measureEvaluation()));
console.log(formatTable(rows));
if (rows.some((r) => r.ok === false)) process.exitCode = 1;
