/**
 * Task states of the evaluation workflow (statemachines/evaluation.asl.json), started by the
 * EventBridge Scheduler schedules (infra/resources/schedules.ts) or on demand.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import * as z from 'zod';
import { perInvocation } from '#app/calendar.ts';
import { deadlineSweep, runEvaluation, scheduledPeriod } from '#app/evaluation.ts';
import { DomainError } from '#domain/errors.ts';
import { Period, SYSTEM } from '#domain/model.ts';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'one-list-evaluation' });
const actor = { ...SYSTEM, sub: 'evaluation' };

const Event = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('evaluate'),
    period: z.union([z.literal('previous'), Period]),
  }),
  z.object({ action: z.literal('sweep') }),
]);

export async function step(raw: unknown): Promise<unknown> {
  const event = Event.parse(raw);
  if (event.action === 'sweep') {
    const reminders = await deadlineSweep({ actor });
    return { reminders: reminders.length, red: reminders.filter((r) => r.color === 'red').length };
  }
  const period = event.period === 'previous' ? scheduledPeriod() : event.period;
  const summary = await runEvaluation({ actor }, period).catch((err: unknown) => {
    // The execution fails with the error's name (RuleViolation: not retried) and a cause
    // whose message starts with the machine-readable code, for `npm run evaluate` and alarms.
    if (err instanceof DomainError) {
      throw Object.assign(new Error(`${err.code}: ${err.message}`), { name: err.name });
    }
    throw err;
  });
  logger.info('evaluation done', { summary });
  return summary;
}

export const handler = middy(async (event: unknown) => perInvocation(() => step(event)));
