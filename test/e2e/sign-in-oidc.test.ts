/// <reference lib="dom" />
/**
 * Sign-in on AWS, in real Chromium: the built console (web/dist) served as CloudFront serves
 * it (the SPA routing, the production CSP) with a config.json that names a stub OpenID
 * Connect issuer, which also stands in for the API. No system is started: the console, the
 * issuer (discovery document, /authorize redirecting back with a code, /token answering an ID
 * token signed with a test key, /logout) and the API stub are two small servers of this file.
 *
 * Asserted: the authorization request is the code flow with an S256 PKCE challenge, the token
 * request carries the verifier of that challenge, the console then calls the API with the ID
 * token as Bearer, a refused token (401) sends the console back to sign-in, sign-out ends the
 * issuer's session, and the CSP is never violated.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleCsp, SPA_ROUTING_FUNCTION } from '../../infra/constructs/one-list-console.ts';
import { CONSOLE_DIR, ensureConsoleBuilt } from '../../infra/resources/console.ts';
import { launchBrowser } from '../../web/scripts/chromium.ts';

const CLIENT_ID = 'one-list-console-test';

let issuer: Server;
let site: Server;
let issuerUrl: string;
let siteUrl: string;
let browser: Browser;

/** What the stub saw. */
const seen = {
  authorize: [] as URLSearchParams[],
  token: [] as URLSearchParams[],
  apiAuthorization: [] as { path: string; authorization: string | undefined }[],
  logout: [] as URLSearchParams[],
};
const issued = new Map<string, { challenge: string; method: string; redirectUri: string; nonce?: string }>();
const idTokens: string[] = [];
let refuseTokens = false;

const listen = (server: Server): Promise<string> =>
  new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const b64url = (buf: Buffer) => buf.toString('base64url');

function json(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));
}

async function startIssuer(): Promise<void> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  issuer = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuerUrl);
    // The console calls the discovery document, the token endpoint and the API from its own origin.
    const cors = {
      'access-control-allow-origin': siteUrl,
      'access-control-allow-headers': 'authorization, content-type, idempotency-key',
      'access-control-allow-methods': 'GET, POST, PATCH, OPTIONS',
    };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(
        res,
        200,
        {
          issuer: issuerUrl,
          authorization_endpoint: `${issuerUrl}/authorize`,
          token_endpoint: `${issuerUrl}/token`,
          jwks_uri: `${issuerUrl}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
          scopes_supported: ['openid', 'email', 'profile'],
        },
        cors,
      );
    }
    if (url.pathname === '/jwks') return json(res, 200, { keys: [jwk] }, cors);
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      seen.authorize.push(q);
      // The stub signs in whoever comes (the managed login page would ask for a password).
      const code = b64url(randomBytes(16));
      issued.set(code, {
        challenge: q.get('code_challenge') ?? '',
        method: q.get('code_challenge_method') ?? '',
        redirectUri: q.get('redirect_uri') ?? '',
        ...(q.get('nonce') ? { nonce: q.get('nonce') as string } : {}),
      });
      const back = new URL(q.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      return void res.writeHead(302, { location: back.toString() }).end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const form = new URLSearchParams(await body(req));
      seen.token.push(form);
      const grant = issued.get(form.get('code') ?? '');
      issued.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const ok =
        grant !== undefined &&
        form.get('grant_type') === 'authorization_code' &&
        form.get('client_id') === CLIENT_ID &&
        form.get('redirect_uri') === grant.redirectUri &&
        grant.method === 'S256' &&
        b64url(createHash('sha256').update(verifier).digest()) === grant.challenge;
      if (!ok) return json(res, 400, { error: 'invalid_grant' }, cors);
      const now = Math.floor(Date.now() / 1000);
      const idToken = await new SignJWT({
        token_use: 'id',
        'cognito:groups': ['unit'],
        'custom:unitId': 'U-FT-01',
        email: 'staff@district.example',
        name: '测试用户（虚构）',
        ...(grant.nonce ? { nonce: grant.nonce } : {}),
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(issuerUrl)
        .setAudience(CLIENT_ID)
        .setSubject('user-1')
        .setIssuedAt(now)
        .setExpirationTime(now + 3600)
        .sign(privateKey);
      idTokens.push(idToken);
      return json(
        res,
        200,
        { id_token: idToken, access_token: 'opaque-access-token', token_type: 'Bearer', expires_in: 3600 },
        { ...cors, 'cache-control': 'no-store' },
      );
    }
    if (url.pathname === '/logout') {
      seen.logout.push(url.searchParams);
      return void res.writeHead(302, { location: url.searchParams.get('logout_uri') ?? '/' }).end();
    }
    if (url.pathname.startsWith('/v1/')) {
      const authorization = req.headers.authorization;
      seen.apiAuthorization.push({ path: url.pathname, authorization });
      // As API Gateway: the JWT authorizer guards the signed-in routes only, and refuses with its own body.
      const isPublic = url.pathname === '/v1/health' || url.pathname.startsWith('/v1/public/');
      if (!isPublic && refuseTokens) return json(res, 401, { message: 'Unauthorized' }, cors);
      if (url.pathname === '/v1/health') {
        return json(res, 200, { status: 'ok', time: '2022-06-15T02:00:00.000Z' }, cors);
      }
      if (url.pathname === '/v1/public/units') return json(res, 200, { items: [] }, cors);
      return json(res, 404, { error: { code: 'route.not_found', message: url.pathname } }, cors);
    }
    json(res, 404, { message: 'Not Found' }, cors);
  });
  issuerUrl = await listen(issuer);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/** web/dist as CloudFront serves it: the routing function, the CSP, config.json from the deploy. */
async function startSite(): Promise<void> {
  // The same routing function and CSP the stack deploys (connect-src: the API and the issuer).
  const route = new Function(`${SPA_ROUTING_FUNCTION}; return handler;`)() as (e: {
    request: { uri: string };
  }) => { uri: string };
  site = createServer((req, res) => {
    const headers = {
      'content-security-policy': consoleCsp([issuerUrl]),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    const uri = route({ request: { uri: new URL(req.url ?? '/', siteUrl).pathname } }).uri;
    if (uri === '/config.json') {
      const config = {
        apiUrl: issuerUrl,
        auth: {
          kind: 'oidc',
          authority: issuerUrl,
          clientId: CLIENT_ID,
          scope: 'openid email profile',
          signOutUrl: `${issuerUrl}/logout?client_id=${CLIENT_ID}`,
          claims: { groups: 'cognito:groups', unitId: 'custom:unitId', personId: 'custom:personId' },
        },
      };
      return json(res, 200, config, { ...headers, 'cache-control': 'no-cache' });
    }
    const file = normalize(join(CONSOLE_DIR, decodeURIComponent(uri)));
    if (!file.startsWith(CONSOLE_DIR + sep) || !existsSync(file) || !statSync(file).isFile()) {
      return void res.writeHead(403, headers).end('AccessDenied');
    }
    res
      .writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
      .end(readFileSync(file));
  });
  siteUrl = await listen(site);
}

beforeAll(async () => {
  ensureConsoleBuilt();
  await startIssuer();
  await startSite();
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => issuer?.close(r));
  await new Promise((r) => site?.close(r));
});

/** A page that records CSP violations and script errors. */
async function open(): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.exposeFunction('reportViolation', (v: string) => problems.push(`csp: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation(v: string): void }).reportViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
  return { page, problems };
}

