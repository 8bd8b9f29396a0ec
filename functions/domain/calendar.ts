/**
 * Working days on the Chinese statutory calendar (holidays and make-up workdays from the
 * maintained `chinese-days` package). Dates are Beijing dates (UTC+8, no daylight saving).
 */
import chineseDays from 'chinese-days';

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** The Beijing calendar date (YYYY-MM-DD) of an instant. */
export function beijingDate(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isWorkingDay(date: string): boolean {
  return chineseDays.isWorkday(date);
}

/** The date of the n-th working day after `date` (the day itself not counted). */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('n must be a positive integer');
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** End of a Beijing date (23:59:59.999 +08:00) as an instant. */
export function endOfBeijingDay(date: string): Date {
  return new Date(new Date(`${date}T23:59:59.999+08:00`).getTime());
}

/** A response limit: the end of the n-th working day after the instant's Beijing date. */
export function workingDayDeadline(from: Date, workingDays: number): Date {
  return endOfBeijingDay(addWorkingDays(beijingDate(from), workingDays));
}

/** Working days from `from` (exclusive) to `to` (inclusive); 0 when `to` is not after `from`. */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
  return count;
}
