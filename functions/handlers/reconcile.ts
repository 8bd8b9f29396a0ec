/**
 * The reconciler's Lambda function (functions/app/reconcile.ts): the Task of
 * statemachines/reconcile.asl.json (the DailyReconcile schedule, `POST /v1/ops/reconcile`)
 * and the after-deploy trigger (aws-cdk-lib/triggers invokes it directly). Whatever the event,
 * it reconciles once; the answer is the report's counts and at most 100 lines of each list
 * (a state's output stays under Step Functions' 256 KiB).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { perInvocation } from '#app/calendar.ts';
import { applicationMetrics } from '#app/metrics.ts';
import { lostWorkflows, type ReconcileReport, reconcile } from '#app/reconcile.ts';
import { SYSTEM } from '#domain/model.ts';
import { LOST_WORKFLOWS } from '#resources/monitoring.ts';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'one-list-reconcile' });
export const metrics = applicationMetrics({ fallbackService: 'one-list-reconcile', logger });
const actor = { ...SYSTEM, sub: 'reconcile' };
const MAX_LINES = 100;

export interface ReconcileSummary extends Omit<ReconcileReport, 'restarted' | 'gone'> {
  readonly restarted: string[];
  readonly gone: string[];
  /** Lines left out of `restarted` and `gone` (in the log line in full). */
  readonly truncated: number;
}

export function summarise(r: ReconcileReport): ReconcileSummary {
  return {
    ...r,
    restarted: r.restarted.slice(0, MAX_LINES),
    gone: r.gone.slice(0, MAX_LINES),
    truncated: Math.max(0, r.restarted.length - MAX_LINES) + Math.max(0, r.gone.length - MAX_LINES),
  };
}

export async function step(): Promise<ReconcileSummary> {
  const report = await reconcile({ actor });
  logger.info('reconciled', { items: report.items, inquiries: report.inquiries, ms: report.ms });
  const summary = summarise(report);
  countRun(summary);
  return summary;
}

/**
 * Every run counts `LostWorkflows`, zero included (the alarm's Sum); the summary's lists
 * (at most MAX_LINES each) beside it as metadata.
 */
export function countRun(summary: ReconcileSummary): void {
  metrics.addMetric(LOST_WORKFLOWS.metricName, LOST_WORKFLOWS.unit, lostWorkflows(summary));
  metrics.addMetadata('restarted', JSON.stringify(summary.restarted));
  metrics.addMetadata('gone', JSON.stringify(summary.gone));
}

export const handler = middy(async () => perInvocation(() => step())).use(logMetrics(metrics));