describe('sign-in with authorization code + PKCE (config.json auth.kind oidc)', () => {
  it('signs in at the issuer with an S256 challenge and calls the API with the ID token', async () => {
    const { page, problems } = await open();
    await page.goto(`${siteUrl}/sign-in`);
    const button = page.getByRole('button', { name: '前往统一身份认证登录' });
    await button.click();
    // Back from the issuer, signed in: the inbox asks the API for the unit's work.
    await page.waitForURL(`${siteUrl}/inbox`);
    await page.waitForFunction(() => document.querySelector('main h1') !== null);
    await expect
      .poll(() => seen.apiAuthorization.filter((a) => a.authorization !== undefined).length)
      .toBeGreaterThan(0);

    expect(seen.authorize).toHaveLength(1);
    const q = seen.authorize[0] as URLSearchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe(CLIENT_ID);
    expect(q.get('redirect_uri')).toBe(`${siteUrl}/auth/callback`);
    expect(q.get('scope')?.split(' ').sort()).toEqual(['email', 'openid', 'profile']);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toBeTruthy();
    // The token request proved the challenge (the stub refuses it otherwise), with no secret.
    expect(seen.token).toHaveLength(1);
    const form = seen.token[0] as URLSearchParams;
    expect(form.get('code_verifier')).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    expect(form.has('client_secret')).toBe(false);
    expect(idTokens).toHaveLength(1);
    const withToken = seen.apiAuthorization.filter((a) => a.authorization !== undefined);
    for (const a of withToken) expect(a.authorization, a.path).toBe(`Bearer ${idTokens[0]}`);
    expect(withToken.map((a) => a.path)).toContain('/v1/me/inbox');
    // The nav knows the session (a unit's pages), and nothing broke the CSP.
    await page.getByRole('button', { name: '退出' }).waitFor();
    expect(problems).toEqual([]);

    // A refused token (expired, revoked): back to the sign-in page, signed out.
    refuseTokens = true;
    await page.reload();
    await page.waitForURL(`${siteUrl}/sign-in?expired=1`);
    await page.getByText('登录已失效，请重新登录。').waitFor();
    await page.getByRole('button', { name: '前往统一身份认证登录' }).waitFor();
    refuseTokens = false;
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('signs out at the issuer, which sends the browser back to the console', async () => {
    const { page, problems } = await open();
    await page.goto(`${siteUrl}/sign-in`);
    await page.getByRole('button', { name: '前往统一身份认证登录' }).click();
    await page.waitForURL(`${siteUrl}/inbox`);
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL(`${siteUrl}/`);
    expect(seen.logout.at(-1)?.get('client_id')).toBe(CLIENT_ID);
    expect(seen.logout.at(-1)?.get('logout_uri')).toBe(`${siteUrl}/`);
    await page.getByRole('link', { name: '登录' }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
