/**
 * Idempotency-Key records, in the main table (keys.ts: `idempotency`), where `id` hashes the caller, the method and actual path, and the key. A record holds the
 * fingerprint of the request body and the answer (status and body as JSON); it is written by
 * a conditional Put in the command's own transaction (see `AnsweredRequest` in db.ts) and
 * expires through the table's TTL attribute `expiresAt` (epoch seconds).
 *
 * TTL deletes a record some time after it expired (DynamoDB Local never does), so reads treat
 * an expired record as absent and the conditional Put may replace one.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mainTable } from '#resources/tables.ts';
import { documentClient, mainTableName, type Row } from './db.ts';
import { idempotency as idempotencyKeys, rowOf } from './keys.ts';

export interface StoredAnswer {
  readonly status: number;
  readonly body: unknown;
}

export interface IdempotencyRecord {
  readonly id: string;
  readonly fingerprint: string;
  readonly answer: StoredAnswer;
}

/** What identifies a request and its body, and when its record lapses. */
export interface RecordScope {
  readonly id: string;
  readonly fingerprint: string;
  /** The caller's subject and `METHOD /actual/path`, for people reading the table. */
  readonly sub: string;
  readonly request: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

const ttlAttribute = mainTable.timeToLiveAttribute ?? 'expiresAt';
const epochSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

function row(scope: RecordScope, answer: StoredAnswer): Row {
  return rowOf(idempotencyKeys, scope, {
    fingerprint: scope.fingerprint,
    status: answer.status,
    // As JSON text: the answer exactly as sent, whatever its numbers and empty values.
    body: JSON.stringify(answer.body) ?? 'null',
    sub: scope.sub,
    request: scope.request,
    createdAt: scope.createdAt.toISOString(),
    [ttlAttribute]: epochSeconds(scope.expiresAt),
  });
}

/** The conditional Put of a record: no record yet under the key, or only an expired one. */
export function recordPut(scope: RecordScope, answer: StoredAnswer) {
  return {
    TableName: mainTableName(),
    Item: row(scope, answer),
    ConditionExpression: 'attribute_not_exists(PK) OR #ttl <= :now',
    ExpressionAttributeNames: { '#ttl': ttlAttribute },
    ExpressionAttributeValues: { ':now': epochSeconds(scope.createdAt) },
  };
}

/** The live record of a request, read consistently; an expired one counts as absent. */
export async function findRecord(id: string, at: Date): Promise<IdempotencyRecord | undefined> {
  const res = await documentClient().send(
    new GetCommand({ TableName: mainTableName(), Key: idempotencyKeys.key({ id }), ConsistentRead: true }),
  );
  const item = res.Item;
  if (!item || Number(item[ttlAttribute]) <= epochSeconds(at)) return undefined;
  return {
    id,
    fingerprint: String(item.fingerprint),
    answer: { status: Number(item.status), body: JSON.parse(String(item.body)) },
  };
}

/**
 * Records an answer on its own (an operation whose effect is idempotent by itself). False if
 * a live record is already there.
 */
export async function putRecord(scope: RecordScope, answer: StoredAnswer): Promise<boolean> {
  try {
    await documentClient().send(new PutCommand(recordPut(scope, answer)));
    return true;
  } catch (err) {
    if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}
