/** Progress reports, in their item's partition, never overwritten (keys.ts: `progress`). */

import type { ProgressReport } from '#domain/model.ts';
import { keyQuery, type Page, queryAll, queryPage, type UnitOfWork } from './db.ts';
import { progress as progressKeys, rowOf } from './keys.ts';

export function createProgress(uow: UnitOfWork, report: ProgressReport): void {
  uow.create(rowOf(progressKeys, report), `progress ${report.reportId}`);
}

export async function progressOf(
  itemId: string,
  limit = 100,
  cursor?: string,
): Promise<Page<ProgressReport>> {
  return queryPage<ProgressReport>(
    { ...keyQuery(progressKeys.queries.ofItem(itemId)), ConsistentRead: true },
    limit,
    cursor,
  );
}

/** Every report of an item, oldest first. */
export async function allProgressOf(itemId: string): Promise<ProgressReport[]> {
  return queryAll<ProgressReport>({ ...keyQuery(progressKeys.queries.ofItem(itemId)), ConsistentRead: true });
}
