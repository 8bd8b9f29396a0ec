/**
 * Close-out (销号) only when nothing is open: verifying a completion as achieved is refused
 * (422, naming the open inquiry orders) while an inquiry of the item is issued or answered;
 * once decided, the item is verified and closed. An inspector can still report a suspected
 * violation on a completed item: an inquiry order follows and its inquiry workflow runs.
 * Real ASL on the local engine, DynamoDB Local.
 */

import type { LocalRuntime } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerInquiry, decideInquiry } from '../../../functions/app/commands/inquiries.ts';
import { reportCompletion, reportViolation, verifyCompletion } from '../../../functions/app/commands/work.ts';
import { getItem } from '../../../functions/data/items.ts';
import { getOrder, listOrders } from '../../../functions/data/orders.ts';
import type { Item } from '../../../functions/domain/model.ts';
import { expectDomainError } from '../../support/fixtures.ts';
import {
  inquiryExecutionArn,
  inspector,
  itemExecutionArn,
  meilin,
  newItem,
  office,
  seedUnits,
  settleInquiry,
  settleItem,
  startHarness,
  stateNames,
  toInProgress,
} from '../../support/workflow-harness.ts';

let rt: LocalRuntime;
let item: Item;

beforeAll(async () => {
  rt = await startHarness();
  await seedUnits();
  item = await newItem({ milestones: [] });
  await toInProgress(rt, item);
});
afterAll(async () => {
  await rt?.stop();
});

const done = { summary: 'Done.', results: [{ indicator: 'Households served', actualValue: 1000 }] };
const inquiriesOf = async (itemId: string) =>
  (await listOrders({ year: 2022, itemId, type: 'inquiry' }, 100)).items;

describe('close-out with open inquiries', () => {
  it('verification is refused with 422 naming the open inquiry orders, issued or answered', async () => {
    await reportCompletion({ actor: meilin }, item.itemId, done);
    await settleItem(rt, item, 'AwaitingVerification');
    const first = await reportViolation({ actor: inspector }, item.itemId, {
      description: 'Suspected splitting of a works contract.',
    });
    const second = await reportViolation({ actor: inspector }, item.itemId, {
      description: 'Suspected false acceptance records.',
    });
    await settleInquiry(rt, first.orderId, 'AwaitingAnswer');
    await settleInquiry(rt, second.orderId, 'AwaitingAnswer');
    await answerInquiry({ actor: meilin }, first.orderId, {
      text: 'The contract was one tender.',
      rectificationPlan: 'We publish the tender file.',
    });

    const err = await expectDomainError(
      verifyCompletion({ actor: office }, item.itemId, { achieved: true, grade: 'first' }),
      'rule',
      'item.verify_completion.open_inquiries',
    );
    expect(err.message).toContain(first.orderId);
    expect(err.message).toContain(second.orderId);
    expect(err.details.map((d) => d.message).join(' ')).toContain(first.orderId);
    const stored = await getItem(item.itemId);
    expect(stored.status).toBe('completion_reported');
    expect((await listOrders({ year: 2022, itemId: item.itemId, type: 'commendation' }, 10)).items).toEqual(
      [],
    );
  });

  it('once every inquiry is decided, the item is verified, commended and closed', async () => {
    const open = (await getItem(item.itemId)).openInquiryIds;
    expect(open).toHaveLength(2);
    const [first, second] = open as [string, string];
    await settleInquiry(rt, first, 'AwaitingDecision');
    await decideInquiry({ actor: office }, first, { outcome: 'rectified', note: 'Tender file seen.' });
    // One still open (issued): still refused, naming only that one.
    const err = await expectDomainError(
      verifyCompletion({ actor: office }, item.itemId, { achieved: true, grade: 'first' }),
      'rule',
      'item.verify_completion.open_inquiries',
    );
    expect(err.message).toContain(second);
    expect(err.message).not.toContain(first);
    await answerInquiry({ actor: meilin }, second, {
      text: 'Records are true.',
      rectificationPlan: 'Audit.',
    });
    await settleInquiry(rt, second, 'AwaitingDecision');
    await decideInquiry({ actor: office }, second, { outcome: 'escalated', note: 'Referred on.' });

    const commendation = await verifyCompletion({ actor: office }, item.itemId, {
      achieved: true,
      grade: 'second',
    });
    expect(commendation.orderType).toBe('commendation');
    expect((await getItem(item.itemId)).status).toBe('completed');
    expect((await rt.engine.waitForExecution(itemExecutionArn(item))).status).toBe('SUCCEEDED');
    expect((await stateNames(rt, itemExecutionArn(item))).at(-1)).toBe('Closed');
  });

  it('a violation reported on a completed item issues an inquiry order whose workflow runs', async () => {
    const order = await reportViolation({ actor: inspector }, item.itemId, {
      description: 'Suspected bid rigging found in a later audit.',
    });
    expect(order).toMatchObject({ orderType: 'inquiry', trigger: 'violation', status: 'issued' });
    await settleInquiry(rt, order.orderId, 'AwaitingAnswer');
    // Started by the item's next generation, which ends in Closed again.
    expect((await rt.engine.waitForExecution(itemExecutionArn(item, 2))).status).toBe('SUCCEEDED');
    expect(await stateNames(rt, itemExecutionArn(item, 2))).toEqual([
      'Sync',
      'Route',
      'StartInquiries',
      'StartInquiry',
      'MarkInquiriesStarted',
      'Sync',
      'Route',
      'Closed',
    ]);
    const after = await getItem(item.itemId);
    expect(after.status).toBe('completed');
    expect(after.openInquiryIds).toContain(order.orderId);
    expect(after.inquiriesToStart).toEqual([]);
    // The inquiry runs to its end like any other.
    await answerInquiry({ actor: meilin }, order.orderId, {
      text: 'The bids were independent.',
      rectificationPlan: 'We hand over the files.',
    });
    await settleInquiry(rt, order.orderId, 'AwaitingDecision');
    await decideInquiry({ actor: office }, order.orderId, { outcome: 'rectified', note: 'Files seen.' });
    await settleInquiry(rt, order.orderId, 'Rectified');
    expect((await rt.engine.waitForExecution(inquiryExecutionArn(order.orderId))).status).toBe('SUCCEEDED');
    expect((await getOrder(order.orderId)).status).toBe('rectified');
    expect((await getItem(item.itemId)).openInquiryIds).toEqual([]);
    expect(await inquiriesOf(item.itemId)).toHaveLength(3);
  });
});
