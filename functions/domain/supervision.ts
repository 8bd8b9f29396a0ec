/**
 * The verbs of supervision (督办) the office runs by hand, as pure rules: urging a unit
 * (催办), a supporting unit's report on its part (协办), the referral of an escalated inquiry
 * (移送) and its outcome, and the publication of a new version of the rules (grading effects
 * and evaluation thresholds). No I/O: the application (functions/app/commands/office.ts) reads
 * the records, asks these functions, and writes.
 */
import * as z from 'zod/mini';
import { lazily } from '../lib/lazily.ts';
import { isOwnUnit, type Reader, readsDrafts, readsUnitInFull } from './access.ts';
import { Forbidden, NotFound, RuleViolation } from './errors.ts';
import { OUTCOMES, type RuleSet } from './grading.ts';
import {
  type Actor,
  bounded,
  Id,
  IsoDate,
  IsoDateTime,
  type Item,
  Line,
  type Order,
  OrderId,
  Percent,
  Prose,
  type Referral as ReferralStamp,
  Text,
  Title,
} from './model.ts';

// ---------------------------------------------------------------------------------------------
// Urging (催办)

/** Statuses in which an item's unit may be urged: awarded (not yet signed) and in progress. */
export const URGEABLE_STATUSES: readonly Item['status'][] = ['awarded', 'in_progress'];

export const UrgeInput = z.strictObject({
  /** The unit urged: the item's lead unit or one of its supporting units. */
  unitId: Id,
  /** Optionally the order it is urged on: a responsibility order not signed, an inquiry not answered. */
  get orderId() {
    return z.optional(OrderId);
  },
  get note() {
    return Text(500);
  },
});
export type UrgeInput = z.infer<typeof UrgeInput>;

/** An urging as stored (in the item's partition) and answered. */
export const Urging = z.object({
  itemId: Id,
  get year() {
    return z.number().check(z.int());
  },
  unitId: Id,
  get orderId() {
    return z.optional(z.string());
  },
  get note() {
    return z.string();
  },
  /** The item's urgings so far, this one included (催办 No. n). */
  get urgeNo() {
    return z.number().check(z.int(), z.gte(1));
  },
  /** The Beijing date it was made on: a unit is urged on an item at most once a day. */
  date: IsoDate,
  at: IsoDateTime,
  get by() {
    return z.string();
  },
  get byRole() {
    return z.enum(['commander', 'office']);
  },
});
export type Urging = z.infer<typeof Urging>;

/** Whether the unit works on the item: its lead unit or a supporting unit. */
export const worksOn = (item: Pick<Item, 'leadUnitId' | 'supportingUnitIds'>, unitId: string) =>
  item.leadUnitId === unitId || (item.supportingUnitIds ?? []).includes(unitId);

/**
 * Checks an urging against the item (and the order it names): the item active, the unit on
 * it, the order the unit's and still pending, and not already urged today.
 */
export function checkUrge(
  item: Pick<Item, 'itemId' | 'status' | 'leadUnitId' | 'supportingUnitIds'>,
  input: UrgeInput,
  urgedToday: boolean,
  order?: Pick<Order, 'orderId' | 'orderType' | 'status' | 'itemId' | 'unitId'>,
): void {
  if (!URGEABLE_STATUSES.includes(item.status))
    throw new RuleViolation(
      'urge.item_not_active',
      `item ${item.itemId} is ${item.status}: a unit is urged on an awarded item or one in progress`,
    );
  if (!worksOn(item, input.unitId))
    throw new RuleViolation(
      'urge.unit_not_on_item',
      `unit ${input.unitId} neither leads nor supports item ${item.itemId}`,
      [{ path: 'unitId', message: 'not the lead or a supporting unit of the item' }],
    );
  if (input.orderId) {
    const pending =
      order !== undefined &&
      order.itemId === item.itemId &&
      order.unitId === input.unitId &&
      order.status === 'issued' &&
      (order.orderType === 'responsibility' || order.orderType === 'inquiry');
    if (!pending)
      throw new RuleViolation(
        'urge.order_not_pending',
        `order ${input.orderId} is not a pending order of this unit on this item (a responsibility order not yet signed, an inquiry not yet answered)`,
        [{ path: 'orderId', message: 'not pending' }],
      );
  }
  if (urgedToday)
    throw new RuleViolation(
      'urge.already_today',
      `unit ${input.unitId} was already urged on item ${item.itemId} today`,
    );
}

// ---------------------------------------------------------------------------------------------
// Supporting units' reports (协办)

export const SupportReportInput = z.strictObject({
  get text() {
    return Text(2000);
  },
  /** How far the supporting unit's own part is, in percent. */
  get percentOfPart() {
    return z.optional(Percent);
  },
});
export type SupportReportInput = z.infer<typeof SupportReportInput>;

