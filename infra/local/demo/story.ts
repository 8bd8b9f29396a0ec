/**
 * The demo's 2022, task by task: who leads each of the 42 tasks of the first batch, how
 * it gets the lead (claim, contested claim, direct assignment, a reopened window), how fast
 * it moves, and how its unit meets inquiry orders. All of it is invented for the demo (the
 * article names no task owners and reports no progress) and all of it is fixed: percentages
 * come from the plan the evaluation itself computes plus a per-task pace, with a seeded
 * jitter, so every run tells the same year.
 *
 * Used by the first-start history (history.ts, application commands) and by the player
 * (player.ts, HTTP API) through the same day routine (workday.ts).
 */
import { beijingDate } from '../../../functions/domain/calendar.ts';
import { expectedProgress } from '../../../functions/domain/evaluation.ts';
import type { CommendationGrade, Item } from '../../../functions/domain/model.ts';
import { CLASS_A_TASKS, CLASS_B_TASKS, seeded, taskId } from './catalog.ts';

/** How a task moves against its plan. */
export type Pace =
  /** Reaches 100% by the end of `doneIn` (YYYY-MM), whatever the plan says. */
  | { readonly kind: 'fast'; readonly doneIn: string }
  /** This many points ahead of the plan. */
  | { readonly kind: 'ahead'; readonly points: number }
  /** On the plan, give or take three points. */
  | { readonly kind: 'on-plan' }
  /** This many points behind the plan: noticed in the rankings, not an inquiry. */
  | { readonly kind: 'behind'; readonly points: number }
  /** Barely moves until the June evaluation asks why; then recovers, or does not. */
  | { readonly kind: 'serious'; readonly recovers: boolean };

/** How the unit meets an inquiry order about the task (a reported violation is always escalated). */
export type InquiryHandling =
  /** Answers in writing; the office closes the inquiry as rectified. */
  | 'rectify'
  /** Answers; the office finds the answer wanting and escalates. */
  | 'escalate'
  /** Lets the July inquiries lapse (escalated automatically), answers later ones. */
  | 'ignore-july';

export type Route =
  /** Loaded at the promotion meeting (load.ts): claimed and awarded on 2022-04-22. */
  | 'meeting'
  /** Claimed in the first or second week of the window, awarded after it closes. */
  | 'claim'
  /** Nobody claims it; the office assigns it directly after the window (class A only). */
  | 'assign'
  /** Nobody claims it; the office reopens it for two weeks and the lead claims then. */
  | 'reopen';

export interface TaskStory {
  /** Task number of class A (taskId) or index into CLASS_B_TASKS. */
  readonly ref: { readonly classA: number } | { readonly classB: number };
  readonly lead: string;
  readonly route: Route;
  /** Claim week for route 'claim': 1 (from 2022-04-25) or 2 (from 2022-05-09). */
  readonly week?: 1 | 2;
  /** A second unit that claims too and is declined at the award. */
  readonly rival?: string;
  /** Acknowledges the responsibility order only after the late-acknowledgement inquiry. */
  readonly lateAcknowledgement?: true;
  readonly pace: Pace;
  readonly inquiries: InquiryHandling;
  /** The first completion report fails verification (expected effect not achieved). */
  readonly failsFirstVerification?: true;
  /** An inspector reports a suspected violation on this Beijing date. */
  readonly violationOn?: string;
}

const A = (n: number) => ({ classA: n });
const B = (i: number) => ({ classB: i });

/**
 * Class A leads follow the task's subject (finance to the Futian CBD subdistrict, land to
 * urban renewal, schools to education…); class B tasks are led by the unit that declared them.
 */
