/**
 * The local gateway over real HTTP: the checks API Gateway makes before a function runs
 * (routes, JWT, CORS, payload size), the event it builds, and one claim-to-progress story
 * told entirely through the API with minted tokens.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { flattenClaims, type Gateway, type LocalRuntime } from '@one-list/local-aws';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../functions/domain/model.ts';
import {
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  localKeys,
  localVerifier,
  mintToken,
} from '../../../infra/local/identity.ts';
import {
  corsOriginsFromCdkJson,
  startGateway,
  startLocalRuntime,
  throttlingFromCdkJson,
} from '../../../infra/local/platform.ts';

const ORIGIN = 'http://localhost:5173';
let rt: LocalRuntime;
let gw: Gateway;

beforeAll(async () => {
  rt = await startLocalRuntime({
    dynamoDbEndpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB,
    tablePrefix: `gw${randomUUID().slice(0, 8)}-`,
    // A fixed start, not the real clock: working-day limits stay in a year the calendar covers.
    origin: new Date('2026-06-01T09:00:00+08:00'),
  });
  gw = await startGateway({ corsOrigins: [ORIGIN], verifier: localVerifier() });
});

afterAll(async () => {
  await gw?.close();
  await rt?.stop();
});

interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { error?: { code: string; message: string; details: unknown[] } };
}

async function call(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const res = await fetch(gw.url + path, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...opts.headers,
    },
    ...(opts.body !== undefined
      ? { body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) }
      : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
}

const token = (role: Role, extra: { unitId?: string; personId?: string } = {}) =>
  mintToken({ role, ...extra });

describe('routing', () => {
  it('serves the public health route without a token', async () => {
    const r = await call('GET', '/v1/health');
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ok');
    expect(r.headers.get('apigw-requestid')).toBeTruthy();
  });

  it('extracts path parameters and hands them to the function', async () => {
    const office = await token('office');
    const missing = await call('GET', '/v1/items/no-such-item', { token: office });
    expect(missing.status).toBe(404);
    expect(missing.body.error?.code).toBe('item.not_found');
    expect(missing.body.error?.message).toContain('no-such-item');

    const year = await call('GET', '/v1/public/lists/2022');
    expect(year.status).toBe(200);
    expect(year.body.year).toBe(2022);

    const award = await call('POST', '/v1/items/no-such-item/claims/claim-x/award', {
      token: office,
      body: {},
    });
    expect(award.status).toBe(404);
    expect(award.body.error?.message).toContain('no-such-item');
  });
});

describe('JWT authorizer', () => {
  it('refuses a missing token with 401', async () => {
    const r = await call('GET', '/v1/units');
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ message: 'Unauthorized' });
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('refuses a forged token (right claims, another key) with 401', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await new SignJWT({ 'cognito:groups': ['office'], token_use: 'id' })
      .setProtectedHeader({ alg: 'RS256', kid: localKeys().kid })
      .setSubject('mallory')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    const r = await call('GET', '/v1/units', { token: forged });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ message: 'Unauthorized' });
    expect(r.headers.get('www-authenticate')).toMatch(
      /^Bearer scope="" error="invalid_token" error_description="/,
    );
  });

  it('refuses an unsigned token and one for another audience with 401', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const claims = Buffer.from(
      JSON.stringify({
        sub: 'x',
        'cognito:groups': ['office'],
        iss: LOCAL_ISSUER,
        aud: LOCAL_AUDIENCE,
        exp: 9e9,
      }),
    ).toString('base64url');
    expect((await call('GET', '/v1/units', { token: `${header}.${claims}.` })).status).toBe(401);

    const otherAudience = await new SignJWT({ 'cognito:groups': ['office'] })
      .setProtectedHeader({ alg: 'RS256', kid: localKeys().kid })
      .setSubject('x')
      .setIssuer(LOCAL_ISSUER)
      .setAudience('someone-else')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(localKeys().privateKey);
    expect((await call('GET', '/v1/units', { token: otherAudience })).status).toBe(401);
    expect((await call('GET', '/v1/units', { token: 'not-a-jwt' })).status).toBe(401);
  });

  it('refuses an expired token with 401 and says so in www-authenticate (the body is fixed)', async () => {
    const expired = await mintToken({ role: 'office', expiresIn: -60 });
    const r = await call('GET', '/v1/units', { token: expired });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ message: 'Unauthorized' });
    expect(r.headers.get('www-authenticate')).toMatch(/expired/);
  });

  it('passes verified claims on as API Gateway does: arrays as "[a b]"', async () => {
    expect(flattenClaims({ 'cognito:groups': ['unit', 'x'], exp: 12, ok: true })).toEqual({
      'cognito:groups': '[unit x]',
      exp: '12',
      ok: 'true',
    });
    // The handler reads the role from the flattened claim: a unit may not create units.
    const unit = await token('unit', { unitId: 'meilin' });
    const r = await call('POST', '/v1/units', {
      token: unit,
      body: { unitId: 'x', name: 'X', unitType: 'department' },
    });
    expect(r.status).toBe(403);
    expect(r.body.error?.code).toBe('auth.role_not_allowed');
  });
});

describe('CORS and limits', () => {
  it('answers a preflight for an allowed origin like API Gateway', async () => {
    const res = await fetch(`${gw.url}/v1/items`, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,idempotency-key',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST,PATCH,OPTIONS');
    expect(res.headers.get('access-control-allow-headers')).toBe(
      'authorization,content-type,idempotency-key',
    );
    expect(Number(res.headers.get('access-control-max-age'))).toBeGreaterThan(0);
  });

  it('gives no CORS headers to another origin, and the allow-origin header to real answers', async () => {
    const pre = await fetch(`${gw.url}/v1/items`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(pre.headers.get('access-control-allow-methods')).toBeNull();

    const ok = await call('GET', '/v1/health', { headers: { origin: ORIGIN } });
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const denied = await call('GET', '/v1/units', { headers: { origin: ORIGIN } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const other = await call('GET', '/v1/health', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  // The gateway's own behaviour (404 for no route, throttling's 429 and the public routes'
  // budget, the integration timeout's 503, the 10 MB limit) is tested once, in
  // packages/local-aws/test/integration/gateway.test.ts; here what the product binds to it.
  it('reads the allowed origins and the throttling from cdk.json (public routes on a smaller budget)', () => {
    expect(corsOriginsFromCdkJson()).toContain(ORIGIN);
    const { throttle, publicThrottle } = throttlingFromCdkJson();
    expect(publicThrottle.rateLimit).toBeLessThan(throttle.rateLimit);
  });

  it('refuses bodies over 64 KB in the handler', async () => {
    const office = await token('office');
    const big = await call('POST', '/v1/units', {
      token: office,
      body: JSON.stringify({ pad: 'x'.repeat(70_000) }),
    });
    expect(big.status).toBe(413);
  });
});

describe('end to end over HTTP', () => {
  it('office creates, publishes; unit claims; commander awards; unit acknowledges and reports', async () => {
    const year = rt.clock.now().getUTCFullYear();
    const office = await token('office');
    const commander = await token('commander');
    const unit = await token('unit', { unitId: 'e2e-unit' });
    const day = (days: number) => new Date(rt.clock.now().getTime() + days * 86_400_000).toISOString();

    expect(
      (
        await call('POST', '/v1/units', {
          token: office,
          body: { unitId: 'e2e-unit', name: 'E2E Subdistrict', unitType: 'subdistrict' },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call('POST', '/v1/units/e2e-unit/people', {
          token: office,
          body: { personId: 'p-e2e-1', name: 'Test Manager' },
        })
      ).status,
    ).toBe(201);

    const created = await call('POST', '/v1/items', {
      token: office,
      body: {
        year,
        kind: 'task',
        itemClass: 'A',
        category: 'siege',
        title: 'End-to-end task',
        deadline: day(200).slice(0, 10),
        milestones: [
          { id: 'm1', title: 'Half', dueDate: day(100).slice(0, 10), weight: 50 },
          { id: 'm2', title: 'All', dueDate: day(200).slice(0, 10), weight: 50 },
        ],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('draft');
    const itemId = String(created.body.itemId);

    const batch = await call('POST', `/v1/lists/${year}/batches`, {
      token: office,
      body: { itemIds: [itemId], claimWindow: { closesAt: day(7) } },
    });
    expect(batch.status).toBe(201);
    expect(batch.body.batchNo).toBe(1);

    const claim = await call('POST', `/v1/items/${itemId}/claims`, {
      token: unit,
      body: { plan: 'We lead it', managerId: 'p-e2e-1' },
    });
    expect(claim.status).toBe(201);
    expect(claim.body.status).toBe('pending');

    const order = await call('POST', `/v1/items/${itemId}/claims/${String(claim.body.claimId)}/award`, {
      token: commander,
      body: {},
    });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({
      orderType: 'responsibility',
      number: 1,
      unitId: 'e2e-unit',
      status: 'issued',
    });
    expect(order.body.displayNumber).toBe(`福田责〔${year}〕1号`);
    expect((await call('GET', `/v1/items/${itemId}`, { token: unit })).body.status).toBe('awarded');

    const ack = await call('POST', `/v1/orders/${String(order.body.orderId)}/acknowledgement`, {
      token: unit,
      body: {},
    });
    expect(ack.status).toBe(200);
    expect(ack.body.status).toBe('acknowledged');
    expect((await call('GET', `/v1/items/${itemId}`, { token: unit })).body.status).toBe('in_progress');

    const progress = await call('POST', `/v1/items/${itemId}/progress`, {
      token: unit,
      body: { percentComplete: 40, milestones: [{ milestoneId: 'm1', done: true }], narrative: 'Halfway' },
      headers: { 'idempotency-key': `e2e-progress-${randomUUID()}` },
    });
    expect(progress.status).toBe(201);
    const item = await call('GET', `/v1/items/${itemId}`, { token: unit });
    expect(item.body).toMatchObject({ status: 'in_progress', percentComplete: 40 });

    const other = await token('unit', { unitId: 'someone-else' });
    const foreign = await call('POST', `/v1/items/${itemId}/progress`, {
      token: other,
      body: { percentComplete: 90, narrative: 'Not mine' },
    });
    expect(foreign.status).toBe(403);

    const list = await call('GET', `/v1/public/lists/${year}`);
    expect(list.body.items).toEqual([
      expect.objectContaining({ itemId, leadUnitId: 'e2e-unit', status: 'in_progress' }),
    ]);
  });
});