export const SupportReport = z.object({
  get reportId() {
    return z.string();
  },
  itemId: Id,
  unitId: Id,
  reportedAt: IsoDateTime,
  get reportedBy() {
    return z.string();
  },
  get text() {
    return z.string();
  },
  get percentOfPart() {
    return z.optional(z.number());
  },
});
export type SupportReport = z.infer<typeof SupportReport>;

/** The supporting unit that files: the caller's own unit, which must support the item. */
export function supportingUnitOf(
  actor: Actor,
  item: Pick<Item, 'itemId' | 'status' | 'supportingUnitIds'>,
): string {
  const unitId = actor.unitId;
  if (!unitId || !(item.supportingUnitIds ?? []).includes(unitId))
    throw new Forbidden('auth.not_supporting_unit', `your unit does not support item ${item.itemId}`);
  if (item.status !== 'in_progress')
    throw new RuleViolation(
      'support.item_not_in_progress',
      `item ${item.itemId} is ${item.status}: supporting units report while it is in progress`,
    );
  return unitId;
}

// ---------------------------------------------------------------------------------------------
// Referral of an escalated inquiry (移送)

/** Where an escalated inquiry is usually referred (the console offers them; any body may be named). */
export const REFERRAL_BODIES = ['区纪委监委', '区委组织部', '区委督查室', '区政府督查室'] as const;

export const ReferralInput = z.strictObject({
  /** To whom: e.g. 区纪委监委 (the district's discipline inspection and supervision commission). */
  get to() {
    return Line(100);
  },
  /** When it was referred (a Beijing date; today unless given). */
  get referredOn() {
    return z.optional(IsoDate);
  },
  get note() {
    return z.optional(Prose(1000));
  },
});
export type ReferralInput = z.infer<typeof ReferralInput>;

export const ReferralOutcomeInput = z.strictObject({
  get outcome() {
    return Text(1000);
  },
  /** When the receiving body closed it (a Beijing date). */
  closedOn: IsoDate,
});
export type ReferralOutcomeInput = z.infer<typeof ReferralOutcomeInput>;

/** The referral stamp of an inquiry order (model.ts declares its type, this its schema). */
export const Referral = z.strictObject({
  get to() {
    return z.string();
  },
  referredOn: IsoDate,
  get note() {
    return z.string();
  },
  recordedAt: IsoDateTime,
  get by() {
    return z.string();
  },
  get outcome() {
    return z.optional(z.string());
  },
  get closedOn() {
    return z.optional(IsoDate);
  },
  get closedAt() {
    return z.optional(IsoDateTime);
  },
}) satisfies z.ZodMiniType<ReferralStamp>;

/** A referral recorded on an escalated inquiry, not in the future, once. */
export function referralOf(
  order: Pick<Order, 'orderId' | 'orderType' | 'status'> & { referral?: ReferralStamp | undefined },
  input: ReferralInput,
  today: string,
  at: string,
  by: string,
): ReferralStamp {
  if (order.orderType !== 'inquiry' || order.status !== 'escalated')
    throw new RuleViolation(
      'referral.not_escalated',
      `order ${order.orderId} is not an escalated inquiry: only those are referred`,
    );
  if (order.referral)
    throw new RuleViolation('referral.already_recorded', `order ${order.orderId} was referred already`);
  const referredOn = input.referredOn ?? today;
  if (referredOn > today)
    throw new RuleViolation('referral.in_future', `${referredOn} is after today (${today})`, [
      { path: 'referredOn', message: 'in the future' },
    ]);
  return { to: input.to, referredOn, note: input.note ?? '', recordedAt: at, by };
}

/** The outcome of an open referral: closed on or after it was referred, not after today. */
export function closeReferral(
  order: Pick<Order, 'orderId'> & { referral?: ReferralStamp | undefined },
  input: ReferralOutcomeInput,
  today: string,
  at: string,
): ReferralStamp {
  const r = order.referral;
  if (!r || r.outcome !== undefined)
    throw new RuleViolation(
      'referral.not_open',
      `order ${order.orderId} has ${r ? 'a closed referral' : 'no referral'}`,
    );
  if (input.closedOn < r.referredOn || input.closedOn > today)
    throw new RuleViolation(
      'referral.closed_on_out_of_range',
      `closedOn must lie from ${r.referredOn} to ${today}`,
      [{ path: 'closedOn', message: `from ${r.referredOn} to ${today}` }],
    );
  return { ...r, outcome: input.outcome, closedOn: input.closedOn, closedAt: at };
}

// ---------------------------------------------------------------------------------------------
// Rules as data: a new version of the rule set

