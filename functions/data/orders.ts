/**
 * Orders: `PK = ORDER#<orderId>, SK = ORDER`; by year and type (GSI1), by unit (GSI2),
 * by item (GSI3). Numbers come from a counter per year and type that moves in the same
 * transaction as the order, so a number is never skipped or used twice.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { NotFound } from '#domain/errors.ts';
import type { Order, OrderStatus, OrderType } from '#domain/model.ts';
import { displayNumber, orderId } from '#domain/orders.ts';
import {
  decodeCursor,
  documentClient,
  encodeCursor,
  mainTableName,
  type Row,
  stripKeys,
  type UnitOfWork,
} from './db.ts';
import type { Page } from './items.ts';

export const orderPk = (id: string) => `ORDER#${id}`;
const counterKey = (type: OrderType, year: number) => ({
  PK: `COUNTER#ORDER#${year}#${type}`,
  SK: 'COUNTER',
});

export function orderRow(order: Order): Row {
  const n = String(order.number).padStart(8, '0');
  return {
    PK: orderPk(order.orderId),
    SK: 'ORDER',
    entity: 'order',
    GSI1PK: `ORDERS#${order.year}#${order.orderType}`,
    GSI1SK: n,
    GSI2PK: `UNIT#${order.unitId}`,
    GSI2SK: `ORDER#${order.year}#${order.orderType}#${n}`,
    GSI3PK: `ITEM#${order.itemId}`,
    GSI3SK: `ORDER#${order.issuedAt}#${order.orderId}`,
    ...order,
  };
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

export async function findOrder(id: string): Promise<Order | undefined> {
  const res = await documentClient().send(
    new GetCommand({
      TableName: mainTableName(),
      Key: { PK: orderPk(id), SK: 'ORDER' },
      ConsistentRead: true,
    }),
  );
  return res.Item ? stripKeys<Order>(res.Item) : undefined;
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
  const values: Record<string, unknown> = {};
  let index: string;
  let keyCondition: string;
  const filters: string[] = [];
  if (filter.itemId) {
    index = 'GSI3';
    keyCondition = 'GSI3PK = :pk AND begins_with(GSI3SK, :sk)';
    values[':pk'] = `ITEM#${filter.itemId}`;
    values[':sk'] = 'ORDER#';
    if (filter.type) {
      filters.push('orderType = :type');
      values[':type'] = filter.type;
    }
  } else if (filter.unitId) {
    index = 'GSI2';
    keyCondition = 'GSI2PK = :pk AND begins_with(GSI2SK, :sk)';
    values[':pk'] = `UNIT#${filter.unitId}`;
    values[':sk'] = filter.type ? `ORDER#${filter.year}#${filter.type}#` : `ORDER#${filter.year}#`;
  } else if (filter.type) {
    index = 'GSI1';
    keyCondition = 'GSI1PK = :pk';
    values[':pk'] = `ORDERS#${filter.year}#${filter.type}`;
  } else {
    // No type: the three per-type partitions of the year, one after another.
    const all: Order[] = [];
    for (const type of ['responsibility', 'commendation', 'inquiry'] as const) {
      const page = await listOrders({ ...filter, type }, 1000);
      all.push(...page.items);
    }
    const offset = cursor ? Number.parseInt(Buffer.from(cursor, 'base64url').toString(), 10) || 0 : 0;
    const slice = all.slice(offset, offset + limit);
    const next =
      offset + limit < all.length ? Buffer.from(String(offset + limit)).toString('base64url') : undefined;
    return { items: slice, ...(next ? { nextCursor: next } : {}) };
  }
  if (filter.status) {
    filters.push('#status = :status');
    values[':status'] = filter.status;
  }
  const out: Order[] = [];
  let start = decodeCursor(cursor);
  do {
    const res = await documentClient().send(
      new QueryCommand({
        TableName: mainTableName(),
        IndexName: index,
        KeyConditionExpression: keyCondition,
        ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
        ...(filter.status ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
        ExpressionAttributeValues: values,
        Limit: limit - out.length,
        ExclusiveStartKey: start,
      }),
    );
    for (const row of res.Items ?? []) out.push(stripKeys<Order>(row));
    start = res.LastEvaluatedKey;
  } while (start && out.length < limit);
  return { items: out, nextCursor: encodeCursor(start) };
}
