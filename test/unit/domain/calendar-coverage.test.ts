/**
 * What the working-day calendar covers (functions/domain/calendar.ts): the bundled package's
 * years, read off its data; official year tables loaded by the office, used ahead of the
 * package; and a loud `CalendarNotCovered` for any other year — never a silent wrong date.
 * The 2027 table is test data (test/support/calendar.ts), not the official 2027 arrangement.
 */
import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import {
  CalendarNotCovered,
  CalendarTableInput,
  CalendarYearNotLoaded,
  packageTable,
  WorkingCalendar,
  type YearTable,
  yearTable,
} from '#domain/calendar.ts';
import { ValidationFailed } from '#domain/errors.ts';
import { range, TEST_2027 } from '../../support/calendar.ts';

function notCovered(fn: () => unknown): CalendarNotCovered {
  try {
    fn();
  } catch (err) {
    if (err instanceof CalendarNotCovered) return err;
    throw err;
  }
  throw new Error('expected CalendarNotCovered, got an answer');
}

describe('coverage', () => {
  it("is the package's years, read off its data (2004–2026 in chinese-days 1.5.7), and nothing else", () => {
    const cal = new WorkingCalendar();
    for (let y = 2004; y <= 2026; y++) {
      expect(cal.covers(y), String(y)).toBe(true);
      expect(cal.sourceOf(y)).toBe('package');
    }
    for (const y of [2000, 2003, 2027, 2028, 2100]) expect(cal.covers(y), String(y)).toBe(false);
    expect(cal.sourceOf(2027)).toBeUndefined();
  });

  it('counts every day of the package years exactly as the package does', () => {
    const cal = new WorkingCalendar();
    for (let y = 2004; y <= 2026; y++) {
      for (const d of range(`${y}-01-01`, 365 + (y % 4 === 0 ? 1 : 0)))
        expect(cal.isWorkingDay(d), d).toBe(chineseDays.isWorkday(d));
    }
  });

  it("reads the package's table of a year: holidays with names and make-up workdays", () => {
    const t = packageTable(2022)!;
    expect(t.holidays).toContainEqual({ date: '2022-10-01', name: '国庆节' });
    expect(t.holidays.filter((h) => h.name === '国庆节')).toHaveLength(7);
    expect(t.makeUpWorkdays).toEqual(expect.arrayContaining(['2022-10-08', '2022-10-09']));
    for (const d of t.makeUpWorkdays) expect([0, 6]).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
    expect(packageTable(2027)).toBeUndefined();
  });
});

describe('a year nobody covers', () => {
  const cal = new WorkingCalendar();

  it('is never counted: 2027-10-01 is neither a working day nor a day off, it is an error', () => {
    const e = notCovered(() => cal.isWorkingDay('2027-10-01'));
    expect(e.year).toBe(2027);
    expect(e.code).toBe('calendar.not_covered');
    expect(e.kind).toBe('rule');
    expect(e.name).toBe('CalendarNotCovered');
    expect(e.message).toContain('2027');
  });

  it('stops a limit that runs into it, from the last days of a covered year', () => {
    // Wednesday 30 December 2026: the 31st is a working day, the next ones are in 2027.
    expect(cal.addWorkingDays('2026-12-30', 1)).toBe('2026-12-31');
    expect(notCovered(() => cal.addWorkingDays('2026-12-30', 2)).year).toBe(2027);
    expect(notCovered(() => cal.workingDayDeadline(new Date('2027-09-29T02:00:00Z'), 5)).year).toBe(2027);
    expect(notCovered(() => cal.workingDaysBetween('2026-12-30', '2027-01-04')).year).toBe(2027);
  });
});

describe('a loaded official table', () => {
  it('covers its year: 2027-10-01 is a holiday only once the table is loaded', () => {
    expect(() => new WorkingCalendar().isWorkingDay('2027-10-01')).toThrow(CalendarNotCovered);
    const cal = new WorkingCalendar([TEST_2027]);
    expect(cal.sourceOf(2027)).toBe('table');
    expect(cal.isWorkingDay('2027-09-30')).toBe(true);
    for (const d of range('2027-10-01', 7)) expect(cal.isWorkingDay(d), d).toBe(false);
    expect(cal.isWorkingDay('2027-10-08')).toBe(true); // Friday
    expect(cal.isWorkingDay('2027-10-16')).toBe(false); // an ordinary Saturday
    // Other years stay the package's, and 2028 stays uncovered.
    expect(cal.sourceOf(2026)).toBe('package');
    expect(() => cal.isWorkingDay('2028-01-03')).toThrow(CalendarNotCovered);
  });

  it('counts its make-up workdays', () => {
    const cal = new WorkingCalendar([TEST_2027]);
    expect(cal.isWorkingDay('2027-09-26')).toBe(true); // Sunday, make-up
    expect(cal.isWorkingDay('2027-10-09')).toBe(true); // Saturday, make-up
    // Wednesday 29 September 2027: 30 Sep, 8 Oct, 9 Oct (Saturday, make-up), 11 Oct, 12 Oct.
    expect(cal.addWorkingDays('2027-09-29', 3)).toBe('2027-10-09');
    expect(cal.workingDayDeadline(new Date('2027-09-29T02:00:00Z'), 5).toISOString()).toBe(
      '2027-10-12T15:59:59.999Z',
    );
    // After Friday 24 September: Sunday 26 (make-up), 27–30 September, 8, 9 (make-up), 11, 12 October.
    expect(cal.workingDaysBetween('2027-09-24', '2027-10-12')).toBe(9);
  });

  it('crosses the year end from a package year into a loaded one', () => {
    const cal = new WorkingCalendar([TEST_2027]);
    // Wednesday 30 December 2026 → Thursday 31, (Friday 1 January 2027 off), Monday 4, Tuesday 5.
    expect(cal.addWorkingDays('2026-12-30', 3)).toBe('2027-01-05');
  });

  it('is used ahead of the package for a year the package covers', () => {
    const pkg = new WorkingCalendar();
    expect(pkg.isWorkingDay('2026-10-09')).toBe(true); // Friday 9 October 2026 in the package
    expect(pkg.isWorkingDay('2026-10-01')).toBe(false);
    const corrected: YearTable = {
      year: 2026,
      holidays: range('2026-10-01', 9).map((date) => ({ date, name: '国庆节' })),
      makeUpWorkdays: [],
    };
    const cal = new WorkingCalendar([corrected]);
    expect(cal.sourceOf(2026)).toBe('table');
    expect(cal.isWorkingDay('2026-10-09')).toBe(false);
    // The package's other 2026 holidays are not merged in: the table is the whole year.
    expect(pkg.isWorkingDay('2026-01-02')).toBe(false);
    expect(cal.isWorkingDay('2026-01-02')).toBe(true);
  });

  it('built for the years looked up, refuses to fall back to the package for another year', () => {
    const cal = new WorkingCalendar([], new Set([2026]));
    expect(cal.isWorkingDay('2026-12-31')).toBe(true);
    expect(() => cal.addWorkingDays('2026-12-31', 1)).toThrow(CalendarYearNotLoaded);
    expect(() => cal.isWorkingDay('2025-06-02')).toThrow(CalendarYearNotLoaded);
  });
});

