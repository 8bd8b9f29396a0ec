/**
 * Carrying out a responsibility order: acknowledge it, report progress and completion,
 * verify completion (commendation or inquiry), report a suspected violation.
 */

import { getOrder, saveOrder } from '#data/orders.ts';
import { createProgress } from '#data/progress.ts';
import { requireItemActor, requireOrderActor } from '#domain/access.ts';
import { beijingDate } from '#domain/calendar.ts';
import {
  AcknowledgeInput,
  CompletionInput,
  ProgressInput,
  VerificationInput,
  ViolationInput,
} from '#domain/commands.ts';
import { RuleViolation } from '#domain/errors.ts';
import { referencedFiles } from '#domain/evidence-refs.ts';
import { canApplyToOrder, closeOutAllowed, progressPlausible } from '#domain/lifecycle.ts';
import type { Item, Order, ProgressReport } from '#domain/model.ts';
import { newId } from '#lib/ids.ts';
import { changeItem } from '../change.ts';
import { issueCommendation, issueInquiry, withInquiry } from '../orders.ts';
import { applyResults } from '../results.ts';
import { type Ctx, executionName, parse } from '../support.ts';

/** The unit signs (签收) its responsibility order; the item is then in progress. */
export async function acknowledge(ctx: Ctx, orderId: string, input: unknown): Promise<Order> {
  const v = parse(AcknowledgeInput, input);
  const first = await getOrder(orderId);
  requireOrderActor(ctx.actor, first);
  const { result } = await changeItem<Order>(first.itemId, 'acknowledge', async (before, uow, at) => {
    const order = await getOrder(orderId);
    const allowed = canApplyToOrder(order, 'acknowledge');
    if (!allowed.ok) throw allowed.error;
    if (before.responsibilityOrderId !== orderId) {
      throw new RuleViolation(
        'order.acknowledge.superseded',
        `order ${orderId} is not the item's current responsibility order`,
      );
    }
    const saved = saveOrder(uow, order, { ...order, status: 'acknowledged', acknowledgedAt: at });
    return {
      after: { ...before, status: 'in_progress' },
      events: [
        {
          type: 'order.responsibility.acknowledged',
          actor: ctx.actor,
          data: { orderId, note: v.note ?? null },
        },
      ],
      result: saved,
    };
  });
  return result!;
}

/**
 * A progress report is a new record every time (never an overwrite); the item keeps the
 * latest figures. Concurrent reports serialise on the item's version and all land.
 */
export async function reportProgress(ctx: Ctx, itemId: string, input: unknown): Promise<ProgressReport> {
  const v = parse(ProgressInput, input);
  const reportId = newId('prog');
  // The item is read once, in changeItem, which checks the actor on it before the lifecycle rule.
  const { result } = await changeItem<ProgressReport>(
    itemId,
    'report_progress',
    async (before, uow, at, found) => {
      const files = v.files ? referencedFiles(itemId, v.files, found) : undefined;
      const milestones = v.milestones ?? [];
      const awardedAt =
        before.awardedAt ??
        (before.responsibilityOrderId ? (await getOrder(before.responsibilityOrderId)).issuedAt : at);
      const today = beijingDate(new Date(at));
      const plausible = progressPlausible(before, v, { awardDate: beijingDate(new Date(awardedAt)), today });
      if (!plausible.ok) throw plausible.error;
      const correction = v.correction
        ? {
            reason: v.correction.reason,
            previousPercentComplete: before.percentComplete,
            previousInvestmentCompleted: before.investmentCompleted,
          }
        : undefined;
      const report: ProgressReport = {
        reportId,
        itemId,
        reportedAt: at,
        reportedBy: ctx.actor.sub,
        percentComplete: v.percentComplete,
        ...(v.investmentCompleted !== undefined ? { investmentCompleted: v.investmentCompleted } : {}),
        milestones,
        narrative: v.narrative,
        evidence: v.evidence ?? [],
        ...(files ? { files } : {}),
        ...(correction ? { correction } : {}),
      };
      createProgress(uow, report);
      const milestonesDone = { ...before.milestonesDone };
      for (const m of milestones) {
        if (m.done) milestonesDone[m.milestoneId] ??= m.doneOn ?? today;
        else delete milestonesDone[m.milestoneId];
      }
      return {
        after: {
          ...before,
          percentComplete: v.percentComplete,
          investmentCompleted: v.investmentCompleted ?? before.investmentCompleted,
          milestonesDone,
        },
        events: [
          {
            type: 'progress.reported',
            actor: ctx.actor,
            data: { reportId, percentComplete: v.percentComplete, ...(correction ? { correction } : {}) },
          },
        ],
        result: report,
      };
    },
    (item) => requireItemActor(ctx.actor, item),
    v.files,
  );
  return result!;
}

