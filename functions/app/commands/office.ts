/**
 * The office's verbs of supervision (ApiOffice): urging a unit (催办), a supporting unit's
 * report on its part (协办), the referral of an escalated inquiry and its outcome, and the
 * rules as data (publishing a version, re-grading a year under the version in force).
 *
 * Urgings, supporting reports and referrals change no status: they bypass the item lifecycle
 * (as the inquiry sub-flow does) and wake no workflow — nothing a workflow waits for depends
 * on them; the item's version moves (its trail does) and a workflow that registers a wait
 * later sees it and looks again, harmlessly. Each is one transaction with its audit event.
 */
import { UnitOfWork } from '#data/db.ts';
import { getItem, saveItem } from '#data/items.ts';
import { getOrder, saveOrder } from '#data/orders.ts';
import { appendRulesAudit, putRuleSet, ruleSetAndHead } from '#data/results.ts';
import { createSupportReport, createUrging, findUrging } from '#data/supervision.ts';
import { beijingDate } from '#domain/calendar.ts';
import type { RuleSet } from '#domain/grading.ts';
import type { Item, Order } from '#domain/model.ts';
import {
  checkNextVersion,
  checkUrge,
  closeReferral,
  PublishRulesInput,
  ReferralInput,
  ReferralOutcomeInput,
  referralOf,
  type SupportReport,
  SupportReportInput,
  supportingUnitOf,
  UrgeInput,
  type Urging,
} from '#domain/supervision.ts';
import { now } from '#lib/clock.ts';
import { newId } from '#lib/ids.ts';
import { regrade } from '../results.ts';
import { type Ctx, isoNow, parse, withRetry } from '../support.ts';

const today = () => beijingDate(now());

/** The office or a commander urges a unit on an item (optionally on one of its pending orders). */
export async function urge(ctx: Ctx, itemId: string, input: unknown): Promise<Urging> {
  const v = parse(UrgeInput, input);
  return withRetry(async () => {
    const item = await getItem(itemId);
    const at = isoNow();
    const date = beijingDate(new Date(at));
    const [order, already] = await Promise.all([
      v.orderId ? getOrder(v.orderId) : Promise.resolve(undefined),
      findUrging(itemId, date, v.unitId),
    ]);
    checkUrge(item, v, already !== undefined, order);
    const urgeNo = (item.urgeCount ?? 0) + 1;
    const urging: Urging = {
      itemId,
      year: item.year,
      unitId: v.unitId,
      ...(v.orderId ? { orderId: v.orderId } : {}),
      note: v.note,
      urgeNo,
      date,
      at,
      by: ctx.actor.sub,
      byRole: ctx.actor.role === 'commander' ? 'commander' : 'office',
    };
    const uow = new UnitOfWork();
    createUrging(uow, urging);
    saveItem(uow, item, { ...item, urgeCount: urgeNo, updatedAt: at }, [
      {
        type: 'item.urged',
        actor: ctx.actor,
        data: { unitId: v.unitId, ...(v.orderId ? { orderId: v.orderId } : {}), note: v.note, urgeNo },
      },
    ]);
    await uow.commit(urging);
    return urging;
  });
}

/** A supporting unit reports on its part of an item in progress: a new record each time. */
export async function reportSupport(ctx: Ctx, itemId: string, input: unknown): Promise<SupportReport> {
  const v = parse(SupportReportInput, input);
  const reportId = newId('sup');
  return withRetry(async () => {
    const item = await getItem(itemId);
    const unitId = supportingUnitOf(ctx.actor, item);
    const at = isoNow();
    const report: SupportReport = {
      reportId,
      itemId,
      unitId,
      reportedAt: at,
      reportedBy: ctx.actor.sub,
      text: v.text,
      ...(v.percentOfPart !== undefined ? { percentOfPart: v.percentOfPart } : {}),
    };
    const uow = new UnitOfWork();
    createSupportReport(uow, report);
    saveItem(uow, item, { ...item, updatedAt: at }, [
      {
        type: 'support.reported',
        actor: ctx.actor,
        data: {
          unitId,
          reportId,
          ...(v.percentOfPart !== undefined ? { percentOfPart: v.percentOfPart } : {}),
        },
      },
    ]);
    await uow.commit(report);
    return report;
  });
}

