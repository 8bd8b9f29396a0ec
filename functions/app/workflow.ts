/**
 * What the lifecycle workflows ask of the application (the Task states of
 * statemachines/*.asl.json, through functions/handlers/workflow.ts). DynamoDB stays the
 * system of record: every step reads the recorded state, so a workflow can be restarted
 * from it at any time.
 */

import { claimsOf } from '#data/claims.ts';
import { UnitOfWork } from '#data/db.ts';
import { getItem, itemPk, saveItem } from '#data/items.ts';
import { getOrder, orderPk } from '#data/orders.ts';
import { recordWaitIfUnchanged } from '#data/waits.ts';
import { beijingDate, endOfBeijingDay } from '#domain/calendar.ts';
import { type HandOverReason, handOverDueAt, handOverReason } from '#domain/continuation.ts';
import { RuleViolation } from '#domain/errors.ts';
import { awardRemindedAt, awardReminderKey, deadlineLapseKey, milestoneLapseKey } from '#domain/lifecycle.ts';
import { type Actor, type Item, type ItemStatus, SYSTEM } from '#domain/model.ts';
import { requireVerbAllowed } from '#domain/verbs.ts';
import { now } from '#lib/clock.ts';
import { STATE_MACHINE_ENV } from '#resources/state-machine-env.ts';
import { onCalendar } from './calendar.ts';
import { changeItem } from './change.ts';
import { escalateUnanswered } from './commands/inquiries.ts';
import { closeClaims, restartWorkflow } from './commands/items.ts';
import { awardWaitWorkingDays, handOverLimits, limits } from './config.ts';
import { issueInquiry, withInquiry } from './orders.ts';
import { workflows } from './ports.ts';
import { OPEN_INQUIRY_STATUSES, restartInquiryWorkflow } from './reconcile.ts';
import { isoNow, withRetry } from './support.ts';

/** AWS caps a task's timeout at one year; with nothing due we look again after that. */
export const MAX_WAIT_SECONDS = 365 * 24 * 3600;
const actor: Actor = { ...SYSTEM, sub: 'workflow' };

function secondsUntil(instant: string | Date | undefined): number {
  if (instant === undefined) return MAX_WAIT_SECONDS;
  const ms = new Date(instant).getTime() - now().getTime();
  return Math.min(MAX_WAIT_SECONDS, Math.max(1, Math.ceil(ms / 1000)));
}

/** What an execution tells its Sync step about itself (the `execution` object of its payload). */
export interface ExecutionSelf {
  /** `$$.Execution.Name`. */
  readonly name: string;
  /** `$$.Execution.StartTime`. */
  readonly startedAt: string;
  /** `${DefinitionHash}`: the definition this execution runs. */
  readonly definitionHash: string;
  /** Wake-ups before this one (the previous Sync's `wakeUps`; 0 at the start). */
  readonly wakeUpsBefore: number;
}

/** Whether to hand over, and until when the execution may wait at most. */
export interface Continuation {
  /** Wake-ups of this execution, this one included (the next Sync counts on from it). */
  wakeUps: number;
  handOver: boolean;
  /** Why (`lifetime`, `history`, `definition`), or `none`. */
  handOverReason: HandOverReason | 'none';
}

function continuation(
  self: ExecutionSelf | undefined,
  machine: 'ItemLifecycle' | 'Inquiry',
  ends: boolean,
): Continuation & { waitUntil: Date | undefined } {
  // A definition from before continue-as-new sends no `execution`: it carries on as it did.
  if (!self) return { wakeUps: 0, handOver: false, handOverReason: 'none', waitUntil: undefined };
  const limits = handOverLimits();
  const startedAt = new Date(self.startedAt);
  const wakeUps = self.wakeUpsBefore + 1;
  const envVar = STATE_MACHINE_ENV[machine].definitionHash;
  const reason = handOverReason(
    {
      startedAt,
      wakeUps,
      definitionHash: self.definitionHash,
      currentHash: envVar ? process.env[envVar] || undefined : undefined,
    },
    now(),
    limits,
  );
  // Nothing to hand over once the workflow ends here.
  const handOver = reason !== undefined && !ends;
  return {
    wakeUps,
    handOver,
    handOverReason: handOver ? reason : 'none',
    waitUntil: handOverDueAt(startedAt, limits),
  };
}

