/**
 * The OpenAPI 3.1 document of this API, generated from the route declarations
 * (routes/*.ts, through contract.ts): one path item per route, the
 * roles of each operation, the bearer JWT on every non-public one, Idempotency-Key on POSTs.
 * Generated at build time, never in a Lambda: the build writes it beside the API code
 * (`writeOpenApiDocument`, openapi-file.ts serves that file at GET /v1/openapi.json) and CI
 * lints it (`npm run openapi:lint`).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  extendZodWithOpenApi,
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type RouteConfig,
  zodToOpenAPIRegistry,
} from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import * as mini from 'zod/mini';
import { contractOf, ERRORS, ErrorBody, GatewayError } from './contract.ts';
import { KEY_PATTERN } from './idempotency.ts';
import { OPENAPI_FILE } from './openapi-file.ts';
import { type RouteDeclaration, STALE_WHILE_REVALIDATE_SECONDS } from './route.ts';
import { routes } from './routes/index.ts';
import { query, YEAR_DOC } from './schemas.ts';

/**
 * The schemas are zod/mini (ARCHITECTURE.md, 2026-12-04 "The runtime schemas are zod/mini"); the
 * generator reads zod classic. Both share zod's core (`_zod`, `def`, the registry), so a mini
 * schema is a classic one to the generator once it has the few classic members the generator
 * reads: its metadata, the facts classic derives from a string's or number's checks (`minLength`,
 * `maxLength`, `format`), a nullable's `unwrap()` and a record's `keyType`/`valueType`. They are
 * added here, at build time, to the mini classes' prototypes, the derived facts by classic's own
 * getters (which read only `_zod`); no Lambda function imports this module.
 * test/unit/api/openapi.test.ts pins what the generator makes of each.
 */
type Mini = mini.ZodMiniType & { _zod: { def: Record<string, unknown> } };
/** Classic's getter for a derived member of a schema of this `def.type`, from a sample's prototype chain. */
const CLASSIC_SAMPLES: Record<string, object> = { string: z.string(), number: z.number() };
function classicGetter(type: unknown, key: string): ((this: unknown) => unknown) | undefined {
  let proto =
    typeof type === 'string' && CLASSIC_SAMPLES[type] ? Object.getPrototypeOf(CLASSIC_SAMPLES[type]) : null;
  for (; proto; proto = Object.getPrototypeOf(proto)) {
    const getter = Object.getOwnPropertyDescriptor(proto, key)?.get;
    if (getter) return getter;
  }
  return undefined;
}
const derivedFromChecks = (key: string): PropertyDescriptor => ({
  get(this: Mini) {
    return classicGetter(this._zod.def.type, key)?.call(this) ?? null;
  },
});
const CLASSIC_MEMBERS: PropertyDescriptorMap = {
  meta: {
    value(this: Mini) {
      return mini.globalRegistry.get(this);
    },
  },
  minLength: derivedFromChecks('minLength'),
  maxLength: derivedFromChecks('maxLength'),
  format: derivedFromChecks('format'),
  unwrap: {
    value(this: Mini) {
      return this._zod.def.innerType;
    },
  },
  keyType: {
    get(this: Mini) {
      return this._zod.def.keyType;
    },
  },
  valueType: {
    get(this: Mini) {
      return this._zod.def.valueType;
    },
  },
};
for (const space of [mini, mini.iso]) {
  for (const cls of Object.values(space)) {
    if (typeof cls !== 'function' || !cls.name.startsWith('ZodMini') || !cls.prototype) continue;
    for (const [key, member] of Object.entries(CLASSIC_MEMBERS)) {
      if (!(key in cls.prototype))
        Object.defineProperty(cls.prototype, key, { ...member, configurable: true });
    }
  }
}
/**
 * Classic `.meta()` clones, so every schema with metadata has a parent, and the generator reads an
 * `id` as a component's name (and places the metadata) only on a schema it finds in its own
 * registry, which answers for any schema with a parent. A mini schema registered in place has
 * none: the generator's registry answers for it too.
 */
