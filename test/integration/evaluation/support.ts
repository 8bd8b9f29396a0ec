/**
 * Small helpers shared by the evaluation scenarios (on top of test/support/workflow-harness.ts).
 */

import type { LocalRuntime } from '@one-list/local-aws';
import { award, claim } from '#app/commands/claims.ts';
import { publishBatch } from '#app/commands/items.ts';
import { acknowledge } from '#app/commands/work.ts';
import { listOrders } from '#data/orders.ts';
import type { Actor, Item, Order } from '#domain/model.ts';
import { commander, DAY, office, settleItem } from '../../support/workflow-harness.ts';

export const unit = (unitId: string): Actor & { unitId: string } => ({
  role: 'unit',
  sub: `${unitId}-user`,
  unitId,
});

/** Claimed by `unitId` (its manager `p-<unitId>-1`), awarded and acknowledged: in progress. */
export async function claimAwardAcknowledge(rt: LocalRuntime, item: Item, unitId: string): Promise<Order> {
  await settleItem(rt, item, 'ClaimWindowOpen');
  const c = await claim({ actor: unit(unitId) }, item.itemId, {
    plan: `${unitId} leads it.`,
    managerId: `p-${unitId}-1`,
  });
  const order = await award({ actor: commander }, item.itemId, c.claimId, {});
  await settleItem(rt, item, 'AwaitingAcknowledgement');
  await acknowledge({ actor: unit(unitId) }, order.orderId, {});
  await settleItem(rt, item, 'InProgress');
  return order;
}

/** Publishes the items in one batch (claim window of two weeks). */
export async function publishAll(rt: LocalRuntime, items: readonly Item[], year = 2022) {
  return publishBatch({ actor: office }, year, {
    itemIds: items.map((i) => i.itemId),
    claimWindow: { closesAt: new Date(rt.clock.now().getTime() + 14 * DAY).toISOString() },
  });
}

/** Moves the engine's (and the application's) clock forward to `iso`. */
export function moveClockTo(rt: LocalRuntime, iso: string): void {
  const ms = new Date(iso).getTime() - rt.clock.now().getTime();
  if (ms < 0) throw new Error(`the clock is already past ${iso}`);
  rt.clock.advance(ms);
}

export async function ordersOf(itemId: string, type?: Order['orderType']): Promise<Order[]> {
  return (await listOrders({ year: 2022, itemId, ...(type ? { type } : {}) }, 100)).items;
}
