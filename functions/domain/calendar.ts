/**
 * Working days on the Chinese statutory calendar. Dates are Beijing dates (UTC+8, no daylight
 * saving).
 *
 * A `WorkingCalendar` knows which years it covers: a year is covered by an official year table
 * the office loaded (statutory holidays and make-up workdays as the State Council publishes them
 * each year, stored as versioned data), else by the bundled `chinese-days` package if the
 * package has data for that year (read off the package's own data, not a list kept here). A
 * loaded table is used ahead of the package for its whole year. A computation that touches a
 * year nobody covers throws `CalendarNotCovered`: never a silent wrong date.
 */
import * as z from 'zod/mini';
import { PACKAGE_CALENDAR } from './calendar-package.ts';
import { DomainError, type ErrorDetail, ValidationFailed } from './errors.ts';
import { IsoDate, IsoDateTime, withChecks, Year } from './model.ts';

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

const yearOf = (date: string) => Number(date.slice(0, 4));
const isWeekend = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};

/** End of a Beijing date (23:59:59.999 +08:00) as an instant. */
export function endOfBeijingDay(date: string): Date {
  return new Date(new Date(`${date}T23:59:59.999+08:00`).getTime());
}

// ---------------------------------------------------------------------------------------------
// Year tables

export interface Holiday {
  readonly date: string;
  readonly name: string;
}

/** The working-day calendar of a year as read (GET /v1/calendar/{year}, the rules in force). */
export const CalendarYearView = z.object({
  year: Year,
  get covered() {
    return z.boolean().register(z.globalRegistry, {
      description:
        'Whether working days of the year can be counted. When false, every limit that reaches the year is refused (422 `calendar.not_covered`) until the office loads its table.',
    });
  },
  get source() {
    return z.enum(['table', 'package', 'none']).register(z.globalRegistry, {
      description:
        '`table`: the official table the office loaded (used ahead of the package); `package`: the bundled chinese-days data; `none`: not covered.',
    });
  },
  get version() {
    return z.optional(z.number().check(z.int(), z.gte(1)));
  },
  get reference() {
    return z.optional(z.string());
  },
  get loadedAt() {
    return z.optional(IsoDateTime);
  },
  get loadedBy() {
    return z.optional(z.string());
  },
  get holidays() {
    return z.array(
      z.object({
        date: IsoDate,
        get name() {
          return z.string();
        },
      }),
    );
  },
  get makeUpWorkdays() {
    return z.array(IsoDate);
  },
  get versions() {
    return z
      .array(
        z.object({
          get version() {
            return z.number().check(z.int(), z.gte(1));
          },
          get reference() {
            return z.string();
          },
          loadedAt: IsoDateTime,
          get loadedBy() {
            return z.string();
          },
          get holidays() {
            return z.number().check(z.int(), z.gte(0));
          },
          get makeUpWorkdays() {
            return z.number().check(z.int(), z.gte(0));
          },
        }),
      )
      .register(z.globalRegistry, { description: 'Every table loaded for the year, oldest first.' });
  },
});
export type CalendarYearView = z.infer<typeof CalendarYearView>;

/** The statutory calendar of one year: days off (with the holiday's name) and make-up workdays. */
export interface YearTable {
  readonly year: number;
  readonly holidays: readonly Holiday[];
  /** Weekend days that are working days (调休上班). */
  readonly makeUpWorkdays: readonly string[];
}

/** The code of `CalendarNotCovered`, and the marker of its error log that the CloudWatch alarm counts. */
export const CALENDAR_NOT_COVERED = 'calendar.not_covered';

/** Working days in a year the calendar does not cover (HTTP 422; the workflows fail on it). */
export class CalendarNotCovered extends DomainError {
  constructor(readonly year: number) {
    super(
      'rule',
      CALENDAR_NOT_COVERED,
      `the working-day calendar does not cover ${year}: the office loads the official holiday table of ${year} (POST /v1/calendar/${year}) before working days in ${year} can be counted`,
      [{ path: 'calendar.year', message: `no holiday table for ${year}` }],
    );
    this.name = 'CalendarNotCovered';
  }
}

/**
 * Thrown by a calendar built for a known set of years when a computation reaches a year whose
 * table was not looked up: the application looks it up and computes again. Not a domain error.
 */
export class CalendarYearNotLoaded extends Error {
  constructor(readonly year: number) {
    super(`the calendar of ${year} was not loaded`);
    this.name = 'CalendarYearNotLoaded';
  }
}

const packageTables = new Map<number, YearTable | undefined>();

/**
 * The package's table of a year, read off its data (`calendar-package.ts`, generated from the
 * `chinese-days` package by scripts/calendar-package.ts): the dates it lists as statutory
 * holidays, with their Chinese names, and the weekend days it lists as working days. Undefined
 * when it has no data for the year.
 */