const generatorEntry = zodToOpenAPIRegistry.get.bind(zodToOpenAPIRegistry);
zodToOpenAPIRegistry.get = (schema) =>
  generatorEntry(schema) ?? (mini.globalRegistry.has(schema) ? {} : undefined);
/** A classic strict object with a mini one's fields and metadata but not its id. */
function classicCopy(schema: mini.ZodMiniObject): z.ZodObject {
  const { id: _, ...meta } = mini.globalRegistry.get(schema) ?? {};
  return z.strictObject(schema.shape).meta(meta);
}
/** A mini schema, as the generator's (classic) types call it. */
const asClassic = <T>(schema: T) => schema as unknown as z.ZodType;
const asClassicObject = <T>(schema: T) => schema as unknown as z.ZodObject;

// A year in a query is text coerced to an integer: document what it accepts, not the coercion.
zodToOpenAPIRegistry.add(asClassic(query.YearParam), YEAR_DOC);

// `registerParameter` needs `.openapi()`; here only (build time): the declarations use `.meta()`.
extendZodWithOpenApi(z);

/** Every parameter component of the API; the schemas register themselves by their `id`. */
const registry = new OpenAPIRegistry();

/** The `Idempotency-Key` header every POST accepts. */
const IdempotencyKey = registry.registerParameter(
  'IdempotencyKey',
  z
    .string()
    .regex(KEY_PATTERN)
    .optional()
    .meta({
      param: {
        name: 'Idempotency-Key',
        in: 'header',
        description:
          'Optional. A retried request with the same key (same caller, same route) returns the first answer ' +
          'instead of acting twice, for 24 hours. The same key with another body is a 422; a retry while the ' +
          'first request still runs is a 409. 8–128 letters, digits or `._:-`.',
      },
      example: '3f1c2a9e-claim-0001',
    }),
);

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

export const SECURITY_SCHEME = 'cognito';

export const TAGS = [
  { name: 'System', description: 'Liveness and this document.' },
  {
    name: 'Public',
    description: 'What anyone may read without a token: the published list, notices, statistics, rankings.',
  },
  {
    name: 'Units',
    description: 'Responsible units (departments, subdistricts, enterprises) and their people.',
  },
  {
    name: 'Proposals',
    description: 'Class B proposals declared bottom-up by units and reviewed by the office.',
  },
  { name: 'Items', description: 'Work items (tasks, projects, reforms): drafts, reads, the audit trail.' },
  { name: 'List', description: 'The list of a year and its published batches.' },
  { name: 'Claims', description: 'Claiming (揭榜), awarding (挂帅), direct assignment and reopening.' },
  { name: 'Progress', description: 'Progress and completion reports, verification, suspected violations.' },
  {
    name: 'Orders',
    description: 'Responsibility, commendation and inquiry orders, and what units do with them.',
  },
  { name: 'Evaluations', description: 'Periodic evaluations and rankings.' },
  {
    name: 'Calendar',
    description: 'The working-day calendar: official holiday tables by year, ahead of the bundled package.',
  },
  { name: 'Work', description: 'What waits for the caller: the inbox of each role.' },
  { name: 'Rules', description: 'The rules in force: limits, thresholds, grading and the calendar.' },
  {
    name: 'Documents',
    description:
      'Spreadsheets in and out (CSV, XLSX: imports with a dry run, templates, exports) and printable orders (PDF).',
  },
  {
    name: 'Notifications',
    description:
      'Who is told and where: the e-mail addresses and robot webhooks (WeCom, DingTalk, generic) of units and headquarters desks, and a test message.',
  },
  {
    name: 'Operations',
    description:
      'Operating the workflows (Step Functions) behind items and inquiries: their state and history, a restart, the reconciler.',
  },
] as const;

type Tag = (typeof TAGS)[number]['name'];

