/**
 * Working days on the Chinese statutory calendar (functions/domain/calendar.ts).
 * 2022 National Day: 1–7 October off, Saturday 8 and Sunday 9 October make-up workdays.
 * 2023 Spring Festival: 21–27 January off, Saturday 28 and Sunday 29 January make-up workdays.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  beijingDate,
  CalendarNotCovered,
  CalendarYearNotLoaded,
  endOfBeijingDay,
  WorkingCalendar,
  type YearTable,
} from '#domain/calendar.ts';

/** The package's calendar alone (no official table loaded). */
const cal = new WorkingCalendar();
const isWorkingDay = (d: string) => cal.isWorkingDay(d);
const addWorkingDays = (d: string, n: number) => cal.addWorkingDays(d, n);
const workingDaysBetween = (a: string, b: string) => cal.workingDaysBetween(a, b);
const workingDayDeadline = (from: Date, n: number) => cal.workingDayDeadline(from, n);

describe('isWorkingDay', () => {
  it('knows the 2022 National Day holiday and its make-up workdays', () => {
    expect(isWorkingDay('2022-09-30')).toBe(true); // Friday before
    for (let d = 1; d <= 7; d++) expect(isWorkingDay(`2022-10-0${d}`), `October ${d}`).toBe(false);
    expect(isWorkingDay('2022-10-08')).toBe(true); // Saturday, make-up
    expect(isWorkingDay('2022-10-09')).toBe(true); // Sunday, make-up
    expect(isWorkingDay('2022-10-10')).toBe(true);
    expect(isWorkingDay('2022-10-15')).toBe(false); // an ordinary Saturday
  });

  it('knows the 2023 Spring Festival and its make-up workdays', () => {
    expect(isWorkingDay('2023-01-20')).toBe(true);
    for (let d = 21; d <= 27; d++) expect(isWorkingDay(`2023-01-${d}`), `January ${d}`).toBe(false);
    expect(isWorkingDay('2023-01-28')).toBe(true); // Saturday, make-up
    expect(isWorkingDay('2023-01-29')).toBe(true); // Sunday, make-up
    expect(isWorkingDay('2023-01-30')).toBe(true);
  });
});

