/**
 * Results application (结果运用): versioned rules that turn an order's outcome into effects
 * on the unit's and the project manager's ledgers, and the public notice it warrants.
 * The rules are data; a rule set never changes once used — a new one gets a new version.
 */
import * as z from 'zod/mini';
import { beijingDate } from './calendar.ts';
import type { EvaluationThresholds } from './evaluation.ts';
import { Bag, Id, IsoDateTime, type Order, Year } from './model.ts';

export const Effect = z.strictObject({
  get performanceScore() {
    return z.number();
  },
  get brightSpotPoints() {
    return z.number().check(z.gte(0));
  },
  /** Eligible for excellence evaluation (评优评先) this year. */
  get excellenceEligible() {
    return z.nullable(z.boolean());
  },
  /** Eligible for rest and recuperation (休假疗养). */
  get restEligible() {
    return z.nullable(z.boolean());
  },
  /** Reward and merit record recommendation (记功嘉奖), if any. */
  get meritRecommendation() {
    return z.nullable(z.string());
  },
  /** A note for cadre evaluation and appointment (干部考察). */
  get cadreNote() {
    return z.nullable(z.string());
  },
  /** Whether and how the outcome is publicly notified (通报). */
  get publicNotice() {
    return z.enum(['none', 'summary', 'full']);
  },
});
export type Effect = z.infer<typeof Effect>;

