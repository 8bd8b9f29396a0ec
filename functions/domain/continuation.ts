/**
 * Continue-as-new: when a workflow execution hands over to the next generation of itself.
 *
 * A Standard execution ends with `States.Timeout` one year after it started and cannot hold
 * more than 25,000 history events, but an item's workflow lives from publication to closure
 * (multi-year projects, carried-over items, long inquiries). So at each wake-up (the `Sync`
 * step) the execution looks at its own age, the events it has written so far and the
 * definition it runs, and hands over to the next generation (recorded in the item or order,
 * started from the recorded state) while it still can. Pure rules: no AWS, no clock.
 */

export interface HandOverLimits {
  /** Hand over once the execution is this old (Standard executions end at 365 days). */
  readonly afterDays: number;
  /** Hand over once the estimated history reaches this many events (the limit is 25,000). */
  readonly afterEvents: number;
}

/** The production limits: well inside a Standard execution's one year and 25,000 events. */
export const HAND_OVER_DEFAULTS: HandOverLimits = { afterDays: 300, afterEvents: 10_000 };

/**
 * History events one wake-up adds at most, without retries, in the item workflow (the longer
 * of the two): Sync (TaskStateEntered, TaskScheduled, TaskStarted, TaskSucceeded,
 * TaskStateExited: 5), Route (ChoiceStateEntered/Exited: 2), the waiting task
 * (TaskStateEntered, TaskScheduled, TaskStarted, TaskSubmitted, TaskSucceeded or
 * TaskTimedOut, TaskStateExited: 6) and a timer step after a timeout (5): 18; a StartInquiries
 * round (Map entered/started/succeeded/exited, per inquiry an iteration of 2 + a task of 5,
 * then MarkInquiriesStarted 5) is its own wake-up. 25 leaves room for one retried attempt
 * (TaskFailed, TaskScheduled, TaskStarted: 3) and two inquiries per round; at 10,000 estimated
 * events (400 wake-ups) the real history is far below 25,000 even if every step retried.
 */
export const EVENTS_PER_WAKE_UP = 25;

/**
 * A definition upgrade hands over only an execution at least this old: while a deploy updates
 * the function (its environment names the new definition) before the state machine, a new
 * generation would still start on the old definition and hand over again at once. An hour
 * bounds that to one extra generation per item per hour of mismatch.
 */
export const MIN_AGE_FOR_UPGRADE_SECONDS = 3600;

export type HandOverReason = 'lifetime' | 'history' | 'definition';

export interface ExecutionFacts {
  /** When the execution started (`$$.Execution.StartTime`). */
  readonly startedAt: Date;
  /** Wake-ups (Sync steps) of this execution so far, this one included. */
  readonly wakeUps: number;
  /** The definition the execution runs (`${DefinitionHash}` baked into its Sync payload). */
  readonly definitionHash: string;
  /** The definition deployed now (the function's environment); undefined: not known. */
  readonly currentHash: string | undefined;
}

const DAY_MS = 24 * 3600_000;

/** When the execution has to hand over at the latest (its waits end by then). */
export function handOverDueAt(startedAt: Date, limits: HandOverLimits): Date {
  return new Date(startedAt.getTime() + limits.afterDays * DAY_MS);
}

export const estimatedEvents = (wakeUps: number): number => wakeUps * EVENTS_PER_WAKE_UP;

/** Why the execution hands over now, or undefined when it carries on. */
export function handOverReason(
  facts: ExecutionFacts,
  now: Date,
  limits: HandOverLimits,
): HandOverReason | undefined {
  const ageMs = now.getTime() - facts.startedAt.getTime();
  if (ageMs >= limits.afterDays * DAY_MS) return 'lifetime';
  // Never at the first wake-up: a generation always waits once, so a threshold set too low
  // cannot make every new generation hand over at once, for ever.
  if (facts.wakeUps > 1 && estimatedEvents(facts.wakeUps) >= limits.afterEvents) return 'history';
  if (
    facts.currentHash !== undefined &&
    facts.definitionHash !== facts.currentHash &&
    ageMs >= MIN_AGE_FOR_UPGRADE_SECONDS * 1000
  )
    return 'definition';
  return undefined;
}

/** The generation an execution name stands for: `…--g<n>` is n, a name without it is 1. */
export function generationOf(executionName: string): number {
  const m = /--g(\d+)$/.exec(executionName);
  return m ? Number(m[1]) : 1;
}
