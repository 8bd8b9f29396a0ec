/**
 * OneListMonitoring: someone is told. One SNS topic for every alarm (encrypted with a key
 * CloudWatch may use, HTTPS only), e-mail subscriptions from context, the alarms of what can go
 * wrong unseen (function errors and throttles, API 5xx and latency, DynamoDB throttles, lost
 * workflows) and a dashboard of the same metrics. `actOnEveryAlarm` then gives every alarm of
 * the stack (the state machines', the schedules' dead-letter alarm, any added later) the topic
 * as its alarm and OK action, so that no alarm is visible in the console only.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  Stats,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { AnyPrincipal, Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, type IConstruct } from 'constructs';
import {
  type ApplicationMetric,
  METRICS_SERVICE_DIMENSION,
  WORKFLOW_HAND_OVERS,
} from '../resources/monitoring.ts';

export interface OneListMonitoringProps {
  readonly functions: ReadonlyMap<string, IFunction>;
  readonly tables: ReadonlyMap<string, ITable>;
  readonly stateMachines: ReadonlyMap<string, IStateMachine>;
  readonly httpApi: HttpApi;
  /** The application metrics to alarm on (infra/resources/monitoring.ts). */
  readonly applicationMetrics: readonly ApplicationMetric[];
  /** POWERTOOLS_SERVICE_NAME of the functions: the `service` dimension of application metrics. */
  readonly serviceName: string;
  /** Subscribed to the topic (each must confirm the subscription e-mail). */
  readonly alarmEmails: readonly string[];
  /** API latency alarm: p99 above this many milliseconds for three 5-minute periods. @default 3000 */
  readonly apiLatencyThresholdMs?: number;
  readonly dashboardName?: string;
}

const FIVE_MINUTES = Duration.minutes(5);

export class OneListMonitoring extends Construct {
  public readonly topic: Topic;
  public readonly dashboard: Dashboard;
  /** The alarms this construct creates, by construct id. */
  public readonly alarms: ReadonlyMap<string, Alarm>;
  readonly #action: SnsAction;
  readonly #acted = new Set<Alarm>();

