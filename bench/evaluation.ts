/**
 * Periodic evaluation at scale on DynamoDB Local. Seeds N in-progress items (batch writes),
 * runs one evaluation period (the sharded run's steps in this process: every chunk scored,
 * then ranked, then the finish) for 1,000 and 10,000 items (and 100,000 with `--100k`) side
 * by side after a warm-up run, counting every DynamoDB request, and gives the ratios: time
 * growth per 10× items (≤ 11×: linear is 10×) and requests per item (≤ 1). Not a timed test.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_CHUNK_SIZE, runEvaluation } from '../functions/app/evaluation.ts';
import { resetClient } from '../functions/data/db.ts';
import { itemRow } from '../functions/data/items.ts';
import {
  type ItemSnapshot,
  mergeTallies,
  resultOf,
  type ScoreTally,
  scoreItem,
  tallyScores,
} from '../functions/domain/evaluation.ts';
import type { Item } from '../functions/domain/model.ts';
import { setClock } from '../functions/lib/clock.ts';
import { createTables, startDynamoDbLocal } from '../infra/local/platform.ts';
import { type Consumed, countCapacity } from './capacity.ts';
import { benchItem, unitRow, writeRows } from './seed.ts';
import { median, type Row } from './table.ts';

/** Time growth per 10× items (issue 12): linear is 10. */
export const MAX_GROWTH_PER_10X = 11;
/** DynamoDB requests per evaluated item (issue 12). */
export const MAX_REQUESTS_PER_ITEM = 1;

const UNITS = [
  'yuanling',
  'nanyuan',
  'futian',
  'shatou',
  'meilin',
  'huafu',
  'xiangmihu',
  'lianhua',
  'huaqiangbei',
  'fubao',
];
const AT = '2022-05-01T01:00:00.000Z';

const item = (n: number, prefix: string): Item =>
  benchItem(`${prefix}-${String(n).padStart(5, '0')}`, UNITS[n % UNITS.length]!, AT, {
    kind: (['project', 'reform', 'task'] as const)[n % 3]!,
    itemClass: n % 4 === 0 ? 'B' : 'A',
    category: (['strategic', 'siege', 'bottom-line'] as const)[n % 3]!,
    title: `Benchmark item ${n} (invented)`,
    responsibilityOrderId: `2022-RES-${String(n).padStart(4, '0')}`,
    // 10..100: no item lags 20 points, so the run measures evaluation, not order issue.
    percentComplete: 10 + ((n * 37) % 91),
  });

async function seed(items: Item[]): Promise<void> {
  await writeRows([...UNITS.map((u) => unitRow(u, AT)), ...items.map(itemRow)]);
}

export interface EvaluationRun {
  n: number;
  seeded: number;
  run: number;
  pure: number;
  evaluated: number;
  inquiries: number;
  requests: Consumed;
}

/** Timed rounds of the pure evaluation per size, after WARM_ROUNDS that warm the compiler up. */
const PURE_ROUNDS = 7;
const WARM_ROUNDS = 2;
const DATE = '2022-05-31';

/**
 * The pure rules over `snapshots` as the sharded run calls them (functions/app/evaluation.ts):
 * each chunk of DEFAULT_CHUNK_SIZE scored and tallied, the tallies merged, each chunk ranked.
 * Each chunk's input is fresh objects, as an invocation parses its page (a copy made outside the
 * timing): iterating 100,000 snapshots built long before measured the CPU's caches, not the
 * rules. Answers the milliseconds spent in the rules.
 */
function pureEvaluation(snapshots: readonly ItemSnapshot[]): number {
  const page = (i: number) => structuredClone(snapshots.slice(i, i + DEFAULT_CHUNK_SIZE));
  let ms = 0;
  const tallies: ScoreTally[] = [];
  for (let i = 0; i < snapshots.length; i += DEFAULT_CHUNK_SIZE) {
    const items = page(i);
    const t = performance.now();
    tallies.push(tallyScores(items.map((s) => scoreItem(s, DATE))));
    ms += performance.now() - t;
  }
  let t = performance.now();
  const tally = mergeTallies(tallies);
  ms += performance.now() - t;
  let evaluated = 0;
  for (let i = 0; i < snapshots.length; i += DEFAULT_CHUNK_SIZE) {
    // The second pass reads the chunk's staged scores: scored again here, outside the timing.
    const scores = page(i).map((s) => scoreItem(s, DATE));
    t = performance.now();
    evaluated += scores.map((s) => resultOf(s, tally, undefined)).length;
    ms += performance.now() - t;
  }
  if (evaluated !== snapshots.length) throw new Error(`evaluated ${evaluated} of ${snapshots.length}`);
  return ms;
}

const snapshotOf = (i: Item): ItemSnapshot => ({
  itemId: i.itemId,
  kind: i.kind,
  category: i.category,
  unitId: i.leadUnitId!,
  peerGroup: 'subdistrict',
  startDate: '2022-05-01',
  deadline: i.deadline,
  milestones: i.milestones,
  milestonesDone: {},
  percentComplete: i.percentComplete,
});

