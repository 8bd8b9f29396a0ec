/**
 * The outbox relay's Lambda function (functions/app/relay.ts): run every minute by the
 * `OutboxRelay` schedule (infra/resources/schedules.ts), and by `npm run relay`. Whatever the
 * event, it relays once and answers the counts.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import { type RelayResult, relayOutbox } from '#app/relay.ts';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'one-list-relay' });

export async function step(): Promise<RelayResult> {
  const r = await relayOutbox();
  if (r.read) logger.info('relayed', { ...r });
  return r;
}

export const handler = middy(async () => step());
