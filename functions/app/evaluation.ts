/**
 * Periodic evaluation of every active item for a period (monthly by schedule, or on
 * demand), and the daily deadline sweep. Deterministic and idempotent: a re-run of a period
 * stores the same results and issues no order twice (each consequence is keyed on the item
 * by period and trigger, like the workflow's own lapses).
 */

import { UnitOfWork } from '#data/db.ts';
import {
  draftsOf,
  type EvaluationSummary,
  type InquiryDraft,
  markDraftConfirmed,
  proposeDraft,
  resultsOf,
  storeResults,
  storeSummary,
  summaryOf,
} from '#data/evaluations.ts';
import { getItem, itemsInStatuses } from '#data/items.ts';
import { getOrder } from '#data/orders.ts';
import { putNotice } from '#data/results.ts';
import { listUnits } from '#data/units.ts';
import { beijingDate, endOfBeijingDay } from '#domain/calendar.ts';
import { RuleViolation } from '#domain/errors.ts';
import {
  DEFAULT_THRESHOLDS,
  DUE_SOON_WORKING_DAYS,
  type EvaluationThresholds,
  type EvaluationTrigger,
  evaluate,
  type ItemResult,
  type ItemSnapshot,
  type PreviousResult,
  periodEnd,
  periodEnded,
  previousPeriod,
  rankUnits,
} from '#domain/evaluation.ts';
import { deadlineLapseKey, milestoneLapseKey } from '#domain/lifecycle.ts';
import { type Item, SYSTEM, type UnitType } from '#domain/model.ts';
import { now } from '#lib/clock.ts';
import { onCalendar } from './calendar.ts';
import { changeItem } from './change.ts';
import { issueInquiry, withInquiry } from './orders.ts';
import { type Ctx, isoNow } from './support.ts';

export type Consequence = 'automatic' | 'draft';

export interface EvaluationConfig {
  thresholds: EvaluationThresholds;
  consequences: Record<EvaluationTrigger, Consequence>;
}

/** From the environment (EVALUATION_CONFIG, JSON), else the defaults. */
export function evaluationConfig(): EvaluationConfig {
  const defaults: EvaluationConfig = {
    thresholds: DEFAULT_THRESHOLDS,
    consequences: {
      lagging_progress: 'automatic',
      lagging_rank: 'draft',
      overdue_milestone: 'automatic',
      missed_deadline: 'automatic',
    },
  };
  const raw = process.env.EVALUATION_CONFIG;
  if (!raw) return defaults;
  const parsed = JSON.parse(raw) as Partial<EvaluationConfig>;
  return {
    thresholds: { ...defaults.thresholds, ...parsed.thresholds },
    consequences: { ...defaults.consequences, ...parsed.consequences },
  };
}

const ACTIVE = ['awarded', 'in_progress', 'completion_reported'] as const;

/** The key under which a consequence is recorded on the item, shared with the workflow timers. */
function lapseKey(
  period: string,
  trigger: EvaluationTrigger,
  result: ItemResult,
  item: Pick<ItemSnapshot, 'milestones' | 'deadline'>,
): string {
  if (trigger === 'overdue_milestone') {
    const m = item.milestones.find((x) => x.id === result.overdueMilestones[0])!;
    return milestoneLapseKey(m);
  }
  if (trigger === 'missed_deadline') return deadlineLapseKey(item.deadline);
  return `eval:${period}:${trigger}`;
}

function reasonFor(trigger: EvaluationTrigger, r: ItemResult, period: string): string {
  switch (trigger) {
    case 'lagging_progress':
      return `${period}: ${r.lag} points behind plan (expected ${r.expected}%, reported ${r.actual}%)`;
    case 'lagging_rank':
      return `${period}: in the bottom of its category ${r.bottomRunning} periods running (rank ${r.rankInCategory} of ${r.categorySize})`;
    case 'overdue_milestone':
      return `${period}: milestone ${r.overdueMilestones[0]} overdue`;
    case 'missed_deadline':
      return `${period}: deadline missed`;
  }
}

/**
 * Issues one inquiry for (item, key) unless one was issued for it before (by an earlier run
 * of the period, or by the workflow's timer for the same lapse).
 */
