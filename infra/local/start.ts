/**
 * `npm start`: the whole system on this machine. DynamoDB Local keeps its data under
 * `.data/dynamodb`, the local Step Functions engine runs the deployed ASL files, and the
 * local gateway serves the declared routes with the JWT checks API Gateway applies.
 *
 *   npm start [-- --port 3000] [--time-scale 3600] [--fresh] [--demo] [--quiet]
 *
 * The local system lives in the demo's year: on a fresh data folder the engine clock starts
 * at 2022-04-22 09:00 Beijing (the article's promotion meeting) and the first start loads
 * the demo with its history to 2022-07-01 (infra/local/demo/). The virtual time is written
 * to `.data/clock.json` every few seconds and on shutdown, and the next start goes on from
 * there: the workflows' timers, the claim windows and the monthly schedule all read that
 * clock, so stopping the process stops the year too.
 *
 * Every start runs the reconciler (functions/app/reconcile.ts): executions live in this
 * process and do not survive it, so each active item (of any year) and each open inquiry
 * gets a new generation of its workflow from the state recorded in DynamoDB. Ctrl-C stops everything,
 * DynamoDB Local included.
 */
import {
  existsSync,
  type FSWatcher,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Gateway, type LocalRuntime, watchStateMachines } from '@one-list/local-aws';
import { reconcile } from '../../functions/app/reconcile.ts';
import { listOrders } from '../../functions/data/orders.ts';
import { projectRoot } from '../resources/project-root.ts';
import { CONSOLE_DIR, ensureConsoleBuilt } from './console.ts';
import { DEMO_CALENDAR, DEMO_YEAR, managerOf, taskId } from './demo/catalog.ts';
import { loadDemoYear } from './demo/history.ts';
import { demoPresent } from './demo/load.ts';
import { localVerifier, mintToken } from './identity.ts';
import {
  corsOriginsFromCdkJson,
  dataDir,
  type LocalSes,
  notificationServices,
  removeEndpoints,
  startGateway,
  startLocalRuntime,
  throttlingFromCdkJson,
  writeEndpoints,
} from './platform.ts';

// The handlers' info logs (one JSON line per evaluation and step) drown the console; warnings
// and errors still show. POWERTOOLS_LOG_LEVEL=INFO npm start brings them back.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

const USAGE = `usage: npm start -- [--port 3000] [--host 127.0.0.1] [--time-scale N] [--fresh] [--demo] [--quiet]
  --port        gateway port (default 3000)
  --time-scale  virtual ms per real ms for workflows and commands (default: env ONE_LIST_TIME_SCALE or 1)
  --fresh       wipe .data/dynamodb, set the clock back to 2022-04-22 09:00 Beijing, start empty (no demo unless --demo)
  --demo        load the demo if it is not there yet (only on a clock still at 2022-04-22 09:00)
  --quiet       no access log`;

/**
 * Written into the data folder once its first start has finished (the demo loaded, or the
 * question "demo or not" answered). A folder with data but no marker is a first start that
 * was interrupted: the next start wipes it and does it again.
 */
const MARKER = 'one-list-demo.json';
/** The virtual time of the local system, carried from one start to the next. */
const CLOCK_FILE = join(dataDir(), 'clock.json');
/** How often the virtual time is written down while running (a crash loses at most this much). */
const CLOCK_SAVE_MS = 5_000;

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

interface SavedClock {
  /** Virtual time when written. */
  readonly virtualTime: string;
  readonly timeScale: number;
  /** Real time when written (for people reading the file). */
  readonly savedAt: string;
}

