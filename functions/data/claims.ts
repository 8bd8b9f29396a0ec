/** Claims live in their item's partition: `PK = ITEM#<id>, SK = CLAIM#<unitId>` (one per unit). */

import type { Claim } from '#domain/model.ts';
import { queryAll, type Row, type UnitOfWork } from './db.ts';
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
  return queryAll<Claim & { version: number }>({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
    ExpressionAttributeValues: { ':pk': itemPk(itemId), ':p': 'CLAIM#' },
    ConsistentRead: true,
  });
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
