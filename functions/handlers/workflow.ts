/**
 * The Task states of the lifecycle workflows (statemachines/*.asl.json). Thin: validates
 * the event, calls functions/app/workflow.ts, returns plain JSON. Errors keep their domain
 * name (RuleViolation, NotFound, Conflict), which the workflows' Retry/Catch match on.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import * as z from 'zod/mini';
import { perInvocation } from '#app/calendar.ts';
import { applicationMetrics } from '#app/metrics.ts';
import {
  awaitChange,
  handOver,
  inquiryTimer,
  itemTimer,
  markInquiriesStarted,
  syncInquiry,
  syncItem,
} from '#app/workflow.ts';
import { WORKFLOW_HAND_OVERS } from '#resources/monitoring.ts';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'one-list-workflow' });
export const metrics = applicationMetrics({ fallbackService: 'one-list-workflow', logger });

/** What an execution says about itself to its Sync step (definitions since continue-as-new). */
const Self = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(80)),
  startedAt: z.iso.datetime({ offset: true }),
  definitionHash: z.string().check(z.minLength(1), z.maxLength(64)),
});
/** The execution's state (`$`): only the previous Sync's wake-up count is read from it. */
const State = z.optional(
  z.partial(
    z.object({
      sync: z.object({
        value: z.object({ wakeUps: z.optional(z.number().check(z.int(), z.gte(0), z.lte(1e6))) }),
      }),
    }),
  ),
);
const wakeUpsBefore = (state: z.infer<typeof State>) => state?.sync?.value.wakeUps ?? 0;
const withSelf = (execution: z.infer<typeof Self> | undefined, state: z.infer<typeof State>) =>
  execution ? { ...execution, wakeUpsBefore: wakeUpsBefore(state) } : undefined;

const Event = z.discriminatedUnion('action', [
  z.object({ action: z.literal('syncItem'), itemId: z.string(), execution: z.optional(Self), state: State }),
  z.object({ action: z.literal('itemTimer'), itemId: z.string() }),
  z.object({ action: z.literal('markInquiriesStarted'), itemId: z.string(), orderIds: z.array(z.string()) }),
  z.object({
    action: z.literal('syncInquiry'),
    orderId: z.string(),
    execution: z.optional(Self),
    state: State,
  }),
  z.object({
    action: z.literal('handOver'),
    subject: z.enum(['item', 'order']),
    id: z.string().check(z.minLength(1)),
    executionName: z.string().check(z.minLength(1), z.maxLength(80)),
    stateMachineArn: z.string().check(z.regex(/^arn:aws[\w-]*:states:[^:]+:\d+:stateMachine:[^:]+$/)),
    reason: z.enum(['lifetime', 'history', 'definition']),
  }),
  z.object({ action: z.literal('inquiryTimer'), orderId: z.string() }),
  z.object({
    action: z.literal('awaitChange'),
    subject: z.enum(['item', 'order']),
    id: z.string(),
    version: z.number().check(z.int()),
    token: z.string().check(z.minLength(1)),
    waitingFor: z.string(),
    executionArn: z.optional(z.string()),
  }),
]);
export type WorkflowEvent = z.infer<typeof Event>;

export async function step(raw: unknown): Promise<unknown> {
  const event = Event.parse(raw);
  switch (event.action) {
    case 'syncItem':
      return syncItem(event.itemId, withSelf(event.execution, event.state));
    case 'itemTimer':
      return itemTimer(event.itemId);
    case 'markInquiriesStarted':
      await markInquiriesStarted(event.itemId, event.orderIds);
      return { marked: event.orderIds.length };
    case 'syncInquiry':
      return syncInquiry(event.orderId, withSelf(event.execution, event.state));
    case 'handOver': {
      const next = await handOver(event);
      countHandOver(event, next.executionName);
      return next;
    }
    case 'inquiryTimer':
      return inquiryTimer(event.orderId);
    case 'awaitChange':
      return awaitChange(event);
  }
}

type HandOverEvent = Extract<WorkflowEvent, { action: 'handOver' }>;

/**
 * `WorkflowHandOvers` by `service` and `reason`, naming both generations (metadata). A
 * generation superseded meanwhile hands over to nothing (or to itself): not counted.
 */
export function countHandOver(event: HandOverEvent, next: string | undefined): void {
  if (next === undefined || next === event.executionName) return;
  metrics.addDimension('reason', event.reason);
  metrics.addMetric(WORKFLOW_HAND_OVERS.metricName, WORKFLOW_HAND_OVERS.unit, 1);
  metrics.addMetadata('subject', `${event.subject} ${event.id}`);
  metrics.addMetadata('from', event.executionName);
  metrics.addMetadata('to', next);
}

export const handler = middy(async (event: unknown) => {
  try {
    return await perInvocation(() => step(event));
  } catch (err) {
    logger.warn('workflow step failed', { error: err as Error, event });
    throw err;
  }
}).use(logMetrics(metrics));