export const STORY: readonly TaskStory[] = [
  {
    ref: A(1),
    lead: 'futian',
    route: 'meeting',
    rival: 'lianhua',
    pace: { kind: 'ahead', points: 10 },
    inquiries: 'rectify',
  },
  { ref: A(2), lead: 'science-tech', route: 'meeting', pace: { kind: 'on-plan' }, inquiries: 'rectify' },
  { ref: A(3), lead: 'dev-reform', route: 'meeting', pace: { kind: 'on-plan' }, inquiries: 'rectify' },
  {
    ref: A(4),
    lead: 'nanyuan',
    route: 'meeting',
    rival: 'shatou',
    pace: { kind: 'on-plan' },
    inquiries: 'rectify',
  },
  {
    ref: A(5),
    lead: 'meilin',
    route: 'meeting',
    pace: { kind: 'fast', doneIn: '2022-06' },
    inquiries: 'rectify',
  },
  {
    ref: A(6),
    lead: 'huaqiangbei',
    route: 'claim',
    week: 1,
    pace: { kind: 'fast', doneIn: '2022-10' },
    inquiries: 'rectify',
    failsFirstVerification: true,
  },
  { ref: A(7), lead: 'lianhua', route: 'claim', week: 1, pace: { kind: 'on-plan' }, inquiries: 'rectify' },
  {
    ref: A(8),
    lead: 'huaqiangbei',
    route: 'claim',
    week: 2,
    pace: { kind: 'on-plan' },
    inquiries: 'rectify',
  },
  { ref: A(9), lead: 'finance', route: 'claim', week: 1, pace: { kind: 'on-plan' }, inquiries: 'rectify' },
  {
    ref: A(10),
    lead: 'dev-reform',
    route: 'claim',
    week: 2,
    pace: { kind: 'ahead', points: 12 },
    inquiries: 'rectify',
  },
  { ref: A(11), lead: 'xiangmihu', route: 'claim', week: 1, pace: { kind: 'on-plan' }, inquiries: 'rectify' },
  { ref: A(12), lead: 'education', route: 'meeting', pace: { kind: 'on-plan' }, inquiries: 'rectify' },
  {
    ref: A(13),
    lead: 'urban-renewal',
    route: 'claim',
    week: 2,
    rival: 'futian',
    pace: { kind: 'behind', points: 9 },
    inquiries: 'rectify',
  },
  { ref: A(14), lead: 'transport', route: 'claim', week: 1, pace: { kind: 'on-plan' }, inquiries: 'rectify' },
  {
    ref: A(15),
    lead: 'urban-renewal',
    route: 'claim',
    week: 2,
    pace: { kind: 'on-plan' },
    inquiries: 'rectify',
  },
  {
    ref: A(16),
    lead: 'xiangmihu',
    route: 'claim',
    week: 2,
    pace: { kind: 'serious', recovers: true },
    inquiries: 'rectify',
  },
  {
    ref: A(17),
    lead: 'housing',
    route: 'claim',
    week: 1,
    pace: { kind: 'on-plan' },
    inquiries: 'rectify',
    violationOn: '2022-09-11',
  },
  { ref: A(18), lead: 'urban-renewal', route: 'assign', pace: { kind: 'on-plan' }, inquiries: 'rectify' },
  { ref: A(19), lead: 'huafu', route: 'claim', week: 1, pace: { kind: 'on-plan' }, inquiries: 'rectify' },
  {
    ref: A(20),
    lead: 'ecology',
    route: 'claim',
    week: 2,
    rival: 'xiangmihu',
    pace: { kind: 'on-plan' },
    inquiries: 'rectify',
  },
  {
    ref: A(21),
    lead: 'transport',
    route: 'claim',
    week: 2,
    pace: { kind: 'behind', points: 12 },
    inquiries: 'rectify',
  },
  { ref: A(22), lead: 'dev-reform', route: 'reopen', pace: { kind: 'on-plan' }, inquiries: 'rectify' },
  {
    ref: A(23),
    lead: 'housing',
    route: 'claim',
    week: 2,
    pace: { kind: 'serious', recovers: false },
    inquiries: 'escalate',
  },
  {
    ref: A(24),
    lead: 'ecology',
    route: 'claim',
    week: 1,
    pace: { kind: 'ahead', points: 8 },
    inquiries: 'rectify',
  },
  { ref: A(25), lead: 'fubao', route: 'assign', pace: { kind: 'on-plan' }, inquiries: 'rectify' },
  {
    ref: A(26),
    lead: 'yuanling',
    route: 'claim',
    week: 1,
    pace: { kind: 'behind', points: 14 },
    inquiries: 'rectify',
  },
  {
    ref: A(27),
    lead: 'shatou',
    route: 'claim',
    week: 2,
    lateAcknowledgement: true,
    pace: { kind: 'on-plan' },
    inquiries: 'rectify',
  },
  {
    ref: A(28),
    lead: 'nanyuan',
    route: 'claim',
    week: 1,
    pace: { kind: 'fast', doneIn: '2022-09' },
    inquiries: 'rectify',
  },
  {
    ref: A(29),
    lead: 'education',
    route: 'claim',
    week: 2,
    pace: { kind: 'ahead', points: 10 },
    inquiries: 'rectify',
  },
  { ref: A(30), lead: 'lianhua', route: 'claim', week: 1, pace: { kind: 'on-plan' }, inquiries: 'rectify' },

  // Class B: each declared by its lead (CLASS_B_TASKS order).
  {
    ref: B(0),
    lead: 'futian',
    route: 'claim',
    week: 1,
    pace: { kind: 'fast', doneIn: '2022-06' },
    inquiries: 'rectify',
  },
  { ref: B(1), lead: 'lianhua', route: 'claim', week: 1, pace: { kind: 'on-plan' }, inquiries: 'rectify' },
  {
    ref: B(2),
    lead: 'science-tech',
    route: 'claim',
    week: 2,
    pace: { kind: 'on-plan' },
    inquiries: 'rectify',
  },
  {
    ref: B(3),
    lead: 'huaqiangbei',
    route: 'claim',
    week: 1,
    pace: { kind: 'fast', doneIn: '2022-11' },
    inquiries: 'rectify',
  },
  { ref: B(4), lead: 'meilin', route: 'meeting', pace: { kind: 'on-plan' }, inquiries: 'rectify' },
  {
    ref: B(5),
    lead: 'shatou',
    route: 'claim',
    week: 2,
    pace: { kind: 'serious', recovers: true },
    inquiries: 'ignore-july',
  },
  { ref: B(6), lead: 'transport', route: 'claim', week: 1, pace: { kind: 'on-plan' }, inquiries: 'rectify' },
  {
    ref: B(7),
    lead: 'fubao',
    route: 'claim',
    week: 2,
    pace: { kind: 'behind', points: 10 },
    inquiries: 'rectify',
  },
  {
    ref: B(8),
    lead: 'yuanling',
    route: 'claim',
    week: 1,
    pace: { kind: 'ahead', points: 9 },
    inquiries: 'rectify',
  },
  { ref: B(9), lead: 'nanyuan', route: 'claim', week: 2, pace: { kind: 'on-plan' }, inquiries: 'rectify' },
  { ref: B(10), lead: 'xiangmihu', route: 'claim', week: 1, pace: { kind: 'on-plan' }, inquiries: 'rectify' },
  { ref: B(11), lead: 'huafu', route: 'claim', week: 2, pace: { kind: 'on-plan' }, inquiries: 'rectify' },
];

