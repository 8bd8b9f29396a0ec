import { beforeAll, describe, expect, it } from 'vitest';
import { CLAIMS } from '../../functions/api/auth.ts';
import { ROLES } from '../../functions/domain/model.ts';
import { flattenCfnReference } from '../../infra/constructs/nag.ts';
import { ACCESS_LOG_FIELDS } from '../../infra/constructs/one-list-http-api.ts';
import { CORS, corsOrigins } from '../../infra/resources/cors.ts';
import { functions } from '../../infra/resources/functions.ts';
import { routeKey, routes } from '../../infra/resources/routes.ts';
import { DEFAULT_API_THROTTLE, isLoopbackOrigin, positiveIntegerFromContext } from '../../infra/stack.ts';
import {
  type CfnResource,
  cdkJsonContext,
  declaredFunctionResources,
  logicalIdOf,
  referencedLogicalIds,
  resourcesOfType,
  type Synthesised,
  synthesise,
} from './support.ts';

// One synthesis (prod, cdk.json context, no bundling) for the whole file.
let s: Synthesised;
beforeAll(() => {
  s = synthesise({ stage: 'prod', bundle: false });
});

const only = (type: string): [string, CfnResource] => {
  const found = resourcesOfType(s.json, type);
  expect(found, type).toHaveLength(1);
  return found[0] as [string, CfnResource];
};
const props = (r: CfnResource): Record<string, unknown> => r.Properties ?? {};

/** A permission's SourceArn as text, references as `<LogicalId>` and `{param}` kept as is. */
const sourceArn = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const node = value as { 'Fn::Join'?: [string, unknown[]]; Ref?: string };
  if (node['Fn::Join']) return node['Fn::Join'][1].map(sourceArn).join(node['Fn::Join'][0]);
  if (node.Ref) return `<${node.Ref}>`;
  return JSON.stringify(value);
};
/** The path a lambda:InvokeFunction permission for the API is scoped to (after `/*` stage and `/*` method). */
const permittedPath = (p: CfnResource): string => sourceArn(props(p).SourceArn).replace(/^.*\/\*\/\*/, '');

describe('HTTP API routes (infra/resources/routes.ts)', () => {
  const routeResources = () => resourcesOfType(s.json, 'AWS::ApiGatewayV2::Route');
  const routeByKey = (key: string): CfnResource => {
    const found = routeResources().filter(([, r]) => props(r).RouteKey === key);
    expect(found, key).toHaveLength(1);
    return (found[0] as [string, CfnResource])[1];
  };

  it('has exactly one route per declaration, and no other', () => {
    expect(
      routeResources()
        .map(([, r]) => props(r).RouteKey)
        .sort(),
    ).toEqual(routes.map(routeKey).sort());
  });

  it('every route belongs to the one HTTP API', () => {
    const [apiId] = only('AWS::ApiGatewayV2::Api');
    for (const [, r] of routeResources()) expect(props(r).ApiId).toEqual({ Ref: apiId });
  });

  describe.each(routes.map((r) => [routeKey(r), r] as const))('%s', (key, decl) => {
    it(decl.auth === 'public' ? 'is public: no authorizer' : 'requires a token: the JWT authorizer', () => {
      const route = props(routeByKey(key));
      const [authorizerId] = only('AWS::ApiGatewayV2::Authorizer');
      if (decl.auth === 'public') {
        expect(route.AuthorizationType).toBe('NONE');
        expect(route).not.toHaveProperty('AuthorizerId');
      } else {
        expect(route.AuthorizationType).toBe('JWT');
        expect(route.AuthorizerId).toEqual({ Ref: authorizerId });
      }
    });

    it(`is integrated with ${decl.function} (Lambda proxy, payload 2.0), which may be invoked for this path`, () => {
      const target = props(routeByKey(key)).Target as { 'Fn::Join': [string, unknown[]] };
      const [integrationId] = [...referencedLogicalIds(target)];
      const integration = s.json.Resources[integrationId as string] as CfnResource;
      expect(integration.Type).toBe('AWS::ApiGatewayV2::Integration');
      const fnId = logicalIdOf(s, decl.function);
      expect(props(integration)).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: { 'Fn::GetAtt': [fnId, 'Arn'] },
      });
      const permissions = resourcesOfType(s.json, 'AWS::Lambda::Permission').filter(
        ([, p]) =>
          JSON.stringify(props(p).FunctionName) === JSON.stringify({ 'Fn::GetAtt': [fnId, 'Arn'] }) &&
          permittedPath(p) === decl.path,
      );
      expect(permissions.length).toBeGreaterThanOrEqual(1);
      for (const [, p] of permissions) {
        expect(props(p).Action).toBe('lambda:InvokeFunction');
        expect(props(p).Principal).toBe('apigateway.amazonaws.com');
      }
    });
  });

  it('the API functions are invoked by API Gateway only for the routes they serve', () => {
    for (const f of functions) {
      const fnId = logicalIdOf(s, f.id);
      const paths = resourcesOfType(s.json, 'AWS::Lambda::Permission')
        .filter(([, p]) => JSON.stringify(props(p).FunctionName).includes(`"${fnId}"`))
        .map(([, p]) => permittedPath(p));
      const served = [...new Set(routes.filter((r) => r.function === f.id).map((r) => r.path))];
      expect([...new Set(paths)].sort(), f.id).toEqual(served.sort());
    }
  });

  it('the JWT authorizer trusts the user pool as issuer and the app client as audience', () => {
    const [, authorizer] = only('AWS::ApiGatewayV2::Authorizer');
    const [poolId] = only('AWS::Cognito::UserPool');
    const [clientId] = only('AWS::Cognito::UserPoolClient');
    expect(props(authorizer)).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::GetAtt': [poolId, 'ProviderURL'] },
        Audience: [{ Ref: clientId }],
      },
    });
  });

  it('hands out no tokens: no login/token route; sign-in is Cognito managed login, code grant only', () => {
    for (const r of routes) expect(r.path).not.toMatch(/token|login|sign-?in|oauth|auth/i);
    expect(resourcesOfType(s.json, 'AWS::Cognito::UserPoolDomain')).toHaveLength(1);
    expect(declaredFunctionResources(s.json)).toHaveLength(functions.length);
    const [, client] = only('AWS::Cognito::UserPoolClient');
    expect(props(client).AllowedOAuthFlowsUserPoolClient).toBe(true);
    // No implicit grant (tokens in the URL) and no client credentials (a secret).
    expect(props(client).AllowedOAuthFlows).toEqual(['code']);
  });
});

