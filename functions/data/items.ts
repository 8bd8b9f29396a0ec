/** Items: `PK = ITEM#<id>, SK = ITEM`, with index keys for year/kind/status, lead unit and manager. */

import { countsInPublicStatistics } from '#domain/access.ts';
import type { NewAuditEvent } from '#domain/audit.ts';
import { NotFound } from '#domain/errors.ts';
import type { Item, ItemClass, ItemKind, ItemStatus } from '#domain/model.ts';
import { addCounters, contribution, delta } from '#domain/stats.ts';
import { appendAudit } from './audit.ts';
import { getRecord, getRecords, type Page, queryPage, type Row, type UnitOfWork } from './db.ts';
import { statsKey } from './stats.ts';

export const itemPk = (itemId: string) => `ITEM#${itemId}`;

/**
 * Where an item stands on the public board: batch after batch, then the items assigned
 * without a batch; within each, in the order the items were created.
 */
export const boardKey = (item: Pick<Item, 'batchNo' | 'itemId' | 'createdAt'>) =>
  `${item.batchNo === undefined ? 'D' : `B${String(item.batchNo).padStart(4, '0')}`}#${item.createdAt}#${item.itemId}`;

/**
 * The keys of the public-list indexes (GSI5–GSI8, sparse): only an item on the list (any
 * status but draft) has them, so publishing writes them with the item and nothing else.
 */
function publicKeys(item: Item): Record<string, string> {
  if (!countsInPublicStatistics(item)) return {};
  const board = boardKey(item);
  const pub = `PUB#${item.year}`;
  return {
    GSI5PK: pub,
    GSI5SK: board,
    GSI6PK: `${pub}#${item.kind}`,
    GSI6SK: `${item.category}#${item.itemClass}#${board}`,
    GSI7PK: `${pub}#${item.category}`,
    GSI7SK: `${item.itemClass}#${board}`,
    GSI8PK: `${pub}#${item.itemClass}`,
    GSI8SK: board,
  };
}

export function itemRow(item: Item): Row {
  return {
    PK: itemPk(item.itemId),
    SK: 'ITEM',
    entity: 'item',
    GSI1PK: `ITEMS#${item.year}`,
    GSI1SK: `${item.kind}#${item.status}#${item.itemId}`,
    GSI4PK: `ITEMS#${item.year}#${item.status}`,
    GSI4SK: boardKey(item),
    ...publicKeys(item),
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
  uow.count(statsKey(saved.year), contribution(saved));
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
  // The year's statistics move in the same transaction (one ADD per year, however many items).
  if (saved.year === before.year) uow.count(statsKey(saved.year), delta(before, saved));
  else {
    uow.count(statsKey(before.year), addCounters({}, contribution(before), -1));
    uow.count(statsKey(saved.year), contribution(saved));
  }
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
    } else if (filter.status) {
      // One Query for a status whatever the kind (GSI4), not the year read and filtered.
      index = 'GSI4';
      keyCondition = 'GSI4PK = :pk';
      values[':pk'] = `ITEMS#${filter.year}#${filter.status}`;
    } else {
      keyCondition = 'GSI1PK = :pk';
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

/** Items of a year in the given statuses: one GSI4 Query per status, page by page. */
export async function* itemsInStatuses(year: number, statuses: readonly ItemStatus[]): AsyncGenerator<Item> {
  for (const status of statuses) {
    let cursor: string | undefined;
    do {
      const page = await listItems({ year, status }, 500, cursor);
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }
}

export interface PublicFilter {
  year: number;
  kind?: ItemKind;
  status?: ItemStatus;
  itemClass?: ItemClass;
  category?: string;
  /** The unit leading the item as the public sees it (awarded or later). */
  unitId?: string;
}

/** Statuses in which the public sees an item's lead unit (functions/api/operations.ts publicListItem). */
const LED_IN_PUBLIC: readonly ItemStatus[] = [
  'claims_closed',
  'awarded',
  'in_progress',
  'completion_reported',
  'completed',
];

/**
 * A page of the public list of a year: one Query of the key that holds exactly the filter's
 * items where there is one — the unit's items (GSI2), a status (GSI4), a kind with its
 * category and class (GSI6), a category with its class (GSI7), a class (GSI8), or the whole
 * board (GSI5) — the other filters of a combination narrowing that Query's page.
 */
export async function listPublicItems(
  filter: PublicFilter,
  limit: number,
  cursor?: string,
): Promise<Page<Item>> {
  const pub = `PUB#${filter.year}`;
  const values: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  const filters: string[] = [];
  const narrow = (
    attr: 'kind' | 'status' | 'itemClass' | 'category' | 'leadUnitId',
    value: string | undefined,
  ) => {
    if (value === undefined) return;
    names[`#f_${attr}`] = attr;
    values[`:f_${attr}`] = value;
    filters.push(`#f_${attr} = :f_${attr}`);
  };
  let index: string;
  let key: string;
  if (filter.status === 'draft') return { items: [] };
  if (filter.unitId) {
    // An open item's unit is not public: a unit leads nothing published or unclaimed.
    if (filter.status && !LED_IN_PUBLIC.includes(filter.status)) return { items: [] };
    index = 'GSI2';
    key = 'GSI2PK = :pk AND begins_with(GSI2SK, :sk)';
    values[':pk'] = `UNIT#${filter.unitId}`;
    values[':sk'] = `ITEM#${filter.year}#`;
    if (filter.status) narrow('status', filter.status);
    else {
      names['#f_status'] = 'status';
      LED_IN_PUBLIC.forEach((s, i) => {
        values[`:led${i}`] = s;
      });
      filters.push(`#f_status IN (${LED_IN_PUBLIC.map((_, i) => `:led${i}`).join(', ')})`);
    }
    narrow('kind', filter.kind);
    narrow('category', filter.category);
    narrow('itemClass', filter.itemClass);
  } else if (filter.status) {
    index = 'GSI4';
    key = 'GSI4PK = :pk';
    values[':pk'] = `ITEMS#${filter.year}#${filter.status}`;
    narrow('kind', filter.kind);
    narrow('category', filter.category);
    narrow('itemClass', filter.itemClass);
  } else if (filter.kind) {
    index = 'GSI6';
    values[':pk'] = `${pub}#${filter.kind}`;
    if (filter.category) {
      key = 'GSI6PK = :pk AND begins_with(GSI6SK, :sk)';
      values[':sk'] = filter.itemClass ? `${filter.category}#${filter.itemClass}#` : `${filter.category}#`;
    } else {
      key = 'GSI6PK = :pk';
      narrow('itemClass', filter.itemClass);
    }
  } else if (filter.category) {
    index = 'GSI7';
    values[':pk'] = `${pub}#${filter.category}`;
    key = filter.itemClass ? 'GSI7PK = :pk AND begins_with(GSI7SK, :sk)' : 'GSI7PK = :pk';
    if (filter.itemClass) values[':sk'] = `${filter.itemClass}#`;
  } else if (filter.itemClass) {
    index = 'GSI8';
    key = 'GSI8PK = :pk';
    values[':pk'] = `${pub}#${filter.itemClass}`;
  } else {
    index = 'GSI5';
    key = 'GSI5PK = :pk';
    values[':pk'] = pub;
  }
  return queryPage<Item>(
    {
      IndexName: index,
      KeyConditionExpression: key,
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
    },
    limit,
    cursor,
  );
}
