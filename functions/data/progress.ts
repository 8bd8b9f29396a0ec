/** Progress reports: `PK = ITEM#<id>, SK = PROGRESS#<reportedAt>#<reportId>`, never overwritten. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ProgressReport } from '#domain/model.ts';
import {
  decodeCursor,
  documentClient,
  encodeCursor,
  mainTableName,
  stripKeys,
  type UnitOfWork,
} from './db.ts';
import { itemPk, type Page } from './items.ts';

export function createProgress(uow: UnitOfWork, report: ProgressReport): void {
  uow.create(
    {
      PK: itemPk(report.itemId),
      SK: `PROGRESS#${report.reportedAt}#${report.reportId}`,
      entity: 'progress',
      ...report,
    },
    `progress ${report.reportId}`,
  );
}

export async function progressOf(
  itemId: string,
  limit = 100,
  cursor?: string,
): Promise<Page<ProgressReport>> {
  const res = await documentClient().send(
    new QueryCommand({
      TableName: mainTableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': itemPk(itemId), ':p': 'PROGRESS#' },
      ConsistentRead: true,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor),
    }),
  );
  return {
    items: (res.Items ?? []).map((r) => stripKeys<ProgressReport>(r)),
    nextCursor: encodeCursor(res.LastEvaluatedKey),
  };
}

/** Every report of an item, oldest first. */
export async function allProgressOf(itemId: string): Promise<ProgressReport[]> {
  const out: ProgressReport[] = [];
  let cursor: string | undefined;
  do {
    const page = await progressOf(itemId, 500, cursor);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