async function issueOnce(
  itemId: string,
  key: string,
  trigger: EvaluationTrigger,
  reason: string,
): Promise<'issued' | 'existing' | 'inactive'> {
  const actor = { ...SYSTEM, sub: 'evaluation' };
  if ((await getItem(itemId)).lapsesActedOn.includes(key)) return 'existing';
  let outcome: 'issued' | 'existing' | 'inactive' = 'existing';
  await changeItem(itemId, 'issue_inquiry', async (before, uow, at) => {
    if (before.lapsesActedOn.includes(key)) {
      outcome = 'existing';
      return { after: before, events: [] };
    }
    const { order, event } = await issueInquiry(uow, before, actor, at, trigger, reason);
    outcome = 'issued';
    return {
      after: { ...withInquiry(before, order), lapsesActedOn: [...before.lapsesActedOn, key] },
      events: [event],
    };
  }).catch((err) => {
    // The item left the active statuses since it was read (e.g. completed): nothing to ask.
    if (!(err instanceof RuleViolation)) throw err;
    outcome = 'inactive';
  });
  return outcome;
}

async function peerGroups(): Promise<Map<string, UnitType>> {
  const map = new Map<string, UnitType>();
  let cursor: string | undefined;
  do {
    const page = await listUnits(100, cursor);
    for (const u of page.items) map.set(u.unitId, u.unitType);
    cursor = page.nextCursor;
  } while (cursor);
  return map;
}

async function snapshot(item: Item, groups: Map<string, UnitType>): Promise<ItemSnapshot | undefined> {
  if (!item.leadUnitId || !item.responsibilityOrderId) return undefined;
  const awardedAt = item.awardedAt ?? (await getOrder(item.responsibilityOrderId)).issuedAt;
  return {
    itemId: item.itemId,
    kind: item.kind,
    category: item.category,
    unitId: item.leadUnitId,
    peerGroup: groups.get(item.leadUnitId) ?? 'department',
    startDate: beijingDate(new Date(awardedAt)),
    deadline: item.deadline,
    milestones: item.milestones,
    milestonesDone: item.milestonesDone,
    percentComplete: item.percentComplete,
    ...(item.project ? { annualInvestmentTarget: item.project.annualInvestmentTarget } : {}),
    investmentCompleted: item.investmentCompleted,
  };
}

/** Refuses (422 `evaluation.period_not_ended`) a period that has not ended on the application clock. */
export function requirePeriodEnded(period: string): void {
  const ended = periodEnded(period, now());
  if (!ended.ok) throw ended.error;
}

export async function runEvaluation(_ctx: Ctx, period: string): Promise<EvaluationSummary> {
  requirePeriodEnded(period);
  const date = periodEnd(period);
  const year = Number(period.slice(0, 4));
  const config = evaluationConfig();
  const groups = await peerGroups();
  const snapshots: ItemSnapshot[] = [];
  // Items carried over from last year are still evaluated while they are active.
  for (const y of [year - 1, year]) {
    for await (const item of itemsInStatuses(y, ACTIVE)) {
      const s = await snapshot(item, groups);
      if (s && s.startDate <= date) snapshots.push(s);
    }
  }
  const previous = new Map<string, PreviousResult>(
    (await resultsOf(previousPeriod(period))).map((r) => [
      r.itemId,
      { rankInCategory: r.rankInCategory, bottomRunning: r.bottomRunning },
    ]),
  );
  const results = evaluate(snapshots, date, previous, config.thresholds);
  const byId = new Map(snapshots.map((s) => [s.itemId, s]));
  const units = rankUnits(results);
  await storeResults(period, results, units);

  // The counts describe the period, not this run: an order or draft a re-run finds already
  // there is counted as well, so every run of a period stores the same summary.
  let inquiriesIssued = 0;
  let draftsProposed = 0;
  const flagged: Record<string, number> = {};
  for (const r of results) {
    for (const trigger of r.flags) {
      flagged[trigger] = (flagged[trigger] ?? 0) + 1;
      const reason = reasonFor(trigger, r, period);
      if (config.consequences[trigger] === 'automatic') {
        const key = lapseKey(period, trigger, r, byId.get(r.itemId)!);
        if ((await issueOnce(r.itemId, key, trigger, reason)) !== 'inactive') {
          inquiriesIssued++;
        }
      } else {
        await proposeDraft({ period, itemId: r.itemId, trigger, reason, status: 'proposed' });
        draftsProposed++;
      }
    }
  }
  const summary: EvaluationSummary = {
    period,
    date,
    year,
    items: results.length,
    flagged,
    inquiriesIssued,
    draftsProposed,
    ranAt: isoNow(),
    thresholds: { ...config.thresholds },
  };
  await storeSummary(summary);
  // The ranking is public (通报): one notice per period, written once.
  const uow = new UnitOfWork();
  putNotice(uow, {
    noticeId: `ranking-${period}`,
    year,
    at: endOfBeijingDay(date).toISOString(),
    kind: 'ranking',
    period,
    title: `Rankings for ${period}`,
    body: units
      .map(
        (u) => `${u.peerGroup} ${u.rank}/${u.groupSize}: ${u.unitId} (${u.score >= 0 ? '+' : ''}${u.score})`,
      )
      .join('; '),
  });
  await uow.commit().catch((err) => {
    if ((err as { code?: string }).code !== 'concurrent_change') throw err;
  });
  return summary;
}

