/**
 * Periodic evaluation as pure functions: expected progress for a date, lag, investment
 * completion, rankings within category and within peer group, rank change, flags.
 * Deterministic: the same items, date, previous results and thresholds give the same answer,
 * whatever the order of the input.
 */

import type { ItemResult, UnitRanking } from './answers.ts';
import { endOfBeijingDay } from './calendar.ts';
import { fail, ok, type Result, RuleViolation } from './errors.ts';
import {
  CATEGORIES,
  type Category,
  type InquiryTrigger,
  type ItemKind,
  type Milestone,
  PERIOD_PATTERN,
  UNIT_TYPES,
  type UnitType,
} from './model.ts';

export interface EvaluationThresholds {
  /** Serious lag: this many percentage points behind plan. */
  readonly seriousLagPoints: number;
  /** Share of a ranking that counts as its bottom. */
  readonly bottomShare: number;
  /** Periods running in the bottom that make a ranking lag serious. */
  readonly bottomPeriodsRunning: number;
}

export const DEFAULT_THRESHOLDS: EvaluationThresholds = {
  seriousLagPoints: 20,
  bottomShare: 0.1,
  bottomPeriodsRunning: 2,
};

/**
 * Due soon (黄灯): a milestone or the deadline within this many working days. The daily sweep
 * sends its yellow reminders on it and the console's lights turn yellow on it.
 */
export const DUE_SOON_WORKING_DAYS = 3;

export type EvaluationTrigger = Extract<
  InquiryTrigger,
  'lagging_progress' | 'lagging_rank' | 'overdue_milestone' | 'missed_deadline'
>;

export interface ItemSnapshot {
  readonly itemId: string;
  readonly kind: ItemKind;
  readonly category: Category;
  readonly unitId: string;
  readonly peerGroup: UnitType;
  /** When the plan starts: the responsibility order's issue date (YYYY-MM-DD). */
  readonly startDate: string;
  readonly deadline: string;
  readonly milestones: readonly Milestone[];
  readonly milestonesDone: Readonly<Record<string, string>>;
  readonly percentComplete: number;
  readonly annualInvestmentTarget?: number;
  readonly investmentCompleted?: number;
}

export interface PreviousResult {
  readonly rankInCategory: number;
  readonly bottomRunning: number;
}

/** One item's result of a period (functions/domain/answers.ts declares it). */
export type { ItemResult };

const DAY = 86_400_000;
/**
 * Days since 1970 of a `YYYY-MM-DD` date (IsoDate). An evaluation asks it for a few distinct
 * dates (the period's, the plans') hundreds of thousands of times: remembered, at most
 * DAY_NUMBERS_KEPT of them (parsing each time was a seventh of a 100k evaluation's time).
 */
const DAY_NUMBERS_KEPT = 4_096;
const dayNumbers = new Map<string, number>();
function dayNumber(date: string): number {
  let d = dayNumbers.get(date);
  if (d === undefined) {
    d = Math.floor(new Date(`${date}T00:00:00Z`).getTime() / DAY);
    if (dayNumbers.size >= DAY_NUMBERS_KEPT) dayNumbers.clear();
    dayNumbers.set(date, d);
  }
  return d;
}
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The progress the plan expects on `date`: the weights of milestones due by then, plus the
 * share of the next milestone's weight that the time elapsed towards it represents. Without
 * milestones, linear from start to deadline.
 */
export function expectedProgress(
  item: Pick<ItemSnapshot, 'startDate' | 'deadline' | 'milestones'>,
  date: string,
): number {
  const d = dayNumber(date);
  const plan =
    item.milestones.length > 0
      ? inPlanOrder(item.milestones)
      : [{ id: 'deadline', dueDate: item.deadline, weight: 100, title: '' }];
  let expected = 0;
  let from = dayNumber(item.startDate);
  for (const m of plan) {
    const due = dayNumber(m.dueDate);
    if (d >= due) {
      expected += m.weight;
      from = due;
      continue;
    }
    if (d > from && due > from) expected += (m.weight * (d - from)) / (due - from);
    break;
  }
  return round1(Math.min(100, expected));
}

const planOrder = (a: Milestone, b: Milestone) =>
  a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : 1;

