/**
 * The package's holiday tables that the Lambdas bundle (functions/domain/calendar-package.ts)
 * are the `chinese-days` package's own data: the file is what scripts/calendar-package.ts
 * writes from the installed package, and every year decodes to what the package's API says.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { packageTable } from '../../../functions/domain/calendar.ts';
import { projectRoot } from '../../../infra/resources/project-root.ts';
import { moduleText, PACKAGE_YEARS } from '../../../scripts/calendar-package.ts';

/** The table of a year as the package's API gives it (the way the domain read it before). */
function fromLibrary(year: number) {
  const first = `${year}-01-01`;
  const holidays = chineseDays.getHolidaysInRange(first, `${year}-12-31`, false);
  if (holidays.length === 0) return undefined;
  const makeUpWorkdays: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); new Date(t).getUTCFullYear() === year; t += 86_400_000) {
    const d = new Date(t).toISOString().slice(0, 10);
    const day = new Date(t).getUTCDay();
    if ((day === 0 || day === 6) && chineseDays.isWorkday(d)) makeUpWorkdays.push(d);
  }
  const name = (raw: string) => raw.split(',')[1] ?? raw;
  return {
    year,
    holidays: holidays.map((date) => ({ date, name: name(chineseDays.getDayDetail(date).name) })),
    makeUpWorkdays,
  };
}

describe('the bundled package calendar', () => {
  it('is the file the script writes from the installed package (run `npx tsx scripts/calendar-package.ts`)', () => {
    expect(readFileSync(join(projectRoot, 'functions/domain/calendar-package.ts'), 'utf8')).toBe(
      moduleText(),
    );
  });

  it('decodes, year by year, to what the package says', () => {
    for (let y = PACKAGE_YEARS.first - 1; y <= PACKAGE_YEARS.last; y++) {
      expect(packageTable(y), String(y)).toEqual(fromLibrary(y));
    }
    expect(packageTable(2022)?.holidays).toContainEqual({ date: '2022-10-01', name: '国庆节' });
    expect(packageTable(2027)).toBeUndefined();
  });
});
