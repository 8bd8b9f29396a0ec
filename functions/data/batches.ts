/** Batches of the list: `PK = LIST#<year>, SK = BATCH#<no>`; the list of a year is one Query. */

import type { Batch } from '#domain/model.ts';
import { queryAll, type UnitOfWork } from './db.ts';

export const listPk = (year: number) => `LIST#${year}`;
export const batchSk = (no: number) => `BATCH#${String(no).padStart(4, '0')}`;

export async function batchesOf(year: number): Promise<Batch[]> {
  return queryAll<Batch>({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
    ExpressionAttributeValues: { ':pk': listPk(year), ':p': 'BATCH#' },
    ConsistentRead: true,
  });
}

/** Batch numbers are sequential: creating batch n fails if another publisher took n. */
export function createBatch(uow: UnitOfWork, batch: Batch): void {
  uow.create(
    { PK: listPk(batch.year), SK: batchSk(batch.batchNo), entity: 'batch', ...batch },
    `batch ${batch.batchNo}`,
  );
}
