import { HAND_OVER_DEFAULTS, type HandOverLimits } from '#domain/continuation.ts';
import { HAND_OVER_ENV } from '#resources/state-machine-env.ts';

/** Response limits, in working days; configurable per deployment through the environment. */
function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, not ${raw}`);
  return n;
}

export const limits = () => ({
  /** A unit acknowledges a responsibility order within this many working days. */
  acknowledgementWorkingDays: intEnv('ACKNOWLEDGEMENT_WORKING_DAYS', 3),
  /** After the reminder, this many more before a late-acknowledgement inquiry. */
  acknowledgementGraceWorkingDays: intEnv('ACKNOWLEDGEMENT_GRACE_WORKING_DAYS', 2),
  /** A unit answers an inquiry order in writing within this many working days. */
  inquiryAnswerWorkingDays: intEnv('INQUIRY_ANSWER_WORKING_DAYS', 5),
});

/**
 * Claims waiting this many working days for an award remind the commander (once per such
 * period). Apart from `limits()` so that the API bundles that do not need it stay small.
 */
export const awardWaitWorkingDays = () => intEnv('AWARD_WAIT_WORKING_DAYS', 3);

/**
 * When a workflow execution hands over to its next generation (continue-as-new): the
 * production defaults (300 days, 10,000 events), which the stack sets on the workflow function
 * explicitly; tests shorten them through the same variables.
 */
export const handOverLimits = (): HandOverLimits => ({
  afterDays: intEnv(HAND_OVER_ENV.afterDays, HAND_OVER_DEFAULTS.afterDays),
  afterEvents: intEnv(HAND_OVER_ENV.afterEvents, HAND_OVER_DEFAULTS.afterEvents),
});
