/**
 * Working days as the application counts them: on the official year tables the office loaded
 * (functions/data/calendar.ts), ahead of the bundled package. Every working-day computation of
 * the application (answer limits, acknowledgement limits and grace, reminders) goes through
 * `onCalendar`, which looks up the tables of the years the computation touches.
 *
 * Lookups are cached per invocation (`perInvocation`, which the handlers wrap each event in):
 * an evaluation that issues a hundred inquiry orders reads each year's table once, and the next
 * invocation sees a table loaded in between. Outside an invocation nothing is cached.
 *
 * A computation that reaches a year nobody covers fails loudly: `CalendarNotCovered` reaches the
 * caller (a 422 `calendar.not_covered` over HTTP, a failed step in a workflow), and an error log
 * with `errorCode: "calendar.not_covered"` feeds the CalendarNotCovered metric and its alarm.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';
import { type CurrentYearTable, currentTable, type StoredYearTable, tableVersions } from '#data/calendar.ts';
import {
  CALENDAR_NOT_COVERED,
  CalendarNotCovered,
  CalendarYearNotLoaded,
  type CalendarYearView,
  packageTable,
  WorkingCalendar,
} from '#domain/calendar.ts';

export const calendarLogger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'one-list-calendar',
});

type Lookups = Map<number, Promise<CurrentYearTable | undefined>>;
const invocation = new AsyncLocalStorage<Lookups>();

/** Runs one invocation (an HTTP request, a workflow step) with its own table cache. */
export function perInvocation<T>(run: () => Promise<T>): Promise<T> {
  return invocation.run(new Map(), run);
}

function lookUp(year: number): Promise<CurrentYearTable | undefined> {
  const cache = invocation.getStore();
  if (!cache) return currentTable(year);
  let found = cache.get(year);
  if (!found) {
    found = currentTable(year);
    cache.set(year, found);
    found.catch(() => cache.delete(year));
  }
  return found;
}

/**
 * Tables read together with other records (one BatchGetItem: data/batches.ts
 * batchesAndPeople) for the years a computation of this invocation will touch: they count as
 * looked up, so `onCalendar` reads them no more. Outside an invocation nothing is kept.
 */
export function primeYears(tables: ReadonlyMap<number, CurrentYearTable | undefined>): void {
  const cache = invocation.getStore();
  if (!cache) return;
  for (const [year, table] of tables) if (!cache.has(year)) cache.set(year, Promise.resolve(table));
}

/** The years `onCalendar(from, …)` looks up first: the year of `from` and the next one. */
export const yearsFrom = (from: string): number[] => {
  const first = Number(from.slice(0, 4));
  return [first, first + 1];
};

/** A table was loaded in this invocation: later computations in it read it again. */
export function forgetYear(year: number): void {
  invocation.getStore()?.delete(year);
}

/**
 * Runs a working-day computation starting at `from` (a Beijing date) on the calendar of the
 * years it touches: the year of `from` and the next one are looked up at once, any later year
 * the computation reaches is looked up and the computation run again.
 */
export async function onCalendar<T>(from: string, compute: (calendar: WorkingCalendar) => T): Promise<T> {
  const years = new Set(yearsFrom(from));
  for (;;) {
    const tables = await Promise.all([...years].map(lookUp));
    const calendar = new WorkingCalendar(
      tables.filter((t) => t !== undefined),
      years,
    );
    try {
      return compute(calendar);
    } catch (err) {
      if (err instanceof CalendarYearNotLoaded && !years.has(err.year)) {
        years.add(err.year);
        continue;
      }
      if (err instanceof CalendarNotCovered) {
        calendarLogger.error('working days in a year the calendar does not cover', {
          // The marker the CloudWatch metric filter counts (infra/constructs/calendar-alarm.ts).
          errorCode: CALENDAR_NOT_COVERED,
          year: err.year,
          from,
        });
      }
      throw err;
    }
  }
}

export type { CalendarYearView };

const summary = (v: StoredYearTable) => ({
  version: v.version,
  reference: v.reference,
  loadedAt: v.loadedAt,
  loadedBy: v.loadedBy,
  holidays: v.holidays.length,
  makeUpWorkdays: v.makeUpWorkdays.length,
});

/** What counts in a year and where it comes from, with the versions loaded. */
export async function calendarYear(year: number): Promise<CalendarYearView> {
  const [current, versions] = await Promise.all([currentTable(year), tableVersions(year)]);
  const history = versions.map(summary);
  if (current) {
    return {
      year,
      covered: true,
      source: 'table',
      version: current.version,
      reference: current.reference,
      loadedAt: current.loadedAt,
      loadedBy: current.loadedBy,
      holidays: [...current.holidays],
      makeUpWorkdays: [...current.makeUpWorkdays],
      versions: history,
    };
  }
  const pkg = packageTable(year);
  return {
    year,
    covered: pkg !== undefined,
    source: pkg ? 'package' : 'none',
    holidays: pkg ? [...pkg.holidays] : [],
    makeUpWorkdays: pkg ? [...pkg.makeUpWorkdays] : [],
    versions: history,
  };
}
