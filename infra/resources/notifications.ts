/**
 * The delivery of notifications (issue 13 §5), declared once for the CDK stack and the local
 * runtime alike: the rule that takes One List's domain events off the bus into the delivery
 * queue, the queue's retry and dead-letter settings, the event source mapping of the `Notify`
 * function, the functions that send (Notify, and ApiOffice for the test message) and the CDK
 * context that configures the sender.
 *
 * The bus is the one of `buses.ts` (the outbox's relay publishes on it).
 */
import { DOMAIN_EVENT_SOURCE, DOMAIN_EVENT_TYPES } from '../../functions/domain/events.ts';
import { WEBHOOK_ALLOWED_HOSTS_ENV } from '../../functions/domain/notification-settings.ts';

/** The custom bus of the domain events: declared once, in buses.ts (the relay publishes on it). */
export { domainEventBus as DOMAIN_EVENT_BUS } from './buses.ts';

/** An EventBridge event pattern, as far as the rule uses one: equality on `source` and `detail-type`. */
export interface EventPattern {
  readonly source: readonly string[];
  readonly 'detail-type'?: readonly string[];
}

export interface DeliveryDeclaration {
  /** The function that consumes the queue. */
  readonly functionId: string;
  /** Functions that send mail and webhooks: the sender's variables and SES permission. */
  readonly senders: readonly string[];
  readonly rule: { readonly id: string; readonly description: string; readonly pattern: EventPattern };
  /** The rule target's own retries (EventBridge → SQS) before its dead-letter queue. */
  readonly ruleTarget: { readonly retryAttempts: number; readonly maxEventAgeSeconds: number };
  readonly queue: {
    /** Receives of a message before the queue moves it to its dead-letter queue. */
    readonly maxReceiveCount: number;
    /** At least 6× the function's timeout (AWS's advice for an SQS event source). */
    readonly visibilityTimeoutSeconds: number;
    readonly retentionDays: number;
  };
  readonly eventSource: { readonly batchSize: number; readonly maxBatchingWindowSeconds: number };
  /** Days the dead-letter queues keep a message (the most SQS allows: 14). */
  readonly deadLetterRetentionDays: number;
}

export const NOTIFY_FUNCTION_TIMEOUT_SECONDS = 30;

export const delivery: DeliveryDeclaration = {
  functionId: 'Notify',
  senders: ['Notify', 'ApiOffice'],
  rule: {
    id: 'DeliverDomainEvents',
    description: 'Every One List domain event to the delivery queue (e-mail and robot webhooks)',
    pattern: { source: [DOMAIN_EVENT_SOURCE], 'detail-type': [...DOMAIN_EVENT_TYPES] },
  },
  ruleTarget: { retryAttempts: 185, maxEventAgeSeconds: 24 * 3600 },
  queue: {
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 6 * NOTIFY_FUNCTION_TIMEOUT_SECONDS,
    retentionDays: 4,
  },
  eventSource: { batchSize: 10, maxBatchingWindowSeconds: 1 },
  deadLetterRetentionDays: 14,
};

/** The CDK context of the delivery (cdk.json or `-c key=value`). */
export const DELIVERY_CONTEXT = {
  /** The address mail is sent from (`NOTIFY_SENDER`); none: e-mails fail and reach the dead-letter queue. */
  sender: 'notifySender',
  /** The SES identity the sender belongs to (an address or a domain). @default the sender's domain */
  sesIdentity: 'notifySesIdentity',
  /** Hosts exempt from the public-HTTPS webhook rule (comma-separated). @default none */
  webhookAllowedHosts: 'notifyWebhookAllowedHosts',
} as const;

export { WEBHOOK_ALLOWED_HOSTS_ENV };
