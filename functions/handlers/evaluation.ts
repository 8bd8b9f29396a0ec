/**
 * Task states of the evaluation workflow (statemachines/evaluation.asl.json), started by the
 * EventBridge Scheduler schedules (infra/resources/schedules.ts) or on demand.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import * as z from 'zod/mini';
import { perInvocation } from '#app/calendar.ts';
import { deadlineSweep, finishEvaluation, rankChunk, scheduledPeriod, scoreChunk } from '#app/evaluation.ts';
import { DomainError } from '#domain/errors.ts';
import { Period, SYSTEM } from '#domain/model.ts';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'one-list-evaluation' });
const actor = { ...SYSTEM, sub: 'evaluation' };

/** A run is named by its execution (a retried step of it writes the same records). */
const Run = z.string().check(z.minLength(1), z.maxLength(80), z.regex(/^[^\s#]+$/));
const Chunk = z.number().check(z.int(), z.gte(0), z.lte(999));

const Event = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('score'),
    period: z.union([z.literal('previous'), Period]),
    run: Run,
    chunk: Chunk,
    position: z.nullable(
      z.object({
        s: z.number().check(z.int(), z.gte(0), z.lte(99)),
        c: z.optional(z.string().check(z.maxLength(2048))),
      }),
    ),
  }),
  z.object({
    action: z.literal('rank'),
    period: Period,
    run: Run,
    chunk: Chunk,
    chunks: Chunk.check(z.lte(1000)),
  }),
  z.object({ action: z.literal('finish'), period: Period, run: Run, chunks: Chunk.check(z.lte(1000)) }),
  z.object({ action: z.literal('sweep') }),
]);

async function run(event: z.infer<typeof Event>): Promise<unknown> {
  switch (event.action) {
    case 'sweep': {
      const reminders = await deadlineSweep({ actor });
      return { reminders: reminders.length, red: reminders.filter((r) => r.color === 'red').length };
    }
    case 'score': {
      const period = event.period === 'previous' ? scheduledPeriod() : event.period;
      return scoreChunk({ actor }, period, event.run, event.chunk, event.position);
    }
    case 'rank':
      return rankChunk({ actor }, event.period, event.run, event.chunk, event.chunks);
    case 'finish': {
      const summary = await finishEvaluation({ actor }, event.period, event.run, event.chunks);
      logger.info('evaluation done', { summary });
      return summary;
    }
  }
}

export async function step(raw: unknown): Promise<unknown> {
  return run(Event.parse(raw)).catch((err: unknown) => {
    // The execution fails with the error's name (RuleViolation: not retried) and a cause
    // whose message starts with the machine-readable code, for `npm run evaluate` and alarms.
    if (err instanceof DomainError) {
      throw Object.assign(new Error(`${err.code}: ${err.message}`), { name: err.name });
    }
    throw err;
  });
}

export const handler = middy(async (event: unknown) => perInvocation(() => step(event)));