/** The virtual time recorded by the previous run, if any. */
function savedClock(): Date | undefined {
  if (!existsSync(CLOCK_FILE)) return undefined;
  let saved: Partial<SavedClock>;
  try {
    saved = JSON.parse(readFileSync(CLOCK_FILE, 'utf8')) as Partial<SavedClock>;
  } catch (err) {
    throw new Error(
      `${CLOCK_FILE} is not readable JSON (${(err as Error).message}): fix it or start with --fresh`,
    );
  }
  const at = new Date(saved.virtualTime ?? '');
  if (Number.isNaN(at.getTime()))
    throw new Error(`${CLOCK_FILE} holds no virtualTime: fix it or start with --fresh`);
  return at;
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves half a clock. */
function saveClock(clock: { now(): Date; timeScale: number }): void {
  const record: SavedClock = {
    virtualTime: clock.now().toISOString(),
    timeScale: clock.timeScale,
    savedAt: new Date().toISOString(),
  };
  const tmp = `${CLOCK_FILE}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(tmp, CLOCK_FILE);
}

/** `Fri 2022-04-22 09:00` in Beijing time: the calendar every rule of the system uses. */
function beijingLabel(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3600_000);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][local.getUTCDay()];
  return `${day} ${local.toISOString().slice(0, 16).replace('T', ' ')} Beijing time`;
}

/** The demo task the welcome's examples act on: the one the June evaluation found lagging. */
const EXAMPLE = { itemId: taskId(16), unitId: 'xiangmihu' } as const;

async function printWelcome(
  url: string,
  clock: LocalRuntime['clock'],
  demo: boolean,
  sfnEndpoint: string,
): Promise<void> {
  const unit = EXAMPLE.unitId;
  const person = managerOf(unit);
  const tokens = {
    COMMANDER: await mintToken({ role: 'commander', sub: 'local-commander' }),
    OFFICE: await mintToken({ role: 'office', sub: 'local-office' }),
    UNIT: await mintToken({ role: 'unit', unitId: unit }),
    MANAGER: await mintToken({ role: 'manager', unitId: unit, personId: person }),
    INSPECTOR: await mintToken({ role: 'inspector', sub: 'local-inspector' }),
  };
  // An inquiry the example unit still has to answer, if the year has one open for it now.
  const open = demo
    ? (await listOrders({ year: DEMO_YEAR, type: 'inquiry', unitId: unit, status: 'issued' }, 1)).items[0]
    : undefined;
  const now = clock.now();
  const month = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const lastMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  console.log(`
One List is running at ${url}  (Ctrl-C stops everything)
Open ${url}/ for the web console (public board; local sign-in at ${url}/sign-in)
Virtual time: ${beijingLabel(now)}, moving at ${clock.timeScale}× (saved in .data/clock.json)
Step Functions (local): ${sfnEndpoint}. npm run executions / evaluate / reconcile find it in
.data/endpoints.json (with no AWS_* variables set in their shell).

Tokens (12 h of real time; unit = ${unit}, manager = ${person}). Paste into your shell:
${Object.entries(tokens)
  .map(([k, v]) => `export ${k}=${v}`)
  .join('\n')}
More: npm run -s token -- --role unit --unit <unitId> [--person <personId>]

Try${demo ? '' : ' (the examples name demo items; this store has no demo: npm start -- --fresh --demo)'}:
  curl -s ${url}/v1/health
  curl -s ${url}/v1/public/stats/${DEMO_YEAR}
  curl -s ${url}/v1/public/rankings/${lastMonth}
  curl -s "${url}/v1/public/notices?year=${DEMO_YEAR}"
  curl -s -H "authorization: Bearer $OFFICE" ${url}/v1/evaluations/${lastMonth}
  curl -s -H "authorization: Bearer $UNIT" "${url}/v1/items?year=${DEMO_YEAR}&unit=${unit}"
  curl -s -H "authorization: Bearer $COMMANDER" "${url}/v1/orders?year=${DEMO_YEAR}&type=inquiry"
  curl -s -X POST -H "authorization: Bearer $MANAGER" -H 'content-type: application/json' \\
       -d '{"percentComplete":30,"milestones":[{"milestoneId":"m1","done":true}],"narrative":"Approvals filed"}' ${url}/v1/items/${EXAMPLE.itemId}/progress${
         open
           ? `
  curl -s -X POST -H "authorization: Bearer $UNIT" -H 'content-type: application/json' \\
       -d '{"text":"The approvals were held up","rectificationPlan":"Weekly meetings with the planning bureau"}' ${url}/v1/orders/${open.orderId}/responses`
           : ''
       }
`);
}

async function main(): Promise<void> {
  const opts = options();
  const dbPath = join(dataDir(), 'dynamodb');
  if (opts.fresh) {
    rmSync(dbPath, { recursive: true, force: true });
    rmSync(CLOCK_FILE, { force: true });
  }
  const marker = join(dbPath, MARKER);
  const firstStart = !existsSync(marker);
  if (firstStart && existsSync(dbPath) && readdirSync(dbPath).length > 0) {
    console.log(
      'the first start of this data folder did not finish (a half-loaded demo): wiping it and starting over',
    );
    rmSync(dbPath, { recursive: true, force: true });
    rmSync(CLOCK_FILE, { force: true });
  }
  // A data folder without its marker is new (or was never fully set up): its year begins
  // at the meeting. Otherwise the year goes on where the last run left it; a folder from
  // before the virtual calendar has no clock and keeps to real time.
  const resumed = firstStart ? undefined : savedClock();
  const origin = firstStart ? DEMO_CALENDAR.origin : (resumed ?? new Date());

  let starting: Promise<LocalRuntime> | undefined;
  let runtime: LocalRuntime | undefined;
  let gateway: Gateway | undefined;
  let saving: ReturnType<typeof setInterval> | undefined;
  let watcher: FSWatcher | undefined;
  let loading = false;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    const force = setTimeout(() => process.exit(code), 15_000);
    force.unref();
    try {
      clearInterval(saving);
      watcher?.close();
      if (loading) {
        console.log('the demo load was interrupted: the next npm start wipes it and loads it again');
      } else if (saving && runtime) {
        saveClock(runtime.clock);
        console.log(`virtual time saved: ${beijingLabel(runtime.clock.now())}`);
      }
      removeEndpoints();
      await gateway?.close();
      // A stop during start-up waits for the runtime, so DynamoDB Local is never left behind.
      const rt = runtime ?? (await starting?.catch(() => undefined));
      await rt?.stop();
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
    // Frozen until the start is done: restarted workflows and the demo load must not see
    // time pass (the load drives the clock itself), then it runs at --time-scale.
    // The declared schedules (monthly evaluation, daily deadline sweep) run as on AWS; the
    // scheduler looks at the clock often enough to follow the load's jumps at once.
    starting = startLocalRuntime({
      dbPath,
      // Evidence files and exports kept beside the table data; the console (served by the
      // gateway) and the cdk.json origins may POST and GET from a browser.
      s3: {
        directory: join(dataDir(), 's3'),
        corsOrigins: [
          ...new Set([
            `http://${opts.host}:${opts.port}`,
            `http://localhost:${opts.port}`,
            ...corsOriginsFromCdkJson(),
          ]),
        ],
      },
      timeScale: 0,
      origin,
      schedules: { tickMs: 100 },
      // The notification delivery: the domain event bus → queue → Notify, and SES (its viewer
      // shows what was sent). A failed delivery is retried after the declared visibility timeout.
      services: notificationServices(),
      dynamoDb: {
        // Noticed, said, restarted on the same port and folder (the data on disk is kept);
        // if it keeps dying, npm start stops with the reason rather than serve 503s.
        onEvent: (e) => {
          if (e.type === 'exited') {
            console.error(
              `DynamoDB Local exited unexpectedly (${e.signal ?? `code ${e.code}`}); restarting it. ${e.output.trim().split('\n').at(-1) ?? ''}`,
            );
          } else if (e.type === 'restarted') {
            console.error(`DynamoDB Local is back after ${e.ms} ms (same port, data on disk kept)`);
          } else {
            console.error(`${e.reason}: npm start stops (see .data/dynamodb; npm start again)`);
            void stop(1);
          }
        },
      },
    });
    runtime = await starting;
    if (stopping) return;
    console.log(
      `runtime up in ${Math.round(performance.now() - t0)} ms (DynamoDB Local ${runtime.dynamoDbEndpoint})`,
    );
    for (const s of runtime.schedules) console.log(`schedule ${s.id}: ${s.expression} (${s.timeZone})`);
    const ses = runtime.services.get('ses') as LocalSes | undefined;
    if (ses) console.log(`notifications: e-mails sent are at ${ses.url} (local SES)`);
    console.log(
      `virtual time: ${beijingLabel(runtime.clock.now())} (${
        resumed
          ? 'resumed from .data/clock.json'
          : firstStart
            ? 'a fresh data folder starts at the promotion meeting'
            : 'no saved clock: real time'
      })`,
    );

    // Before any demo load: the reconciler gives every waiting record (active items of any
    // year, open inquiries) its running execution; timers that passed while stopped act as
    // soon as the clock runs. Years around the clock's are visited too: data folders from
    // before the year registry list none.
    const year = runtime.clock.now().getUTCFullYear();
    const r = await reconcile(
      { actor: { role: 'system', sub: 'local-start' } },
      { alsoYears: [year - 1, year, year + 1] },
    );
    if (r.items.found + r.inquiries.found > 0) {
      console.log(
        `workflows: ${r.items.found} active items (${r.items.restarted} restarted), ${r.inquiries.found} open inquiries (${r.inquiries.restarted} restarted) in ${r.ms} ms`,
      );
    }

    const present = await demoPresent();
    const wantDemo = opts.demo || (firstStart && !opts.fresh);
    if (wantDemo && !present) {
      if (runtime.clock.nowMs() !== DEMO_CALENDAR.origin.getTime()) {
        throw new Error(
          `the demo begins at the promotion meeting (${beijingLabel(DEMO_CALENDAR.origin)}) but this data folder's clock is at ${beijingLabel(runtime.clock.now())}: npm start -- --fresh --demo`,
        );
      }
      // Until the load is complete the folder is an unfinished first start (see MARKER).
      rmSync(marker, { force: true });
      loading = true;
      const r = await loadDemoYear(runtime, { log: (line) => console.log(line) });
      loading = false;
      console.log(
        `demo loaded in ${r.ms} ms (meeting day ${r.base.timings.total} ms, history ${r.history.timings.total} ms); virtual time ${beijingLabel(runtime.clock.now())}`,
      );
    } else if (opts.demo && present) {
      console.log('demo already loaded');
    }
    writeFileSync(
      marker,
      JSON.stringify({
        demo: present || wantDemo,
        at: new Date().toISOString(),
        virtualAt: runtime.clock.now(),
      }),
    );

    ensureConsoleBuilt();
    runtime.clock.setTimeScale(opts.timeScale);
    const clock = runtime.clock;
    saveClock(clock);
    saving = setInterval(() => saveClock(clock), CLOCK_SAVE_MS);
    saving.unref();
    watcher = watchStateMachines(runtime, join(projectRoot, 'statemachines'), (line) => console.log(line));

    gateway = await startGateway({
      port: opts.port,
      host: opts.host,
      corsOrigins: corsOriginsFromCdkJson(),
      ...throttlingFromCdkJson(),
      verifier: localVerifier(),
      consoleDir: CONSOLE_DIR,
      localSignIn: true,
      ...(opts.quiet
        ? {}
        : { onRequest: (e) => console.log(`${e.method} ${e.path} → ${e.status} (${e.ms} ms)`) }),
    });
    const file = writeEndpoints({
      gatewayUrl: gateway.url,
      sfnEndpoint: runtime.sfnEndpoint,
      dynamoDbEndpoint: runtime.dynamoDbEndpoint,
      env: runtime.env,
      timeScale: opts.timeScale,
    });
    console.log(`started in ${Math.round(performance.now() - t0)} ms (endpoints in ${file})`);
    await printWelcome(gateway.url, runtime.clock, await demoPresent(), runtime.sfnEndpoint);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    await stop(1);
  }
}

await main();
