/**
 * The rules in force (GET /v1/rules), read from where they rule: the working-day limits from
 * the deployment's configuration (config.ts), the evaluation's thresholds and consequences
 * (evaluation.ts, from the domain's defaults and EVALUATION_CONFIG, the thresholds replaced by
 * the rule set's once the office published one), the lights' thresholds from
 * the domain, the grading rule set in force from the table, and the working-day calendar of the
 * year and of the next one. Nothing here holds a number of its own.
 */
import { ruleSet, rulesOnly } from '#data/results.ts';
import { DUE_SOON_WORKING_DAYS } from '#domain/evaluation.ts';
import type { RuleSet } from '#domain/grading.ts';
import { type CalendarYearView, calendarYear } from './calendar.ts';
import { awardWaitWorkingDays, limits } from './config.ts';
import { type EvaluationConfig, evaluationConfig } from './evaluation.ts';

export interface RulesInForce {
  year: number;
  /** The version of the rules in force (grading and thresholds): a publication names the next. */
  version: number;
  limits: ReturnType<typeof limits> & { awardWaitWorkingDays: number };
  lights: LightThresholds;
  evaluation: EvaluationConfig;
  grading: Omit<RuleSet, 'thresholds'>;
  calendar: { current: CalendarYearView; next: CalendarYearView };
}

/** The lights' thresholds (红黄绿灯): red from the evaluation's serious lag, yellow's due-soon days. */
export interface LightThresholds {
  seriousLagPoints: number;
  dueSoonWorkingDays: number;
}

const lightsOf = (evaluation: EvaluationConfig): LightThresholds => ({
  seriousLagPoints: evaluation.thresholds.seriousLagPoints,
  dueSoonWorkingDays: DUE_SOON_WORKING_DAYS,
});

/**
 * The lights' thresholds under the thresholds of the version in force (absent: the
 * deployment's): what the public board's lights follow, so a published serious lag turns them
 * red where the evaluation flags it.
 */
export function lightsUnder(thresholds: RuleSet['thresholds']): LightThresholds {
  const configured = evaluationConfig();
  return lightsOf(thresholds ? { ...configured, thresholds } : configured);
}

/** The same, reading the rule set in force (one GetItem). */
export async function lightsInForce(): Promise<LightThresholds> {
  return lightsUnder(rulesOnly(await ruleSet()).thresholds);
}

export async function rulesInForce(year: number): Promise<RulesInForce> {
  const [stored, current, next] = await Promise.all([ruleSet(), calendarYear(year), calendarYear(year + 1)]);
  const rules = rulesOnly(stored);
  const configured = evaluationConfig();
  const evaluation = rules.thresholds ? { ...configured, thresholds: rules.thresholds } : configured;
  const { thresholds: _t, ...grading } = rules;
  return {
    year,
    version: rules.version,
    limits: { ...limits(), awardWaitWorkingDays: awardWaitWorkingDays() },
    // Red is the evaluation's serious lag (or overdue); yellow is behind plan or due soon.
    lights: lightsOf(evaluation),
    evaluation,
    grading,
    calendar: { current, next },
  };
}
