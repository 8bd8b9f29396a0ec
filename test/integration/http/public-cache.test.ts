/**
 * Public reads through the local gateway carry `Cache-Control` and a strong `ETag` (the
 * SHA-256 of the body), and a request naming the current ETag in `If-None-Match` gets 304
 * with no body — so browsers and CloudFront can keep the public board. Other routes carry
 * neither; a changed answer has a new ETag.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../../infra/resources/routes.ts';
import { type HttpStack, startHttpStack, tokenFor } from '../../support/http.ts';

let s: HttpStack;

beforeAll(async () => {
  s = await startHttpStack({ prefix: 'cache' });
}, 120_000);
afterAll(async () => {
  await s?.stop();
});

const etagOf = (text: string) => `"${createHash('sha256').update(text).digest('base64url')}"`;

describe('public reads are cacheable', () => {
  it('declares a cache time on every public read but health and the document', () => {
    const cached = routes.filter((r) => r.cacheSeconds).map((r) => r.operationId);
    expect(cached.sort()).toEqual(
      ['publicItem', 'publicList', 'publicNotices', 'publicRankings', 'publicStats', 'publicUnits'].sort(),
    );
  });

  it('answers Cache-Control and the body’s ETag, and 304 to a matching If-None-Match', async () => {
    for (const path of ['/v1/public/stats/2022', '/v1/public/lists/2022', '/v1/public/units']) {
      const first = await s.call('GET', path);
      expect(first.status, path).toBe(200);
      expect(first.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
      const etag = first.headers.get('etag');
      expect(etag).toBe(etagOf(first.text));
      const again = await s.call('GET', path, { headers: { 'if-none-match': etag! } });
      expect(again.status, path).toBe(304);
      expect(again.text).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      // A list of tags, weak or not, naming the current one; `*`.
      expect((await s.call('GET', path, { headers: { 'if-none-match': `"x", W/${etag}` } })).status).toBe(
        304,
      );
      expect((await s.call('GET', path, { headers: { 'if-none-match': '*' } })).status).toBe(304);
      // Another tag: the whole answer.
      const other = await s.call('GET', path, { headers: { 'if-none-match': '"stale"' } });
      expect(other.status).toBe(200);
      expect(other.text).toBe(first.text);
    }
  });

  it('gives a changed answer a new ETag; errors and private reads carry no cache headers', async () => {
    const before = await s.call('GET', '/v1/public/units');
    const token = await tokenFor('office');
    const made = await s.call('POST', '/v1/units', {
      token,
      body: { unitId: 'cache-unit', name: 'Cache unit (invented)', unitType: 'subdistrict' },
    });
    expect(made.status).toBe(201);
    const after = await s.call('GET', '/v1/public/units', {
      headers: { 'if-none-match': before.headers.get('etag')! },
    });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    const bad = await s.call('GET', '/v1/public/stats/abc');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('etag')).toBeNull();
    const units = await s.call('GET', '/v1/units', { token });
    expect(units.status).toBe(200);
    expect(units.headers.get('cache-control')).toBeNull();
  });
});