export async function reportCompletion(ctx: Ctx, itemId: string, input: unknown): Promise<Item> {
  const v = parse(CompletionInput, input);
  const { item } = await changeItem(
    itemId,
    'report_completion',
    (before, _uow, at, found) => {
      const files = v.files ? referencedFiles(itemId, v.files, found) : undefined;
      return {
        after: {
          ...before,
          status: 'completion_reported',
          completion: { reportedAt: at, summary: v.summary, results: v.results, ...(files ? { files } : {}) },
        },
        events: [{ type: 'item.completion_reported', actor: ctx.actor, data: { results: v.results } }],
      };
    },
    (item) => requireItemActor(ctx.actor, item),
    v.files,
  );
  return item;
}

/**
 * The office verifies the expected effect: achieved → commendation order, the item is
 * completed and its responsibility order fulfilled; not achieved → inquiry order and the
 * item goes back to work.
 */
export async function verifyCompletion(ctx: Ctx, itemId: string, input: unknown): Promise<Order> {
  const v = parse(VerificationInput, input);
  const { result } = await changeItem<Order>(itemId, 'verify_completion', async (before, uow, at) => {
    if (v.achieved) {
      const open = closeOutAllowed(before);
      if (!open.ok) throw open.error;
      const { order, event } = await issueCommendation(uow, before, ctx.actor, at, v.grade);
      await applyResults(uow, order, at);
      const resp = await getOrder(before.responsibilityOrderId!);
      const fulfil = canApplyToOrder(resp, 'fulfil');
      if (!fulfil.ok) throw fulfil.error;
      saveOrder(uow, resp, { ...resp, status: 'fulfilled' });
      return {
        after: { ...before, status: 'completed', percentComplete: 100 },
        events: [
          {
            type: 'item.completion_verified',
            actor: ctx.actor,
            data: { achieved: true, grade: v.grade, note: v.note ?? null },
          },
          event,
          { type: 'order.responsibility.fulfilled', actor: ctx.actor, data: { orderId: resp.orderId } },
        ],
        result: order,
      };
    }
    const { order, event } = await issueInquiry(uow, before, ctx.actor, at, 'not_achieved', v.reason);
    return {
      after: { ...withInquiry(before, order), status: 'in_progress' },
      events: [
        { type: 'item.completion_verified', actor: ctx.actor, data: { achieved: false, reason: v.reason } },
        event,
      ],
      result: order,
    };
  });
  return result!;
}

/** An inspector reports a suspected violation: an inquiry order follows at once. */
export async function reportViolation(ctx: Ctx, itemId: string, input: unknown): Promise<Order> {
  const v = parse(ViolationInput, input);
  const { result } = await changeItem<Order>(itemId, 'report_violation', async (before, uow, at) => {
    const { order, event } = await issueInquiry(uow, before, ctx.actor, at, 'violation', v.description);
    // A completed item's workflow has ended: a new generation starts the inquiry's workflow
    // (the same path as every other inquiry), recorded in this transaction.
    const generation = (before.workflow?.generation ?? 0) + 1;
    return {
      after: {
        ...withInquiry(before, order),
        ...(before.status === 'completed'
          ? { workflow: { executionName: executionName(itemId, generation), generation } }
          : {}),
      },
      events: [
        {
          type: 'violation.reported',
          actor: ctx.actor,
          data: { reference: v.reference ?? null, orderId: order.orderId },
        },
        event,
      ],
      result: order,
    };
  });
  return result!;
}
