/**
 * The verbs of supervision on the local engine (virtual clock): an approved extension moves
 * the workflow's timers (no lapse at the old date, a lapse at the new one), a reassignment's
 * new order must be acknowledged by the new unit, a withdrawn last claim leaves the item
 * unclaimed, and claims waiting for an award remind the commander once per period.
 */

import type { LocalRuntime } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { award, claim } from '../../../functions/app/commands/claims.ts';
import {
  decideExtension,
  reassign,
  requestExtension,
  withdrawClaim,
} from '../../../functions/app/commands/verbs.ts';
import { acknowledge } from '../../../functions/app/commands/work.ts';
import { awardReminderDueAt } from '../../../functions/app/workflow.ts';
import { readTrail } from '../../../functions/data/audit.ts';
import { claimsOf } from '../../../functions/data/claims.ts';
import { getItem, itemPk } from '../../../functions/data/items.ts';
import { getOrder, listOrders } from '../../../functions/data/orders.ts';
import { awardRemindedAt } from '../../../functions/domain/lifecycle.ts';
import {
  advanceItemTo,
  commander,
  huafu,
  itemExecutionArn,
  meilin,
  newItem,
  office,
  publish,
  seedUnits,
  settleItem,
  startHarness,
  stateNames,
  toInProgress,
} from '../../support/workflow-harness.ts';

let rt: LocalRuntime;

beforeAll(async () => {
  rt = await startHarness();
  await seedUnits();
});
afterAll(async () => {
  await rt?.stop();
});

const inquiriesOf = async (itemId: string) =>
  (await listOrders({ year: 2022, itemId, type: 'inquiry' }, 100)).items;
const trailTypes = async (itemId: string) => (await readTrail(itemPk(itemId))).map((e) => e.type);
const count = (xs: readonly string[], x: string) => xs.filter((s) => s === x).length;

