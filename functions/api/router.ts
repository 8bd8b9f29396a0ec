/**
 * One middy handler per declared API function. The middlewares do the HTTP work, in order:
 * the Powertools logger's context, header normalisation, the error answers (one
 * status table, http.ts), the route and its caller (routeKey, JWT claims, roles), the body's
 * limits (size, content type, depth), JSON parsing (@middy/http-json-body-parser), exact
 * numbers and well-formed strings (json.ts), and validation of path, query and body against
 * the route's declared schemas. The handler then runs the operation with the parsed input,
 * once per Idempotency-Key.
 */
import { createHash } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { Context } from 'aws-lambda';
import { perInvocation } from '#app/calendar.ts';
import { parse } from '#app/support.ts';
import { DomainError } from '#domain/errors.ts';
import type { Actor } from '#domain/model.ts';
import { actorFrom } from './auth.ts';
import {
  errorResult,
  FileAnswer,
  fileResult,
  type HttpEvent,
  type HttpResult,
  internalError,
  json,
} from './http.ts';
import { once } from './idempotency.ts';
import { parseExactJson } from './json.ts';
import {
  type FunctionId,
  type OperationInput,
  type RouteDeclaration,
  routeKey,
  STALE_WHILE_REVALIDATE_SECONDS,
} from './route.ts';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'one-list-api';
const logger = new Logger({ serviceName });

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Deepest accepted nesting of a body: no command needs more than a handful of levels. */
export const MAX_BODY_DEPTH = 32;

/** Any operation, as the router calls it (operations.ts types each by its route). */
// biome-ignore lint/suspicious/noExplicitAny: the router hands each operation the input its route declares.
type AnyOperation = (input: any) => Promise<unknown>;

/** What the middlewares find out about a request, for the next ones and the handler. */
interface Found {
  route?: RouteDeclaration;
  actor?: Actor;
  /** The body as sent (decoded), for the exactness check and the Idempotency-Key's fingerprint. */
  rawBody?: string;
  /** The body as JSON, before validation: what an Idempotency-Key's fingerprint covers. */
  sentBody?: unknown;
  input?: OperationInput<RouteDeclaration>;
}

type ApiRequest = middy.Request<HttpEvent, HttpResult, Error, Context>;

/** Per event: what the middlewares found (the handler gets only the event and the context). */
const found = new WeakMap<HttpEvent, Found>();
const of = (request: ApiRequest): Found => {
  let f = found.get(request.event);
  if (!f) {
    f = {};
    found.set(request.event, f);
  }
  return f;
};

const tooDeep = () =>
  new DomainError('validation', 'request.too_deep', `the body nests deeper than ${MAX_BODY_DEPTH} levels`, [
    { path: '(body)', message: 'nested too deeply' },
  ]);
const malformed = () =>
  new DomainError('validation', 'request.malformed_json', 'the body is not valid JSON', [
    { path: '(body)', message: 'not JSON' },
  ]);

/**
 * Whether JSON text opens more than MAX_BODY_DEPTH arrays or objects at once, brackets inside
 * strings not counted. Checked before parsing: a parser with a reviver recurses per level, and
 * a 64 KiB body can nest 32,000 deep.
 */
function nestsTooDeep(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_BODY_DEPTH) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** The one error shape for every failure: a DomainError by its kind (http.ts), anything else a 500. */
const errorAnswers = (): middy.MiddlewareObj<HttpEvent, HttpResult, Error, Context> => ({
  onError: (request) => {
    const err = request.error;
    if (err instanceof DomainError) {
      request.response = errorResult(err);
    } else {
      logger.error('unhandled error', { error: err as Error, routeKey: request.event.routeKey });
      request.response = internalError(request.context?.awsRequestId ?? 'unknown');
    }
  },
});

/** The declared route of the event (API Gateway's routeKey) on this function, and the caller. */
const routeAndCaller = (
  functionId: FunctionId,
  routes: readonly RouteDeclaration[],
): middy.MiddlewareObj<HttpEvent, HttpResult, Error, Context> => ({
  before: async (request: ApiRequest) => {
    const { event } = request;
    const route = routes.find((r) => routeKey(r) === event.routeKey && r.function === functionId);
    if (!route) throw new DomainError('not_found', 'route.not_found', `no route ${event.routeKey}`);
    of(request).route = route;
    if (route.auth === 'public') return;
    const actor = await actorFrom(event);
    if (!(route.auth as readonly string[]).includes(actor.role)) {
      throw new DomainError(
        'forbidden',
        'auth.role_not_allowed',
        `role ${actor.role} may not ${route.operationId}`,
      );
    }
    of(request).actor = actor;
  },
});

/** The body's limits before it is parsed: size, media type, depth. No body is `{}`; a GET has none. */
const bodyLimits = (): middy.MiddlewareObj<HttpEvent, HttpResult, Error, Context> => ({
  before: (request: ApiRequest) => {
    const { event } = request;
    if (of(request).route?.method === 'GET') {
      event.body = undefined;
      return;
    }
    const raw = event.body
      ? event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body
      : '';
    const max = of(request).route?.maxBodyBytes ?? MAX_BODY_BYTES;
    if (Buffer.byteLength(raw, 'utf8') > max) {
      throw new DomainError('too_large', 'request.too_large', `the body exceeds ${max} bytes`);
    }
    event.isBase64Encoded = false;
    event.headers ??= {};
    if (raw.trim() === '') {
      event.body = '{}';
      event.headers['content-type'] = 'application/json';
      of(request).rawBody = '{}';
      return;
    }
    const type = event.headers['content-type'] ?? 'application/json';
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      throw new DomainError(
        'validation',
        'request.unsupported_media_type',
        'send the body as application/json',
        [{ path: 'headers.content-type', message: 'must be application/json' }],
      );
    }
    event.headers['content-type'] = type;
    if (nestsTooDeep(raw)) throw tooDeep();
    event.body = raw;
    of(request).rawBody = raw;
  },
});

