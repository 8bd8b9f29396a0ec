/**
 * `npm run reconcile [-- --json]`: gives every waiting record its running workflow — each
 * active item of any year and each open inquiry whose recorded execution is not RUNNING
 * gets the next generation, with an audit event (functions/app/reconcile.ts, the code npm
 * start runs at every start). Prints what it found and did.
 *
 * Locally it uses the endpoints the running `npm start` wrote to .data/endpoints.json; on
 * AWS your credentials and region, with MAIN_TABLE_NAME, ITEM_LIFECYCLE_STATE_MACHINE_ARN and
 * INQUIRY_STATE_MACHINE_ARN from the stack's outputs.
 */
import { parseArgs } from 'node:util';
import { followLocalClock, runTool, toolEnvironment } from './tool.ts';

export async function main(argv = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false } } });
  const target = toolEnvironment();
  await followLocalClock();
  const { reconcile } = await import('../functions/app/reconcile.ts');
  const r = await reconcile({ actor: { role: 'system', sub: 'reconcile' } });
  if (values.json) {
    console.log(JSON.stringify(r, null, 2));
    return 0;
  }
  console.log(`reconciled against ${target}; years ${r.years.join(', ') || '(none)'}`);
  console.log(
    `items:     ${r.items.found} active, ${r.items.running} running, ${r.items.restarted} restarted, ${r.items.gone} failed for a missing subject`,
  );
  console.log(
    `inquiries: ${r.inquiries.found} open, ${r.inquiries.running} running, ${r.inquiries.restarted} restarted, ${r.inquiries.gone} failed for a missing subject, ${r.inquiries.pending} left to their item's workflow`,
  );
  for (const line of r.restarted) console.log(`  restarted ${line}`);
  for (const line of r.gone) console.log(`  not restarted (subject gone) ${line}`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) await runTool(main);
