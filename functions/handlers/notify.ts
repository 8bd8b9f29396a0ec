/**
 * The Notify function (issue 13 §5): consumes the delivery queue, whose messages are the
 * EventBridge events of the bus as the rule's SQS target writes them
 * (`{ id, 'detail-type', source, time, detail, … }`), and delivers each (functions/app/delivery.ts).
 * Answers the messages that failed in `batchItemFailures` (the event source mapping reports
 * batch item failures): only those come back, after the visibility timeout, and after the
 * queue's `maxReceiveCount` receives they go to its dead-letter queue. A message that is not a
 * One List domain event fails too: it reaches the dead-letter queue, never dropped silently.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { deliverEvent } from '#app/delivery.ts';
import { DOMAIN_EVENT_SOURCE, DomainEvent } from '#domain/events.ts';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'one-list-notify' });

export interface SqsRecord {
  readonly messageId: string;
  readonly body: string;
  readonly attributes?: { readonly ApproximateReceiveCount?: string };
}
export interface SqsEvent {
  readonly Records: readonly SqsRecord[];
}
export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** The domain event a message carries, or why it carries none. */
export function eventOf(body: string): { event: DomainEvent } | { error: string } {
  let envelope: { source?: unknown; 'detail-type'?: unknown; detail?: unknown };
  try {
    envelope = JSON.parse(body) as typeof envelope;
  } catch {
    return { error: 'the message is not JSON' };
  }
  if (envelope.source !== DOMAIN_EVENT_SOURCE) return { error: `source ${String(envelope.source)}` };
  const parsed = DomainEvent.safeParse(envelope.detail);
  if (!parsed.success)
    return {
      error: `detail: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`.slice(
        0,
        500,
      ),
    };
  if (parsed.data.type !== envelope['detail-type'])
    return {
      error: `detail-type ${String(envelope['detail-type'])} is not the detail's type ${parsed.data.type}`,
    };
  return { event: parsed.data };
}

export async function handler(event: SqsEvent): Promise<SqsBatchResponse> {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  await Promise.all(
    event.Records.map(async (record) => {
      const receive = Number(record.attributes?.ApproximateReceiveCount ?? 1);
      const parsed = eventOf(record.body);
      if ('error' in parsed) {
        logger.error('not a domain event', { messageId: record.messageId, receive, error: parsed.error });
        batchItemFailures.push({ itemIdentifier: record.messageId });
        return;
      }
      try {
        const report = await deliverEvent(parsed.event);
        const log = {
          messageId: record.messageId,
          eventId: parsed.event.eventId,
          type: parsed.event.type,
          receive,
          ...report,
        };
        if (report.failed.length) {
          logger.warn('delivery failed for some addresses: the message is retried', log);
          batchItemFailures.push({ itemIdentifier: record.messageId });
        } else logger.info('delivered', log);
      } catch (err) {
        logger.error('delivery error', {
          messageId: record.messageId,
          receive,
          error: (err as Error).message,
        });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }),
  );
  return { batchItemFailures };
}
