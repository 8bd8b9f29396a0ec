/**
 * Periodic evaluation at scale on DynamoDB Local. Seeds N in-progress items (batch writes),
 * runs one evaluation period for 1,000 and for 10,000 items side by side, and gives the
 * ratios: time per item at 10k vs 1k (≈1 means linear), and the share of the pure ranking
 * rules in the whole run. Not a timed test: nothing fails on a number.
 */
import { randomUUID } from 'node:crypto';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { runEvaluation } from '../functions/app/evaluation.ts';
import { documentClient, mainTableName, resetClient } from '../functions/data/db.ts';
import { itemRow } from '../functions/data/items.ts';
import { evaluate, type ItemSnapshot } from '../functions/domain/evaluation.ts';
import type { Item } from '../functions/domain/model.ts';
import { setClock } from '../functions/lib/clock.ts';
import { createTables, startDynamoDbLocal } from '../infra/local/platform.ts';
import type { Row } from './table.ts';

/** Time per item at 10k over 1k: linear is 1; above this the run does not scale. */
export const MAX_PER_ITEM_RATIO = 1.5;

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

function item(n: number, prefix: string): Item {
  const unitId = UNITS[n % UNITS.length]!;
  return {
    itemId: `${prefix}-${String(n).padStart(5, '0')}`,
    year: 2022,
    kind: (['project', 'reform', 'task'] as const)[n % 3]!,
    itemClass: n % 4 === 0 ? 'B' : 'A',
    category: (['strategic', 'siege', 'bottom-line'] as const)[n % 3]!,
    title: `Benchmark item ${n} (invented)`,
    description: '',
    leadUnitId: unitId,
    supportingUnitIds: [],
    milestones: [
      { id: 'm1', title: 'First half', dueDate: '2022-06-30', weight: 50 },
      { id: 'm2', title: 'Second half', dueDate: '2022-12-31', weight: 50 },
    ],
    deadline: '2022-12-31',
    targets: [],
    status: 'in_progress',
    responsibilityOrderId: `2022-RES-${String(n).padStart(4, '0')}`,
    awardedAt: AT,
    percentComplete: (n * 37) % 101,
    investmentCompleted: 0,
    milestonesDone: {},
    openInquiryIds: [],
    inquiriesToStart: [],
    lapsesActedOn: [],
    acknowledgementReminded: false,
    createdAt: AT,
    updatedAt: AT,
    version: 1,
    auditSeq: 0,
    auditHead: '0'.repeat(64),
  };
}

async function seed(items: Item[]): Promise<void> {
  const rows = [
    ...UNITS.map((u) => ({
      PK: `UNIT#${u}`,
      SK: 'UNIT',
      entity: 'unit',
      GSI1PK: 'UNITS',
      GSI1SK: `subdistrict#${u}`,
      unitId: u,
      unitType: 'subdistrict',
      name: u,
      createdAt: AT,
      version: 0,
    })),
    ...items.map(itemRow),
  ];
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < rows.length; i += 25) chunks.push(rows.slice(i, i + 25));
  await Promise.all(
    Array.from({ length: 8 }, async (_, w) => {
      for (let c = w; c < chunks.length; c += 8) {
        await documentClient().send(
          new BatchWriteCommand({
            RequestItems: { [mainTableName()]: chunks[c]!.map((Item) => ({ PutRequest: { Item } })) },
          }),
        );
      }
    }),
  );
}

async function measure(n: number, endpoint: string) {
  Object.assign(process.env, await createTables(endpoint, `bench${n}-${randomUUID().slice(0, 6)}-`));
  resetClient();
  const items = Array.from({ length: n }, (_, i) => item(i, `B${n}`));
  const t0 = performance.now();
  await seed(items);
  const seeded = performance.now() - t0;
  // Progress is set so that no item lags 20 points: the run measures evaluation, not order issue.
  const t1 = performance.now();
  const summary = await runEvaluation({ actor: { role: 'system', sub: 'bench' } }, '2022-05');
  const run = performance.now() - t1;
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
  const t2 = performance.now();
  evaluate(snapshots, '2022-05-31', new Map());
  const pure = performance.now() - t2;
  return { n, seeded, run, pure, evaluated: summary.items, inquiries: summary.inquiriesIssued };
}

export async function measureEvaluation(): Promise<Row[]> {
  process.env.AWS_REGION ??= 'local';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  setClock({ now: () => new Date('2022-06-01T02:00:00+08:00') });
  const ddb = await startDynamoDbLocal();
  process.env.AWS_ENDPOINT_URL_DYNAMODB = ddb.endpoint;
  try {
    const small = await measure(1_000, ddb.endpoint);
    const large = await measure(10_000, ddb.endpoint);
    const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const rows: Row[] = [small, large].map((r) => ({
      metric: `evaluation of ${r.n.toLocaleString('en')} items`,
      measured: `${fmt(r.run)} (seed ${fmt(r.seeded)}, ${r.evaluated} evaluated, ${r.inquiries} inquiries, pure ranking ${fmt(r.pure)})`,
      goal: '—',
    }));
    const ratio = large.run / large.n / (small.run / small.n);
    rows.push({
      metric: 'evaluation: time per item, 10k / 1k',
      measured: ratio.toFixed(2),
      goal: `≤ ${MAX_PER_ITEM_RATIO} (1.00 = linear)`,
      ok: ratio <= MAX_PER_ITEM_RATIO,
    });
    rows.push({
      metric: 'evaluation: pure ranking / whole run at 10k',
      measured: (large.pure / large.run).toFixed(3),
      goal: '—',
    });
    return rows;
  } finally {
    await ddb.stop();
    setClock(undefined);
  }
}
