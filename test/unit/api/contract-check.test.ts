/**
 * The contract-check helper (test/support/contract.ts) on real answers of the in-process
 * handlers (functions/handlers/api-*.ts) — only those that need no database: health (which
 * finds no table here), this document, and the errors raised before any read — and on bodies that break the contract,
 * to show what its messages say.
 */
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { HttpEvent, HttpResult } from '../../../functions/api/http.ts';
import { MAX_BODY_BYTES } from '../../../functions/api/router.ts';
import { publicHandler } from '../../../functions/handlers/api-public.ts';
import { readHandler } from '../../../functions/handlers/api-read.ts';
import { writeHandler } from '../../../functions/handlers/api-write.ts';
import { routes } from '../../../infra/resources/routes.ts';
import { ContractViolation, checkResponse, checkResult, declaredStatuses } from '../../support/contract.ts';

const context = { awsRequestId: 'req-unit-1', functionName: 'test' } as Context;

/** The payload-2.0 event API Gateway sends for `routeKey`, with JWT claims when given. */
function event(
  routeKey: string,
  options: {
    path?: string;
    pathParameters?: Record<string, string>;
    body?: string;
    headers?: Record<string, string>;
    claims?: Record<string, string>;
  } = {},
): HttpEvent {
  const [method = 'GET', routePath = '/'] = routeKey.split(' ');
  const rawPath = options.path ?? routePath;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...options.headers },
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    ...(options.body !== undefined ? { body: options.body } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'req-unit-1',
      routeKey,
      stage: '$default',
      time: '25/Nov/2026:00:00:00 +0000',
      timeEpoch: 0,
      ...(options.claims ? { authorizer: { jwt: { claims: options.claims } } } : {}),
    },
  };
}

const office = { token_use: 'id', sub: 'office-1', 'cognito:groups': '[office]' };
const inspector = { token_use: 'id', sub: 'inspector-1', 'cognito:groups': '[inspector]' };

async function call(handler: typeof publicHandler, e: HttpEvent): Promise<HttpResult> {
  return (await handler(e, context)) as HttpResult;
}

describe('checkResponse on real answers', () => {
  it('GET /v1/health with no table to read: 503 in the error shape, as the contract declares', async () => {
    const res = await call(publicHandler, event('GET /v1/health'));
    expect(res.statusCode).toBe(503);
    expect(checkResult('health', res)).toMatchObject({ error: { code: 'service.table_unavailable' } });
  });

  it('GET /v1/openapi.json: 200 is the document and matches the contract', async () => {
    const res = await call(publicHandler, event('GET /v1/openapi.json'));
    expect(res.statusCode).toBe(200);
    const body = checkResponse('openapi', res.statusCode, res.body) as { paths: Record<string, unknown> };
    expect(Object.keys(body.paths)).toContain('/v1/openapi.json');
  });

  it('bad path parameters and bodies of the evaluation routes: 400 naming the field', async () => {
    const rankings = await call(
      publicHandler,
      event('GET /v1/public/rankings/{period}', {
        path: '/v1/public/rankings/2022-13',
        pathParameters: { period: '2022-13' },
      }),
    );
    expect(rankings.statusCode).toBe(400);
    checkResult('publicRankings', rankings, { exact: true });
    const evaluation = await call(
      writeHandler,
      event('POST /v1/evaluations', { body: '{"period":"May 2022"}', claims: office }),
    );
    expect(evaluation.statusCode).toBe(400);
    checkResult('runEvaluation', evaluation, { exact: true });
  });

  it('GET /v1/public/lists/{year} with a bad year: 400 naming the field', async () => {
    const res = await call(
      publicHandler,
      event('GET /v1/public/lists/{year}', {
        path: '/v1/public/lists/1850',
        pathParameters: { year: '1850' },
      }),
    );
    expect(res.statusCode).toBe(400);
    checkResult('publicList', res, { exact: true });
  });

  it('no token: 401; a role the route does not allow: 403', async () => {
    const noToken = await call(readHandler, event('GET /v1/items'));
    expect(noToken.statusCode).toBe(401);
    checkResult('listItems', noToken, { exact: true });
    const wrongRole = await call(writeHandler, event('POST /v1/units', { body: '{}', claims: inspector }));
    expect(wrongRole.statusCode).toBe(403);
    checkResult('createUnit', wrongRole, { exact: true });
  });

  it('a body with an unknown field, malformed JSON, too large: 400, 400, 413', async () => {
    const post = (body: string) => call(writeHandler, event('POST /v1/units', { body, claims: office }));
    const unknown = await post(
      JSON.stringify({ unitId: 'meilin', name: 'Meilin Subdistrict', unitType: 'subdistrict', score: 100 }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(checkResult('createUnit', unknown))).toContain('score');
    const malformed = await post('{"unitId":');
    expect(malformed.statusCode).toBe(400);
    checkResult('createUnit', malformed, { exact: true });
    const large = await post(JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(large.statusCode).toBe(413);
    checkResult('createUnit', large, { exact: true });
  });
});

describe('checkResponse on bodies that break the contract', () => {
  const violation = (f: () => unknown): string => {
    try {
      f();
    } catch (err) {
      expect(err).toBeInstanceOf(ContractViolation);
      return (err as Error).message;
    }
    throw new Error('expected a ContractViolation');
  };

  it('names each offending field with what came back, and shows the body', () => {
    const message = violation(() =>
      checkResponse('health', 200, { status: 'degraded', time: 'yesterday', uptime: 3 }),
    );
    expect(message).toContain('GET /v1/health (health) answered 200');
    expect(message).toMatch(/- status: .*got "degraded"/);
    expect(message).toMatch(/- time: .*got "yesterday"/);
    expect(message).toContain('fields the contract does not allow: uptime');
    expect(message).toContain('"uptime": 3');
  });

  it('nests the alternatives of a union (401: the error shape or API Gateway’s)', () => {
    const message = violation(() => checkResponse('getItem', 401, { error: 'Unauthorized' }));
    expect(message).toContain('matches none of the 2 allowed shapes');
    expect(message).toContain('shape 1:');
    expect(message).toContain('shape 2:');
  });

  it('rejects a status the operation does not declare, listing the declared ones', () => {
    const message = violation(() => checkResponse('getItem', 201, {}));
    expect(message).toContain('a status its contract does not declare');
    expect(message).toContain(declaredStatuses('getItem').join(', '));
  });

  it('rejects a body that is not JSON and an unknown operation', () => {
    expect(violation(() => checkResponse('health', 200, '<html>'))).toContain('not JSON');
    expect(violation(() => checkResponse('noSuchThing', 200, {}))).toContain('no operation "noSuchThing"');
  });

  it('with exact, reports fields an open entity does not declare', () => {
    const unit = {
      unitId: 'meilin',
      name: 'Meilin Subdistrict',
      unitType: 'subdistrict',
      createdAt: '2022-01-04T01:00:00.000Z',
      version: 0,
      people: [
        { personId: 'p1', unitId: 'meilin', name: 'Li Ming', createdAt: '2022-01-04T01:00:00.000Z', PK: 'X' },
      ],
    };
    expect(() => checkResponse('getUnit', 200, unit)).not.toThrow();
    const message = violation(() => checkResponse('getUnit', 200, unit, { exact: true }));
    expect(message).toContain('- people[0].PK');
  });

  it('covers every operation of the route table', () => {
    for (const r of routes) expect(declaredStatuses(r.operationId).length, r.operationId).toBeGreaterThan(0);
  });
});
