/**
 * A 2027 holiday table for the tests. TEST DATA shaped like a State Council notice — NOT the
 * official 2027 arrangement, which the State Council publishes around November 2026 and which
 * the office loads through `POST /v1/calendar/2027` once it is out.
 */
import type { YearTable } from '../../functions/domain/calendar.ts';

/** `days` consecutive dates from `from`. */
export const range = (from: string, days: number): string[] =>
  Array.from({ length: days }, (_, i) => {
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + i);
    return d.toISOString().slice(0, 10);
  });

/** National Day 1–7 October 2027 (Friday to Thursday), make-up Sunday 26 September and Saturday 9 October. */
export const TEST_2027: YearTable = {
  year: 2027,
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    ...range('2027-10-01', 7).map((date) => ({ date, name: '国庆节' })),
  ],
  makeUpWorkdays: ['2027-09-26', '2027-10-09'],
};

/** The body that loads it. */
export const TEST_2027_BODY = {
  reference: 'Test table for the tests (not the official 2027 notice)',
  holidays: TEST_2027.holidays,
  makeUpWorkdays: TEST_2027.makeUpWorkdays,
};

/**
 * Loads TEST tables (1 January off, no make-up days; not official) for the years `from`–`to`
 * through the office's command, for tests that run in years the package does not cover and are
 * not about the calendar.
 */
export async function coverTestYears(from: number, to: number): Promise<void> {
  const { loadCalendar } = await import('../../functions/app/commands/calendar.ts');
  const office = { role: 'office', sub: 'test-office' } as const;
  for (let year = from; year <= to; year++) {
    await loadCalendar({ actor: office }, year, {
      reference: 'Test table: 1 January and weekends only (not an official notice)',
      holidays: [{ date: `${year}-01-01`, name: '元旦' }],
      makeUpWorkdays: [],
    });
  }
}
