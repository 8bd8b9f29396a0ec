/**
 * The web console on AWS (issue 9 §3, §5), on the synthesised template: a private bucket read
 * by CloudFront through origin access control, HTTPS only, the security headers with a strict
 * CSP, client-side routes answered with index.html (files, config.json included, never), the
 * build and config.json deployed with deploy-time values, the API's CORS origin = the
 * console's, and Cognito managed login (authorization code, no secret, PKCE) with callback
 * URLs from context; with an external issuer, config.json names it and no pool is made.
 */

import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleCsp, SPA_ROUTING_FUNCTION } from '../../infra/constructs/one-list-console.ts';
import { evidenceBucket } from '../../infra/resources/buckets.ts';
import {
  CONFIG_PATH,
  callbackUrlsFromContext,
  cognitoDomainPrefixFromContext,
  consoleDomainFromContext,
  oidcClientIdFromContext,
} from '../../infra/resources/console.ts';
import { type CfnResource, resourcesOfType, type Synthesised, stagedAsset, synthesise } from './support.ts';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON, shape checked by the assertions
type Json = any;
const props = (r: CfnResource | undefined) => (r?.Properties ?? {}) as Record<string, Json>;
/** The one resource of `type` of the console (the evidence bucket's own are tables.test.ts's). */
const only = (s: Synthesised, type: string): [string, CfnResource] => {
  const found = resourcesOfType(s.json, type).filter(([id]) => !id.startsWith(evidenceBucket.logicalId));
  expect(found, type).toHaveLength(1);
  return found[0] as [string, CfnResource];
};
/** The resolved `https://<distribution domain>` as CloudFormation spells it. */
const distributionOrigin = (distributionId: string) => ({
  'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]],
});
/** CloudFormation's Fn::Join of strings and references, as one string with «…» for each reference. */
const joined = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) return `«${JSON.stringify(value)}»`;
  return join[1].map(joined).join(join[0]);
};

/** config.json as deployed: the staged jsonData asset with its deploy-time markers. */
function deployedConfig(s: Synthesised): { config: Record<string, Json>; markers: Record<string, unknown> } {
  const deployments = resourcesOfType(s.json, 'Custom::CDKBucketDeployment');
  for (const [, d] of deployments) {
    const keys = props(d).SourceObjectKeys as string[];
    const markers = (props(d).SourceMarkers ?? []) as Record<string, unknown>[];
    for (const [i, key] of keys.entries()) {
      // Source.jsonData stages a zip with config.json inside: read it from the assembly's folder.
      const dir = key.replace(/\.zip$/, '');
      let text: string;
      try {
        text = stagedAsset(s.assembly, `${dir}/config.json`);
      } catch {
        continue;
      }
      return {
        config: JSON.parse(text) as Record<string, Json>,
        markers: markers[i] as Record<string, unknown>,
      };
    }
  }
  throw new Error('no deployment with config.json');
}

