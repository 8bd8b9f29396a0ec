/** Items: keys declared in keys.ts (`item`); index keys for year/kind/status, lead unit and manager. */
import type { NewAuditEvent } from '#domain/audit.ts';
import { NotFound } from '#domain/errors.ts';
import type { Item, ItemClass, ItemKind, ItemStatus } from '#domain/model.ts';
import { appendAudit } from './audit.ts';
import { getRecord, getRecords, keyQuery, type Page, queryPage, type Row, type UnitOfWork } from './db.ts';
import { item as itemKeys, itemPk, rowOf } from './keys.ts';
import { type Wait, withWait } from './waits.ts';

export { itemPk };

export function itemRow(item: Item): Row {
  return rowOf(itemKeys, item);
}

export function findItem(itemId: string): Promise<Item | undefined> {
  return getRecord<Item>(itemKeys.key({ itemId }));
}

export async function getItem(itemId: string): Promise<Item> {
  const item = await findItem(itemId);
  if (!item) throw new NotFound('item', itemId);
  return item;
}

/** The item and the wait record of its workflow, if any, in one request. */
export async function getItemAndWait(itemId: string): Promise<{ item: Item; wait?: Wait }> {
  const { record, wait } = await withWait<Item>(itemPk(itemId), 'ITEM');
  if (!record) throw new NotFound('item', itemId);
  return { item: record, ...(wait ? { wait } : {}) };
}

/** Many items by id, in that order, in ceil(n / 100) requests; NotFound names the first missing one. */
export async function getItems(itemIds: readonly string[]): Promise<Item[]> {
  const items = await getRecords<Item>(itemIds.map((itemId) => itemKeys.key({ itemId })));
  return items.map((item, i) => {
    if (!item) throw new NotFound('item', itemIds[i]!);
    return item;
  });
}

/** Writes a new item with its first audit events. */
export function createItem(uow: UnitOfWork, item: Item, events: readonly NewAuditEvent[]): Item {
  const head = appendAudit(uow, itemPk(item.itemId), item, item.updatedAt, events);
  const saved: Item = { ...item, ...head };
  uow.create(itemRow(saved), `item ${item.itemId}`);
  return saved;
}

/**
 * Saves a changed item if nobody changed it since `before` was read, with the audit events
 * that explain the change. Returns the item as stored.
 */
export function saveItem(uow: UnitOfWork, before: Item, after: Item, events: readonly NewAuditEvent[]): Item {
  const head = appendAudit(uow, itemPk(before.itemId), before, after.updatedAt, events);
  const saved: Item = { ...after, ...head, version: before.version + 1 };
  uow.replace(itemRow(saved) as Row & { version: number }, before.version, `item ${before.itemId}`);
  return saved;
}

export interface ItemFilter {
  year: number;
  kind?: ItemKind;
  status?: ItemStatus;
  itemClass?: ItemClass;
  category?: string;
  unitId?: string;
  managerId?: string;
}

export type { Page };

/**
 * Items by year (GSI1, narrowed by kind and status through the sort key), by lead unit
 * (GSI2) or by manager (GSI3); the remaining filters apply to the queried page.
 */
export async function listItems(filter: ItemFilter, limit: number, cursor?: string): Promise<Page<Item>> {
  const names: Record<string, string> = {};
  const filters: string[] = [];
  const byUnitOrManager = Boolean(filter.unitId || filter.managerId);
  const key = keyQuery(
    filter.unitId
      ? itemKeys.queries.ledBy(filter.unitId, filter.year)
      : filter.managerId
        ? itemKeys.queries.managedBy(filter.managerId, filter.year)
        : itemKeys.queries.ofYear(filter.year, filter.kind, filter.kind ? filter.status : undefined),
  );
  const values = key.ExpressionAttributeValues;
  if (byUnitOrManager && filter.kind) {
    filters.push('#kind = :kind');
    names['#kind'] = 'kind';
    values[':kind'] = filter.kind;
  }
  if (filter.status && (byUnitOrManager || !filter.kind)) {
    filters.push('#status = :status');
    names['#status'] = 'status';
    values[':status'] = filter.status;
  }
  if (filter.itemClass) {
    filters.push('itemClass = :cls');
    values[':cls'] = filter.itemClass;
  }
  if (filter.category) {
    filters.push('category = :cat');
    values[':cat'] = filter.category;
  }
  if (filter.unitId && filter.managerId) {
    filters.push('managerId = :mgr');
    values[':mgr'] = filter.managerId;
  }
  return queryPage<Item>(
    {
      ...key,
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    },
    limit,
    cursor,
  );
}

/** Every item of a year (evaluation, statistics), page by page through GSI1. */
export async function* itemsOfYear(year: number, kind?: ItemKind): AsyncGenerator<Item> {
  let cursor: string | undefined;
  do {
    const page = await listItems({ year, ...(kind ? { kind } : {}) }, 500, cursor);
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

/** Items of a year in the given statuses: one GSI1 Query per kind and status, page by page. */
export async function* itemsInStatuses(year: number, statuses: readonly ItemStatus[]): AsyncGenerator<Item> {
  for (const kind of ['project', 'reform', 'task'] as const) {
    for (const status of statuses) {
      let cursor: string | undefined;
      do {
        const page = await listItems({ year, kind, status }, 500, cursor);
        yield* page.items;
        cursor = page.nextCursor;
      } while (cursor);
    }
  }
}
