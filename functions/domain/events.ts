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
import * as z from 'zod/mini';
import { HqDesk, Id, IsoDate, IsoDateTime, OrderType } from './model.ts';

export const DOMAIN_EVENT_SOURCE = 'one-list';

const short = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/** What every event carries. */
const envelope = {
  eventId: short(200),
  version: z.literal(1),
  /** When the change that the event reports committed (or the timer fired). */
  at: IsoDateTime,
  year: z.number().check(z.int(), z.gte(2000), z.lte(2100)),
  units: z.array(Id).check(z.maxLength(50)),
  hq: z.array(HqDesk).check(z.maxLength(2)),
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
  trigger: z.optional(short(64)),
  /** The date by which the unit must acknowledge or answer, when there is one. */
  dueDate: z.optional(IsoDate),
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
  otherUnitIds: z.array(Id).check(z.maxLength(50)),
  orderId: z.optional(short(64)),
  orderNumber: z.optional(short(64)),
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
  orderId: z.optional(short(64)),
  note: z.string().check(z.maxLength(2000)),
  urgeNo: z.number().check(z.int(), z.gte(1), z.lte(10_000)),
});

export const AwardWaiting = z.strictObject({
  ...envelope,
  type: z.literal('AwardWaiting'),
  waitingSince: IsoDateTime,
  claims: z.number().check(z.int(), z.gte(1), z.lte(1000)),
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

export const DOMAIN_EVENT_TYPES = DomainEvent.def.options.map(
  (o) => o.shape.type.def.values[0],
) as readonly DomainEventType[];
