/** Progress reports: `PK = ITEM#<id>, SK = PROGRESS#<reportedAt>#<reportId>`, never overwritten. */

import type { ProgressReport } from '#domain/model.ts';
import { type Page, queryAll, queryPage, type UnitOfWork } from './db.ts';
import { itemPk } from './items.ts';

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
  return queryPage<ProgressReport>(
    {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': itemPk(itemId), ':p': 'PROGRESS#' },
      ConsistentRead: true,
    },
    limit,
    cursor,
  );
}

/** Every report of an item, oldest first. */
export async function allProgressOf(itemId: string): Promise<ProgressReport[]> {
  return queryAll<ProgressReport>({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
    ExpressionAttributeValues: { ':pk': itemPk(itemId), ':p': 'PROGRESS#' },
    ConsistentRead: true,
  });
}
