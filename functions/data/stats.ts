/**
 * The statistics record of a year: `PK = STATS#<year>, SK = STATS`, one number attribute per
 * counter (functions/domain/stats.ts), moved by ADD in the transaction of every change of an
 * item or batch of the year. Read together with the year's order counters in one BatchGetItem.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ORDER_TYPES } from '#domain/model.ts';
import type { Counters } from '#domain/stats.ts';
import { COUNTER_REVISION, documentClient, mainTableName } from './db.ts';
import { yearStats } from './keys.ts';
import { counterKey } from './orders.ts';

export const statsKey = (year: number) => yearStats.key({ year });

/** Which attributes of the record are counters: every number but these. */
const NOT_COUNTERS = new Set(['PK', 'SK', 'entity', 'year', 'rebuiltAt', COUNTER_REVISION]);

const countersIn = (row: Record<string, unknown> | undefined): Counters =>
  Object.fromEntries(
    Object.entries(row ?? {}).filter(([k, v]) => !NOT_COUNTERS.has(k) && typeof v === 'number'),
  ) as Counters;

/**
 * The year's counters and the number of orders of each type (each type's order counter is
 * the number of orders issued, numbers being gapless): one BatchGetItem of four keys,
 * strongly consistent, retried while DynamoDB leaves keys unprocessed.
 */
export async function readStats(
  year: number,
): Promise<{ counters: Counters; orders: Record<string, number> }> {
  const table = mainTableName();
  const keys = [statsKey(year), ...ORDER_TYPES.map((t) => counterKey(t, year))];
  const found = new Map<string, Record<string, unknown>>();
  let pending: Record<string, unknown>[] = keys;
  for (let attempt = 0; pending.length; attempt++) {
    if (attempt >= 8) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed`);
    if (attempt) await new Promise((r) => setTimeout(r, Math.random() * 50 * 2 ** attempt));
    const res = await documentClient().send(
      new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }),
    );
    for (const row of res.Responses?.[table] ?? []) found.set(String(row.PK), row);
    pending = (res.UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
  }
  const orders = Object.fromEntries(
    ORDER_TYPES.map((t) => [t, (found.get(counterKey(t, year).PK)?.value as number | undefined) ?? 0]),
  );
  return { counters: countersIn(found.get(statsKey(year).PK)), orders };
}

/** The record's revision (how many changes moved it), 0 when there is none. */
export async function statsRevision(year: number): Promise<number> {
  const res = await documentClient().send(
    new GetCommand({ TableName: mainTableName(), Key: statsKey(year), ConsistentRead: true }),
  );
  return (res.Item?.[COUNTER_REVISION] as number | undefined) ?? 0;
}

/**
 * Replaces the year's record with counters computed afresh (the rebuild), only if no change
 * moved it since revision `rev` was read: false when one did (compute again).
 */
export async function replaceStats(
  year: number,
  counters: Counters,
  rev: number,
  at: string,
): Promise<boolean> {
  try {
    await documentClient().send(
      new PutCommand({
        TableName: mainTableName(),
        Item: {
          ...statsKey(year),
          entity: 'stats',
          year,
          rebuiltAt: at,
          [COUNTER_REVISION]: rev,
          ...counters,
        },
        ConditionExpression: rev === 0 ? 'attribute_not_exists(#rev) OR #rev = :rev' : '#rev = :rev',
        ExpressionAttributeNames: { '#rev': COUNTER_REVISION },
        ExpressionAttributeValues: { ':rev': rev },
      }),
    );
    return true;
  } catch (err) {
    if (
      err instanceof ConditionalCheckFailedException ||
      (err as Error).name === 'ConditionalCheckFailedException'
    )
      return false;
    throw err;
  }
}