async function measure(n: number, endpoint: string): Promise<EvaluationRun> {
  Object.assign(process.env, await createTables(endpoint, `bench${n}-${randomUUID().slice(0, 6)}-`));
  resetClient();
  const items = Array.from({ length: n }, (_, i) => item(i, `B${n}`));
  const t0 = performance.now();
  await seed(items);
  const seeded = performance.now() - t0;
  const requests = countCapacity();
  const t1 = performance.now();
  const summary = await runEvaluation({ actor: { role: 'system', sub: 'bench' } }, '2022-05');
  const run = performance.now() - t1;
  requests.stop();
  return { n, seeded, run, pure: 0, evaluated: summary.items, inquiries: summary.inquiriesIssued, requests };
}

/**
 * The pure evaluation of every size, side by side: WARM_ROUNDS rounds over all the sizes, then
 * PURE_ROUNDS rounds taking each size in turn (a round of one size after the other, so that
 * the compiler's tiers and the heap's state are the same for all); the median per size.
 */
function measurePure(runs: EvaluationRun[]): void {
  const sets = runs.map((r) => Array.from({ length: r.n }, (_, i) => snapshotOf(item(i, `B${r.n}`))));
  const times = runs.map(() => [] as number[]);
  for (let round = -WARM_ROUNDS; round < PURE_ROUNDS; round++)
    sets.forEach((set, k) => {
      const ms = pureEvaluation(set);
      if (round >= 0) times[k]!.push(ms);
    });
  runs.forEach((r, k) => {
    r.pure = median(times[k]!);
  });
}

export async function measureEvaluation(options: { sizes: readonly number[] }): Promise<{
  rows: Row[];
  runs: EvaluationRun[];
}> {
  process.env.AWS_REGION ??= 'local';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  setClock({ now: () => new Date('2022-06-01T02:00:00+08:00') });
  const ddb = await startDynamoDbLocal();
  process.env.AWS_ENDPOINT_URL_DYNAMODB = ddb.endpoint;
  try {
    // Warm-up: the JIT, the client's connections and DynamoDB Local's own JVM.
    await measure(Math.max(100, Math.min(1_000, options.sizes[0] ?? 1_000)), ddb.endpoint);
    const runs: EvaluationRun[] = [];
    for (const n of options.sizes) runs.push(await measure(n, ddb.endpoint));
    measurePure(runs);
    const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const rows: Row[] = [];
    for (const r of runs) {
      const perItem = r.requests.requests / r.evaluated;
      rows.push({
        metric: `evaluation of ${r.n.toLocaleString('en')} items: DynamoDB requests per item`,
        measured: `${perItem.toFixed(3)} (${r.requests.reads} reads + ${r.requests.writes} writes; run ${fmt(r.run)}, seed ${fmt(r.seeded)}, pure rules ${r.pure.toFixed(1)} ms, ${r.evaluated} evaluated, ${r.inquiries} inquiries)`,
        goal: `≤ ${MAX_REQUESTS_PER_ITEM}`,
        ok: r.evaluated === r.n && perItem <= MAX_REQUESTS_PER_ITEM,
      });
    }
    for (let i = 1; i < runs.length; i++) {
      const [a, b] = [runs[i - 1]!, runs[i]!];
      const growth = b.run / a.run;
      const items = b.n / a.n;
      rows.push({
        metric: `evaluation time, ${b.n.toLocaleString('en')} / ${a.n.toLocaleString('en')} items`,
        measured: `${growth.toFixed(2)}× for ${items}× items (${fmt(b.run)} / ${fmt(a.run)})`,
        goal: `≤ ${((MAX_GROWTH_PER_10X * items) / 10).toFixed(1)}× (linear: ${items}×)`,
        ok: growth <= (MAX_GROWTH_PER_10X * items) / 10,
      });
      // The pure rules alone, chunk by chunk as the run calls them, median of PURE_ROUNDS (a
      // quadratic step in the domain hides behind DynamoDB Local's time in the row above:
      // groupBy once copied its groups; an item's rank once scanned its group's scores).
      const pureGrowth = b.pure / a.pure;
      rows.push({
        metric: `pure evaluation (domain only), ${b.n.toLocaleString('en')} / ${a.n.toLocaleString('en')} items`,
        measured: `${pureGrowth.toFixed(2)}× for ${items}× items (${b.pure.toFixed(1)} ms / ${a.pure.toFixed(1)} ms, chunks of ${DEFAULT_CHUNK_SIZE.toLocaleString('en')}, median of ${PURE_ROUNDS})`,
        goal: `≤ ${((MAX_GROWTH_PER_10X * items) / 10).toFixed(1)}× (linear: ${items}×)`,
        ok: pureGrowth <= (MAX_GROWTH_PER_10X * items) / 10,
      });
    }
    return { rows, runs };
  } finally {
    await ddb.stop();
    setClock(undefined);
  }
}