/** JSON parsing by @middy/http-json-body-parser; its refusals in this API's error shape. */
const jsonBody = (): middy.MiddlewareObj<HttpEvent, HttpResult, Error, Context> => {
  const parser = httpJsonBodyParser();
  return {
    before: async (request: ApiRequest) => {
      if (of(request).rawBody === undefined) return;
      try {
        // On a copy of the event: the body the schemas see is json.ts's reading of the same text.
        await parser.before?.({ ...request, event: { ...request.event } } as never);
      } catch (err) {
        const message = (err as Error).message;
        // `__proto__` and `constructor.prototype` keys: the strict schemas refuse them as unknown
        // fields, each at its path (json.ts parses them as plain keys).
        if (message === 'Forbidden key in JSON body') return;
        if (message === 'Invalid or malformed JSON was provided') throw malformed();
        throw err;
      }
    },
  };
};

/**
 * What the parser lets through but the API refuses (json.ts): a number a double cannot hold
 * exactly and a string that is not well-formed Unicode, each a 400 naming its field.
 */
const exactJson = (): middy.MiddlewareObj<HttpEvent, HttpResult, Error, Context> => ({
  before: (request: ApiRequest) => {
    const f = of(request);
    if (f.rawBody === undefined) return;
    f.sentBody = parseExactJson(f.rawBody);
  },
});

/** Path, query and body against the route's declared schemas: the operation gets them parsed. */
const validation = (): middy.MiddlewareObj<HttpEvent, HttpResult, Error, Context> => ({
  before: (request: ApiRequest) => {
    const f = of(request);
    const route = f.route!;
    const { event } = request;
    f.input = {
      actor: f.actor,
      params: route.params ? parse(route.params, event.pathParameters ?? {}) : {},
      query: route.query ? parse(route.query, event.queryStringParameters ?? {}) : {},
      body: route.body ? parse(route.body, f.sentBody) : undefined,
    } as OperationInput<RouteDeclaration>;
  },
});

/**
 * The handler of API function `functionId`, serving its routes (routes/<function>/: its own
 * only, so its bundle carries no other function's declarations) with their `operations`.
 */
export function apiHandler(functionId: FunctionId, routes: readonly RouteDeclaration[], operations: object) {
  const byId = operations as Readonly<Record<string, AnyOperation>>;
  return middy<HttpEvent, HttpResult, Error, Context>()
    .use(injectLambdaContext(logger))
    .use(httpHeaderNormalizer())
    .use(errorAnswers())
    .use(routeAndCaller(functionId, routes))
    .use(bodyLimits())
    .use(jsonBody())
    .use(exactJson())
    .use(validation())
    .handler(async (event) => {
      const { route, actor, input, sentBody } = found.get(event)!;
      const operation = byId[route!.operationId];
      // Every declared route has its operation (test/unit/api/routes.test.ts): none is a defect, a 500.
      if (!operation) throw new Error(`no operation ${route!.operationId}`);
      const status = route!.response.status;
      const run = async () => ({ status, body: await perInvocation(() => operation(input)) });
      const key = route!.method === 'POST' ? event.headers?.['idempotency-key'] : undefined;
      const answer =
        key && actor
          ? await once(
              {
                sub: actor.sub,
                // The actual path, not the template: one key on two items is two requests.
                request: `${route!.method} ${event.rawPath ?? routeKey(route!)}`,
                key,
                body: sentBody,
                operationId: route!.operationId,
                successStatus: status,
              },
              run,
            )
          : await run();
      // A file (an export, a template, a printed order) goes as a download, base64.
      if (answer.body instanceof FileAnswer) return fileResult(answer.status, answer.body);
      if (route!.cacheSeconds && answer.status === 200)
        return cacheable(event, route!.cacheSeconds, answer.body);
      return json(answer.status, answer.body);
    });
}

/** A strong ETag: the SHA-256 of the body exactly as sent. */
export const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('base64url')}"`;

/**
 * A public read browsers and CloudFront may keep: Cache-Control and a strong ETag; when the
 * request's If-None-Match names that tag (or `*`), 304 with no body.
 */
function cacheable(event: HttpEvent, seconds: number, value: unknown): HttpResult {
  const answer = json(200, value);
  const etag = etagOf(answer.body);
  const headers = {
    'cache-control': `public, max-age=${seconds}, stale-while-revalidate=${STALE_WHILE_REVALIDATE_SECONDS}`,
    etag,
  };
  // Header names are lower case here (httpHeaderNormalizer). If-None-Match compares weakly
  // (RFC 9110 13.1.2): a W/ prefix does not matter.
  const asked = event.headers?.['if-none-match'];
  const tags = asked?.split(',').map((t) => t.trim().replace(/^W\//, '')) ?? [];
  if (tags.includes('*') || tags.includes(etag)) return { statusCode: 304, headers, body: '' };
  return { ...answer, headers: { ...answer.headers, ...headers } };
}