/** Milestones by due date (then id); a plan already in that order (the usual one) is not copied. */
function inPlanOrder(milestones: readonly Milestone[]): readonly Milestone[] {
  for (let i = 1; i < milestones.length; i++)
    if (planOrder(milestones[i - 1]!, milestones[i]!) > 0) return [...milestones].sort(planOrder);
  return milestones;
}

/** Competition ranking ("1224"): equal scores share a rank; higher score ranks first. */
export function rank<T>(
  entries: readonly T[],
  score: (t: T) => number,
  key: (t: T) => string,
): Map<string, number> {
  const sorted = [...entries].sort((a, b) => score(b) - score(a) || (key(a) < key(b) ? -1 : 1));
  const ranks = new Map<string, number>();
  sorted.forEach((e, i) => {
    const prev = sorted[i - 1];
    ranks.set(key(e), prev !== undefined && score(prev) === score(e) ? ranks.get(key(prev))! : i + 1);
  });
  return ranks;
}

function groupBy<T>(items: readonly T[], by: (t: T) => string): Map<string, T[]> {
  // In place: copying the group on every item made an evaluation quadratic in its size
  // (20,000 items 2.3 s, 40,000 items 12.6 s; bench's pure evaluation row).
  const m = new Map<string, T[]>();
  for (const i of items) {
    const key = by(i);
    const group = m.get(key);
    if (group) group.push(i);
    else m.set(key, [i]);
  }
  return m;
}

/**
 * What an item scores on its own for a date (no ranking yet): the first pass of an
 * evaluation, per chunk of items.
 */
export interface ItemScore {
  readonly itemId: string;
  readonly unitId: string;
  readonly category: Category;
  readonly peerGroup: UnitType;
  readonly expected: number;
  readonly actual: number;
  readonly lag: number;
  readonly investmentRatio?: number;
  readonly score: number;
  readonly overdueMilestones: readonly string[];
  readonly missedDeadline: boolean;
}

export function scoreItem(item: ItemSnapshot, date: string): ItemScore {
  // A milestone or deadline is past when its Beijing day ended before the end of `date`'s:
  // for two IsoDates (YYYY-MM-DD) that is `due < date`, compared as strings (it compared two
  // Dates built from strings per milestone: a quarter of a 100k evaluation's time).
  const expected = expectedProgress(item, date);
  const actual = round1(item.percentComplete);
  return {
    itemId: item.itemId,
    unitId: item.unitId,
    category: item.category,
    peerGroup: item.peerGroup,
    expected,
    actual,
    lag: round1(expected - actual),
    ...(item.kind === 'project' && item.annualInvestmentTarget
      ? {
          investmentRatio:
            round1(((item.investmentCompleted ?? 0) / item.annualInvestmentTarget) * 100) / 100,
        }
      : {}),
    score: round1(actual - expected),
    overdueMilestones: item.milestones
      .filter((m) => !item.milestonesDone[m.id] && m.dueDate < date)
      .map((m) => m.id)
      .sort(),
    missedDeadline: item.deadline < date && actual < 100,
  };
}

/**
 * Scores counted per ranking group (a category or a peer group) and per unit: all a ranking
 * needs. Scores are tenths, so they count as integers. A tally of a chunk of items merges
 * with the others' into the tally of the whole period, in any order.
 */
export interface ScoreTally {
  /** `category:<c>` or `peer:<g>` → [score in tenths, count] pairs, highest score first. */
  readonly groups: Readonly<Record<string, readonly (readonly [number, number])[]>>;
  /** unitId → its peer group, number of items and sum of their scores in tenths. */
  readonly units: Readonly<Record<string, { peerGroup: UnitType; items: number; tenths: number }>>;
  readonly items: number;
}

const tenths = (score: number) => Math.round(score * 10);

/** The tally's group keys, built once (a template string per item was a tenth of the tally). */
const CATEGORY_GROUP = Object.fromEntries(CATEGORIES.map((c) => [c, `category:${c}`])) as Record<
  Category,
  string
>;
const PEER_GROUP = Object.fromEntries(UNIT_TYPES.map((g) => [g, `peer:${g}`])) as Record<UnitType, string>;