export const OUTCOMES = [
  'commendation:first',
  'commendation:second',
  'commendation:third',
  'inquiry:rectified',
  'inquiry:escalated',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const RuleSet = z.strictObject({
  get version() {
    return z.number().check(z.int(), z.gte(1));
  },
  get title() {
    return z.string();
  },
  get effects() {
    return z.strictObject(
      Object.fromEntries(OUTCOMES.map((o) => [o, Effect])) as Record<Outcome, typeof Effect>,
    );
  },
  /**
   * The evaluation's thresholds under this version; absent: the deployment's (evaluation.ts).
   * Validated where a version is published (`Thresholds` of supervision.ts); an object here.
   */
  get thresholds() {
    return z.optional(Bag as unknown as z.ZodMiniType<EvaluationThresholds>);
  },
});
export type RuleSet = z.infer<typeof RuleSet>;

/** The first rule set (invented values for the demo: the article names the fields, not the numbers). */
export const DEFAULT_RULES: RuleSet = {
  version: 1,
  title: 'Default grading rules (invented values)',
  effects: {
    'commendation:first': {
      performanceScore: 5,
      brightSpotPoints: 3,
      excellenceEligible: true,
      restEligible: true,
      meritRecommendation: 'third-class merit (三等功)',
      cadreNote: 'Fulfilled a responsibility order with first-grade commendation.',
      publicNotice: 'full',
    },
    'commendation:second': {
      performanceScore: 3,
      brightSpotPoints: 2,
      excellenceEligible: true,
      restEligible: true,
      meritRecommendation: 'commendation (嘉奖)',
      cadreNote: 'Fulfilled a responsibility order with second-grade commendation.',
      publicNotice: 'full',
    },
    'commendation:third': {
      performanceScore: 1,
      brightSpotPoints: 1,
      excellenceEligible: null,
      restEligible: true,
      meritRecommendation: null,
      cadreNote: null,
      publicNotice: 'full',
    },
    'inquiry:rectified': {
      performanceScore: -1,
      brightSpotPoints: 0,
      excellenceEligible: null,
      restEligible: null,
      meritRecommendation: null,
      cadreNote: 'Received an inquiry order; rectified.',
      publicNotice: 'summary',
    },
    'inquiry:escalated': {
      performanceScore: -5,
      brightSpotPoints: 0,
      excellenceEligible: false,
      restEligible: false,
      meritRecommendation: null,
      cadreNote: 'Inquiry order escalated: accountability pursued.',
      publicNotice: 'summary',
    },
  },
};

/** The outcome an order stands for, if it is graded (commendations, and closed inquiries). */
export function outcomeOf(order: Pick<Order, 'orderType' | 'status' | 'grade'>): Outcome | undefined {
  if (order.orderType === 'commendation' && order.grade) return `commendation:${order.grade}`;
  if (order.orderType === 'inquiry' && (order.status === 'rectified' || order.status === 'escalated')) {
    return `inquiry:${order.status}`;
  }
  return undefined;
}

/** An entry of a unit's or a person's ledger: what an order's outcome earned under a rule set. */
export const LedgerEntry = z.object({
  get subject() {
    return z.object({
      get type() {
        return z.enum(['unit', 'person']);
      },
      id: Id,
    });
  },
  year: Year,
  get orderId() {
    return z.string();
  },
  get displayNumber() {
    return z.string();
  },
  itemId: Id,
  get outcome() {
    return z.enum(OUTCOMES);
  },
  get ruleVersion() {
    return z.number().check(z.int(), z.gte(1));
  },
  effect: Effect,
  at: IsoDateTime,
  get regradedAt() {
    return z
      .optional(IsoDateTime)
      .register(z.globalRegistry, { description: 'When a later rule version regraded it.' });
  },
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

/** The ledger entries an order produces under a rule set: the unit's, and the manager's. */
export function gradeOrder(order: Order, rules: RuleSet, at: string): LedgerEntry[] {
  const outcome = outcomeOf(order);
  if (!outcome) return [];
  const effect = rules.effects[outcome];
  const base = {
    year: order.year,
    orderId: order.orderId,
    displayNumber: order.displayNumber,
    itemId: order.itemId,
    outcome,
    ruleVersion: rules.version,
    effect,
    at,
  };
  const entries: LedgerEntry[] = [{ ...base, subject: { type: 'unit', id: order.unitId } }];
  if (order.managerId) entries.push({ ...base, subject: { type: 'person', id: order.managerId } });
  return entries;
}

/**
 * Whether a ledger entry is to be re-graded under `rules`: graded under another version and,
 * when a period (an evaluation month, `YYYY-MM`) is named, first graded within it (its `at`,
 * in Beijing time; a re-grade keeps `at` and sets `regradedAt`, so the answer is stable and a
 * second run finds nothing). Never a new entry: only what an order already earned is re-graded.
 */
export function needsRegrade(
  entry: Pick<LedgerEntry, 'ruleVersion' | 'at'>,
  rules: Pick<RuleSet, 'version'>,
  period?: string,
): boolean {
  if (entry.ruleVersion === rules.version) return false;
  return period === undefined || beijingDate(new Date(entry.at)).slice(0, 7) === period;
}

export const LedgerTotals = z.object({
  get performanceScore() {
    return z.number();
  },
  get brightSpotPoints() {
    return z.number();
  },
  get excellenceEligible() {
    return z.boolean();
  },
  get restEligible() {
    return z.boolean();
  },
  get meritRecommendations() {
    return z.array(z.string());
  },
  get cadreNotes() {
    return z.array(z.string());
  },
  get entries() {
    return z.number().check(z.int(), z.gte(0));
  },
});
export type LedgerTotals = z.infer<typeof LedgerTotals>;

/** A public notice (通报) of a commendation, an inquiry or a ranking. */
export const Notice = z.strictObject({
  get noticeId() {
    return z.string();
  },
  year: Year,
  at: IsoDateTime,
  get kind() {
    return z.enum(['commendation', 'inquiry', 'ranking']);
  },
  /** The graded outcome (commendations and inquiries). */
  get outcome() {
    return z
      .optional(z.enum(OUTCOMES))
      .register(z.globalRegistry, { description: 'The graded outcome of a commendation or inquiry.' });
  },
  /** The order's official number (commendations and inquiries). */
  get orderNumber() {
    return z
      .optional(z.string())
      .register(z.globalRegistry, { description: 'The order’s official number, e.g. 福田嘉〔2022〕1号.' });
  },
  get title() {
    return z.string().register(z.globalRegistry, { description: 'As published, in Chinese.' });
  },
  get body() {
    return z
      .string()
      .register(z.globalRegistry, { description: 'As published, in Chinese, naming the unit and the item.' });
  },
  get unitId() {
    return z.optional(Id);
  },
  get itemId() {
    return z.optional(Id);
  },
  get orderId() {
    return z.optional(z.string());
  },
  get period() {
    return z.optional(z.string());
  },
});
export type Notice = z.infer<typeof Notice>;

/** Sums a ledger: eligibility holds unless an entry withdrew it. */
export function totals(entries: readonly Pick<LedgerEntry, 'effect'>[]): LedgerTotals {
  const t: LedgerTotals = {
    performanceScore: 0,
    brightSpotPoints: 0,
    excellenceEligible: true,
    restEligible: true,
    meritRecommendations: [],
    cadreNotes: [],
    entries: entries.length,
  };
  for (const { effect: e } of entries) {
    t.performanceScore += e.performanceScore;
    t.brightSpotPoints += e.brightSpotPoints;
    if (e.excellenceEligible === false) t.excellenceEligible = false;
    if (e.restEligible === false) t.restEligible = false;
    if (e.meritRecommendation) t.meritRecommendations.push(e.meritRecommendation);
    if (e.cadreNote) t.cadreNotes.push(e.cadreNote);
  }
  return t;
}
