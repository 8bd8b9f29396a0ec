/**
 * The system the console's page loads are measured against (bench/console.ts starts it), in a
 * process of its own as `npm start` runs it, so the browser's driver shares no event loop with
 * the gateway: the runtime with its own in-memory DynamoDB Local on the demo's clock (frozen),
 * a small published list — the demo's units and its 30 class A tasks in one batch, created
 * through the application commands as the demo's loader does — and the gateway serving the
 * built console with cdk.json's throttling, as `npm start` does. Before it reports ready, one
 * request to each route the board calls imports the API function's handler (the gateway's
 * cold start, measured per bundle elsewhere in the benchmark).
 *
 * Sends `{ url, items }` over IPC when ready (or `{ failed }`); stops on SIGTERM, SIGINT or
 * when the IPC channel closes.
 */
import { randomUUID } from 'node:crypto';
import { createItem, publishBatch } from '../functions/app/commands/items.ts';
import { createUnit } from '../functions/app/commands/units.ts';
import type { Ctx } from '../functions/app/support.ts';
import { childSystem } from '../infra/local/child-system.ts';
import { CONSOLE_DIR } from '../infra/local/console.ts';
import { classATaskInputs, DEMO_CALENDAR, DEMO_YEAR, UNITS } from '../infra/local/demo/catalog.ts';
import { inParallel } from '../infra/local/demo/load.ts';
import { localVerifier } from '../infra/local/identity.ts';
import { corsOriginsFromCdkJson, throttlingFromCdkJson } from '../infra/local/platform.ts';

/** What the parent hears. */
export type ConsoleSystemMessage = { url: string; items: number } | { failed: string };

process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
const office: Ctx = { actor: { role: 'office', sub: 'bench-loader' } };

const system = childSystem();

const send = (m: ConsoleSystemMessage) => process.send?.(m);

try {
  await system.runtime({
    tablePrefix: `benchconsole${randomUUID().slice(0, 8)}-`,
    origin: DEMO_CALENDAR.origin,
    timeScale: 0,
  });
  await inParallel(UNITS, 8, (u) =>
    createUnit(office, { unitId: u.unitId, name: u.name, nameZh: u.nameZh, unitType: u.unitType }),
  );
  const tasks = classATaskInputs();
  await inParallel(tasks, 8, ({ itemId, ...input }) => createItem(office, input, itemId));
  await publishBatch(office, DEMO_YEAR, {
    title: `${DEMO_YEAR}年任务清单第一批`,
    itemIds: tasks.map((t) => t.itemId),
    claimWindow: { closesAt: DEMO_CALENDAR.claimWindowClosesAt },
  });
  const gw = await system.gateway({
    corsOrigins: corsOriginsFromCdkJson(),
    ...throttlingFromCdkJson(),
    verifier: localVerifier(),
    consoleDir: CONSOLE_DIR,
    localSignIn: true,
  });
  for (const path of [
    '/',
    '/config.json',
    '/v1/health',
    '/v1/public/units',
    `/v1/public/lists/${DEMO_YEAR}`,
  ]) {
    const r = await fetch(`${gw.url}${path}`);
    await r.arrayBuffer();
    if (!r.ok) throw new Error(`GET ${path} answered ${r.status}`);
  }
  send({ url: gw.url, items: tasks.length });
} catch (err) {
  send({ failed: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  await system.stop(1);
}