export function tallyScores(scores: readonly ItemScore[]): ScoreTally {
  // Counted in place, one pass: it made a tally object per item and merged them (allocation
  // that grew the garbage collector's share with the items).
  const groups = new Map<string, Map<number, number>>();
  const units = new Map<string, { peerGroup: UnitType; items: number; tenths: number }>();
  const count = (group: string, t: number) => {
    const counts = groups.get(group);
    if (counts) counts.set(t, (counts.get(t) ?? 0) + 1);
    else groups.set(group, new Map([[t, 1]]));
  };
  for (const s of scores) {
    const t = tenths(s.score);
    count(CATEGORY_GROUP[s.category], t);
    count(PEER_GROUP[s.peerGroup], t);
    const u = units.get(s.unitId);
    if (u) {
      u.items += 1;
      u.tenths += t;
    } else units.set(s.unitId, { peerGroup: s.peerGroup, items: 1, tenths: t });
  }
  return tallyOf(groups, units, scores.length);
}

export function mergeTallies(tallies: readonly ScoreTally[]): ScoreTally {
  const groups = new Map<string, Map<number, number>>();
  const units = new Map<string, { peerGroup: UnitType; items: number; tenths: number }>();
  let items = 0;
  for (const t of tallies) {
    items += t.items;
    for (const [g, pairs] of Object.entries(t.groups)) {
      const counts = groups.get(g) ?? new Map<number, number>();
      groups.set(g, counts);
      for (const [score, n] of pairs) counts.set(score, (counts.get(score) ?? 0) + n);
    }
    for (const [unitId, u] of Object.entries(t.units)) {
      const was = units.get(unitId);
      if (was) {
        was.items += u.items;
        was.tenths += u.tenths;
      } else units.set(unitId, { ...u });
    }
  }
  return tallyOf(groups, units, items);
}

