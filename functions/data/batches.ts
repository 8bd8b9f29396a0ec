/** Batches of the list (keys.ts: `batch`); the list of a year is one Query. */

import type { RuleSet } from '#domain/grading.ts';
import type { Batch, Person } from '#domain/model.ts';
import { batchContribution } from '#domain/stats.ts';
import type { CurrentYearTable } from './calendar.ts';
import { getRecords, keyQuery, type Page, queryAll, queryPage, type UnitOfWork } from './db.ts';
import {
  batch as batchKeys,
  calendarCurrent,
  listPk,
  person as personKeys,
  rowOf,
  ruleSetCurrent,
} from './keys.ts';
import { statsKey } from './stats.ts';

export { listPk };

export async function batchesOf(year: number): Promise<Batch[]> {
  return queryAll<Batch>({ ...keyQuery(batchKeys.queries.ofYear(year)), ConsistentRead: true });
}

/** A page of the batches of a year, in number order. */
export async function batchPage(year: number, limit: number, cursor?: string): Promise<Page<Batch>> {
  return queryPage<Batch>(
    { ...keyQuery(batchKeys.queries.ofYear(year)), ConsistentRead: true },
    limit,
    cursor,
  );
}

/** Batch numbers are sequential: creating batch n fails if another publisher took n. */
export function createBatch(uow: UnitOfWork, batch: Batch): void {
  uow.create(rowOf(batchKeys, batch), `batch ${batch.batchNo}`);
  uow.count(statsKey(batch.year), batchContribution(batch));
}

/**
 * Batches of a year by number, people by id and the holiday tables in force of the given years
 * (the working-day calendar the page's plan figures need) and the rule set in force (the
 * lights' thresholds), together in ceil(n / 100)
 * BatchGetItem requests (one for a page of the public list); the missing batches and people
 * are left out, a year without a loaded table maps to undefined.
 */
export async function batchesAndPeople(
  year: number,
  batchNos: readonly number[],
  personIds: readonly string[],
  calendarYears: readonly number[] = [],
): Promise<{
  batches: Batch[];
  people: Person[];
  calendars: Map<number, CurrentYearTable | undefined>;
  /** The thresholds of the rule set in force (CURRENT, in the same request); absent: none published. */
  thresholds: RuleSet['thresholds'];
}> {
  const records = await getRecords<Batch | Person | CurrentYearTable | RuleSet>([
    ...batchNos.map((batchNo) => batchKeys.key({ year, batchNo })),
    ...personIds.map((personId) => personKeys.key({ personId })),
    ...calendarYears.map((y) => calendarCurrent.key({ year: y })),
    ruleSetCurrent.key(),
  ]);
  const present = <T>(xs: (T | undefined)[]) => xs.filter((x): x is T => x !== undefined);
  const people = batchNos.length + personIds.length;
  return {
    batches: present(records.slice(0, batchNos.length) as (Batch | undefined)[]),
    people: present(records.slice(batchNos.length, people) as (Person | undefined)[]),
    calendars: new Map(
      calendarYears.map((y, i) => [y, records[people + i] as CurrentYearTable | undefined] as const),
    ),
    thresholds: (records.at(-1) as RuleSet | undefined)?.thresholds,
  };
}
