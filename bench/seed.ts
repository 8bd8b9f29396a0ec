/**
 * What the benchmarks seed, written once: a synthetic in-progress item, the unit and person
 * rows (through the key declarations, functions/data/keys.ts, like the data modules), and
 * the parallel batch write that loads them into DynamoDB Local.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, mainTableName } from '../functions/data/db.ts';
import { person, rowOf, unit } from '../functions/data/keys.ts';
import type { Item } from '../functions/domain/model.ts';

/** An awarded, in-progress item of 2022 led by `leadUnitId`; `overrides` make each bench's variant. */
export function benchItem(
  itemId: string,
  leadUnitId: string,
  at: string,
  overrides: Partial<Item> = {},
): Item {
  return {
    itemId,
    year: 2022,
    kind: 'task',
    itemClass: 'A',
    category: 'siege',
    title: `Benchmark item ${itemId} (invented)`,
    description: '',
    leadUnitId,
    supportingUnitIds: [],
    milestones: [
      { id: 'm1', title: 'First half', dueDate: '2022-06-30', weight: 50 },
      { id: 'm2', title: 'Second half', dueDate: '2022-12-31', weight: 50 },
    ],
    deadline: '2022-12-31',
    targets: [],
    status: 'in_progress',
    responsibilityOrderId: '2022-RES-0001',
    awardedAt: at,
    percentComplete: 0,
    investmentCompleted: 0,
    milestonesDone: {},
    openInquiryIds: [],
    inquiriesToStart: [],
    lapsesActedOn: [],
    acknowledgementReminded: false,
    createdAt: at,
    updatedAt: at,
    version: 1,
    auditSeq: 0,
    auditHead: '0'.repeat(64),
    ...overrides,
  } as Item;
}

/** A subdistrict unit's row. */
export const unitRow = (unitId: string, at: string, name: string = unitId) =>
  rowOf(unit, { unitId, unitType: 'subdistrict', name, createdAt: at, version: 0 });

/** A unit's project manager's row. */
export const personRow = (personId: string, unitId: string, name: string) =>
  rowOf(person, { personId, unitId, name });

/** Writes `rows` with BatchWriteItem, 25 a request, 8 requests at a time. */
export async function writeRows(rows: readonly Record<string, unknown>[]): Promise<void> {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < rows.length; i += 25) chunks.push(rows.slice(i, i + 25));
  await Promise.all(
    Array.from({ length: 8 }, async (_, w) => {
      for (let c = w; c < chunks.length; c += 8) {
        await documentClient().send(
          new BatchWriteCommand({
            RequestItems: { [mainTableName()]: chunks[c]!.map((Item) => ({ PutRequest: { Item } })) },
          }),
        );
      }
    }),
  );
}
