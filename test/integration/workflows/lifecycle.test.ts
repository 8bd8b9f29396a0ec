/**
 * The named scenarios of the lifecycle: the real ASL files on the local engine, the real
 * commands and workflow steps, DynamoDB Local. Assertions on execution history and on the
 * state recorded in DynamoDB.
 */

import type { LocalRuntime } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assign, award, claim } from '../../../functions/app/commands/claims.ts';
import { answerInquiry, decideInquiry } from '../../../functions/app/commands/inquiries.ts';
import {
  acknowledge,
  reportCompletion,
  reportProgress,
  reportViolation,
  verifyCompletion,
} from '../../../functions/app/commands/work.ts';
import { readTrail } from '../../../functions/data/audit.ts';
import { getItem, itemPk } from '../../../functions/data/items.ts';
import { getOrder, listOrders } from '../../../functions/data/orders.ts';
import {
  advanceItemTo,
  commander,
  DAY,
  inquiryExecutionArn,
  inspector,
  itemExecutionArn,
  meilin,
  newItem,
  office,
  publish,
  publishClaimAward,
  seedUnits,
  settleInquiry,
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

async function inquiriesOf(itemId: string) {
  return (await listOrders({ year: 2022, itemId, type: 'inquiry' }, 100)).items;
}

describe('item lifecycle on the local engine', () => {
  it('happy path: publication, claim, award, acknowledgement, progress, completion, commendation', async () => {
    const item = await newItem();
    const resp = await toInProgress(rt, item);
    expect(resp.displayNumber).toMatch(/^福田责〔2022〕\d+号$/);

    await reportProgress({ actor: meilin }, item.itemId, {
      percentComplete: 60,
      milestones: [{ milestoneId: 'm1', done: true }],
      narrative: 'Plan approved by the district.',
    });
    await settleItem(rt, item, 'InProgress');
    await reportCompletion({ actor: meilin }, item.itemId, {
      summary: 'Done.',
      results: [{ indicator: 'Households served', actualValue: 1200 }],
    });
    await settleItem(rt, item, 'AwaitingVerification');
    const commendation = await verifyCompletion({ actor: office }, item.itemId, {
      achieved: true,
      grade: 'first',
    });
    await settleItem(rt, item, 'Closed');

    const done = await rt.engine.waitForExecution(itemExecutionArn(item));
    expect(done.status).toBe('SUCCEEDED');
    const states = await stateNames(rt, itemExecutionArn(item));
    for (const s of [
      'ClaimWindowOpen',
      'AwaitingAcknowledgement',
      'InProgress',
      'AwaitingVerification',
      'Closed',
    ]) {
      expect(states).toContain(s);
    }
    const stored = await getItem(item.itemId);
    expect(stored.status).toBe('completed');
    expect(commendation.orderType).toBe('commendation');
    expect((await getOrder(resp.orderId)).status).toBe('fulfilled');
    expect((await getOrder(commendation.orderId)).grade).toBe('first');
  });

  it('nobody claims: the window closes, the item is unclaimed, then assigned directly', async () => {
    const item = await newItem();
    await publish(rt, item, 10);
    await settleItem(rt, item, 'ClaimWindowOpen');
    rt.clock.advance(11 * DAY);
    await settleItem(rt, item, 'Unclaimed');
    expect((await getItem(item.itemId)).status).toBe('unclaimed');
    const states = await stateNames(rt, itemExecutionArn(item));
    expect(states).toContain('ClaimWindowClosed');

    await assign({ actor: office }, item.itemId, { unitId: 'meilin', managerId: 'p-meilin-1' });
    await settleItem(rt, item, 'AwaitingAcknowledgement');
    expect((await getItem(item.itemId)).status).toBe('awarded');
  });

  it('late acknowledgement: a reminder first, then an inquiry order with its own workflow', async () => {
    const item = await newItem();
    await publishClaimAward(rt, item);
    const due = (await getItem(item.itemId)).acknowledgementDueAt!;
    await advanceItemTo(rt, item, due, 'AwaitingAcknowledgement');
    const afterReminder = await getItem(item.itemId);
    expect(afterReminder.acknowledgementReminded).toBe(true);
    expect(afterReminder.acknowledgementDueAt! > due).toBe(true);
    expect((await readTrail(itemPk(item.itemId))).map((e) => e.type)).toContain(
      'order.responsibility.reminder_sent',
    );
    expect(await inquiriesOf(item.itemId)).toHaveLength(0);

    await advanceItemTo(rt, item, afterReminder.acknowledgementDueAt!, 'AwaitingAcknowledgement');
    const inquiries = await inquiriesOf(item.itemId);
    expect(inquiries.map((o) => o.trigger)).toEqual(['late_acknowledgement']);
    await settleInquiry(rt, inquiries[0]!.orderId, 'AwaitingAnswer');
    expect((await getItem(item.itemId)).inquiriesToStart).toEqual([]);
  });

  it('overdue milestone → inquiry order; answered and closed as rectified', async () => {
    const item = await newItem();
    await toInProgress(rt, item);
    // m1 is due 2022-06-30 (end of day, Beijing); jump past it.
    await advanceItemTo(rt, item, '2022-07-01T00:00:00+08:00', 'InProgress');
    const [inquiry] = await inquiriesOf(item.itemId);
    expect(inquiry?.trigger).toBe('overdue_milestone');
    await settleInquiry(rt, inquiry!.orderId, 'AwaitingAnswer');
    // Not a second inquiry for the same lapse.
    rt.clock.advance(DAY);
    await settleItem(rt, item, 'InProgress');
    // Keyed with the due date: only this date's lapse is consumed.
    expect((await getItem(item.itemId)).lapsesActedOn).toEqual(['milestone:m1:2022-06-30']);
    expect(await inquiriesOf(item.itemId)).toHaveLength(1);

    await answerInquiry({ actor: meilin }, inquiry!.orderId, {
      text: 'The plan approval slipped because of a design change.',
      rectificationPlan: 'Approval by 15 July; weekly reports.',
    });
    await settleInquiry(rt, inquiry!.orderId, 'AwaitingDecision');
    await decideInquiry({ actor: office }, inquiry!.orderId, {
      outcome: 'rectified',
      note: 'Plan accepted.',
    });
    await settleInquiry(rt, inquiry!.orderId, 'Rectified');
    expect((await rt.engine.waitForExecution(inquiryExecutionArn(inquiry!.orderId))).status).toBe(
      'SUCCEEDED',
    );
    expect((await getOrder(inquiry!.orderId)).status).toBe('rectified');
    expect((await getItem(item.itemId)).openInquiryIds).toEqual([]);
  });

  it('inquiry unanswered by the limit → escalated automatically', async () => {
    const item = await newItem();
    await toInProgress(rt, item);
    const violation = await reportViolation({ actor: inspector }, item.itemId, {
      description: 'Suspected bid rigging.',
    });
    await settleInquiry(rt, violation.orderId, 'AwaitingAnswer');
    rt.clock.advance(new Date(violation.answerDueAt!).getTime() - rt.clock.now().getTime() + 1000);
    await settleInquiry(rt, violation.orderId, 'Escalated');
    const order = await getOrder(violation.orderId);
    expect(order.status).toBe('escalated');
    expect(order.decision?.note).toMatch(/no answer/);
    expect(await stateNames(rt, inquiryExecutionArn(violation.orderId))).toContain('AnswerOverdue');
  });

  it('completion not achieved → inquiry order, item back in progress', async () => {
    const item = await newItem();
    await toInProgress(rt, item);
    await reportCompletion({ actor: meilin }, item.itemId, { summary: 'Done?', results: [] });
    await settleItem(rt, item, 'AwaitingVerification');
    const inquiry = await verifyCompletion({ actor: office }, item.itemId, {
      achieved: false,
      reason: 'Targets not met.',
    });
    expect(inquiry.trigger).toBe('not_achieved');
    await settleItem(rt, item, 'InProgress');
    await settleInquiry(rt, inquiry.orderId, 'AwaitingAnswer');
    expect((await getItem(item.itemId)).status).toBe('in_progress');
  });

  it('reported violation → inquiry order with its workflow', async () => {
    const item = await newItem();
    await publishClaimAward(rt, item);
    const inquiry = await reportViolation({ actor: inspector }, item.itemId, {
      description: 'Irregular subcontracting.',
    });
    expect(inquiry.trigger).toBe('violation');
    await settleInquiry(rt, inquiry.orderId, 'AwaitingAnswer');
    await settleItem(rt, item, 'AwaitingAcknowledgement');
    expect(await stateNames(rt, itemExecutionArn(item))).toContain('StartInquiries');
  });

  it('race: two awards of the same item at once → one responsibility order', async () => {
    const item = await newItem();
    await publish(rt, item);
    await settleItem(rt, item, 'ClaimWindowOpen');
    const a = await claim({ actor: meilin }, item.itemId, { plan: 'A', managerId: 'p-meilin-1' });
    const b = await claim({ actor: { role: 'unit', sub: 'h', unitId: 'huafu' } }, item.itemId, {
      plan: 'B',
      managerId: 'p-huafu-1',
    });
    const results = await Promise.allSettled([
      award({ actor: commander }, item.itemId, a.claimId, {}),
      award({ actor: office }, item.itemId, b.claimId, {}),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const orders = (await listOrders({ year: 2022, itemId: item.itemId, type: 'responsibility' }, 10)).items;
    expect(orders).toHaveLength(1);
    await settleItem(rt, item, 'AwaitingAcknowledgement');
  });

  it('restart from recorded state: a new generation lands in the recorded stage', async () => {
    const item = await newItem();
    const order = await publishClaimAward(rt, item);
    await acknowledge({ actor: meilin }, order.orderId, {});
    await settleItem(rt, item, 'InProgress');
    await rt.engine.stopExecution({ executionArn: itemExecutionArn(item) });
    const { restartWorkflow } = await import('../../../functions/app/commands/items.ts');
    await restartWorkflow({ actor: office }, item.itemId);
    await settleItem(rt, item, 'InProgress', 2);
    expect((await rt.engine.describeExecution({ executionArn: itemExecutionArn(item, 1) })).status).toBe(
      'ABORTED',
    );
  });
});
