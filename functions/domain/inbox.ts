/**
 * A caller's inbox: what waits for them, due soonest first, with the working days left to the
 * limit. Which things wait for which role is decided here (`INBOX_SOURCES`); the application
 * reads the candidates (functions/app/inbox.ts) and this module shapes, sorts and caps them.
 */

import type { PublicItem } from './access.ts';
import { CalendarNotCovered, type WorkingCalendar } from './calendar.ts';
import { awardRemindedAt } from './lifecycle.ts';
import type { Item, Order, Role } from './model.ts';

export const INBOX_KINDS = [
  'claim_open', // unit: an item of the list open for claims (due: the window's close)
  'order_to_acknowledge', // unit: a responsibility order to sign (due: the acknowledgement limit)
  'item_to_report', // unit, manager: an item in progress (due: the next milestone or the deadline)
  'inquiry_to_answer', // unit: an inquiry order to answer (due: the answer limit)
  'claims_to_award', // commander: the window closed with applications
  'unclaimed', // commander: nobody claimed: assign directly or reopen
  'escalation', // commander: an inquiry escalated
  'draft', // office: an item not yet on the list
  'proposal_to_review', // office: a class B proposal pending
  'completion_to_verify', // office: a completion reported
  'inquiry_draft', // office: an evaluation's inquiry draft to confirm (latest ended period)
  'inquiry_to_decide', // office: an inquiry answered
  'inquiry_followed', // inspector: an inquiry from a reported violation, and its state
  // The verbs of supervision (督办)
  'award_waiting', // commander: claims waited the award-wait limit (the workflow reminded, item.award_waiting)
  'extension_to_decide', // commander, office: an extension request pending (due: the date it would move)
  'extension_decided', // unit: its extension request, approved or rejected
  'urged', // unit: the office or a commander urged it on an item still active (催办; since: the latest)
  'reminder_due', // unit: a deadline reminder of the daily sweep, yellow or red (due: the milestone's or deadline's date)
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/** What each role's inbox gathers. */
export const INBOX_SOURCES: Readonly<Record<Role, readonly InboxKind[]>> = {
  unit: [
    'claim_open',
    'order_to_acknowledge',
    'item_to_report',
    'inquiry_to_answer',
    'extension_decided',
    'urged',
    'reminder_due',
  ],
  manager: ['item_to_report'],
  commander: ['claims_to_award', 'unclaimed', 'escalation', 'extension_to_decide'],
  office: [
    'draft',
    'proposal_to_review',
    'completion_to_verify',
    'inquiry_draft',
    'inquiry_to_decide',
    'extension_to_decide',
  ],
  inspector: ['inquiry_followed'],
};

/** At most this many entries per source are read, and at most this many answered. */
export const INBOX_SOURCE_CAP = 100;
export const INBOX_CAP = 200;

export interface InboxCandidate {
  kind: InboxKind;
  subjectType: 'item' | 'order' | 'proposal' | 'draft' | 'extension';
  subjectId: string;
  itemId?: string;
  title: string;
  unitId?: string;
  status: string;
  /** When it started waiting (ISO date-time), where known. */
  since?: string;
  /** The limit: an ISO date-time or a Beijing date; absent where none applies. */
  due?: string;
  /** An item to report on: its percent complete so far. */
  percentComplete?: number;
  /** An extension: what it moves (`deadline` or a milestone id) and from which date to which. */
  move?: { target: string; from: string; to: string };
}

export interface InboxEntry extends Omit<InboxCandidate, 'due'> {
  /** The limit as a Beijing date, or null. */
  dueDate: string | null;
  /** Working days from today to the limit (negative when overdue); null without a limit or a calendar. */
  workingDaysLeft: number | null;
  overdue: boolean;
}

const BEIJING_MS = 8 * 3600_000;
/** The Beijing date of an ISO date-time, or the date itself. */
function dateOf(due: string): string {
  if (due.length === 10) return due;
  return new Date(new Date(due).getTime() + BEIJING_MS).toISOString().slice(0, 10);
}

function daysLeft(calendar: WorkingCalendar, asOf: string, due: string): number | null {
  try {
    return due >= asOf ? calendar.workingDaysBetween(asOf, due) : -calendar.workingDaysBetween(due, asOf);
  } catch (err) {
    if (err instanceof CalendarNotCovered) return null;
    throw err;
  }
}

/**
 * The entries of an inbox on `asOf` (a Beijing date): due soonest first (those without a limit
 * last, oldest waiting first), then by subject id; at most `cap`, with whether more were left.
 */
export function inbox(
  candidates: readonly InboxCandidate[],
  asOf: string,
  calendar: WorkingCalendar,
  cap = INBOX_CAP,
): { entries: InboxEntry[]; truncated: boolean } {
  const entries = candidates.map(({ due, ...c }): InboxEntry => {
    const dueDate = due ? dateOf(due) : null;
    return {
      ...c,
      dueDate,
      workingDaysLeft: dueDate ? daysLeft(calendar, asOf, dueDate) : null,
      overdue: dueDate !== null && dueDate < asOf,
    };
  });
  entries.sort(
    (a, b) =>
      (a.dueDate === null ? 1 : 0) - (b.dueDate === null ? 1 : 0) ||
      (a.dueDate ?? '').localeCompare(b.dueDate ?? '') ||
      (a.since ?? '').localeCompare(b.since ?? '') ||
      a.subjectId.localeCompare(b.subjectId),
  );
  return { entries: entries.slice(0, cap), truncated: entries.length > cap };
}

/** An item in progress waits for its next undone milestone, else its deadline. */
export function nextDue(item: Pick<Item, 'milestones' | 'milestonesDone' | 'deadline'>): string {
  const open = item.milestones
    .filter((m) => !item.milestonesDone[m.id])
    .map((m) => m.dueDate)
    .sort();
  return open[0] ?? item.deadline;
}

/** An item as an inbox candidate of a kind, its limit chosen by the kind. */
export function itemCandidate(
  kind: InboxKind,
  item: PublicItem & Partial<Pick<Item, 'acknowledgementDueAt' | 'completion'>>,
): InboxCandidate {
  const due =
    kind === 'claim_open'
      ? item.claimWindow?.closesAt
      : kind === 'item_to_report'
        ? nextDue(item)
        : kind === 'order_to_acknowledge'
          ? item.acknowledgementDueAt
          : undefined;
  const since =
    kind === 'claims_to_award' || kind === 'unclaimed' || kind === 'award_waiting'
      ? item.claimWindow?.closesAt
      : kind === 'completion_to_verify'
        ? item.completion?.reportedAt
        : item.updatedAt;
  return {
    kind,
    subjectType: 'item',
    subjectId: item.itemId,
    itemId: item.itemId,
    title: item.title,
    ...(item.leadUnitId && item.status !== 'published' ? { unitId: item.leadUnitId } : {}),
    status: item.status,
    ...(since ? { since } : {}),
    ...(due ? { due } : {}),
    ...(kind === 'item_to_report' ? { percentComplete: item.percentComplete } : {}),
  };
}

/** An order as an inbox candidate; `acknowledgementDueAt` is the item's, for an order to sign. */
export function orderCandidate(kind: InboxKind, order: Order, acknowledgementDueAt?: string): InboxCandidate {
  const due =
    kind === 'inquiry_to_answer'
      ? order.answerDueAt
      : kind === 'order_to_acknowledge'
        ? acknowledgementDueAt
        : undefined;
  const since =
    kind === 'inquiry_to_decide'
      ? (order.answer?.answeredAt ?? order.issuedAt)
      : kind === 'escalation'
        ? (order.decision?.decidedAt ?? order.issuedAt)
        : order.issuedAt;
  return {
    kind,
    subjectType: 'order',
    subjectId: order.orderId,
    itemId: order.itemId,
    title: `${order.displayNumber} ${order.itemTitle}`,
    unitId: order.unitId,
    status: order.status,
    since,
    ...(due ? { due } : {}),
  };
}

/**
 * Claims waiting for an award: an item the workflow reminded the commander of
 * (item.award_waiting, recorded in `lapsesActedOn`) shows as `award_waiting`, else as `claims_to_award`.
 */
export function awardKind(item: Pick<Item, 'lapsesActedOn' | 'claimWindow'>): InboxKind {
  return awardRemindedAt(item) ? 'award_waiting' : 'claims_to_award';
}

/** An extension request as an inbox candidate: pending (HQ decides) or decided (the unit is told). */
export function extensionCandidate(
  kind: 'extension_to_decide' | 'extension_decided',
  r: {
    extensionId: string;
    itemId: string;
    itemTitle: string;
    unitId: string;
    target: string;
    from: string;
    to: string;
    status: string;
    requestedAt: string;
    decidedAt?: string | undefined;
  },
): InboxCandidate {
  return {
    kind,
    subjectType: 'extension',
    subjectId: r.extensionId,
    itemId: r.itemId,
    // The item's title; what moves is data the console words in the reader's language.
    title: r.itemTitle,
    move: { target: r.target, from: r.from, to: r.to },
    unitId: r.unitId,
    status: r.status,
    since: kind === 'extension_decided' ? (r.decidedAt ?? r.requestedAt) : r.requestedAt,
    // Pending: decided before the date it would move lapses.
    ...(kind === 'extension_to_decide' ? { due: r.from } : {}),
  };
}
