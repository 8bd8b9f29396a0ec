/**
 * Periodic evaluation of every active item for a period (monthly by schedule, or on
 * demand), and the daily deadline sweep. Deterministic and idempotent: a re-run of a period
 * stores the same results and issues no order twice (each consequence is keyed on the item
 * by period and trigger, like the workflow's own lapses).
 *
 * Sharded (statemachines/evaluation.asl.json): a run reads the active items in chunks of at
 * most `evaluationChunkSize()` (scoreChunk, one Lambda invocation each, one after another:
 * each chunk starts where the last one's cursor ended), staging each chunk's scores and its
 * tally; then every chunk is ranked against the merged tallies (rankChunk, a Map over the
 * chunk numbers, in parallel), writing its results and acting on its flags; finishEvaluation
 * merges the chunks' tallies into the unit rankings and their outcomes into the summary.
 * Every step is idempotent: a retried chunk writes the same records (keyed by period and item)
 * and issues nothing twice. `runEvaluation` runs the same steps in one process.
 */

import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '#data/db.ts';
import {
  addResultRun,
  type ChunkOutcome,
  chunkOutcomes,
  chunkTallies,
  draftPage,
  draftsOf,
  type EvaluationSummary,
  finishResults,
  type InquiryDraft,
  markDraftConfirmed,
  mergedTally,
  previousResultsOf,
  proposeDraft,
  putChunkOutcome,
  putMergedTally,
  putResults,
  resultPage,
  resultsOf,
  type StagedScore,
  stageChunk,
  stagedScores,
  storeSummary,
  summaryOf,
} from '#data/evaluations.ts';
import { getItem, itemsInStatuses, listItems } from '#data/items.ts';
import { reminder, rowOf } from '#data/keys.ts';
import { getOrder, listOrders } from '#data/orders.ts';
import { addTimerEvent, createTimerEvent } from '#data/outbox.ts';
import { putNotice, ruleSet } from '#data/results.ts';
import { listUnits } from '#data/units.ts';
import { beijingDate, endOfBeijingDay } from '#domain/calendar.ts';
import { RuleViolation } from '#domain/errors.ts';
import {
  DEFAULT_THRESHOLDS,
  DUE_SOON_WORKING_DAYS,
  type EvaluationThresholds,
  type EvaluationTrigger,
  type ItemResult,
  type ItemSnapshot,
  mergeTallies,
  periodEnd,
  periodEnded,
  previousPeriod,
  rankUnitsOf,
  resultOf,
  type ScoreTally,
  scoreItem,
  tallyScores,
} from '#domain/evaluation.ts';
import type { DomainEvent } from '#domain/events.ts';
import { deadlineLapseKey, milestoneLapseKey } from '#domain/lifecycle.ts';
import { ITEM_KINDS, type Item, type ItemStatus, SYSTEM, type UnitType } from '#domain/model.ts';
import { rankingNotice, unitNameZh } from '#domain/notices.ts';
import { beijingDay, claimWindowEventId, inquiryDueEventId, reminderEventId } from '#domain/notifications.ts';
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

/**
 * The configuration an evaluation runs by: the deployment's (above), its thresholds replaced by
 * those of the rule set in force once the office has published one (POST /v1/rules).
 */
export async function evaluationConfigInForce(): Promise<EvaluationConfig> {
  const config = evaluationConfig();
  const { thresholds } = await ruleSet();
  return thresholds ? { ...config, thresholds } : config;
}

const ACTIVE = ['awarded', 'in_progress', 'completion_reported'] as const;

/** Items a chunk of the sharded evaluation reads, at most (EVALUATION_CHUNK_SIZE, default 2,000). */
export const DEFAULT_CHUNK_SIZE = 2_000;
/** A chunk's outcome record lists its item ids: 5,000 ids of ≤ 64 characters stay under 400 KB. */
export const MAX_CHUNK_SIZE = 5_000;
/**
 * A run has at most this many chunks: the Map's item list comes from States.ArrayRange, which
 * makes at most 1,000 elements, and an inline Map must stay under 25,000 history events
 * (about 13 events a chunk: 1,000 chunks ≈ 13,000). At 2,000 items a chunk: 2 million items.
 */
export const MAX_CHUNKS = 1_000;

export function evaluationChunkSize(): number {
  const raw = process.env.EVALUATION_CHUNK_SIZE;
  const n = raw ? Number(raw) : DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(n) || n < 1 || n > MAX_CHUNK_SIZE)
    throw new RangeError(`EVALUATION_CHUNK_SIZE must be an integer in 1..${MAX_CHUNK_SIZE}, not ${raw}`);
  return n;
}