describe('addWorkingDays', () => {
  it('skips the National Day holiday and counts the make-up weekend', () => {
    expect(addWorkingDays('2022-09-30', 1)).toBe('2022-10-08');
    expect(addWorkingDays('2022-09-30', 2)).toBe('2022-10-09');
    expect(addWorkingDays('2022-09-30', 3)).toBe('2022-10-10');
    expect(addWorkingDays('2022-09-30', 5)).toBe('2022-10-12');
    // Starting inside the holiday: the start day is never counted.
    expect(addWorkingDays('2022-10-03', 1)).toBe('2022-10-08');
    expect(addWorkingDays('2022-09-29', 1)).toBe('2022-09-30');
    expect(addWorkingDays('2022-09-29', 2)).toBe('2022-10-08');
  });

  it('skips the Spring Festival 2023 and counts its make-up weekend', () => {
    expect(addWorkingDays('2023-01-20', 1)).toBe('2023-01-28');
    expect(addWorkingDays('2023-01-20', 3)).toBe('2023-01-30');
    expect(addWorkingDays('2023-01-19', 5)).toBe('2023-01-31');
  });

  it('skips ordinary weekends', () => {
    expect(addWorkingDays('2022-10-14', 1)).toBe('2022-10-17'); // Friday → Monday
    expect(addWorkingDays('2022-10-15', 1)).toBe('2022-10-17'); // Saturday → Monday
  });

  it('rejects a count that is not a positive integer', () => {
    for (const n of [0, -1, 1.5, Number.NaN])
      expect(() => addWorkingDays('2022-10-10', n)).toThrow(RangeError);
  });

  it('lands on a working day exactly n working days later (property, 2022–2024)', () => {
    const day = fc
      .integer({ min: Date.UTC(2022, 0, 1), max: Date.UTC(2024, 10, 30) })
      .map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 25 }), (d, n) => {
        const due = addWorkingDays(d, n);
        expect(due > d).toBe(true);
        expect(isWorkingDay(due)).toBe(true);
        expect(workingDaysBetween(d, due)).toBe(n);
        // The day before the due date holds one working day fewer.
        if (n > 1) expect(addWorkingDays(d, n - 1) < due).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('workingDaysBetween', () => {
  it('counts from the day after `from` through `to`', () => {
    expect(workingDaysBetween('2022-09-30', '2022-10-07')).toBe(0);
    expect(workingDaysBetween('2022-09-30', '2022-10-10')).toBe(3);
    expect(workingDaysBetween('2022-09-29', '2022-10-10')).toBe(4);
    expect(workingDaysBetween('2023-01-20', '2023-01-31')).toBe(4);
    expect(workingDaysBetween('2022-10-10', '2022-10-10')).toBe(0);
    expect(workingDaysBetween('2022-10-10', '2022-10-01')).toBe(0);
  });

  /** The count `isWorkingDay` gives day by day, or the error it throws first. */
  const dayByDay = (c: WorkingCalendar, from: string, to: string): number | string => {
    let n = 0;
    try {
      for (let t = Date.parse(`${from}T00:00:00Z`) + 86_400_000; ; t += 86_400_000) {
        const d = new Date(t).toISOString().slice(0, 10);
        if (d > to) return n;
        if (c.isWorkingDay(d)) n++;
      }
    } catch (err) {
      return `${(err as Error).name} ${(err as { year?: number }).year}`;
    }
  };
  const counted = (c: WorkingCalendar, from: string, to: string): number | string => {
    try {
      return c.workingDaysBetween(from, to);
    } catch (err) {
      return `${(err as Error).name} ${(err as { year?: number }).year}`;
    }
  };
  // A loaded table with every odd case: a holiday on a weekend, a make-up day that is also a
  // holiday, a make-up day on a weekday, duplicates; 2027 otherwise uncovered by the package.
  const odd: YearTable = {
    year: 2027,
    holidays: [
      { date: '2027-01-01', name: 'a' },
      { date: '2027-01-02', name: 'a' },
      { date: '2027-05-03', name: 'b' },
      { date: '2027-05-04', name: 'b' },
      { date: '2027-10-01', name: 'c' },
      { date: '2027-10-01', name: 'c' },
      { date: '2027-12-31', name: 'd' },
    ],
    makeUpWorkdays: ['2027-05-04', '2027-05-08', '2027-06-01', '2027-12-26'],
  };
  const day = (min: number, max: number) =>
    fc.integer({ min, max }).map((ms) => new Date(ms).toISOString().slice(0, 10));

  it('is the day-by-day count of isWorkingDay, and its first refusal (property, 2003–2029)', () => {
    const cals = [cal, new WorkingCalendar([odd]), new WorkingCalendar([odd], new Set([2026, 2027]))];
    fc.assert(
      fc.property(
        fc.constantFrom(...cals),
        day(Date.UTC(2003, 11, 1), Date.UTC(2029, 1, 1)),
        fc.integer({ min: -3, max: 800 }),
        (c, from, days) => {
          const to = new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
          expect(counted(c, from, to)).toBe(dayByDay(c, from, to));
        },
      ),
      { numRuns: 1000 },
    );
    expect(counted(cals[2]!, '2026-06-01', '2028-01-02')).toBe(`${CalendarYearNotLoaded.name} 2028`);
    expect(counted(cal, '2026-06-01', '2028-01-02')).toBe(`${CalendarNotCovered.name} 2027`);
  });

  it('counts a year per year, not day by day (issue 12: 100 items a page, each months ahead)', () => {
    const c = new WorkingCalendar();
    const perDay = vi.spyOn(c, 'isWorkingDay');
    expect(c.workingDaysBetween('2022-01-01', '2024-12-31')).toBe(
      dayByDay(new WorkingCalendar(), '2022-01-01', '2024-12-31'),
    );
    expect(perDay).not.toHaveBeenCalled();
  });
});

describe('beijingDate', () => {
  it('is the UTC+8 calendar date, which turns at 16:00 UTC', () => {
    expect(beijingDate(new Date('2022-09-30T15:59:59.999Z'))).toBe('2022-09-30');
    expect(beijingDate(new Date('2022-09-30T16:00:00.000Z'))).toBe('2022-10-01');
    expect(beijingDate(new Date('2022-12-31T16:00:00.000Z'))).toBe('2023-01-01');
    expect(beijingDate(new Date('2022-10-01T00:00:00+08:00'))).toBe('2022-10-01');
    expect(beijingDate(new Date('2022-09-30T23:59:59+08:00'))).toBe('2022-09-30');
  });
});

describe('endOfBeijingDay', () => {
  it('is 23:59:59.999 in Beijing, 15:59:59.999 UTC', () => {
    expect(endOfBeijingDay('2022-10-08').toISOString()).toBe('2022-10-08T15:59:59.999Z');
    expect(beijingDate(endOfBeijingDay('2022-10-08'))).toBe('2022-10-08');
    expect(beijingDate(new Date(endOfBeijingDay('2022-10-08').getTime() + 1))).toBe('2022-10-09');
  });
});

describe('workingDayDeadline', () => {
  it('counts from the Beijing date of the instant, not the UTC date, around midnight', () => {
    // 23:30 on Thursday 29 September in Beijing (15:30 UTC): one working day → Friday 30.
    expect(workingDayDeadline(new Date('2022-09-29T15:30:00Z'), 1).toISOString()).toBe(
      '2022-09-30T15:59:59.999Z',
    );
    // 00:30 on Friday 30 September in Beijing, still the 29th in UTC: one working day → Saturday 8 October.
    expect(workingDayDeadline(new Date('2022-09-29T16:30:00Z'), 1).toISOString()).toBe(
      '2022-10-08T15:59:59.999Z',
    );
  });

  it('gives five working days across the National Day holiday', () => {
    // Friday 30 September 2022, 10:00 Beijing: 8, 9, 10, 11, 12 October.
    expect(workingDayDeadline(new Date('2022-09-30T02:00:00Z'), 5).toISOString()).toBe(
      '2022-10-12T15:59:59.999Z',
    );
    // During the holiday: the same five days.
    expect(workingDayDeadline(new Date('2022-10-04T02:00:00Z'), 5).toISOString()).toBe(
      '2022-10-12T15:59:59.999Z',
    );
  });

  it('gives three working days across the Spring Festival 2023', () => {
    // Friday 20 January 2023, 18:00 Beijing: 28, 29, 30 January.
    expect(workingDayDeadline(new Date('2023-01-20T10:00:00Z'), 3).toISOString()).toBe(
      '2023-01-30T15:59:59.999Z',
    );
    // Friday 20 January, 00:10 on the 21st in Beijing (inside the holiday): the same.
    expect(workingDayDeadline(new Date('2023-01-20T16:10:00Z'), 3).toISOString()).toBe(
      '2023-01-30T15:59:59.999Z',
    );
  });
});