describe('HTTP API stage, CORS and logs', () => {
  it('CORS is the shared declaration (infra/resources/cors.ts) with the origins of the context (prod: no loopback one)', () => {
    const [, api] = only('AWS::ApiGatewayV2::Api');
    const origins = corsOrigins(cdkJsonContext());
    const cors = props(api).CorsConfiguration as Record<string, unknown> | undefined;
    // cdk.json's origin is the local console's: prod refuses it, and allows only the hosted
    // console's origin (the CloudFront distribution).
    expect(origins.every(isLoopbackOrigin)).toBe(true);
    // The hosted console calls the API same-origin (routeApi): no CORS for it.
    expect(cors).toBeUndefined();
    const withConsole = synthesise({
      stage: 'prod',
      bundle: false,
      context: { corsOrigins: [...origins, 'https://console.district.example'] },
    });
    const [, api2] = resourcesOfType(withConsole.json, 'AWS::ApiGatewayV2::Api')[0] as [string, CfnResource];
    expect(props(api2).CorsConfiguration).toEqual({
      AllowOrigins: ['https://console.district.example'],
      AllowMethods: [...CORS.allowMethods],
      AllowHeaders: [...CORS.allowHeaders],
      MaxAge: CORS.maxAgeSeconds,
      AllowCredentials: CORS.allowCredentials,
    });
    expect(CORS.maxAgeSeconds).toBe(86_400);
    expect(corsOrigins(cdkJsonContext()).length).toBeGreaterThan(0);
  });

  it('has one auto-deployed $default stage with default route throttling from the context', () => {
    const [, stage] = only('AWS::ApiGatewayV2::Stage');
    const context = cdkJsonContext();
    expect(props(stage)).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: positiveIntegerFromContext(
          context.apiThrottleRateLimit,
          'apiThrottleRateLimit',
          DEFAULT_API_THROTTLE.rateLimit,
        ),
        ThrottlingBurstLimit: positiveIntegerFromContext(
          context.apiThrottleBurstLimit,
          'apiThrottleBurstLimit',
          DEFAULT_API_THROTTLE.burstLimit,
        ),
      },
    });
  });

  it('throttles with sensible defaults when the context sets none', () => {
    expect(positiveIntegerFromContext(undefined, 'k', DEFAULT_API_THROTTLE.rateLimit)).toBe(50);
    expect(positiveIntegerFromContext('25', 'k', 1)).toBe(25);
    expect(() => positiveIntegerFromContext('0', 'apiThrottleRateLimit', 1)).toThrow(/apiThrottleRateLimit/);
    expect(DEFAULT_API_THROTTLE.burstLimit).toBeGreaterThanOrEqual(DEFAULT_API_THROTTLE.rateLimit);
  });

  it('writes JSON access logs, including the caller, to a log group with a retention', () => {
    const [, stage] = only('AWS::ApiGatewayV2::Stage');
    const settings = props(stage).AccessLogSettings as { DestinationArn: unknown; Format: string };
    const [logGroupId] = [...referencedLogicalIds(settings.DestinationArn)];
    const logGroup = s.json.Resources[logGroupId as string] as CfnResource;
    expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
    expect(props(logGroup).RetentionInDays).toEqual(expect.any(Number));
    const format = JSON.parse(settings.Format) as Record<string, string>;
    expect(format).toEqual(ACCESS_LOG_FIELDS);
    for (const field of ['requestId', 'routeKey', 'status', 'sub', 'sourceIp'])
      expect(format).toHaveProperty(field);
  });

  it('outputs the API URL', () => {
    const [apiId] = only('AWS::ApiGatewayV2::Api');
    const url = s.json.Outputs?.ApiUrl?.Value;
    expect(referencedLogicalIds(url)).toEqual(new Set([apiId]));
    expect(flattenCfnReference(url)).toMatch(
      /^https:\/\/<.+>\.execute-api\.<AWS::Region>\.<AWS::URLSuffix>\/$/,
    );
  });
});

