/**
 * The OpenAPI document (functions/api/openapi.ts) against the route table it is generated
 * from, and the contract (functions/api/contract.ts) it is generated with: every route, its
 * security and roles, Idempotency-Key on POSTs, closed request bodies, resolvable $refs.
 */
import { describe, expect, it } from 'vitest';
import { BODY_EXAMPLES, contract } from '../../../functions/api/contract.ts';
import {
  buildOpenApiDocument,
  openApiDocument,
  SECURITY_SCHEME,
  TAGS,
} from '../../../functions/api/openapi.ts';
import { routes } from '../../../infra/resources/routes.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const doc = JSON.parse(JSON.stringify(openApiDocument())) as JsonObject;

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function obj(v: Json | undefined, what: string): JsonObject {
  if (!isObject(v)) throw new Error(`${what} is not an object`);
  return v;
}

/** Resolves a local JSON pointer (`#/components/schemas/Item`). */
function resolvePointer(ref: string): Json | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let v: Json | undefined = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(v)) v = v[Number(key)];
    else if (isObject(v)) v = v[key];
    else return undefined;
  }
  return v;
}

/** Follows `$ref`s until a value that is not one. */
function deref(v: Json | undefined): Json | undefined {
  let cur = v;
  for (let i = 0; i < 20 && isObject(cur) && typeof cur.$ref === 'string'; i++)
    cur = resolvePointer(cur.$ref);
  return cur;
}

function operationOf(method: string, path: string): JsonObject {
  const item = obj(obj(doc.paths, 'paths')[path], `path ${path}`);
  return obj(item[method.toLowerCase()], `${method} ${path}`);
}

function parametersOf(op: JsonObject): JsonObject[] {
  const ps = op.parameters;
  if (!Array.isArray(ps)) return [];
  return ps.map((p) => obj(deref(p), 'parameter'));
}

/** Every object schema reachable from `schema` (through $ref, allOf/oneOf/anyOf, properties, items). */
function objectSchemas(
  schema: Json | undefined,
  seen = new Set<string>(),
): { at: string; schema: JsonObject }[] {
  const out: { at: string; schema: JsonObject }[] = [];
  const walk = (s: Json | undefined, at: string) => {
    if (!isObject(s)) return;
    if (typeof s.$ref === 'string') {
      if (seen.has(s.$ref)) return;
      seen.add(s.$ref);
      walk(resolvePointer(s.$ref), s.$ref);
      return;
    }
    if (s.type === 'object' || isObject(s.properties)) out.push({ at, schema: s });
    for (const k of ['allOf', 'oneOf', 'anyOf'] as const) {
      const list = s[k];
      if (Array.isArray(list)) for (const [i, x] of list.entries()) walk(x, `${at}/${k}/${i}`);
    }
    if (isObject(s.properties))
      for (const [k, p] of Object.entries(s.properties)) walk(p, `${at}/properties/${k}`);
    if (s.items !== undefined) walk(s.items, `${at}/items`);
  };
  walk(schema, '(body)');
  return out;
}

describe('the document', () => {
  it('is OpenAPI 3.1 with relative servers and the cognito bearer scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(obj(doc.info, 'info').title).toBe('One List API');
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    const schemes = obj(obj(doc.components, 'components').securitySchemes, 'securitySchemes');
    expect(schemes[SECURITY_SCHEME]).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  });

  it('survives a JSON round trip unchanged (no undefined, functions or cycles)', () => {
    expect(JSON.parse(JSON.stringify(openApiDocument()))).toEqual(doc);
  });

  it('is memoised, and a fresh build is identical', () => {
    expect(openApiDocument()).toBe(openApiDocument());
    expect(JSON.parse(JSON.stringify(buildOpenApiDocument()))).toEqual(doc);
  });

  it('resolves every $ref', () => {
    const refs: string[] = [];
    const walk = (v: Json) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (isObject(v)) {
        for (const [k, x] of Object.entries(v)) {
          if (k === '$ref' && typeof x === 'string') refs.push(x);
          else walk(x);
        }
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(50);
    const broken = [...new Set(refs)].filter((r) => resolvePointer(r) === undefined);
    expect(broken).toEqual([]);
  });

  it('has the Error schema component with the one error shape', () => {
    const error = obj(deref({ $ref: '#/components/schemas/Error' }), 'Error');
    expect(error.required).toEqual(['error']);
    const inner = obj(obj(error.properties, 'properties').error, 'error');
    expect(inner.required).toEqual(['code', 'message', 'details']);
    expect(inner.additionalProperties).toBe(false);
  });
});

