import type { LocalSchedule } from '@one-list/local-aws';
import { beforeAll, describe, expect, it } from 'vitest';
import { localSchedules } from '../../infra/local/platform.ts';
import { CORS } from '../../infra/resources/cors.ts';
import { schedules } from '../../infra/resources/schedules.ts';
import {
  type CfnResource,
  cdkJsonContext,
  logicalIdOf,
  machinePath,
  referencedLogicalIds,
  resourcesOfType,
  type Synthesised,
  statementsOfRole,
  synthesise,
} from './support.ts';

/** What a deployed schedule does, in the local scheduler's terms. */
interface Deployed {
  readonly id: string;
  readonly expression: string;
  readonly timeZone: string;
  /** The machine it starts, or `function <id>` it invokes. */
  readonly target: string;
  readonly input: Readonly<Record<string, string>>;
}

/** Reads every AWS::Scheduler::Schedule back into the terms of `localSchedules()`. */
function deployedSchedules(s: Synthesised): Deployed[] {
  return schedules.map((decl) => {
    const resource = s.json.Resources[logicalIdOf(s, `Schedules/${decl.id}`)] as CfnResource;
    const p = resource.Properties as {
      ScheduleExpression: string;
      ScheduleExpressionTimezone: string;
      Target: { Arn: unknown; Input: string };
    };
    const [targetLogicalId] = [...referencedLogicalIds(p.Target.Arn)];
    // The target must be the declared machine or function; name it as the local scheduler does.
    const target =
      'stateMachine' in decl.target
        ? targetLogicalId === logicalIdOf(s, machinePath(decl.target.stateMachine))
          ? decl.target.stateMachine
          : `?${targetLogicalId}`
        : targetLogicalId === logicalIdOf(s, decl.target.function)
          ? `function ${decl.target.function}`
          : `?${targetLogicalId}`;
    return {
      id: decl.id,
      expression: p.ScheduleExpression,
      timeZone: p.ScheduleExpressionTimezone,
      target,
      input: JSON.parse(p.Target.Input) as Record<string, string>,
    };
  });
}

const asDeployed = (local: readonly LocalSchedule[]): Deployed[] =>
  local.map(({ id, expression, timeZone, stateMachine, function: fn, input }) => ({
    id,
    expression,
    timeZone,
    target: stateMachine ?? `function ${fn}`,
    input: input as Record<string, string>,
  }));

