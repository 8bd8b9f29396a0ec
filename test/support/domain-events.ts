/** One valid domain event of every type (functions/domain/events.ts), for the delivery tests. */
import {
  type DomainEvent,
  DomainEvent as DomainEventSchema,
  type DomainEventType,
} from '../../functions/domain/events.ts';

const base = {
  version: 1 as const,
  at: '2022-07-15T09:00:00+08:00',
  year: 2022,
  itemId: 'item-0001',
  itemTitle: '梅林片区城市更新',
};

/** A sample of each type, addressed to `units` and `hq`; `eventId` made unique by `tag`. */
export function sampleEvents(units: string[], hq: DomainEvent['hq'], tag: string): DomainEvent[] {
  const env = (type: DomainEventType) => ({ ...base, eventId: `${tag}-${type}`, units, hq });
  const events: DomainEvent[] = [
    {
      ...env('OrderIssued'),
      type: 'OrderIssued',
      orderId: 'ord-1',
      orderNumber: '福田责〔2022〕3号',
      orderType: 'responsibility',
      dueDate: '2022-07-20',
    },
    { ...env('ReminderDue'), type: 'ReminderDue', color: 'red', what: 'deadline', dueDate: '2022-12-31' },
    {
      ...env('InquiryAnswerDue'),
      type: 'InquiryAnswerDue',
      orderId: 'ord-2',
      orderNumber: '福田问〔2022〕1号',
      dueDate: '2022-07-22',
    },
    {
      ...env('InquiryAnswerOverdue'),
      type: 'InquiryAnswerOverdue',
      orderId: 'ord-2',
      orderNumber: '福田问〔2022〕1号',
      dueDate: '2022-07-22',
    },
    { ...env('ClaimWindowClosing'), type: 'ClaimWindowClosing', closesAt: '2022-07-01T10:00:00Z' },
    {
      ...env('AwardDecided'),
      type: 'AwardDecided',
      awardedUnitId: 'meilin',
      otherUnitIds: ['huafu'],
      orderId: 'ord-1',
      orderNumber: '福田责〔2022〕3号',
    },
    {
      ...env('ExtensionDecided'),
      type: 'ExtensionDecided',
      extensionId: 'ext-1',
      target: 'deadline',
      approved: true,
      from: '2022-12-31',
      to: '2023-03-31',
    },
    { ...env('ItemUrged'), type: 'ItemUrged', note: '请本周内提交进度。', urgeNo: 2 },
    { ...env('AwardWaiting'), type: 'AwardWaiting', waitingSince: '2022-07-02T01:00:00Z', claims: 3 },
  ];
  return events.map((e) => DomainEventSchema.parse(e));
}
