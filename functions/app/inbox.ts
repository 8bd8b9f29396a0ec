/**
 * The reads behind a caller's inbox (GET /v1/me/inbox): for each source of the caller's role
 * (functions/domain/inbox.ts) one bounded page of an existing Query of the data modules, the
 * entries passed through the read rules, then sorted and capped by the domain on the calendar.
 */
import { draftsOf } from '#data/evaluations.ts';
import { extensionsOfUnit, extensionsOfYear } from '#data/extensions.ts';
import { getItem, getItems, listItems } from '#data/items.ts';
import { listOrders } from '#data/orders.ts';
import { remindersOf } from '#data/outbox.ts';
import { listProposals } from '#data/proposals.ts';
import { urgingsOfUnit } from '#data/supervision.ts';
import { itemView, orderView, readsDrafts, readsInquiryDrafts } from '#domain/access.ts';
import type { Inbox } from '#domain/answers.ts';
import { beijingDate } from '#domain/calendar.ts';
import { previousPeriod } from '#domain/evaluation.ts';
import {
  awardKind,
  extensionCandidate,
  INBOX_CAP,
  INBOX_SOURCE_CAP,
  INBOX_SOURCES,
  type InboxCandidate,
  type InboxKind,
  inbox,
  itemCandidate,
  orderCandidate,
} from '#domain/inbox.ts';
import { type Actor, ITEM_KINDS, type Item, type ItemStatus, type Order } from '#domain/model.ts';
import type { Urging } from '#domain/supervision.ts';
import { now } from '#lib/clock.ts';
import { onCalendar } from './calendar.ts';

export type { Inbox };

type Found = { candidates: InboxCandidate[]; more: boolean };

/** Items of the year in a status: one key-narrowed GSI1 Query per kind (one page each). */
async function itemsIn(year: number, status: ItemStatus, cap: number): Promise<Found & { items: Item[] }> {
  const items: Item[] = [];
  let more = false;
  for (const kind of ITEM_KINDS) {
    if (items.length >= cap) {
      more = true;
      break;
    }
    const page = await listItems({ year, kind, status }, cap - items.length);
    items.push(...page.items);
    if (page.nextCursor) more = true;
  }
  return { items, candidates: [], more };
}

function ofItems(actor: Actor, kind: InboxKind, items: readonly Item[]): InboxCandidate[] {
  const out: InboxCandidate[] = [];
  for (const i of items) {
    const view = itemView(actor, i);
    if (!view) continue;
    out.push(itemCandidate(kind === 'claims_to_award' ? awardKind(i) : kind, view));
  }
  return out;
}

function ofOrders(actor: Actor, kind: InboxKind, orders: readonly Order[]): InboxCandidate[] {
  // Every order the inbox reads is the reader's own unit's or read by HQ in full; the read rule
  // still decides (a summary has no answer limit to show).
  return orders.map((o) => {
    const view = orderView(actor, o);
    return orderCandidate(kind, view as Order);
  });
}

