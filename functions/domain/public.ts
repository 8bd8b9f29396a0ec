/**
 * What the public board shows of an item's plan on a date: the progress the plan expects,
 * the next date due (the earliest milestone not done, else the deadline) and the working
 * days left to it. Pure: the console turns these into its red/yellow/green light, the
 * server supplies them because only the server knows the system's date.
 */
import { beijingDate, CalendarNotCovered, type WorkingCalendar } from './calendar.ts';
import { expectedProgress } from './evaluation.ts';
import type { Item } from './model.ts';

export interface PublicPlan {
  readonly expectedPercent: number;
  readonly nextDueDate: string | null;
  /** Working days from `asOf` to the next due date; 0 when due today or past. */
  readonly workingDaysToNextDue: number | null;
  /** True when the next due date has passed without being done. */
  readonly overdue: boolean;
}

const RUNNING: readonly Item['status'][] = ['awarded', 'in_progress', 'completion_reported'];

export function publicPlan(
  item: Pick<Item, 'status' | 'awardedAt' | 'deadline' | 'milestones' | 'milestonesDone'>,
  asOf: string,
  calendar: WorkingCalendar,
): PublicPlan {
  if (!RUNNING.includes(item.status) || !item.awardedAt) {
    return { expectedPercent: 0, nextDueDate: null, workingDaysToNextDue: null, overdue: false };
  }
  const startDate = beijingDate(new Date(item.awardedAt));
  const expectedPercent = expectedProgress(
    { startDate, deadline: item.deadline, milestones: item.milestones },
    asOf,
  );
  const open = item.milestones
    .filter((m) => !item.milestonesDone[m.id])
    .map((m) => m.dueDate)
    .sort();
  const nextDueDate = item.status === 'completion_reported' ? null : (open[0] ?? item.deadline);
  return {
    expectedPercent,
    nextDueDate,
    workingDaysToNextDue: nextDueDate === null ? null : workingDaysTo(calendar, asOf, nextDueDate),
    overdue: nextDueDate !== null && nextDueDate < asOf,
  };
}

/** Working days to a date, or null where the calendar does not cover the years between. */
function workingDaysTo(calendar: WorkingCalendar, from: string, to: string): number | null {
  try {
    return calendar.workingDaysBetween(from, to);
  } catch (err) {
    if (err instanceof CalendarNotCovered) return null;
    throw err;
  }
}
