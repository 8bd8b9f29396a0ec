/**
 * The red/yellow/green light (红黄绿灯) of an item on the public board:
 * - red: a milestone or the deadline passed undone, or seriously lagging (the evaluation's
 *   threshold: 20 points or more behind plan);
 * - yellow: behind plan, or the next milestone or the deadline due within 3 working days;
 * - green: on track (and completed items);
 * - none: not running yet (open for claims, awaiting award).
 * The server computes the plan for the system's date (expectedPercent, workingDaysToNextDue,
 * overdue): the browser's clock is not the system's.
 */
export type Light = 'green' | 'yellow' | 'red' | 'none';

export const SERIOUS_LAG_POINTS = 20;
export const DUE_SOON_WORKING_DAYS = 3;

export interface LightInput {
  readonly status: string;
  readonly percentComplete: number;
  readonly expectedPercent: number;
  readonly workingDaysToNextDue: number | null;
  readonly overdue: boolean;
}

const NOT_RUNNING = new Set(['draft', 'published', 'claims_closed', 'unclaimed']);

export function lightOf(i: LightInput): Light {
  if (NOT_RUNNING.has(i.status)) return 'none';
  if (i.status === 'completed') return 'green';
  const lag = i.expectedPercent - i.percentComplete;
  if (i.overdue || lag >= SERIOUS_LAG_POINTS) return 'red';
  if (lag > 0) return 'yellow';
  if (i.workingDaysToNextDue !== null && i.workingDaysToNextDue <= DUE_SOON_WORKING_DAYS) return 'yellow';
  return 'green';
}
