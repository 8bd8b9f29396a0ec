/**
 * The local gateway's two extras for the web console: the built app at the root (files,
 * index.html for client-side routes, never a file outside the folder, the API untouched under
 * /v1) and the local sign-in exchange, which only a gateway started with it serves.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Gateway } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, UNITS } from '../../../infra/local/demo/catalog.ts';
import { localVerifier } from '../../../infra/local/identity.ts';
import { corsOriginsFromCdkJson, startGateway } from '../../../infra/local/platform.ts';

let dir: string;
let gw: Gateway;
let bare: Gateway;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'one-list-console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
  const common = { corsOrigins: corsOriginsFromCdkJson(), verifier: localVerifier() };
  gw = await startGateway({ ...common, consoleDir: dir, localSignIn: true });
  bare = await startGateway(common);
});

afterAll(async () => {
  await gw?.close();
  await bare?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the console at the gateway’s root', () => {
  it('serves index.html at / and for client-side routes, assets with a long cache', async () => {
    for (const path of ['/', '/stats', '/items/2022-T-01', '/rankings/2022-06']) {
      const r = await fetch(`${gw.url}${path}`);
      expect(r.status, path).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(r.headers.get('cache-control')).toBe('no-cache');
      expect(await r.text()).toContain('<title>console</title>');
    }
    const js = await fetch(`${gw.url}/assets/app-1234.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log(1)');
    // A missing file is a 404 with the app, not a file from elsewhere.
    expect((await fetch(`${gw.url}/assets/missing.js`)).status).toBe(404);
  });

  it('answers /config.json itself: the API at the same origin, the local sign-in (never the SPA fallback)', async () => {
    // Even a config.json left in the build folder is not what the local gateway serves.
    writeFileSync(join(dir, 'config.json'), '{"apiUrl":"https://elsewhere.example","auth":{"kind":"oidc"}}');
    const r = await fetch(`${gw.url}/config.json`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(await r.json()).toEqual({
      apiUrl: '',
      auth: {
        kind: 'local',
        claims: { groups: 'cognito:groups', unitId: 'custom:unitId', personId: 'custom:personId' },
      },
    });
    rmSync(join(dir, 'config.json'));
  });

  it('never serves a file outside its folder', async () => {
    const r = await fetch(`${gw.url}/..%2F..%2F..%2Fpackage.json`);
    expect(await r.text()).toContain('<title>console</title>');
  });

  it('leaves /v1 to the API', async () => {
    const r = await fetch(`${gw.url}/v1/nowhere`);
    // An unknown route is answered by API Gateway itself, in its own shape.
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ message: 'Not Found' });
    // The API answers /v1 (this gateway has no table behind it: health says so), not the console.
    const health = await fetch(`${gw.url}/v1/health`);
    expect(health.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await health.json()) as { error?: { code: string } }).error?.code).toBe(
      'service.table_unavailable',
    );
  });

  it('is not served by a gateway started without it', async () => {
    const r = await fetch(`${bare.url}/`);
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ message: 'Not Found' });
  });
});

describe('local sign-in', () => {
  it('lists each HQ role, each unit and each project manager', async () => {
    const r = await fetch(`${gw.url}/local/sign-in`);
    expect(r.status).toBe(200);
    const { identities } = (await r.json()) as {
      identities: { role: string; unitId?: string; personId?: string; labelZh: string }[];
    };
    for (const role of ['commander', 'office', 'inspector'])
      expect(identities.some((i) => i.role === role)).toBe(true);
    for (const u of UNITS) {
      expect(identities.find((i) => i.role === 'unit' && i.unitId === u.unitId)?.labelZh).toBe(u.nameZh);
    }
    for (const p of PEOPLE)
      expect(identities.some((i) => i.role === 'manager' && i.personId === p.personId)).toBe(true);
  });

  it('signs a token for a listed identity that the gateway then accepts', async () => {
    const r = await fetch(`${gw.url}/local/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'manager', unitId: 'meilin', personId: 'p-meilin-1' }),
    });
    expect(r.status).toBe(200);
    const { token } = (await r.json()) as { token: string };
    const claims = await localVerifier()(token);
    expect(claims['cognito:groups']).toEqual(['manager']);
    expect(claims['custom:unitId']).toBe('meilin');
    expect(claims['custom:personId']).toBe('p-meilin-1');
  });

  it('refuses an identity that is not listed, and bad bodies', async () => {
    const post = (body: string) =>
      fetch(`${gw.url}/local/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const unknown = await post(JSON.stringify({ role: 'manager', unitId: 'meilin', personId: 'p-huafu-1' }));
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe(
      'sign_in.unknown_identity',
    );
    expect((await post(JSON.stringify({ role: 'system' }))).status).toBe(400);
    expect((await post('{not json')).status).toBe(400);
    expect((await post(JSON.stringify({ role: 'office', pad: 'x'.repeat(5000) }))).status).toBe(413);
  });

  it('is not served by a gateway started without it', async () => {
    const r = await fetch(`${bare.url}/local/sign-in`);
    expect(r.status).toBe(404);
  });
});