/** The bounds of the numbers of a version of the rules (every number a caller sends is bounded). */
export const RULES_LIMITS = {
  /** A performance score an outcome adds (or takes off). */
  score: { min: -100, max: 100, decimals: 1 },
  /** Bright-spot points an outcome adds. */
  points: { min: 0, max: 100, decimals: 1 },
  /** Serious lag, points behind plan. */
  lagPoints: { min: 1, max: 100, decimals: 1 },
  /** The share of a ranking that is its bottom. */
  share: { min: 0.01, max: 0.5, decimals: 2 },
  /** Periods running in the bottom. */
  periods: { min: 1, max: 12, decimals: 0 },
  /** A version number. */
  version: { min: 2, max: 9999, decimals: 0 },
} as const;
/** The helpers of those bounds, built at their first read (a cold start reads few). */
export const RULES_NUMBERS = lazily({
  Score: () => bounded(RULES_LIMITS.score),
  Points: () => bounded(RULES_LIMITS.points),
  LagPoints: () => bounded(RULES_LIMITS.lagPoints),
  Share: () => bounded(RULES_LIMITS.share),
  Periods: () => bounded(RULES_LIMITS.periods),
  RulesVersion: () => bounded(RULES_LIMITS.version),
});

/** An effect as the office publishes it: every number and text bounded. */
const PublishedEffect = z.strictObject({
  get performanceScore() {
    return RULES_NUMBERS.Score;
  },
  get brightSpotPoints() {
    return RULES_NUMBERS.Points;
  },
  get excellenceEligible() {
    return z.nullable(z.boolean());
  },
  get restEligible() {
    return z.nullable(z.boolean());
  },
  get meritRecommendation() {
    return z.nullable(Prose(200, { line: true }));
  },
  get cadreNote() {
    return z.nullable(Prose(500));
  },
  get publicNotice() {
    return z.enum(['none', 'summary', 'full']);
  },
});

/**
 * The evaluation's thresholds as a version of the rules carries them (EvaluationThresholds of
 * evaluation.ts): serious lag in points behind plan, the share of a ranking that is its bottom,
 * the periods running in the bottom that make a ranking lag serious.
 */
export const Thresholds = z.strictObject({
  get seriousLagPoints() {
    return RULES_NUMBERS.LagPoints;
  },
  get bottomShare() {
    return RULES_NUMBERS.Share;
  },
  get bottomPeriodsRunning() {
    return RULES_NUMBERS.Periods;
  },
});

/** A new version of the rules: the whole grading rule set and the evaluation's thresholds. */
export const PublishRulesInput = z.strictObject({
  /** The version read plus one: a publication based on a stale read is refused (422). */
  get version() {
    return RULES_NUMBERS.RulesVersion;
  },
  title: Title,
  get effects() {
    return z.strictObject(
      Object.fromEntries(OUTCOMES.map((o) => [o, PublishedEffect])) as Record<
        (typeof OUTCOMES)[number],
        typeof PublishedEffect
      >,
    );
  },
  thresholds: Thresholds,
});
export type PublishRulesInput = z.infer<typeof PublishRulesInput>;

/** The next version must follow the one in force. */
export function checkNextVersion(current: Pick<RuleSet, 'version'>, next: Pick<RuleSet, 'version'>): void {
  if (next.version !== current.version + 1)
    throw new RuleViolation(
      'rules.version_not_next',
      `the rules in force are version ${current.version}: the next is ${current.version + 1} (reload and publish again)`,
      [{ path: 'version', message: `expected ${current.version + 1}` }],
    );
}

// ---------------------------------------------------------------------------------------------
// Read rules of these records (the convention of access.ts)

/**
 * Which of an item's urgings the reader sees: all of them (HQ, inspectors, the lead unit's
 * people), a supporting unit's own, or none — another unit is refused (403), as for the trail.
 */
export function urgingsVisibleTo(
  reader: Reader,
  item: Pick<Item, 'itemId' | 'status' | 'leadUnitId' | 'supportingUnitIds'>,
): (u: Pick<Urging, 'unitId'>) => boolean {
  if (item.status === 'draft' && !readsDrafts(reader)) throw new NotFound('item', item.itemId);
  if (readsUnitInFull(reader, item.leadUnitId)) return () => true;
  const own = reader?.unitId;
  if ((reader?.role === 'unit' || reader?.role === 'manager') && own && worksOn(item, own))
    return (u) => u.unitId === own;
  throw new Forbidden('auth.not_your_item', `item ${item.itemId} is not led or supported by your unit`);
}

/** A supporting report as the reader may see it: who filed it only for whoever reads it in full. */
export function supportReportView(
  reader: Reader,
  item: Pick<Item, 'leadUnitId'>,
  report: SupportReport,
): SupportReport | Omit<SupportReport, 'reportedBy'> {
  if (readsUnitInFull(reader, item.leadUnitId) || isOwnUnit(reader, report.unitId)) return report;
  const { reportedBy: _by, ...rest } = report;
  return rest;
}
