/**
 * Who may do what, and who may read what. Which roles may run a command is its route's
 * (functions/api/routes/*.ts, enforced by the router before the command runs; a workflow or
 * a script acts as `system`); object-level checks (a unit only on its own items and orders, a manager only on items they
 * manage) are pure functions over the loaded aggregate. The read rules (below the write
 * rules) say, for every entity, what a caller sees: in full, as the public board shows it,
 * or nothing.
 */

import * as z from 'zod/mini';
import { Forbidden, NotFound } from './errors.ts';
import { type Actor, type AuditEvent, Item, Order, ProgressReport } from './model.ts';
import { type ItemView, type OrderView, toItemView, toOrderView } from './views.ts';

/** A unit acts only on items it leads; a manager only on items they manage. */
export function requireItemActor(
  actor: Actor,
  item: Pick<Item, 'itemId' | 'leadUnitId' | 'managerId'>,
): void {
  if (actor.role === 'unit' && (!actor.unitId || actor.unitId !== item.leadUnitId)) {
    throw new Forbidden('auth.not_your_item', `item ${item.itemId} is not led by your unit`);
  }
  if (actor.role === 'manager' && (!actor.personId || actor.personId !== item.managerId)) {
    throw new Forbidden('auth.not_your_item', `you are not the project manager of item ${item.itemId}`);
  }
}

export function requireOrderActor(actor: Actor, order: Pick<Order, 'orderId' | 'unitId'>): void {
  if (actor.role === 'unit' && (!actor.unitId || actor.unitId !== order.unitId)) {
    throw new Forbidden('auth.not_your_order', `order ${order.orderId} is not addressed to your unit`);
  }
}

/** A unit claims for itself; only the office or a commander files on behalf of another unit. */
export function claimingUnit(actor: Actor, requested?: string): string {
  if (actor.role === 'unit') {
    if (!actor.unitId) throw new Forbidden('auth.no_unit', 'your token names no unit');
    if (requested && requested !== actor.unitId) {
      throw new Forbidden('auth.not_your_unit', 'a unit claims only for itself');
    }
    return actor.unitId;
  }
  if (!requested) throw new Forbidden('auth.unit_required', 'name the unit on whose behalf you claim');
  return requested;
}

// ---------------------------------------------------------------------------------------------
// Read rules
//
// What a unit or project manager may read of ANOTHER unit is what the public board shows:
// the list, claimants, status and progress, commendations, inquiries in summary, rankings,
// statistics. Its own unit's items, orders, inquiries, progress, ledger and people it reads
// in full. The office, commanders and inspectors read everything; drafts (unpublished items,
// an evaluation's unconfirmed inquiry drafts) are the office's and commanders' only. A caller
// without a token (`undefined`) is the public.

/** The caller of a read: an actor, or the public (no token). */
export type Reader = Actor | undefined;

/** Office, commanders, inspectors (and the system) read every unit's records in full. */
export function readsEverything(reader: Reader): boolean {
  return (
    reader?.role === 'office' ||
    reader?.role === 'commander' ||
    reader?.role === 'inspector' ||
    reader?.role === 'system'
  );
}

/** Drafts — unpublished items, unconfirmed inquiry drafts — are the office's and commanders'. */
export function readsDrafts(reader: Reader): boolean {
  return reader?.role === 'office' || reader?.role === 'commander' || reader?.role === 'system';
}

/** Whether the records of `unitId` are the reader's own unit's (a unit, or a manager of it). */
export function isOwnUnit(reader: Reader, unitId: string | undefined): boolean {
  return (
    (reader?.role === 'unit' || reader?.role === 'manager') &&
    !!reader.unitId &&
    !!unitId &&
    reader.unitId === unitId
  );
}

/** Reads the unit's records in full: HQ and inspectors, or the unit's own unit and managers. */
export function readsUnitInFull(reader: Reader, unitId: string | undefined): boolean {
  return readsEverything(reader) || isOwnUnit(reader, unitId);
}

const pickFields = <T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> => {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (value[k] !== undefined) out[k] = value[k];
  return out;
};
const mask = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, true])) as { [P in K]: true };

/**
 * What the public board shows of an item: what the list publishes (the task, its targets,
 * milestones and investment figures, the leading unit, status and progress) — no project
 * manager, no claim, no internal state (workflow, callback token, lapses, versions).
 */
export const PUBLIC_ITEM_FIELDS = [
  'itemId',
  'year',
  'kind',
  'itemClass',
  'category',
  'title',
  'description',
  'leadLeader',
  'leadUnitId',
  'supportingUnitIds',
  'project',
  'milestones',
  'deadline',
  'targets',
  'status',
  'batchNo',
  'claimWindow',
  'responsibilityOrderId',
  'percentComplete',
  'investmentCompleted',
  'milestonesDone',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof Item)[];
