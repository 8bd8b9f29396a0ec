/**
 * DynamoDB access shared by the aggregate modules: the document client (its endpoint comes
 * from the environment, `AWS_ENDPOINT_URL_DYNAMODB` locally), table names from the
 * variables declared in infra/resources/tables.ts, and a unit of work that commits as one
 * TransactWriteItems with every write conditional.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  DynamoDBClient,
  TransactionCanceledException,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { Conflict, DomainError } from '#domain/errors.ts';
import { mainTable } from '#resources/tables.ts';

let doc: DynamoDBDocumentClient | undefined;

export function documentClient(): DynamoDBDocumentClient {
  if (!doc) {
    doc = DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 5 }), {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }
  return doc;
}

/** Drops the cached client (tests that switch endpoints). */
export function resetClient(): void {
  doc?.destroy();
  doc = undefined;
}

export function mainTableName(): string {
  const name = process.env[mainTable.envVar];
  if (!name) throw new Error(`${mainTable.envVar} is not set`);
  return name;
}

type TxEntry = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A record as stored: keys plus entity fields. */
export type Row = Record<string, unknown> & { PK: string; SK: string };

/**
 * The request a command answers (an `Idempotency-Key` request, functions/api/idempotency.ts):
 * the commit that carries the command's answer also writes the request's record, so the
 * effect and the answer a retry gets commit together or not at all.
 */
export interface AnsweredRequest {
  /** The conditional write that records `answer` (fails if the key already has a record). */
  entry(answer: unknown): TxEntry;
  /** Called once that write committed. */
  committed(answer: unknown): void;
  /** True once a commit carried the record: later commits of the request carry none. */
  readonly recorded: boolean;
  /** Told when the request runs a step `withoutAnswering`: its answer is recorded after. */
  deferred(): void;
}

const answering = new AsyncLocalStorage<AnsweredRequest>();

/** Runs `fn` as `request`: the first commit that passes an answer records it. */
export function answeringFor<T>(request: AnsweredRequest, fn: () => Promise<T>): Promise<T> {
  return answering.run(request, fn);
}

/**
 * Runs `fn` with no commit recording an answer: a step inside another command (its commit
 * is not the command's answer), or an operation whose effect is idempotent by itself (the
 * caller records its answer afterwards).
 */
export function withoutAnswering<T>(fn: () => Promise<T>): Promise<T> {
  answering.getStore()?.deferred();
  return answering.exit(fn);
}

/** A commit met the record of a request with the same key: that request answered first. */
export class AlreadyAnswered extends DomainError {
  constructor() {
    super('conflict', 'idempotency.in_progress', 'a request with this Idempotency-Key answered first');
    this.name = 'AlreadyAnswered';
  }
}

/**
 * Collects conditional writes and commits them atomically. A failed condition or a
 * conflicting concurrent transaction becomes a `Conflict` the command layer may retry.
 */
export class UnitOfWork {
  private readonly entries: TxEntry[] = [];
  private readonly labels: string[] = [];

  /** Creates a record that must not exist yet. */
  create(row: Row, label = row.PK): this {
    this.entries.push({
      Put: { TableName: mainTableName(), Item: row, ConditionExpression: 'attribute_not_exists(PK)' },
    });
    this.labels.push(`create ${label}`);
    return this;
  }

  /** Replaces a record only if it is still at the version that was read. */
  replace(row: Row & { version: number }, expectedVersion: number, label = row.PK): this {
    this.entries.push({
      Put: {
        TableName: mainTableName(),
        Item: row,
        ConditionExpression: '#v = :expected',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
      },
    });
    this.labels.push(`replace ${label}`);
    return this;
  }

