/**
 * DynamoDB access shared by the aggregate modules: the document client (its endpoint comes
 * from the environment, `AWS_ENDPOINT_URL_DYNAMODB` locally), table names from the
 * variables declared in infra/resources/tables.ts, and a unit of work that commits as one
 * TransactWriteItems with every write conditional.
 */

import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import {
  DynamoDBClient,
  TransactionCanceledException,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { Conflict, DomainError } from '#domain/errors.ts';
import { mainTable } from '#resources/tables.ts';
import type { Key, KeyCondition, Row } from './keys.ts';

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

export type { Row };

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
const presenting = new AsyncLocalStorage<(answer: never) => unknown>();

/**
 * Runs `fn` with `view` turning a command's answer into what the API sends (the stored record
 * into its view, functions/domain/views.ts): a commit records the answer as viewed, so a
 * replayed Idempotency-Key answer is the view the first request got.
 */
export function presentingAs<T>(view: (answer: never) => unknown, fn: () => Promise<T>): Promise<T> {
  return presenting.run(view, fn);
}

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

/** The attribute of a counter record that counts its changes (UnitOfWork.count). */
export const COUNTER_REVISION = 'rev';

/**
 * Collects conditional writes and commits them atomically. A failed condition or a
 * conflicting concurrent transaction becomes a `Conflict` the command layer may retry.
 */
export class UnitOfWork {
  private readonly entries: TxEntry[] = [];
  private readonly labels: string[] = [];
  /** Counter records moved by this unit of work: one ADD each at commit, however many changes. */
  private readonly counters = new Map<
    string,
    { key: { PK: string; SK: string }; add: Record<string, number> }
  >();

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

  /** A delete or condition check on another record, committed with the rest. */
  add(entry: Pick<TxEntry, 'Delete'> | Pick<TxEntry, 'ConditionCheck'>, label: string): this {
    this.entries.push(entry as TxEntry);
    this.labels.push(label);
    return this;
  }

  /**
   * Adds `deltas` to the counters of the record `key` (created at zero if absent). Deltas for
   * one record are summed and written as one ADD at commit: a transaction may touch an item
   * only once.
   */
  count(key: { PK: string; SK: string }, deltas: Readonly<Record<string, number>>): this {
    const id = `${key.PK}\u0000${key.SK}`;
    const c = this.counters.get(id) ?? { key, add: {} };
    for (const [name, v] of Object.entries(deltas)) c.add[name] = (c.add[name] ?? 0) + v;
    this.counters.set(id, c);
    return this;
  }

  /** The ADD updates of the counters, those that end at zero change left out. */
  private counterEntries(): { entries: TxEntry[]; labels: string[] } {
    const entries: TxEntry[] = [];
    const labels: string[] = [];
    for (const { key, add } of this.counters.values()) {
      const moved = Object.entries(add).filter(([, v]) => v !== 0);
      if (moved.length === 0) continue;
      entries.push({
        Update: {
          TableName: mainTableName(),
          Key: key,
          // `rev` counts the changes: a rebuild replaces the record only if none came between.
          UpdateExpression: `ADD #rev :one, ${moved.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
          ExpressionAttributeNames: {
            '#rev': COUNTER_REVISION,
            ...Object.fromEntries(moved.map(([n], i) => [`#c${i}`, n])),
          },
          ExpressionAttributeValues: {
            ':one': 1,
            ...Object.fromEntries(moved.map(([, v], i) => [`:c${i}`, v])),
          },
        },
      });
      labels.push(`counters ${key.PK}`);
    }
    return { entries, labels };
  }

  get size(): number {
    return this.entries.length + this.counterEntries().entries.length;
  }

  /**
   * Commits every write in one TransactWriteItems. `answer` is what the command will answer
   * with this commit: inside an `Idempotency-Key` request, the request's record (holding it)
   * joins the transaction, and a record already there fails it as `AlreadyAnswered`.
   */
  async commit(answer?: unknown): Promise<void> {
    const request = answer === undefined ? undefined : answering.getStore();
    const view = presenting.getStore();
    const sent = request && view ? view(answer as never) : answer;
    const record = request && !request.recorded ? request.entry(sent) : undefined;
    const counted = this.counterEntries();
    const labels = [...this.labels, ...counted.labels];
    const writes = [...this.entries, ...counted.entries];
    const entries = record ? [...writes, record] : writes;
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
            r.Code && r.Code !== 'None' ? `${labels[i] ?? 'idempotency record'}: ${r.Code}` : undefined,
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
    if (request && record) request.committed(sent);
  }
}

export type { TransactWriteItem };

/** Removes the storage keys from a record. */
export function stripKeys<T>(row: Record<string, unknown>): T {
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (!STORAGE_ATTRIBUTES.has(k)) rest[k] = v;
  return rest as T;
}

