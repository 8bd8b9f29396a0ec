/**
 * The local stand-in for the API Gateway HTTP API: serves exactly the declared routes, does
 * what the JWT authorizer, CORS configuration and throttling do on AWS, builds the
 * payload-2.0 event the deployed Lambda functions receive and calls the declared function's
 * handler in this process. The handlers cannot tell the difference, so what runs locally is
 * the code that runs on AWS — only the front door is emulated.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import {
  type FunctionSpec,
  handlerOf,
  type LocalDeclarations,
  type RouteSpec,
  routeKey,
} from './declarations.ts';
import { LOCAL_ACCOUNT, localFunctionArn } from './ids.ts';
import { TokenRejected, type TokenVerifier } from './tokens.ts';

/** API Gateway's payload limit for HTTP APIs; the handler enforces its own, smaller one. */
export const MAX_GATEWAY_BODY_BYTES = 10 * 1024 * 1024;

/** API Gateway answers with an error after 30 s whatever the function's own timeout. */
const INTEGRATION_TIMEOUT_MS = 30_000;

/** A token bucket's settings, as API Gateway's stage and route throttling take them. */
export interface Throttle {
  /** Steady-state requests per second. */
  readonly rateLimit: number;
  /** Requests that may arrive at once above the steady rate. */
  readonly burstLimit: number;
}

/** The API's `corsPreflight` configuration (the allowed origins are `corsOrigins`). */
export interface CorsSettings {
  readonly allowMethods: readonly string[];
  /** Lower case. */
  readonly allowHeaders: readonly string[];
  readonly maxAgeSeconds: number;
}

const DEFAULT_CORS: CorsSettings = {
  allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  allowHeaders: ['authorization', 'content-type'],
  maxAgeSeconds: 0,
};

/** The payload-2.0 event, with the JWT authorizer's claims. */
export type GatewayEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt?: { claims?: Record<string, string> } };
  };
};

/**
 * Answers a request outside the API itself (a console, a local sign-in page, an emulator's
 * own path): true when it wrote the answer. Runs before routing, CORS and throttling.
 */
export type GatewayExtra = (
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
) => Promise<boolean> | boolean;

export interface GatewayOptions {
  /** 0 or omitted: a free port. */
  readonly port?: number;
  readonly host?: string;
  readonly corsOrigins: readonly string[];
  /** @default methods GET POST PUT PATCH DELETE OPTIONS, headers authorization and content-type, no max age */
  readonly cors?: CorsSettings;
  readonly verifier: TokenVerifier;
  /**
   * The stage's throttling (every route together), as deployed.
   * @default - none
   */
  readonly throttle?: Throttle;
  /**
   * Each public route's own throttling.
   * @default - none
   */
  readonly publicThrottle?: Throttle;
  /**
   * API Gateway's integration timeout (30 s; less when the function's own timeout is shorter).
   * Only tests change it.
   */
  readonly integrationTimeoutMs?: number;
  /** Called once per request after the answer is written (access log). */
  readonly onRequest?: (entry: AccessLogEntry) => void;
  /** What the gateway serves besides the API, tried in order (see `GatewayExtra`). */
  readonly extras?: readonly GatewayExtra[];
}

export interface AccessLogEntry {
  readonly method: string;
  readonly path: string;
  readonly routeKey?: string;
  readonly status: number;
  readonly ms: number;
  readonly requestId: string;
}

