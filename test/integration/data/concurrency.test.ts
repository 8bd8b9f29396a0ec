/**
 * Races against DynamoDB Local: many awards of one item, many progress reports on one
 * item, many orders numbered at once. Everything goes through the application commands;
 * the results are read back from the table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assign, award, claim } from '#app/commands/claims.ts';
import { closeClaims } from '#app/commands/items.ts';
import { reportProgress, reportViolation } from '#app/commands/work.ts';
import { setWorkflowPort } from '#app/ports.ts';
import { readTrail } from '#data/audit.ts';
import { claimsOf } from '#data/claims.ts';
import { getItem, itemPk } from '#data/items.ts';
import { currentNumber, listOrders } from '#data/orders.ts';
import { allProgressOf, progressOf } from '#data/progress.ts';
import { verifyTrail } from '#domain/audit.ts';
import { Conflict, DomainError, RuleViolation } from '#domain/errors.ts';
import { type Order, type OrderType, SYSTEM } from '#domain/model.ts';
import { displayNumber, orderId } from '#domain/orders.ts';
import { coverTestYears } from '../../support/calendar.ts';
import {
  commander,
  createUnits,
  DAY,
  inspector,
  installRecordingPort,
  itemInProgress,
  managerActor,
  managerOf,
  newItem,
  office,
  publish,
  TestClock,
  unitActor,
} from '../../support/fixtures.ts';
import { freshTables } from '../../support/tables.ts';

const UNITS = ['meilin', 'xiangmihu', 'futian', 'shatou', 'huafu'];
let clock: TestClock;

beforeAll(async () => {
  await freshTables();
  // Its clock is in the 2030s, which the package does not cover: test tables, not official ones.
  await coverTestYears(2027, 2040);
  installRecordingPort();
  clock = new TestClock('2031-03-03T02:00:00Z');
  await createUnits(UNITS);
});

afterAll(() => {
  setWorkflowPort(undefined);
  TestClock.restore();
});

/** Every order of a filter, page by page. */
async function allOrders(filter: Parameters<typeof listOrders>[0], limit = 7): Promise<Order[]> {
  const out: Order[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listOrders(filter, limit, cursor);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    out.push(...page.items);
    cursor = page.nextCursor;
    expect(++pages).toBeLessThan(100);
  } while (cursor);
  return out;
}

async function trailOf(itemId: string) {
  const [item, trail] = await Promise.all([getItem(itemId), readTrail(itemPk(itemId))]);
  const verification = verifyTrail(trail, { seq: item.auditSeq, hash: item.auditHead });
  return { item, trail, verification };
}

function expectNumbered(orders: Order[], type: OrderType, year: number, n: number): void {
  const numbers = orders.map((o) => o.number).sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  expect(new Set(orders.map((o) => o.orderId)).size).toBe(n);
  for (const o of orders) {
    expect(o.orderType).toBe(type);
    expect(o.year).toBe(year);
    expect(o.orderId).toBe(orderId(type, year, o.number));
    expect(o.displayNumber).toBe(displayNumber(type, year, o.number));
  }
}

describe('50 concurrent awards of one item', () => {
  it('issue exactly one responsibility order; every loser gets 422 or 409', async () => {
    const year = 2031;
    const item = await newItem({ year, title: 'Invented demo: Huafu Street area renovation' });
    await publish(clock, year, [item.itemId]);
    // Five units claim at once: one claim each, all kept.
    const claims = await Promise.all(
      UNITS.map((u) =>
        claim({ actor: unitActor(u) }, item.itemId, { plan: `plan of ${u}`, managerId: managerOf(u) }),
      ),
    );
    expect((await claimsOf(item.itemId)).map((c) => c.status)).toEqual(UNITS.map(() => 'pending'));
    clock.advance(15 * DAY);
    expect((await closeClaims({ actor: SYSTEM }, item.itemId)).status).toBe('claims_closed');

    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        award({ actor: i % 2 ? commander : office }, item.itemId, claims[i % claims.length]!.claimId, {
          note: `attempt ${i}`,
        }),
      ),
    );

    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const err of lost) {
      expect(err).toBeInstanceOf(DomainError);
      expect(err instanceof RuleViolation || err instanceof Conflict, String(err)).toBe(true);
      expect(['rule', 'conflict']).toContain((err as DomainError).kind);
    }
    const order = won[0]!;
    expect(order).toMatchObject({ orderType: 'responsibility', year, number: 1, status: 'issued' });

    // Exactly one responsibility order for the item, and the counter agrees.
    const ofItem = await allOrders({ year, itemId: item.itemId });
    expect(ofItem.map((o) => o.orderId)).toEqual([order.orderId]);
    expect(await allOrders({ year, type: 'responsibility' })).toHaveLength(1);
    expect(await currentNumber('responsibility', year)).toBe(1);

    // The item, the claims and the order tell the same story.
    const stored = await getItem(item.itemId);
    const winnerClaim = claims.find((c) => c.claimId === stored.awardedClaimId)!;
    expect(winnerClaim).toBeDefined();
    expect(stored).toMatchObject({
      status: 'awarded',
      responsibilityOrderId: order.orderId,
      leadUnitId: winnerClaim.unitId,
      managerId: winnerClaim.managerId,
    });
    expect(order.unitId).toBe(winnerClaim.unitId);
    const after = await claimsOf(item.itemId);
    expect(after.filter((c) => c.status === 'awarded').map((c) => c.claimId)).toEqual([winnerClaim.claimId]);
    expect(after.filter((c) => c.status === 'declined')).toHaveLength(UNITS.length - 1);

    // One award on the trail, which verifies against the item's head.
    const { trail, verification } = await trailOf(item.itemId);
    expect(verification).toEqual({ valid: true, events: trail.length });
    const awarded = trail.filter((e) => e.type === 'claim.awarded');
    expect(awarded).toHaveLength(1);
    expect(awarded[0]!.data).toMatchObject({ claimId: winnerClaim.claimId });
    expect((awarded[0]!.data.declined as string[]).sort()).toEqual(
      UNITS.filter((u) => u !== winnerClaim.unitId).sort(),
    );
    expect(trail.filter((e) => e.type === 'order.responsibility.issued')).toHaveLength(1);
    expect(trail.filter((e) => e.type === 'claim.filed')).toHaveLength(UNITS.length);
  }, 120_000);
});

