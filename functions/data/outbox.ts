/**
 * The outbox of domain events and the addressees' notifications (keys.ts: `outbox`,
 * `notification`), and the units' deadline reminders (`reminder`). Audit-derived records are
 * written by `appendAudit` (audit.ts); the timers write theirs here (`createTimerEvent`); the
 * relay (functions/app/relay.ts) reads the pending ones and marks them.
 */
import type { DomainEvent, DomainEventType } from '#domain/events.ts';
import type { AuditSource } from '#domain/notifications.ts';
import { addresseesOf } from '#domain/notifications.ts';
import { keyQuery, mainTableName, type Page, queryPage, UnitOfWork } from './db.ts';
import { type Addressee, notification, outbox, reminder, rowOf } from './keys.ts';

/** An outbox record as stored (without its keys). */
export interface OutboxRecord extends Partial<Omit<AuditSource, 'eventId' | 'type' | 'at'>> {
  eventId: string;
  type: DomainEventType;
  at: string;
  /** The event as published (timer events: from the start). */
  detail?: DomainEvent;
  /** Failed publication attempts, and the last error. */
  attempts: number;
  lastError?: string;
  publishedAt?: string;
}

/** A timer's event, written once (conditional on its deterministic id) in `uow`. */
export function addTimerEvent(uow: UnitOfWork, detail: DomainEvent): void {
  uow.create(
    rowOf(outbox, { eventId: detail.eventId, at: detail.at, type: detail.type, detail, attempts: 0 }),
    `outbox ${detail.eventId}`,
  );
}

/** A timer's event on its own: false when it was written before (a second sweep). */
export async function createTimerEvent(detail: DomainEvent): Promise<boolean> {
  const uow = new UnitOfWork();
  addTimerEvent(uow, detail);
  // No SDK import of its own here: this module is in ApiWrite's bundle through app/evaluation.ts.
  return uow.commit().then(
    () => true,
    (err: { code?: string }) => {
      if (err.code === 'concurrent_change') return false;
      throw err;
    },
  );
}

/** A page of pending records, oldest first (one Query). */
export function pendingPage(limit: number, cursor?: string): Promise<Page<OutboxRecord>> {
  return queryPage<OutboxRecord>(keyQuery(outbox.queries.pending()), limit, cursor);
}

/** The office's view of the outbox: pending oldest first, or published newest first. */
export function outboxPage(
  status: 'pending' | 'published',
  limit: number,
  cursor?: string,
): Promise<Page<OutboxRecord>> {
  if (status === 'pending') return pendingPage(limit, cursor);
  return queryPage<OutboxRecord>(
    { ...keyQuery(outbox.queries.published()), ScanIndexForward: false },
    limit,
    cursor,
  );
}

/**
 * Marks a record published, in one transaction with its notifications (one per addressee, at
 * most 50 units and 2 desks): the update removes it from the pending index (GSI1) and puts it
 * in the published one (GSI2), conditional on its still being pending.
 */
export function markPublished(uow: UnitOfWork, record: OutboxRecord, detail: DomainEvent, at: string): void {
  const published = outbox.GSI2({ eventId: record.eventId, at: record.at, publishedAt: at });
  uow.update(
    {
      TableName: mainTableName(),
      Key: outbox.key(record),
      UpdateExpression:
        'SET publishedAt = :at, detail = :detail, GSI2PK = :gpk, GSI2SK = :gsk REMOVE GSI1PK, GSI1SK',
      ConditionExpression: 'attribute_exists(GSI1PK)',
      ExpressionAttributeValues: {
        ':at': at,
        ':detail': detail,
        ':gpk': published?.pk,
        ':gsk': published?.sk,
      },
    },
    `outbox ${record.eventId} published`,
  );
  for (const addressee of addresseesOf(detail)) {
    uow.update(
      {
        TableName: mainTableName(),
        Key: notification.key({ addressee, at: detail.at, eventId: detail.eventId }),
        UpdateExpression: 'SET entity = :e, eventId = :id, #t = :t, #at = :at, detail = :detail',
        ExpressionAttributeNames: { '#t': 'type', '#at': 'at' },
        ExpressionAttributeValues: {
          ':e': notification.entity,
          ':id': detail.eventId,
          ':t': detail.type,
          ':at': detail.at,
          ':detail': detail,
        },
      },
      `notification ${JSON.stringify(addressee)} ${detail.eventId}`,
    );
  }
}

/** Counts a failed attempt on a pending record (it stays pending). */
export function markFailed(uow: UnitOfWork, record: OutboxRecord, error: string): void {
  uow.update(
    {
      TableName: mainTableName(),
      Key: outbox.key(record),
      UpdateExpression: 'ADD attempts :one SET lastError = :err',
      ConditionExpression: 'attribute_exists(GSI1PK)',
      ExpressionAttributeValues: { ':one': 1, ':err': error.slice(0, 500) },
    },
    `outbox ${record.eventId} failed`,
  );
}

export interface StoredNotification {
  eventId: string;
  type: DomainEventType;
  at: string;
  detail: DomainEvent;
}

/** The notifications of an addressee, newest first. */
export function notificationsOf(
  addressee: Addressee,
  limit: number,
  cursor?: string,
): Promise<Page<StoredNotification>> {
  return queryPage<StoredNotification>(
    { ...keyQuery(notification.queries.of(addressee)), ScanIndexForward: false },
    limit,
    cursor,
  );
}

export interface StoredReminder {
  itemId: string;
  unitId: string;
  key: string;
  dueDate: string;
  color: 'yellow' | 'red';
  at: string;
  /** Written since 2026-12-02 (older reminders name the item by id only). */
  itemTitle?: string;
}

/** A unit's deadline reminders, newest due date first. */
export function remindersOf(unitId: string, limit: number, cursor?: string): Promise<Page<StoredReminder>> {
  return queryPage<StoredReminder>(
    { ...keyQuery(reminder.queries.ofUnit(unitId)), ScanIndexForward: false },
    limit,
    cursor,
  );
}