/** The title of a story's task: class B ids come from the proposal flow, titles are fixed. */
export function storyTitle(s: TaskStory): string {
  return 'classA' in s.ref ? CLASS_A_TASKS[s.ref.classA - 1]!.title : CLASS_B_TASKS[s.ref.classB]!.title;
}

/** Class A ids are fixed; class B ids are found by title among the loaded items. */
export function storyItemId(s: TaskStory, itemsByTitle: ReadonlyMap<string, string>): string {
  if ('classA' in s.ref) return taskId(s.ref.classA);
  const id = itemsByTitle.get(storyTitle(s));
  if (!id) throw new Error(`the demo task "${storyTitle(s)}" is not loaded`);
  return id;
}

const byTitle = new Map(STORY.map((s) => [storyTitle(s), s]));

/** The story of a loaded task (matched by title, which is how class B tasks are known). */
export function storyOf(item: Pick<Item, 'title'>): TaskStory | undefined {
  return byTitle.get(item.title);
}

/** Last day of a month `YYYY-MM`. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

const DAY = 86_400_000;
const days = (from: string, to: string) =>
  Math.round((new Date(`${to}T00:00:00Z`).getTime() - new Date(`${from}T00:00:00Z`).getTime()) / DAY);

/** Serious laggards after the June inquiry: points behind the plan, month by month. */
const RECOVERY: Readonly<Record<string, number>> = { '2022-07': 18, '2022-08': 12, '2022-09': 6 };

