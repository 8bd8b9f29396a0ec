/**
 * The outbox relay (ARCHITECTURE "Domain events and the outbox"): reads the pending outbox
 * records a page at a time (one Query each), completes the audit-derived ones with the item and
 * order they name (one BatchGetItem a page), and puts them on the domain event bus in batches
 * of at most 10 entries and 256 KB. Only the entries PutEvents accepted are marked published
 * (with their notifications, one per addressee); the rest stay pending with their attempts
 * counted, to be retried on the next run. Nothing is deleted: a record that keeps failing is
 * counted in `OutboxStuck`, which is alarmed.
 *
 * At least once: two runs at once may both publish a record (one mark wins); subscribers
 * deliver an `eventId` once.
 */
import type { EventBridgeClient, PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { getRecords, UnitOfWork } from '#data/db.ts';
import { item as itemKeys, order as orderKeys } from '#data/keys.ts';
import { markFailed, markPublished, type OutboxRecord, pendingPage } from '#data/outbox.ts';
import { Conflict } from '#domain/errors.ts';
import { DOMAIN_EVENT_SOURCE, DomainEvent } from '#domain/events.ts';
import type { Item, Order } from '#domain/model.ts';
import { type AuditSource, itemIdOfSubject, toDomainEvent } from '#domain/notifications.ts';
import { domainEventBus } from '#resources/buses.ts';
import { OUTBOX_STUCK_ATTEMPTS } from '#resources/monitoring.ts';

/** PutEvents takes at most 10 entries and 256 KB a request. */
export const PUT_EVENTS_ENTRIES = 10;
export const PUT_EVENTS_BYTES = 256 * 1024;
/** Pending records read per Query. */
export const RELAY_PAGE = 50;

// Imported at the first batch to publish, not at module load: the EventBridge SDK is about a
// sixth of the relay's cold start, and most runs (one a minute) find nothing pending.
let sdk: Promise<typeof import('@aws-sdk/client-eventbridge')> | undefined;
let client: EventBridgeClient | undefined;
async function putEvents(entries: PutEventsRequestEntry[]) {
  sdk ??= import('@aws-sdk/client-eventbridge');
  const { EventBridgeClient, PutEventsCommand } = await sdk;
  client ??= new EventBridgeClient({ maxAttempts: 3 });
  return await client.send(new PutEventsCommand({ Entries: entries }));
}
/** Drops the cached client (tests that switch endpoints). */
export function resetEventsClient(): void {
  client?.destroy();
  client = undefined;
}

function busName(): string {
  const name = process.env[domainEventBus.envVar];
  if (!name) throw new Error(`${domainEventBus.envVar} is not set`);
  return name;
}

/** The size PutEvents counts for an entry (its strings, plus 14 bytes for the time). */
export function entrySize(e: PutEventsRequestEntry): number {
  const b = (s?: string) => (s ? Buffer.byteLength(s, 'utf8') : 0);
  return 14 + b(e.Source) + b(e.DetailType) + b(e.Detail) + (e.Resources ?? []).reduce((n, r) => n + b(r), 0);
}

/** Consecutive batches of at most 10 entries and 256 KB. */
export function putBatches<T>(items: readonly T[], size: (t: T) => number): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let bytes = 0;
  for (const it of items) {
    const s = size(it);
    if (cur.length && (cur.length === PUT_EVENTS_ENTRIES || bytes + s > PUT_EVENTS_BYTES)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(it);
    bytes += s;
  }
  if (cur.length) out.push(cur);
  return out;
}

export interface RelayResult {
  /** Pending records read. */
  read: number;
  published: number;
  failed: number;
  /** Pending records that failed OUTBOX_STUCK_ATTEMPTS times or more (after this run). */
  stuck: number;
}

/** The events of a page: each record's detail, or the error that keeps it from having one. */
async function detailsOf(records: readonly OutboxRecord[]): Promise<(DomainEvent | Error)[]> {
  const itemIds = new Set<string>();
  const orderIds = new Set<string>();
  for (const r of records) {
    if (r.detail || !r.subject) continue;
    const itemId = itemIdOfSubject(r.subject);
    if (itemId) itemIds.add(itemId);
    const orderId = r.data?.orderId;
    if (typeof orderId === 'string') orderIds.add(orderId);
  }
  const keys = [
    ...[...itemIds].map((itemId) => itemKeys.key({ itemId })),
    ...[...orderIds].map((orderId) => orderKeys.key({ orderId })),
  ];
  const found = keys.length ? await getRecords<Record<string, never>>(keys) : [];
  const items = new Map<string, Item>();
  const orders = new Map<string, Order>();
  found.forEach((rec, i) => {
    if (!rec) return;
    if (i < itemIds.size) items.set((rec as unknown as Item).itemId, rec as unknown as Item);
    else orders.set((rec as unknown as Order).orderId, rec as unknown as Order);
  });
  return records.map((r) => {
    try {
      if (r.detail) return DomainEvent.parse(r.detail);
      const itemId = r.subject ? itemIdOfSubject(r.subject) : undefined;
      const item = itemId ? items.get(itemId) : undefined;
      if (!item) return new Error(`${r.eventId}: no item for ${r.subject}`);
      const orderId = r.data?.orderId;
      const order = typeof orderId === 'string' ? orders.get(orderId) : undefined;
      return DomainEvent.parse(toDomainEvent(r as AuditSource, { item, order }));
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  });
}

async function ignoringRace(uow: UnitOfWork): Promise<void> {
  // Another run marked it first (both published: at least once).
  await uow.commit().catch((err) => {
    if (!(err instanceof Conflict)) throw err;
  });
}

/**
 * One run of the relay: page after page of pending records (at most `maxPages`), oldest first.
 * `now` stamps `publishedAt`.
 */
export async function relayOutbox(
  options: { maxPages?: number; now?: () => Date } = {},
): Promise<RelayResult> {
  const now = options.now ?? (() => new Date());
  const result: RelayResult = { read: 0, published: 0, failed: 0, stuck: 0 };
  const fail = async (r: OutboxRecord, error: string) => {
    result.failed++;
    if ((r.attempts ?? 0) + 1 >= OUTBOX_STUCK_ATTEMPTS) result.stuck++;
    const uow = new UnitOfWork();
    markFailed(uow, r, error);
    await ignoringRace(uow);
  };
  let cursor: string | undefined;
  for (let page = 0; page < (options.maxPages ?? 20); page++) {
    const { items: records, nextCursor } = await pendingPage(RELAY_PAGE, cursor);
    result.read += records.length;
    const details = await detailsOf(records);
    const ready: { record: OutboxRecord; detail: DomainEvent; entry: PutEventsRequestEntry }[] = [];
    for (const [i, record] of records.entries()) {
      const d = details[i]!;
      if (d instanceof Error) await fail(record, d.message);
      else
        ready.push({
          record,
          detail: d,
          entry: {
            EventBusName: busName(),
            Source: DOMAIN_EVENT_SOURCE,
            DetailType: d.type,
            Detail: JSON.stringify(d),
            Time: new Date(d.at),
          },
        });
    }
    for (const batch of putBatches(ready, (r) => entrySize(r.entry))) {
      let answers: { ErrorCode?: string | undefined; ErrorMessage?: string | undefined }[];
      try {
        const res = await putEvents(batch.map((b) => b.entry));
        answers = res.Entries ?? [];
      } catch (err) {
        const message = `PutEvents: ${(err as Error).name}: ${(err as Error).message}`;
        answers = batch.map(() => ({ ErrorCode: 'RequestFailed', ErrorMessage: message }));
      }
      for (const [i, b] of batch.entries()) {
        const a = answers[i];
        if (!a || a.ErrorCode) {
          await fail(b.record, `${a?.ErrorCode ?? 'NoAnswer'}: ${a?.ErrorMessage ?? ''}`);
          continue;
        }
        const uow = new UnitOfWork();
        markPublished(uow, b.record, b.detail, now().toISOString());
        await ignoringRace(uow);
        result.published++;
      }
    }
    cursor = nextCursor;
    if (!cursor) break;
  }
  return result;
}
