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
  lights: { seriousLagPoints: number; dueSoonWorkingDays: number };
  evaluation: EvaluationConfig;
  grading: Omit<RuleSet, 'thresholds'>;
  calendar: { current: CalendarYearView; next: CalendarYearView };
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
    lights: {
      seriousLagPoints: evaluation.thresholds.seriousLagPoints,
      dueSoonWorkingDays: DUE_SOON_WORKING_DAYS,
    },
    evaluation,
    grading,
    calendar: { current, next },
  };
}
