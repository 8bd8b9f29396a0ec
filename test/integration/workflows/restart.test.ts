/**
 * No waiting step is lost on restart: a runtime holding open inquiries and items of other
 * years stops (its executions die with it, as with npm start), a new runtime starts on the
 * same tables later in the year, and the reconciler (the code npm start runs at every start)
 * gives each waiting record exactly one running execution; a timer that passed while the
 * system was down acts at once; running it again starts nothing.
 */
import { randomUUID } from 'node:crypto';
import { type LocalRuntime, localStateMachineArn } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerInquiry } from '../../../functions/app/commands/inquiries.ts';
import { createItem, publishBatch } from '../../../functions/app/commands/items.ts';
import { reportViolation } from '../../../functions/app/commands/work.ts';
import { inquiryExecutionName, type ReconcileReport, reconcile } from '../../../functions/app/reconcile.ts';
import { readTrail } from '../../../functions/data/audit.ts';
import { getItem, itemPk } from '../../../functions/data/items.ts';
import { getOrder } from '../../../functions/data/orders.ts';
import type { Item, Order } from '../../../functions/domain/model.ts';
import { startLocalRuntime } from '../../../infra/local/platform.ts';
import {
  DAY,
  inspector,
  meilin,
  newItem,
  ORIGIN,
  office,
  seedUnits,
  settle,
  settleInquiry,
  settleItem,
  toInProgress,
} from '../../support/workflow-harness.ts';

const prefix = `rs${randomUUID().slice(0, 8)}-`;
const system = { actor: { role: 'system' as const, sub: 'test-start' } };
const start = (origin: Date) =>
  startLocalRuntime({
    dynamoDbEndpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB,
    tablePrefix: prefix,
    timeScale: 0,
    origin,
  });

/** An item of another year, published with a claim window closing soon after ORIGIN. */
async function otherYearItem(year: number): Promise<Item> {
  const item = await createItem(
    { actor: office },
    {
      year,
      kind: 'task',
      itemClass: 'A',
      category: 'siege',
      title: `Task of ${year}`,
      deadline: `${year}-12-31`,
      milestones: [{ id: 'm1', title: 'Done', dueDate: `${year}-11-30`, weight: 100 }],
    },
    `${year}-T-${randomUUID().slice(0, 6)}`,
  );
  await publishBatch({ actor: office }, year, {
    itemIds: [item.itemId],
    claimWindow: { closesAt: new Date(ORIGIN.getTime() + 3 * DAY).toISOString() },
  });
  return item;
}

async function running(rt: LocalRuntime, machine: 'ItemLifecycle' | 'Inquiry'): Promise<string[]> {
  const { executions } = await rt.engine.listExecutions({
    stateMachineArn: localStateMachineArn(machine),
    statusFilter: 'RUNNING',
    maxResults: 1000,
  });
  return executions.map((e) => e.name).sort();
}

const arn = (machine: 'ItemLifecycle' | 'Inquiry', name: string) =>
  `${localStateMachineArn(machine).replace(':stateMachine:', ':execution:')}:${name}`;

let rt: LocalRuntime;
let task: Item;
let answered: Item;
let y2024: Item;
let y2030: Item;
let unanswered: Order;
let awaitingDecision: Order;
let first: ReconcileReport;

beforeAll(async () => {
  rt = await start(ORIGIN);
  await seedUnits();
  task = await newItem();
  answered = await newItem();
  await toInProgress(rt, task);
  await toInProgress(rt, answered);
  unanswered = await reportViolation({ actor: inspector }, task.itemId, { description: 'Funds misused' });
  awaitingDecision = await reportViolation({ actor: inspector }, answered.itemId, { description: 'Late' });
  await settleInquiry(rt, unanswered.orderId, 'AwaitingAnswer');
  await settleInquiry(rt, awaitingDecision.orderId, 'AwaitingAnswer');
  await answerInquiry({ actor: meilin }, awaitingDecision.orderId, {
    text: 'Explained',
    rectificationPlan: 'Weekly',
  });
  await settleInquiry(rt, awaitingDecision.orderId, 'AwaitingDecision');
  y2024 = await otherYearItem(2024);
  y2030 = await otherYearItem(2030);
  await settleItem(rt, y2024, 'ClaimWindowOpen');
  await settleItem(rt, y2030, 'ClaimWindowOpen');
  await settleItem(rt, task, 'InProgress');
  await settleItem(rt, answered, 'InProgress');
  // The process stops: every execution dies with the engine.
  await rt.stop();
  // It starts again five weeks later: the claim windows and the answer limit passed meanwhile.
  rt = await start(new Date(ORIGIN.getTime() + 35 * DAY));
  first = await reconcile(system);
}, 120_000);

