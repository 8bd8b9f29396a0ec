/**
 * The outbox relay's Lambda function (functions/app/relay.ts): run every minute by the
 * `OutboxRelay` schedule (infra/resources/schedules.ts), and by `npm run relay`. Whatever the
 * event, it relays once and answers the counts.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { applicationMetrics } from '#app/metrics.ts';
import { type RelayResult, relayOutbox } from '#app/relay.ts';
import { OUTBOX_PUBLISH_FAILURES, OUTBOX_STUCK } from '#resources/monitoring.ts';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'one-list-relay' });
export const metrics = applicationMetrics({ fallbackService: 'one-list-relay', logger });

export async function step(): Promise<RelayResult> {
  const r = await relayOutbox();
  if (r.read) logger.info('relayed', { ...r });
  countRun(r);
  return r;
}

/** Every run counts its failures and the records stuck (both alarmed; zero included). */
export function countRun(r: RelayResult): void {
  metrics.addMetric(OUTBOX_PUBLISH_FAILURES.metricName, OUTBOX_PUBLISH_FAILURES.unit, r.failed);
  metrics.addMetric(OUTBOX_STUCK.metricName, OUTBOX_STUCK.unit, r.stuck);
  metrics.addMetadata('read', String(r.read));
  metrics.addMetadata('published', String(r.published));
}

export const handler = middy(async () => step()).use(logMetrics(metrics));