/** The key under which a consequence is recorded on the item, shared with the workflow timers. */
function lapseKey(period: string, trigger: EvaluationTrigger, s: StagedScore): string {
  if (trigger === 'overdue_milestone') return s.overdueKey!;
  if (trigger === 'missed_deadline') return s.deadlineKey!;
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

/** Every unit's name in Chinese, for the public ranking notice. */
async function unitNames(): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await listUnits(100, cursor);
    for (const u of page.items) map.set(u.unitId, unitNameZh(u, u.unitId));
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

/**
 * Where a chunk starts: the segment (year, kind, status) of the active items, in the order
 * `segments` lists them, and the cursor within it. Small: the workflow carries it.
 */
export interface ChunkPosition {
  s: number;
  c?: string;
}

/** Items carried over from last year are still evaluated while they are active. */
function segments(year: number): { year: number; kind: Item['kind']; status: ItemStatus }[] {
  return [year - 1, year].flatMap((y) =>
    ITEM_KINDS.flatMap((kind) => ACTIVE.map((status) => ({ year: y, kind, status }))),
  );
}

async function readChunk(
  year: number,
  from: ChunkPosition,
  max: number,
): Promise<{ items: Item[]; next?: ChunkPosition }> {
  const all = segments(year);
  const items: Item[] = [];
  let at: ChunkPosition | undefined = from;
  while (at && items.length < max) {
    const segment = all[at.s];
    if (!segment) throw new RangeError(`no segment ${at.s} of the active items`);
    const page = await listItems(segment, max - items.length, at.c);
    items.push(...page.items);
    at = page.nextCursor
      ? { s: at.s, c: page.nextCursor }
      : at.s + 1 < all.length
        ? { s: at.s + 1 }
        : undefined;
  }
  return at ? { items, next: at } : { items };
}

export interface ScoredChunk {
  period: string;
  /** This chunk's number; the next chunk's is one more. */
  last: number;
  chunk: number;
  done: boolean;
  position: ChunkPosition | null;
}

/**
 * The first pass over chunk `chunk` of a run: reads up to `chunkSize` active items from
 * `position`, scores them and stages the scores and their tally. Answers where the next
 * chunk starts (`done` once the active items are exhausted).
 */
export async function scoreChunk(
  _ctx: Ctx,
  period: string,
  run: string,
  chunk: number,
  position: ChunkPosition | null,
  chunkSize = evaluationChunkSize(),
): Promise<ScoredChunk> {
  requirePeriodEnded(period);
  if (chunk >= MAX_CHUNKS)
    throw new RangeError(
      `an evaluation run has at most ${MAX_CHUNKS} chunks: raise EVALUATION_CHUNK_SIZE (${chunkSize})`,
    );
  const date = periodEnd(period);
  const groups = await peerGroups();
  const { items, next } = await readChunk(Number(period.slice(0, 4)), position ?? { s: 0 }, chunkSize);
  const staged: StagedScore[] = [];
  for (const item of items) {
    const snap = await snapshot(item, groups);
    if (!snap || snap.startDate > date) continue;
    const score = scoreItem(snap, date);
    const overdue = snap.milestones.find((m) => m.id === score.overdueMilestones[0]);
    staged.push({
      ...score,
      ...(overdue ? { overdueKey: milestoneLapseKey(overdue) } : {}),
      ...(score.missedDeadline ? { deadlineKey: deadlineLapseKey(snap.deadline) } : {}),
    });
  }
  await stageChunk(period, run, chunk, staged, tallyScores(staged));
  return { period, last: chunk, chunk: chunk + 1, done: !next, position: next ?? null };
}

/**
 * The tally of a run's `chunks` chunks: merged by the first chunk ranked and stored, read in
 * one request by the others (each read every chunk's tally: chunks² reads in a run).
 */
async function periodTally(period: string, run: string, chunks: number): Promise<ScoreTally> {
  const merged = await mergedTally(period, run);
  if (merged) {
    if (merged.chunks !== chunks)
      throw new Error(`run ${run} of ${period} has ${merged.chunks} chunk tallies, not ${chunks}`);
    return merged.tally;
  }
  const tallies = await chunkTallies(period, run);
  if (tallies.length !== chunks)
    throw new Error(`run ${run} of ${period} has ${tallies.length} chunk tallies, not ${chunks}`);
  const tally = mergeTallies(tallies);
  await putMergedTally(period, run, chunks, tally);
  return tally;
}

/**
 * The second pass over chunk `chunk` of a run of `chunks`: ranks its items against the
 * tallies of every chunk, stores their results and acts on their flags; records the chunk's
 * outcome. A retry writes the same results and issues nothing twice.
 */
export async function rankChunk(
  _ctx: Ctx,
  period: string,
  run: string,
  chunk: number,
  chunks: number,
): Promise<ChunkOutcome> {
  const config = await evaluationConfigInForce();
  const tally = await periodTally(period, run, chunks);
  const scores = await stagedScores(period, run, chunk);
  const previous = await previousResultsOf(
    previousPeriod(period),
    scores.map((s) => s.itemId),
  );
  const results = scores.map((s) => {
    const p = previous.get(s.itemId);
    return resultOf(
      s,
      tally,
      p ? { rankInCategory: p.rankInCategory, bottomRunning: p.bottomRunning } : undefined,
      config.thresholds,
    );
  });
  await addResultRun(period, run);
  await putResults(period, results);

  // The counts describe the period, not this run: an order or draft a re-run finds already
  // there is counted as well, so every run of a period stores the same summary.
  const outcome: ChunkOutcome = {
    items: results.length,
    itemIds: results.map((r) => r.itemId),
    flagged: {},
    inquiriesIssued: 0,
    draftsProposed: 0,
  };
  const byId = new Map(scores.map((s) => [s.itemId, s]));
  for (const r of results) {
    for (const trigger of r.flags) {
      outcome.flagged[trigger] = (outcome.flagged[trigger] ?? 0) + 1;
      const reason = reasonFor(trigger, r, period);
      if (config.consequences[trigger] === 'automatic') {
        const key = lapseKey(period, trigger, byId.get(r.itemId)!);
        if ((await issueOnce(r.itemId, key, trigger, reason)) !== 'inactive') {
          outcome.inquiriesIssued++;
        }
      } else {
        await proposeDraft({ period, itemId: r.itemId, trigger, reason, status: 'proposed' });
        outcome.draftsProposed++;
      }
    }
  }
  await putChunkOutcome(period, run, chunk, outcome);
  return outcome;
}

/**
 * The last step of a run of `chunks`: the unit rankings from the merged tallies, the summary
 * from the chunks' outcomes, and the period's public ranking notice (written once).
 */
export async function finishEvaluation(
  _ctx: Ctx,
  period: string,
  run: string,
  chunks: number,
): Promise<EvaluationSummary> {
  const config = await evaluationConfigInForce();
  const date = periodEnd(period);
  const year = Number(period.slice(0, 4));
  const [tally, outcomes] = await Promise.all([periodTally(period, run, chunks), chunkOutcomes(period, run)]);
  if (outcomes.length !== chunks)
    throw new Error(`run ${run} of ${period}: ${outcomes.length} ranked chunks, not ${chunks}`);
  const units = rankUnitsOf(tally);
  await finishResults(period, run, new Set(outcomes.flatMap((o) => o.itemIds)), units);
  const flagged: Record<string, number> = {};
  for (const o of outcomes)
    for (const [trigger, n] of Object.entries(o.flagged)) flagged[trigger] = (flagged[trigger] ?? 0) + n;
  const summary: EvaluationSummary = {
    period,
    date,
    year,
    items: outcomes.reduce((n, o) => n + o.items, 0),
    flagged: Object.fromEntries(Object.entries(flagged).sort(([a], [b]) => (a < b ? -1 : 1))),
    inquiriesIssued: outcomes.reduce((n, o) => n + o.inquiriesIssued, 0),
    draftsProposed: outcomes.reduce((n, o) => n + o.draftsProposed, 0),
    ranAt: isoNow(),
    thresholds: { ...config.thresholds },
  };
  await storeSummary(summary);
  // The ranking is public (通报): one notice per period, written once.
  const uow = new UnitOfWork();
  const names = await unitNames();
  putNotice(uow, {
    noticeId: `ranking-${period}`,
    year,
    at: endOfBeijingDay(date).toISOString(),
    kind: 'ranking',
    period,
    ...rankingNotice(period, units, (id) => names.get(id) ?? id),
  });
  await uow.commit().catch((err) => {
    if ((err as { code?: string }).code !== 'concurrent_change') throw err;
  });
  return summary;
}

/**
 * A whole run in this process, the workflow's steps one after another (the CLI, tests and the
 * benchmark; the API and the schedules start the workflow).
 */
export async function runEvaluation(
  ctx: Ctx,
  period: string,
  options: { chunkSize?: number; run?: string } = {},
): Promise<EvaluationSummary> {
  requirePeriodEnded(period);
  const run = options.run ?? `inline-${now().getTime()}-${randomUUID().slice(0, 8)}`;
  let scanned: ScoredChunk = { period, last: -1, chunk: 0, done: false, position: null };
  while (!scanned.done)
    scanned = await scoreChunk(ctx, period, run, scanned.chunk, scanned.position, options.chunkSize);
  for (let c = 0; c < scanned.chunk; c++) await rankChunk(ctx, period, run, c, scanned.chunk);
  return finishEvaluation(ctx, period, run, scanned.chunk);
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

/**
 * A page of a period's results (one Query from `cursor`), with its summary and unit rankings
 * (one record each: the rankings are bounded by the number of units ranked, not by items) and,
 * when asked, a page of its inquiry drafts (one Query from `draftsCursor`).
 */
export async function evaluationPage(
  period: string,
  limit: number,
  from: { cursor?: string | undefined; drafts: boolean; draftsCursor?: string | undefined },
): Promise<{
  summary?: EvaluationSummary;
  units: Awaited<ReturnType<typeof summaryOf>>['units'];
  items: ItemResult[];
  nextCursor?: string;
  drafts: InquiryDraft[];
  nextDraftsCursor?: string;
}> {
  periodEnd(period);
  const [{ summary, units }, results, drafts] = await Promise.all([
    summaryOf(period),
    resultPage(period, limit, from.cursor),
    from.drafts ? draftPage(period, limit, from.draftsCursor) : { items: [] as InquiryDraft[] },
  ]);
  return {
    ...(summary ? { summary } : {}),
    units,
    items: results.items,
    ...(results.nextCursor ? { nextCursor: results.nextCursor } : {}),
    drafts: drafts.items,
    ...('nextCursor' in drafts && drafts.nextCursor ? { nextDraftsCursor: drafts.nextCursor } : {}),
  };
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
 * The sweep's other timer events, each written once (its id is deterministic, the write
 * conditional): `InquiryAnswerDue` for an issued inquiry whose answer limit falls by the next
 * working day (`answerBy`), `ClaimWindowClosing` for a published item whose claim window closes
 * within 24 hours. Queries only: the year's inquiries (GSI1, status filtered) and its
 * published items (GSI4), last year's and this year's.
 */
async function sweepTimerEvents(year: number, at: string, answerBy: string): Promise<void> {
  const nowMs = Date.parse(at);
  const events: DomainEvent[] = [];
  for (const y of [year - 1, year]) {
    let cursor: string | undefined;
    do {
      const page = await listOrders({ year: y, type: 'inquiry', status: 'issued' }, 100, cursor);
      for (const o of page.items) {
        if (!o.answerDueAt || Date.parse(o.answerDueAt) <= nowMs) continue;
        const dueDate = beijingDay(o.answerDueAt);
        if (dueDate > answerBy) continue;
        events.push({
          eventId: inquiryDueEventId(o.orderId, o.answerDueAt),
          version: 1,
          type: 'InquiryAnswerDue',
          at,
          year: o.year,
          units: [o.unitId],
          hq: [],
          itemId: o.itemId,
          itemTitle: o.itemTitle,
          orderId: o.orderId,
          orderNumber: o.displayNumber,
          dueDate,
        });
      }
      cursor = page.nextCursor;
    } while (cursor);
    for await (const item of itemsInStatuses(y, ['published'])) {
      const closesAt = item.claimWindow?.closesAt;
      if (!closesAt) continue;
      const left = Date.parse(closesAt) - nowMs;
      if (left <= 0 || left > 24 * 3600_000) continue;
      events.push({
        eventId: claimWindowEventId(item.itemId, closesAt),
        version: 1,
        type: 'ClaimWindowClosing',
        at,
        year: item.year,
        units: [],
        hq: ['office'],
        itemId: item.itemId,
        itemTitle: item.title,
        closesAt,
      });
    }
  }
  for (const e of events) await createTimerEvent(e);
}

/**
 * The daily deadline sweep: yellow reminders DUE_SOON_WORKING_DAYS (3) working days before a milestone or the
 * deadline, red ones when overdue. Returns them; the caller records them as notices to the unit.
 * Each reminder's `ReminderDue` event is written in the transaction that records it; then the
 * other timer events (`sweepTimerEvents`).
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
  const at = isoNow();
  const byId = new Map(active.map((i) => [i.itemId, i]));
  for (const r of out) {
    const uow = new UnitOfWork();
    const item = byId.get(r.itemId)!;
    uow.create(
      rowOf(reminder, { ...r, at, itemTitle: item.title }),
      `reminder ${r.itemId} ${r.key} ${r.color}`,
    );
    // Its domain event in the same transaction: recorded once, notified once.
    addTimerEvent(uow, {
      eventId: reminderEventId(r),
      version: 1,
      type: 'ReminderDue',
      at,
      year: item.year,
      units: [r.unitId],
      hq: [],
      itemId: item.itemId,
      itemTitle: item.title,
      color: r.color,
      what: r.key,
      dueDate: r.dueDate,
    });
    await uow.commit().catch((err) => {
      if ((err as { code?: string }).code !== 'concurrent_change') throw err; // already reminded
    });
  }
  await sweepTimerEvents(year, at, await onCalendar(today, (c) => c.addWorkingDays(today, 1)));
  return out;
}