/** Seconds until the earlier of the subject's next timer and the execution's hand-over. */
function waitSeconds(timer: string | Date | undefined, handOverAt: Date | undefined): number {
  if (handOverAt === undefined) return secondsUntil(timer);
  if (timer === undefined) return secondsUntil(handOverAt);
  return secondsUntil(new Date(Math.min(new Date(timer).getTime(), handOverAt.getTime())));
}

/** The lapses an item in progress can have: each milestone not done, and the deadline. */
function lapses(item: Item): { key: string; dueAt: Date; label: string }[] {
  const out = item.milestones
    .filter((m) => !item.milestonesDone[m.id])
    .map((m) => ({
      key: milestoneLapseKey(m),
      dueAt: endOfBeijingDay(m.dueDate),
      label: `milestone ${m.title} due ${m.dueDate}`,
    }));
  out.push({
    key: deadlineLapseKey(item.deadline),
    dueAt: endOfBeijingDay(item.deadline),
    label: `deadline ${item.deadline}`,
  });
  return out.filter((l) => !item.lapsesActedOn.includes(l.key));
}

/**
 * When claims waiting for an award remind the commander next: `awardWaitWorkingDays` working
 * days after the window closed, then after each reminder (once per such period).
 */
export async function awardReminderDueAt(item: Item): Promise<Date | undefined> {
  const closed = item.claimWindow?.closesAt;
  if (!closed) return undefined;
  const last = awardRemindedAt(item);
  const from = new Date(last && last > closed ? last : closed);
  return onCalendar(beijingDate(from), (c) => c.workingDayDeadline(from, awardWaitWorkingDays()));
}

async function nextTimer(item: Item): Promise<string | Date | undefined> {
  switch (item.status) {
    case 'claims_closed':
      return awardReminderDueAt(item);
    case 'published':
      return item.claimWindow?.closesAt;
    case 'awarded':
      return item.lapsesActedOn.includes('acknowledgement') ? undefined : item.acknowledgementDueAt;
    case 'in_progress': {
      const due = lapses(item).map((l) => l.dueAt.getTime());
      return due.length ? new Date(Math.min(...due)) : undefined;
    }
    default:
      return undefined;
  }
}

export interface ItemSync extends Continuation {
  itemId: string;
  status: ItemStatus;
  version: number;
  waitSeconds: number;
  inquiriesToStart: string[];
  hasInquiriesToStart: boolean;
}

export async function syncItem(itemId: string, self?: ExecutionSelf): Promise<ItemSync> {
  const item = await getItem(itemId);
  const ends = item.status === 'draft' || (item.status === 'completed' && item.inquiriesToStart.length === 0);
  const { waitUntil, ...next } = continuation(self, 'ItemLifecycle', ends);
  return {
    itemId,
    status: item.status,
    version: item.version,
    waitSeconds: waitSeconds(await nextTimer(item), waitUntil),
    inquiriesToStart: item.inquiriesToStart,
    hasInquiriesToStart: item.inquiriesToStart.length > 0,
    ...next,
  };
}

export interface AwaitRequest {
  subject: 'item' | 'order';
  id: string;
  version: number;
  token: string;
  waitingFor: string;
  executionArn?: string;
}

/**
 * Records a waiting task's token while the subject is still at the version the workflow saw
 * (one conditional transaction): if it changed since, nothing is recorded and the task
 * resumes at once (the change came first).
 */
export async function awaitChange(req: AwaitRequest): Promise<{ recorded: boolean }> {
  const subject = req.subject === 'item' ? itemPk(req.id) : orderPk(req.id);
  const recorded = await recordWaitIfUnchanged(
    {
      subject,
      token: req.token,
      version: req.version,
      waitingFor: req.waitingFor,
      since: isoNow(),
      ...(req.executionArn ? { executionArn: req.executionArn } : {}),
    },
    req.subject === 'item' ? 'ITEM' : 'ORDER',
  );
  if (recorded) return { recorded: true };
  const current = req.subject === 'item' ? (await getItem(req.id)).version : (await getOrder(req.id)).version;
  await workflows().signal(req.token, { reason: 'changed before the wait was recorded', version: current });
  return { recorded: false };
}