describe('Cognito user pool', () => {
  const pool = () => props(only('AWS::Cognito::UserPool')[1]);
  const client = () => props(only('AWS::Cognito::UserPoolClient')[1]);
  const custom = (claim: string) => claim.replace(/^custom:/, '');

  it('admits no self sign-up; users sign in with their email', () => {
    expect(pool().AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true });
    expect(pool().UsernameAttributes).toEqual(['email']);
  });

  it('has a strong password policy, required TOTP MFA (prod) and Plus-tier threat protection (enforced in prod)', () => {
    const policy = (pool().Policies as { PasswordPolicy: Record<string, unknown> }).PasswordPolicy;
    expect(policy.MinimumLength).toBeGreaterThanOrEqual(12);
    for (const k of ['RequireLowercase', 'RequireUppercase', 'RequireNumbers', 'RequireSymbols']) {
      expect(policy[k], k).toBe(true);
    }
    expect(pool().MfaConfiguration).toBe('ON');
    expect(pool().EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(pool().UserPoolTier).toBe('PLUS');
    expect(pool().UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    const [, risk] = only('AWS::Cognito::UserPoolRiskConfigurationAttachment');
    expect(props(risk)).toMatchObject({
      ClientId: 'ALL',
      CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } },
      AccountTakeoverRiskConfiguration: { Actions: { HighAction: { EventAction: 'MFA_REQUIRED' } } },
    });
  });

  it('has the custom attributes the handlers read (functions/api/auth.ts), mutable', () => {
    const schema = pool().Schema as { Name: string; Mutable: boolean; AttributeDataType: string }[];
    for (const claim of [CLAIMS.unitId, CLAIMS.personId]) {
      expect(schema).toContainEqual(
        expect.objectContaining({ Name: custom(claim), Mutable: true, AttributeDataType: 'String' }),
      );
    }
  });

  it(`has one group per role, named as the role (${CLAIMS.groups})`, () => {
    const [poolId] = only('AWS::Cognito::UserPool');
    const groups = resourcesOfType(s.json, 'AWS::Cognito::UserPoolGroup').map(([, g]) => props(g));
    expect(groups.map((g) => g.GroupName).sort()).toEqual([...ROLES].sort());
    for (const g of groups) expect(g.UserPoolId).toEqual({ Ref: poolId });
  });

  it('has a public SRP app client whose ID tokens carry the custom claims, which users cannot write', () => {
    expect(client().GenerateSecret).toBe(false);
    expect((client().ExplicitAuthFlows as string[]).sort()).toEqual(
      ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'].sort(),
    );
    const read = client().ReadAttributes as string[];
    const write = client().WriteAttributes as string[];
    for (const claim of [CLAIMS.unitId, CLAIMS.personId]) {
      expect(read).toContain(claim);
      expect(write).not.toContain(claim);
    }
    expect(client().PreventUserExistenceErrors).toBe('ENABLED');
  });

  it('outputs the pool id and the client id', () => {
    const [poolId] = only('AWS::Cognito::UserPool');
    const [clientId] = only('AWS::Cognito::UserPoolClient');
    expect(s.json.Outputs?.UserPoolId?.Value).toEqual({ Ref: poolId });
    expect(s.json.Outputs?.UserPoolClientId?.Value).toEqual({ Ref: clientId });
  });
});
