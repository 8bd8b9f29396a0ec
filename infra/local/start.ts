/**
 * `npm start`: the whole system on this machine. DynamoDB Local keeps its data under
 * `.data/dynamodb`, the local Step Functions engine runs the deployed ASL files, and the
 * local gateway serves the declared routes with the JWT checks API Gateway applies.
 *
 *   npm start [-- --port 3000] [--time-scale 3600] [--fresh] [--demo] [--quiet]
 *
 * First start: loads the demo (the 2022 list of the article). Every start: restarts the
 * workflows of active items from the state recorded in DynamoDB, because executions live
 * in this process and do not survive it. Ctrl-C stops everything, DynamoDB Local included.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ScanCommand, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { restartWorkflow } from '../../functions/app/commands/items.ts';
import { documentClient, mainTableName } from '../../functions/data/db.ts';
import { DEMO_STAGES, DEMO_YEAR, managerOf } from './demo/catalog.ts';
import { demoPresent, loadDemo } from './demo/load.ts';
import { projectRoot } from './dynamodb.ts';
import { corsOriginsFromCdkJson, type Gateway, startGateway } from './gateway.ts';
import { type LocalRuntime, startLocalRuntime } from './runtime.ts';
import { localVerifier, mintToken } from './tokens.ts';

const USAGE = `usage: npm start -- [--port 3000] [--host 127.0.0.1] [--time-scale N] [--fresh] [--demo] [--quiet]
  --port        gateway port (default 3000)
  --time-scale  virtual ms per real ms for workflows and commands (default: env ONE_LIST_TIME_SCALE or 1)
  --fresh       wipe .data/dynamodb and start empty (no demo unless --demo)
  --demo        load the demo if it is not there yet
  --quiet       no access log`;

/** Written into the data folder once the question "demo or not" has been answered for it. */
const MARKER = 'one-list-demo.json';