/** The tally's canonical form: groups and units by key, each group's scores highest first. */
function tallyOf(
  groups: ReadonlyMap<string, ReadonlyMap<number, number>>,
  units: ReadonlyMap<string, { peerGroup: UnitType; items: number; tenths: number }>,
  items: number,
): ScoreTally {
  return {
    groups: Object.fromEntries(
      [...groups.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([g, counts]) => [g, [...counts.entries()].sort(([a], [b]) => b - a)]),
    ),
    units: Object.fromEntries([...units.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
    items,
  };
}

/** Per group of a tally: its size and, for each score in it, how many items score above. */
const ranksOf = new WeakMap<ScoreTally, Map<string, { size: number; above: Map<number, number> }>>();

/**
 * Competition rank ("1224") of `score` in a group of the tally, and the group's size. The
 * counts above each score are summed once per group and tally, so an item's rank is a lookup
 * (it was a scan of the group's distinct scores, which grow with the items).
 */
function rankIn(tally: ScoreTally, group: string, score: number): { rank: number; size: number } {
  let groups = ranksOf.get(tally);
  if (!groups) {
    groups = new Map();
    ranksOf.set(tally, groups);
  }
  let ranks = groups.get(group);
  if (!ranks) {
    // Highest first is the tally's contract (mergeTallies); sorted here all the same, so that
    // a rank never depends on it (once per group: at most a few thousand distinct scores).
    const pairs = [...(tally.groups[group] ?? [])].sort(([a], [b]) => b - a);
    const above = new Map<number, number>();
    let size = 0;
    for (const [s, n] of pairs) {
      if (!above.has(s)) above.set(s, size);
      size += n;
    }
    ranks = { size, above };
    groups.set(group, ranks);
  }
  const t = tenths(score);
  const known = ranks.above.get(t);
  if (known !== undefined) return { rank: known + 1, size: ranks.size };
  let above = 0;
  for (const [s, n] of tally.groups[group] ?? []) if (s > t) above += n;
  return { rank: above + 1, size: ranks.size };
}

/** An item's result from its score and the tally of the whole period (the second pass). */
export function resultOf(
  s: ItemScore,
  tally: ScoreTally,
  prev: PreviousResult | undefined,
  thresholds: EvaluationThresholds = DEFAULT_THRESHOLDS,
): ItemResult {
  const cat = rankIn(tally, CATEGORY_GROUP[s.category], s.score);
  const peer = rankIn(tally, PEER_GROUP[s.peerGroup], s.score);
  const bottomCount = Math.max(1, Math.ceil(cat.size * thresholds.bottomShare));
  // An item is in the bottom only if its rank falls in the last places and it is behind plan.
  const inBottom = cat.size > 1 && cat.rank > cat.size - bottomCount && s.score < 0;
  const bottomRunning = inBottom ? (prev?.bottomRunning ?? 0) + 1 : 0;
  const flags: EvaluationTrigger[] = [];
  if (s.lag >= thresholds.seriousLagPoints) flags.push('lagging_progress');
  if (bottomRunning >= thresholds.bottomPeriodsRunning) flags.push('lagging_rank');
  if (s.overdueMilestones.length > 0) flags.push('overdue_milestone');
  if (s.missedDeadline) flags.push('missed_deadline');
  return {
    itemId: s.itemId,
    unitId: s.unitId,
    category: s.category,
    peerGroup: s.peerGroup,
    expected: s.expected,
    actual: s.actual,
    lag: s.lag,
    ...(s.investmentRatio !== undefined ? { investmentRatio: s.investmentRatio } : {}),
    score: s.score,
    rankInCategory: cat.rank,
    categorySize: cat.size,
    rankInPeerGroup: peer.rank,
    peerGroupSize: peer.size,
    ...(prev ? { rankChange: prev.rankInCategory - cat.rank } : {}),
    inBottom,
    bottomRunning,
    overdueMilestones: [...s.overdueMilestones],
    missedDeadline: s.missedDeadline,
    flags,
  };
}

/** The whole evaluation in one pass: the composition of the two passes over one chunk. */
export function evaluate(
  items: readonly ItemSnapshot[],
  date: string,
  previous: ReadonlyMap<string, PreviousResult>,
  thresholds: EvaluationThresholds = DEFAULT_THRESHOLDS,
): ItemResult[] {
  const scores = items.map((i) => scoreItem(i, date));
  const tally = tallyScores(scores);
  return scores
    .map((s) => resultOf(s, tally, previous.get(s.itemId), thresholds))
    .sort((a, b) => (a.itemId < b.itemId ? -1 : 1));
}

export type { UnitRanking };

/** Units ranked within their peer group by the mean score of their items. */
export function rankUnits(results: readonly ItemResult[]): UnitRanking[] {
  return rankUnitsOf(tallyScores(results));
}

/** The unit rankings from a period's tally (the merge of its chunks' tallies). */
export function rankUnitsOf(tally: ScoreTally): UnitRanking[] {
  const byUnit = Object.entries(tally.units).map(([unitId, u]) => ({
    unitId,
    peerGroup: u.peerGroup,
    items: u.items,
    // Scores are tenths: summing them as integers makes the mean independent of the order.
    score: Math.round(u.tenths / u.items) / 10,
  }));
  const out: UnitRanking[] = [];
  for (const group of groupBy(byUnit, (u) => u.peerGroup).values()) {
    const ranks = rank(
      group,
      (u) => u.score,
      (u) => u.unitId,
    );
    for (const u of group) out.push({ ...u, rank: ranks.get(u.unitId)!, groupSize: group.length });
  }
  return out.sort((a, b) =>
    a.peerGroup < b.peerGroup
      ? -1
      : a.peerGroup > b.peerGroup
        ? 1
        : a.rank - b.rank || (a.unitId < b.unitId ? -1 : 1),
  );
}

/** `2022-06` → the last day of that month. */
export function periodEnd(period: string): string {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) throw new RangeError(`period must be YYYY-MM, not ${period}`);
  const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0));
  return last.toISOString().slice(0, 10);
}

export function previousPeriod(period: string): string {
  const [y, mo] = period.split('-').map(Number) as [number, number];
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
}

/**
 * Only an ended period is evaluated: a month is over when its last Beijing day is (the plan,
 * the lapses and the public ranking are judged on that day). The current or a future month
 * is refused, whoever asks (API, CLI, workflow input); the schedule evaluates the month before.
 */
export function periodEnded(period: string, now: Date): Result<true> {
  const last = periodEnd(period);
  if (endOfBeijingDay(last).getTime() < now.getTime()) return ok(true);
  const [y, mo] = last.split('-').map(Number) as [number, number];
  const firstDay = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
  return fail(
    new RuleViolation(
      'evaluation.period_not_ended',
      `period ${period} has not ended: it ends on ${last} (Beijing time) and can be evaluated from ${firstDay}`,
      [{ path: 'period', message: `not ended; evaluate it from ${firstDay}` }],
    ),
  );
}
