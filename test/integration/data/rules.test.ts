/**
 * Rules enforced against the stored state: optimistic versioning of items, one claim per
 * unit, the claim window (with the application clock), units acting only on their own
 * items and orders, class B items and the claim round.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assign, claim } from '#app/commands/claims.ts';
import { answerInquiry } from '#app/commands/inquiries.ts';
import { closeClaims, publishBatch, reopen } from '#app/commands/items.ts';
import { acknowledge, reportCompletion, reportProgress, reportViolation } from '#app/commands/work.ts';
import { setWorkflowPort } from '#app/ports.ts';
import { readTrail } from '#data/audit.ts';
import { claimsOf } from '#data/claims.ts';
import { UnitOfWork } from '#data/db.ts';
import { getItem, itemPk, saveItem } from '#data/items.ts';
import { currentNumber } from '#data/orders.ts';
import { allProgressOf } from '#data/progress.ts';
import { verifyTrail } from '#domain/audit.ts';
import { Conflict, Forbidden, RuleViolation } from '#domain/errors.ts';
import { SYSTEM } from '#domain/model.ts';
import { coverTestYears } from '../../support/calendar.ts';
import {
  commander,
  createUnits,
  DAY,
  expectDomainError,
  inspector,
  installRecordingPort,
  itemInProgress,
  managerActor,
  managerOf,
  newItem,
  office,
  publish,
  type RecordingPort,
  TestClock,
  unitActor,
} from '../../support/fixtures.ts';
import { freshTables } from '../../support/tables.ts';

let clock: TestClock;
let port: RecordingPort;

beforeAll(async () => {
  await freshTables();
  // Its clock is in the 2030s, which the package does not cover: test tables, not official ones.
  await coverTestYears(2027, 2040);
  port = installRecordingPort();
  clock = new TestClock('2031-06-02T02:00:00Z');
  await createUnits(['meilin', 'xiangmihu']);
});

afterAll(() => {
  setWorkflowPort(undefined);
  TestClock.restore();
});

const plan = (unitId: string) => ({ plan: `plan of ${unitId}`, managerId: managerOf(unitId) });

describe('optimistic versioning', () => {
  it('of two saves from the same read, the second fails with Conflict and changes nothing', async () => {
    const item = await newItem({ year: 2031 });
    const before = await getItem(item.itemId);

    const first = new UnitOfWork();
    const saved = saveItem(first, before, { ...before, title: 'First edit', updatedAt: clock.iso() }, [
      { type: 'test.edited', actor: office, data: { by: 'first' } },
    ]);
    await first.commit();
    expect(saved.version).toBe(before.version + 1);

    const second = new UnitOfWork();
    saveItem(second, before, { ...before, title: 'Second edit', updatedAt: clock.iso() }, [
      { type: 'test.edited', actor: office, data: { by: 'second' } },
    ]);
    const err = await expectDomainError(second.commit(), 'conflict', 'concurrent_change');
    expect(err).toBeInstanceOf(Conflict);

    const stored = await getItem(item.itemId);
    expect(stored).toMatchObject({ title: 'First edit', version: before.version + 1 });
    const trail = await readTrail(itemPk(item.itemId));
    expect(trail.filter((e) => e.type === 'test.edited').map((e) => e.data.by)).toEqual(['first']);
    expect(verifyTrail(trail, { seq: stored.auditSeq, hash: stored.auditHead }).valid).toBe(true);
  });

  it('of two saves from the same read committed at once, exactly one lands', async () => {
    const item = await newItem({ year: 2031 });
    const before = await getItem(item.itemId);
    const uows = ['a', 'b'].map((by) => {
      const uow = new UnitOfWork();
      saveItem(uow, before, { ...before, title: `Edit ${by}`, updatedAt: clock.iso() }, [
        { type: 'test.edited', actor: office, data: { by } },
      ]);
      return uow;
    });
    const results = await Promise.allSettled(uows.map((u) => u.commit()));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [lost] = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(lost).toBeInstanceOf(Conflict);
    const stored = await getItem(item.itemId);
    expect(stored.version).toBe(before.version + 1);
    const trail = await readTrail(itemPk(item.itemId));
    expect(trail.filter((e) => e.type === 'test.edited')).toHaveLength(1);
    expect(verifyTrail(trail, { seq: stored.auditSeq, hash: stored.auditHead }).valid).toBe(true);
  });

  it('a save from a read older than the last command fails', async () => {
    const item = await newItem({ year: 2031 });
    const stale = await getItem(item.itemId);
    await publish(clock, 2031, [item.itemId]);
    const uow = new UnitOfWork();
    saveItem(uow, stale, { ...stale, title: 'Late edit', updatedAt: clock.iso() }, []);
    await expectDomainError(uow.commit(), 'conflict', 'concurrent_change');
    expect((await getItem(item.itemId)).status).toBe('published');
  });
});

describe('claims', () => {
  it('a second claim by the same unit is refused: claim.already_claimed', async () => {
    const item = await newItem({ year: 2031 });
    await publish(clock, 2031, [item.itemId]);
    await claim({ actor: unitActor('meilin') }, item.itemId, plan('meilin'));
    const err = await expectDomainError(
      claim({ actor: unitActor('meilin') }, item.itemId, plan('meilin')),
      'rule',
      'claim.already_claimed',
    );
    expect(err).toBeInstanceOf(RuleViolation);
    // Filed by the office on the unit's behalf: still the same unit.
    await expectDomainError(
      claim({ actor: office }, item.itemId, { ...plan('meilin'), unitId: 'meilin' }),
      'rule',
      'claim.already_claimed',
    );
    expect((await claimsOf(item.itemId)).map((c) => c.unitId)).toEqual(['meilin']);
  });

  it('two claims by the same unit at once: one lands, the other is already_claimed', async () => {
    const item = await newItem({ year: 2031 });
    await publish(clock, 2031, [item.itemId]);
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => claim({ actor: unitActor('xiangmihu') }, item.itemId, plan('xiangmihu'))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected')
        expect(r.reason).toMatchObject({ kind: 'rule', rule: 'claim.already_claimed' });
    }
    expect(await claimsOf(item.itemId)).toHaveLength(1);
  });

  it('a claim after the window closed is refused: item.claim.window_closed', async () => {
    const item = await newItem({ year: 2031 });
    await publish(clock, 2031, [item.itemId], 3);
    const stored = await getItem(item.itemId);
    const closesAt = new Date(stored.claimWindow!.closesAt).getTime();
    clock.set(new Date(closesAt - 1).toISOString());
    await claim({ actor: unitActor('meilin') }, item.itemId, plan('meilin'));
    clock.set(new Date(closesAt).toISOString());
    await expectDomainError(
      claim({ actor: unitActor('xiangmihu') }, item.itemId, plan('xiangmihu')),
      'rule',
      'item.claim.window_closed',
    );
    expect((await claimsOf(item.itemId)).map((c) => c.unitId)).toEqual(['meilin']);
    // The window closes with one claim: to be awarded.
    expect((await closeClaims({ actor: SYSTEM }, item.itemId)).status).toBe('claims_closed');
  });

  it('a claim before the window opens is refused: item.claim.window_not_open', async () => {
    const item = await newItem({ year: 2031 });
    await publishBatch({ actor: office }, 2031, {
      itemIds: [item.itemId],
      claimWindow: { opensAt: clock.iso(2 * DAY), closesAt: clock.iso(9 * DAY) },
    });
    await expectDomainError(
      claim({ actor: unitActor('meilin') }, item.itemId, plan('meilin')),
      'rule',
      'item.claim.window_not_open',
    );
    clock.advance(2 * DAY);
    await claim({ actor: unitActor('meilin') }, item.itemId, plan('meilin'));
  });

  it('the window cannot be closed early; closed without claims the item is unclaimed', async () => {
    const item = await newItem({ year: 2031 });
    await publish(clock, 2031, [item.itemId], 1);
    await expectDomainError(
      closeClaims({ actor: SYSTEM }, item.itemId),
      'rule',
      'item.close_claims.window_open',
    );
    clock.advance(DAY);
    expect((await closeClaims({ actor: SYSTEM }, item.itemId)).status).toBe('unclaimed');
    await expectDomainError(
      claim({ actor: unitActor('meilin') }, item.itemId, plan('meilin')),
      'rule',
      'item.claim.not_allowed_when_unclaimed',
    );
    // Reopened, it takes claims again.
    await reopen({ actor: office }, item.itemId, { closesAt: clock.iso(5 * DAY) });
    await claim({ actor: unitActor('meilin') }, item.itemId, plan('meilin'));
  });

  it('a manager from another unit cannot be named on a claim', async () => {
    const item = await newItem({ year: 2031 });
    await publish(clock, 2031, [item.itemId]);
    await expectDomainError(
      claim({ actor: unitActor('meilin') }, item.itemId, { plan: 'x', managerId: managerOf('xiangmihu') }),
      'rule',
      'claim.manager_not_in_unit',
    );
    expect(await claimsOf(item.itemId)).toHaveLength(0);
  });
});

describe('class B items and direct assignment', () => {
  it('a class B item is assigned directly only after a claim round', async () => {
    const item = await newItem({ year: 2031, itemClass: 'B', leadUnitId: 'meilin' });
    const assignMeilin = () =>
      assign({ actor: commander }, item.itemId, { unitId: 'meilin', managerId: managerOf('meilin') });
    await expectDomainError(assignMeilin(), 'rule', 'item.assign.class_b_needs_claim_round');
    await publish(clock, 2031, [item.itemId], 2);
    await expectDomainError(assignMeilin(), 'rule', 'item.assign.class_b_needs_claim_round');
    clock.advance(2 * DAY);
    expect((await closeClaims({ actor: SYSTEM }, item.itemId)).status).toBe('unclaimed');
    const order = await assignMeilin();
    expect(order).toMatchObject({
      orderType: 'responsibility',
      unitId: 'meilin',
      managerId: managerOf('meilin'),
    });
    expect((await getItem(item.itemId)).status).toBe('awarded');
  });

  it('a class A draft is assigned directly and its workflow is started once', async () => {
    const item = await newItem({ year: 2031 });
    const order = await assign({ actor: office }, item.itemId, {
      unitId: 'xiangmihu',
      managerId: managerOf('xiangmihu'),
    });
    const stored = await getItem(item.itemId);
    expect(stored).toMatchObject({ status: 'awarded', responsibilityOrderId: order.orderId });
    const starts = port.starts.filter((s) => s.input.itemId === item.itemId);
    expect(starts).toEqual([
      {
        machine: 'ItemLifecycle',
        name: stored.workflow!.executionName,
        input: { itemId: item.itemId, generation: 1 },
      },
    ]);
  });
});

describe('units act only on their own items and orders', () => {
  it('another unit or another manager is Forbidden and nothing changes', async () => {
    const { item, order } = await itemInProgress(clock, { year: 2032, unitId: 'meilin' });
    const before = await getItem(item.itemId);
    const other = unitActor('xiangmihu');
    const progress = { percentComplete: 10, narrative: 'not mine' };

    const forbidden: [() => Promise<unknown>, string][] = [
      [() => reportProgress({ actor: other }, item.itemId, progress), 'auth.not_your_item'],
      [
        () => reportProgress({ actor: managerActor(managerOf('xiangmihu')) }, item.itemId, progress),
        'auth.not_your_item',
      ],
      [
        () => reportCompletion({ actor: other }, item.itemId, { summary: 'done', results: [] }),
        'auth.not_your_item',
      ],
      [() => acknowledge({ actor: other }, order.orderId, {}), 'auth.not_your_order'],
      [
        () => claim({ actor: other }, item.itemId, { ...plan('meilin'), unitId: 'meilin' }),
        'auth.not_your_unit',
      ],
      // The role of a command is its route's: the router refuses the wrong one (test/unit/api/routes.test.ts).
    ];
    for (const [run, code] of forbidden) {
      const err = await expectDomainError(run(), 'forbidden', code);
      expect(err).toBeInstanceOf(Forbidden);
    }

    const inquiry = await reportViolation({ actor: inspector }, item.itemId, { description: 'suspected' });
    await expectDomainError(
      answerInquiry({ actor: other }, inquiry.orderId, { text: 'x', rectificationPlan: 'y' }),
      'forbidden',
      'auth.not_your_order',
    );

    expect(await allProgressOf(item.itemId)).toHaveLength(0);
    const after = await getItem(item.itemId);
    // Only the inspector's inquiry changed the item.
    expect(after.version).toBe(before.version + 1);
    expect(after.status).toBe('in_progress');

    // The owners may.
    await reportProgress({ actor: unitActor('meilin') }, item.itemId, progress);
    await reportProgress({ actor: managerActor(managerOf('meilin')) }, item.itemId, progress);
    await answerInquiry({ actor: unitActor('meilin') }, inquiry.orderId, {
      text: 'x',
      rectificationPlan: 'y',
    });
    expect(await allProgressOf(item.itemId)).toHaveLength(2);
  });
});

describe('claim windows written with a UTC offset', () => {
  // Fixed on 2026-11-25; the bug was: functions/app/commands/items.ts compares ISO strings: closeClaims
  // (`at < before.claimWindow.closesAt`) and publishBatch (`closesAt <= at`). The schema
  // accepts any offset, so '…T12:00:00+08:00' (04:00Z) compares as later than '…T05:00:00.000Z'.
  it('the window closes at its instant: after 12:00 Beijing, claims are refused and the window can be closed', async () => {
    clock.set('2033-03-01T02:00:00Z');
    const item = await newItem({ year: 2033 });
    await publishBatch({ actor: office }, 2033, {
      itemIds: [item.itemId],
      claimWindow: { closesAt: '2033-03-01T12:00:00+08:00' }, // 04:00Z
    });
    clock.set('2033-03-01T05:00:00Z'); // 13:00 in Beijing: the window closed an hour ago
    await expectDomainError(
      claim({ actor: unitActor('meilin') }, item.itemId, plan('meilin')),
      'rule',
      'item.claim.window_closed',
    );
    const closed = await closeClaims({ actor: SYSTEM }, item.itemId);
    expect(closed.status).toBe('unclaimed');
  });

  it('publishing with a window that closed already is refused, whatever the offset', async () => {
    clock.set('2033-04-01T05:00:00Z'); // 13:00 in Beijing
    const item = await newItem({ year: 2033 });
    await expectDomainError(
      publishBatch({ actor: office }, 2033, {
        itemIds: [item.itemId],
        claimWindow: { closesAt: '2033-04-01T12:00:00+08:00' }, // 04:00Z, an hour ago
      }),
      'rule',
      'batch.window_in_past',
    );
  });
});

describe('order counters', () => {
  it('a refused command consumes no order number', async () => {
    const year = 2034;
    const item = await newItem({ year, itemClass: 'B', leadUnitId: 'meilin' });
    await expectDomainError(
      assign({ actor: commander }, item.itemId, { unitId: 'meilin', managerId: managerOf('meilin') }),
      'rule',
      'item.assign.class_b_needs_claim_round',
    );
    await expectDomainError(
      reportViolation({ actor: inspector }, item.itemId, { description: 'too early' }),
      'rule',
      'item.report_violation.not_allowed_when_draft',
    );
    expect(await currentNumber('responsibility', year)).toBe(0);
    expect(await currentNumber('inquiry', year)).toBe(0);
  });
});
