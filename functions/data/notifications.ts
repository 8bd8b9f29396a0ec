/**
 * Notification settings (per unit and per desk, keys.ts `notificationSettings`) and the
 * delivery records that make the Notify function idempotent (keys.ts `delivery`).
 */
import { createHash } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { NewAuditEvent } from '#domain/audit.ts';
import type { NotificationSettings } from '#domain/notification-settings.ts';
import { type AuditHead, appendAudit, NEW_TRAIL } from './audit.ts';
import { documentClient, getRecords, mainTableName, type UnitOfWork } from './db.ts';
import { delivery as deliveryKeys, rowOf, notificationSettings as settingsKeys } from './keys.ts';

export interface StoredSettings extends NotificationSettings, AuditHead {
  owner: string;
  version: number;
  updatedAt: string;
}

export const settingsPk = (owner: string) => settingsKeys.key({ owner }).PK;

export async function findSettings(owner: string): Promise<StoredSettings | undefined> {
  const [found] = await getRecords<StoredSettings>([settingsKeys.key({ owner })]);
  return found;
}

/** The settings of many owners at once (an event's recipients), by owner. */
export async function settingsOf(owners: readonly string[]): Promise<Map<string, StoredSettings>> {
  const found = await getRecords<StoredSettings>(owners.map((owner) => settingsKeys.key({ owner })));
  return new Map(found.filter((s): s is StoredSettings => !!s).map((s) => [s.owner, s]));
}

/** Writes the settings (created, or replaced at the version read) and the audit event in one transaction. */
export function putSettings(
  uow: UnitOfWork,
  owner: string,
  settings: NotificationSettings,
  before: StoredSettings | undefined,
  at: string,
  events: readonly NewAuditEvent[],
): StoredSettings {
  const head = appendAudit(uow, settingsPk(owner), before ?? NEW_TRAIL, at, events);
  const record: StoredSettings = {
    owner,
    emails: settings.emails,
    webhooks: settings.webhooks,
    version: (before?.version ?? 0) + 1,
    updatedAt: at,
    ...head,
  };
  const row = rowOf(settingsKeys, record);
  if (before) uow.replace({ ...row, version: record.version }, before.version, `notifications ${owner}`);
  else uow.create(row, `notifications ${owner}`);
  return record;
}

// ---------------------------------------------------------------------------------------------
// Deliveries

export type DeliveryStatus = 'sending' | 'sent' | 'failed';

export interface Delivery {
  eventId: string;
  channel: string;
  target: string;
  status: DeliveryStatus;
  attempts: number;
  claimedAt: string;
  sentAt?: string;
  error?: string;
}

/** The address as a delivery record names it: 32 hex digits of its SHA-256. */
export const deliveryTarget = (address: string): string =>
  createHash('sha256').update(address, 'utf8').digest('hex').slice(0, 32);

export type Claim = 'claimed' | 'sent' | 'busy';

/**
 * Claims the delivery before sending: succeeds when no record exists, or the last attempt
 * failed, or a claim older than `staleBefore` was abandoned (a function that timed out). A
 * delivery already sent answers `sent` (send nothing); one another invocation is sending now
 * answers `busy` (the message is retried later).
 */
export async function claimDelivery(
  d: { eventId: string; channel: string; target: string },
  now: string,
  staleBefore: string,
): Promise<Claim> {
  const key = deliveryKeys.key(d);
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: mainTableName(),
        Key: key,
        UpdateExpression:
          'SET #entity = :entity, #e = :e, #c = :c, #t = :t, #s = :sending, #claimed = :now ADD #attempts :one',
        ConditionExpression:
          'attribute_not_exists(PK) OR #s = :failed OR (#s = :sending AND #claimed < :stale)',
        ExpressionAttributeNames: {
          '#entity': 'entity',
          '#e': 'eventId',
          '#c': 'channel',
          '#t': 'target',
          '#s': 'status',
          '#claimed': 'claimedAt',
          '#attempts': 'attempts',
        },
        ExpressionAttributeValues: {
          ':entity': deliveryKeys.entity,
          ':e': d.eventId,
          ':c': d.channel,
          ':t': d.target,
          ':sending': 'sending',
          ':failed': 'failed',
          ':now': now,
          ':stale': staleBefore,
          ':one': 1,
        },
      }),
    );
    return 'claimed';
  } catch (err) {
    if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
    const res = await documentClient().send(
      new GetCommand({ TableName: mainTableName(), Key: key, ConsistentRead: true }),
    );
    return (res.Item as Delivery | undefined)?.status === 'sent' ? 'sent' : 'busy';
  }
}

/** Marks a claimed delivery sent, or failed (`error`: why, for the operators). */
export async function settleDelivery(
  d: { eventId: string; channel: string; target: string },
  outcome: { sentAt: string } | { error: string },
): Promise<void> {
  const sent = 'sentAt' in outcome;
  await documentClient().send(
    new UpdateCommand({
      TableName: mainTableName(),
      Key: deliveryKeys.key(d),
      UpdateExpression: sent ? 'SET #s = :sent, #sentAt = :at REMOVE #err' : 'SET #s = :failed, #err = :err',
      ConditionExpression: '#s = :sending',
      ExpressionAttributeNames: sent
        ? { '#s': 'status', '#err': 'error', '#sentAt': 'sentAt' }
        : { '#s': 'status', '#err': 'error' },
      ExpressionAttributeValues: sent
        ? { ':sent': 'sent', ':at': outcome.sentAt, ':sending': 'sending' }
        : { ':failed': 'failed', ':err': outcome.error.slice(0, 300), ':sending': 'sending' },
    }),
  );
}

/** The delivery records of an event (tests, operators). */
export async function deliveriesOf(
  eventId: string,
  targets: readonly { channel: string; target: string }[],
): Promise<(Delivery | undefined)[]> {
  return getRecords<Delivery>(targets.map((t) => deliveryKeys.key({ eventId, ...t })));
}
