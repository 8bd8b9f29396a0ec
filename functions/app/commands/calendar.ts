/** The office loads a year's official holiday table: version n+1, in force at once, audited. */

import { createHash } from 'node:crypto';
import { currentTable, putTable, type StoredYearTable } from '#data/calendar.ts';
import { UnitOfWork } from '#data/db.ts';
import { CalendarTableInput, yearTable } from '#domain/calendar.ts';
import { canonicalJson } from '#lib/canonical-json.ts';
import { type CalendarYearView, calendarYear, forgetYear } from '../calendar.ts';
import { type Ctx, isoNow, parse, withRetry } from '../support.ts';

export async function loadCalendar(ctx: Ctx, year: number, input: unknown): Promise<CalendarYearView> {
  const table = yearTable(year, parse(CalendarTableInput, input));
  const digest = createHash('sha256')
    .update(canonicalJson({ holidays: table.holidays, makeUpWorkdays: table.makeUpWorkdays }))
    .digest('hex');
  // Two loads at once both land, one after the other (n+1, n+2); each is audited.
  await withRetry(async () => {
    const before = await currentTable(year);
    const stored: StoredYearTable = {
      ...table,
      version: (before?.version ?? 0) + 1,
      loadedAt: isoNow(),
      loadedBy: ctx.actor.sub,
    };
    const uow = new UnitOfWork();
    putTable(uow, stored, before, [
      {
        type: 'calendar.loaded',
        actor: ctx.actor,
        data: {
          year,
          version: stored.version,
          previousVersion: before?.version ?? null,
          reference: stored.reference,
          holidays: stored.holidays.length,
          makeUpWorkdays: stored.makeUpWorkdays.length,
          sha256: digest,
        },
      },
    ]);
    await uow.commit();
  });
  forgetYear(year);
  return calendarYear(year);
}
