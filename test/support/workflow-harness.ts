/**
 * Runs the real ASL files on the local engine against DynamoDB Local, with the engine's
 * clock frozen (time moves only through `advance`), and gives scenarios small helpers.
 */
import { randomUUID } from 'node:crypto';
import { type LocalRuntime, localStateMachineArn } from '@one-list/local-aws';
import { assign, award, claim } from '../../functions/app/commands/claims.ts';
import { createItem, publishBatch } from '../../functions/app/commands/items.ts';
import { createPerson, createUnit } from '../../functions/app/commands/units.ts';
import { acknowledge } from '../../functions/app/commands/work.ts';
import { itemPk } from '../../functions/data/items.ts';
import { orderPk } from '../../functions/data/orders.ts';
import { findWait } from '../../functions/data/waits.ts';
import type { Actor, Item, Order } from '../../functions/domain/model.ts';
import { startLocalRuntime } from '../../infra/local/platform.ts';

export const office: Actor = { role: 'office', sub: 'office-1' };
export const commander: Actor = { role: 'commander', sub: 'commander-1' };
export const inspector: Actor = { role: 'inspector', sub: 'inspector-1' };
export const meilin: Actor = { role: 'unit', sub: 'meilin-user', unitId: 'meilin' };
export const huafu: Actor = { role: 'unit', sub: 'huafu-user', unitId: 'huafu' };

export const DAY = 24 * 3600_000;
/** 2022-04-22 09:00 Beijing, the day of the article's promotion meeting. */
export const ORIGIN = new Date('2022-04-22T01:00:00Z');

export async function startHarness(
  options: Parameters<typeof startLocalRuntime>[0] = {},
): Promise<LocalRuntime> {
  const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  if (!endpoint) throw new Error('run in the integration project');
  return startLocalRuntime({
    dynamoDbEndpoint: endpoint,
    tablePrefix: `wf${randomUUID().slice(0, 8)}-`,
    timeScale: 0,
    origin: ORIGIN,
    ...options,
  });
}

export async function seedUnits(): Promise<void> {
  await createUnit(
    { actor: office },
    { unitId: 'meilin', name: 'Meilin Subdistrict', nameZh: '梅林街道', unitType: 'subdistrict' },
  );
  await createUnit(
    { actor: office },
    { unitId: 'huafu', name: 'Huafu Subdistrict', nameZh: '华富街道', unitType: 'subdistrict' },
  );
  await createPerson({ actor: office }, 'meilin', { personId: 'p-meilin-1', name: 'Manager Li (invented)' });
  await createPerson({ actor: office }, 'huafu', { personId: 'p-huafu-1', name: 'Manager Wang (invented)' });
}

let seq = 0;
export async function newItem(overrides: Record<string, unknown> = {}): Promise<Item> {
  seq++;
  return createItem(
    { actor: office },
    {
      year: 2022,
      kind: 'task',
      itemClass: 'A',
      category: 'siege',
      title: `Scenario task ${seq}`,
      deadline: '2022-12-31',
      milestones: [
        { id: 'm1', title: 'Plan approved', dueDate: '2022-06-30', weight: 40 },
        { id: 'm2', title: 'Works finished', dueDate: '2022-11-30', weight: 60 },
      ],
      targets: [{ indicator: 'Households served', targetValue: 1000, unit: 'households' }],
      ...overrides,
    },
    `2022-S-${String(seq).padStart(3, '0')}-${randomUUID().slice(0, 4)}`,
  );
}

export const itemExecutionArn = (item: Pick<Item, 'itemId'>, generation = 1) =>
  `${localStateMachineArn('ItemLifecycle').replace(':stateMachine:', ':execution:')}:${item.itemId}--g${generation}`;
