/** Issuing orders inside a unit of work: number, record, and the item's audit event. */

import type { UnitOfWork } from '#data/db.ts';
import { createOrder, reserveNumber } from '#data/orders.ts';
import type { NewAuditEvent } from '#domain/audit.ts';
import { beijingDate } from '#domain/calendar.ts';
import type { Actor, CommendationGrade, InquiryTrigger, Item, Order } from '#domain/model.ts';
import { onCalendar } from './calendar.ts';
import { limits } from './config.ts';

export interface Issued {
  order: Order;
  event: NewAuditEvent;
}

async function issue(
  uow: UnitOfWork,
  item: Item,
  actor: Actor,
  at: string,
  fields: Pick<Order, 'orderType' | 'unitId' | 'public'> & Partial<Order>,
): Promise<Issued> {
  const { number, orderId, displayNumber } = await reserveNumber(uow, fields.orderType, item.year);
  const order: Order = {
    ...fields,
    orderId,
    year: item.year,
    number,
    displayNumber,
    itemId: item.itemId,
    itemTitle: item.title,
    issuedAt: at,
    issuedBy: actor.sub,
    status: 'issued',
    version: 0,
  };
  createOrder(uow, order);
  return {
    order,
    event: {
      type: `order.${order.orderType}.issued`,
      actor,
      data: {
        orderId,
        displayNumber,
        unitId: order.unitId,
        ...(order.trigger ? { trigger: order.trigger } : {}),
      },
    },
  };
}

export function issueResponsibility(
  uow: UnitOfWork,
  item: Item,
  actor: Actor,
  at: string,
  unitId: string,
  managerId: string,
) {
  return issue(uow, item, actor, at, {
    orderType: 'responsibility',
    unitId,
    managerId,
    targets: item.targets,
    milestones: item.milestones,
    deadline: item.deadline,
    public: true,
  });
}

export function issueCommendation(
  uow: UnitOfWork,
  item: Item,
  actor: Actor,
  at: string,
  grade: CommendationGrade,
) {
  return issue(uow, item, actor, at, {
    orderType: 'commendation',
    unitId: item.leadUnitId!,
    managerId: item.managerId,
    grade,
    public: true,
  });
}

export async function issueInquiry(
  uow: UnitOfWork,
  item: Item,
  actor: Actor,
  at: string,
  trigger: InquiryTrigger,
  reason: string,
) {
  const issuedAt = new Date(at);
  const answerDueAt = await onCalendar(beijingDate(issuedAt), (c) =>
    c.workingDayDeadline(issuedAt, limits().inquiryAnswerWorkingDays),
  );
  return issue(uow, item, actor, at, {
    orderType: 'inquiry',
    unitId: item.leadUnitId!,
    managerId: item.managerId,
    trigger,
    reason,
    answerDueAt: answerDueAt.toISOString(),
    // Inquiries are public in summary only (the board shows unit, trigger and status).
    public: true,
  });
}

/** The item after an inquiry was issued on it: open, and its workflow to be started. */
export function withInquiry(item: Item, order: Order): Item {
  return {
    ...item,
    openInquiryIds: [...item.openInquiryIds, order.orderId],
    inquiriesToStart: [...item.inquiriesToStart, order.orderId],
  };
}