export const PublicItem = z.pick(Item, mask(PUBLIC_ITEM_FIELDS));
export type PublicItem = Pick<Item, (typeof PUBLIC_ITEM_FIELDS)[number]>;

/**
 * An item as the reader may see it: in full (HQ and inspectors, and the leading unit's own
 * people), the public view (anyone else), or nothing (a draft, unless the office or a
 * commander reads it).
 */
export function itemView(reader: Reader, item: Item): ItemView | PublicItem | undefined {
  if (item.status === 'draft') return readsDrafts(reader) ? toItemView(item) : undefined;
  if (readsUnitInFull(reader, item.leadUnitId)) return toItemView(item);
  // While the claim round runs, a class B item's declaring unit is not yet its lead.
  const leadUnitId =
    item.status === 'published' || item.status === 'unclaimed' || item.status === 'claims_closed'
      ? undefined
      : item.leadUnitId;
  return pickFields({ ...item, leadUnitId }, PUBLIC_ITEM_FIELDS);
}

/** The item, or NotFound when the reader may not know it exists (a draft). */
export function requireItemVisible(reader: Reader, item: Item): ItemView | PublicItem {
  const view = itemView(reader, item);
  if (!view) throw new NotFound('item', item.itemId);
  return view;
}

/**
 * What the public board shows of an order: its number, item, unit and status; of an inquiry
 * the trigger and the outcome (inquiries in summary) — not its reason, the unit's answer and
 * rectification plan, the decision's note, who issued or decided it, or the project manager.
 */
export const PUBLIC_ORDER_FIELDS = [
  'orderId',
  'orderType',
  'year',
  'number',
  'displayNumber',
  'itemId',
  'itemTitle',
  'unitId',
  'issuedAt',
  'status',
  'deadline',
  'acknowledgedAt',
  'grade',
  'trigger',
  'answerDueAt',
  'public',
] as const satisfies readonly (keyof Order)[];
export const PublicOrder = z.extend(z.pick(Order, mask(PUBLIC_ORDER_FIELDS)), {
  /** When the unit answered (not what it answered). */
  get answeredAt() {
    return z.optional(Order.shape.answer.def.innerType.shape.answeredAt);
  },
  /** The outcome of a decided inquiry (not its note or who decided). */
  get decision() {
    return z.optional(z.pick(Order.shape.decision.def.innerType, { decidedAt: true, outcome: true }));
  },
});
export type PublicOrder = Pick<Order, (typeof PUBLIC_ORDER_FIELDS)[number]> & {
  answeredAt?: string;
  decision?: { decidedAt: string; outcome: 'rectified' | 'escalated' };
};

/** An order in full for HQ, inspectors and the addressed unit; in summary for anyone else. */
export function orderView(reader: Reader, order: Order): OrderView | PublicOrder {
  if (readsUnitInFull(reader, order.unitId)) return toOrderView(order);
  return {
    ...pickFields(order, PUBLIC_ORDER_FIELDS),
    ...(order.answer ? { answeredAt: order.answer.answeredAt } : {}),
    ...(order.decision
      ? { decision: { decidedAt: order.decision.decidedAt, outcome: order.decision.outcome } }
      : {}),
  };
}

/** A progress report as the public board shows it: the progress, not who filed it. */
export const PublicProgressReport = z.omit(ProgressReport, { reportedBy: true, files: true });
export type PublicProgressReport = Omit<ProgressReport, 'reportedBy' | 'files'>;

/** Progress of an item in full for whoever reads the item in full; otherwise without user ids. */
export function progressView(
  reader: Reader,
  item: Pick<Item, 'leadUnitId'>,
  report: ProgressReport,
): ProgressReport | PublicProgressReport {
  if (readsUnitInFull(reader, item.leadUnitId)) return report;
  const { reportedBy: _by, files: _files, ...rest } = report;
  return rest;
}

/**
 * Evidence files of an item (upload forms' downloads, the files a report lists): whoever reads
 * the item's progress in full — HQ, inspectors, the leading unit's own people; never a draft
 * (unless HQ). Anyone else is answered as if the file did not exist.
 */
export function readsEvidence(reader: Reader, item: Pick<Item, 'status' | 'leadUnitId'>): boolean {
  if (item.status === 'draft' && !readsDrafts(reader)) return false;
  return readsUnitInFull(reader, item.leadUnitId);
}

/** A unit's people (staff): its own unit and HQ/inspectors only. */
export function readsPeopleOf(reader: Reader, unitId: string): boolean {
  return readsUnitInFull(reader, unitId);
}

/** A unit's results ledger (and its people's): its own unit and HQ/inspectors only. */
export function requireLedgerReader(reader: Reader, unitId: string): void {
  if (!readsUnitInFull(reader, unitId)) {
    throw new Forbidden('auth.not_your_unit', 'a unit reads its own ledger only');
  }
}