/** Stamps an inquiry order and records the event on its item's trail, in one transaction. */
async function stampInquiry(
  ctx: Ctx,
  orderId: string,
  decide: (order: Order, at: string) => { order: Order; type: string; data: Record<string, unknown> },
): Promise<Order> {
  return withRetry(async () => {
    const before = await getOrder(orderId);
    const at = isoNow();
    const d = decide(before, at);
    const item: Item = await getItem(before.itemId);
    const uow = new UnitOfWork();
    const order = saveOrder(uow, before, d.order);
    saveItem(uow, item, { ...item, updatedAt: at }, [
      { type: d.type, actor: ctx.actor, data: { orderId, ...d.data } },
    ]);
    await uow.commit(order);
    return order;
  });
}

/** The office or a commander records to whom an escalated inquiry was referred. */
export async function referInquiry(ctx: Ctx, orderId: string, input: unknown): Promise<Order> {
  const v = parse(ReferralInput, input);
  return stampInquiry(ctx, orderId, (order, at) => {
    const referral = referralOf(order, v, today(), at, ctx.actor.sub);
    return {
      order: { ...order, referral },
      type: 'order.inquiry.referred',
      data: { to: referral.to, at: referral.referredOn, note: referral.note },
    };
  });
}

/** …and later the outcome the receiving body reached, and when it closed. */
export async function closeInquiryReferral(ctx: Ctx, orderId: string, input: unknown): Promise<Order> {
  const v = parse(ReferralOutcomeInput, input);
  return stampInquiry(ctx, orderId, (order, at) => {
    const referral = closeReferral(order, v, today(), at);
    return {
      order: { ...order, referral },
      type: 'order.inquiry.referral_closed',
      data: { to: referral.to, at: referral.referredOn, outcome: v.outcome, closedOn: v.closedOn },
    };
  });
}

/**
 * Publishes a new version of the rules (the grading rule set and the evaluation's thresholds):
 * the version read plus one, or 422 `rules.version_not_next` (a stale read); a concurrent
 * publication loses at CURRENT's condition, re-reads and gets the same 422. Audited on the
 * rules' own trail (`RULES`).
 */
export async function publishRules(ctx: Ctx, input: unknown): Promise<RuleSet> {
  const next: RuleSet = parse(PublishRulesInput, input);
  return withRetry(async () => {
    const { rules: current, head } = await ruleSetAndHead();
    checkNextVersion(current, next);
    const at = isoNow();
    const uow = new UnitOfWork();
    putRuleSet(uow, next, current.version, {
      head,
      at,
      by: ctx.actor.sub,
      events: [
        {
          type: 'rules.published',
          actor: ctx.actor,
          data: {
            version: next.version,
            from: current.version,
            title: next.title,
            thresholds: next.thresholds,
          },
        },
      ],
    });
    await uow.commit(next);
    return next;
  });
}

/**
 * Re-grades the ledgers of a year under the version in force — with `period` (a month,
 * `YYYY-MM`), only the entries first graded in that month: every such entry graded under an
 * older version is replaced (regrade in results.ts, order by order, each audited on its item's
 * trail); a second call finds nothing to do. What it changed is recorded on the rules' trail.
 */
export async function regradeYear(
  ctx: Ctx,
  year: number,
  period?: string,
): Promise<{ year: number; period?: string; version: number; regraded: number }> {
  const { rules } = await ruleSetAndHead();
  const done = await regrade(ctx, year, rules, period);
  const scope = period ? { year, period } : { year };
  if (done.regraded > 0 && rules.version > 1) {
    await withRetry(async () => {
      const { rules: current, head } = await ruleSetAndHead();
      const uow = new UnitOfWork();
      appendRulesAudit(uow, current.version, {
        head,
        at: isoNow(),
        events: [{ type: 'rules.regraded', actor: ctx.actor, data: { ...scope, ...done } }],
      });
      await uow.commit();
    });
  }
  return { ...scope, ...done };
}
