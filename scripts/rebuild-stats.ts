/**
 * `npm run stats:rebuild [-- --year 2022]`: rebuilds the statistics record of every year that
 * has items (or of one year) from its items and batches (functions/app/stats.ts rebuildStats)
 * — for years written before the record existed, or to check it. Run it when the year's
 * writes are quiet: it replaces the record only if no change moved it meanwhile.
 *
 * Locally it uses the endpoints the running `npm start` wrote to .data/endpoints.json; on AWS
 * your credentials and region, with MAIN_TABLE_NAME from the stack's outputs.
 */
import { parseArgs } from 'node:util';
import { runTool, toolEnvironment } from './tool.ts';

export async function main(argv = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { year: { type: 'string' } } });
  const target = toolEnvironment();
  const { rebuildStats } = await import('../functions/app/stats.ts');
  const { registeredYears } = await import('../functions/data/years.ts');
  const years = values.year ? [Number(values.year)] : await registeredYears();
  for (const year of years) {
    const counters = await rebuildStats(year);
    console.log(`statistics of ${year} rebuilt against ${target}: ${counters.items ?? 0} items on the list`);
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) await runTool(main);