export async function markInquiriesStarted(itemId: string, orderIds: string[]): Promise<void> {
  await withRetry(async () => {
    const before = await getItem(itemId);
    const left = before.inquiriesToStart.filter((id) => !orderIds.includes(id));
    if (left.length === before.inquiriesToStart.length) return;
    const uow = new UnitOfWork();
    const at = isoNow();
    saveItem(uow, before, { ...before, inquiriesToStart: left, updatedAt: at }, [
      { type: 'workflow.inquiries_started', actor, data: { orderIds } },
    ]);
    await uow.commit();
  });
}

/**
 * A timer of the item's workflow went off: the claim window closed, the acknowledgement
 * is late, or a milestone or the deadline lapsed. Acts on what is due now, once.
 */
export async function itemTimer(itemId: string): Promise<{ action: string }> {
  const item = await getItem(itemId);
  const at = now();
  switch (item.status) {
    case 'published':
      if (item.claimWindow && at.toISOString() >= item.claimWindow.closesAt) {
        const closed = await closeClaims({ actor }, itemId);
        return { action: `claims closed: ${closed.status}` };
      }
      return { action: 'none' };
    case 'claims_closed':
      return awardWaiting(item, at);
    case 'awarded':
      return acknowledgementLate(item, at);
    case 'in_progress':
      return deadlineLapsed(item, at);
    default:
      return { action: 'none' };
  }
}

/**
 * Claims have waited too long for an award: the commander is reminded (`item.award_waiting`,
 * shown in the commander's inbox), once per period; the reminder is stamped with the instant
 * it was due, so the periods do not drift with the timer's latency.
 */
async function awardWaiting(item: Item, at: Date): Promise<{ action: string }> {
  const due = await awardReminderDueAt(item);
  if (!due || at.getTime() < due.getTime()) return { action: 'none' };
  await changeItem(
    item.itemId,
    'remind_award',
    async (before, _uow) => {
      const dueNow = await awardReminderDueAt(before);
      if (!dueNow || at.getTime() < dueNow.getTime())
        throw new RuleViolation('workflow.already_reminded', 'reminded already');
      const claims = (await claimsOf(before.itemId)).filter((c) => c.status === 'pending').length;
      return {
        after: {
          ...before,
          lapsesActedOn: [...before.lapsesActedOn, awardReminderKey(dueNow.toISOString())],
        },
        events: [
          {
            type: 'item.award_waiting',
            actor,
            data: { waitingSince: before.claimWindow?.closesAt ?? null, claims, dueAt: dueNow.toISOString() },
          },
        ],
      };
    },
    (item) => requireVerbAllowed(item, 'remind_award'),
  );
  return { action: 'award reminder' };
}

async function acknowledgementLate(item: Item, at: Date): Promise<{ action: string }> {
  if (
    !item.acknowledgementDueAt ||
    at.toISOString() < item.acknowledgementDueAt ||
    item.lapsesActedOn.includes('acknowledgement')
  ) {
    return { action: 'none' };
  }
  if (!item.acknowledgementReminded) {
    await changeItem(item.itemId, 'issue_inquiry', async (before, _uow, stamp) => {
      if (before.acknowledgementReminded)
        throw new RuleViolation('workflow.already_reminded', 'reminded already');
      // The grace counts from the missed limit, not from when the timer happened to fire.
      const missed = new Date(before.acknowledgementDueAt ?? stamp);
      const dueAt = (
        await onCalendar(beijingDate(missed), (c) =>
          c.workingDayDeadline(missed, limits().acknowledgementGraceWorkingDays),
        )
      ).toISOString();
      return {
        after: { ...before, acknowledgementReminded: true, acknowledgementDueAt: dueAt },
        events: [
          {
            type: 'order.responsibility.reminder_sent',
            actor,
            data: { orderId: before.responsibilityOrderId, dueAt },
          },
        ],
      };
    });
    return { action: 'reminder sent' };
  }
  await changeItem(item.itemId, 'issue_inquiry', async (before, uow, stamp) => {
    if (before.lapsesActedOn.includes('acknowledgement'))
      throw new RuleViolation('workflow.already_acted', 'acted already');
    const { order, event } = await issueInquiry(
      uow,
      before,
      actor,
      stamp,
      'late_acknowledgement',
      `responsibility order ${before.responsibilityOrderId} not acknowledged by ${before.acknowledgementDueAt}`,
    );
    return {
      after: { ...withInquiry(before, order), lapsesActedOn: [...before.lapsesActedOn, 'acknowledgement'] },
      events: [event],
    };
  });
  return { action: 'inquiry: late acknowledgement' };
}

