/** The inquiry sub-flow: the unit answers in writing; the office closes it or escalates. */

import { UnitOfWork } from '#data/db.ts';
import { getItem, saveItem } from '#data/items.ts';
import { getOrder, saveOrder } from '#data/orders.ts';
import { requireOrderActor } from '#domain/access.ts';
import { InquiryAnswerInput, InquiryDecisionInput } from '#domain/commands.ts';
import { RuleViolation } from '#domain/errors.ts';
import { canApplyToOrder, type OrderCommand } from '#domain/lifecycle.ts';
import type { Actor, Item, Order } from '#domain/model.ts';
import { applyResults } from '../results.ts';
import { type Ctx, isoNow, parse, wakeItem, wakeOrder, withRetry } from '../support.ts';

/**
 * Changes an inquiry order and records the event on its item's trail, in one transaction.
 * Inquiries change no item status, so this bypasses the item lifecycle rules.
 */
async function changeInquiry(
  orderId: string,
  command: OrderCommand,
  actor: Actor,
  decide: (
    order: Order,
    item: Item,
    at: string,
  ) => { order: Order; item?: Partial<Item>; type: string; data: Record<string, unknown> },
): Promise<Order> {
  const { order, item } = await withRetry(async () => {
    const before = await getOrder(orderId);
    const allowed = canApplyToOrder(before, command);
    if (!allowed.ok) throw allowed.error;
    const item = await getItem(before.itemId);
    const at = isoNow();
    const d = decide(before, item, at);
    const uow = new UnitOfWork();
    const order = saveOrder(uow, before, d.order);
    await applyResults(uow, order, at);
    const savedItem = saveItem(uow, item, { ...item, ...d.item, updatedAt: at }, [
      { type: d.type, actor, data: { orderId, ...d.data } },
    ]);
    await uow.commit(order);
    return { order, item: savedItem };
  });
  await wakeOrder(order, command);
  await wakeItem(item, command);
  return order;
}

export async function answerInquiry(ctx: Ctx, orderId: string, input: unknown): Promise<Order> {
  const v = parse(InquiryAnswerInput, input);
  requireOrderActor(ctx.actor, await getOrder(orderId));
  return changeInquiry(orderId, 'answer', ctx.actor, (order, _item, at) => {
    if (order.answerDueAt && at > order.answerDueAt) {
      throw new RuleViolation('order.answer.overdue', `the answer was due by ${order.answerDueAt}`);
    }
    return {
      order: {
        ...order,
        status: 'answered',
        answer: { answeredAt: at, text: v.text, rectificationPlan: v.rectificationPlan },
      },
      type: 'order.inquiry.answered',
      data: {},
    };
  });
}

const closeOnItem = (item: Item, orderId: string): Partial<Item> => ({
  openInquiryIds: item.openInquiryIds.filter((id) => id !== orderId),
});

export async function decideInquiry(ctx: Ctx, orderId: string, input: unknown): Promise<Order> {
  const v = parse(InquiryDecisionInput, input);
  return changeInquiry(orderId, 'decide', ctx.actor, (order, item, at) => ({
    order: {
      ...order,
      status: v.outcome,
      decision: { decidedAt: at, outcome: v.outcome, note: v.note, by: ctx.actor.sub },
    },
    item: closeOnItem(item, orderId),
    type: `order.inquiry.${v.outcome}`,
    data: {
      note: v.note,
      ...(order.trigger === 'violation' && v.outcome === 'escalated' ? { referred: true } : {}),
    },
  }));
}

/** No answer by the limit: escalated automatically (the inquiry workflow's timer). */
export async function escalateUnanswered(ctx: Ctx, orderId: string): Promise<Order> {
  return changeInquiry(orderId, 'escalate_unanswered', ctx.actor, (order, item, at) => {
    if (order.answerDueAt && at < order.answerDueAt) {
      throw new RuleViolation('order.escalate.not_due', `the answer is due by ${order.answerDueAt}`);
    }
    return {
      order: {
        ...order,
        status: 'escalated',
        decision: {
          decidedAt: at,
          outcome: 'escalated',
          note: 'no answer within the time limit',
          by: ctx.actor.sub,
        },
      },
      item: closeOnItem(item, orderId),
      type: 'order.inquiry.escalated',
      data: { automatic: true },
    };
  });
}
