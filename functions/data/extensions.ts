/**
 * Extension requests (keys declared in keys.ts: `extension`): in their item's partition, by
 * year and status (GSI1), by unit (GSI2). Their audit events go to the item's trail.
 */
import { NotFound } from '#domain/errors.ts';
import type { ExtensionRequest } from '#domain/verbs.ts';
import { getRecord, keyQuery, type Page, queryAll, queryPage, type Row, type UnitOfWork } from './db.ts';
import { extension as extensionKeys, rowOf } from './keys.ts';

const row = (r: ExtensionRequest): Row => rowOf(extensionKeys, r);

export async function getExtension(itemId: string, extensionId: string): Promise<ExtensionRequest> {
  const r = await getRecord<ExtensionRequest>(extensionKeys.key({ itemId, extensionId }));
  if (!r) throw new NotFound('extension', extensionId);
  return r;
}

/** Every request of an item, oldest first (consistent: the pending check reads it). */
export function extensionsOf(itemId: string): Promise<ExtensionRequest[]> {
  return queryAll<ExtensionRequest>({
    ...keyQuery(extensionKeys.queries.ofItem(itemId)),
    ConsistentRead: true,
  });
}

export function createExtension(uow: UnitOfWork, r: ExtensionRequest): void {
  uow.create(row({ ...r, version: 0 }), `extension request ${r.extensionId}`);
}

export function saveExtension(uow: UnitOfWork, before: ExtensionRequest, after: ExtensionRequest): void {
  uow.replace(
    row({ ...after, version: before.version + 1 }) as Row & { version: number },
    before.version,
    `extension request ${before.extensionId}`,
  );
}

/** A year's requests in one status (GSI1), oldest first. */
export function extensionsOfYear(
  year: number,
  status: string | undefined,
  limit: number,
  cursor?: string,
): Promise<Page<ExtensionRequest>> {
  return queryPage<ExtensionRequest>(keyQuery(extensionKeys.queries.ofYear(year, status)), limit, cursor);
}

/** A unit's requests of a year (GSI2), newest first. */
export function extensionsOfUnit(
  unitId: string,
  year: number,
  limit: number,
): Promise<Page<ExtensionRequest>> {
  return queryPage<ExtensionRequest>(
    { ...keyQuery(extensionKeys.queries.ofUnit(unitId, year)), ScanIndexForward: false },
    limit,
  );
}
