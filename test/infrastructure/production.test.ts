/**
 * Production on AWS (issue 10), on the synthesised template: alarms that reach someone, safe
 * defaults in prod, public route throttling, SES, and an external OIDC issuer instead of the
 * user pool. Bundling is skipped (templates only); one synthesis per context.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_SETTINGS, TOKEN_USE_ENV } from '../../infra/resources/auth.ts';
import { functions } from '../../infra/resources/functions.ts';
import { LOST_WORKFLOWS } from '../../infra/resources/monitoring.ts';
import { routes } from '../../infra/resources/routes.ts';
import { tables } from '../../infra/resources/tables.ts';
import { isLoopbackOrigin } from '../../infra/stack.ts';
import { type CfnResource, logicalIdOf, resourcesOfType, type Synthesised, synthesise } from './support.ts';

const props = (r: CfnResource | undefined) => r?.Properties ?? {};
const only = (s: Synthesised, type: string): [string, CfnResource] => {
  const found = resourcesOfType(s.json, type);
  expect(found, type).toHaveLength(1);
  return found[0] as [string, CfnResource];
};

describe('prod', () => {
  let s: Synthesised;
  beforeAll(() => {
    s = synthesise({
      stage: 'prod',
      bundle: false,
      context: {
        alarmEmails: 'duty@district.example,office@district.example',
        corsOrigins: ['http://localhost:5173', 'https://console.district.example'],
        sesIdentity: 'district.example',
      },
    });
  });

  it('sends every alarm, and its recovery, to the one SNS alarm topic', () => {
    const [topicId] = only(s, 'AWS::SNS::Topic');
    const alarms = resourcesOfType(s.json, 'AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThanOrEqual(13 + 2 * functions.length + 2 + tables.length + 1);
    for (const [id, alarm] of alarms) {
      expect(props(alarm).AlarmActions, id).toEqual([{ Ref: topicId }]);
      expect(props(alarm).OKActions, id).toEqual([{ Ref: topicId }]);
    }
  });

  it('subscribes the alarmEmails of the context to the topic', () => {
    const [topicId, topic] = only(s, 'AWS::SNS::Topic');
    const subs = resourcesOfType(s.json, 'AWS::SNS::Subscription').map(([, r]) => props(r));
    expect(subs.map((p) => [p.Protocol, p.Endpoint, p.TopicArn])).toEqual([
      ['email', 'duty@district.example', { Ref: topicId }],
      ['email', 'office@district.example', { Ref: topicId }],
    ]);
    // Encrypted with a key CloudWatch may use (it cannot publish with the aws/sns key).
    expect(props(topic).KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
    const key = props(only(s, 'AWS::KMS::Key')[1]);
    expect(key.EnableKeyRotation).toBe(true);
    expect(JSON.stringify(key.KeyPolicy)).toContain('cloudwatch.amazonaws.com');
  });

  const metricsOfAlarms = () =>
    resourcesOfType(s.json, 'AWS::CloudWatch::Alarm').map(([, a]) => {
      const p = props(a);
      const metrics = (p.Metrics as { MetricStat?: { Metric: Record<string, unknown> } }[] | undefined) ?? [];
      const m = p.MetricName
        ? [{ Namespace: p.Namespace, MetricName: p.MetricName, Dimensions: p.Dimensions }]
        : metrics.flatMap((x) => (x.MetricStat ? [x.MetricStat.Metric] : []));
      return m as {
        Namespace: string;
        MetricName: string;
        Dimensions?: { Name: string; Value: unknown }[];
      }[];
    });

  it('alarms on errors and throttles of every function', () => {
    const all = metricsOfAlarms().flat();
    for (const f of functions) {
      const fnRef = { Ref: logicalIdOf(s, f.id) };
      for (const name of ['Errors', 'Throttles']) {
        expect(
          all.some(
            (m) =>
              m.Namespace === 'AWS/Lambda' &&
              m.MetricName === name &&
              JSON.stringify(m.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: fnRef }]),
          ),
          `${f.id} ${name}`,
        ).toBe(true);
      }
    }
  });

  it('alarms on API 5xx and latency, DynamoDB throttles, lost workflows and the schedules dead-letter queue', () => {
    const all = metricsOfAlarms().flat();
    const has = (ns: string, name: string) => all.some((m) => m.Namespace === ns && m.MetricName === name);
    expect(has('AWS/ApiGateway', '5xx')).toBe(true);
    expect(has('AWS/ApiGateway', 'Latency')).toBe(true);
    expect(has('AWS/DynamoDB', 'ReadThrottleEvents')).toBe(true);
    expect(has('AWS/DynamoDB', 'WriteThrottleEvents')).toBe(true);
    expect(has('AWS/SQS', 'ApproximateNumberOfMessagesVisible')).toBe(true);
    const lost = all.find((m) => m.MetricName === LOST_WORKFLOWS.metricName);
    expect(lost).toMatchObject({
      Namespace: 'OneList',
      Dimensions: [{ Name: 'service', Value: 'one-list' }],
    });
  });

  it('has a dashboard', () => {
    const [, dashboard] = only(s, 'AWS::CloudWatch::Dashboard');
    expect(JSON.stringify(props(dashboard).DashboardBody)).toContain('LostWorkflows');
    // Hand-overs (continue-as-new) are shown beside the alarms, by function and reason.
    expect(JSON.stringify(props(dashboard).DashboardBody)).toContain('WorkflowHandOvers');
  });

  it('requires TOTP MFA (no SMS) and sends e-mail through SES from the sesIdentity domain', () => {
    const pool = props(only(s, 'AWS::Cognito::UserPool')[1]);
    expect(pool.MfaConfiguration).toBe('ON');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(pool.EmailConfiguration).toMatchObject({
      EmailSendingAccount: 'DEVELOPER',
      From: 'One List <no-reply@district.example>',
    });
    expect(JSON.stringify(pool.EmailConfiguration)).toContain('identity/district.example');
  });

  it('refuses a loopback CORS origin, keeps the https one, and says so', () => {
    const api = props(only(s, 'AWS::ApiGatewayV2::Api')[1]);
    expect((api.CorsConfiguration as { AllowOrigins: string[] }).AllowOrigins).toEqual([
      'https://console.district.example',
    ]);
    const warnings = s.assembly
      .getStackArtifact(s.stack.artifactId)
      .messages.filter((m) => String(m.entry.data).includes('http://localhost:5173 is refused'));
    expect(warnings).toHaveLength(1);
    expect(isLoopbackOrigin('http://127.0.0.1:8080')).toBe(true);
    expect(isLoopbackOrigin('https://localhost.district.example')).toBe(false);
  });

  it('throttles each public route on its own, below the stage default', () => {
    const stage = props(only(s, 'AWS::ApiGatewayV2::Stage')[1]);
    const defaults = stage.DefaultRouteSettings as {
      ThrottlingRateLimit: number;
      ThrottlingBurstLimit: number;
    };
    const settings = stage.RouteSettings as Record<
      string,
      { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
    >;
    const publicRoutes = routes.filter((r) => r.auth === 'public').map((r) => `${r.method} ${r.path}`);
    expect(Object.keys(settings).sort()).toEqual(publicRoutes.sort());
    for (const key of publicRoutes) {
      expect(settings[key]?.ThrottlingRateLimit).toBeLessThan(defaults.ThrottlingRateLimit);
      expect(settings[key]?.ThrottlingBurstLimit).toBeLessThan(defaults.ThrottlingBurstLimit);
    }
  });
});

describe('dev', () => {
  it('keeps MFA optional and the local console origin', () => {
    const s = synthesise({ stage: 'dev', bundle: false });
    expect(props(only(s, 'AWS::Cognito::UserPool')[1]).MfaConfiguration).toBe('OPTIONAL');
    const api = props(only(s, 'AWS::ApiGatewayV2::Api')[1]);
    expect((api.CorsConfiguration as { AllowOrigins: string[] }).AllowOrigins).toEqual([
      'http://localhost:5173',
    ]);
  });
});

describe('an external OIDC issuer (oidcIssuer, oidcAudience)', () => {
  let s: Synthesised;
  beforeAll(() => {
    s = synthesise({
      stage: 'prod',
      bundle: false,
      context: {
        oidcIssuer: 'https://sso.district.example/realms/staff',
        oidcAudience: 'one-list-console',
        oidcGroupsClaim: 'groups',
        oidcUnitClaim: 'unit_id',
      },
    });
  });

  it('creates no user pool and trusts that issuer and audience', () => {
    expect(resourcesOfType(s.json, 'AWS::Cognito::UserPool')).toEqual([]);
    expect(resourcesOfType(s.json, 'AWS::Cognito::UserPoolClient')).toEqual([]);
    expect(s.json.Outputs).not.toHaveProperty('UserPoolId');
    const authorizer = props(only(s, 'AWS::ApiGatewayV2::Authorizer')[1]);
    expect(authorizer).toMatchObject({
      AuthorizerType: 'JWT',
      Name: 'oidc-id-token',
      JwtConfiguration: {
        Issuer: 'https://sso.district.example/realms/staff',
        Audience: ['one-list-console'],
      },
    });
  });

  it('tells the API functions the claim names (renamed, or Cognito’s), and no other function', () => {
    const apiFunctions = new Set<string>(routes.map((r) => r.function));
    for (const f of functions) {
      const env = (
        props(s.json.Resources[logicalIdOf(s, f.id)]).Environment as { Variables: Record<string, unknown> }
      ).Variables;
      if (apiFunctions.has(f.id)) {
        expect(env[CLAIM_SETTINGS.groups.envVar]).toBe('groups');
        expect(env[CLAIM_SETTINGS.unitId.envVar]).toBe('unit_id');
        expect(env[CLAIM_SETTINGS.personId.envVar]).toBe('custom:personId');
        // The issuer's ID tokens carry no Cognito token_use: the API asks for none.
        expect(env[TOKEN_USE_ENV]).toBe('none');
      } else {
        expect(env).not.toHaveProperty(CLAIM_SETTINGS.groups.envVar);
      }
    }
  });

  it('refuses an issuer without an audience, or a non-https issuer', () => {
    expect(() =>
      synthesise({ bundle: false, context: { oidcIssuer: 'https://sso.district.example' } }),
    ).toThrow(/go together/);
    expect(() =>
      synthesise({ bundle: false, context: { oidcIssuer: 'http://sso.example', oidcAudience: 'x' } }),
    ).toThrow(/https URL/);
  });
});
