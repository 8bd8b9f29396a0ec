/**
 * `npm run relay [-- --json]`: one run of the outbox relay (functions/app/relay.ts), what the
 * OutboxRelay schedule does every minute: pending domain events onto the bus.
 *
 * Locally it uses the endpoints the running `npm start` wrote to .data/endpoints.json; on AWS
 * your credentials and region, with MAIN_TABLE_NAME and DOMAIN_EVENT_BUS_NAME from the stack.
 */
import { parseArgs } from 'node:util';
import { runTool, toolEnvironment } from './tool.ts';

export async function main(argv = process.argv.slice(2)): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false } } });
  const target = toolEnvironment();
  const { relayOutbox } = await import('../functions/app/relay.ts');
  const r = await relayOutbox();
  if (values.json) console.log(JSON.stringify(r, null, 2));
  else
    console.log(
      `relayed against ${target}: ${r.read} pending, ${r.published} published, ${r.failed} failed (${r.stuck} stuck)`,
    );
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) await runTool(main);
