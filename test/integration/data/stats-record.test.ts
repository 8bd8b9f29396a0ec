/**
 * The statistics record of a year moves in the transaction of every change (an ADD on
 * `STATS#<year>`), so a request reads it — with the order counters — in one BatchGetItem at
 * any size. After any sequence of changes (fast-check: items created, edited, published in
 * batches, claimed, awarded, assigned, acknowledged, reported on), the live record equals
 * the one rebuilt from the items and batches, and a year without a record (written before
 * it existed) gets it from the rebuild.
 */
import { BatchGetCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { assign, award, claim } from '../../../functions/app/commands/claims.ts';
import { editItem } from '../../../functions/app/commands/items.ts';
import { acknowledge, reportProgress } from '../../../functions/app/commands/work.ts';
import { computeCounters, rebuildStats, yearStats } from '../../../functions/app/stats.ts';
import { documentClient, mainTableName } from '../../../functions/data/db.ts';
import { listOrders } from '../../../functions/data/orders.ts';
import { readStats, statsKey } from '../../../functions/data/stats.ts';
import { DomainError } from '../../../functions/domain/errors.ts';
import type { Item } from '../../../functions/domain/model.ts';
import { coverTestYears } from '../../support/calendar.ts';
import {
  commander,
  createUnits,
  installRecordingPort,
  managerOf,
  newItem,
  office,
  publish,
  TestClock,
  unitActor,
} from '../../support/fixtures.ts';
import { freshTables } from '../../support/tables.ts';

let clock: TestClock;

beforeAll(async () => {
  await freshTables();
  await coverTestYears(2027, 2060);
  installRecordingPort();
  clock = new TestClock('2031-04-22T01:00:00Z');
  await createUnits(['meilin', 'huafu']);
}, 120_000);
afterAll(() => TestClock.restore());

/** The counters without the zeros (a rebuilt record has none; a live one keeps its zeros). */
const nonZero = (c: Record<string, number>) =>
  Object.fromEntries(Object.entries(c).filter(([, v]) => v !== 0));

type Step =
  | { op: 'create'; kind: 'task' | 'project' | 'reform'; itemClass: 'A' | 'B'; category: number }
  | { op: 'publish'; picks: number[] }
  | { op: 'claimAward'; pick: number; unit: number }
  | { op: 'assign'; pick: number; unit: number }
  | { op: 'acknowledge'; pick: number }
  | { op: 'progress'; pick: number; investment: number }
  | { op: 'edit'; pick: number; category: number; stage: number; total: number };

const CATEGORIES = ['strategic', 'siege', 'bottom-line'] as const;
const STAGES = ['construction', 'preliminary', 'planning'] as const;
const UNITS = ['meilin', 'huafu'] as const;

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant('create' as const),
    kind: fc.constantFrom('task' as const, 'project' as const, 'reform' as const),
    itemClass: fc.constantFrom('A' as const, 'B' as const),
    category: fc.nat(2),
  }),
  fc.record({
    op: fc.constant('publish' as const),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ op: fc.constant('claimAward' as const), pick: fc.nat(), unit: fc.nat(1) }),
  fc.record({ op: fc.constant('assign' as const), pick: fc.nat(), unit: fc.nat(1) }),
  fc.record({ op: fc.constant('acknowledge' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('progress' as const), pick: fc.nat(), investment: fc.nat(1_000_000) }),
  fc.record({
    op: fc.constant('edit' as const),
    pick: fc.nat(),
    category: fc.nat(2),
    stage: fc.nat(2),
    total: fc.integer({ min: 1, max: 5_000_000 }),
  }),
);

