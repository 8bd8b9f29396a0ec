/**
 * The application's calendar against the stored tables (functions/app/calendar.ts): the years a
 * computation reaches are looked up (also past the next year), a stored table is used ahead of
 * the package, and lookups are cached for one invocation only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onCalendar, perInvocation } from '#app/calendar.ts';
import { loadCalendar } from '#app/commands/calendar.ts';
import { putTable } from '#data/calendar.ts';
import { UnitOfWork } from '#data/db.ts';
import { CalendarNotCovered, WorkingCalendar } from '#domain/calendar.ts';
import { range, TEST_2027, TEST_2027_BODY } from '../../support/calendar.ts';
import { office, TestClock } from '../../support/fixtures.ts';
import { freshTables } from '../../support/tables.ts';

beforeAll(async () => {
  await freshTables();
  new TestClock('2026-06-01T02:00:00Z');
});

afterAll(() => {
  TestClock.restore();
});

const table = (year: number, extra: string[] = []) => ({
  reference: `Test table ${year} (not an official notice)`,
  holidays: [`${year}-01-01`, ...extra].map((date) => ({ date, name: '元旦' })),
  makeUpWorkdays: [],
});

describe('onCalendar', () => {
  it('looks up a year past the next one when a computation reaches it', async () => {
    // From Monday 2 June 2025, 400 working days reach 2027: not covered until its table is loaded.
    const far = () => onCalendar('2025-06-02', (c) => c.addWorkingDays('2025-06-02', 400));
    await expect(far()).rejects.toBeInstanceOf(CalendarNotCovered);
    await expect(far()).rejects.toMatchObject({ year: 2027, code: 'calendar.not_covered' });
    await loadCalendar({ actor: office }, 2027, TEST_2027_BODY);
    const due = await far();
    expect(due.startsWith('2027-')).toBe(true);
    expect(due).toBe(new WorkingCalendar([TEST_2027]).addWorkingDays('2025-06-02', 400));
  });

  it('uses a stored table ahead of the package for a year the package covers', async () => {
    // Friday 9 October 2026 is a working day in the package; a (test) correction makes it a holiday.
    const next = () => onCalendar('2026-10-08', (c) => c.addWorkingDays('2026-10-08', 1));
    expect(await next()).toBe('2026-10-09');
    await loadCalendar({ actor: office }, 2026, table(2026, range('2026-10-01', 9)));
    expect(await next()).toBe('2026-10-12');
  });

  it('caches lookups for one invocation: a table stored meanwhile counts from the next one', async () => {
    const in2028 = () => onCalendar('2028-03-01', (c) => c.addWorkingDays('2028-03-01', 1));
    await perInvocation(async () => {
      await expect(in2028()).rejects.toBeInstanceOf(CalendarNotCovered);
      // Another function stores the 2028 table while this invocation runs.
      const uow = new UnitOfWork();
      putTable(
        uow,
        {
          ...table(2028),
          year: 2028,
          version: 1,
          loadedAt: '2026-06-01T02:00:00.000Z',
          loadedBy: 'elsewhere',
        },
        undefined,
        [{ type: 'calendar.loaded', actor: office, data: { year: 2028, version: 1 } }],
      );
      await uow.commit();
      await expect(in2028()).rejects.toBeInstanceOf(CalendarNotCovered);
    });
    expect(await perInvocation(in2028)).toBe('2028-03-02');
    expect(await in2028()).toBe('2028-03-02');
  });
});
