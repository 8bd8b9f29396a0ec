/**
 * Which audit events are domain events, and the domain event each one is (issue 13 §5): the one
 * mapping between the trails (functions/domain/audit.ts) and the events published on the bus
 * (functions/domain/events.ts).
 *
 * Two halves, so the write path stays small: `notifyingType` (a switch on the audit type, no
 * imports) is what `appendAudit` asks of every event it appends, and writes an outbox record in
 * the same transaction when it answers; `toDomainEvent` is what the relay applies to that record
 * with the item and order it reads then. Types only from events.ts: no zod in the write path.
 * Pure: no I/O, no AWS.
 */
import type { DomainEvent, DomainEventType } from './events.ts';
import type { HqDesk, Item, Order } from './model.ts';

type Data = Readonly<Record<string, unknown>>;
type Of<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

const BY_AUDIT_TYPE: Readonly<Record<string, DomainEventType>> = {
  'claim.awarded': 'AwardDecided',
  'extension.decided': 'ExtensionDecided',
  'item.urged': 'ItemUrged',
  'item.award_waiting': 'AwardWaiting',
};

/**
 * The domain event an audit event reports, if it reports one: `order.<type>.issued` is
 * `OrderIssued`; only the timer's escalation (`automatic`) tells of an answer overdue (the
 * office's own decision to escalate tells nobody new). Kept this small: it is in ApiWrite.
 */
export function notifyingType(auditType: string, data: Data): DomainEventType | undefined {
  if (/^order\.\w+\.issued$/.test(auditType)) return 'OrderIssued';
  if (auditType === 'order.inquiry.escalated')
    return data.automatic === true ? 'InquiryAnswerOverdue' : undefined;
  return BY_AUDIT_TYPE[auditType];
}

/** The id of the event an audit event reports: its subject and sequence number (unique, stable). */
export const auditEventId = (subject: string, seq: number): string => `${subject}:${seq}`;

/** What the outbox keeps of an audit event until the relay publishes it. */
export interface AuditSource {
  readonly eventId: string;
  readonly type: DomainEventType;
  readonly subject: string;
  readonly seq: number;
  readonly auditType: string;
  readonly at: string;
  readonly data: Data;
}

/** What the relay reads to complete an audit-derived event. */
export interface EventContext {
  readonly item: Item;
  /** The order the audit event names (`data.orderId`), when it names one. */
  readonly order?: Order | undefined;
}

/** The item an audit subject is the trail of (`ITEM#<id>`), or undefined. */
export function itemIdOfSubject(subject: string): string | undefined {
  return subject.startsWith('ITEM#') ? subject.slice('ITEM#'.length) : undefined;
}

/** The date in Beijing (UTC+8, no daylight saving) of an instant. */
export const beijingDay = (iso: string): string =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** Thrown when a record cannot make its event (the relay counts it and keeps it pending). */
export class UnmappableEvent extends Error {
  override name = 'UnmappableEvent';
}

/**
 * The domain event of an outbox record made from an audit event. Addressees: the unit an order
 * names; every claimant of an award and the commander; the unit and both desks for an answer
 * overdue; the lead unit for an extension; the unit urged; the commander for claims waiting.
 */
