/**
 * The mapping from audit events to domain events (functions/domain/notifications.ts): which
 * audit types notify, and each domain event made from its audit event is valid against its
 * schema (functions/domain/events.ts) and addressed to the right units and desks.
 */
import { describe, expect, it } from 'vitest';
import { DomainEvent } from '../../../functions/domain/events.ts';
import type { Item, Order } from '../../../functions/domain/model.ts';
import {
  type AuditSource,
  addresseesOf,
  auditEventId,
  notifyingType,
  toDomainEvent,
  UnmappableEvent,
} from '../../../functions/domain/notifications.ts';

const item = {
  itemId: 'i-1',
  year: 2022,
  title: '新建社区公园',
  leadUnitId: 'meilin',
  acknowledgementDueAt: '2022-05-06T15:59:59.999Z',
} as unknown as Item;

const order = (orderType: Order['orderType'], extra: Partial<Order> = {}) =>
  ({
    orderId: `2022-${orderType.slice(0, 3).toUpperCase()}-0001`,
    orderType,
    displayNumber: '福田责〔2022〕1号',
    unitId: 'meilin',
    itemId: 'i-1',
    ...extra,
  }) as unknown as Order;

function source(auditType: string, data: Record<string, unknown>): AuditSource {
  const type = notifyingType(auditType, data);
  if (!type) throw new Error(`${auditType} does not notify`);
  return {
    eventId: auditEventId('ITEM#i-1', 7),
    type,
    subject: 'ITEM#i-1',
    seq: 7,
    auditType,
    at: '2022-05-01T02:00:00.000Z',
    data,
  };
}

const made = (auditType: string, data: Record<string, unknown>, o?: Order) =>
  DomainEvent.parse(toDomainEvent(source(auditType, data), { item, order: o }));

describe('audit events that notify', () => {
  it('the issued orders, the award, the automatic escalation and the verbs of supervision; nothing else', () => {
    expect(notifyingType('order.responsibility.issued', {})).toBe('OrderIssued');
    expect(notifyingType('order.commendation.issued', {})).toBe('OrderIssued');
    expect(notifyingType('order.inquiry.issued', {})).toBe('OrderIssued');
    expect(notifyingType('claim.awarded', {})).toBe('AwardDecided');
    expect(notifyingType('order.inquiry.escalated', { automatic: true })).toBe('InquiryAnswerOverdue');
    expect(notifyingType('order.inquiry.escalated', { note: 'the office decided' })).toBeUndefined();
    expect(notifyingType('extension.decided', {})).toBe('ExtensionDecided');
    expect(notifyingType('item.urged', {})).toBe('ItemUrged');
    expect(notifyingType('item.award_waiting', {})).toBe('AwardWaiting');
    for (const t of [
      'item.published',
      'claim.filed',
      'progress.reported',
      'extension.requested',
      'item.created',
    ])
      expect(notifyingType(t, {})).toBeUndefined();
  });

  it('the event id is the audit event: subject and sequence', () => {
    expect(source('item.urged', {}).eventId).toBe('ITEM#i-1:7');
  });
});

describe('domain events made from audit events', () => {
  it('OrderIssued: an inquiry, to the unit and the office, with its trigger and answer date (Beijing)', () => {
    const e = made(
      'order.inquiry.issued',
      { orderId: '2022-INQ-0001' },
      order('inquiry', { trigger: 'lagging_progress', answerDueAt: '2022-05-10T16:30:00.000Z' }),
    );
    expect(e).toMatchObject({
      type: 'OrderIssued',
      orderType: 'inquiry',
      trigger: 'lagging_progress',
      dueDate: '2022-05-11',
      units: ['meilin'],
      hq: ['office'],
      itemTitle: '新建社区公园',
      year: 2022,
    });
  });

  it('OrderIssued: a responsibility order, due for acknowledgement; a commendation, no date', () => {
    expect(made('order.responsibility.issued', {}, order('responsibility'))).toMatchObject({
      orderNumber: '福田责〔2022〕1号',
      dueDate: '2022-05-06',
      hq: [],
    });
    expect(made('order.commendation.issued', {}, order('commendation'))).not.toHaveProperty('dueDate');
  });

  it('AwardDecided: the awarded unit and the declined ones, and the commander', () => {
    const e = made('claim.awarded', {
      claimId: 'c1',
      unitId: 'meilin',
      declined: ['huafu', 'meilin', 'huafu'],
    });
    expect(e).toMatchObject({ awardedUnitId: 'meilin', otherUnitIds: ['huafu'], units: ['meilin', 'huafu'] });
    expect(addresseesOf(e)).toEqual([{ unitId: 'meilin' }, { unitId: 'huafu' }, { desk: 'commander' }]);
  });

  it('InquiryAnswerOverdue: the unit and both desks', () => {
    const e = made(
      'order.inquiry.escalated',
      { automatic: true, orderId: '2022-INQ-0001' },
      order('inquiry', { answerDueAt: '2022-05-10T15:59:59.999Z' }),
    );
    expect(e).toMatchObject({
      type: 'InquiryAnswerOverdue',
      dueDate: '2022-05-10',
      hq: ['commander', 'office'],
    });
  });

  it('ExtensionDecided, ItemUrged, AwardWaiting from the new verbs', () => {
    expect(
      made('extension.decided', {
        extensionId: 'x1',
        target: 'deadline',
        from: '2022-12-31',
        to: '2023-03-31',
        approved: true,
        reason: 'rain',
      }),
    ).toMatchObject({ approved: true, to: '2023-03-31', units: ['meilin'] });
    expect(made('item.urged', { unitId: 'huafu', note: '请加快进度', urgeNo: 2 })).toMatchObject({
      units: ['huafu'],
      urgeNo: 2,
    });
    expect(made('item.award_waiting', { waitingSince: '2022-04-20T00:00:00.000Z', claims: 3 })).toMatchObject(
      { hq: ['commander'], units: [], claims: 3 },
    );
  });

  it('a record that lacks what its event needs is unmappable (the relay keeps it pending)', () => {
    expect(() => toDomainEvent(source('order.inquiry.issued', {}), { item })).toThrow(UnmappableEvent);
    expect(() => toDomainEvent(source('extension.decided', {}), { item })).toThrow(/extensionId/);
  });
});
