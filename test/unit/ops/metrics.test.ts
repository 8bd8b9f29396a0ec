/**
 * The application's metrics as Powertools Metrics writes them (functions/app/metrics.ts and
 * the handlers that count: Relay, Reconcile, Workflow): namespace, metric name, dimensions,
 * unit and value in the embedded metric format, against the declarations the alarms derive
 * from (infra/resources/monitoring.ts).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applicationMetrics } from '../../../functions/app/metrics.ts';
import * as reconcileHandler from '../../../functions/handlers/reconcile.ts';
import * as relayHandler from '../../../functions/handlers/relay.ts';
import * as workflowHandler from '../../../functions/handlers/workflow.ts';
import {
  APPLICATION_METRICS,
  LOST_WORKFLOWS,
  METRICS_NAMESPACE,
  METRICS_SERVICE_DIMENSION,
  OUTBOX_PUBLISH_FAILURES,
  OUTBOX_STUCK,
  WORKFLOW_HAND_OVERS,
} from '../../../infra/resources/monitoring.ts';

interface Emf {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

/** What the invocation would write (and then forgets it, as publishing does). */
function taken(metrics: Metrics): Emf | undefined {
  const out = metrics.hasStoredMetrics() ? (metrics.serializeMetrics() as unknown as Emf) : undefined;
  metrics.clearMetrics();
  metrics.clearDimensions();
  metrics.clearMetadata();
  return out;
}

/** The service dimension's value: POWERTOOLS_SERVICE_NAME, which the stack sets (and the alarm uses). */
const service = (fallback: string) => process.env.POWERTOOLS_SERVICE_NAME ?? fallback;

const handOver = {
  action: 'handOver' as const,
  subject: 'item' as const,
  id: 'i1',
  executionName: 'item-i1',
  stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:ItemLifecycle',
  reason: 'lifetime' as const,
};

const report = {
  years: [2026],
  items: { found: 5, running: 2, restarted: 2, gone: 1 },
  inquiries: { found: 2, running: 1, restarted: 1, gone: 0, pending: 0 },
  restarted: ['item a → a--g2', 'item b → b--g2', 'order o → o--g3'],
  gone: ['item c: c--g1'],
  ms: 12,
  truncated: 0,
};

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('application metrics (Powertools, embedded metric format)', () => {
  it('Relay counts OutboxPublishFailures and OutboxStuck every run, by service, with read/published as metadata', () => {
    relayHandler.countRun({ read: 7, published: 4, failed: 3, stuck: 0 });
    const emf = taken(relayHandler.metrics);
    expect(emf?._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: METRICS_NAMESPACE,
        Dimensions: [[METRICS_SERVICE_DIMENSION]],
        Metrics: [
          { Name: OUTBOX_PUBLISH_FAILURES.metricName, Unit: OUTBOX_PUBLISH_FAILURES.unit },
          { Name: OUTBOX_STUCK.metricName, Unit: OUTBOX_STUCK.unit },
        ],
      },
    ]);
    expect(emf).toMatchObject({
      [METRICS_SERVICE_DIMENSION]: service('one-list-relay'),
      [OUTBOX_PUBLISH_FAILURES.metricName]: 3,
      [OUTBOX_STUCK.metricName]: 0,
      read: '7',
      published: '4',
    });
  });

  it('Reconcile counts LostWorkflows = restarted + gone every run, with the lists as metadata', () => {
    reconcileHandler.countRun(report);
    const emf = taken(reconcileHandler.metrics);
    expect(emf?._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: METRICS_NAMESPACE,
        Dimensions: [[METRICS_SERVICE_DIMENSION]],
        Metrics: [{ Name: LOST_WORKFLOWS.metricName, Unit: LOST_WORKFLOWS.unit }],
      },
    ]);
    expect(emf).toMatchObject({
      [METRICS_SERVICE_DIMENSION]: service('one-list-reconcile'),
      [LOST_WORKFLOWS.metricName]: 4,
      restarted: JSON.stringify(report.restarted),
      gone: JSON.stringify(report.gone),
    });
    reconcileHandler.countRun({
      ...report,
      items: { ...report.items, restarted: 0, gone: 0 },
      inquiries: { ...report.inquiries, restarted: 0 },
    });
    expect(taken(reconcileHandler.metrics)).toMatchObject({ [LOST_WORKFLOWS.metricName]: 0 });
  });

  it('Workflow counts a hand-over once, by service and reason, naming both generations', () => {
    workflowHandler.countHandOver(handOver, 'item-i1--g2');
    const emf = taken(workflowHandler.metrics);
    expect(emf?._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: WORKFLOW_HAND_OVERS.namespace,
        Dimensions: [[METRICS_SERVICE_DIMENSION, 'reason']],
        Metrics: [{ Name: WORKFLOW_HAND_OVERS.metricName, Unit: WORKFLOW_HAND_OVERS.unit }],
      },
    ]);
    expect(emf).toMatchObject({
      [METRICS_SERVICE_DIMENSION]: service('one-list-workflow'),
      reason: 'lifetime',
      [WORKFLOW_HAND_OVERS.metricName]: 1,
      subject: 'item i1',
      from: 'item-i1',
      to: 'item-i1--g2',
    });
  });

  it('Workflow counts nothing when the generation handed over to nothing or to itself', () => {
    workflowHandler.countHandOver(handOver, undefined);
    workflowHandler.countHandOver(handOver, 'item-i1');
    expect(taken(workflowHandler.metrics)).toBeUndefined();
  });

  it('every alarmed metric is counted by some function (the alarms watch names the code writes)', () => {
    relayHandler.countRun({ read: 0, published: 0, failed: 0, stuck: 0 });
    reconcileHandler.countRun(report);
    const written = [taken(relayHandler.metrics), taken(reconcileHandler.metrics)].flatMap((e) =>
      (e?._aws.CloudWatchMetrics ?? []).flatMap((m) => m.Metrics.map((d) => `${m.Namespace}/${d.Name}`)),
    );
    expect(written.sort()).toEqual(APPLICATION_METRICS.map((m) => `${m.namespace}/${m.metricName}`).sort());
  });

  it('the service dimension is Powertools’ default one, with the function’s service name', () => {
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'one-list');
    const m = applicationMetrics({ fallbackService: 'x', logger: new Logger() });
    m.addMetric('M', 'Count', 1);
    expect(taken(m)).toMatchObject({ [METRICS_SERVICE_DIMENSION]: 'one-list' });
  });
});