export function toDomainEvent(src: AuditSource, ctx: EventContext): DomainEvent {
  const { item, order } = ctx;
  const base = {
    eventId: src.eventId,
    version: 1 as const,
    at: src.at,
    year: item.year,
    itemId: item.itemId,
    itemTitle: item.title,
  };
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new UnmappableEvent(`${src.eventId} (${src.auditType}): no ${what}`);
    return v;
  };
  const hq = (...desks: HqDesk[]) => desks;
  switch (src.type) {
    case 'OrderIssued': {
      const o = need(order, 'order');
      const e: Of<'OrderIssued'> = {
        ...base,
        type: 'OrderIssued',
        units: [o.unitId],
        hq: o.orderType === 'inquiry' ? hq('office') : hq(),
        orderId: o.orderId,
        orderNumber: o.displayNumber,
        orderType: o.orderType,
        ...(o.trigger ? { trigger: o.trigger } : {}),
        ...(o.orderType === 'inquiry' && o.answerDueAt
          ? { dueDate: beijingDay(o.answerDueAt) }
          : o.orderType === 'responsibility' && item.acknowledgementDueAt
            ? { dueDate: beijingDay(item.acknowledgementDueAt) }
            : {}),
      };
      return e;
    }
    case 'AwardDecided': {
      const awarded = need(str(src.data.unitId), 'unitId');
      const others = uniq(strings(src.data.declined)).filter((u) => u !== awarded);
      const e: Of<'AwardDecided'> = {
        ...base,
        type: 'AwardDecided',
        units: [awarded, ...others],
        hq: hq('commander'),
        awardedUnitId: awarded,
        otherUnitIds: others,
      };
      return e;
    }
    case 'InquiryAnswerOverdue': {
      const o = need(order, 'order');
      const e: Of<'InquiryAnswerOverdue'> = {
        ...base,
        type: 'InquiryAnswerOverdue',
        units: [o.unitId],
        hq: hq('commander', 'office'),
        orderId: o.orderId,
        orderNumber: o.displayNumber,
        dueDate: beijingDay(need(o.answerDueAt, 'answer limit')),
      };
      return e;
    }
    case 'ExtensionDecided': {
      const e: Of<'ExtensionDecided'> = {
        ...base,
        type: 'ExtensionDecided',
        units: item.leadUnitId ? [item.leadUnitId] : [],
        hq: hq(),
        extensionId: need(str(src.data.extensionId), 'extensionId'),
        target: need(str(src.data.target), 'target'),
        approved: src.data.approved === true,
        from: need(str(src.data.from), 'from'),
        to: need(str(src.data.to), 'to'),
      };
      return e;
    }
    case 'ItemUrged': {
      const unitId = str(src.data.unitId) ?? item.leadUnitId;
      const orderId = str(src.data.orderId);
      const e: Of<'ItemUrged'> = {
        ...base,
        type: 'ItemUrged',
        units: unitId ? [unitId] : [],
        hq: hq(),
        ...(orderId ? { orderId } : {}),
        note: typeof src.data.note === 'string' ? src.data.note : '',
        urgeNo: typeof src.data.urgeNo === 'number' ? src.data.urgeNo : 1,
      };
      return e;
    }
    case 'AwardWaiting': {
      const e: Of<'AwardWaiting'> = {
        ...base,
        type: 'AwardWaiting',
        units: [],
        hq: hq('commander'),
        waitingSince: need(str(src.data.waitingSince), 'waitingSince'),
        claims: typeof src.data.claims === 'number' ? src.data.claims : 1,
      };
      return e;
    }
    default:
      throw new UnmappableEvent(`${src.eventId}: ${src.type} is not made from an audit event`);
  }
}

/** The addressees of an event: its units, then its desks. */
export function addresseesOf(
  e: Pick<DomainEvent, 'units' | 'hq'>,
): ({ unitId: string } | { desk: string })[] {
  return [...uniq(e.units).map((unitId) => ({ unitId })), ...uniq(e.hq).map((desk) => ({ desk }))];
}

// ---------------------------------------------------------------------------------------------
// Timer-derived events: deterministic ids, so a second sweep finds them written

export const reminderEventId = (r: { itemId: string; key: string; dueDate: string; color: string }): string =>
  `reminder:${r.itemId}:${r.key}:${r.dueDate}:${r.color}`;

export const inquiryDueEventId = (orderId: string, dueAt: string): string =>
  `inquiry-due:${orderId}:${dueAt}`;

export const claimWindowEventId = (itemId: string, closesAt: string): string =>
  `claim-window:${itemId}:${closesAt}`;

// ---------------------------------------------------------------------------------------------
// What the API shows

/** An event as the API shows it: without its schema `version` (no answer carries a `version`). */
export function eventView<E extends { version: number }>(e: E): Omit<E, 'version'> {
  const { version: _v, ...rest } = e;
  return rest;
}

/** Whose notifications a caller reads: its unit (unit, manager) or its desk (commander, office). */
export function addresseeOf(actor: {
  role: string;
  unitId?: string | undefined;
}): { unitId: string } | { desk: string } | undefined {
  if ((actor.role === 'unit' || actor.role === 'manager') && actor.unitId) return { unitId: actor.unitId };
  if (actor.role === 'commander' || actor.role === 'office') return { desk: actor.role };
  return undefined;
}
