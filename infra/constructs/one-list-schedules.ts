/**
 * OneListSchedules: the EventBridge Scheduler schedules declared in
 * `infra/resources/schedules.ts`, each starting its target state machine with the declared
 * input, in the declared time zone, with the declared retry policy. Invocations that still
 * fail go to one encrypted dead-letter queue, and an alarm fires as soon as it holds a message.
 *
 * The expression of each schedule is resolved by the caller (`scheduleExpression(decl,
 * context)`), the same function the local scheduler uses, so both run the same expression.
 */
import { Duration, RemovalPolicy, TimeZone } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IAlarmAction,
  Stats,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke, StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { ScheduleDeclaration } from '../resources/schedules.ts';
import { acknowledgeResource, acknowledgeWildcardResource } from './nag.ts';

export const DEFAULT_RETRY_ATTEMPTS = 3;
export const DEFAULT_MAX_EVENT_AGE_SECONDS = 3600;

export interface OneListSchedulesProps {
  readonly schedules: readonly ScheduleDeclaration[];
  /** The EventBridge Scheduler expression in force for a declaration. */
  readonly expressionOf: (decl: ScheduleDeclaration) => string;
  /** The declared state machines, by id; every target must be among them. */
  readonly stateMachines: ReadonlyMap<string, IStateMachine>;
  /** The declared functions, by id; a function target must be among them. @default none */
  readonly functions?: ReadonlyMap<string, IFunction>;
  /** @default RemovalPolicy.RETAIN */
  readonly queueRemovalPolicy?: RemovalPolicy;
  /**
   * Actions when the dead-letter queue holds a message.
   * @default - none: the alarm is visible in CloudWatch only
   */
  readonly alarmActions?: readonly IAlarmAction[];
}

export class OneListSchedules extends Construct {
  /** By `ScheduleDeclaration.id`. */
  public readonly schedules: ReadonlyMap<string, Schedule>;
  public readonly deadLetterQueue: Queue;
  public readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, props: OneListSchedulesProps) {
    super(scope, id);

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.queueRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    acknowledgeResource(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the EventBridge Scheduler schedules (a schedule target DLQ, which cdk-nag does not recognise as one); operators inspect and redrive it by hand, and the DeadLetterAlarm fires on its first message.',
    );

    this.deadLetterAlarm = new Alarm(this, 'DeadLetterAlarm', {
      alarmDescription:
        'A scheduled evaluation or deadline sweep could not be started after all retries (see the schedules dead-letter queue).',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: Stats.MAXIMUM,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    if (props.alarmActions) this.deadLetterAlarm.addAlarmAction(...props.alarmActions);

    const ids = new Set<string>();
    const schedules = new Map<string, Schedule>();
    for (const decl of props.schedules) {
      if (ids.has(decl.id)) throw new Error(`schedule ${decl.id} is declared twice`);
      ids.add(decl.id);
      const target = decl.target;
      const machine = 'stateMachine' in target ? props.stateMachines.get(target.stateMachine) : undefined;
      const fn = 'function' in target ? props.functions?.get(target.function) : undefined;
      if (!machine && !fn) {
        throw new Error(
          'stateMachine' in target
            ? `schedule ${decl.id} starts state machine "${target.stateMachine}", which is not declared`
            : `schedule ${decl.id} invokes function "${target.function}", which is not declared`,
        );
      }
      const expression = props.expressionOf(decl);
      validateScheduleExpression(decl, expression);
      const retryAttempts = decl.retryAttempts ?? DEFAULT_RETRY_ATTEMPTS;
      const maxEventAgeSeconds = decl.maxEventAgeSeconds ?? DEFAULT_MAX_EVENT_AGE_SECONDS;
      const targetProps = {
        input: ScheduleTargetInput.fromObject({ ...target.input }),
        retryAttempts,
        maxEventAge: Duration.seconds(maxEventAgeSeconds),
        deadLetterQueue: this.deadLetterQueue,
      };
      // A function target gets a role of its own, so the wildcard of its grant (the function's
      // versions and aliases) is acknowledged on exactly that role.
      const fnRole = fn
        ? new Role(this, `${decl.id}Role`, { assumedBy: new ServicePrincipal('scheduler.amazonaws.com') })
        : undefined;
      if (fn && fnRole)
        acknowledgeWildcardResource(
          fnRole,
          `${fn.functionArn}:*`,
          'lambda:InvokeFunction on the scheduled function and its versions/aliases (qualified ARNs) only.',
        );
      const schedule = new Schedule(this, decl.id, {
        description: decl.description,
        schedule: ScheduleExpression.expression(expression, TimeZone.of(decl.timeZone)),
        target: machine
          ? new StepFunctionsStartExecution(machine, targetProps)
          : new LambdaInvoke(fn as IFunction, { ...targetProps, role: fnRole }),
      });
      schedules.set(decl.id, schedule);
    }
    this.schedules = schedules;
  }
}

/**
 * A light check of an EventBridge Scheduler expression at synthesis, so that a typo in
 * `-c evaluationSchedule=...` fails here rather than at deployment: `rate(n unit)`,
 * `cron(six fields)` or `at(yyyy-mm-ddThh:mm:ss)`; an IANA time zone; retry settings within
 * Scheduler's limits.
 */
export function validateScheduleExpression(decl: ScheduleDeclaration, expression: string): void {
  const where = `schedule ${decl.id} (context "${decl.contextKey}")`;
  const rate = /^rate\(([1-9]\d*) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  const cron = /^cron\((.+)\)$/.exec(expression);
  const at = /^at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\)$/.test(expression);
  if (rate) {
    const singular = rate[1] === '1';
    if (singular !== !rate[2]?.endsWith('s')) {
      throw new Error(`${where}: ${expression}: use "1 ${rate[2]?.replace(/s$/, '')}" or "n ${rate[2]}s"`);
    }
  } else if (cron) {
    const fields = (cron[1] ?? '').trim().split(/\s+/);
    if (fields.length !== 6) throw new Error(`${where}: ${expression}: a cron expression has six fields`);
    if (fields[2] !== '?' && fields[4] !== '?') {
      throw new Error(`${where}: ${expression}: day-of-month or day-of-week must be "?"`);
    }
  } else if (!at) {
    throw new Error(`${where}: "${expression}" is not a rate(), cron() or at() expression`);
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: decl.timeZone });
  } catch {
    throw new Error(`schedule ${decl.id}: "${decl.timeZone}" is not an IANA time zone`);
  }
  const attempts = decl.retryAttempts ?? DEFAULT_RETRY_ATTEMPTS;
  if (!Number.isInteger(attempts) || attempts < 0 || attempts > 185) {
    throw new Error(`schedule ${decl.id}: retryAttempts must be an integer from 0 to 185`);
  }
  const age = decl.maxEventAgeSeconds ?? DEFAULT_MAX_EVENT_AGE_SECONDS;
  if (!Number.isInteger(age) || age < 60 || age > 86_400) {
    throw new Error(`schedule ${decl.id}: maxEventAgeSeconds must be an integer from 60 to 86400`);
  }
}