/** A stable number in [0, 1) for (task, month): the same jitter on every run. */
function jitter(title: string, month: string): number {
  let h = 2166136261;
  for (const c of `${title}|${month}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return seeded(h)();
}

/**
 * The percentage a unit reports for `month`: the plan's expectation at the end of the month
 * (the figure the evaluation will hold it to) moved by its pace. Never below what it reported
 * before; in December anything from 97% is the finished task.
 */
export function reportedPercent(story: TaskStory, item: Item, month: string): number {
  const end = monthEnd(month);
  const startDate = beijingDate(new Date(item.awardedAt ?? item.createdAt));
  const expected = expectedProgress({ startDate, deadline: item.deadline, milestones: item.milestones }, end);
  const title = item.title;
  let p: number;
  switch (story.pace.kind) {
    case 'fast': {
      const total = days(startDate, monthEnd(story.pace.doneIn));
      p = total > 0 ? (100 * days(startDate, end)) / total : 100;
      break;
    }
    case 'ahead':
      p = expected + story.pace.points;
      break;
    case 'on-plan':
      p = expected - 3 + Math.floor(jitter(title, month) * 7);
      break;
    case 'behind':
      p = expected - story.pace.points;
      break;
    case 'serious':
      if (month <= '2022-06') p = expected * 0.15;
      else p = story.pace.recovers ? expected - (RECOVERY[month] ?? 0) : expected - 25;
      break;
  }
  let rounded = Math.max(0, Math.min(100, Math.round(p)));
  if (month.endsWith('-12') && rounded >= 97) rounded = 100;
  return Math.max(rounded, item.percentComplete);
}

/**
 * What a project or reform on the list (directly assigned at the meeting, no story of its
 * own) reports for `month`: the plan's expectation at the end of the month plus a steady
 * 0–4 points of its own, so it is never behind plan; in December 97% or more is the year's
 * work done. Never below what it reported before.
 */
export function listedPercent(item: Item, month: string): number {
  const startDate = beijingDate(new Date(item.awardedAt ?? item.createdAt));
  const expected = expectedProgress(
    { startDate, deadline: item.deadline, milestones: item.milestones },
    monthEnd(month),
  );
  let p = Math.max(0, Math.min(100, Math.ceil(expected + Math.floor(jitter(item.title, 'listed') * 5))));
  if (month.endsWith('-12') && p >= 97) p = 100;
  return Math.max(p, item.percentComplete);
}

/**
 * Investment completed by a project reporting `percent` of its year: that share of the annual
 * target, paced by stage (construction sites spend as they go, earlier stages less); never
 * more than the total investment.
 */
export function listedInvestment(item: Item, percent: number): number | undefined {
  if (!item.project) return undefined;
  const pace = { construction: 1, preliminary: 0.8, planning: 0.5 }[item.project.stage];
  const spent = Math.round((item.project.annualInvestmentTarget * percent * pace) / 100);
  return Math.max(item.investmentCompleted, Math.min(spent, item.project.totalInvestment));
}

/** Milestones a report marks done: the plan stage at 15%, half the works at 55%, the last at 100%. */
export function milestonesReached(item: Item, percent: number): string[] {
  const threshold: Readonly<Record<string, number>> = { m1: 15, m2: 55, m3: 100 };
  return item.milestones
    .filter((m) => !item.milestonesDone[m.id] && percent >= (threshold[m.id] ?? 100))
    .map((m) => m.id);
}

/** The commendation a verified task earns: by pace, and third grade after a failed verification. */
export function gradeOf(story: TaskStory, failedBefore: boolean): CommendationGrade {
  if (failedBefore) return 'third';
  if (story.pace.kind === 'fast' || story.pace.kind === 'ahead') return 'first';
  return story.pace.kind === 'on-plan' ? 'second' : 'third';
}