export interface Gateway {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

interface CompiledRoute {
  readonly route: RouteSpec;
  /** Literal segment or `{name}` parameter, per path segment. */
  readonly segments: readonly ({ literal: string } | { param: string })[];
}

function compile(routes: readonly RouteSpec[]): CompiledRoute[] {
  return routes.map((route) => ({
    route,
    segments: route.path
      .split('/')
      .slice(1)
      .map((s) => {
        const m = /^\{([A-Za-z0-9_]+)\}$/.exec(s);
        return m?.[1] ? { param: m[1] } : { literal: s };
      }),
  }));
}

/** Literal segments beat parameters, left to right: API Gateway's "most specific route wins". */
function specificity(r: CompiledRoute): string {
  return r.segments.map((s) => ('literal' in s ? '1' : '0')).join('');
}

function matchPath(
  compiled: readonly CompiledRoute[],
  path: string,
): { route: CompiledRoute; params: Record<string, string> }[] {
  const parts = path.split('/').slice(1);
  const found: { route: CompiledRoute; params: Record<string, string> }[] = [];
  for (const r of compiled) {
    if (r.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = r.segments.every((s, i) => {
      const part = parts[i] ?? '';
      if ('literal' in s) return s.literal === part;
      if (part === '') return false;
      params[s.param] = safeDecode(part);
      return true;
    });
    if (ok) found.push({ route: r, params });
  }
  return found.sort((a, b) => specificity(b.route).localeCompare(specificity(a.route)));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * What API Gateway answers itself, before or instead of the function: `{"message": …}` with
 * its own fixed texts (HTTP APIs cannot customise them). Why it refused goes, as on AWS, to
 * headers (`www-authenticate`) and to the local log (`detail`), never into the body.
 */
export const GATEWAY_MESSAGES = {
  401: 'Unauthorized',
  404: 'Not Found',
  413: 'Request Entity Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
} as const;
export type GatewayStatus = keyof typeof GATEWAY_MESSAGES;

const gatewayJson = (status: GatewayStatus) => JSON.stringify({ message: GATEWAY_MESSAGES[status] });

class GatewayError extends Error {
  constructor(
    readonly status: GatewayStatus,
    /** For the local log only. */
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

/**
 * A token bucket, as API Gateway throttles: `rateLimit` requests per second on average,
 * `burstLimit` at once.
 */
export class TokenBucket {
  #tokens: number;
  #last: number;
  constructor(
    readonly rateLimit: number,
    readonly burstLimit: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#tokens = burstLimit;
    this.#last = now();
  }
  take(): boolean {
    const t = this.now();
    this.#tokens = Math.min(this.burstLimit, this.#tokens + ((t - this.#last) / 1000) * this.rateLimit);
    this.#last = t;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

function lambdaContext(fn: FunctionSpec, requestId: string): Context {
  const deadline = Date.now() + (fn.timeoutSeconds ?? 30) * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: fn.id,
    functionVersion: '$LATEST',
    invokedFunctionArn: localFunctionArn(fn.id),
    memoryLimitInMB: String(fn.memorySize ?? 512),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${fn.id}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * API Gateway hands claims to the function as strings: an array claim such as
 * `cognito:groups` arrives as "[a b]", numbers as their decimal text.
 */
export function flattenClaims(payload: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) out[k] = `[${v.map(String).join(' ')}]`;
    else if (typeof v === 'object') out[k] = JSON.stringify(v);
    else out[k] = String(v);
  }
  return out;
}

function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  // The authorizer takes the identity source as is, with or without the Bearer prefix.
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  const token = (m?.[1] ?? header).trim();
  return token || undefined;
}

/** `12/Mar/2020:19:03:58 +0000`, the format of `requestContext.time`. */
function clfTime(d: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_GATEWAY_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_GATEWAY_BODY_BYTES) throw tooLarge();
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

const tooLarge = () => new GatewayError(413, `the request body exceeds ${MAX_GATEWAY_BODY_BYTES} bytes`);

function singleHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || k === 'cookie') continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  }
  return out;
}

function queryParameters(search: URLSearchParams): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  // As own properties, `__proto__` included: API Gateway's JSON event carries every key.
  for (const key of new Set(search.keys())) {
    Object.defineProperty(out, key, {
      value: search.getAll(key).join(','),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return Object.keys(out).length ? out : undefined;
}

function originAllowed(origins: readonly string[], origin: string | undefined): origin is string {
  return origin !== undefined && (origins.includes('*') || origins.includes(origin));
}

export async function startGateway(
  declarations: Pick<LocalDeclarations, 'functions' | 'routes'>,
  options: GatewayOptions,
): Promise<Gateway> {
  const compiled = compile(declarations.routes ?? []);
  const functionById = (id: string): FunctionSpec => {
    const fn = declarations.functions.find((f) => f.id === id);
    if (!fn) throw new Error(`no function declared with id ${id}`);
    return fn;
  };
  const corsSettings = options.cors ?? DEFAULT_CORS;
  const host = options.host ?? '127.0.0.1';
  const { verifier } = options;
  const allowed = options.corsOrigins;
  const unlimited = { take: () => true };
  const stageBucket = options.throttle
    ? new TokenBucket(options.throttle.rateLimit, options.throttle.burstLimit)
    : unlimited;
  const publicBuckets = new Map<string, { take(): boolean }>();
  const publicBucket = (key: string) => {
    let b = publicBuckets.get(key);
    if (!b) {
      const t = options.publicThrottle;
      b = t ? new TokenBucket(t.rateLimit, t.burstLimit) : unlimited;
      publicBuckets.set(key, b);
    }
    return b;
  };

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
  ): Promise<string | undefined> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;
    const origin = req.headers.origin;
    const cors: Record<string, string> = originAllowed(allowed, origin)
      ? { 'access-control-allow-origin': origin, vary: 'origin' }
      : {};
    for (const extra of options.extras ?? []) if (await extra(req, res, path)) return undefined;

    // With CORS configured, API Gateway answers every preflight itself, route or not.
    if (method === 'OPTIONS') {
      const headers: Record<string, string> = { ...cors, 'apigw-requestid': requestId };
      if (cors['access-control-allow-origin'] && req.headers['access-control-request-method']) {
        headers['access-control-allow-methods'] = corsSettings.allowMethods.join(',');
        headers['access-control-allow-headers'] = corsSettings.allowHeaders.join(',');
        headers['access-control-max-age'] = String(corsSettings.maxAgeSeconds);
      }
      res.writeHead(204, headers).end();
      return undefined;
    }

    // HTTP APIs match the route key (method and path): no route for either is 404, never 405.
    const match = matchPath(compiled, path).find((m) => m.route.route.method === method);
    if (!match) throw new GatewayError(404, `no route ${method} ${path}`, cors);
    const route = match.route.route;
    const key = routeKey(route);

    // Throttling: the stage's budget for every route, and a public route's own, lower one.
    const throttled = !stageBucket.take() || (route.auth === 'public' && !publicBucket(key).take());
    if (throttled) throw new GatewayError(429, `throttled: ${key}`, cors);

    let claims: Record<string, string> | undefined;
    if (route.auth !== 'public') {
      const token = bearer(req.headers.authorization);
      if (!token) {
        throw new GatewayError(401, 'a bearer token is required', {
          ...cors,
          'www-authenticate': 'Bearer',
        });
      }
      try {
        claims = flattenClaims(await verifier(token));
      } catch (err) {
        const message = err instanceof TokenRejected ? err.message : 'the token is not valid';
        throw new GatewayError(401, message, {
          ...cors,
          'www-authenticate': `Bearer scope="" error="invalid_token" error_description="${message}"`,
        });
      }
    }

    const body = await readBody(req);
    const fn = functionById(route.function);
    const headers = singleHeaders(req);
    const at = new Date();
    const cookies = req.headers.cookie?.split(/;\s*/).filter(Boolean);
    const event: GatewayEvent = {
      version: '2.0',
      routeKey: key,
      rawPath: path,
      rawQueryString: url.search.slice(1),
      ...(cookies?.length ? { cookies } : {}),
      headers,
      queryStringParameters: queryParameters(url.searchParams),
      pathParameters: Object.keys(match.params).length ? match.params : undefined,
      body: body.length ? body.toString('utf8') : undefined,
      isBase64Encoded: false,
      requestContext: {
        accountId: LOCAL_ACCOUNT,
        apiId: 'local',
        domainName: headers.host ?? host,
        domainPrefix: (headers.host ?? host).split('.')[0] ?? 'local',
        http: {
          method,
          path,
          protocol: `HTTP/${req.httpVersion}`,
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
          userAgent: headers['user-agent'] ?? '',
        },
        requestId,
        routeKey: key,
        stage: '$default',
        time: clfTime(at),
        timeEpoch: at.getTime(),
        ...(claims ? { authorizer: { jwt: { claims } } } : {}),
      },
    };

    const handler = await handlerOf(fn);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new GatewayError(503, 'the function did not answer within the integration timeout', cors)),
        Math.min(options.integrationTimeoutMs ?? INTEGRATION_TIMEOUT_MS, (fn.timeoutSeconds ?? 30) * 1000),
      );
    });
    let result: unknown;
    try {
      result = await Promise.race([handler(event, lambdaContext(fn, requestId)), timeout]);
    } finally {
      clearTimeout(timer);
    }
    writeResult(res, result, { ...cors, 'apigw-requestid': requestId });
    return key;
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    const requestId = crypto.randomUUID();
    handle(req, res, requestId)
      .then((key) => log(key))
      .catch((err: unknown) => {
        const e =
          err instanceof GatewayError
            ? err
            : new GatewayError(500, `the function failed (request ${requestId})`);
        if (!(err instanceof GatewayError)) console.error('[gateway]', err);
        if (!res.headersSent) {
          res
            .writeHead(e.status, {
              'content-type': 'application/json; charset=utf-8',
              'apigw-requestid': requestId,
              ...(e.status === 413 ? { connection: 'close' } : {}),
              ...e.headers,
            })
            .end(gatewayJson(e.status));
        }
        log(undefined);
      });
    function log(key: string | undefined) {
      options.onRequest?.({
        method: req.method ?? '',
        path: req.url ?? '',
        ...(key ? { routeKey: key } : {}),
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
        requestId,
      });
    }
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * Writes a payload-2.0 result the way API Gateway does: a structured result as given; any
 * other value (a string, an object) as a 200 JSON answer.
 */
function writeResult(res: ServerResponse, result: unknown, extra: Record<string, string>): void {
  const structured =
    result !== null && typeof result === 'object' && 'statusCode' in result
      ? (result as APIGatewayProxyStructuredResultV2)
      : undefined;
  if (!structured) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    res.writeHead(200, { 'content-type': 'application/json', ...extra }).end(body);
    return;
  }
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(structured.headers ?? {})) headers[k.toLowerCase()] = String(v);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  Object.assign(headers, extra);
  const body = structured.body ?? '';
  res
    .writeHead(structured.statusCode ?? 200, headers)
    .end(structured.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}
