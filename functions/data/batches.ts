/** Batches of the list: `PK = LIST#<year>, SK = BATCH#<no>`; the list of a year is one Query. */

import type { Batch, Person } from '#domain/model.ts';
import { batchContribution } from '#domain/stats.ts';
import { getRecords, queryAll, type UnitOfWork } from './db.ts';
import { statsKey } from './stats.ts';
import { personPk } from './units.ts';

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
  uow.count(statsKey(batch.year), batchContribution(batch));
}

/**
 * Batches of a year by number and people by id, together in ceil(n / 100) BatchGetItem
 * requests (one for a page of the public list); the missing ones are left out.
 */
export async function batchesAndPeople(
  year: number,
  batchNos: readonly number[],
  personIds: readonly string[],
): Promise<{ batches: Batch[]; people: Person[] }> {
  const records = await getRecords<Batch | Person>([
    ...batchNos.map((n) => ({ PK: listPk(year), SK: batchSk(n) })),
    ...personIds.map((p) => ({ PK: personPk(p), SK: 'PERSON' })),
  ]);
  const present = <T>(xs: (T | undefined)[]) => xs.filter((x): x is T => x !== undefined);
  return {
    batches: present(records.slice(0, batchNos.length) as (Batch | undefined)[]),
    people: present(records.slice(batchNos.length) as (Person | undefined)[]),
  };
}
