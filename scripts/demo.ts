/**
 * `npm run demo [-- --months N]`: the 2022 list of the article, played as a year. Starts a
 * fresh in-memory system (DynamoDB Local, the Step Functions engine with the declared
 * schedules, the local gateway), loads the demo with its history to 2022-07-01, then plays
 * July to December through the HTTP API and the real workflows, printing each month's
 * evaluation, rankings, orders and public notices, and ends with the year's statistics.
 *
 * stdout carries the story and is the same on every run; timings go to stderr. Exit 0, or 1
 * with the reason.
 */
import { parseArgs } from 'node:util';

// The handlers log each evaluation at info level; the demo prints its own account of it.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

const { DEMO_CALENDAR } = await import('../infra/local/demo/catalog.ts');
const { loadDemoYear } = await import('../infra/local/demo/history.ts');
const { playDemo, yearFigures } = await import('../infra/local/demo/player.ts');
const { corsOriginsFromCdkJson, startGateway, startLocalRuntime } = await import(
  '../infra/local/platform.ts'
);
const { localVerifier } = await import('../infra/local/identity.ts');

type Runtime = Awaited<ReturnType<typeof startLocalRuntime>>;
type Gateway = Awaited<ReturnType<typeof startGateway>>;

const USAGE = `usage: npm run demo [-- --months N]
  --months  months to play after the history, from July 2022 (default 6: to the end of the year)`;

function months(): number {
  const { values } = parseArgs({
    options: { months: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const n = Number(values.months ?? '6');
  if (!Number.isInteger(n) || n < 1 || n > 6)
    throw new Error(`--months: a whole number from 1 to 6, not ${values.months}`);
  return n;
}

const err = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const t0 = performance.now();
  const n = months();
  let rt: Runtime | undefined;
  let gw: Gateway | undefined;
  try {
    rt = await startLocalRuntime({
      origin: DEMO_CALENDAR.origin,
      // Frozen: the demo moves the clock itself, step by step (infra/local/demo/time.ts).
      timeScale: 0,
      // The scheduler looks at the clock every 50 ms, so a monthly run starts right after each jump.
      schedules: { tickMs: 50 },
    });
    err(`demo: runtime up in ${Math.round(performance.now() - t0)} ms (in memory)`);
    gw = await startGateway({ corsOrigins: corsOriginsFromCdkJson(), verifier: localVerifier() });

    console.log('One List — the 2022 list of Futian District, played as a year (invented demo data)');
    console.log(
      `from ${DEMO_CALENDAR.origin.toISOString()} (2022-04-22 09:00 Beijing, the promotion meeting)`,
    );
    console.log('');
    const loaded = await loadDemoYear(rt, { log: err });
    const june = await fetch(`${gw.url}/v1/public/rankings/2022-06`);
    if (!june.ok) throw new Error(`the history left no June ranking (${june.status})`);
    const t = loaded.history.tally;
    console.log(
      `history to 2022-07-01 09:00 (application commands): claims, awards and assignments; ${t.progress} progress reports, ${t.verified} tasks verified and commended, ${t.answered} inquiry answered, ${t.rectified} closed; the scheduled evaluations of 2022-04, 2022-05 and 2022-06`,
    );
    console.log('');
    await playDemo({ runtime: rt, baseUrl: gw.url, months: n, out: (line) => console.log(line), log: err });
    const { lines } = await yearFigures(gw.url);
    for (const line of lines) console.log(line);
    err(`demo: done in ${Math.round(performance.now() - t0)} ms`);
  } finally {
    await gw?.close();
    await rt?.stop();
  }
}

try {
  await main();
  process.exit(0);
} catch (e) {
  console.error(`demo failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