describe('prod with a callback URL from context', () => {
  let s: Synthesised;
  beforeAll(() => {
    s = synthesise({
      stage: 'prod',
      bundle: false,
      context: {
        callbackUrls: 'https://admin.district.example/auth/callback,http://localhost:5173/auth/callback',
      },
    });
  });

  it('keeps the build in a private bucket: public access blocked, SSL enforced, SSE-S3, no website', () => {
    const [bucketId, bucket] = only(s, 'AWS::S3::Bucket');
    const p = props(bucket);
    expect(p.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(p.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
    ]);
    expect(p).not.toHaveProperty('WebsiteConfiguration');
    expect(p.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    const policy = props(only(s, 'AWS::S3::BucketPolicy')[1]);
    expect(policy.Bucket).toEqual({ Ref: bucketId });
    const statements = policy.PolicyDocument.Statement as Record<string, Json>[];
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    // The only Allow: CloudFront, for this distribution (origin access control), reading objects.
    const allows = statements.filter((x) => x.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]?.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(allows[0]?.Action).toBe('s3:GetObject');
    const [distributionId] = only(s, 'AWS::CloudFront::Distribution');
    expect(JSON.stringify(allows[0]?.Condition)).toContain(distributionId);
  });

  it('serves it through CloudFront with origin access control, HTTPS only, GET/HEAD only', () => {
    const [oacId, oac] = only(s, 'AWS::CloudFront::OriginAccessControl');
    expect(props(oac).OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const d = props(only(s, 'AWS::CloudFront::Distribution')[1]).DistributionConfig;
    // The bucket, and the API (its /v1/* behaviours, checked below).
    const buckets = (d.Origins as Json[]).filter((o) => o.S3OriginConfig);
    expect(buckets).toHaveLength(1);
    expect(d.Origins).toHaveLength(2);
    expect(buckets[0].OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
    expect(buckets[0].S3OriginConfig.OriginAccessIdentity).toBe('');
    const ofBucket = [d.DefaultCacheBehavior, ...d.CacheBehaviors].filter(
      (b: Json) => b.TargetOriginId === buckets[0].Id,
    );
    expect(ofBucket).toHaveLength(2);
    for (const b of ofBucket) {
      expect(b.ViewerProtocolPolicy).toBe('redirect-to-https');
      expect(b.AllowedMethods).toEqual(['GET', 'HEAD']);
    }
    expect(d.DefaultRootObject).toBe('index.html');
  });

  it('sends a strict CSP, HSTS, nosniff, DENY framing and no referrer on every response', () => {
    const [policyId, policy] = only(s, 'AWS::CloudFront::ResponseHeadersPolicy');
    const sec = props(policy).ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = joined(sec.ContentSecurityPolicy.ContentSecurityPolicy);
    const directives = Object.fromEntries(
      csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]),
    );
    expect(directives['default-src']).toBe("'self'");
    expect(directives['script-src']).toBe("'self'");
    expect(directives['style-src']).toBe("'self'");
    expect(directives['frame-ancestors']).toBe("'none'");
    expect(directives['object-src']).toBe("'none'");
    const region = '«{"Ref":"AWS::Region"}»';
    const suffix = '«{"Ref":"AWS::URLSuffix"}»';
    const account = '«{"Ref":"AWS::AccountId"}»';
    // The region's HTTP APIs by pattern (the exact API would be a cycle: its CORS names the
    // distribution), Cognito's endpoints, the managed login domain; nothing else.
    expect(directives['connect-src']?.split(' ')).toEqual([
      "'self'",
      `https://*.execute-api.${region}.${suffix}`,
      // The browser POSTs evidence to the bucket and reads presigned links there (a pattern:
      // the bucket's CORS names the distribution).
      `https://*.s3.${region}.amazonaws.com`,
      `https://cognito-idp.${region}.${suffix}`,
      `https://test-${account}.auth.${region}.amazoncognito.com`,
    ]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*(?!\.execute-api|\.s3\.)/);
    expect(sec.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 63_072_000, Override: true });
    expect(sec.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
    expect(sec.ContentTypeOptions).toEqual({ Override: true });
    expect(sec.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(sec.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
    const d = props(only(s, 'AWS::CloudFront::Distribution')[1]).DistributionConfig;
    for (const b of [d.DefaultCacheBehavior, ...d.CacheBehaviors]) {
      expect(b.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    }
  });

  it('answers client-side routes with index.html, but never a file: config.json and assets stay themselves', () => {
    const [fnId, fn] = only(s, 'AWS::CloudFront::Function');
    expect(props(fn).FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(props(fn).FunctionCode).toBe(SPA_ROUTING_FUNCTION);
    const d = props(only(s, 'AWS::CloudFront::Distribution')[1]).DistributionConfig;
    expect(d.DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fnId, 'FunctionARN'] } },
    ]);
    // No distribution-wide error responses: they would turn a missing /config.json or asset
    // into index.html with 200.
    expect(d).not.toHaveProperty('CustomErrorResponses');
    // config.json has its own behaviour, never cached (a deploy's new values are read at once).
    const config = (d.CacheBehaviors as Record<string, unknown>[]).find((b) => b.PathPattern === CONFIG_PATH);
    expect(config?.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // CachingDisabled
    expect(config).not.toHaveProperty('FunctionAssociations');
    // The function itself, run as CloudFront runs it.
    const route = (uri: string): string =>
      (
        runInNewContext(`${SPA_ROUTING_FUNCTION}; handler({ request: { uri: ${JSON.stringify(uri)} } })`) as {
          uri: string;
        }
      ).uri;
    for (const uri of ['/', '/stats', '/items/2022-T-01', '/rankings/2022-06', '/auth/callback', '/inbox/']) {
      expect(route(uri), uri).toBe('/index.html');
    }
    for (const uri of ['/config.json', '/assets/index-abc.js', '/assets/font.woff2', '/index.html']) {
      expect(route(uri), uri).toBe(uri);
    }
  });

  it('deploys the build (assets a year, index.html and config.json revalidated and invalidated)', () => {
    const [distributionId] = only(s, 'AWS::CloudFront::Distribution');
    const [bucketId] = only(s, 'AWS::S3::Bucket');
    const deployments = resourcesOfType(s.json, 'Custom::CDKBucketDeployment').map(([, d]) => props(d));
    expect(deployments).toHaveLength(2);
    for (const d of deployments) {
      expect(d.DestinationBucketName).toEqual({ Ref: bucketId });
      expect(d.Prune).toBe(false);
    }
    const assets = deployments.find((d) => !d.DistributionId);
    const entry = deployments.find((d) => d.DistributionId);
    expect(assets?.SystemMetadata).toEqual({ 'cache-control': 'public, max-age=31536000, immutable' });
    expect(entry?.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
    expect(entry?.DistributionId).toEqual({ Ref: distributionId });
    expect(entry?.DistributionPaths).toEqual(['/', '/index.html', '/config.json']);
  });

  it('writes config.json with the API URL and Cognito sign-in as deploy-time values', () => {
    const { config, markers } = deployedConfig(s);
    const value = (text: string) =>
      text.replace(
        /<<marker:0xbaba:(\d+)>>/g,
        (_m, i) => `«${JSON.stringify(markers[`<<marker:0xbaba:${i}>>`])}»`,
      );
    const [poolId] = only(s, 'AWS::Cognito::UserPool');
    const [clientId] = only(s, 'AWS::Cognito::UserPoolClient');
    const [domainId] = only(s, 'AWS::Cognito::UserPoolDomain');
    const region = '«{"Ref":"AWS::Region"}»';
    // '' = the console's own origin: the distribution serves the API (routeApi).
    expect(config.apiUrl).toBe('');
    expect(config.auth.kind).toBe('oidc');
    expect(value(config.auth.authority)).toBe(`«{"Fn::GetAtt":["${poolId}","ProviderURL"]}»`);
    expect(value(config.auth.clientId)).toBe(`«{"Ref":"${clientId}"}»`);
    expect(config.auth.scope).toBe('openid email profile');
    expect(value(config.auth.signOutUrl)).toBe(
      `https://«{"Ref":"${domainId}"}».auth.${region}.amazoncognito.com/logout?client_id=«{"Ref":"${clientId}"}»`,
    );
    expect(config.auth.claims).toEqual({
      groups: 'cognito:groups',
      unitId: 'custom:unitId',
      personId: 'custom:personId',
    });
  });

  it('no CORS on the API for the hosted console, which calls it same-origin (no localhost in prod)', () => {
    const [distributionId] = only(s, 'AWS::CloudFront::Distribution');
    const api = props(only(s, 'AWS::ApiGatewayV2::Api')[1]);
    expect(JSON.stringify(api)).not.toContain(distributionId);
    expect(JSON.stringify(api.CorsConfiguration ?? {})).not.toMatch(/localhost|127\.0\.0\.1/);
  });

  it('routes /v1/public/* (cached) and every other /v1/* (uncached, all viewer headers but Host) to the API', () => {
    const [apiId] = only(s, 'AWS::ApiGatewayV2::Api');
    const d = props(only(s, 'AWS::CloudFront::Distribution')[1]).DistributionConfig;
    const paths = (d.CacheBehaviors as Json[]).map((b) => b.PathPattern);
    // In order: CloudFront takes the first match, the public reads before the rest of the API.
    expect(paths.indexOf('/v1/public/*')).toBeGreaterThanOrEqual(0);
    expect(paths.indexOf('/v1/public/*')).toBeLessThan(paths.indexOf('/v1/*'));
    const byPath = (p: string) => (d.CacheBehaviors as Json[]).find((b) => b.PathPattern === p);
    const pub = byPath('/v1/public/*');
    const rest = byPath('/v1/*');
    expect(pub.AllowedMethods).toEqual(['GET', 'HEAD']);
    expect(pub.OriginRequestPolicyId).toBeUndefined();
    expect(pub.CachePolicyId).toMatchObject({ Ref: expect.stringMatching(/PublicApiCache/) });
    expect([...rest.AllowedMethods].sort()).toEqual([
      'DELETE',
      'GET',
      'HEAD',
      'OPTIONS',
      'PATCH',
      'POST',
      'PUT',
    ]);
    // Managed policies: CachingDisabled, AllViewerExceptHostHeader (forwards Authorization when caching is disabled).
    expect(rest.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
    expect(rest.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
    expect(rest.ViewerProtocolPolicy).toBe('https-only');
    expect(pub.TargetOriginId).toBe(rest.TargetOriginId);
    const origin = (d.Origins as Json[]).find((o) => o.Id === rest.TargetOriginId);
    expect(joined(origin.DomainName)).toBe(
      `«{"Ref":"${apiId}"}».execute-api.«{"Ref":"AWS::Region"}».«{"Ref":"AWS::URLSuffix"}»`,
    );
    expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    // The direct URL still works: ApiUrl stays an output.
    expect(s.json.Outputs?.ApiUrl).toBeDefined();
  });

  it('gives the console client the code grant only, no secret, OIDC scopes, the callback URLs of the console and the context', () => {
    const [distributionId] = only(s, 'AWS::CloudFront::Distribution');
    const c = props(only(s, 'AWS::Cognito::UserPoolClient')[1]);
    expect(c.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(c.AllowedOAuthFlows).toEqual(['code']);
    // No secret: a public client, for which Cognito supports PKCE (the console always sends S256).
    expect(c.GenerateSecret).toBe(false);
    expect([...c.AllowedOAuthScopes].sort()).toEqual(['email', 'openid', 'profile']);
    expect(c.SupportedIdentityProviders).toEqual(['COGNITO']);
    const parts = distributionOrigin(distributionId)['Fn::Join'][1] as unknown[];
    expect(c.CallbackURLs).toEqual([
      { 'Fn::Join': ['', [...parts, '/auth/callback']] },
      'https://admin.district.example/auth/callback',
    ]);
    expect(c.LogoutURLs).toEqual([{ 'Fn::Join': ['', [...parts, '/']] }, 'https://admin.district.example/']);
    // The loopback one is refused in prod, and said so.
    expect(JSON.stringify(c)).not.toContain('localhost');
    const warnings = s.assembly
      .getStackArtifact(s.stack.artifactId)
      .messages.filter((m) =>
        String(m.entry.data).includes('http://localhost:5173/auth/callback is refused'),
      );
    expect(warnings).toHaveLength(1);
  });

  it('has a managed login (v2) domain with Cognito’s branding, prefixed by stack and account', () => {
    const [poolId] = only(s, 'AWS::Cognito::UserPool');
    const [clientId] = only(s, 'AWS::Cognito::UserPoolClient');
    const domain = props(only(s, 'AWS::Cognito::UserPoolDomain')[1]);
    expect(domain.ManagedLoginVersion).toBe(2);
    expect(domain.UserPoolId).toEqual({ Ref: poolId });
    expect(domain.Domain).toEqual({ 'Fn::Join': ['', ['test-', { Ref: 'AWS::AccountId' }]] });
    const branding = props(only(s, 'AWS::Cognito::ManagedLoginBranding')[1]);
    expect(branding).toEqual({
      UserPoolId: { Ref: poolId },
      ClientId: { Ref: clientId },
      UseCognitoProvidedValues: true,
    });
  });
});

describe('context', () => {
  it('cognitoDomainPrefix and a custom domain: used for the login domain, the CORS origin and the callbacks', () => {
    const s = synthesise({
      stage: 'prod',
      bundle: false,
      context: {
        cognitoDomainPrefix: 'futian-one-list',
        consoleDomain: 'console.district.example',
        consoleCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123',
      },
    });
    expect(props(only(s, 'AWS::Cognito::UserPoolDomain')[1]).Domain).toBe('futian-one-list');
    const [distributionId, distribution] = only(s, 'AWS::CloudFront::Distribution');
    const d = props(distribution).DistributionConfig;
    expect(d.Aliases).toEqual(['console.district.example']);
    expect(d.ViewerCertificate).toEqual({
      AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123',
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    // Same-origin through the distribution, custom domain included: no CORS for either.
    const api = JSON.stringify(props(only(s, 'AWS::ApiGatewayV2::Api')[1]));
    expect(api).not.toContain(distributionId);
    expect(api).not.toContain('console.district.example');
    const c = props(only(s, 'AWS::Cognito::UserPoolClient')[1]);
    expect(c.CallbackURLs).toContain('https://console.district.example/auth/callback');
    expect(c.LogoutURLs).toContain('https://console.district.example/');
    expect(s.json.Outputs?.ConsoleUrl?.Value).toBe('https://console.district.example');
  });

  it('dev keeps a developer’s localhost callback', () => {
    const s = synthesise({
      stage: 'dev',
      bundle: false,
      context: { callbackUrls: ['http://localhost:5173/auth/callback'] },
    });
    const c = props(only(s, 'AWS::Cognito::UserPoolClient')[1]);
    expect(c.CallbackURLs).toContain('http://localhost:5173/auth/callback');
    expect(c.LogoutURLs).toContain('http://localhost:5173/');
  });

  it('bad values fail synthesis with the key named', () => {
    expect(() => consoleDomainFromContext({ consoleDomain: 'console.district.example' })).toThrow(
      /consoleCertificateArn/,
    );
    expect(() =>
      consoleDomainFromContext({
        consoleDomain: 'console.district.example',
        consoleCertificateArn: 'arn:aws:acm:cn-north-1:123456789012:certificate/x',
      }),
    ).toThrow(/us-east-1/);
    expect(() => callbackUrlsFromContext({ callbackUrls: 'https://a.example' })).toThrow(/callbackUrls/);
    expect(() => callbackUrlsFromContext({ callbackUrls: 'https://a.example/cb?x=1' })).toThrow(
      /callbackUrls/,
    );
    expect(callbackUrlsFromContext({ callbackUrls: '["https://a.example/auth/callback"]' })).toEqual([
      'https://a.example/auth/callback',
    ]);
    expect(() => cognitoDomainPrefixFromContext({ cognitoDomainPrefix: 'My_Prefix' }, 'x')).toThrow(
      /cognitoDomainPrefix/,
    );
    expect(() => cognitoDomainPrefixFromContext({ cognitoDomainPrefix: 'aws-one-list' }, 'x')).toThrow(/aws/);
    expect(() => oidcClientIdFromContext({ oidcClientId: 'other' }, ['one-list-console'])).toThrow(
      /oidcAudience/,
    );
    expect(() => oidcClientIdFromContext({}, ['a', 'b'])).toThrow(/oidcClientId/);
  });
});

describe('an external OIDC issuer', () => {
  let s: Synthesised;
  beforeAll(() => {
    s = synthesise({
      stage: 'prod',
      bundle: false,
      context: {
        oidcIssuer: 'https://sso.district.example/realms/staff',
        oidcAudience: 'one-list-api,one-list-console',
        oidcClientId: 'one-list-console',
        oidcGroupsClaim: 'groups',
        oidcUnitClaim: 'unit_id',
      },
    });
  });

  it('puts the issuer and the console’s client id into config.json, with the renamed claims', () => {
    const { config } = deployedConfig(s);
    expect(config.auth).toEqual({
      kind: 'oidc',
      authority: 'https://sso.district.example/realms/staff',
      clientId: 'one-list-console',
      scope: 'openid email profile',
      claims: { groups: 'groups', unitId: 'unit_id', personId: 'custom:personId' },
    });
  });

  it('creates no user pool, client or login domain; the CSP connects to the issuer’s origin', () => {
    for (const type of [
      'AWS::Cognito::UserPool',
      'AWS::Cognito::UserPoolClient',
      'AWS::Cognito::UserPoolDomain',
      'AWS::Cognito::ManagedLoginBranding',
    ]) {
      expect(resourcesOfType(s.json, type), type).toEqual([]);
    }
    const sec = props(only(s, 'AWS::CloudFront::ResponseHeadersPolicy')[1]).ResponseHeadersPolicyConfig
      .SecurityHeadersConfig;
    const csp = joined(sec.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain(' https://sso.district.example;');
    expect(csp).not.toContain('cognito');
  });
});

describe('consoleCsp', () => {
  it('adds only the given origins to connect-src', () => {
    expect(consoleCsp(['https://api.example'])).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self' https://api.example; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
  });
});

describe('the public board through the console’s distribution (routePublicApi)', () => {
  it('caches /v1/public/* from the API as the API says: query strings in the key, no cookie or header, GET/HEAD', async () => {
    const { App, Stack } = await import('aws-cdk-lib');
    const { Template } = await import('aws-cdk-lib/assertions');
    const { OneListConsole, PUBLIC_API_PATH } = await import('../../infra/constructs/one-list-console.ts');
    const { CONSOLE_FIXTURE } = await import('./support.ts');
    const stack = new Stack(new App(), 'PublicCache');
    const c = new OneListConsole(stack, 'Console', { assetDir: CONSOLE_FIXTURE, connectSources: [] });
    c.routePublicApi('abc123.execute-api.eu-west-1.amazonaws.com');
    const t = Template.fromStack(stack).toJSON() as { Resources: Record<string, CfnResource> };
    const of = (type: string) => Object.entries(t.Resources).filter(([, r]) => r.Type === type);
    const [[, distribution]] = of('AWS::CloudFront::Distribution') as [[string, CfnResource]];
    const config = props(distribution).DistributionConfig;
    const behaviour = (config.CacheBehaviors as Json[]).find((b) => b.PathPattern === PUBLIC_API_PATH);
    expect(behaviour).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', Compress: true });
    expect(behaviour.AllowedMethods).toEqual(['GET', 'HEAD']);
    expect(behaviour.OriginRequestPolicyId).toBeUndefined();
    const origin = (config.Origins as Json[]).find((o) => o.Id === behaviour.TargetOriginId);
    expect(origin.DomainName).toBe('abc123.execute-api.eu-west-1.amazonaws.com');
    expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    const policies = of('AWS::CloudFront::CachePolicy');
    const [policyId, policy] = policies.find(([id]) => behaviour.CachePolicyId.Ref === id) as [
      string,
      CfnResource,
    ];
    expect(policyId).toBeDefined();
    const p = props(policy).CachePolicyConfig;
    // The origin's Cache-Control decides (60 s, stale-while-revalidate); nothing without one.
    expect(p).toMatchObject({ DefaultTTL: 0, MinTTL: 0, MaxTTL: 86_400 });
    expect(p.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
      QueryStringsConfig: { QueryStringBehavior: 'all' },
      HeadersConfig: { HeaderBehavior: 'none' },
      CookiesConfig: { CookieBehavior: 'none' },
      EnableAcceptEncodingGzip: true,
      EnableAcceptEncodingBrotli: true,
    });
    // Client-side routing stays on the console's own paths.
    expect(behaviour.FunctionAssociations).toBeUndefined();
  });
});