describe('50 concurrent progress reports on one item', () => {
  it('all land as separate records, each with its audit event, and the trail verifies', async () => {
    const year = 2032;
    const { item } = await itemInProgress(clock, { year, unitId: 'meilin' });
    const start = await getItem(item.itemId);
    expect(start.status).toBe('in_progress');

    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        reportProgress(
          { actor: i % 2 ? unitActor('meilin') : managerActor(managerOf('meilin')) },
          item.itemId,
          // One figure for all: a report below the last one is refused (unless a correction),
          // and which report commits last is up to the race.
          { percentComplete: 40, narrative: `report ${i}` },
        ),
      ),
    );
    const rejected = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
    expect(rejected).toEqual([]);
    const reports = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(new Set(reports.map((r) => r.reportId)).size).toBe(50);

    // Stored: all 50, none overwritten, each as it was reported.
    const stored = await allProgressOf(item.itemId);
    expect(stored).toHaveLength(50);
    const byId = new Map(stored.map((r) => [r.reportId, r]));
    for (const r of reports) expect(byId.get(r.reportId)).toEqual(r);
    expect(stored.map((r) => r.narrative).sort()).toEqual(
      Array.from({ length: 50 }, (_, i) => `report ${i}`).sort(),
    );

    // Page by page gives the same 50, once each.
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await progressOf(item.itemId, 7, cursor);
      expect(page.items.length).toBeLessThanOrEqual(7);
      paged.push(...page.items.map((r) => r.reportId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged.sort()).toEqual([...byId.keys()].sort());

    // 50 audit events, one per report; the trail verifies against the item's head.
    const { item: after, trail, verification } = await trailOf(item.itemId);
    expect(verification).toEqual({ valid: true, events: trail.length });
    expect(trail).toHaveLength(after.auditSeq);
    const events = trail.filter((e) => e.type === 'progress.reported');
    expect(events).toHaveLength(50);
    expect(events.map((e) => e.data.reportId as string).sort()).toEqual([...byId.keys()].sort());
    expect(after.version).toBe(start.version + 50);
    expect(after.auditSeq).toBe(start.auditSeq + 50);
    // The item keeps the figures of the report committed last.
    expect(after.percentComplete).toBe(events.at(-1)!.data.percentComplete);
  }, 120_000);
});

describe('order numbers under concurrency', () => {
  it('inquiry orders issued in parallel on 20 items are numbered 1..n, no gaps, no repeats', async () => {
    const year = 2033;
    const items = await Promise.all(
      Array.from({ length: 20 }, (_, i) => newItem({ year, title: `Invented demo task ${i + 1}` })),
    );
    await publish(
      clock,
      year,
      items.map((i) => i.itemId),
    );

    // Responsibility orders one after another (50 racing for one number: see the award test).
    const assigned: Order[] = [];
    for (const [i, item] of items.entries()) {
      const unitId = UNITS[i % UNITS.length]!;
      assigned.push(
        await assign({ actor: commander }, item.itemId, { unitId, managerId: managerOf(unitId) }),
      );
    }
    expectNumbered(assigned, 'responsibility', year, 20);
    expectNumbered(await allOrders({ year, type: 'responsibility' }), 'responsibility', year, 20);
    expect(await currentNumber('responsibility', year)).toBe(20);

    // 20 violation reports at once, one on each item: one counter, 20 transactions.
    const inquiries = await Promise.all(
      items.map((item, i) =>
        reportViolation({ actor: inspector }, item.itemId, {
          description: `suspected irregular tendering (${i})`,
          reference: `CDI-${i}`,
        }),
      ),
    );
    expectNumbered(inquiries, 'inquiry', year, 20);
    const listed = await allOrders({ year, type: 'inquiry' });
    expectNumbered(listed, 'inquiry', year, 20);
    // Listed in number order.
    expect(listed.map((o) => o.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await currentNumber('inquiry', year)).toBe(20);
    expect(await currentNumber('commendation', year)).toBe(0);
    expect(await allOrders({ year })).toHaveLength(40);

    // Each item holds exactly its own inquiry as open, and its trail verifies.
    await Promise.all(
      items.map(async (item, i) => {
        const own = await allOrders({ year, itemId: item.itemId, type: 'inquiry' });
        expect(own.map((o) => o.orderId)).toEqual([inquiries[i]!.orderId]);
        expect(own[0]).toMatchObject({ trigger: 'violation', status: 'issued', unitId: assigned[i]!.unitId });
        const { item: stored, trail, verification } = await trailOf(item.itemId);
        expect(stored.openInquiryIds).toEqual([inquiries[i]!.orderId]);
        expect(verification.valid).toBe(true);
        expect(trail.filter((e) => e.type === 'violation.reported')).toHaveLength(1);
      }),
    );
  }, 120_000);
});
