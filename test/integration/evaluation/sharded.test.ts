/**
 * The sharded evaluation (statemachines/evaluation.asl.json, functions/app/evaluation.ts):
 * the same seeded items evaluated in chunks of 7 (on the local Step Functions engine: the
 * ScoreChunk loop, the RankChunks Map, Finish) and in one chunk (in process) give exactly the
 * same results, rankings, drafts and summaries, two periods running (the second ranks against
 * the first); and a chunk retried after its writes changes nothing.
 */
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type LocalRuntime, localStateMachineArn } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  evaluationOf,
  finishEvaluation,
  rankChunk,
  runEvaluation,
  type ScoredChunk,
  scoreChunk,
} from '#app/evaluation.ts';
import { documentClient, mainTableName } from '#data/db.ts';
import { getItems, itemRow } from '#data/items.ts';
import { listOrders } from '#data/orders.ts';
import { CATEGORIES, type Item, type ItemStatus, SYSTEM, type UnitType } from '#domain/model.ts';
import { startHarness } from '../../support/workflow-harness.ts';
import { moveClockTo } from './support.ts';

const actor = { ...SYSTEM, sub: 'evaluation' };
const AT = '2022-02-01T02:00:00.000Z';
const UNITS: [string, UnitType][] = [
  ['meilin', 'subdistrict'],
  ['huafu', 'subdistrict'],
  ['housing', 'department'],
  ['transport', 'department'],
  ['fti', 'enterprise'],
];
const N = 45;

/** A varied year: kinds, categories, units of three peer groups, ties, lapses, late awards, inactive items. */
function item(n: number): Item {
  const [unitId] = UNITS[n % UNITS.length]!;
  const kind = (['project', 'reform', 'task'] as const)[n % 3]!;
  const status: ItemStatus =
    n % 11 === 5 ? 'completed' : (['awarded', 'in_progress', 'completion_reported'] as const)[n % 3]!;
  const year = n % 9 === 0 ? 2021 : 2022;
  return {
    itemId: `sh-${String(n).padStart(3, '0')}`,
    year,
    kind,
    itemClass: n % 4 === 0 ? 'B' : 'A',
    category: CATEGORIES[(n * 7) % 3]!,
    title: `Sharded item ${n} (invented)`,
    description: '',
    leadUnitId: unitId,
    managerId: `p-${unitId}-1`,
    supportingUnitIds: [],
    milestones: [
      { id: 'm1', title: 'First part', dueDate: '2022-03-31', weight: 40 },
      { id: 'm2', title: 'Second part', dueDate: '2022-09-30', weight: 60 },
    ],
    deadline: n % 10 === 3 ? '2022-04-15' : '2022-12-31',
    targets: [],
    ...(kind === 'project'
      ? {
          project: {
            stage: 'construction',
            totalInvestment: 1000,
            annualInvestmentTarget: 100 + n,
          },
        }
      : {}),
    status,
    responsibilityOrderId: `2022-RES-${String(n).padStart(4, '0')}`,
    awardedAt: n % 17 === 4 ? '2022-05-20T02:00:00.000Z' : AT,
    // Few distinct values: ties within categories and peer groups.
    percentComplete: ((n * 13) % 9) * 7,
    investmentCompleted: n * 3,
    milestonesDone: n % 4 === 0 ? { m1: '2022-03-30' } : {},
    openInquiryIds: [],
    inquiriesToStart: [],
    lapsesActedOn: [],
    acknowledgementReminded: false,
    createdAt: AT,
    updatedAt: AT,
    version: 1,
    auditSeq: 0,
    auditHead: '0'.repeat(64),
  } as Item;
}

const items = Array.from({ length: N }, (_, n) => item(n));

