/** Claims live in their item's partition: `PK = ITEM#<id>, SK = CLAIM#<unitId>` (one per unit). */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Claim } from '#domain/model.ts';
import { documentClient, mainTableName, type Row, stripKeys, type UnitOfWork } from './db.ts';
import { itemPk } from './items.ts';

export function claimRow(claim: Claim & { version?: number }): Row {
  return {
    PK: itemPk(claim.itemId),
    SK: `CLAIM#${claim.unitId}`,
    entity: 'claim',
    GSI2PK: `UNIT#${claim.unitId}`,
    GSI2SK: `CLAIM#${claim.claimedAt}#${claim.claimId}`,
    ...claim,
  };
}

export async function claimsOf(itemId: string): Promise<(Claim & { version: number })[]> {
  const res = await documentClient().send(
    new QueryCommand({
      TableName: mainTableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': itemPk(itemId), ':p': 'CLAIM#' },
      ConsistentRead: true,
    }),
  );
  return (res.Items ?? []).map((r) => stripKeys<Claim & { version: number }>(r));
}

/** One claim per unit and item: a second claim by the same unit fails the condition. */
export function createClaim(uow: UnitOfWork, claim: Claim): void {
  uow.create(claimRow({ ...claim, version: 0 }), `claim of ${claim.unitId} on ${claim.itemId}`);
}

export function saveClaim(uow: UnitOfWork, before: Claim & { version: number }, after: Claim): void {
  uow.replace(
    claimRow({ ...after, version: before.version + 1 }) as Row & { version: number },
    before.version,
    `claim ${before.claimId}`,
  );
}
