/**
 * The red/yellow/green light (红黄绿灯) of an item on the public board:
 * - red: a milestone or the deadline passed undone, or seriously lagging (the evaluation's
 *   threshold in force, `seriousLagPoints` or more behind plan: 20 by default);
 * - yellow: behind plan, or the next milestone or the deadline due within `dueSoonWorkingDays`
 *   working days (3);
 * - green: on track (and completed items);
 * - none: not running yet (open for claims, awaiting award).
 * The server computes the plan for the system's date (expectedPercent, workingDaysToNextDue,
 * overdue): the browser's clock is not the system's; and the thresholds of the version of the
 * rules in force (`lights` of the public list and item): a published version moves them.
 */
export type Light = 'green' | 'yellow' | 'red' | 'none';

/** The thresholds in force, as the server answers them (`lights`). */
export interface LightThresholds {
  readonly seriousLagPoints: number;
  readonly dueSoonWorkingDays: number;
}

export interface LightInput {
  readonly status: string;
  readonly percentComplete: number;
  readonly expectedPercent: number;
  readonly workingDaysToNextDue: number | null;
  readonly overdue: boolean;
}

const NOT_RUNNING = new Set(['draft', 'published', 'claims_closed', 'unclaimed']);

export function lightOf(i: LightInput, th: LightThresholds): Light {
  if (NOT_RUNNING.has(i.status)) return 'none';
  if (i.status === 'completed') return 'green';
  const lag = i.expectedPercent - i.percentComplete;
  if (i.overdue || lag >= th.seriousLagPoints) return 'red';
  if (lag > 0) return 'yellow';
  if (i.workingDaysToNextDue !== null && i.workingDaysToNextDue <= th.dueSoonWorkingDays) return 'yellow';
  return 'green';
}