describe('Schedule declarations identical in the synthesised template and the local scheduler', () => {
  let s: Synthesised;
  let overridden: Synthesised;
  const override = {
    evaluationSchedule: 'cron(30 3 2 * ? *)',
    apiThrottleRateLimit: '20',
    apiThrottleBurstLimit: '40',
    [CORS.contextKey]: 'https://one-list.example.gov.cn,https://admin.one-list.example.gov.cn',
  };
  beforeAll(() => {
    s = synthesise({ stage: 'prod', bundle: false });
    // What `cdk synth -c evaluationSchedule=... -c apiThrottleRateLimit=...` hands the app.
    overridden = synthesise({ stage: 'dev', bundle: false, context: override });
  });

  it('one schedule per declaration', () => {
    expect(resourcesOfType(s.json, 'AWS::Scheduler::Schedule')).toHaveLength(schedules.length);
  });

  it('with the cdk.json context: the same expressions, time zones, targets and inputs as localSchedules()', () => {
    expect(deployedSchedules(s)).toEqual(asDeployed(localSchedules(cdkJsonContext())));
  });

  it('a context override (-c evaluationSchedule=...) changes both, and only that schedule', () => {
    const local = localSchedules({ ...cdkJsonContext(), ...override });
    expect(deployedSchedules(overridden)).toEqual(asDeployed(local));
    const evaluation = deployedSchedules(overridden).find((d) => d.id === 'MonthlyEvaluation');
    expect(evaluation?.expression).toBe(override.evaluationSchedule);
    const sweep = (x: Synthesised) => deployedSchedules(x).find((d) => d.id === 'DailyDeadlineSweep');
    expect(sweep(overridden)).toEqual(sweep(s));
  });

  it('context overrides the API throttling and the CORS origins too', () => {
    const [, stage] = resourcesOfType(overridden.json, 'AWS::ApiGatewayV2::Stage')[0] as [
      string,
      CfnResource,
    ];
    expect(stage.Properties?.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: 20,
      ThrottlingBurstLimit: 40,
    });
    const [, api] = resourcesOfType(overridden.json, 'AWS::ApiGatewayV2::Api')[0] as [string, CfnResource];
    expect(
      (api.Properties as { CorsConfiguration: { AllowOrigins: string[] } }).CorsConfiguration.AllowOrigins,
    ).toEqual(['https://one-list.example.gov.cn', 'https://admin.one-list.example.gov.cn']);
  });

  it('bad context fails synthesis with the key named', () => {
    expect(() => synthesise({ bundle: false, context: { evaluationSchedule: 'every month' } })).toThrow(
      /MonthlyEvaluation \(context "evaluationSchedule"\)/,
    );
    expect(() => synthesise({ bundle: false, context: { apiThrottleRateLimit: 'fast' } })).toThrow(
      /apiThrottleRateLimit/,
    );
    expect(() => synthesise({ bundle: false, context: { corsOrigins: 'https://a.example/path' } })).toThrow(
      /corsOrigins/,
    );
  });

  describe.each(schedules.map((d) => [d.id, d] as const))('%s', (id, decl) => {
    const props = () =>
      (s.json.Resources[logicalIdOf(s, `Schedules/${id}`)] as CfnResource).Properties as {
        State: string;
        FlexibleTimeWindow: unknown;
        Target: { RetryPolicy: unknown; DeadLetterConfig: { Arn: unknown }; RoleArn: unknown };
      };

    it('is enabled, on time (no flexible window), with the declared retry policy', () => {
      expect(props().State).toBe('ENABLED');
      expect(props().FlexibleTimeWindow).toEqual({ Mode: 'OFF' });
      expect(props().Target.RetryPolicy).toEqual({
        MaximumRetryAttempts: decl.retryAttempts ?? 3,
        MaximumEventAgeInSeconds: decl.maxEventAgeSeconds ?? 3600,
      });
    });

    it('sends what it could not deliver to the dead-letter queue', () => {
      expect(props().Target.DeadLetterConfig.Arn).toEqual({
        'Fn::GetAtt': [logicalIdOf(s, 'Schedules/DeadLetterQueue'), 'Arn'],
      });
    });

    it('runs as a role that may start the target machine and write to the queue, nothing else', () => {
      const [roleId] = [...referencedLogicalIds(props().Target.RoleArn)];
      const statements = statementsOfRole(s.json, roleId as string);
      const grants = statements.map((st) => [st.Action, [...referencedLogicalIds(st.Resource)]]);
      if ('stateMachine' in decl.target)
        expect(grants).toContainEqual([
          'states:StartExecution',
          [logicalIdOf(s, machinePath(decl.target.stateMachine))],
        ]);
      else expect(grants.map(([a]) => a)).toContain('lambda:InvokeFunction');
      expect(grants).toContainEqual(['sqs:SendMessage', [logicalIdOf(s, 'Schedules/DeadLetterQueue')]]);
      for (const st of statements) expect(st.Resource).not.toBe('*');
    });
  });

  it('the dead-letter queue is encrypted, TLS-only, and alarms on its first message', () => {
    const queueId = logicalIdOf(s, 'Schedules/DeadLetterQueue');
    const queue = s.json.Resources[queueId] as CfnResource;
    expect(queue.Properties?.SqsManagedSseEnabled).toBe(true);
    const policies = resourcesOfType(s.json, 'AWS::SQS::QueuePolicy').filter(([, p]) =>
      JSON.stringify(p.Properties?.Queues).includes(`"Ref":"${queueId}"`),
    );
    expect(JSON.stringify(policies)).toContain('"aws:SecureTransport":"false"');
    const alarms = resourcesOfType(s.json, 'AWS::CloudWatch::Alarm').filter(([, a]) =>
      JSON.stringify(a.Properties?.Dimensions ?? null).includes(`"Fn::GetAtt":["${queueId}","QueueName"]`),
    );
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.[1].Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
    });
  });
});
