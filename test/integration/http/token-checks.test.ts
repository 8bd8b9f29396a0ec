/**
 * The checks a token passes beyond its signature (issue 8 §4), over real HTTP through the
 * local gateway: a token with two role groups is refused (not read as whichever is listed
 * first); only Cognito ID tokens (`token_use` = `id`) are accepted; a project manager's person
 * must belong to the token's unit; a token issued in the future is refused by the gateway, as
 * API Gateway's JWT authorizer does ("iat – must be before the current time").
 */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFrom } from '../../../functions/api/auth.ts';
import type { HttpEvent } from '../../../functions/api/http.ts';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, localKeys, mintToken } from '../../../infra/local/identity.ts';
import { checkResponse } from '../../support/contract.ts';
import { Api, codeOf, type HttpStack, showReply, startHttpStack, tokenFor } from '../../support/http.ts';

let stack: HttpStack;
let api: Api;

/** A token signed with the trusted local key: only the claims are wrong. */
async function signed(claims: Record<string, unknown>, iat = Math.floor(Date.now() / 1000)): Promise<string> {
  return new SignJWT({ token_use: 'id', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: localKeys().kid, typ: 'JWT' })
    .setSubject('token-check')
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 3600)
    .sign(localKeys().privateKey);
}

const event = (claims: Record<string, string>): HttpEvent =>
  ({ requestContext: { authorizer: { jwt: { claims } } } }) as unknown as HttpEvent;

beforeAll(async () => {
  stack = await startHttpStack({ prefix: 'tok' });
  api = new Api(stack.call, 2022);
  await api.unit('meilin');
  await api.unit('huafu');
  await api.person('meilin', 'p-meilin-1');
  await api.person('huafu', 'p-huafu-1');
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('role groups', () => {
  it('a token with two role groups is refused, in either order', async () => {
    for (const groups of [
      ['unit', 'office'],
      ['office', 'unit'],
      ['manager', 'commander'],
    ]) {
      const r = await stack.call('GET', '/v1/orders', {
        token: await signed({ 'cognito:groups': groups, 'custom:unitId': 'meilin' }),
        query: { year: 2022 },
      });
      expect(r.status, showReply(r)).toBe(403);
      expect(codeOf(r)).toBe('auth.ambiguous_role');
      checkResponse('listOrders', r.status, r.body);
    }
  });

  it('one role group beside groups of no role here is that role', async () => {
    const r = await stack.call('GET', '/v1/units/meilin', {
      token: await signed({ 'cognito:groups': ['everyone', 'office'] }),
    });
    expect(r.status, showReply(r)).toBe(200);
  });

  it('the handler refuses two roles however API Gateway flattened them', async () => {
    for (const groups of ['[unit office]', 'unit,office', 'office unit']) {
      await expect(
        (async () => actorFrom(event({ 'cognito:groups': groups, token_use: 'id', sub: 'x' })))(),
      ).rejects.toMatchObject({ kind: 'forbidden', code: 'auth.ambiguous_role' });
    }
  });
});

describe('token use', () => {
  it('an access token (or a token naming no use) is refused: 401 auth.not_id_token', async () => {
    for (const tokenUse of ['access', undefined]) {
      const r = await stack.call('GET', '/v1/units/meilin', {
        token: await signed({ 'cognito:groups': ['office'], token_use: tokenUse }),
      });
      expect(r.status, showReply(r)).toBe(401);
      expect(codeOf(r)).toBe('auth.not_id_token');
      checkResponse('getUnit', r.status, r.body);
    }
  });

  it('the local minter issues ID tokens', async () => {
    const token = await mintToken({ role: 'unit', unitId: 'meilin' });
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    expect(payload.token_use).toBe('id');
    const r = await stack.call('GET', '/v1/units/meilin', { token });
    expect(r.status, showReply(r)).toBe(200);
  });
});

describe("a manager's person belongs to the token's unit", () => {
  it("a manager token naming another unit's person is refused", async () => {
    const token = await tokenFor('manager', { unitId: 'meilin', personId: 'p-huafu-1' });
    for (const path of ['/v1/units/meilin/ledger', '/v1/units/meilin']) {
      const r = await stack.call('GET', path, {
        token,
        query: path.endsWith('ledger') ? { year: 2022 } : {},
      });
      expect(r.status, `${path}: ${showReply(r)}`).toBe(403);
      expect(codeOf(r)).toBe('auth.person_not_in_unit');
    }
  });

  it('a manager token naming no person, or a person that does not exist, is refused', async () => {
    const none = await stack.call('GET', '/v1/units/meilin', {
      token: await tokenFor('manager', { unitId: 'meilin' }),
    });
    expect(none.status, showReply(none)).toBe(403);
    expect(codeOf(none)).toBe('auth.no_person');
    const ghost = await stack.call('GET', '/v1/units/meilin', {
      token: await tokenFor('manager', { unitId: 'meilin', personId: 'p-nobody' }),
    });
    expect(ghost.status, showReply(ghost)).toBe(403);
    expect(codeOf(ghost)).toBe('auth.unknown_person');
  });

  it("the unit's own manager passes (the control)", async () => {
    const r = await stack.call('GET', '/v1/units/meilin/ledger', {
      token: await tokenFor('manager', { unitId: 'meilin', personId: 'p-meilin-1' }),
      query: { year: 2022 },
    });
    expect(r.status, showReply(r)).toBe(200);
  });
});

describe('issued at', () => {
  it('the gateway refuses a token issued in the future, as API Gateway does (no skew allowed)', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const ahead of [3600, 5]) {
      const r = await stack.call('GET', '/v1/units/meilin', {
        token: await signed({ 'cognito:groups': ['office'] }, now + ahead),
      });
      // API Gateway's own answer: its fixed body, the reason in www-authenticate.
      expect(r.status, `${ahead}s ahead: ${showReply(r)}`).toBe(401);
      expect(r.body).toEqual({ message: 'Unauthorized' });
      expect(r.headers.get('www-authenticate')).toMatch(/future/);
    }
    const r = await stack.call('GET', '/v1/units/meilin', {
      token: await signed({ 'cognito:groups': ['office'] }, now - 1),
    });
    expect(r.status, showReply(r)).toBe(200);
  });
});