/** The tag of a route, from its path. */
export function tagOf(route: Pick<RouteDeclaration, 'path'>): Tag {
  const [, , first, , sub] = route.path.split('/');
  switch (first) {
    case 'health':
    case 'openapi.json':
      return 'System';
    case 'public':
      return 'Public';
    case 'units':
      return route.path.endsWith('/notifications') || route.path.endsWith('/notifications/test')
        ? 'Notifications'
        : 'Units';
    case 'notifications':
      return 'Notifications';
    case 'proposals':
      return 'Proposals';
    case 'lists':
      return 'List';
    case 'orders':
      return route.path.endsWith('/pdf') ? 'Documents' : 'Orders';
    case 'evaluations':
      return 'Evaluations';
    case 'calendar':
      return 'Calendar';
    case 'me':
      return 'Work';
    case 'rules':
      return 'Rules';
    case 'ops':
      return 'Operations';
    case 'imports':
    case 'exports':
      return 'Documents';
    case 'items':
      if (sub === 'claims' || sub === 'assignment' || sub === 'reopening') return 'Claims';
      if (sub === 'progress' || sub === 'completion' || sub === 'violations') return 'Progress';
      return 'Items';
    default:
      throw new Error(`openapi: no tag for ${route.path}`);
  }
}

function description(route: RouteDeclaration): string {
  const lines: string[] = [];
  lines.push(route.auth === 'public' ? 'Public: no token.' : `Roles allowed: ${route.auth.join(', ')}.`);
  if (route.method === 'POST') {
    lines.push('Send an `Idempotency-Key` to make a retry safe.');
  }
  return lines.join('\n\n');
}

function routeConfig(route: RouteDeclaration): RouteConfig {
  const c = contractOf(route.operationId);
  const { params, query, body } = c.request;
  const responses: RouteConfig['responses'] = {};
  for (const [status, r] of Object.entries(c.responses)) {
    const shared = Object.values(ERRORS).find((e) => e === r);
    responses[status] = shared
      ? { $ref: `#/components/responses/${shared.name}` }
      : r.mediaTypes
        ? {
            description: r.description,
            // A file (an export, a template, a printed order): its bytes, as a download.
            content: Object.fromEntries(
              r.mediaTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } as const }]),
            ),
          }
        : { description: r.description, content: { 'application/json': { schema: asClassic(r.schema) } } };
  }
  if (route.cacheSeconds) {
    // A public read caches may keep (route.ts cacheSeconds; functions/api/router.ts cacheable).
    const headers = {
      'Cache-Control': {
        description: `\`public, max-age=${route.cacheSeconds}, stale-while-revalidate=${STALE_WHILE_REVALIDATE_SECONDS}\``,
        schema: { type: 'string' as const },
      },
      ETag: {
        description: 'Strong validator: the SHA-256 of the body. Send it back as `If-None-Match`.',
        schema: { type: 'string' as const },
      },
    };
    const ok = responses['200'];
    if (ok && !('$ref' in ok)) responses['200'] = { ...ok, headers };
    responses['304'] = {
      description: 'Not Modified: the `If-None-Match` names the current ETag; no body.',
      headers,
    };
  }
  return {
    method: route.method.toLowerCase() as Lowercase<RouteDeclaration['method']>,
    path: route.path,
    operationId: route.operationId,
    summary: route.summary,
    description: description(route),
    tags: [tagOf(route)],
    security: route.auth === 'public' ? [] : [{ [SECURITY_SCHEME]: [] }],
    'x-roles': route.auth === 'public' ? [] : [...route.auth],
    'x-function': route.function,
    request: {
      ...(params ? { params: asClassicObject(params) } : {}),
      ...(query ? { query: asClassicObject(query) } : {}),
      ...(route.cacheSeconds
        ? {
            headers: z.object({
              'If-None-Match': z
                .string()
                .max(1000)
                .optional()
                .meta({ description: 'An ETag of an earlier answer: 304 if it is still current.' }),
            }),
          }
        : {}),
      ...(route.method === 'POST' ? { headers: z.object({ 'Idempotency-Key': IdempotencyKey }) } : {}),
      ...(body
        ? {
            body: {
              // A body that may be empty (every field optional) need not be sent: the API reads none as {}.
              required: !body.safeParse({}).success,
              content: {
                'application/json': {
                  schema: asClassic(body),
                  ...(c.request.example ? { example: c.request.example } : {}),
                },
              },
            },
          }
        : {}),
    },
    responses,
  };
}