afterAll(async () => {
  await rt?.stop();
});

describe('restart: the reconciler', () => {
  it('finds the waiting records of every year from the data and restarts each', () => {
    expect(first.years).toEqual(expect.arrayContaining([2022, 2024, 2030]));
    expect(first.items).toEqual({ found: 4, running: 0, restarted: 4, gone: 0 });
    expect(first.inquiries).toMatchObject({ found: 2, running: 0, restarted: 2, pending: 0 });
  });

  it('leaves exactly one running execution per waiting record', async () => {
    expect(await running(rt, 'ItemLifecycle')).toEqual(
      [task, answered, y2024, y2030].map((i) => `${i.itemId}--g2`).sort(),
    );
    expect(await running(rt, 'Inquiry')).toEqual(
      [unanswered, awaitingDecision].map((o) => inquiryExecutionName(o.orderId, 2)).sort(),
    );
    const order = await getOrder(awaitingDecision.orderId);
    expect(order.workflow).toEqual({ executionName: inquiryExecutionName(order.orderId, 2), generation: 2 });
    await settleInquiry2(awaitingDecision.orderId, 'AwaitingDecision');
  });

  it('records each restart on the item’s audit trail', async () => {
    const trail = await readTrail(itemPk(task.itemId));
    expect(trail.map((e) => e.type)).toEqual(
      expect.arrayContaining(['item.workflow_restarted', 'workflow.restarted']),
    );
    const inquiryRestart = trail.find((e) => e.type === 'workflow.restarted');
    expect(inquiryRestart?.data).toMatchObject({ orderId: unanswered.orderId, generation: 2 });
  });

  it('acts at once on timers that passed while stopped: escalation, windows of 2024 and 2030', async () => {
    rt.clock.advance(2000);
    await settle(rt, arn('Inquiry', inquiryExecutionName(unanswered.orderId, 2)), 'Escalated');
    expect((await getOrder(unanswered.orderId)).status).toBe('escalated');
    for (const item of [y2024, y2030]) {
      await settle(rt, arn('ItemLifecycle', `${item.itemId}--g2`), 'Unclaimed', itemPk(item.itemId));
      expect((await getItem(item.itemId)).status).toBe('unclaimed');
    }
  });

  it('run again, it starts nothing: still one execution each', async () => {
    const again = await reconcile(system);
    expect(again.items).toEqual({ found: 4, running: 4, restarted: 0, gone: 0 });
    // The escalated inquiry is no longer open.
    expect(again.inquiries).toMatchObject({ found: 1, running: 1, restarted: 0 });
    expect(await running(rt, 'ItemLifecycle')).toHaveLength(4);
    expect(await running(rt, 'Inquiry')).toEqual([inquiryExecutionName(awaitingDecision.orderId, 2)]);
  });

  it('a second restart of the process gives the next generation, still one each', async () => {
    await rt.stop();
    rt = await start(new Date(ORIGIN.getTime() + 36 * DAY));
    const report = await reconcile(system);
    expect(report.items.restarted).toBe(4);
    expect(report.inquiries.restarted).toBe(1);
    expect(await running(rt, 'ItemLifecycle')).toEqual(
      [task, answered, y2024, y2030].map((i) => `${i.itemId}--g3`).sort(),
    );
    expect(await running(rt, 'Inquiry')).toEqual([inquiryExecutionName(awaitingDecision.orderId, 3)]);
    await settle(
      rt,
      arn('Inquiry', inquiryExecutionName(awaitingDecision.orderId, 3)),
      'AwaitingDecision',
      `ORDER#${awaitingDecision.orderId}`,
    );
  });
});

/** The restarted inquiry rests where the recorded state says, its token recorded for callbacks. */
const settleInquiry2 = (orderId: string, state: string) =>
  settle(rt, arn('Inquiry', inquiryExecutionName(orderId, 2)), state, `ORDER#${orderId}`);