async function deadlineLapsed(item: Item, at: Date): Promise<{ action: string }> {
  const due = lapses(item).filter((l) => l.dueAt.getTime() <= at.getTime());
  const first = due[0];
  if (!first) return { action: 'none' };
  // One inquiry per firing (one order number per transaction); the workflow comes back
  // at once for the next lapse.
  await changeItem(item.itemId, 'issue_inquiry', async (before, uow, stamp) => {
    if (before.lapsesActedOn.includes(first.key))
      throw new RuleViolation('workflow.already_acted', 'acted already');
    const trigger = first.key.startsWith('deadline:') ? 'missed_deadline' : 'overdue_milestone';
    const { order, event } = await issueInquiry(uow, before, actor, stamp, trigger, `${first.label} lapsed`);
    return {
      after: { ...withInquiry(before, order), lapsesActedOn: [...before.lapsesActedOn, first.key] },
      events: [event],
    };
  });
  return { action: `inquiry: ${first.label}` };
}

export interface InquirySync extends Continuation {
  orderId: string;
  status: string;
  version: number;
  waitSeconds: number;
}

export async function syncInquiry(orderId: string, self?: ExecutionSelf): Promise<InquirySync> {
  const order = await getOrder(orderId);
  const open =
    order.orderType === 'inquiry' && (OPEN_INQUIRY_STATUSES as readonly string[]).includes(order.status);
  const { waitUntil, ...next } = continuation(self, 'Inquiry', !open);
  return {
    orderId,
    status: order.status,
    version: order.version,
    waitSeconds: waitSeconds(order.status === 'issued' ? order.answerDueAt : undefined, waitUntil),
    ...next,
  };
}

export interface HandOverRequest {
  readonly subject: 'item' | 'order';
  readonly id: string;
  /** The execution handing over (`$$.Execution.Name`). */
  readonly executionName: string;
  /** Its state machine (`$$.StateMachine.Id`): where the next generation starts. */
  readonly stateMachineArn: string;
  readonly reason: string;
}

/**
 * Continue-as-new: the next generation, recorded in the item or order with an audit event in
 * one transaction and started from the recorded state, by the same code as the reconciler's
 * restart (`restartWorkflow`, `restartInquiryWorkflow`), except that the execution handing
 * over is not stopped (it ends itself, `HandedOver`). A retry after the commit finds the next
 * generation recorded and only starts it again (idempotent); a generation superseded meanwhile
 * (the reconciler or the office restarted it) hands over to nothing.
 */
export async function handOver(req: HandOverRequest): Promise<{ executionName: string | undefined }> {
  const from = { from: req.executionName, reason: req.reason, stateMachineArn: req.stateMachineArn };
  const ctx = { actor };
  const next =
    req.subject === 'item'
      ? (await restartWorkflow(ctx, req.id, undefined, from)).workflow?.executionName
      : (await restartInquiryWorkflow(ctx, req.id, undefined, from)).workflow?.executionName;
  return { executionName: next };
}

export async function inquiryTimer(orderId: string): Promise<{ action: string }> {
  const order = await getOrder(orderId);
  if (order.status !== 'issued' || !order.answerDueAt || now().toISOString() < order.answerDueAt)
    return { action: 'none' };
  await escalateUnanswered({ actor }, orderId);
  return { action: 'escalated: no answer within the limit' };
}
