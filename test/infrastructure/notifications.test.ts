/**
 * The delivery of notifications in the template (issue 13 §5): nothing dropped silently — the
 * rule on the bus targets the encrypted queue with its own retries and dead-letter queue, the
 * queue redrives to its dead-letter queue after the declared receives, its visibility timeout
 * is at least 6× the function's timeout, the event source reports batch item failures, an
 * alarm watches each dead-letter queue and acts on the operators' topic, and SES SendEmail is
 * allowed from the sender's identity only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DOMAIN_EVENT_TYPES } from '../../functions/domain/events.ts';
import { functionById } from '../../infra/resources/functions.ts';
import { DOMAIN_EVENT_BUS, delivery } from '../../infra/resources/notifications.ts';
import {
  asArray,
  type CfnResource,
  logicalIdOf,
  referencedLogicalIds,
  resourcesOfType,
  type Synthesised,
  statementsOfRole,
  synthesise,
} from './support.ts';

let s: Synthesised;
let bare: Synthesised;
const queueId = () => logicalIdOf(s, 'Notifications/Queue');
const dlqId = () => logicalIdOf(s, 'Notifications/DeadLetterQueue');
const ruleDlqId = () => logicalIdOf(s, 'Notifications/RuleDeadLetterQueue');
const props = (id: string) => (s.json.Resources[id] as CfnResource).Properties as Record<string, unknown>;
const roleOf = (fnId: string) => logicalIdOf(s, `${fnId}Role`);

beforeAll(() => {
  s = synthesise({
    stage: 'prod',
    bundle: false,
    context: {
      notifySender: 'duban@notify.example.gov.cn',
      notifyWebhookAllowedHosts: 'robot.district.internal',
    },
  });
  bare = synthesise({ stage: 'dev', bundle: false });
});

describe('notification delivery', () => {
  it('a rule on the domain event bus takes every event type of source one-list to the queue, with its own retries and dead-letter queue', () => {
    const rules = resourcesOfType(s.json, 'AWS::Events::Rule').filter(([, r]) =>
      JSON.stringify(r.Properties?.EventPattern ?? {}).includes('one-list'),
    );
    expect(rules).toHaveLength(1);
    const p = rules[0]![1].Properties as {
      EventBusName: unknown;
      EventPattern: { source: string[]; 'detail-type': string[] };
      Targets: { Arn: unknown; DeadLetterConfig: { Arn: unknown }; RetryPolicy: Record<string, number> }[];
    };
    expect([...referencedLogicalIds(p.EventBusName)]).toEqual([logicalIdOf(s, DOMAIN_EVENT_BUS.id)]);
    expect(p.EventPattern.source).toEqual(['one-list']);
    expect([...p.EventPattern['detail-type']].sort()).toEqual([...DOMAIN_EVENT_TYPES].sort());
    expect(p.Targets).toHaveLength(1);
    expect([...referencedLogicalIds(p.Targets[0]!.Arn)]).toEqual([queueId()]);
    expect([...referencedLogicalIds(p.Targets[0]!.DeadLetterConfig.Arn)]).toEqual([ruleDlqId()]);
    expect(p.Targets[0]!.RetryPolicy).toEqual({
      MaximumRetryAttempts: delivery.ruleTarget.retryAttempts,
      MaximumEventAgeInSeconds: delivery.ruleTarget.maxEventAgeSeconds,
    });
  });

  it('the queue: encrypted, redriven to its dead-letter queue after the declared receives, visibility ≥ 6× the timeout', () => {
    const q = props(queueId());
    expect(q.SqsManagedSseEnabled).toBe(true);
    const redrive = q.RedrivePolicy as { deadLetterTargetArn: unknown; maxReceiveCount: number };
    expect(redrive.maxReceiveCount).toBe(delivery.queue.maxReceiveCount);
    expect(redrive.maxReceiveCount).toBeGreaterThan(1);
    expect([...referencedLogicalIds(redrive.deadLetterTargetArn)]).toEqual([dlqId()]);
    const timeout = functionById(delivery.functionId).timeoutSeconds ?? 30;
    expect(q.VisibilityTimeout as number).toBeGreaterThanOrEqual(6 * timeout);
    for (const id of [dlqId(), ruleDlqId()]) {
      expect(props(id).SqsManagedSseEnabled, id).toBe(true);
      expect(props(id).MessageRetentionPeriod, id).toBe(14 * 24 * 3600);
    }
    // Only TLS, on every queue of the delivery.
    const policies = resourcesOfType(s.json, 'AWS::SQS::QueuePolicy').filter(([, r]) =>
      [queueId(), dlqId(), ruleDlqId()].some((id) => referencedLogicalIds(r.Properties?.Queues).has(id)),
    );
    const denies = policies.flatMap(([, r]) =>
      (
        (r.Properties?.PolicyDocument ?? { Statement: [] }) as {
          Statement: { Effect: string; Condition?: unknown }[];
        }
      ).Statement.filter(
        (st) => st.Effect === 'Deny' && JSON.stringify(st.Condition).includes('aws:SecureTransport'),
      ),
    );
    expect(denies.length).toBeGreaterThanOrEqual(3);
  });

  it('the Notify function consumes the queue and reports batch item failures', () => {
    const mappings = resourcesOfType(s.json, 'AWS::Lambda::EventSourceMapping').filter(([, r]) =>
      referencedLogicalIds(r.Properties?.EventSourceArn).has(queueId()),
    );
    expect(mappings).toHaveLength(1);
    const m = mappings[0]![1].Properties as Record<string, unknown>;
    expect(m.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(m.BatchSize).toBe(delivery.eventSource.batchSize);
    expect([...referencedLogicalIds(m.FunctionName)]).toEqual([logicalIdOf(s, 'Notify')]);
  });

  it('an alarm on each dead-letter queue, acting on the alarm topic', () => {
    const topic = logicalIdOf(s, 'Monitoring/AlarmTopic');
    for (const id of [dlqId(), ruleDlqId()]) {
      const alarms = resourcesOfType(s.json, 'AWS::CloudWatch::Alarm').filter(([, r]) =>
        referencedLogicalIds(r.Properties?.Dimensions).has(id),
      );
      expect(alarms, id).toHaveLength(1);
      const a = alarms[0]![1].Properties as Record<string, unknown>;
      expect(a.MetricName).toBe('ApproximateNumberOfMessagesVisible');
      expect(a.Threshold).toBe(1);
      expect(referencedLogicalIds(a.AlarmActions).has(topic), id).toBe(true);
    }
  });

  it('SES SendEmail from the sender identity only, for the senders; the sender and exempt hosts in their environment', () => {
    for (const fnId of delivery.senders) {
      const ses = statementsOfRole(s.json, roleOf(fnId)).filter((st) =>
        asArray(st.Action).some((a) => a.startsWith('ses:')),
      );
      expect(ses, fnId).toHaveLength(1);
      expect(asArray(ses[0]!.Action)).toEqual(['ses:SendEmail']);
      expect(JSON.stringify(ses[0]!.Resource)).toContain(':identity/notify.example.gov.cn');
      expect(JSON.stringify(ses[0]!.Resource)).not.toContain('*');
      const env = (props(logicalIdOf(s, fnId)).Environment as { Variables: Record<string, unknown> })
        .Variables;
      expect(env.NOTIFY_SENDER).toBe('duban@notify.example.gov.cn');
      expect(env.NOTIFY_WEBHOOK_ALLOWED_HOSTS).toBe('robot.district.internal');
    }
    const others = ['ApiRead', 'ApiWrite', 'Evaluation'];
    for (const fnId of others) {
      const ses = statementsOfRole(s.json, roleOf(fnId)).filter((st) =>
        asArray(st.Action).some((a) => a.startsWith('ses:')),
      );
      expect(ses, fnId).toEqual([]);
    }
  });

  it('without a sender: no SES permission and no sender variable (e-mails then fail into the dead-letter queue), still the queue and rule', () => {
    const role = logicalIdOf(bare, 'NotifyRole');
    expect(
      statementsOfRole(bare.json, role).filter((st) => asArray(st.Action).some((a) => a.startsWith('ses:'))),
    ).toEqual([]);
    expect(resourcesOfType(bare.json, 'AWS::Lambda::EventSourceMapping').length).toBeGreaterThanOrEqual(1);
  });
});
