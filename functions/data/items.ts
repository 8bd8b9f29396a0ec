/** Items: keys declared in keys.ts (`item`); index keys for year/kind/status, lead unit and manager, status (GSI4) and the public board (GSI5–GSI8). */
import type { NewAuditEvent } from '#domain/audit.ts';
import { NotFound } from '#domain/errors.ts';
import type { EvidenceFile } from '#domain/evidence.ts';
import type { Item, ItemClass, ItemKind, ItemStatus } from '#domain/model.ts';
import { addCounters, contribution, delta } from '#domain/stats.ts';
import { appendAudit } from './audit.ts';
import { getRecord, getRecords, keyQuery, type Page, queryPage, type Row, type UnitOfWork } from './db.ts';
import {
  boardKey,
  evidenceFile as evidenceFileKeys,
  item as itemKeys,
  itemPk,
  type KeyCondition,
  rowOf,
} from './keys.ts';
import { statsKey } from './stats.ts';
import { type Wait, withWait } from './waits.ts';

export { boardKey, itemPk };

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

/**
 * The item and the wait record of its workflow, if any, and the item's evidence files named
 * (a report's references; undefined where none), in one request.
 */
export async function getItemAndWait(
  itemId: string,
  fileIds: readonly string[] = [],
): Promise<{ item: Item; wait?: Wait; files: (EvidenceFile | undefined)[] }> {
  const { record, wait, more } = await withWait<Item>(
    itemPk(itemId),
    'ITEM',
    fileIds.map((fileId) => evidenceFileKeys.key({ itemId, fileId })),
  );
  if (!record) throw new NotFound('item', itemId);
  return { item: record, files: more as (EvidenceFile | undefined)[], ...(wait ? { wait } : {}) };
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
  const filters: string[] = [];
  const byUnitOrManager = Boolean(filter.unitId || filter.managerId);
  const key = keyQuery(
    filter.unitId
      ? itemKeys.queries.ledBy(filter.unitId, filter.year)
      : filter.managerId
        ? itemKeys.queries.managedBy(filter.managerId, filter.year)
        : !filter.kind && filter.status
          ? // One Query for a status whatever the kind (GSI4), not the year read and filtered.
            itemKeys.queries.inStatus(filter.year, filter.status)
          : itemKeys.queries.ofYear(filter.year, filter.kind, filter.kind ? filter.status : undefined),
  );
  const values = key.ExpressionAttributeValues;
  if (byUnitOrManager && filter.kind) {
    filters.push('#kind = :kind');
    names['#kind'] = 'kind';
    values[':kind'] = filter.kind;
  }
  if (filter.status && byUnitOrManager) {
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
  if (filter.status === 'draft') return { items: [] };
  let key: KeyCondition;
  if (filter.unitId) {
    // An open item's unit is not public: a unit leads nothing published or unclaimed.
    if (filter.status && !LED_IN_PUBLIC.includes(filter.status)) return { items: [] };
    key = itemKeys.queries.ledBy(filter.unitId, filter.year);
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
    key = itemKeys.queries.inStatus(filter.year, filter.status);
    narrow('kind', filter.kind);
    narrow('category', filter.category);
    narrow('itemClass', filter.itemClass);
  } else if (filter.kind) {
    key = itemKeys.queries.publicByKind(filter.year, filter.kind, filter.category, filter.itemClass);
    if (!filter.category) narrow('itemClass', filter.itemClass);
  } else if (filter.category) {
    key = itemKeys.queries.publicByCategory(filter.year, filter.category, filter.itemClass);
  } else if (filter.itemClass) {
    key = itemKeys.queries.publicByClass(filter.year, filter.itemClass);
  } else {
    key = itemKeys.queries.publicBoard(filter.year);
  }
  const q = keyQuery(key);
  return queryPage<Item>(
    {
      ...q,
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: { ...q.ExpressionAttributeValues, ...values },
    },
    limit,
    cursor,
  );
}
