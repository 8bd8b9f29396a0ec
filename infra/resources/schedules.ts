/**
 * The one declaration of every schedule. CDK creates an EventBridge Scheduler schedule per
 * entry (time zone, retry policy, dead-letter queue) that starts the target state machine;
 * the local scheduler (`npm start`) runs the same expressions with a cron library. The
 * expression comes from CDK context (`cdk.json`, overridable with `-c key=value`).
 */
export interface ScheduleDeclaration {
  readonly id: string;
  readonly description: string;
  /** CDK context key holding the EventBridge Scheduler expression. */
  readonly contextKey: string;
  /** Used when the context does not set one. */
  readonly defaultExpression: string;
  readonly timeZone: string;
  /** State machine (by id) the schedule starts, or function (by id) it invokes, with this input. */
  readonly target:
    | { readonly stateMachine: string; readonly input: Readonly<Record<string, string>> }
    | { readonly function: string; readonly input: Readonly<Record<string, string>> };
  /** @default 3 */
  readonly retryAttempts?: number;
  /** @default 3600 */
  readonly maxEventAgeSeconds?: number;
}

export const schedules: readonly ScheduleDeclaration[] = [
  {
    id: 'MonthlyEvaluation',
    description: 'Evaluate the previous month: rankings, lag flags, inquiry orders.',
    contextKey: 'evaluationSchedule',
    defaultExpression: 'cron(0 2 1 * ? *)',
    timeZone: 'Asia/Shanghai',
    target: { stateMachine: 'Evaluation', input: { job: 'evaluate', period: 'previous' } },
  },
  {
    id: 'DailyDeadlineSweep',
    description: 'Yellow and red deadline reminders.',
    contextKey: 'deadlineSweepSchedule',
    defaultExpression: 'cron(0 1 * * ? *)',
    timeZone: 'Asia/Shanghai',
    target: { stateMachine: 'Evaluation', input: { job: 'sweep' } },
  },
  {
    id: 'DailyReconcile',
    description:
      'The reconciler: every active item and open inquiry whose execution is not RUNNING gets the next generation.',
    contextKey: 'reconcileSchedule',
    defaultExpression: 'cron(30 3 * * ? *)',
    timeZone: 'Asia/Shanghai',
    target: { stateMachine: 'Reconcile', input: { job: 'reconcile' } },
  },
  {
    id: 'OutboxRelay',
    description: 'The outbox relay: pending domain events onto the event bus.',
    contextKey: 'outboxRelaySchedule',
    defaultExpression: 'rate(1 minute)',
    timeZone: 'Asia/Shanghai',
    target: { function: 'Relay', input: { job: 'relay' } },
    // A missed minute is made up by the next one: no retries to pile up, a short event age.
    retryAttempts: 0,
    maxEventAgeSeconds: 60,
  },
];

/** The expression in force: the context value if set, else the default. */
export function scheduleExpression(
  decl: ScheduleDeclaration,
  context: Readonly<Record<string, unknown>>,
): string {
  const v = context[decl.contextKey];
  return typeof v === 'string' && v.trim() ? v : decl.defaultExpression;
}