/** Builds the document afresh (tests); `openApiDocument()` is the memoised one. */
export function buildOpenApiDocument(): OpenApiDocument {
  const paths = new OpenAPIRegistry([registry]);
  // The error shapes are referenced by name from the shared responses below: register them as
  // components (a classic copy: `.openapi()` is classic's).
  paths.register('Error', classicCopy(ErrorBody));
  paths.register('GatewayError', classicCopy(GatewayError));
  paths.registerComponent('securitySchemes', SECURITY_SCHEME, {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'An ID token of the One List Cognito user pool. The role is the `cognito:groups` claim (commander, office, unit, manager, inspector); units and managers also carry `custom:unitId` / `custom:personId`.',
  });
  // Only the errors some operation gives (an unused component is a lint error).
  const used = new Set(routes.flatMap((r) => Object.values(contractOf(r.operationId).responses)));
  for (const e of Object.values(ERRORS).filter((x) => used.has(x))) {
    const error = { $ref: '#/components/schemas/Error' };
    const gateway = { $ref: '#/components/schemas/GatewayError' };
    const schema = e.schema === GatewayError ? gateway : e.gateway ? { anyOf: [error, gateway] } : error;
    paths.registerComponent('responses', e.name, {
      description: e.description,
      content: { 'application/json': { schema } },
    });
  }
  for (const route of routes) paths.registerPath(routeConfig(route));
  return new OpenApiGeneratorV31(paths.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'One List API',
      version: '0.1.0',
      description: [
        'The "one list and three orders" (一单三令) accountability mechanism.',
        'Each year a district publishes **one list** of tasks, projects and reforms; units publicly claim them (揭榜), ' +
          'receive a **responsibility order**, report progress, and end with a **commendation order** or an **inquiry order**.',
        'Every error answers `{"error":{"code","message","details":[{"path","message"}]}}` (schema `Error`), except where ' +
          'API Gateway answers before the function runs (`{"message":…}`, schema `GatewayError`: a missing or invalid token, ' +
          'throttling with 429 `{"message":"Too Many Requests"}`, the 30-second integration timeout with 503 ' +
          '`{"message":"Service Unavailable"}`, a body over 10 MB with 413, its own failures with 500 `{"message":"Internal Server Error"}`). ' +
          'A path or method no route serves answers 404 `{"message":"Not Found"}` (HTTP APIs have no 405). ' +
          'Clients must expect both shapes; API Gateway HTTP APIs cannot customise theirs.',
        'Lists are cursor-paginated: pass the `nextCursor` of a page as `cursor` to get the next one.',
      ].join('\n\n'),
    },
    servers: [{ url: '/', description: 'The API Gateway stage that serves this document.' }],
    tags: TAGS.map((t) => ({ ...t })),
  });
}

let memo: OpenApiDocument | undefined;

/** The document, generated once per process. */
export function openApiDocument(): OpenApiDocument {
  memo ??= buildOpenApiDocument();
  return memo;
}

/** Where the source tree's API code reads the document (openapi-file.ts): beside it. */
export const SOURCE_OPENAPI_FILE = fileURLToPath(new URL(OPENAPI_FILE, import.meta.url));

/** Writes the document as JSON to `path` (the build step of GET /v1/openapi.json). */
export function writeOpenApiDocument(path: string = SOURCE_OPENAPI_FILE): string {
  mkdirSync(dirname(path), { recursive: true });
  // Whole or not at all: a reader in another process never sees half a file.
  const staged = `${path}.${process.pid}.tmp`;
  writeFileSync(staged, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
  renameSync(staged, path);
  return path;
}
