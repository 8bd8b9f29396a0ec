/**
 * The records of the verbs of supervision (keys declared in keys.ts): urgings (`urging`, in
 * the item's partition and under the unit by year) and supporting units' reports
 * (`supportReport`, in the item's partition, never overwritten).
 */
import type { SupportReport, Urging } from '#domain/supervision.ts';
import { getRecord, keyQuery, type Page, queryPage, type UnitOfWork } from './db.ts';
import { rowOf, supportReport as supportKeys, urging as urgingKeys } from './keys.ts';

/** A new urging: fails (a lost race, re-read) if the unit was urged on the item that day. */
export function createUrging(uow: UnitOfWork, urging: Urging): void {
  uow.create(rowOf(urgingKeys, urging), `urging ${urging.itemId} ${urging.unitId} ${urging.date}`);
}

/** The unit's urging on the item on a Beijing day, if any (the once-a-day rule). */
export function findUrging(itemId: string, date: string, unitId: string): Promise<Urging | undefined> {
  return getRecord<Urging>(urgingKeys.key({ itemId, date, unitId }));
}

/** The item's urgings, oldest first (paged). */
export async function urgingsOf(itemId: string, limit: number, cursor?: string): Promise<Page<Urging>> {
  return queryPage<Urging>(
    { ...keyQuery(urgingKeys.queries.ofItem(itemId)), ConsistentRead: true },
    limit,
    cursor,
  );
}

/** The unit's urgings of a year, newest first (GSI2: eventually consistent), at most `limit`. */
export async function urgingsOfUnit(unitId: string, year: number, limit = 100): Promise<Page<Urging>> {
  return queryPage<Urging>(
    { ...keyQuery(urgingKeys.queries.ofUnit(unitId, year)), ScanIndexForward: false },
    limit,
  );
}

export function createSupportReport(uow: UnitOfWork, report: SupportReport): void {
  uow.create(rowOf(supportKeys, report), `support report ${report.reportId}`);
}

/** The item's supporting reports, oldest first (paged). */
export async function supportReportsOf(
  itemId: string,
  limit: number,
  cursor?: string,
): Promise<Page<SupportReport>> {
  return queryPage<SupportReport>(
    { ...keyQuery(supportKeys.queries.ofItem(itemId)), ConsistentRead: true },
    limit,
    cursor,
  );
}