function options() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '3000' },
      host: { type: 'string', default: '127.0.0.1' },
      'time-scale': { type: 'string' },
      fresh: { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = Number(values.port);
  const timeScale = Number(values['time-scale'] ?? process.env.ONE_LIST_TIME_SCALE ?? '1');
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: not a port: ${values.port}`);
  if (!Number.isFinite(timeScale) || timeScale < 0)
    throw new Error(`--time-scale: not a number >= 0: ${timeScale}`);
  return { ...values, port, timeScale };
}

/** Items whose workflow should be running: everything published and not yet closed out. */
async function activeItemIds(): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page: ScanCommandOutput = await documentClient().send(
      new ScanCommand({
        TableName: mainTableName(),
        FilterExpression: 'entity = :item AND NOT (#s IN (:draft, :completed))',
        ProjectionExpression: 'itemId',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':item': 'item', ':draft': 'draft', ':completed': 'completed' },
        ExclusiveStartKey: start,
      }),
    );
    for (const row of page.Items ?? []) ids.push(String(row.itemId));
    start = page.LastEvaluatedKey;
  } while (start);
  return ids;
}

async function restartActiveWorkflows(): Promise<number> {
  const ids = await activeItemIds();
  const ctx = { actor: { role: 'system' as const, sub: 'local-start' } };
  for (let i = 0; i < ids.length; i += 8) {
    await Promise.all(ids.slice(i, i + 8).map((id) => restartWorkflow(ctx, id)));
  }
  return ids.length;
}

async function printWelcome(url: string, timeScale: number, demo: boolean): Promise<void> {
  const unit = DEMO_STAGES.inProgress.unitId;
  const person = managerOf(unit);
  const tokens = {
    COMMANDER: await mintToken({ role: 'commander', sub: 'local-commander' }),
    OFFICE: await mintToken({ role: 'office', sub: 'local-office' }),
    UNIT: await mintToken({ role: 'unit', unitId: unit }),
    MANAGER: await mintToken({ role: 'manager', unitId: unit, personId: person }),
    INSPECTOR: await mintToken({ role: 'inspector', sub: 'local-inspector' }),
  };
  const task = DEMO_STAGES.inProgress.itemId;
  console.log(`
One List is running at ${url}  (time scale ${timeScale}; Ctrl-C stops everything)

Tokens (12 h; unit = ${unit}, manager = ${person}). Paste into your shell:
${Object.entries(tokens)
  .map(([k, v]) => `export ${k}=${v}`)
  .join('\n')}
More: npm run -s token -- --role unit --unit <unitId> [--person <personId>]

Try${demo ? '' : ' (the examples name demo items; this store has no demo: npm start -- --fresh --demo)'}:
  curl -s ${url}/v1/health
  curl -s ${url}/v1/public/lists/${DEMO_YEAR}
  curl -s -H "authorization: Bearer $UNIT" "${url}/v1/items?year=${DEMO_YEAR}&kind=task&limit=5"
  curl -s -H "authorization: Bearer $OFFICE" "${url}/v1/items/${DEMO_STAGES.awarded.itemId}/claims"
  curl -s -X POST -H "authorization: Bearer $UNIT" -H 'content-type: application/json' \\
       -d '{"plan":"We lead it with a dedicated team","managerId":"${person}"}' ${url}/v1/items/${DEMO_YEAR}-T-06/claims
  curl -s -X POST -H "authorization: Bearer $MANAGER" -H 'content-type: application/json' \\
       -d '{"percentComplete":50,"narrative":"Main works half done"}' ${url}/v1/items/${task}/progress
  curl -s -H "authorization: Bearer $COMMANDER" "${url}/v1/orders?year=${DEMO_YEAR}&type=responsibility"
`);
}

async function main(): Promise<void> {
  const opts = options();
  const dbPath = join(projectRoot, '.data', 'dynamodb');
  if (opts.fresh) rmSync(dbPath, { recursive: true, force: true });
  const marker = join(dbPath, MARKER);
  const firstStart = !existsSync(marker);

  let starting: Promise<LocalRuntime> | undefined;
  let gateway: Gateway | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    const force = setTimeout(() => process.exit(code), 15_000);
    force.unref();
    try {
      await gateway?.close();
      // A stop during start-up waits for the runtime, so DynamoDB Local is never left behind.
      const runtime = await starting?.catch(() => undefined);
      await runtime?.stop();
    } catch (err) {
      console.error('error while stopping:', err);
    }
    process.exit(code);
  };
  // `on`, not `once`: Ctrl-C reaches this process both from the terminal and relayed by
  // tsx; a second signal must find a listener, or Node exits at once with 130.
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const t0 = performance.now();
    // The declared schedules (monthly evaluation, daily deadline sweep) run as on AWS.
    starting = startLocalRuntime({ dbPath, timeScale: opts.timeScale, schedules: true });
    const runtime = await starting;
    if (stopping) return;
    console.log(
      `runtime up in ${Math.round(performance.now() - t0)} ms (DynamoDB Local ${runtime.dynamoDbEndpoint})`,
    );
    for (const s of runtime.schedules) console.log(`schedule ${s.id}: ${s.expression} (${s.timeZone})`);

    // Before any demo load: restart only what was running before this process started.
    const t1 = performance.now();
    const restarted = await restartActiveWorkflows();
    if (restarted > 0) {
      console.log(
        `restarted the workflows of ${restarted} active items in ${Math.round(performance.now() - t1)} ms`,
      );
    }

    const present = await demoPresent();
    const wantDemo = opts.demo || (firstStart && !opts.fresh);
    if (wantDemo && !present) {
      const r = await loadDemo({ log: (line) => console.log(line) });
      console.log(`demo loaded in ${r.timings.total} ms`);
    } else if (opts.demo && present) {
      console.log('demo already loaded');
    }
    writeFileSync(marker, JSON.stringify({ demo: present || wantDemo, at: new Date().toISOString() }));

    gateway = await startGateway({
      port: opts.port,
      host: opts.host,
      corsOrigins: corsOriginsFromCdkJson(),
      verifier: localVerifier(),
      ...(opts.quiet
        ? {}
        : { onRequest: (e) => console.log(`${e.method} ${e.path} → ${e.status} (${e.ms} ms)`) }),
    });
    console.log(`started in ${Math.round(performance.now() - t0)} ms`);
    await printWelcome(gateway.url, opts.timeScale, await demoPresent());
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    await stop(1);
  }
}

await main();
