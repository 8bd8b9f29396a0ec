/**
 * Orders (keys declared in keys.ts: `order`, `orderCounter`); by year and type (GSI1), by
 * unit (GSI2), by item (GSI3). Numbers come from a counter per year and type that moves in the same
 * transaction as the order, so a number is never skipped or used twice.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { NotFound } from '#domain/errors.ts';
import type { Order, OrderStatus, OrderType } from '#domain/model.ts';
import { displayNumber, orderId } from '#domain/orders.ts';
import {
  CursorInvalid,
  documentClient,
  getRecord,
  keyQuery,
  mainTableName,
  openCursor,
  type Page,
  queryPage,
  type Row,
  sealCursor,
  type UnitOfWork,
} from './db.ts';
import { type KeyCondition, orderCounter, order as orderKeys, orderPk, rowOf } from './keys.ts';

export { orderPk };

export const counterKey = (orderType: OrderType, year: number) => orderCounter.key({ year, orderType });

export function orderRow(order: Order): Row {
  return rowOf(orderKeys, order);
}

export async function currentNumber(type: OrderType, year: number): Promise<number> {
  const res = await documentClient().send(
    new GetCommand({ TableName: mainTableName(), Key: counterKey(type, year), ConsistentRead: true }),
  );
  return (res.Item?.value as number | undefined) ?? 0;
}

/**
 * Reserves the next number in the unit of work: the counter moves from the value read to
 * the next one only if nobody moved it meanwhile (else the whole transaction fails).
 */
export async function reserveNumber(
  uow: UnitOfWork,
  type: OrderType,
  year: number,
): Promise<{ number: number; orderId: string; displayNumber: string }> {
  const read = await currentNumber(type, year);
  const next = read + 1;
  uow.update(
    {
      TableName: mainTableName(),
      Key: counterKey(type, year),
      UpdateExpression: 'SET #v = :next',
      ConditionExpression: read === 0 ? 'attribute_not_exists(#v)' : '#v = :read',
      ExpressionAttributeNames: { '#v': 'value' },
      ExpressionAttributeValues: read === 0 ? { ':next': next } : { ':next': next, ':read': read },
    },
    `counter ${type} ${year}`,
  );
  return { number: next, orderId: orderId(type, year, next), displayNumber: displayNumber(type, year, next) };
}

export function findOrder(id: string): Promise<Order | undefined> {
  return getRecord<Order>(orderKeys.key({ orderId: id }));
}

export async function getOrder(id: string): Promise<Order> {
  const order = await findOrder(id);
  if (!order) throw new NotFound('order', id);
  return order;
}

export function createOrder(uow: UnitOfWork, order: Order): void {
  uow.create(orderRow(order), `order ${order.orderId}`);
}

/** Moves an order's status; the fields fixed at issue are carried over unchanged. */
export function saveOrder(uow: UnitOfWork, before: Order, after: Order): Order {
  const fixed: (keyof Order)[] = [
    'orderId',
    'orderType',
    'year',
    'number',
    'displayNumber',
    'itemId',
    'unitId',
    'issuedAt',
  ];
  for (const k of fixed) {
    if (before[k] !== after[k]) throw new Error(`order field ${k} is immutable`);
  }
  const saved = { ...after, version: before.version + 1 };
  uow.replace(orderRow(saved) as Row & { version: number }, before.version, `order ${before.orderId}`);
  return saved;
}

export interface OrderFilter {
  year: number;
  type?: OrderType;
  unitId?: string;
  status?: OrderStatus;
  itemId?: string;
}

/** Orders by year and type (GSI1), by unit (GSI2), by item (GSI3); status filters the page. */
export async function listOrders(filter: OrderFilter, limit: number, cursor?: string): Promise<Page<Order>> {
  let condition: KeyCondition;
  const filters: string[] = [];
  const values: Record<string, unknown> = {};
  if (filter.itemId) {
    condition = orderKeys.queries.ofItem(filter.itemId);
    if (filter.type) {
      filters.push('orderType = :type');
      values[':type'] = filter.type;
    }
  } else if (filter.unitId) {
    condition = orderKeys.queries.ofUnit(filter.unitId, filter.year, filter.type);
  } else if (filter.type) {
    condition = orderKeys.queries.ofYearAndType(filter.year, filter.type);
  } else {
    return listOrdersOfAllTypes(filter, limit, cursor);
  }
  if (filter.status) {
    filters.push('#status = :status');
    values[':status'] = filter.status;
  }
  const key = keyQuery(condition);
  return queryPage<Order>(
    {
      ...key,
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ...(filter.status ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
      ExpressionAttributeValues: { ...key.ExpressionAttributeValues, ...values },
    },
    limit,
    cursor,
  );
}

const TYPES = ['responsibility', 'commendation', 'inquiry'] as const;

/**
 * Orders of a year of every type: the three per-type partitions one after another. The
 * cursor carries which partition it stopped in and the cursor within it.
 */
async function listOrdersOfAllTypes(
  filter: OrderFilter,
  limit: number,
  cursor?: string,
): Promise<Page<Order>> {
  // Bound to the filter like every cursor (db.ts); the cursor inside is bound to its partition.
  const identity = { allOrderTypes: filter };
  let at = { t: 0, c: undefined as string | undefined };
  if (cursor) {
    const v = openCursor(cursor, identity);
    if (typeof v.t !== 'number' || !Number.isInteger(v.t) || v.t < 0 || v.t >= TYPES.length)
      throw new CursorInvalid();
    if (v.c !== undefined && typeof v.c !== 'string') throw new CursorInvalid();
    at = { t: v.t, c: v.c };
  }
  const items: Order[] = [];
  while (at.t < TYPES.length && items.length < limit) {
    const page = await listOrders({ ...filter, type: TYPES[at.t]! }, limit - items.length, at.c);
    items.push(...page.items);
    at = page.nextCursor ? { t: at.t, c: page.nextCursor } : { t: at.t + 1, c: undefined };
  }
  if (at.t >= TYPES.length) return { items };
  return { items, nextCursor: sealCursor(identity, at) };
}