async function source(
  actor: Actor,
  kind: InboxKind,
  year: number,
  period: string,
  cap: number,
): Promise<Found> {
  const unitId = actor.unitId ?? '';
  switch (kind) {
    case 'claim_open': {
      const { items, more } = await itemsIn(year, 'published', cap);
      return { candidates: ofItems(actor, kind, items), more };
    }
    case 'claims_to_award':
    case 'unclaimed':
    case 'completion_to_verify':
    case 'draft': {
      if (kind === 'draft' && !readsDrafts(actor)) return { candidates: [], more: false };
      const status: ItemStatus =
        kind === 'claims_to_award'
          ? 'claims_closed'
          : kind === 'unclaimed'
            ? 'unclaimed'
            : kind === 'draft'
              ? 'draft'
              : 'completion_reported';
      const { items, more } = await itemsIn(year, status, cap);
      return { candidates: ofItems(actor, kind, items), more };
    }
    case 'item_to_report': {
      const filter =
        actor.role === 'manager'
          ? { year, managerId: actor.personId ?? '', status: 'in_progress' as const }
          : { year, unitId, status: 'in_progress' as const };
      if (!filter.unitId && !('managerId' in filter && filter.managerId))
        return { candidates: [], more: false };
      const page = await listItems(filter, cap);
      return { candidates: ofItems(actor, kind, page.items), more: Boolean(page.nextCursor) };
    }
    case 'order_to_acknowledge': {
      if (!unitId) return { candidates: [], more: false };
      const page = await listOrders({ year, unitId, type: 'responsibility', status: 'issued' }, cap);
      // The limit to sign is the item's (set when the order was issued).
      const candidates = await Promise.all(
        page.items.map(async (o) => {
          const item = await getItem(o.itemId);
          return orderCandidate(kind, orderView(actor, o) as Order, item.acknowledgementDueAt);
        }),
      );
      return { candidates, more: Boolean(page.nextCursor) };
    }
    case 'inquiry_to_answer': {
      if (!unitId) return { candidates: [], more: false };
      const page = await listOrders({ year, unitId, type: 'inquiry', status: 'issued' }, cap);
      return { candidates: ofOrders(actor, kind, page.items), more: Boolean(page.nextCursor) };
    }
    case 'escalation':
    case 'inquiry_to_decide': {
      const status = kind === 'escalation' ? 'escalated' : 'answered';
      const page = await listOrders({ year, type: 'inquiry', status }, cap);
      return { candidates: ofOrders(actor, kind, page.items), more: Boolean(page.nextCursor) };
    }
    case 'reminder_due': {
      // The unit's reminders, newest due date first: those still ahead, and the lapsed (red) ones.
      if (!unitId) return { candidates: [], more: false };
      const page = await remindersOf(unitId, cap);
      const today = beijingDate(now());
      return {
        candidates: page.items
          .filter((r) => r.color === 'red' || r.dueDate >= today)
          .map((r) => ({
            kind,
            subjectType: 'item' as const,
            subjectId: `${r.itemId}#${r.key}#${r.color}`,
            itemId: r.itemId,
            title: r.itemTitle ?? r.itemId,
            unitId: r.unitId,
            status: r.color,
            since: r.at,
            due: r.dueDate,
          })),
        more: Boolean(page.nextCursor),
      };
    }
    case 'inquiry_followed': {
      // The inquiry orders of the year (GSI1), those issued on this inspector's reports.
      const page = await listOrders({ year, type: 'inquiry' }, cap);
      const mine = page.items.filter((o) => o.trigger === 'violation' && o.issuedBy === actor.sub);
      return { candidates: ofOrders(actor, kind, mine), more: Boolean(page.nextCursor) };
    }
    case 'award_waiting':
      // Read with `claims_to_award` (the same items; awardKind picks the kind).
      return { candidates: [], more: false };
    case 'extension_to_decide': {
      const page = await extensionsOfYear(year, 'pending', cap);
      return {
        candidates: page.items.map((r) => extensionCandidate(kind, r)),
        more: Boolean(page.nextCursor),
      };
    }
    case 'extension_decided': {
      if (!unitId) return { candidates: [], more: false };
      const page = await extensionsOfUnit(unitId, year, cap);
      const decided = page.items.filter((r) => r.status !== 'pending');
      return {
        candidates: decided.map((r) => extensionCandidate(kind, r)),
        more: Boolean(page.nextCursor),
      };
    }
    case 'proposal_to_review': {
      const page = await listProposals({ year, status: 'pending' }, cap);
      return {
        candidates: page.items.map((p) => ({
          kind,
          subjectType: 'proposal' as const,
          subjectId: p.proposalId,
          title: typeof p.draft.title === 'string' ? p.draft.title : p.proposalId,
          unitId: p.unitId,
          status: p.status,
          since: p.declaredAt,
        })),
        more: Boolean(page.nextCursor),
      };
    }
    case 'urged': {
      if (!unitId) return { candidates: [], more: false };
      // The unit's urgings of the year, newest first: the latest per item, on items still active.
      const page = await urgingsOfUnit(unitId, year, cap);
      const latest = new Map<string, Urging>();
      for (const u of page.items) if (!latest.has(u.itemId)) latest.set(u.itemId, u);
      const items = await getItems([...latest.keys()]);
      const candidates = items
        // Still active (URGEABLE_STATUSES of supervision.ts, not imported: it would bring its schemas).
        .filter((i) => i.status === 'awarded' || i.status === 'in_progress')
        .map((i) => {
          const u = latest.get(i.itemId)!;
          return {
            kind,
            subjectType: 'item' as const,
            subjectId: i.itemId,
            itemId: i.itemId,
            title: `${i.title}（${u.note}）`,
            unitId,
            status: i.status,
            since: u.at,
          };
        });
      return { candidates, more: Boolean(page.nextCursor) };
    }
    case 'inquiry_draft': {
      if (!readsInquiryDrafts(actor)) return { candidates: [], more: false };
      const drafts = (await draftsOf(period)).filter((d) => d.status === 'proposed');
      const shown = drafts.slice(0, cap);
      const candidates = await Promise.all(
        shown.map(async (d) => ({
          kind,
          subjectType: 'draft' as const,
          subjectId: `${d.period}#${d.itemId}#${d.trigger}`,
          itemId: d.itemId,
          title: (await getItem(d.itemId)).title,
          status: d.status,
        })),
      );
      return { candidates, more: drafts.length > cap };
    }
  }
}

/** The caller's inbox in the year (the current one unless given). */
export async function inboxOf(actor: Actor, year?: number): Promise<Inbox> {
  if (actor.role === 'system') throw new Error('the system has no inbox');
  const role = actor.role;
  const at = now();
  const asOf = beijingDate(at);
  const y = year ?? Number(asOf.slice(0, 4));
  const period = previousPeriod(asOf.slice(0, 7));
  const found = await Promise.all(
    INBOX_SOURCES[role].map((kind) => source(actor, kind, y, period, INBOX_SOURCE_CAP)),
  );
  const candidates = found.flatMap((f) => f.candidates);
  const { entries, truncated } = await onCalendar(asOf, (calendar) => inbox(candidates, asOf, calendar));
  return {
    role,
    year: y,
    asOf,
    period,
    entries,
    truncated: truncated || found.some((f) => f.more),
    cap: { perSource: INBOX_SOURCE_CAP, total: INBOX_CAP },
  };
}