/** Proposals: a unit lists its own; HQ lists all (or one unit's). Returns the unit to list. */
export function proposalScope(reader: Actor, requested?: string): string | undefined {
  if (reader.role !== 'unit') return requested;
  if (!reader.unitId) throw new Forbidden('auth.no_unit', 'your token names no unit');
  if (requested && requested !== reader.unitId)
    throw new Forbidden('auth.not_your_unit', 'a unit lists its own proposals only');
  return reader.unitId;
}

/** Claims of an item: HQ sees every claim; a unit its own (not its competitors' plans). */
export function claimVisible(reader: Reader, claim: { unitId: string }): boolean {
  return readsEverything(reader) || isOwnUnit(reader, claim.unitId);
}

/** Who may read an item's audit trail at all (see trailView); checked before it is read. */
export function requireTrailReader(reader: Reader, item: Item): void {
  if (item.status === 'draft' && !readsDrafts(reader)) throw new NotFound('item', item.itemId);
  if (readsEverything(reader)) return;
  if (!isOwnUnit(reader, item.leadUnitId)) {
    throw new Forbidden('auth.not_your_item', `item ${item.itemId} is not led by your unit`);
  }
}

/**
 * An item's audit trail: HQ and inspectors read it all; the leading unit's people read it
 * without what concerns other units — another unit's claims (the unit, the claim id, who
 * filed it), events another unit's people caused, and the list of declined claimants — as
 * `/claims` hides them. Anyone else may not read the trail.
 */
export function trailView(reader: Reader, item: Item, events: readonly AuditEvent[]): AuditEvent[] {
  requireTrailReader(reader, item);
  if (readsEverything(reader)) return [...events];
  const own = reader!.unitId!;
  const out: AuditEvent[] = [];
  for (const e of events) {
    const actorUnit = e.actor.role === 'unit' || e.actor.role === 'manager' ? e.actor.unitId : undefined;
    if (actorUnit !== undefined && actorUnit !== own) continue;
    const unitId = typeof e.data.unitId === 'string' ? e.data.unitId : undefined;
    if (e.type.startsWith('claim.') && unitId !== undefined && unitId !== own) continue;
    if ('declined' in e.data) {
      const { declined: _d, ...data } = e.data;
      out.push({ ...e, data });
    } else out.push(e);
  }
  return out;
}

/** An evaluation's unconfirmed inquiry drafts: the office's and commanders' only. */
export function readsInquiryDrafts(reader: Reader): boolean {
  return readsDrafts(reader);
}

/** What the public rankings show of an item's result of a period. */
export const PUBLIC_RESULT_FIELDS = [
  'itemId',
  'unitId',
  'category',
  'rankInCategory',
  'categorySize',
  'rankInPeerGroup',
  'peerGroupSize',
  'rankChange',
  'expected',
  'actual',
] as const;
type ResultLike = { unitId: string } & Partial<Record<(typeof PUBLIC_RESULT_FIELDS)[number], unknown>>;

/** An item's evaluation result: in full for its own unit and HQ/inspectors; else as ranked publicly. */
export function resultView<R extends ResultLike>(
  reader: Reader,
  result: R,
): R | Pick<R, (typeof PUBLIC_RESULT_FIELDS)[number]> {
  if (readsUnitInFull(reader, result.unitId)) return result;
  return pickFields(result, PUBLIC_RESULT_FIELDS);
}

/** What the public rankings show of every item's result: its ranks, as ranked publicly. */
export function publicResult<R extends ResultLike>(
  result: R,
): Pick<R, (typeof PUBLIC_RESULT_FIELDS)[number]> {
  return pickFields(result, PUBLIC_RESULT_FIELDS);
}

/** A public read of an item (published in a batch or assigned directly): a draft is as if it did not exist. */
export function requirePublicItem(item: Pick<Item, 'itemId' | 'status'>): void {
  if (item.status === 'draft') throw new NotFound('item', item.itemId);
}

/** The lead unit the public list shows: none while the item is open for claims. */
export function publicLeadUnit(item: Pick<Item, 'status' | 'leadUnitId'>): string | null {
  const open = item.status === 'published' || item.status === 'unclaimed';
  return open ? null : (item.leadUnitId ?? null);
}

/** Whether listing items of `status` can show the reader anything: drafts only to who reads drafts. */
export function listsItemsOf(reader: Reader, status: Item['status'] | undefined): boolean {
  return status !== 'draft' || readsDrafts(reader);
}

/** The public statistics count the items on the list (published or later), never drafts. */
export function countsInPublicStatistics(item: Pick<Item, 'status'>): boolean {
  return item.status !== 'draft';
}