async function seed(): Promise<void> {
  const rows = [
    ...UNITS.map(([u, unitType]) => ({
      PK: `UNIT#${u}`,
      SK: 'UNIT',
      entity: 'unit',
      GSI1PK: 'UNITS',
      GSI1SK: `${unitType}#${u}`,
      unitId: u,
      unitType,
      name: u,
      createdAt: AT,
      version: 0,
    })),
    ...items.map(itemRow),
  ];
  for (let i = 0; i < rows.length; i += 25) {
    await documentClient().send(
      new BatchWriteCommand({
        RequestItems: { [mainTableName()]: rows.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  }
}

/** What a run leaves for a period: summary (but its time), unit rankings, item results, drafts. */
async function stored(period: string) {
  const e = await evaluationOf(period);
  const { ranAt: _r, ...summary } = e.summary!;
  return { summary, units: e.units, items: e.items, drafts: e.drafts };
}

/** The raw records of a period's partition, of the items and of their orders. */
async function tableState(period: string) {
  const res = await documentClient().send(
    new QueryCommand({
      TableName: mainTableName(),
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `EVAL#${period}` },
      ConsistentRead: true,
    }),
  );
  const { items: orders } = await listOrders({ year: 2022, type: 'inquiry' }, 100);
  return {
    period: res.Items,
    items: await getItems(items.map((i) => i.itemId)),
    orders: orders.map((o) => ({ ...o })).sort((a, b) => (a.orderId < b.orderId ? -1 : 1)),
  };
}

let rt: LocalRuntime;
const chunked: Record<string, Awaited<ReturnType<typeof stored>>> = {};
const chunkCounts: Record<string, number> = {};

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
  // lagging_rank proposes drafts, the others issue inquiries: both kinds of consequence run.
  process.env.EVALUATION_CONFIG = JSON.stringify({
    thresholds: { bottomShare: 0.25, bottomPeriodsRunning: 2 },
  });
  rt = await startHarness();
  await seed();
  moveClockTo(rt, '2022-06-01T02:00:00+08:00');
});

afterAll(async () => {
  delete process.env.EVALUATION_CHUNK_SIZE;
  delete process.env.EVALUATION_CONFIG;
  await rt?.stop();
});

describe('the sharded evaluation', () => {
  it('in chunks of 7 on the engine: April, then May (ranked against April)', async () => {
    process.env.EVALUATION_CHUNK_SIZE = '7';
    try {
      for (const period of ['2022-04', '2022-05']) {
        const { executionArn } = await rt.engine.startExecution({
          stateMachineArn: localStateMachineArn('Evaluation'),
          name: `chunked-${period}`,
          input: JSON.stringify({ job: 'evaluate', period }),
        });
        const done = await rt.engine.waitForExecution(executionArn);
        expect(done.status, done.cause).toBe('SUCCEEDED');
        const output = JSON.parse(done.output ?? '{}') as {
          scan: { chunk: number };
          chunks: { numbers: number[] };
          result: { summary: { items: number } };
        };
        chunkCounts[period] = output.scan.chunk;
        // The Map carried chunk numbers only, not items or results.
        expect(output.chunks.numbers).toEqual(Array.from({ length: output.scan.chunk }, (_, i) => i));
        chunked[period] = await stored(period);
        expect(output.result.summary.items).toBe(chunked[period]!.items.length);
      }
    } finally {
      delete process.env.EVALUATION_CHUNK_SIZE;
    }
    const active = items.filter((i) => i.status !== 'completed').length;
    // 2021 items are carried over; an item awarded on 20 May is not in April.
    expect(chunked['2022-05']!.items).toHaveLength(active);
    expect(chunked['2022-04']!.items.length).toBeLessThan(active);
    expect(chunkCounts['2022-05']).toBeGreaterThanOrEqual(Math.ceil(active / 7));
    // Every kind of outcome happened, so the comparison below compares something.
    const may = chunked['2022-05']!;
    const flags = new Set(may.items.flatMap((r) => r.flags));
    expect([...flags].sort()).toEqual([
      'lagging_progress',
      'lagging_rank',
      'missed_deadline',
      'overdue_milestone',
    ]);
    expect(may.drafts.length).toBeGreaterThan(0);
    expect(may.summary.inquiriesIssued).toBeGreaterThan(0);
    expect(new Set(may.units.map((u) => u.peerGroup)).size).toBe(3);
    expect(may.items.some((r) => r.rankChange !== undefined && r.bottomRunning === 2)).toBe(true);
  });

  it('in one chunk: exactly the same results, rankings, drafts and summaries', async () => {
    for (const period of ['2022-04', '2022-05']) {
      const summary = await runEvaluation({ actor }, period, { chunkSize: 1000, run: `one-${period}` });
      const once = await stored(period);
      const { ranAt: _r, ...rest } = summary;
      expect(once.summary).toEqual(rest);
      expect(once).toEqual(chunked[period]);
    }
  });

  it('a chunk scored and ranked again after its writes changes nothing', async () => {
    const period = '2022-05';
    const run = 'retried';
    const scans: ScoredChunk[] = [];
    let scan: ScoredChunk = { period, last: -1, chunk: 0, done: false, position: null };
    while (!scan.done) {
      const from = scan;
      scan = await scoreChunk({ actor }, period, run, from.chunk, from.position, 7);
      scans.push({ ...from });
    }
    for (let c = 0; c < scan.chunk; c++) await rankChunk({ actor }, period, run, c, scan.chunk);
    await finishEvaluation({ actor }, period, run, scan.chunk);
    const before = await tableState(period);
    expect(await stored(period)).toEqual(chunked[period]);

    // Step Functions retries a chunk whose Lambda invocation timed out after it wrote.
    const retried = scans[2]!;
    const again = await scoreChunk({ actor }, period, run, retried.chunk, retried.position, 7);
    expect(again.chunk).toBe(3);
    await rankChunk({ actor }, period, run, 2, scan.chunk);
    await finishEvaluation({ actor }, period, run, scan.chunk);
    expect(await tableState(period)).toEqual(before);
  });

  it('ranks every chunk but the first from the merged tally, and the first run reads no results back', async () => {
    const period = '2022-03';
    const run = 'counted';
    let scan: ScoredChunk = { period, last: -1, chunk: 0, done: false, position: null };
    while (!scan.done) scan = await scoreChunk({ actor }, period, run, scan.chunk, scan.position, 7);
    expect(scan.chunk).toBeGreaterThan(3);
    // Which prefixes each step queried (`:sk` of a key query): TALLY# is the chunk tallies,
    // ITEM# the period's results.
    const queried = async (step: () => Promise<unknown>) => {
      const client = documentClient();
      const send = client.send;
      const prefixes: string[] = [];
      (client as { send: unknown }).send = (
        command: { input: Record<string, unknown> },
        ...rest: unknown[]
      ) => {
        if (command instanceof QueryCommand)
          prefixes.push(String((command.input.ExpressionAttributeValues as Record<string, unknown>)[':sk']));
        return (send as (...a: unknown[]) => Promise<unknown>).call(client, command, ...rest);
      };
      try {
        await step();
      } finally {
        (client as { send: unknown }).send = send;
      }
      return prefixes;
    };
    const ranked: string[][] = [];
    for (let c = 0; c < scan.chunk; c++)
      ranked.push(await queried(() => rankChunk({ actor }, period, run, c, scan.chunk)));
    expect(ranked[0]).toContain('TALLY#');
    // Each chunk read every chunk's tally: chunks² tally reads in a run.
    for (const later of ranked.slice(1)) expect(later).not.toContain('TALLY#');
    const finished = await queried(() => finishEvaluation({ actor }, period, run, scan.chunk));
    expect(finished).not.toContain('TALLY#');
    expect(finished).not.toContain('ITEM#');
    const counted = await stored(period);
    expect(counted.items.length).toBeGreaterThan(0);

    // A second run of the period reads the results back (it may have rows to clear) and
    // stores the same.
    const again = await queried(() => runEvaluation({ actor }, period, { chunkSize: 1000, run: 'again' }));
    expect(again).toContain('ITEM#');
    expect(await stored(period)).toEqual(counted);
  });

  it("a run after one that stopped before its finish clears that run's rows of items no longer active", async () => {
    const period = '2022-02';
    let scan: ScoredChunk = { period, last: -1, chunk: 0, done: false, position: null };
    while (!scan.done) scan = await scoreChunk({ actor }, period, 'stopped', scan.chunk, scan.position, 7);
    for (let c = 0; c < scan.chunk; c++) await rankChunk({ actor }, period, 'stopped', c, scan.chunk);
    const left = items.find((i) => i.status === 'in_progress' && i.year === 2022)!;
    expect((await tableState(period)).period!.some((r) => r.SK === `ITEM#${left.itemId}`)).toBe(true);
    // The item leaves the active statuses before the next run.
    await documentClient().send(
      new BatchWriteCommand({
        RequestItems: {
          [mainTableName()]: [{ PutRequest: { Item: itemRow({ ...left, status: 'completed' }) } }],
        },
      }),
    );
    try {
      await runEvaluation({ actor }, period, { chunkSize: 7, run: 'after' });
      const results = (await stored(period)).items;
      expect(results.length).toBeGreaterThan(0);
      expect(results.some((r) => r.itemId === left.itemId)).toBe(false);
    } finally {
      await documentClient().send(
        new BatchWriteCommand({
          RequestItems: { [mainTableName()]: [{ PutRequest: { Item: itemRow(left) } }] },
        }),
      );
    }
  });

  it('refuses to rank a chunk before every chunk was scored', async () => {
    await expect(rankChunk({ actor }, '2022-05', 'retried', 0, 99)).rejects.toThrow(/tallies, not 99/);
  });
});
