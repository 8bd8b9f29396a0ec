/**
 * The gateway over real HTTP on the fixture routes (test/fixtures/declarations.ts): what API
 * Gateway's HTTP API does before and around the function — route matching, the JWT
 * authorizer, CORS, throttling, the payload limit, the integration timeout — and the
 * payload-2.0 event it builds. The handler (Echo) answers with the event it received.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Gateway,
  type GatewayOptions,
  MAX_GATEWAY_BODY_BYTES,
  startGateway,
} from '../../src/gateway.ts';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, localKeys, localVerifier, mintToken } from '../../src/tokens.ts';
import { declarations } from '../fixtures/declarations.ts';

const ORIGIN = 'http://localhost:5173';
const keyDir = mkdtempSync(join(tmpdir(), 'local-aws-keys-'));
const CORS = {
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['authorization', 'content-type'],
  maxAgeSeconds: 600,
};
const base: GatewayOptions = { corsOrigins: [ORIGIN], cors: CORS, verifier: localVerifier(keyDir) };
let gw: Gateway;
const opened: Gateway[] = [];

async function gateway(options: Partial<GatewayOptions> = {}): Promise<Gateway> {
  const g = await startGateway(declarations, { ...base, ...options });
  opened.push(g);
  return g;
}

beforeAll(async () => {
  gw = await gateway();
});
afterAll(async () => {
  for (const g of opened) await g.close();
  rmSync(keyDir, { recursive: true, force: true });
});

const token = (extra: { groups?: string[]; expiresIn?: number } = {}) =>
  mintToken({
    sub: 'user-1',
    groups: extra.groups ?? ['member', 'admin'],
    attributes: { unitId: 'u-1', personId: undefined },
    keyDir,
    ...(extra.expiresIn !== undefined ? { expiresIn: extra.expiresIn } : {}),
  });

interface EchoedEvent {
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  pathParameters?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
  requestContext: { authorizer?: { jwt?: { claims?: Record<string, string> } }; http: { method: string } };
}

async function call(path: string, init: RequestInit = {}, g: Gateway = gw) {
  const res = await fetch(g.url + path, init);
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, body };
}

describe('routes', () => {
  it('builds the payload-2.0 event: route key, path parameters decoded, query, headers, body', async () => {
    const r = await call('/v1/things/a%2Fb?x=1&x=2&y=', { headers: { 'X-Custom': 'v' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('apigw-requestid')).toBeTruthy();
    const e = r.body as EchoedEvent;
    expect(e.routeKey).toBe('GET /v1/things/{thingId}');
    expect(e.rawPath).toBe('/v1/things/a%2Fb');
    expect(e.pathParameters).toEqual({ thingId: 'a/b' });
    expect(e.rawQueryString).toBe('x=1&x=2&y=');
    expect(e.queryStringParameters).toEqual({ x: '1,2', y: '' });
    expect(e.headers['x-custom']).toBe('v');
    expect(e.requestContext.http.method).toBe('GET');
    expect(e.requestContext.authorizer).toBeUndefined();
  });

  it('prefers the literal segment over a parameter (the most specific route)', async () => {
    const r = await call('/v1/things/mine', { headers: { authorization: `Bearer ${await token()}` } });
    expect((r.body as EchoedEvent).routeKey).toBe('GET /v1/things/mine');
  });

  it('answers no route for the path, or for the method, with 404 {"message":"Not Found"}, never 405', async () => {
    for (const [method, path] of [
      ['GET', '/v1/nothing'],
      ['GET', '/v1/things/'],
      ['DELETE', '/v1/things/x'],
    ] as const) {
      const r = await call(path, { method });
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body).toEqual({ message: 'Not Found' });
      expect(r.headers.get('allow')).toBeNull();
      expect(r.headers.get('apigw-requestid')).toBeTruthy();
    }
  });
});

describe('JWT authorizer', () => {
  it('refuses a missing token with 401 and www-authenticate, the body fixed', async () => {
    const r = await call('/v1/things', { method: 'POST' });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ message: 'Unauthorized' });
    expect(r.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('refuses a forged token (right claims, another key), an expired one and one for another audience', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await new SignJWT({ 'cognito:groups': ['admin'], token_use: 'id' })
      .setProtectedHeader({ alg: 'RS256', kid: localKeys(keyDir).kid })
      .setSubject('x')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    const other = await new SignJWT({ token_use: 'id' })
      .setProtectedHeader({ alg: 'RS256', kid: localKeys(keyDir).kid })
      .setSubject('x')
      .setIssuer(LOCAL_ISSUER)
      .setAudience('someone-else')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(localKeys(keyDir).privateKey);
    for (const [what, t] of [
      ['forged', forged],
      ['another audience', other],
      ['expired', await token({ expiresIn: -10 })],
    ] as const) {
      const r = await call('/v1/things', { method: 'POST', headers: { authorization: `Bearer ${t}` } });
      expect(r.status, what).toBe(401);
      expect(r.body).toEqual({ message: 'Unauthorized' });
      expect(r.headers.get('www-authenticate'), what).toContain('invalid_token');
    }
    const expired = await call('/v1/things', {
      method: 'POST',
      headers: { authorization: `Bearer ${await token({ expiresIn: -10 })}` },
    });
    expect(expired.headers.get('www-authenticate')).toContain('the token has expired');
  });

  it('passes verified claims on as strings, as API Gateway does: arrays as "[a b]"', async () => {
    const r = await call('/v1/things', {
      method: 'POST',
      headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(r.status).toBe(200);
    const e = r.body as EchoedEvent;
    expect(e.body).toBe('{"a":1}');
    expect(e.requestContext.authorizer?.jwt?.claims).toMatchObject({
      sub: 'user-1',
      'cognito:groups': '[member admin]',
      'cognito:username': 'user-1',
      'custom:unitId': 'u-1',
      token_use: 'id',
      iss: LOCAL_ISSUER,
      aud: LOCAL_AUDIENCE,
    });
    expect(e.requestContext.authorizer?.jwt?.claims?.['custom:personId']).toBeUndefined();
    expect(e.requestContext.authorizer?.jwt?.claims?.exp).toMatch(/^\d+$/);
  });
});

describe('CORS, throttling, limits, timeouts, extras', () => {
  it('answers every preflight itself with the configured settings; other origins get no CORS headers', async () => {
    const pre = await fetch(`${gw.url}/v1/anything`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(pre.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    expect(pre.headers.get('access-control-max-age')).toBe('600');
    const evil = await fetch(`${gw.url}/v1/things/x`, { headers: { origin: 'https://evil.example' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const denied = await call('/v1/things', { method: 'POST', headers: { origin: ORIGIN } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('throttles with 429 {"message":"Too Many Requests"}: the stage budget, and each public route its own', async () => {
    const limited = await gateway({
      throttle: { rateLimit: 1, burstLimit: 3 },
      publicThrottle: { rateLimit: 1, burstLimit: 1 },
    });
    expect((await call('/v1/things/x', {}, limited)).status).toBe(200);
    const second = await call('/v1/things/x', {}, limited);
    expect(second.status).toBe(429);
    expect(second.body).toEqual({ message: 'Too Many Requests' });
    const auth = { headers: { authorization: `Bearer ${await token()}` } };
    expect((await call('/v1/things/mine', auth, limited)).status).toBe(200);
    expect((await call('/v1/things/mine', auth, limited)).status).toBe(429);
  });

  it('refuses a body over 10 MB with 413 and answers an integration timeout with 503', async () => {
    const huge = await call('/v1/things', {
      method: 'POST',
      headers: { authorization: `Bearer ${await token()}` },
      body: 'x'.repeat(MAX_GATEWAY_BODY_BYTES + 1),
    });
    expect(huge.status).toBe(413);
    expect(huge.body).toEqual({ message: 'Request Entity Too Large' });
    const impatient = await gateway({ integrationTimeoutMs: 50 });
    const slow = await call('/v1/slow', {}, impatient);
    expect(slow.status).toBe(503);
    expect(slow.body).toEqual({ message: 'Service Unavailable' });
  });

  it('serves its extras before the API, and logs each request', async () => {
    const log: string[] = [];
    const extra = await gateway({
      extras: [
        (_req, res, path) => {
          if (path !== '/hello') return false;
          res.writeHead(200, { 'content-type': 'text/plain' }).end('hi');
          return true;
        },
      ],
      onRequest: (e) => log.push(`${e.method} ${e.path} ${e.status}${e.routeKey ? ` ${e.routeKey}` : ''}`),
    });
    expect(await (await fetch(`${extra.url}/hello`)).text()).toBe('hi');
    expect((await call('/v1/things/y', {}, extra)).status).toBe(200);
    expect(log).toEqual(['GET /hello 200', 'GET /v1/things/y 200 GET /v1/things/{thingId}']);
  });
});
