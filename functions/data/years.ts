/**
 * The registry of years (keys.ts: `year`), one small record per year that has
 * items. Written (idempotently) before the first item of a year commits, so every item's year
 * is listed; the reconciler reads it with one Query to visit the years of every item — a
 * carried-over 2021 item or a 2030 item as much as the clock's year — without a Scan.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, keyQuery, mainTableName, queryAll } from './db.ts';
import { rowOf, year as yearKeys } from './keys.ts';

/** Years already written by this process, per table (a Lambda container writes each once). */
const written = new Set<string>();

/**
 * Records that `year` has items. A plain Put of a fixed record: idempotent, never in a
 * transaction (concurrent creations would otherwise conflict on it), and written before the
 * item so no item exists whose year is missing (a crash in between leaves an empty year).
 */
export async function registerYear(year: number): Promise<void> {
  const key = `${mainTableName()}#${year}`;
  if (written.has(key)) return;
  await documentClient().send(
    new PutCommand({
      TableName: mainTableName(),
      Item: rowOf(yearKeys, { year }),
    }),
  );
  written.add(key);
}

/** Every year that has items, ascending: one Query of the `YEARS` partition. */
export async function registeredYears(): Promise<number[]> {
  const rows = await queryAll<{ year: number }>({
    ...keyQuery(yearKeys.queries.all()),
    ConsistentRead: true,
  });
  return rows.map((r) => r.year).sort((a, b) => a - b);
}