/** The table's and every index's key attributes (tables.ts), and `entity`: storage, not the record. */
const STORAGE_ATTRIBUTES = new Set([
  'entity',
  mainTable.partitionKey.name,
  ...(mainTable.sortKey ? [mainTable.sortKey.name] : []),
  ...mainTable.globalSecondaryIndexes.flatMap((i) => [
    i.partitionKey.name,
    ...(i.sortKey ? [i.sortKey.name] : []),
  ]),
]);

// ---------------------------------------------------------------------------------------------
// Cursors: bound to the query that issued them
//
// A cursor is `base64url(JSON {q, ...payload})`: `q` is a digest of the query's identity (for a
// Query: index, key condition, filter, names, values and direction), so a cursor is accepted
// only by the query that issued it; a page of another partition, index, filter or route is a
// 400. The digest is not a secret (it binds, it does not sign), so the key inside is checked
// too before DynamoDB sees it: exactly the key attributes of the table or index, strings
// DynamoDB can hold as keys, the query's partition, a sort key inside its key condition.

/** JSON with object keys sorted: one identity, one digest, whatever order it was built in. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );

const digest = (identity: unknown): string =>
  createHash('sha256').update(canonical(identity)).digest('base64url').slice(0, 22);

/** A cursor carrying `payload`, valid only for `identity`. */
export function sealCursor(identity: unknown, payload: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ q: digest(identity), ...payload })).toString('base64url');
}

/** The payload of a cursor sealed for `identity`; anything else is CursorInvalid. */
export function openCursor(cursor: string, identity: unknown): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorInvalid();
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new CursorInvalid();
  const { q, ...payload } = v as Record<string, unknown>;
  if (q !== digest(identity)) throw new CursorInvalid();
  return payload;
}

/** DynamoDB's limits on key values: 2048 bytes for a partition key, 1024 for a sort key. */
const MAX_PARTITION_KEY_BYTES = 2048;
const MAX_SORT_KEY_BYTES = 1024;