/** The office confirms proposed inquiry drafts: each becomes an inquiry order, once. */
export async function confirmDrafts(
  _ctx: Ctx,
  period: string,
  itemIds: readonly string[],
): Promise<{ issued: number }> {
  let issued = 0;
  for (const draft of await draftsOf(period)) {
    if (draft.status !== 'proposed' || !itemIds.includes(draft.itemId)) continue;
    const outcome = await issueOnce(
      draft.itemId,
      `eval:${period}:${draft.trigger}`,
      draft.trigger,
      draft.reason,
    );
    if (outcome === 'issued') issued++;
    // A draft whose item is no longer active stays proposed: nothing was asked.
    if (outcome !== 'inactive') await markDraftConfirmed(draft);
  }
  return { issued };
}

export async function evaluationOf(period: string): Promise<{
  summary?: EvaluationSummary;
  units: Awaited<ReturnType<typeof summaryOf>>['units'];
  items: ItemResult[];
  drafts: InquiryDraft[];
}> {
  periodEnd(period);
  const [{ summary, units }, items, drafts] = await Promise.all([
    summaryOf(period),
    resultsOf(period),
    draftsOf(period),
  ]);
  return { ...(summary ? { summary } : {}), units, items, drafts };
}

/** The period a scheduled run evaluates: the month before the run's Beijing date. */
export function scheduledPeriod(at = now()): string {
  return previousPeriod(beijingDate(at).slice(0, 7));
}

export interface Reminder {
  itemId: string;
  unitId: string;
  key: string;
  dueDate: string;
  color: 'yellow' | 'red';
}

/**
 * The daily deadline sweep: yellow reminders DUE_SOON_WORKING_DAYS (3) working days before a milestone or the
 * deadline, red ones when overdue. Returns them; the caller records them as notices to the unit.
 */
export async function deadlineSweep(_ctx: Ctx): Promise<Reminder[]> {
  const today = beijingDate(now());
  const year = Number(today.slice(0, 4));
  const active: Item[] = [];
  // Last year's items still in progress (carried over) get their reminders too.
  for (const y of [year - 1, year])
    for await (const item of itemsInStatuses(y, ['in_progress'])) active.push(item);
  const yellowBefore = await onCalendar(today, (c) => c.addWorkingDays(today, DUE_SOON_WORKING_DAYS));
  const out: Reminder[] = [];
  for (const item of active) {
    if (!item.leadUnitId) continue;
    const dues = [
      ...item.milestones
        .filter((m) => !item.milestonesDone[m.id])
        .map((m) => ({ key: `milestone:${m.id}`, due: m.dueDate })),
      { key: 'deadline', due: item.deadline },
    ];
    for (const d of dues) {
      const overdue = endOfBeijingDay(d.due).getTime() < now().getTime();
      if (overdue)
        out.push({ itemId: item.itemId, unitId: item.leadUnitId, key: d.key, dueDate: d.due, color: 'red' });
      else if (d.due <= yellowBefore)
        out.push({
          itemId: item.itemId,
          unitId: item.leadUnitId,
          key: d.key,
          dueDate: d.due,
          color: 'yellow',
        });
    }
  }
  for (const r of out) {
    const uow = new UnitOfWork();
    uow.create(
      {
        PK: `UNIT#${r.unitId}`,
        SK: `REMINDER#${r.dueDate}#${r.itemId}#${r.key}#${r.color}`,
        entity: 'reminder',
        ...r,
        at: isoNow(),
      },
      `reminder ${r.itemId} ${r.key} ${r.color}`,
    );
    await uow.commit().catch((err) => {
      if ((err as { code?: string }).code !== 'concurrent_change') throw err; // already reminded
    });
  }
  return out;
}