  constructor(scope: Construct, id: string, props: OneListMonitoringProps) {
    super(scope, id);
    // CloudWatch publishes to an encrypted topic only with a customer managed key whose policy
    // lets it (an AWS managed aws/sns key cannot be shared with cloudwatch.amazonaws.com).
    const key = new Key(this, 'TopicKey', {
      description: 'Encrypts the One List alarm topic; CloudWatch alarms may use it to publish',
      enableKeyRotation: true,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    // Grants on this key only for AWS services acting for AWS resources (Control Tower CT.KMS.PR.3).
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'DenyGrantsExceptForAwsServices',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: {
          BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
        },
      }),
    );
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: `One List alarms (${Stack.of(this).stackName})`,
      masterKey: key,
      enforceSSL: true,
    });
    for (const email of props.alarmEmails) this.topic.addSubscription(new EmailSubscription(email));
    this.#action = new SnsAction(this.topic);

    const alarms = new Map<string, Alarm>();
    const alarm = (alarmId: string, description: string, metric: IMetric, threshold: number, periods = 1) => {
      const a = new Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: periods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarms.set(alarmId, a);
      return a;
    };

    for (const [fnId, fn] of props.functions) {
      alarm(
        `${fnId}ErrorsAlarm`,
        `${fnId}: a function error (unhandled exception, timeout or out of memory) in 5 minutes`,
        fn.metricErrors({ period: FIVE_MINUTES, statistic: Stats.SUM }),
        1,
      );
      alarm(
        `${fnId}ThrottlesAlarm`,
        `${fnId}: invocations throttled (account or reserved concurrency exhausted) in 5 minutes`,
        fn.metricThrottles({ period: FIVE_MINUTES, statistic: Stats.SUM }),
        1,
      );
    }

    const api = props.httpApi;
    alarm(
      'Api5xxAlarm',
      'HTTP API: 5 or more 5xx answers in 5 minutes (function errors, integration timeouts)',
      api.metricServerError({ period: FIVE_MINUTES, statistic: Stats.SUM }),
      5,
    );
    const latencyMs = props.apiLatencyThresholdMs ?? 3000;
    alarm(
      'ApiLatencyAlarm',
      `HTTP API: p99 latency at or above ${latencyMs} ms for 15 minutes`,
      api.metricLatency({ period: FIVE_MINUTES, statistic: Stats.percentile(99) }),
      latencyMs,
      3,
    );

    const stack = Stack.of(this);
    const tableMetric = (table: ITable, metricName: string) =>
      new Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: table.tableName },
        period: FIVE_MINUTES,
        statistic: Stats.SUM,
        region: stack.region,
      });
    for (const [tableId, table] of props.tables) {
      alarm(
        `${tableId}ThrottlesAlarm`,
        `${tableId}: DynamoDB read or write requests throttled in 5 minutes (retried by the SDK, then failing)`,
        new MathExpression({
          expression: 'reads + writes',
          usingMetrics: {
            reads: tableMetric(table, 'ReadThrottleEvents'),
            writes: tableMetric(table, 'WriteThrottleEvents'),
          },
          period: FIVE_MINUTES,
          label: `${tableId} throttle events`,
        }),
        1,
      );
    }

    const appMetric = (m: ApplicationMetric) =>
      new Metric({
        namespace: m.namespace,
        metricName: m.metricName,
        dimensionsMap: { [METRICS_SERVICE_DIMENSION]: props.serviceName },
        period: Duration.minutes(m.periodMinutes),
        statistic: Stats.SUM,
      });
    for (const m of props.applicationMetrics) {
      alarm(
        `${m.metricName}Alarm`,
        `${m.description}: ${m.alarmThreshold} or more in ${m.periodMinutes} minutes`,
        appMetric(m),
        m.alarmThreshold,
      );
    }
    this.alarms = alarms;

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(7),
    });
    const fns = [...props.functions];
    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          '# One List\nAlarms go to the SNS alarm topic (e-mail: context `alarmEmails`). Lost workflows are restarted by the reconciler; see README "Operating".',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'API requests and errors',
        left: [api.metricCount({ period: FIVE_MINUTES })],
        right: [
          api.metricClientError({ period: FIVE_MINUTES }),
          api.metricServerError({ period: FIVE_MINUTES }),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'API latency (p50, p99)',
        left: [
          api.metricLatency({ period: FIVE_MINUTES, statistic: Stats.percentile(50) }),
          api.metricLatency({ period: FIVE_MINUTES, statistic: Stats.percentile(99) }),
        ],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Function errors',
        left: fns.map(([fnId, fn]) => fn.metricErrors({ period: FIVE_MINUTES, label: fnId })),
        width: 8,
      }),
      new GraphWidget({
        title: 'Function throttles',
        left: fns.map(([fnId, fn]) => fn.metricThrottles({ period: FIVE_MINUTES, label: fnId })),
        width: 8,
      }),
      new GraphWidget({
        title: 'Function duration (p99)',
        left: fns.map(([fnId, fn]) =>
          fn.metricDuration({ period: FIVE_MINUTES, statistic: Stats.percentile(99), label: fnId }),
        ),
        width: 8,
      }),
    );
    const machines = [...props.stateMachines];
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Workflow executions started / failed / timed out',
        left: machines.map(([smId, sm]) =>
          sm.metricStarted({ period: FIVE_MINUTES, label: `${smId} started` }),
        ),
        right: machines.flatMap(([smId, sm]) => [
          sm.metricFailed({ period: FIVE_MINUTES, label: `${smId} failed` }),
          sm.metricTimedOut({ period: FIVE_MINUTES, label: `${smId} timed out` }),
        ]),
        width: 12,
      }),
      new GraphWidget({
        title: 'Lost workflows (reconciler) and DynamoDB throttles',
        left: props.applicationMetrics.map(appMetric),
        right: [...props.tables].flatMap(([tableId, table]) => [
          tableMetric(table, 'ReadThrottleEvents').with({ label: `${tableId} read throttles` }),
          tableMetric(table, 'WriteThrottleEvents').with({ label: `${tableId} write throttles` }),
        ]),
        width: 12,
      }),
    );
    // Hand-overs are normal (continue-as-new, a new definition after a deploy): shown, not alarmed.
    const h = WORKFLOW_HAND_OVERS;
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Workflow hand-overs to the next generation, by function and reason',
        left: [
          new MathExpression({
            expression: `SEARCH('{${h.namespace},${METRICS_SERVICE_DIMENSION},reason} MetricName="${h.metricName}"', 'Sum', 3600)`,
            usingMetrics: {},
            period: Duration.hours(1),
            label: h.metricName,
          }),
        ],
        width: 24,
      }),
    );
  }

  /** Adds an alarm to the dashboard and gives it the topic as alarm and OK action. */
  public actOn(alarm: Alarm): void {
    if (this.#acted.has(alarm)) return;
    this.#acted.add(alarm);
    alarm.addAlarmAction(this.#action);
    alarm.addOkAction(this.#action);
  }

  /** Every CloudWatch alarm under `scope` gets the topic as its action (call once, last). */
  public actOnEveryAlarm(scope: IConstruct): number {
    const all = scope.node.findAll().filter((c): c is Alarm => c instanceof Alarm);
    for (const a of all) this.actOn(a);
    return all.length;
  }
}
