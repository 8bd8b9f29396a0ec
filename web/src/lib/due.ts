/** The light of a thing waiting in an inbox, from its limit as GET /v1/me/inbox counts it. */
import type { Light } from './light.ts';

export interface DueInput {
  readonly dueDate: string | null;
  readonly overdue: boolean;
  readonly workingDaysLeft: number | null;
}

/** Red overdue, yellow due within 3 working days, green further off; none without a limit. */
export function dueLight(e: DueInput): Light {
  if (e.dueDate === null) return 'none';
  if (e.overdue) return 'red';
  return e.workingDaysLeft !== null && e.workingDaysLeft <= 3 ? 'yellow' : 'green';
}