export interface KeyBinding {
  /** Every attribute of a LastEvaluatedKey of this query. */
  readonly attributes: readonly string[];
  readonly partition: { readonly name: string; readonly value: string };
  readonly sortName?: string;
  /** Whether a sort key value lies inside the key condition. */
  readonly sortAllows: (value: string) => boolean;
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** One condition of a key condition expression: `a = :v`, `begins_with(a, :v)`, `a BETWEEN :l AND :h`. */
function condition(part: string): { attr: string; op: string; values: string[] } | undefined {
  const cmp = /^([#\w]+)\s*(=|<=|>=|<|>)\s*(:\w+)$/.exec(part);
  if (cmp) return { attr: cmp[1]!, op: cmp[2]!, values: [cmp[3]!] };
  const begins = /^begins_with\(\s*([#\w]+)\s*,\s*(:\w+)\s*\)$/i.exec(part);
  if (begins) return { attr: begins[1]!, op: 'begins_with', values: [begins[2]!] };
  const between = /^([#\w]+)\s+BETWEEN\s+(:\w+)\s+AND\s+(:\w+)$/i.exec(part);
  if (between) return { attr: between[1]!, op: 'between', values: [between[2]!, between[3]!] };
  return undefined;
}

/** Whether a sort key value lies inside the condition; DynamoDB orders strings by their UTF-8 bytes. */
function sortTest(op: string, bounds: string[]): (v: string) => boolean {
  const [a = '', b = ''] = bounds;
  const cmp = (v: string, x: string) => Buffer.compare(utf8(v), utf8(x));
  switch (op) {
    case 'begins_with':
      return (v) => v.startsWith(a);
    case '=':
      return (v) => v === a;
    case '<':
      return (v) => cmp(v, a) < 0;
    case '<=':
      return (v) => cmp(v, a) <= 0;
    case '>':
      return (v) => cmp(v, a) > 0;
    case '>=':
      return (v) => cmp(v, a) >= 0;
    default:
      return (v) => cmp(v, a) >= 0 && cmp(v, b) <= 0;
  }
}

/** What a LastEvaluatedKey of this query looks like, from the key condition and tables.ts. */
export function keyBinding(query: Query): KeyBinding {
  const table = mainTable;
  const index = query.IndexName
    ? table.globalSecondaryIndexes.find((i) => i.indexName === query.IndexName)
    : undefined;
  if (query.IndexName && !index) throw new Error(`no index ${query.IndexName} in tables.ts`);
  const keys = index ?? table;
  const attributes = [
    table.partitionKey.name,
    ...(table.sortKey ? [table.sortKey.name] : []),
    ...(index ? [index.partitionKey.name, ...(index.sortKey ? [index.sortKey.name] : [])] : []),
  ];
  const expr = query.KeyConditionExpression ?? '';
  const name = (n: string) => (n.startsWith('#') ? (query.ExpressionAttributeNames?.[n] ?? n) : n);
  const value = (v: string) => {
    const x = query.ExpressionAttributeValues?.[v];
    if (typeof x !== 'string') throw new Error(`key condition value ${v} is not a string: ${expr}`);
    return x;
  };
  // `a = :v AND b …`: BETWEEN's own AND stays with it.
  const parts: string[] = [];
  for (const p of expr.trim().split(/\s+AND\s+/i)) {
    const last = parts.at(-1);
    if (last && /\sBETWEEN\s+:\w+$/i.test(last)) parts[parts.length - 1] = `${last} AND ${p}`;
    else parts.push(p);
  }
  let partition: KeyBinding['partition'] | undefined;
  let sortAllows: KeyBinding['sortAllows'] = () => true;
  const sortName = keys.sortKey?.name;
  for (const part of parts) {
    const c = condition(part.replace(/^\((.*)\)$/, '$1').trim());
    const attr = c && name(c.attr);
    if (c?.op === '=' && attr === keys.partitionKey.name) {
      partition = { name: attr, value: value(c.values[0]!) };
    } else if (c && attr === sortName) {
      sortAllows = sortTest(c.op, c.values.map(value));
    } else {
      throw new Error(`queryPage cannot bind a cursor to the key condition ${expr}`);
    }
  }
  if (!partition) throw new Error(`no partition key condition in ${expr}`);
  return { attributes, partition, ...(sortName ? { sortName } : {}), sortAllows };
}

/** The query's identity: what a cursor is bound to (the page size is not part of it). */
const queryIdentity = (query: Query) => ({
  index: query.IndexName ?? null,
  key: query.KeyConditionExpression ?? null,
  filter: query.FilterExpression ?? null,
  names: query.ExpressionAttributeNames ?? {},
  values: query.ExpressionAttributeValues ?? {},
  forward: query.ScanIndexForward ?? true,
});

function encodeCursor(query: Query, key: Record<string, unknown> | undefined): string | undefined {
  return key ? sealCursor(queryIdentity(query), { k: key }) : undefined;
}

/** The ExclusiveStartKey of a cursor this query issued: the key shape is checked, not trusted. */
function decodeCursor(
  query: Query,
  binding: KeyBinding,
  cursor: string | undefined,
): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  const { k, ...rest } = openCursor(cursor, queryIdentity(query));
  if (Object.keys(rest).length > 0 || !k || typeof k !== 'object' || Array.isArray(k)) {
    throw new CursorInvalid();
  }
  const key = k as Record<string, unknown>;
  const names = Object.keys(key);
  const partitionNames = new Set([mainTable.partitionKey.name, binding.partition.name]);
  const valid =
    names.length === binding.attributes.length &&
    binding.attributes.every((a) => {
      const v = key[a];
      const max = partitionNames.has(a) ? MAX_PARTITION_KEY_BYTES : MAX_SORT_KEY_BYTES;
      return typeof v === 'string' && v !== '' && v.isWellFormed() && Buffer.byteLength(v) <= max;
    }) &&
    key[binding.partition.name] === binding.partition.value &&
    (!binding.sortName || binding.sortAllows(key[binding.sortName] as string));
  if (!valid) throw new CursorInvalid();
  return key;
}

export class CursorInvalid extends DomainError {
  constructor() {
    super('validation', 'request.cursor_invalid', 'the cursor is not one this API issued for this query', [
      { path: 'cursor', message: 'not a cursor this API issued for this query' },
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
 * The bytes a page's records may hold (their stored rows as JSON): an answer stays under 1 MB
 * (issue 12) with room for its envelope, whatever its records hold, and far from Lambda's 6 MB
 * response limit. A page stops before the record that would pass it (the cursor at the last
 * record kept); a first record is always kept (a DynamoDB item is at most 400 KB).
 */
export const PAGE_BYTE_BUDGET = 900_000;

const rowBytes = (row: Record<string, unknown>) => Buffer.byteLength(JSON.stringify(row), 'utf8');

/**
 * One page of at most `limit` records and at most `budget` bytes, resuming at `cursor`. A
 * filtered Query may return short pages; this keeps querying until the page is full or the key
 * range ends. When the budget cuts a page, the cursor is the key of the last record kept, not
 * DynamoDB's LastEvaluatedKey (which would skip the records read but not kept).
 */
export async function queryPage<T>(
  query: Query,
  limit: number,
  cursor?: string,
  budget = PAGE_BYTE_BUDGET,
): Promise<Page<T>> {
  const items: T[] = [];
  const binding = keyBinding(query);
  let start = decodeCursor(query, binding, cursor);
  let bytes = 0;
  do {
    const res = await documentClient().send(
      new QueryCommand({
        ...query,
        TableName: mainTableName(),
        Limit: limit - items.length,
        ExclusiveStartKey: start,
      }),
    );
    let last: Record<string, unknown> | undefined;
    let cut = false;
    for (const row of res.Items ?? []) {
      const size = rowBytes(row);
      if (items.length > 0 && bytes + size > budget) {
        cut = true;
        break;
      }
      bytes += size;
      items.push(stripKeys<T>(row));
      last = row;
    }
    if (cut) {
      // Nothing kept from this request: resume where it started.
      if (last) start = Object.fromEntries(binding.attributes.map((a) => [a, last[a]]));
      break;
    }
    start = res.LastEvaluatedKey;
  } while (start && items.length < limit);
  const nextCursor = encodeCursor(query, start);
  return nextCursor ? { items, nextCursor } : { items };
}

/**
 * A page of a list already read whole (a trail read to verify its chain, a ledger read to
 * total it): at most `limit` entries (and `budget` bytes) after the cursor's key, the cursor sealed for `identity`
 * (a cursor of another list is a 400). `all` is in ascending order of `keyOf`.
 */
export function pageOfList<T>(
  identity: unknown,
  all: readonly T[],
  keyOf: (t: T) => string,
  limit: number,
  cursor?: string,
  budget = PAGE_BYTE_BUDGET,
): Page<T> {
  let start = 0;
  if (cursor) {
    const { after, ...rest } = openCursor(cursor, identity);
    if (typeof after !== 'string' || Object.keys(rest).length > 0) throw new CursorInvalid();
    start = all.findIndex((t) => keyOf(t) > after);
    if (start < 0) start = all.length;
  }
  const items: T[] = [];
  let bytes = 0;
  for (const t of all.slice(start, start + limit)) {
    const size = Buffer.byteLength(JSON.stringify(t), 'utf8');
    if (items.length > 0 && bytes + size > budget) break;
    bytes += size;
    items.push(t);
  }
  const last = items.at(-1);
  return start + items.length < all.length && last
    ? { items, nextCursor: sealCursor(identity, { after: keyOf(last) }) }
    : { items };
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

/**
 * The key condition of a Query declared in keys.ts: the partition, and `begins_with` of the
 * sort key prefix when there is one. Callers add their filters (and values) to it.
 */
export function keyQuery(c: KeyCondition): Query & {
  KeyConditionExpression: string;
  ExpressionAttributeValues: Record<string, unknown>;
} {
  const pk = c.index ? `${c.index}PK` : 'PK';
  const sk = c.index ? `${c.index}SK` : 'SK';
  return {
    ...(c.index ? { IndexName: c.index } : {}),
    KeyConditionExpression:
      c.skPrefix === undefined ? `${pk} = :pk` : `${pk} = :pk AND begins_with(${sk}, :sk)`,
    ExpressionAttributeValues:
      c.skPrefix === undefined ? { ':pk': c.pk } : { ':pk': c.pk, ':sk': c.skPrefix },
  };
}

/** One record by its key, read consistently, without its storage keys. */
export async function getRecord<T>(key: Key): Promise<T | undefined> {
  const res = await documentClient().send(
    new GetCommand({ TableName: mainTableName(), Key: { PK: key.PK, SK: key.SK }, ConsistentRead: true }),
  );
  return res.Item ? stripKeys<T>(res.Item) : undefined;
}

/** BatchGetItem takes at most 100 keys a request. */
export const BATCH_GET_KEYS = 100;
const BATCH_GET_ATTEMPTS = 8;

/**
 * Many records by key in ceil(n / 100) BatchGetItem requests (plus retries of what DynamoDB
 * leaves unprocessed under throttling, with backoff), strongly consistent like `getRecord`.
 * Answers in the order of `keys`; a key with no record is undefined.
 */
export async function getRecords<T>(keys: readonly Key[]): Promise<(T | undefined)[]> {
  const table = mainTableName();
  const found = new Map<string, T>();
  const id = (k: { PK: unknown; SK: unknown }) => `${String(k.PK)}\u0000${String(k.SK)}`;
  for (let start = 0; start < keys.length; start += BATCH_GET_KEYS) {
    const unique = new Map(
      keys.slice(start, start + BATCH_GET_KEYS).map((k) => [id(k), { PK: k.PK, SK: k.SK }]),
    );
    let pending: Record<string, unknown>[] = [...unique.values()];
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt >= BATCH_GET_ATTEMPTS)
        throw new Error(`BatchGetItem left ${pending.length} keys unprocessed`);
      if (attempt) await new Promise((r) => setTimeout(r, Math.random() * 50 * 2 ** attempt));
      const res = await documentClient().send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const row of res.Responses?.[table] ?? []) found.set(id(row as Row), stripKeys<T>(row));
      pending = (res.UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
  }
  return keys.map((k) => found.get(id(k)));
}
