/** Batches of the list (keys.ts: `batch`); the list of a year is one Query. */

import type { Batch } from '#domain/model.ts';
import { keyQuery, queryAll, type UnitOfWork } from './db.ts';
import { batch as batchKeys, listPk, rowOf } from './keys.ts';

export { listPk };

export async function batchesOf(year: number): Promise<Batch[]> {
  return queryAll<Batch>({ ...keyQuery(batchKeys.queries.ofYear(year)), ConsistentRead: true });
}

/** Batch numbers are sequential: creating batch n fails if another publisher took n. */
export function createBatch(uow: UnitOfWork, batch: Batch): void {
  uow.create(rowOf(batchKeys, batch), `batch ${batch.batchNo}`);
}
