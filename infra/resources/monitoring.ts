/**
 * The one declaration of what the operators are told about: the application's own metrics
 * (emitted by the functions, alarmed on by the stack) and the deployment context that says
 * who is told. Functions emit these with CloudWatch embedded metric format (Powertools
 * Metrics), in `namespace`, with the single dimension `service` = POWERTOOLS_SERVICE_NAME
 * (Powertools' default dimension; the stack sets it on every function).
 */
export interface ApplicationMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly unit: 'Count';
  readonly description: string;
  /** Alarm when the Sum over `periodMinutes` reaches this value. */
  readonly alarmThreshold: number;
  readonly periodMinutes: number;
}

/** CloudWatch namespace of every application metric. */
export const METRICS_NAMESPACE = 'OneList';

/** The dimension every application metric carries, with the function's service name as value. */
export const METRICS_SERVICE_DIMENSION = 'service';

/**
 * The reconciler found workflows that should run but do not (an active item or open inquiry
 * whose recorded execution is not RUNNING, or a start left unfinished): it starts the next
 * generation of each and adds their number to this metric. Any value is worth a look: on
 * a healthy system the workflows never get lost.
 */
export const LOST_WORKFLOWS: ApplicationMetric = {
  namespace: METRICS_NAMESPACE,
  metricName: 'LostWorkflows',
  unit: 'Count',
  description:
    'Workflows the reconciler found lost (not RUNNING while their subject is active) and restarted',
  alarmThreshold: 1,
  periodMinutes: 60,
};

/**
 * Entries the outbox relay could not publish in a run (PutEvents refused them, or the record
 * could not make its event): they stay pending and are retried on the next run. A few are
 * throttling; many in a quarter of an hour are worth a look.
 */
export const OUTBOX_PUBLISH_FAILURES: ApplicationMetric = {
  namespace: METRICS_NAMESPACE,
  metricName: 'OutboxPublishFailures',
  unit: 'Count',
  description: 'Outbox records the relay failed to publish in a run (kept pending, retried)',
  alarmThreshold: 10,
  periodMinutes: 15,
};

/**
 * Pending outbox records that failed OUTBOX_STUCK_ATTEMPTS times or more (counted on every
 * run while they stay so): nothing is dropped, so one is an operator's job.
 */
export const OUTBOX_STUCK: ApplicationMetric = {
  namespace: METRICS_NAMESPACE,
  metricName: 'OutboxStuck',
  unit: 'Count',
  description: 'Outbox records that keep failing to publish (still pending)',
  alarmThreshold: 1,
  periodMinutes: 15,
};

export const OUTBOX_STUCK_ATTEMPTS = 5;

export const APPLICATION_METRICS: readonly ApplicationMetric[] = [
  LOST_WORKFLOWS,
  OUTBOX_PUBLISH_FAILURES,
  OUTBOX_STUCK,
];

/**
 * A workflow execution handed over to its next generation (continue-as-new: old, long history,
 * or an old definition), with the dimensions `service` and `reason`. Normal operation, so not
 * alarmed (not among APPLICATION_METRICS): a view of how often long-lived items roll over and
 * how many executions moved to a new definition after a deploy.
 */
export const WORKFLOW_HAND_OVERS = {
  namespace: METRICS_NAMESPACE,
  metricName: 'WorkflowHandOvers',
  unit: 'Count',
  description: 'Workflow executions that handed over to their next generation, by reason',
} as const;

export const MONITORING_CONTEXT = {
  /** E-mail addresses subscribed to the alarm topic: a list, JSON array or comma-separated. */
  alarmEmails: 'alarmEmails',
} as const;

/** The alarm e-mail addresses in force (absent: none; alarms still go to the topic). */
export function alarmEmails(context: Readonly<Record<string, unknown>>): string[] {
  const raw = context[MONITORING_CONTEXT.alarmEmails];
  if (raw === undefined || raw === null || raw === '') return [];
  let list: unknown = raw;
  if (typeof raw === 'string') {
    const text = raw.trim();
    list = text.startsWith('[') ? (JSON.parse(text) as unknown) : text.split(',').map((s) => s.trim());
  }
  if (!Array.isArray(list) || !list.every((e): e is string => typeof e === 'string')) {
    throw new Error(`context "alarmEmails" must be a list of e-mail addresses (got ${JSON.stringify(raw)})`);
  }
  const emails = list.filter((e) => e.length > 0);
  for (const e of emails) {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e)) {
      throw new Error(`context "alarmEmails": "${e}" is not an e-mail address`);
    }
  }
  return emails;
}