export function packageTable(year: number): YearTable | undefined {
  if (packageTables.has(year)) return packageTables.get(year);
  const data = PACKAGE_CALENDAR[year];
  let table: YearTable | undefined;
  if (data) {
    const date = (mmdd: string) => `${year}-${mmdd.slice(0, 2)}-${mmdd.slice(2, 4)}`;
    const holidays: Holiday[] = [];
    for (const run of data[0].split(' ')) {
      const m = /^(\d{4})\+(\d+)(.+)$/.exec(run);
      if (!m) continue;
      const start = date(m[1] as string);
      for (let i = 0; i <= Number(m[2]); i++)
        holidays.push({ date: addDays(start, i), name: m[3] as string });
    }
    table = { year, holidays, makeUpWorkdays: data[1] ? data[1].split(' ').map(date) : [] };
  }
  packageTables.set(year, table);
  return table;
}

export type CalendarSource = 'table' | 'package';

interface YearRule {
  readonly source: CalendarSource;
  readonly holidays: ReadonlySet<string>;
  readonly makeUp: ReadonlySet<string>;
}

/** A year's departures from "Monday to Friday", by date (only dates inside the year count). */
interface Shifts {
  /** Holidays on a weekday that are not also make-up workdays. */
  readonly weekdaysOff: readonly string[];
  /** Make-up workdays on a weekend. */
  readonly weekendsWorked: readonly string[];
}

const shiftsByRule = new WeakMap<YearRule, Shifts>();
function shiftsOf(rule: YearRule, year: number): Shifts {
  let s = shiftsByRule.get(rule);
  if (!s) {
    const inYear = (d: string) => yearOf(d) === year;
    s = {
      weekdaysOff: [...rule.holidays].filter((d) => inYear(d) && !isWeekend(d) && !rule.makeUp.has(d)),
      weekendsWorked: [...rule.makeUp].filter((d) => inYear(d) && isWeekend(d)),
    };
    shiftsByRule.set(rule, s);
  }
  return s;
}

const DAY_MS = 86_400_000;
/** Monday to Friday from `lo` to `hi`, both included (`lo` ≤ `hi`). */
function weekdaysFrom(lo: string, hi: string): number {
  const start = Date.parse(`${lo}T00:00:00Z`);
  const days = Math.round((Date.parse(`${hi}T00:00:00Z`) - start) / DAY_MS) + 1;
  let count = Math.floor(days / 7) * 5;
  const startDay = new Date(start).getUTCDay();
  for (let i = 0; i < days % 7; i++) {
    const day = (startDay + i) % 7;
    if (day !== 0 && day !== 6) count++;
  }
  return count;
}

/**
 * The rule of a table, built once per table object: a page of the public list builds a calendar
 * per item (app/calendar.ts onCalendar) over the same tables, and a rule's sets and shifts are
 * then built once per request (a loaded table) or once per process (the package's, immutable).
 */
const rules = { table: new WeakMap<YearTable, YearRule>(), package: new WeakMap<YearTable, YearRule>() };
function ruleOf(table: YearTable, source: CalendarSource): YearRule {
  let rule = rules[source].get(table);
  if (!rule) {
    rule = {
      source,
      holidays: new Set(table.holidays.map((h) => h.date)),
      makeUp: new Set(table.makeUpWorkdays),
    };
    rules[source].set(table, rule);
  }
  return rule;
}

export class WorkingCalendar {
  private readonly tables = new Map<number, YearRule>();

  /**
   * @param tables official year tables, each used ahead of the package for its year
   * @param consulted when given, the years whose tables were looked up: reaching another year
   *   throws `CalendarYearNotLoaded` (so a table that exists is never passed over for the package)
   */
  constructor(
    tables: Iterable<YearTable> = [],
    private readonly consulted?: ReadonlySet<number>,
  ) {
    for (const t of tables) this.tables.set(t.year, ruleOf(t, 'table'));
  }

  private rule(year: number): YearRule | undefined {
    if (this.consulted && !this.consulted.has(year)) throw new CalendarYearNotLoaded(year);
    const loaded = this.tables.get(year);
    if (loaded) return loaded;
    const pkg = packageTable(year);
    if (!pkg) return undefined;
    const rule = ruleOf(pkg, 'package');
    this.tables.set(year, rule);
    return rule;
  }

  /** Where the year's working days come from, or undefined when nothing covers it. */
  sourceOf(year: number): CalendarSource | undefined {
    return this.rule(year)?.source;
  }

  covers(year: number): boolean {
    return this.sourceOf(year) !== undefined;
  }

  isWorkingDay(date: string): boolean {
    const year = yearOf(date);
    const rule = this.rule(year);
    if (!rule) throw new CalendarNotCovered(year);
    if (rule.makeUp.has(date)) return true;
    return !isWeekend(date) && !rule.holidays.has(date);
  }

