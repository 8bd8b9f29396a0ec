/** Claims live in their item's partition, one per unit (keys declared in keys.ts: `claim`). */

import type { Claim } from '#domain/model.ts';
import { keyQuery, type Page, queryAll, queryPage, type Row, type UnitOfWork } from './db.ts';
import { claim as claimKeys, rowOf } from './keys.ts';

export function claimRow(claim: Claim & { version?: number }): Row {
  return rowOf(claimKeys, claim);
}

export async function claimsOf(itemId: string): Promise<(Claim & { version: number })[]> {
  return queryAll<Claim & { version: number }>({
    ...keyQuery(claimKeys.queries.ofItem(itemId)),
    ConsistentRead: true,
  });
}

/** A page of an item's claims, in unit order. */
export async function claimPage(
  itemId: string,
  limit: number,
  cursor?: string,
): Promise<Page<Claim & { version: number }>> {
  return queryPage<Claim & { version: number }>(
    { ...keyQuery(claimKeys.queries.ofItem(itemId)), ConsistentRead: true },
    limit,
    cursor,
  );
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