  update(entry: NonNullable<TxEntry['Update']>, label: string): this {
    this.entries.push({ Update: entry });
    this.labels.push(label);
    return this;
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Commits every write in one TransactWriteItems. `answer` is what the command will answer
   * with this commit: inside an `Idempotency-Key` request, the request's record (holding it)
   * joins the transaction, and a record already there fails it as `AlreadyAnswered`.
   */
  async commit(answer?: unknown): Promise<void> {
    const request = answer === undefined ? undefined : answering.getStore();
    const record = request && !request.recorded ? request.entry(answer) : undefined;
    const entries = record ? [...this.entries, record] : this.entries;
    if (entries.length === 0) return;
    if (entries.length > 100)
      throw new Error(`a transaction holds at most 100 writes, not ${entries.length}`);
    try {
      await documentClient().send(new TransactWriteCommand({ TransactItems: entries }));
    } catch (err) {
      if (
        err instanceof TransactionCanceledException ||
        (err as { name?: string }).name === 'TransactionCanceledException'
      ) {
        const reasons = (err as TransactionCanceledException).CancellationReasons ?? [];
        if (record && reasons[entries.length - 1]?.Code === 'ConditionalCheckFailed') {
          throw new AlreadyAnswered();
        }
        const failed = reasons
          .map((r, i) =>
            r.Code && r.Code !== 'None' ? `${this.labels[i] ?? 'idempotency record'}: ${r.Code}` : undefined,
          )
          .filter(Boolean);
        throw new Conflict(
          'concurrent_change',
          `a concurrent change won the race (${failed.join('; ') || 'transaction conflict'})`,
        );
      }
      if ((err as { name?: string }).name === 'TransactionConflictException') {
        throw new Conflict('concurrent_change', 'a concurrent transaction touched the same records');
      }
      throw err;
    }
    if (request && record) request.committed(answer);
  }
}

export type { TransactWriteItem };

/** Removes the storage keys from a record. */
export function stripKeys<T>(row: Record<string, unknown>): T {
  const { PK: _pk, SK: _sk, GSI1PK, GSI1SK, GSI2PK, GSI2SK, GSI3PK, GSI3SK, entity, ...rest } = row;
  void GSI1PK;
  void GSI1SK;
  void GSI2PK;
  void GSI2SK;
  void GSI3PK;
  void GSI3SK;
  void entity;
  return rest as T;
}

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

const KEY_NAMES = new Set(['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK']);

/** A cursor is a LastEvaluatedKey we issued: key attributes only, strings only, PK and SK present. */
export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorInvalid();
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new CursorInvalid();
  const entries = Object.entries(v as Record<string, unknown>);
  const valid =
    entries.every(
      ([k, val]) => KEY_NAMES.has(k) && typeof val === 'string' && val.length > 0 && val.length < 2048,
    ) &&
    'PK' in v &&
    'SK' in v;
  if (!valid) throw new CursorInvalid();
  return v as Record<string, unknown>;
}

export class CursorInvalid extends DomainError {
  constructor() {
    super('validation', 'request.cursor_invalid', 'the cursor is not one this API issued', [
      { path: 'cursor', message: 'not a cursor this API issued' },
    ]);
    this.name = 'CursorInvalid';
  }
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** A Query on the main table, without the paging fields this module fills in. */
export type Query = Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>;

/**
 * One page of at most `limit` records, resuming at `cursor`. A filtered Query may return
 * short pages; this keeps querying until the page is full or the key range ends.
 */
export async function queryPage<T>(query: Query, limit: number, cursor?: string): Promise<Page<T>> {
  const items: T[] = [];
  let start = decodeCursor(cursor);
  do {
    const res = await documentClient().send(
      new QueryCommand({
        ...query,
        TableName: mainTableName(),
        Limit: limit - items.length,
        ExclusiveStartKey: start,
      }),
    );
    for (const row of res.Items ?? []) items.push(stripKeys<T>(row));
    start = res.LastEvaluatedKey;
  } while (start && items.length < limit);
  const nextCursor = encodeCursor(start);
  return nextCursor ? { items, nextCursor } : { items };
}

/** Every record of a Query, page by page. */
export async function queryAll<T>(query: Query): Promise<T[]> {
  const out: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await documentClient().send(
      new QueryCommand({ ...query, TableName: mainTableName(), ExclusiveStartKey: start }),
    );
    for (const row of res.Items ?? []) out.push(stripKeys<T>(row));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}

/** One record by its key, read consistently, without its storage keys. */
export async function getRecord<T>(PK: string, SK: string): Promise<T | undefined> {
  const res = await documentClient().send(
    new GetCommand({ TableName: mainTableName(), Key: { PK, SK }, ConsistentRead: true }),
  );
  return res.Item ? stripKeys<T>(res.Item) : undefined;
}