describe('every route', () => {
  it('appears with its method and operationId, and nothing else appears', () => {
    const seen: string[] = [];
    for (const [path, item] of Object.entries(obj(doc.paths, 'paths'))) {
      for (const [method, op] of Object.entries(obj(item, path))) {
        seen.push(`${method.toUpperCase()} ${path} ${obj(op, method).operationId}`);
      }
    }
    expect(seen.sort()).toEqual(routes.map((r) => `${r.method} ${r.path} ${r.operationId}`).sort());
  });

  it('has a unique operationId, a summary, one defined tag and its path parameters', () => {
    const tags = new Set<string>(TAGS.map((t) => t.name));
    for (const r of routes) {
      const op = operationOf(r.method, r.path);
      expect(op.summary, r.operationId).toBe(r.summary);
      expect(op.tags, r.operationId).toHaveLength(1);
      expect(tags.has(String((op.tags as Json[])[0])), r.operationId).toBe(true);
      const inPath = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = parametersOf(op)
        .filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort();
      expect(declared, r.operationId).toEqual(inPath);
    }
    expect(new Set(routes.map((r) => r.operationId)).size).toBe(routes.length);
  });

  it('is secured by the cognito scheme unless public, with its roles in x-roles and the description', () => {
    for (const r of routes) {
      const op = operationOf(r.method, r.path);
      if (r.auth === 'public') {
        expect(op.security, r.operationId).toEqual([]);
        continue;
      }
      expect(op.security, r.operationId).toEqual([{ [SECURITY_SCHEME]: [] }]);
      expect(op['x-roles'], r.operationId).toEqual([...r.auth]);
      for (const role of r.auth) expect(String(op.description), r.operationId).toContain(role);
      expect(Object.keys(obj(op.responses, 'responses')), r.operationId).toEqual(
        expect.arrayContaining(['401']),
      );
    }
  });

  it('takes Idempotency-Key as a header when it is a POST, and only then', () => {
    for (const r of routes) {
      const op = operationOf(r.method, r.path);
      const key = parametersOf(op).find((p) => p.name === 'Idempotency-Key');
      if (r.method === 'POST') {
        expect(key, r.operationId).toMatchObject({ in: 'header', required: false });
      } else {
        expect(key, r.operationId).toBeUndefined();
      }
    }
  });

  it('declares the errors its kind of route can give', () => {
    for (const r of routes) {
      const statuses = Object.keys(contract[r.operationId]?.responses ?? {}).map(Number);
      expect(statuses, r.operationId).toEqual(expect.arrayContaining([429, 500, 503]));
      if (r.auth !== 'public') expect(statuses, r.operationId).toEqual(expect.arrayContaining([401, 403]));
      else expect(statuses, r.operationId).not.toContain(401);
      if (r.method !== 'GET') {
        expect(statuses, r.operationId).toEqual(expect.arrayContaining([400, 409, 413, 422]));
      }
      if (r.path.includes('{')) expect(statuses, r.operationId).toContain(400);
      // One success: the route's declared status (200 unless it says 201 or 202).
      expect(
        statuses.filter((s) => s >= 200 && s < 300),
        r.operationId,
      ).toEqual([r.response.status]);
    }
  });
});

describe('request bodies', () => {
  const withBody = routes.filter((r) => contract[r.operationId]?.request.body);

  it('every POST and PATCH takes one', () => {
    expect(withBody.map((r) => r.operationId).sort()).toEqual(
      routes
        .filter((r) => r.method !== 'GET')
        .map((r) => r.operationId)
        .sort(),
    );
  });

  it('are closed in the document: additionalProperties false on every object, nested ones included', () => {
    for (const r of withBody) {
      const op = operationOf(r.method, r.path);
      const body = obj(
        obj(obj(op.requestBody, 'requestBody').content, 'content')['application/json'],
        'json',
      );
      const objects = objectSchemas(body.schema);
      expect(objects.length, r.operationId).toBeGreaterThan(0);
      const open = objects.filter((o) => o.schema.additionalProperties !== false).map((o) => o.at);
      expect(open, r.operationId).toEqual([]);
    }
  });

  it('accept their example and reject it with an unknown field added', () => {
    for (const r of withBody) {
      const schema = contract[r.operationId]?.request.body;
      const example = BODY_EXAMPLES[r.operationId];
      expect(example, `${r.operationId} has an example`).toBeDefined();
      expect(schema?.safeParse(example).success, r.operationId).toBe(true);
      const res = schema?.safeParse({ ...(example as object), sneaky: 'status: completed' });
      expect(res?.success, r.operationId).toBe(false);
      expect(
        res?.error?.issues.some((i) => i.code === 'unrecognized_keys' && i.keys.includes('sneaky')),
        r.operationId,
      ).toBe(true);
    }
  });

  it('are required unless an empty body is valid', () => {
    for (const r of withBody) {
      const op = operationOf(r.method, r.path);
      const schema = contract[r.operationId]?.request.body;
      expect(obj(op.requestBody, 'requestBody').required, r.operationId).toBe(!schema?.safeParse({}).success);
    }
  });
});

describe('response bodies', () => {
  const schemaOf = (name: string) => ({ $ref: `#/components/schemas/${name}` });

  it('entities are open (clients tolerate new fields); the public list and errors are closed', () => {
    const item = objectSchemas(schemaOf('Item'));
    expect(item[0]?.schema.additionalProperties).toBeUndefined();
    for (const name of ['PublicList', 'Error', 'GatewayError', 'Health']) {
      const open = objectSchemas(schemaOf(name)).filter((o) => o.schema.additionalProperties !== false);
      expect(
        open.map((o) => o.at),
        name,
      ).toEqual([]);
    }
  });

  it('every response has a JSON body with a schema, or is a file of declared media types (a 304 of a cached read has none)', () => {
    for (const r of routes) {
      const responses = obj(operationOf(r.method, r.path).responses, 'responses');
      for (const [status, res] of Object.entries(responses)) {
        if (status === '304') {
          expect(r.cacheSeconds, `${r.operationId} 304`).toBeGreaterThan(0);
          expect(obj(deref(res), 'response').content).toBeUndefined();
          continue;
        }
        const content = obj(obj(deref(res), 'response').content, 'content');
        const declared = contract[r.operationId]?.responses[Number(status)]?.mediaTypes;
        if (declared) {
          // A file (an export, a template, a printed order): its media types, bytes.
          expect(Object.keys(content).sort(), `${r.operationId} ${status}`).toEqual([...declared].sort());
          for (const t of declared) {
            expect(obj(content[t], t).schema, `${r.operationId} ${status} ${t}`).toEqual({
              type: 'string',
              format: 'binary',
            });
          }
          continue;
        }
        const json = obj(content['application/json'], 'json');
        expect(json.schema, `${r.operationId} ${status}`).toBeDefined();
      }
    }
  });
});
