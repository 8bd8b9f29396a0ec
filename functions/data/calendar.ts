/**
 * Official holiday tables, one subject per year (keys declared in keys.ts):
 * - `calendarVersion`: each loaded version, never overwritten;
 * - `calendarCurrent`: the version in force (a copy of it), with the head of the year's audit trail;
 * - the audit events (`calendar.loaded`) in the same partition.
 */
import type { NewAuditEvent } from '#domain/audit.ts';
import type { YearTable } from '#domain/calendar.ts';
import { type AuditHead, appendAudit, NEW_TRAIL } from './audit.ts';
import { getRecord, keyQuery, queryAll, type Row, type UnitOfWork } from './db.ts';
import { calendarCurrent, calendarPk, calendarVersion, rowOf } from './keys.ts';

export { calendarPk };

/** A loaded version of a year's official table. */
export interface StoredYearTable extends YearTable {
  readonly version: number;
  /** The notice it comes from (document number or address). */
  readonly reference: string;
  readonly loadedAt: string;
  readonly loadedBy: string;
}

/** The version in force, with the head of the year's audit trail. */
export type CurrentYearTable = StoredYearTable & AuditHead;

/** The table in force for a year (one consistent GetItem), or undefined when none was loaded. */
export function currentTable(year: number): Promise<CurrentYearTable | undefined> {
  return getRecord<CurrentYearTable>(calendarCurrent.key({ year }));
}

/** Every loaded version of a year, oldest first. */
export function tableVersions(year: number): Promise<StoredYearTable[]> {
  return queryAll<StoredYearTable>({
    ...keyQuery(calendarVersion.queries.ofYear(year)),
    ConsistentRead: true,
  });
}

/**
 * Stores version `table.version` (which must not exist) and makes it the one in force, moving
 * `CURRENT` only from the version read (`before`), with its audit events: one transaction.
 */
export function putTable(
  uow: UnitOfWork,
  table: StoredYearTable,
  before: CurrentYearTable | undefined,
  events: readonly NewAuditEvent[],
): void {
  const pk = calendarPk(table.year);
  uow.create(rowOf(calendarVersion, table), `${pk} v${table.version}`);
  const head = appendAudit(uow, pk, before ?? NEW_TRAIL, table.loadedAt, events);
  const current = rowOf(calendarCurrent, { ...table, ...head }) as Row & { version: number };
  if (before) uow.replace(current, before.version, `${pk} current`);
  else uow.create(current, `${pk} current`);
}