  /** The date of the n-th working day after `date` (the day itself not counted). */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 1) throw new RangeError('n must be a positive integer');
    let d = date;
    let left = n;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** A response limit: the end of the n-th working day after the instant's Beijing date. */
  workingDayDeadline(from: Date, workingDays: number): Date {
    return endOfBeijingDay(this.addWorkingDays(beijingDate(from), workingDays));
  }

  /**
   * Working days from `from` (exclusive) to `to` (inclusive); 0 when `to` is not after `from`.
   * Counted per year, not per day (issue 12: a public list page counts this for 100 items, each
   * months ahead, and a walk day by day was ~50 ms of it): the weekdays of the year's part of the
   * range, less its weekday holidays, plus its make-up workdays on weekends. The same answer, and
   * the same refusal at the first year not covered, as `isWorkingDay` on every day of the range.
   */
  workingDaysBetween(from: string, to: string): number {
    const first = addDays(from, 1);
    if (first > to) return 0;
    let count = 0;
    for (let year = yearOf(first); year <= yearOf(to); year++) {
      const rule = this.rule(year);
      if (!rule) throw new CalendarNotCovered(year);
      const lo = year === yearOf(first) ? first : `${year}-01-01`;
      const hi = year === yearOf(to) ? to : `${year}-12-31`;
      const shifts = shiftsOf(rule, year);
      count += weekdaysFrom(lo, hi);
      for (const d of shifts.weekdaysOff) if (d >= lo && d <= hi) count--;
      for (const d of shifts.weekendsWorked) if (d >= lo && d <= hi) count++;
    }
    return count;
  }
}

// ---------------------------------------------------------------------------------------------
// Loading an official year table

export const MAX_HOLIDAYS = 60;
export const MAX_MAKE_UP_WORKDAYS = 20;
export const MAX_HOLIDAY_NAME = 50;
export const MAX_REFERENCE = 200;

/** Control, format (bidi overrides, zero-width) and private-use characters have no place in a name. */
const PLAIN_TEXT = /^[^\p{Cc}\p{Cf}\p{Co}\p{Cs}]*$/u;
const plainText = (max: number) =>
  z.pipe(
    z.string().check(
      z.trim(),
      z.minLength(1),
      z.maxLength(max),
      z.refine((t) => PLAIN_TEXT.test(t), 'no control or invisible formatting characters'),
    ),
    z.transform((s) => s.normalize('NFC')),
  );

/**
 * An official year table as the office loads it: the statutory holidays (each date off with the
 * holiday's name, weekend days inside a holiday included) and the make-up workdays (weekend days
 * worked), as the State Council's notice for the year lists them. Every date must fall in the
 * year of the path (`parseYearTable`); a notice that moves days of the previous December (as the
 * 2019 notice did for 29–31 December 2018) is loaded as a new version of that year's table.
 */
export const CalendarTableInput = withChecks(
  z.strictObject({
    get reference() {
      return plainText(MAX_REFERENCE).register(z.globalRegistry, {
        description:
          'Where the table comes from: the notice’s document number (e.g. 国办发明电〔2026〕N号) or its address.',
      });
    },
    get holidays() {
      return z
        .array(
          z.strictObject({
            date: IsoDate,
            get name() {
              return plainText(MAX_HOLIDAY_NAME);
            },
          }),
        )
        .check(z.minLength(1), z.maxLength(MAX_HOLIDAYS));
    },
    get makeUpWorkdays() {
      return z.array(IsoDate).check(z.maxLength(MAX_MAKE_UP_WORKDAYS));
    },
  }),

  z.superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.holidays.forEach((h, i) => {
      if (seen.has(h.date))
        ctx.addIssue({
          code: 'custom',
          path: ['holidays', i, 'date'],
          message: `${h.date} is listed twice`,
        });
      seen.add(h.date);
    });
    const seenMakeUp = new Set<string>();
    v.makeUpWorkdays.forEach((d, i) => {
      if (seenMakeUp.has(d))
        ctx.addIssue({ code: 'custom', path: ['makeUpWorkdays', i], message: `${d} is listed twice` });
      seenMakeUp.add(d);
      if (seen.has(d))
        ctx.addIssue({
          code: 'custom',
          path: ['makeUpWorkdays', i],
          message: `${d} is also listed as a holiday`,
        });
      if (!isWeekend(d))
        ctx.addIssue({
          code: 'custom',
          path: ['makeUpWorkdays', i],
          message: `${d} is a weekday: a make-up workday is a Saturday or Sunday`,
        });
    });
  }),
);
export type CalendarTableInput = z.infer<typeof CalendarTableInput>;

/**
 * The table of `year` from a parsed input: every date must fall in that year (a 400 naming each
 * one that does not); dates sorted.
 */
export function yearTable(year: number, v: CalendarTableInput): YearTable & { reference: string } {
  const details: ErrorDetail[] = [];
  v.holidays.forEach((h, i) => {
    if (yearOf(h.date) !== year) details.push({ path: `holidays.${i}.date`, message: `not in ${year}` });
  });
  v.makeUpWorkdays.forEach((d, i) => {
    if (yearOf(d) !== year) details.push({ path: `makeUpWorkdays.${i}`, message: `not in ${year}` });
  });
  if (details.length > 0) throw new ValidationFailed(details, `every date of the table must fall in ${year}`);
  return {
    year,
    reference: v.reference,
    holidays: [...v.holidays].sort((a, b) => (a.date < b.date ? -1 : 1)),
    makeUpWorkdays: [...v.makeUpWorkdays].sort(),
  };
}
