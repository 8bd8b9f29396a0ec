/**
 * OneListNotifications: nothing dropped silently. An EventBridge rule on the domain event bus
 * sends every One List event to an encrypted SQS queue (the rule target retries, then puts what
 * it could not deliver in its own dead-letter queue); the `Notify` function consumes the queue
 * through an event source mapping that reports batch item failures, so only the failed
 * messages come back; after `maxReceiveCount` receives a message moves to the queue's
 * dead-letter queue. An alarm fires on the first message in either dead-letter queue (the
 * stack gives every alarm the operators' topic). The senders may call SES `SendEmail` only
 * from the configured identity.
 */
import { Annotations, Arn, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { DeliveryDeclaration } from '../resources/notifications.ts';
import { acknowledgeResource } from './nag.ts';

export interface OneListNotificationsProps {
  readonly declaration: DeliveryDeclaration;
  readonly bus: IEventBus;
  /** The function that consumes the queue (`declaration.functionId`). */
  readonly consumer: LambdaFunction;
  /** The functions that send (`declaration.senders`): the sender's variables and SES permission. */
  readonly senders: readonly LambdaFunction[];
  /** The address mail is sent from; none: e-mails fail (and reach the dead-letter queue). */
  readonly sender?: string;
  /** The SES identity of the sender. @default the sender's domain */
  readonly sesIdentity?: string;
  /** Hosts exempt from the public-HTTPS webhook rule, comma-separated. */
  readonly webhookAllowedHosts?: string;
  /** The variables the senders read (functions/app/delivery.ts, functions/domain/notification-settings.ts). */
  readonly env: { readonly sender: string; readonly webhookAllowedHosts: string };
  /** @default RemovalPolicy.RETAIN */
  readonly queueRemovalPolicy?: RemovalPolicy;
}

export class OneListNotifications extends Construct {
  public readonly queue: Queue;
  public readonly deadLetterQueue: Queue;
  /** Where the rule target puts the events it could not send to the queue. */
  public readonly ruleDeadLetterQueue: Queue;
  public readonly rule: Rule;
  public readonly deadLetterAlarm: Alarm;
  public readonly ruleDeadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, props: OneListNotificationsProps) {
    super(scope, id);
    const d = props.declaration;
    const removalPolicy = props.queueRemovalPolicy ?? RemovalPolicy.RETAIN;
    const timeout = props.consumer.timeout?.toSeconds() ?? 3;
    if (d.queue.visibilityTimeoutSeconds < 6 * timeout) {
      throw new Error(
        `the delivery queue's visibility timeout (${d.queue.visibilityTimeoutSeconds} s) must be at least 6× the ${d.functionId} function's timeout (${timeout} s)`,
      );
    }
    const deadLetter = (qid: string, what: string) => {
      const q = new Queue(this, qid, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(d.deadLetterRetentionDays),
        removalPolicy,
      });
      acknowledgeResource(
        q,
        'AwsSolutions-SQS3',
        `This queue is itself a dead-letter queue (${what}); operators inspect and redrive it by hand, and an alarm fires on its first message.`,
      );
      return q;
    };
    this.deadLetterQueue = deadLetter('DeadLetterQueue', 'of the notification delivery queue');
    this.ruleDeadLetterQueue = deadLetter(
      'RuleDeadLetterQueue',
      'of the EventBridge rule target that feeds the delivery queue',
    );
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(d.queue.visibilityTimeoutSeconds),
      retentionPeriod: Duration.days(d.queue.retentionDays),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: d.queue.maxReceiveCount },
      removalPolicy,
    });

    this.rule = new Rule(this, d.rule.id, {
      eventBus: props.bus,
      description: d.rule.description,
      eventPattern: {
        source: [...d.rule.pattern.source],
        ...(d.rule.pattern['detail-type'] ? { detailType: [...d.rule.pattern['detail-type']] } : {}),
      },
      targets: [
        new SqsQueue(this.queue, {
          deadLetterQueue: this.ruleDeadLetterQueue,
          retryAttempts: d.ruleTarget.retryAttempts,
          maxEventAge: Duration.seconds(d.ruleTarget.maxEventAgeSeconds),
        }),
      ],
    });

    props.consumer.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: d.eventSource.batchSize,
        maxBatchingWindow: Duration.seconds(d.eventSource.maxBatchingWindowSeconds),
        reportBatchItemFailures: true,
      }),
    );

    const alarm = (aid: string, queue: Queue, description: string) =>
      new Alarm(this, aid, {
        alarmDescription: description,
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: Stats.MAXIMUM,
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    this.deadLetterAlarm = alarm(
      'DeadLetterAlarm',
      this.deadLetterQueue,
      `A notification could not be delivered after ${d.queue.maxReceiveCount} attempts (see the notification dead-letter queue and the Notify function's log).`,
    );
    this.ruleDeadLetterAlarm = alarm(
      'RuleDeadLetterAlarm',
      this.ruleDeadLetterQueue,
      'A domain event could not be put on the notification delivery queue (see the rule dead-letter queue).',
    );

    const stack = Stack.of(this);
    const identity = props.sesIdentity || props.sender?.split('@')[1];
    for (const fn of props.senders) {
      if (props.sender) fn.addEnvironment(props.env.sender, props.sender);
      if (props.webhookAllowedHosts)
        fn.addEnvironment(props.env.webhookAllowedHosts, props.webhookAllowedHosts);
      if (identity) {
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['ses:SendEmail'],
            resources: [Arn.format({ service: 'ses', resource: 'identity', resourceName: identity }, stack)],
          }),
        );
      }
    }
    if (!props.sender) {
      Annotations.of(this).addWarningV2(
        'one-list:notifySender',
        'No notification sender (context notifySender): e-mail deliveries fail and reach the notification dead-letter queue; webhooks are delivered.',
      );
    }
  }
}