export const inquiryExecutionArn = (orderId: string) =>
  `${localStateMachineArn('Inquiry').replace(':stateMachine:', ':execution:')}:inquiry-${orderId}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the execution rests in `stateName` waiting for a callback whose token is the
 * one recorded in DynamoDB (so a command will wake it), or has ended in `stateName`.
 */
export async function settle(
  rt: LocalRuntime,
  executionArn: string,
  stateName: string,
  subject?: string,
  notToken?: string,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last = '';
  while (Date.now() < deadline) {
    let cur: ReturnType<LocalRuntime['engine']['currentState']>;
    try {
      cur = rt.engine.currentState(executionArn);
    } catch {
      await sleep(10); // not started yet
      continue;
    }
    last = JSON.stringify(cur);
    if (
      cur?.stateName === stateName &&
      cur.waitingFor === 'callback' &&
      cur.taskToken &&
      cur.taskToken !== notToken
    ) {
      const wait = subject ? await findWait(subject) : undefined;
      if (!subject || wait?.token === cur.taskToken) return;
    }
    if (!cur) {
      const d = await rt.engine.describeExecution({ executionArn }).catch(() => undefined);
      if (d && d.status !== 'RUNNING') {
        const history = (await rt.engine.getExecutionHistory({ executionArn })).events ?? [];
        const lastEntered = [...history].reverse().find((e) => e.type?.endsWith('StateEntered'));
        if (lastEntered?.stateEnteredEventDetails?.name === stateName) return;
        throw new Error(
          `execution ended (${d.status}) in ${lastEntered?.stateEnteredEventDetails?.name}, expected ${stateName}`,
        );
      }
    }
    await sleep(10);
  }
  throw new Error(`execution did not settle in ${stateName}; last: ${last}`);
}

export const settleItem = (rt: LocalRuntime, item: Pick<Item, 'itemId'>, state: string, generation = 1) =>
  settle(rt, itemExecutionArn(item, generation), state, state === 'Closed' ? undefined : itemPk(item.itemId));

/**
 * Moves the clock to just past `to` and waits until the item's execution has acted on the
 * timer and rests again in `state` (with a new callback token).
 */
export async function advanceItemTo(
  rt: LocalRuntime,
  item: Pick<Item, 'itemId'>,
  to: string | Date,
  state: string,
) {
  const arn = itemExecutionArn(item);
  const before = rt.engine.currentState(arn)?.taskToken;
  rt.clock.advance(Math.max(0, new Date(to).getTime() - rt.clock.now().getTime() + 1000));
  await settle(rt, arn, state, itemPk(item.itemId), before);
}
export const settleInquiry = (rt: LocalRuntime, orderId: string, state: string) =>
  settle(
    rt,
    inquiryExecutionArn(orderId),
    state,
    ['Rectified', 'Escalated'].includes(state) ? undefined : orderPk(orderId),
  );

export async function publish(rt: LocalRuntime, item: Item, closesInDays = 14) {
  return publishBatch({ actor: office }, 2022, {
    itemIds: [item.itemId],
    claimWindow: { closesAt: new Date(rt.clock.now().getTime() + closesInDays * DAY).toISOString() },
  });
}

/** Publish, claim by Meilin, award: returns the responsibility order. */
export async function publishClaimAward(rt: LocalRuntime, item: Item): Promise<Order> {
  await publish(rt, item);
  await settleItem(rt, item, 'ClaimWindowOpen');
  const c = await claim({ actor: meilin }, item.itemId, { plan: 'We lead it.', managerId: 'p-meilin-1' });
  const order = await award({ actor: commander }, item.itemId, c.claimId, {});
  await settleItem(rt, item, 'AwaitingAcknowledgement');
  return order;
}

export async function toInProgress(rt: LocalRuntime, item: Item): Promise<Order> {
  const order = await publishClaimAward(rt, item);
  await acknowledge({ actor: meilin }, order.orderId, {});
  await settleItem(rt, item, 'InProgress');
  return order;
}

export async function directAssign(rt: LocalRuntime, item: Item): Promise<Order> {
  const order = await assign({ actor: office }, item.itemId, { unitId: 'meilin', managerId: 'p-meilin-1' });
  await settleItem(rt, item, 'AwaitingAcknowledgement');
  return order;
}

export async function stateNames(rt: LocalRuntime, executionArn: string): Promise<string[]> {
  const events = (await rt.engine.getExecutionHistory({ executionArn, maxResults: 1000 })).events ?? [];
  return events
    .filter((e) => e.type?.endsWith('StateEntered'))
    .map((e) => e.stateEnteredEventDetails?.name ?? '');
}
