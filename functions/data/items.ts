/** Items: `PK = ITEM#<id>, SK = ITEM`, with index keys for year/kind/status, lead unit and manager. */
import type { NewAuditEvent } from '#domain/audit.ts';
import { NotFound } from '#domain/errors.ts';
import type { Item, ItemClass, ItemKind, ItemStatus } from '#domain/model.ts';
import { appendAudit } from './audit.ts';
import { getRecord, getRecords, type Page, queryPage, type Row, type UnitOfWork } from './db.ts';
import { type Wait, withWait } from './waits.ts';

export const itemPk = (itemId: string) => `ITEM#${itemId}`;

export function itemRow(item: Item): Row {
  return {
    PK: itemPk(item.itemId),
    SK: 'ITEM',
    entity: 'item',
    GSI1PK: `ITEMS#${item.year}`,
    GSI1SK: `${item.kind}#${item.status}#${item.itemId}`,
    ...(item.leadUnitId
      ? { GSI2PK: `UNIT#${item.leadUnitId}`, GSI2SK: `ITEM#${item.year}#${item.itemId}` }
      : {}),
    ...(item.managerId
      ? { GSI3PK: `PERSON#${item.managerId}`, GSI3SK: `ITEM#${item.year}#${item.itemId}` }
      : {}),
    ...item,
  };
}

export function findItem(itemId: string): Promise<Item | undefined> {
  return getRecord<Item>(itemPk(itemId), 'ITEM');
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
  const items = await getRecords<Item>(itemIds.map((itemId) => ({ PK: itemPk(itemId), SK: 'ITEM' })));
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
  const values: Record<string, unknown> = {};
  let index: string;
  let keyCondition: string;
  const filters: string[] = [];
  if (filter.unitId || filter.managerId) {
    index = filter.unitId ? 'GSI2' : 'GSI3';
    keyCondition = `${index}PK = :pk AND begins_with(${index}SK, :sk)`;
    values[':pk'] = filter.unitId ? `UNIT#${filter.unitId}` : `PERSON#${filter.managerId}`;
    values[':sk'] = `ITEM#${filter.year}#`;
    if (filter.kind) {
      filters.push('#kind = :kind');
      names['#kind'] = 'kind';
      values[':kind'] = filter.kind;
    }
    if (filter.status) {
      filters.push('#status = :status');
      names['#status'] = 'status';
      values[':status'] = filter.status;
    }
  } else {
    index = 'GSI1';
    values[':pk'] = `ITEMS#${filter.year}`;
    if (filter.kind) {
      keyCondition = 'GSI1PK = :pk AND begins_with(GSI1SK, :sk)';
      values[':sk'] = filter.status ? `${filter.kind}#${filter.status}#` : `${filter.kind}#`;
    } else {
      keyCondition = 'GSI1PK = :pk';
      if (filter.status) {
        filters.push('#status = :status');
        names['#status'] = 'status';
        values[':status'] = filter.status;
      }
    }
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
      IndexName: index,
      KeyConditionExpression: keyCondition,
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
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
