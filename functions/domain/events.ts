/**
 * The domain events One List publishes (issue 13 §5): one schema per event, the `detail` of an
 * EventBridge event with source `DOMAIN_EVENT_SOURCE` and `detail-type` the event's `type`.
 * Subscribers (e-mail, robot webhooks) read only these; a change to a schema is a new `version`.
 *
 * Every event names who is to be told: `units` (the units concerned: the lead unit, the
 * claimant, the unit questioned) and `hq` (the commander's and the office's desks). `eventId` is
 * unique and stable (the outbox record's id): a subscriber that sees it twice delivers once.
 * Pure: no I/O, no AWS.
 */
import * as z from 'zod';
import { Id, IsoDate, IsoDateTime, OrderType } from './model.ts';

export const DOMAIN_EVENT_SOURCE = 'one-list';

/** The desks at headquarters an event may be addressed to. */
export const HqDesk = z.enum(['commander', 'office']);
export type HqDesk = z.infer<typeof HqDesk>;

const short = (max: number) => z.string().min(1).max(max);

/** What every event carries. */
const envelope = {
  eventId: short(200),
  version: z.literal(1),
  /** When the change that the event reports committed (or the timer fired). */
  at: IsoDateTime,
  year: z.number().int().min(2000).max(2100),
  units: z.array(Id).max(50),
  hq: z.array(HqDesk).max(2),
  itemId: Id,
  itemTitle: short(200),
};

const orderRef = {
  orderId: short(64),
  /** The official number, e.g. 福田责〔2022〕3号. */
  orderNumber: short(64),
};

export const OrderIssued = z.strictObject({
  ...envelope,
  ...orderRef,
  type: z.literal('OrderIssued'),
  orderType: OrderType,
  /** The inquiry's trigger (lagging progress, overdue milestone, missed deadline, violation…). */
  trigger: short(64).optional(),
  /** The date by which the unit must acknowledge or answer, when there is one. */
  dueDate: IsoDate.optional(),
});

export const ReminderDue = z.strictObject({
  ...envelope,
  type: z.literal('ReminderDue'),
  /** yellow: due soon; red: due today or lapsed. */
  color: z.enum(['yellow', 'red']),
  /** What is due: `deadline`, a milestone key, or `acknowledgement`. */
  what: short(64),
  dueDate: IsoDate,
});

export const InquiryAnswerDue = z.strictObject({
  ...envelope,
  ...orderRef,
  type: z.literal('InquiryAnswerDue'),
  dueDate: IsoDate,
});

export const InquiryAnswerOverdue = z.strictObject({
  ...envelope,
  ...orderRef,
  type: z.literal('InquiryAnswerOverdue'),
  dueDate: IsoDate,
});

export const ClaimWindowClosing = z.strictObject({
  ...envelope,
  type: z.literal('ClaimWindowClosing'),
  closesAt: IsoDateTime,
});

export const AwardDecided = z.strictObject({
  ...envelope,
  type: z.literal('AwardDecided'),
  awardedUnitId: Id,
  /** The units whose claims were not chosen (told too). */
  otherUnitIds: z.array(Id).max(50),
  orderId: short(64).optional(),
  orderNumber: short(64).optional(),
});

export const ExtensionDecided = z.strictObject({
  ...envelope,
  type: z.literal('ExtensionDecided'),
  extensionId: short(64),
  /** `deadline` or a milestone key. */
  target: short(64),
  approved: z.boolean(),
  from: IsoDate,
  to: IsoDate,
});

export const ItemUrged = z.strictObject({
  ...envelope,
  type: z.literal('ItemUrged'),
  orderId: short(64).optional(),
  note: z.string().max(2000),
  urgeNo: z.number().int().min(1).max(10_000),
});

export const AwardWaiting = z.strictObject({
  ...envelope,
  type: z.literal('AwardWaiting'),
  waitingSince: IsoDateTime,
  claims: z.number().int().min(1).max(1000),
});

export const DomainEvent = z.discriminatedUnion('type', [
  OrderIssued,
  ReminderDue,
  InquiryAnswerDue,
  InquiryAnswerOverdue,
  ClaimWindowClosing,
  AwardDecided,
  ExtensionDecided,
  ItemUrged,
  AwardWaiting,
]);
export type DomainEvent = z.infer<typeof DomainEvent>;
export type DomainEventType = DomainEvent['type'];

export const DOMAIN_EVENT_TYPES = DomainEvent.options.map(
  (o) => o.shape.type.value,
) as readonly DomainEventType[];
