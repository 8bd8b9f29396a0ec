/**
 * Periodic evaluation at scale on DynamoDB Local. Seeds N in-progress items (batch writes),
 * runs one evaluation period (the sharded run's steps in this process: every chunk scored,
 * then ranked, then the finish) for 1,000 and 10,000 items (and 100,000 with `--100k`) side
 * by side after a warm-up run, counting every DynamoDB request, and gives the ratios: time
 * growth per 10× items (≤ 11×: linear is 10×) and requests per item (≤ 1). Not a timed test.
 */
import { randomUUID } from 'node:crypto';
import { runEvaluation } from '../functions/app/evaluation.ts';
import { resetClient } from '../functions/data/db.ts';
import { itemRow } from '../functions/data/items.ts';
import { evaluate, type ItemSnapshot } from '../functions/domain/evaluation.ts';
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

/** Timed calls of the pure evaluation per size (after one that warms the compiler up). */
const PURE_ROUNDS = 7;

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
  const snapshots: ItemSnapshot[] = items.map((i) => ({
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
  }));
  // One call is 10–60 ms, the first of them compiled cold: the median of 7 after one to warm up.
  const times: number[] = [];
  for (let r = 0; r <= PURE_ROUNDS; r++) {
    const t2 = performance.now();
    evaluate(snapshots, '2022-05-31', new Map());
    if (r > 0) times.push(performance.now() - t2);
  }
  const pure = median(times);
  return { n, seeded, run, pure, evaluated: summary.items, inquiries: summary.inquiriesIssued, requests };
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
    const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const rows: Row[] = [];
    for (const r of runs) {
      const perItem = r.requests.requests / r.evaluated;
      rows.push({
        metric: `evaluation of ${r.n.toLocaleString('en')} items: DynamoDB requests per item`,
        measured: `${perItem.toFixed(3)} (${r.requests.reads} reads + ${r.requests.writes} writes; run ${fmt(r.run)}, seed ${fmt(r.seeded)}, pure ranking ${fmt(r.pure)}, ${r.evaluated} evaluated, ${r.inquiries} inquiries)`,
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
      // The pure rules alone, one call over all the items, median of PURE_ROUNDS (a quadratic
      // step in the domain hides behind DynamoDB Local's time in the row above: groupBy once
      // copied its groups).
      const pureGrowth = b.pure / a.pure;
      rows.push({
        metric: `pure evaluation (domain only), ${b.n.toLocaleString('en')} / ${a.n.toLocaleString('en')} items`,
        measured: `${pureGrowth.toFixed(2)}× for ${items}× items (${b.pure.toFixed(1)} ms / ${a.pure.toFixed(1)} ms, median of ${PURE_ROUNDS})`,
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