describe('the verbs of supervision on the local engine', () => {
  it('an approved extension moves the timers: no lapse at the old dates, a lapse at the new ones', async () => {
    const dates = {
      deadline: '2022-06-30',
      milestones: [{ id: 'm1', title: 'Plan approved', dueDate: '2022-05-31', weight: 100 }],
    };
    const control = await newItem(dates);
    const extended = await newItem(dates);
    await toInProgress(rt, control);
    await toInProgress(rt, extended);

    const onDeadline = await requestExtension({ actor: meilin }, extended.itemId, {
      target: 'deadline',
      to: '2022-09-30',
      reason: 'Land handover slipped by a quarter.',
    });
    const onMilestone = await requestExtension({ actor: meilin }, extended.itemId, {
      target: 'm1',
      to: '2022-06-15',
      reason: 'The plan waits for the land handover.',
    });
    await settleItem(rt, extended, 'InProgress');
    await decideExtension({ actor: commander }, extended.itemId, onDeadline.extensionId, { approved: true });
    await decideExtension({ actor: office }, extended.itemId, onMilestone.extensionId, {
      approved: true,
      note: 'Agreed.',
    });
    await settleItem(rt, extended, 'InProgress');
    const moved = await getItem(extended.itemId);
    expect(moved.deadline).toBe('2022-09-30');
    expect(moved.milestones[0]?.dueDate).toBe('2022-06-15');

    // The old milestone date passes: the control lapses, the extended item does not.
    await advanceItemTo(rt, control, '2022-06-01T00:00:00+08:00', 'InProgress');
    expect((await inquiriesOf(control.itemId)).map((o) => o.trigger)).toEqual(['overdue_milestone']);
    // The new milestone date, then (past the old deadline) the new deadline.
    await advanceItemTo(rt, extended, '2022-06-16T00:00:00+08:00', 'InProgress');
    await advanceItemTo(rt, extended, '2022-10-01T00:00:00+08:00', 'InProgress');
    const inquiries = await inquiriesOf(extended.itemId);
    expect(inquiries.map((o) => [o.trigger, o.reason])).toEqual([
      ['overdue_milestone', 'milestone Plan approved due 2022-06-15 lapsed'],
      ['missed_deadline', 'deadline 2022-09-30 lapsed'],
    ]);
    // The workflow woke for the new dates only (an unmoved timer would have fired at the old ones too).
    expect(count(await stateNames(rt, itemExecutionArn(extended)), 'DeadlineLapsed')).toBe(2);
    const types = await trailTypes(extended.itemId);
    expect(count(types, 'extension.requested')).toBe(2);
    expect(count(types, 'extension.decided')).toBe(2);
  });

  it('reassignment: the old order is superseded, the new unit must acknowledge, the old one no longer can', async () => {
    const item = await newItem();
    const first = await toInProgress(rt, item);
    const second = await reassign({ actor: commander }, item.itemId, {
      unitId: 'huafu',
      managerId: 'p-huafu-1',
      reason: 'The site lies in Huafu.',
    });
    await settleItem(rt, item, 'AwaitingAcknowledgement');
    expect(second.number).toBe(first.number + 1);
    const old = await getOrder(first.orderId);
    expect(old).toMatchObject({ status: 'superseded', supersededBy: second.orderId });
    const moved = await getItem(item.itemId);
    expect(moved).toMatchObject({
      status: 'awarded',
      leadUnitId: 'huafu',
      managerId: 'p-huafu-1',
      responsibilityOrderId: second.orderId,
    });
    await expect(acknowledge({ actor: meilin }, first.orderId, {})).rejects.toMatchObject({
      kind: 'rule',
      code: 'order.acknowledge.not_allowed_when_superseded',
    });

    // The new order's acknowledgement limit runs: late, the new unit is reminded.
    await advanceItemTo(rt, item, moved.acknowledgementDueAt!, 'AwaitingAcknowledgement');
    const trail = await readTrail(itemPk(item.itemId));
    const reminder = trail.find((e) => e.type === 'order.responsibility.reminder_sent');
    expect(reminder?.data).toMatchObject({ orderId: second.orderId });
    expect(trail.map((e) => e.type)).toEqual(
      expect.arrayContaining(['item.reassigned', 'order.responsibility.superseded']),
    );

    await acknowledge({ actor: huafu }, second.orderId, {});
    await settleItem(rt, item, 'InProgress');
    expect((await getOrder(second.orderId)).status).toBe('acknowledged');
  });

  it('claims waiting for an award remind the commander once per period; the last claim withdrawn leaves it unclaimed', async () => {
    const item = await newItem({ itemClass: 'B' });
    await publish(rt, item, 10);
    await settleItem(rt, item, 'ClaimWindowOpen');
    const c1 = await claim({ actor: meilin }, item.itemId, { plan: 'We lead it.', managerId: 'p-meilin-1' });
    const c2 = await claim({ actor: huafu }, item.itemId, { plan: 'We lead it.', managerId: 'p-huafu-1' });
    // Withdrawn while the window is open: the item stays published.
    await withdrawClaim({ actor: huafu }, item.itemId, c2.claimId, { reason: 'Committed elsewhere.' });
    await settleItem(rt, item, 'ClaimWindowOpen');
    await expect(award({ actor: commander }, item.itemId, c2.claimId, {})).rejects.toMatchObject({
      kind: 'rule',
      code: 'claim.award.not_pending',
    });
    const closesAt = (await getItem(item.itemId)).claimWindow!.closesAt;
    await advanceItemTo(rt, item, closesAt, 'AwaitingAward');

    const firstDue = (await awardReminderDueAt(await getItem(item.itemId)))!;
    await advanceItemTo(rt, item, firstDue, 'AwaitingAward');
    const reminded = await getItem(item.itemId);
    expect(awardRemindedAt(reminded)).toBe(firstDue.toISOString());
    const secondDue = (await awardReminderDueAt(reminded))!;
    expect(secondDue.getTime()).toBeGreaterThan(firstDue.getTime());
    await advanceItemTo(rt, item, secondDue, 'AwaitingAward');
    const trail = await readTrail(itemPk(item.itemId));
    const reminders = trail.filter((e) => e.type === 'item.award_waiting');
    expect(reminders.map((e) => e.data)).toEqual([
      expect.objectContaining({ waitingSince: closesAt, claims: 1 }),
      expect.objectContaining({ waitingSince: closesAt, claims: 1 }),
    ]);

    await withdrawClaim({ actor: meilin }, item.itemId, c1.claimId, { reason: 'No longer feasible.' });
    await settleItem(rt, item, 'Unclaimed');
    expect((await getItem(item.itemId)).status).toBe('unclaimed');
    expect((await claimsOf(item.itemId)).map((c) => c.status)).toEqual(['withdrawn', 'withdrawn']);
    expect(count(await trailTypes(item.itemId), 'claim.withdrawn')).toBe(2);
  });
});