/** Runs a step; a refusal by the rules (the item in the wrong state) commits nothing. */
async function run(
  year: number,
  items: Item[],
  orders: Map<string, { orderId: string; unitId: string }>,
  s: Step,
) {
  const pick = (n: number) => items[n % Math.max(items.length, 1)];
  try {
    switch (s.op) {
      case 'create':
        items.push(
          await newItem({ year, kind: s.kind, itemClass: s.itemClass, category: CATEGORIES[s.category] }),
        );
        break;
      case 'publish': {
        const ids = [...new Set(s.picks.map((n) => pick(n)?.itemId).filter((x): x is string => !!x))];
        if (ids.length) await publish(clock, year, ids);
        break;
      }
      case 'claimAward': {
        const item = pick(s.pick);
        if (!item) break;
        const unitId = UNITS[s.unit]!;
        const c = await claim({ actor: unitActor(unitId) }, item.itemId, {
          plan: 'We lead it (invented)',
          managerId: managerOf(unitId),
        });
        const order = await award({ actor: commander }, item.itemId, c.claimId, {});
        orders.set(item.itemId, { orderId: order.orderId, unitId });
        break;
      }
      case 'assign': {
        const item = pick(s.pick);
        if (!item) break;
        const unitId = UNITS[s.unit]!;
        const order = await assign({ actor: office }, item.itemId, { unitId, managerId: managerOf(unitId) });
        orders.set(item.itemId, { orderId: order.orderId, unitId });
        break;
      }
      case 'acknowledge': {
        const o = pick(s.pick) && orders.get(pick(s.pick)!.itemId);
        if (o) await acknowledge({ actor: unitActor(o.unitId) }, o.orderId, {});
        break;
      }
      case 'progress': {
        const item = pick(s.pick);
        const o = item && orders.get(item.itemId);
        if (item && o) {
          await reportProgress({ actor: unitActor(o.unitId) }, item.itemId, {
            percentComplete: 10,
            investmentCompleted: s.investment,
            narrative: 'Invented progress.',
            correction: { reason: 'Invented figures may go down.' },
          });
        }
        break;
      }
      case 'edit': {
        const item = pick(s.pick);
        if (!item) break;
        await editItem({ actor: office }, item.itemId, {
          category: CATEGORIES[s.category],
          ...(item.kind === 'project'
            ? {
                project: {
                  stage: STAGES[s.stage],
                  totalInvestment: s.total,
                  annualInvestmentTarget: s.total,
                },
              }
            : {}),
        });
        break;
      }
    }
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
  }
  clock.advance(60_000);
}

describe('the statistics record', () => {
  it('equals the one rebuilt from the items after any sequence of changes', async () => {
    let year = 2032;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 30 }), async (steps) => {
        const y = year++;
        clock.set(`${y}-04-22T01:00:00Z`);
        const items: Item[] = [];
        const orders = new Map<string, { orderId: string; unitId: string }>();
        // A few items of every kind and class to start from, two of them on the list.
        const prelude: Step[] = [
          { op: 'create', kind: 'task', itemClass: 'A', category: 0 },
          { op: 'create', kind: 'project', itemClass: 'A', category: 1 },
          { op: 'create', kind: 'project', itemClass: 'B', category: 2 },
          { op: 'create', kind: 'reform', itemClass: 'A', category: 1 },
          { op: 'publish', picks: [1, 2] },
        ];
        for (const s of [...prelude, ...steps]) await run(y, items, orders, s);
        const live = await readStats(y);
        expect(nonZero(live.counters)).toEqual(await computeCounters(y));
        // The orders are the order counters: as many as the year's orders of each type.
        for (const [type, n] of Object.entries(live.orders)) {
          let count = 0;
          let cursor: string | undefined;
          do {
            const page = await listOrders({ year: y, type: type as never }, 100, cursor);
            count += page.items.length;
            cursor = page.nextCursor;
          } while (cursor);
          expect(n, type).toBe(count);
        }
      }),
      { numRuns: 10, endOnFailure: true },
    );
  }, 600_000);

  it('reads a year’s statistics in one BatchGetItem, and rebuilds a year that has no record', async () => {
    const y = 2031;
    clock.set('2031-04-22T01:00:00Z');
    const items: Item[] = [];
    for (const [i, kind] of (['task', 'project', 'reform', 'project'] as const).entries()) {
      items.push(await newItem({ year: y, kind, itemClass: i % 2 ? 'B' : 'A' }));
    }
    await publish(
      clock,
      y,
      items.slice(0, 3).map((i) => i.itemId),
    );
    const before = await yearStats(y);
    const client = documentClient();
    const send = vi.spyOn(client, 'send');
    try {
      expect(await yearStats(y)).toEqual(before);
      expect(send.mock.calls.map(([c]) => c.constructor.name)).toEqual([BatchGetCommand.name]);
    } finally {
      send.mockRestore();
    }
    expect(before).toMatchObject({
      items: 3,
      byKind: { task: 1, project: 1, reform: 1 },
      list: { batches: 1, items: 3, classA: 2, classB: 1 },
      projects: { byStage: { construction: { count: 1, totalInvestment: 1_000_000_000 } } },
    });
    // A year written before the record existed: the rebuild gives the same answer.
    await client.send(new DeleteCommand({ TableName: mainTableName(), Key: statsKey(y) }));
    expect((await yearStats(y)).items).toBe(0);
    await rebuildStats(y);
    expect(await yearStats(y)).toEqual(before);
    // And the record moves on from there with the next change.
    await publish(clock, y, [items[3]!.itemId]);
    expect((await yearStats(y)).byKind).toEqual({ task: 1, project: 2, reform: 1 });
    expect(nonZero((await readStats(y)).counters)).toEqual(await computeCounters(y));
  });
});
