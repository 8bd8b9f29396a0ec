/**
 * One middy handler per declared API function: finds the route by API Gateway's routeKey,
 * checks the role, reads and bounds the body, applies the Idempotency-Key, runs the
 * operation and turns every failure into the one error shape (never a stack trace).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { perInvocation } from '#app/calendar.ts';
import { DomainError } from '#domain/errors.ts';
import { type RouteDeclaration, routeKey, routes } from '#resources/routes.ts';
import { actorFrom } from './auth.ts';
import {
  type Answer,
  errorBody,
  errorResult,
  fileResult,
  type HttpEvent,
  type HttpResult,
  internalError,
  json,
  type Operation,
  type Request,
} from './http.ts';
import { once } from './idempotency.ts';
import { parseExactJson } from './json.ts';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'one-list-api' });

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Deepest accepted nesting of a body: no command needs more than a handful of levels. */
export const MAX_BODY_DEPTH = 32;

/** The nesting depth of a parsed JSON value, without recursion (a hostile body can be deep). */
function depthOf(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) max = d;
    if (max > MAX_BODY_DEPTH) return max;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

function header(event: HttpEvent, name: string): string | undefined {
  const h = event.headers ?? {};
  const key = Object.keys(h).find((k) => k.toLowerCase() === name);
  return key ? h[key] : undefined;
}

function readBody(event: HttpEvent, route: RouteDeclaration): unknown {
  if (route.method === 'GET') return undefined;
  const raw = event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body
    : '';
  const max = route.maxBodyBytes ?? MAX_BODY_BYTES;
  if (Buffer.byteLength(raw, 'utf8') > max) {
    throw new DomainError('too_large', 'request.too_large', `the body exceeds ${max} bytes`);
  }
  if (raw.trim() === '') return {};
  const type = header(event, 'content-type') ?? 'application/json';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new DomainError(
      'validation',
      'request.unsupported_media_type',
      'send the body as application/json',
      [{ path: 'headers.content-type', message: 'must be application/json' }],
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new DomainError('validation', 'request.malformed_json', 'the body is not valid JSON', [
      { path: '(body)', message: 'not JSON' },
    ]);
  }
  if (depthOf(body) > MAX_BODY_DEPTH) {
    throw new DomainError(
      'validation',
      'request.too_deep',
      `the body nests deeper than ${MAX_BODY_DEPTH} levels`,
      [{ path: '(body)', message: 'nested too deeply' }],
    );
  }
  // Parsed again, shallow now: numbers JSON cannot hold exactly and lone surrogates are a 400.
  return parseExactJson(raw);
}

async function dispatch(
  event: HttpEvent,
  functionId: string,
  operations: Readonly<Record<string, Operation>>,
): Promise<HttpResult> {
  const route = routes.find((r) => routeKey(r) === event.routeKey && r.function === functionId);
  if (!route) return json(404, errorBody('route.not_found', `no route ${event.routeKey}`));
  const actor = route.auth === 'public' ? undefined : await actorFrom(event);
  if (actor && route.auth !== 'public' && !route.auth.includes(actor.role as never)) {
    throw new DomainError(
      'forbidden',
      'auth.role_not_allowed',
      `role ${actor.role} may not ${route.operationId}`,
    );
  }
  const operation = operations[route.operationId];
  // Every declared route has its operation (test/unit/api/routes.test.ts): none is a defect, a 500.
  if (!operation) throw new Error(`no operation ${route.operationId}`);
  const req: Request = {
    ...(actor ? { actor } : {}),
    params: (event.pathParameters ?? {}) as Record<string, string>,
    query: (event.queryStringParameters ?? {}) as Record<string, string>,
    body: readBody(event, route),
  };
  const key = route.method === 'POST' ? header(event, 'idempotency-key') : undefined;
  const answer: Answer =
    key && actor
      ? await once(
          {
            sub: actor.sub,
            // The actual path, not the template: one key on two items is two requests.
            request: `${route.method} ${event.rawPath ?? routeKey(route)}`,
            key,
            body: req.body,
            operationId: route.operationId,
            successStatus: route.successStatus ?? 200,
          },
          () => operation(req),
        )
      : await operation(req);
  return answer.file ? fileResult(answer.status, answer.file) : json(answer.status, answer.body);
}

/** The handler of API function `functionId`, serving its routes with `operations` (its own only). */
export function apiHandler(
  functionId: RouteDeclaration['function'],
  operations: Readonly<Record<string, Operation>>,
) {
  return middy(async (event: HttpEvent, context: Context): Promise<HttpResult> => {
    try {
      return await perInvocation(() => dispatch(event, functionId, operations));
    } catch (err) {
      if (err instanceof DomainError) return errorResult(err);
      logger.error('unhandled error', {
        error: err as Error,
        routeKey: event.routeKey,
        requestId: context?.awsRequestId,
      });
      return internalError(context?.awsRequestId ?? 'unknown');
    }
  });
}