describe('where the lines are written', () => {
  const lines = () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    return out;
  };
  const logger = () => {
    const l = new Logger({ serviceName: 't' });
    const warn = vi.spyOn(l, 'warn').mockImplementation(() => undefined);
    return { l, warn };
  };

  it('in a Lambda function: one EMF line on stdout when the invocation publishes', () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'one-list-relay');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', undefined);
    vi.stubEnv('POWERTOOLS_DEV', undefined);
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'one-list');
    const { l } = logger();
    const m = applicationMetrics({ fallbackService: 'x', logger: l });
    const out = lines();
    m.addMetric(OUTBOX_STUCK.metricName, OUTBOX_STUCK.unit, 2);
    m.publishStoredMetrics();
    vi.mocked(process.stdout.write).mockRestore();
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0] ?? '')).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Metrics: [{ Name: 'OutboxStuck' }] }] },
      service: 'one-list',
      OutboxStuck: 2,
    });
  });

  it('an invocation without metrics writes nothing and logs no warning (most Workflow steps)', () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'one-list-workflow');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', undefined);
    vi.stubEnv('POWERTOOLS_DEV', undefined);
    const { l, warn } = logger();
    const m = applicationMetrics({ fallbackService: 'x', logger: l });
    const out = lines();
    m.publishStoredMetrics();
    vi.mocked(process.stdout.write).mockRestore();
    expect(out).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('outside Lambda (tests, npm start, scripts, bench): nothing on stdout', () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', undefined);
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', undefined);
    vi.stubEnv('POWERTOOLS_DEV', undefined);
    const { l } = logger();
    const m = applicationMetrics({ fallbackService: 'x', logger: l });
    const out = lines();
    m.addMetric(OUTBOX_STUCK.metricName, OUTBOX_STUCK.unit, 2);
    m.publishStoredMetrics();
    vi.mocked(process.stdout.write).mockRestore();
    expect(out).toEqual([]);
  });
});