describe('the table the office loads', () => {
  const valid = {
    reference: 'Test table (not the official 2027 notice)',
    holidays: TEST_2027.holidays,
    makeUpWorkdays: TEST_2027.makeUpWorkdays,
  };
  const issues = (body: unknown) => {
    const r = CalendarTableInput.safeParse(body);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts a table shaped like a notice, and gives it sorted, in its year', () => {
    expect(issues(valid)).toEqual([]);
    const t = yearTable(
      2027,
      CalendarTableInput.parse({ ...valid, makeUpWorkdays: ['2027-10-09', '2027-09-26'] }),
    );
    expect(t.makeUpWorkdays).toEqual(['2027-09-26', '2027-10-09']);
    expect(t.year).toBe(2027);
  });

  it('refuses duplicates, overlaps, weekday make-up days, long or invisible names, unknown fields and too many days', () => {
    const h = (date: string, name = '国庆节') => ({ date, name });
    expect(issues({ ...valid, holidays: [h('2027-10-01'), h('2027-10-01')] })).toEqual([
      'holidays.1.date: 2027-10-01 is listed twice',
    ]);
    expect(issues({ ...valid, makeUpWorkdays: ['2027-10-09', '2027-10-09'] })).toEqual([
      'makeUpWorkdays.1: 2027-10-09 is listed twice',
    ]);
    // Saturday 2 October is a holiday: it cannot also be worked.
    expect(issues({ ...valid, makeUpWorkdays: ['2027-10-02'] })).toEqual([
      'makeUpWorkdays.0: 2027-10-02 is also listed as a holiday',
    ]);
    expect(issues({ ...valid, makeUpWorkdays: ['2027-10-08'] })).toEqual([
      'makeUpWorkdays.0: 2027-10-08 is a weekday: a make-up workday is a Saturday or Sunday',
    ]);
    expect(issues({ ...valid, holidays: [h('2027-10-01', 'x'.repeat(51))] })).toHaveLength(1);
    expect(issues({ ...valid, holidays: [h('2027-10-01', 'x'.repeat(50))] })).toEqual([]);
    for (const name of ['', '   ', '国庆\u202e节', 'a\u0000b', '\u200b'])
      expect(issues({ ...valid, holidays: [h('2027-10-01', name)] }), JSON.stringify(name)).toHaveLength(1);
    expect(issues({ ...valid, holidays: [h('2027-02-30')] })).toHaveLength(1);
    expect(issues({ ...valid, holidays: [] })).toHaveLength(1);
    expect(issues({ ...valid, holidays: range('2027-01-01', 61).map((d) => h(d)) })).toHaveLength(1);
    const saturdays = range('2027-01-02', 21 * 7).filter((_, i) => i % 7 === 0);
    expect(issues({ ...valid, makeUpWorkdays: saturdays })).toHaveLength(1);
    expect(issues({ ...valid, year: 2027 })).toHaveLength(1);
    expect(issues({ ...valid, reference: 'x'.repeat(201) })).toHaveLength(1);
    expect(issues({ holidays: valid.holidays, makeUpWorkdays: [] })).toHaveLength(1);
  });

  it('refuses a date outside the year of the table, naming each one', () => {
    const body = CalendarTableInput.parse({
      ...valid,
      holidays: [...valid.holidays, { date: '2026-12-31', name: '元旦' }],
      makeUpWorkdays: ['2027-10-09', '2028-01-08'],
    });
    try {
      yearTable(2027, body);
      throw new Error('accepted');
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationFailed);
      expect((err as ValidationFailed).details).toEqual([
        { path: 'holidays.8.date', message: 'not in 2027' },
        { path: 'makeUpWorkdays.1', message: 'not in 2027' },
      ]);
    }
  });
});
