/** Batches of the list (keys.ts: `batch`); the list of a year is one Query. */

import type { Batch, Person } from '#domain/model.ts';
import { batchContribution } from '#domain/stats.ts';
import { getRecords, keyQuery, queryAll, type UnitOfWork } from './db.ts';
import { batch as batchKeys, listPk, person as personKeys, rowOf } from './keys.ts';
import { statsKey } from './stats.ts';

export { listPk };

export async function batchesOf(year: number): Promise<Batch[]> {
  return queryAll<Batch>({ ...keyQuery(batchKeys.queries.ofYear(year)), ConsistentRead: true });
}

/** Batch numbers are sequential: creating batch n fails if another publisher took n. */
export function createBatch(uow: UnitOfWork, batch: Batch): void {
  uow.create(rowOf(batchKeys, batch), `batch ${batch.batchNo}`);
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
    ...batchNos.map((batchNo) => batchKeys.key({ year, batchNo })),
    ...personIds.map((personId) => personKeys.key({ personId })),
  ]);
  const present = <T>(xs: (T | undefined)[]) => xs.filter((x): x is T => x !== undefined);
  return {
    batches: present(records.slice(0, batchNos.length) as (Batch | undefined)[]),
    people: present(records.slice(batchNos.length) as (Person | undefined)[]),
  };
}
