/**
 * Malformed requests over real HTTP (local gateway, DynamoDB Local, local Step Functions
 * engine), generated with fast-check, on every write route (POST and PATCH) with a role the
 * route allows, each aimed at data in the state where a valid body would succeed:
 *
 * random JSON values, each field of a valid body given a value of another JSON type, unknown
 * extra fields (at the top and inside nested objects — `status`, `score`, `number`, ... among
 * them), deep nesting, huge strings, text that is not JSON, a content type that is not JSON,
 * bodies over 64 KB (413 in the handler) and over 10 MB (413 at the gateway), random path ids.
 *
 * Every answer: never a 5xx, always the one error shape with a machine-readable code, and what
 * the contract declares. And nothing is stored: the items of the year (version, status, trail
 * length), the fixture items' histories, orders, claims, progress reports, units and people,
 * proposals, batches and workflow executions are the same after a route's runs as before.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract } from '../../../functions/api/contract.ts';
import { MAX_BODY_BYTES } from '../../../functions/api/router.ts';
import type { Role } from '../../../functions/domain/model.ts';
import { MAX_GATEWAY_BODY_BYTES } from '../../../infra/local/gateway.ts';
import { localStateMachineArn } from '../../../infra/local/runtime.ts';
import { type RouteDeclaration, routeKey, routes } from '../../../infra/resources/routes.ts';
import { stateMachines } from '../../../infra/resources/state-machines.ts';
import { checkResponse } from '../../support/contract.ts';
import {
  Api,
  type CallOptions,
  eventually,
  fillPath,
  type HttpStack,
  isErrorShape,
  type Reply,
  settleItem,
  showReply,
  startHttpStack,
  tokenFor,
  type Who,
} from '../../support/http.ts';

const YEAR = 2022;
const CLOSES_AT = '2022-12-01T18:00:00+08:00';
/** Runs per route and kind of malformed body; the whole file stays around a minute on two cores. */
const RUNS = 6;
const PATH_RUNS = 8;

let stack: HttpStack;
let api: Api;

const WRITE_ROUTES = routes.filter((r) => r.method !== 'GET');

interface Target {
  readonly role: Role;
  readonly who?: Who;
  readonly params: Record<string, string>;
  /** A body that would succeed on this target. */
  readonly valid: Record<string, unknown>;
}

/** Filled in beforeAll: each write route's target in the state where `valid` would succeed. */
const targets: Record<string, Target> = {};
/** Item ids whose history length the snapshot compares. */
const watchedItems: string[] = [];
let claimItemId = '';
let progressItemId = '';

const MEILIN: Who = { unitId: 'meilin' };
const milestones = [
  { id: 'm1', title: 'Plan approved', dueDate: '2022-09-30', weight: 40 },
  { id: 'm2', title: 'Works finished', dueDate: '2022-12-15', weight: 60 },
];

beforeAll(async () => {
  stack = await startHttpStack({ prefix: 'fuzz' });
  api = new Api(stack.call, YEAR);
  await api.unit('meilin');
  await api.unit('huafu');
  await api.person('meilin', 'p-meilin-1');
  await api.person('huafu', 'p-huafu-1');

  const unclaimed = (await api.item()).itemId;
  await api.publish([unclaimed], '2022-07-01T09:01:00+08:00');
  await settleItem(stack.rt, unclaimed, 'ClaimWindowOpen');
  stack.rt.clock.advance(2 * 60_000);
  await settleItem(stack.rt, unclaimed, 'Unclaimed');

  const draft = (await api.item()).itemId;
  const toPublish = (await api.item()).itemId;
  const toAssign = (await api.item()).itemId;
  claimItemId = (await api.item()).itemId;
  const toAward = (await api.item()).itemId;
  await api.publish([claimItemId, toAward], CLOSES_AT);
  const claim = await api.claim(toAward, 'huafu', 'p-huafu-1');
  const working = await api.inProgress('meilin', 'p-meilin-1');
  progressItemId = working.itemId;
  await api.progress(working.itemId, 'meilin', 10);
  const reported = await api.inProgress('meilin', 'p-meilin-1');
  await api.completion(reported.itemId, 'meilin');
  const toAckItem = (await api.item()).itemId;
  const toAck = await api.assign(toAckItem, 'meilin', 'p-meilin-1');
  const inquiry = await api.violation(working.itemId);
  const answered = await api.violation(working.itemId);
  await api.answer(answered.orderId, 'meilin');
  const proposal = await api.proposal('meilin');
  watchedItems.push(unclaimed, draft, toPublish, toAssign, claimItemId, toAward, working.itemId);
  watchedItems.push(reported.itemId, toAckItem);
  // Nothing may move on its own while the runs compare before with after.
  await api.quiesce(watchedItems);
  await eventually('a stable snapshot', async () => {
    const a = await snapshot();
    await new Promise((r) => setTimeout(r, 150));
    return isDeepStrictEqual(a, await snapshot()) ? true : undefined;
  });

  const t = (role: Role, params: Record<string, string>, valid: Record<string, unknown>, who?: Who) => ({
    role,
    params,
    valid,
    ...(who ? { who } : {}),
  });
  Object.assign(targets, {
    createUnit: t('office', {}, { unitId: 'fuzz-unit', name: 'Fuzz Department', unitType: 'department' }),
    createPerson: t('office', { unitId: 'meilin' }, { personId: 'p-fuzz', name: 'Fuzz Person', title: 'x' }),
    declareProposal: t(
      'unit',
      {},
      {
        year: YEAR,
        kind: 'task',
        category: 'bottom-line',
        title: 'Fuzzed proposal',
        deadline: '2022-12-31',
        milestones,
        targets: [{ indicator: 'Areas', targetValue: 3, unit: 'areas' }],
      },
      MEILIN,
    ),
    decideProposal: t('office', { id: proposal.proposalId }, { decision: 'reject', reason: 'Not now.' }),
    createItem: t(
      'office',
      {},
      {
        year: YEAR,
        kind: 'project',
        itemClass: 'A',
        category: 'siege',
        title: 'Fuzzed project',
        deadline: '2022-12-31',
        project: { stage: 'construction', totalInvestment: 1000, annualInvestmentTarget: 100 },
        milestones,
        supportingUnitIds: ['huafu'],
      },
    ),
    editItem: t('office', { id: draft }, { title: 'Edited', milestones, description: 'x' }),
    publishBatch: t(
      'office',
      { year: String(YEAR) },
      { title: 'Fuzz batch', itemIds: [toPublish], claimWindow: { closesAt: CLOSES_AT } },
    ),
    claimItem: t('unit', { id: claimItemId }, { plan: 'We lead it.', managerId: 'p-meilin-1' }, MEILIN),
    awardClaim: t('commander', { id: toAward, claimId: claim.claimId }, { note: 'Best plan.' }),
    assignItem: t('office', { id: toAssign }, { unitId: 'meilin', managerId: 'p-meilin-1', note: 'x' }),
    reopenItem: t('office', { id: unclaimed }, { closesAt: CLOSES_AT }),
    reportProgress: t(
      'unit',
      { id: working.itemId },
      {
        percentComplete: 30,
        narrative: 'Going well.',
        milestones: [{ milestoneId: 'm1', done: true, doneOn: '2022-07-01' }],
        evidence: ['https://example.org/photo.jpg'],
      },
      MEILIN,
    ),
    reportCompletion: t(
      'unit',
      { id: working.itemId },
      { summary: 'Done.', results: [{ indicator: 'Households served', actualValue: 1000 }] },
      MEILIN,
    ),
    verifyCompletion: t('office', { id: reported.itemId }, { achieved: true, grade: 'first', note: 'x' }),
    reportViolation: t('inspector', { id: working.itemId }, { description: 'Suspected.', reference: 'A-1' }),
    acknowledgeOrder: t('unit', { id: toAck.orderId }, { note: 'Signed.' }, MEILIN),
    answerInquiry: t(
      'unit',
      { id: inquiry.orderId },
      { text: 'Because.', rectificationPlan: 'We fix it.' },
      MEILIN,
    ),
    decideInquiry: t('office', { id: answered.orderId }, { outcome: 'rectified', note: 'Fixed.' }),
    runEvaluation: t('office', {}, { period: '2022-06' }),
  } satisfies Record<string, Target>);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

// ---------------------------------------------------------------------------------------------
// What is stored

async function snapshot() {
  const items = await api.all<{ itemId: string; status: string; version: number; auditSeq: number }>(
    '/v1/items',
    { year: YEAR },
  );
  const orders = await api.all<{ orderId: string; status: string; version: number }>('/v1/orders', {
    year: YEAR,
  });
  const proposals = await api.all<{ proposalId: string; status: string; version: number }>('/v1/proposals', {
    year: YEAR,
  });
  const units = await api.all<{ unitId: string; version: number }>('/v1/units');
  const people = (await api.get<{ people: { personId: string }[] }>('/v1/units/meilin')).people;
  const list = await api.get<{ batches: { batchNo: number; itemIds: string[] }[] }>(`/v1/lists/${YEAR}`);
  const claims = await api.all<{ claimId: string; status: string }>(`/v1/items/${claimItemId}/claims`);
  const progress = await api.all<{ reportId: string }>(`/v1/items/${progressItemId}/progress`);
  const histories: Record<string, number> = {};
  for (const id of watchedItems) {
    histories[id] = (await api.get<{ events: unknown[] }>(`/v1/items/${id}/history`)).events.length;
  }
  const executions: Record<string, string[]> = {};
  for (const sm of stateMachines) {
    const out = await stack.rt.engine.listExecutions({
      stateMachineArn: localStateMachineArn(sm.id),
      maxResults: 1000,
    });
    executions[sm.id] = (out.executions ?? []).map((e) => e.name ?? '').sort();
  }
  return {
    items: items.map((i) => [i.itemId, i.status, i.version, i.auditSeq]).sort(),
    orders: orders.map((o) => [o.orderId, o.status, o.version]).sort(),
    proposals: proposals.map((p) => [p.proposalId, p.status, p.version]).sort(),
    units: units.map((u) => u.unitId).sort(),
    people: people.map((p) => p.personId).sort(),
    batches: list.batches.map((b) => [b.batchNo, b.itemIds.join(',')]),
    claims: claims.map((c) => [c.claimId, c.status]).sort(),
    progress: progress.map((p) => p.reportId).sort(),
    histories,
    executions,
  };
}

// ---------------------------------------------------------------------------------------------
// Generators

type Malformed =
  | { kind: 'json'; body: unknown }
  | { kind: 'wrongType'; field: string; body: Record<string, unknown> }
  | { kind: 'unknownField'; at: string; key: string; body: unknown }
  | { kind: 'deep'; field: string; depth: number; text: string }
  | { kind: 'hugeString'; field: string; text: string }
  | { kind: 'notJson'; text: string }
  | { kind: 'contentType'; contentType: string; text: string };

const bodySchema = (op: string): z.ZodType => {
  const s = contract[op]?.request.body;
  if (!s) throw new Error(`${op} takes no body in the contract`);
  return s;
};
const isValid = (op: string, body: unknown) => bodySchema(op).safeParse(body).success;

/** Every key any shape of the body schema knows (objects, unions, discriminated unions). */
function knownKeys(schema: z.ZodType): Set<string> {
  const out = new Set<string>();
  const visit = (s: unknown) => {
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    if (def.type === 'object') for (const k of Object.keys(def.shape as object)) out.add(k);
    if (def.type === 'union') for (const o of def.options as unknown[]) visit(o);
    if (def.type === 'pipe') visit(def.in);
  };
  visit(schema);
  return out;
}

const jsonTypeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** A JSON value of another JSON type than `v`. */
const otherType = (v: unknown) =>
  fc
    .oneof(
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string({ maxLength: 30 }),
      fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    )
    .filter((x) => jsonTypeOf(x) !== jsonTypeOf(v));

/** Paths (`[]` = the body) of the plain objects inside a body. */
function objectPaths(v: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => objectPaths(x, [...path, i]));
  if (v && typeof v === 'object') {
    return [path, ...Object.entries(v).flatMap(([k, x]) => objectPaths(x, [...path, k]))];
  }
  return [];
}

function withKeyAt(body: unknown, path: readonly (string | number)[], key: string, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let target = copy;
  for (const p of path) target = target[p] as Record<string | number, unknown>;
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Fields a client must never set, and names that trip naive object handling. */
const SENSITIVE_KEYS = [
  'status',
  'score',
  'number',
  'displayNumber',
  'orderId',
  'version',
  'auditSeq',
  'auditHead',
  'percentComplete',
  'leadUnitId',
  'unitId',
  'itemId',
  'claimId',
  'issuedBy',
  'createdAt',
  'public',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
];

function malformed(
  op: string,
  valid: Record<string, unknown>,
): Record<Malformed['kind'], fc.Arbitrary<Malformed>> {
  const fields = Object.keys(valid);
  const known = knownKeys(bodySchema(op));
  const strings = fields.filter((f) => typeof valid[f] === 'string');
  const text = JSON.stringify(valid);

  const json = fc
    .jsonValue({ maxDepth: 4 })
    .filter((b) => !isValid(op, b))
    .map((body): Malformed => ({ kind: 'json', body }));

  const wrongType = fc
    .constantFrom(...fields)
    .chain((field) =>
      otherType(valid[field]).map(
        (v): Malformed => ({ kind: 'wrongType', field, body: { ...valid, [field]: v } }),
      ),
    );

  const paths = objectPaths(valid);
  const unknownField = fc
    .tuple(
      fc.constantFrom(...paths),
      fc.oneof(fc.constantFrom(...SENSITIVE_KEYS), fc.stringMatching(/^[A-Za-z_$][A-Za-z0-9_$-]{0,15}$/)),
      fc.jsonValue({ maxDepth: 1 }),
    )
    .filter(([path, key]) => {
      if (path.length === 0) return !known.has(key);
      const holder = path.reduce<unknown>((o, p) => (o as Record<string | number, unknown>)[p], valid);
      return (
        !Object.hasOwn(holder as object, key) && !['dueDate', 'weight', 'doneOn', 'opensAt'].includes(key)
      );
    })
    .map(
      ([path, key, value]): Malformed => ({
        kind: 'unknownField',
        at: path.length ? path.join('.') : '(body)',
        key,
        body: withKeyAt(valid, path, key, value),
      }),
    )
    .filter((m) => m.kind === 'unknownField' && !isValid(op, m.body));

  const deep = fc
    .tuple(fc.constantFrom(...fields), fc.integer({ min: 1_000, max: 12_000 }), fc.boolean())
    .map(([field, depth, arrays]): Malformed => {
      const nested = arrays
        ? `${'['.repeat(depth)}${']'.repeat(depth)}`
        : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      const rest = JSON.stringify({ ...valid, [field]: '__X__' });
      return { kind: 'deep', field, depth, text: rest.replace('"__X__"', nested) };
    })
    .filter((m) => m.kind === 'deep' && !isValid(op, JSON.parse(m.text)));

  if (strings.length === 0) throw new Error(`${op}: the valid body needs a string field`);
  const hugeString = fc
    .tuple(
      fc.constantFrom(...strings),
      fc.integer({ min: 8_001, max: 40_000 }),
      fc.constantFrom('x', '福', '😀', '\u0000', '\\', '"', ' '),
    )
    // Lengths in code points (zod counts "😀" as one character), so each one is over every limit.
    .map(([field, length, unit]): Malformed => {
      const s = unit.repeat(length);
      return { kind: 'hugeString', field, text: JSON.stringify({ ...valid, [field]: s }) };
    })
    .filter((m) => m.kind === 'hugeString' && !isValid(op, JSON.parse(m.text)));

  const notJson = fc
    .oneof(
      fc.string({ minLength: 1, maxLength: 200 }),
      fc.integer({ min: 1, max: text.length - 1 }).map((n) => text.slice(0, n)),
      fc.constantFrom(
        `${text},`,
        `${text}}`,
        text.replace(/"/g, "'"),
        `{${text}`,
        'undefined',
        'NaN',
        '{"a":1,}',
      ),
    )
    .filter((s) => {
      if (s.trim() === '') return false;
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    })
    .map((t): Malformed => ({ kind: 'notJson', text: t }));

  const contentType = fc
    .constantFrom(
      'text/plain',
      'text/plain; charset=utf-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'text/json',
      'application/jsonx',
      'application/octet-stream',
    )
    .map((ct): Malformed => ({ kind: 'contentType', contentType: ct, text }));

  return { json, wrongType, unknownField, deep, hugeString, notJson, contentType };
}

// ---------------------------------------------------------------------------------------------
// Calls and checks

async function send(
  route: RouteDeclaration,
  body: string,
  opts: { contentType?: string; key?: string; params?: Record<string, string> } = {},
): Promise<Reply> {
  const target = targets[route.operationId]!;
  const call: CallOptions = {
    token: await tokenFor(target.role, target.who ?? {}),
    body,
    headers: {
      'content-type': opts.contentType ?? 'application/json',
      ...(opts.key ? { 'idempotency-key': opts.key } : {}),
    },
  };
  return stack.call(route.method, fillPath(route.path, opts.params ?? target.params), call);
}

/** What every answer to a bad request must be. */
function expectRefusal(route: RouteDeclaration, r: Reply, what: string): void {
  const where = `${routeKey(route)} with ${what}: ${showReply(r)}`;
  expect(r.status, where).toBeGreaterThanOrEqual(400);
  expect(r.status, where).toBeLessThan(500);
  expect(isErrorShape(r.body), where).toBe(true);
  if (isErrorShape(r.body)) expect(r.body.error.code, where).toMatch(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/);
  expect(() => checkResponse(route.operationId, r.status, r.body), where).not.toThrow();
}

const details = (r: Reply) => (isErrorShape(r.body) ? r.body.error.details : []);
const short = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);
const keyArb = fc.option(fc.stringMatching(/^[A-Za-z0-9_.:-]{8,40}$/), { nil: undefined });

/** Kinds of malformed body sent, per route: the coverage test checks every kind went out. */
const sent = new Map<string, Set<Malformed['kind']>>();

async function check(route: RouteDeclaration, m: Malformed, key: string | undefined): Promise<void> {
  const op = route.operationId;
  sent.set(op, (sent.get(op) ?? new Set()).add(m.kind));
  switch (m.kind) {
    case 'json': {
      const r = await send(route, JSON.stringify(m.body), { ...(key ? { key } : {}) });
      const what = `JSON ${short(JSON.stringify(m.body))}`;
      expectRefusal(route, r, what);
      expect(r.status, `${what}: ${showReply(r)}`).toBe(400);
      return;
    }
    case 'wrongType': {
      const r = await send(route, JSON.stringify(m.body), { ...(key ? { key } : {}) });
      const what = `${m.field} = ${short(JSON.stringify(m.body[m.field]))}`;
      expectRefusal(route, r, what);
      expect(r.status, `${what}: ${showReply(r)}`).toBe(400);
      // The offending field is named.
      const named = details(r).some(
        (d) => d.path === m.field || d.path.startsWith(`${m.field}.`) || d.message.includes(`"${m.field}"`),
      );
      expect(named, `${what} not named: ${showReply(r)}`).toBe(true);
      return;
    }
    case 'unknownField': {
      const r = await send(route, JSON.stringify(m.body), { ...(key ? { key } : {}) });
      const what = `unknown field ${m.key} at ${m.at}`;
      expectRefusal(route, r, what);
      expect(r.status, `${what}: ${showReply(r)}`).toBe(400);
      expect(
        // One detail per unknown field, at the field's own path.
        details(r).some((d) => d.path === (m.at === '(body)' ? m.key : `${m.at}.${m.key}`)),
        `${what} not named: ${showReply(r)}`,
      ).toBe(true);
      return;
    }
    case 'deep': {
      // Without an Idempotency-Key: with one, see the test below.
      const r = await send(route, m.text);
      const what = `${m.field} nested ${m.depth} deep`;
      expectRefusal(route, r, what);
      expect(r.status, `${what}: ${showReply(r)}`).toBe(
        Buffer.byteLength(m.text) > MAX_BODY_BYTES ? 413 : 400,
      );
      return;
    }
    case 'hugeString': {
      const r = await send(route, m.text, { ...(key ? { key } : {}) });
      const bytes = Buffer.byteLength(m.text);
      const what = `${m.field} as a ${bytes}-byte body`;
      expectRefusal(route, r, what);
      expect(r.status, `${what}: ${showReply(r)}`).toBe(bytes > MAX_BODY_BYTES ? 413 : 400);
      if (r.status === 413) expect(details(r)).toEqual([]);
      return;
    }
    case 'notJson': {
      const r = await send(route, m.text, { ...(key ? { key } : {}) });
      const what = `text ${short(JSON.stringify(m.text))}`;
      expectRefusal(route, r, what);
      expect(r.status, `${what}: ${showReply(r)}`).toBe(400);
      expect(isErrorShape(r.body) && r.body.error.code, what).toBe('request.malformed_json');
      return;
    }
    case 'contentType': {
      const r = await send(route, m.text, { contentType: m.contentType, ...(key ? { key } : {}) });
      const what = `content-type ${m.contentType}`;
      expectRefusal(route, r, what);
      expect(r.status, `${what}: ${showReply(r)}`).toBe(400);
      expect(isErrorShape(r.body) && r.body.error.code, what).toBe('request.unsupported_media_type');
      return;
    }
  }
}

const FC_OPTIONS = { numRuns: RUNS, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true };

describe('malformed bodies on every write route', () => {
  it('covers every POST and PATCH route of routes.ts', () => {
    expect(Object.keys(targets).sort()).toEqual(WRITE_ROUTES.map((r) => r.operationId).sort());
    expect(WRITE_ROUTES).toHaveLength(19);
    for (const [op, t] of Object.entries(targets)) {
      const route = routes.find((r) => r.operationId === op)!;
      expect(route.auth === 'public' || route.auth.includes(t.role), op).toBe(true);
      // The valid bodies are valid: the malformed ones are measured against them.
      expect(isValid(op, t.valid), op).toBe(true);
      const known = knownKeys(bodySchema(op));
      for (const k of Object.keys(t.valid)) expect(known.has(k), `${op}.${k}`).toBe(true);
    }
  });

  for (const route of WRITE_ROUTES) {
    it(`${routeKey(route)}: refused with the error shape, nothing stored`, async () => {
      const target = targets[route.operationId]!;
      const before = await snapshot();

      for (const arbitrary of Object.values(malformed(route.operationId, target.valid))) {
        await fc.assert(
          fc.asyncProperty(arbitrary, keyArb, async (m, key) => {
            await check(route, m, key);
          }),
          FC_OPTIONS,
        );
      }

      // The size limits, at the edge: 64 KiB passes the limit (and fails validation), one byte more is 413.
      const padded = (bytes: number) => {
        const base = JSON.stringify({ ...target.valid, zzPad: '' });
        return base.replace('"zzPad":""', `"zzPad":"${'x'.repeat(bytes - Buffer.byteLength(base))}"`);
      };
      const atLimit = await send(route, padded(MAX_BODY_BYTES));
      expectRefusal(route, atLimit, 'a body of exactly 64 KiB');
      expect(atLimit.status).toBe(400);
      const overLimit = await send(route, padded(MAX_BODY_BYTES + 1));
      expectRefusal(route, overLimit, 'a body of 64 KiB + 1');
      expect(overLimit.status).toBe(413);
      expect(isErrorShape(overLimit.body) && overLimit.body.error.code).toBe('request.too_large');
      const huge = await send(route, 'x'.repeat(MAX_GATEWAY_BODY_BYTES + 1));
      // Refused by API Gateway itself, before the function: its own shape, which the contract allows.
      expect(huge.status).toBe(413);
      expect(() => checkResponse(route.operationId, huge.status, huge.body)).not.toThrow();
      expect(huge.body).toEqual({ message: 'Request Entity Too Large' }); // API Gateway's own answer

      // Random ids in the path, with a valid body: never a 5xx. (Order ids stay under
      // DynamoDB's key size here: see the test on long order ids below.)
      const params = Object.keys(target.params);
      if (params.length > 0) {
        const orderRoute = route.path.startsWith('/v1/orders/');
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...params),
            fc
              .string({
                minLength: 1,
                maxLength: orderRoute ? 300 : 3000,
                unit: orderRoute ? 'grapheme-ascii' : 'grapheme',
              })
              .filter((s) => s !== '.' && s !== '..'),
            async (name, value) => {
              const r = await send(route, JSON.stringify(target.valid), {
                params: { ...target.params, [name]: value },
              });
              expectRefusal(route, r, `${name} = ${short(JSON.stringify(value))}`);
            },
          ),
          { ...FC_OPTIONS, numRuns: PATH_RUNS },
        );
      }

      expect(await snapshot()).toEqual(before);
    });
  }
});

describe('coverage of the generators', () => {
  it('sent every kind of malformed body to every write route', () => {
    const kinds = ['json', 'wrongType', 'unknownField', 'deep', 'hugeString', 'notJson', 'contentType'];
    for (const route of WRITE_ROUTES) {
      expect([...(sent.get(route.operationId) ?? [])].sort(), route.operationId).toEqual(kinds.sort());
    }
  });
});

describe('unknown fields name the field', () => {
  it('status, score and order numbers cannot be set by a client', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['createItem', { status: 'completed' }],
      ['createItem', { percentComplete: 100 }],
      ['reportProgress', { status: 'completed' }],
      ['reportProgress', { score: 100 }],
      ['verifyCompletion', { number: 1 }],
      ['verifyCompletion', { displayNumber: '福田嘉〔2022〕1号' }],
      ['awardClaim', { orderId: '2022-RES-9999' }],
      ['acknowledgeOrder', { status: 'fulfilled' }],
      ['decideProposal', { itemId: 'chosen-by-client' }],
    ];
    const before = await snapshot();
    for (const [op, extra] of cases) {
      const route = routes.find((r) => r.operationId === op)!;
      const [key] = Object.keys(extra);
      const r = await send(route, JSON.stringify({ ...targets[op]!.valid, ...extra }));
      expectRefusal(route, r, `field ${key}`);
      expect(r.status).toBe(400);
      expect(details(r).map((d) => d.path)).toContain(key);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('fixed defects (2026-11-25), kept as regression tests', () => {
  // Bug: the Idempotency-Key fingerprint is computed by a recursive canonicalJson
  // (functions/domain/audit.ts:12) over the raw body before the body is validated
  // (functions/api/idempotency.ts, `fingerprint: canonicalJson(scope.body)`), so a body
  // nested a few thousand levels deep (well under 64 KB) overflows the stack: 500.
  it('a deeply nested body with an Idempotency-Key is a 400, not a 500', async () => {
    const route = routes.find((r) => r.operationId === 'reportProgress')!;
    const before = await snapshot();
    const text = JSON.stringify({ ...targets.reportProgress!.valid, evidence: '__X__' }).replace(
      '"__X__"',
      `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
    );
    const r = await send(route, text, { key: 'deep-nesting-0001' });
    expect(await snapshot()).toEqual(before);
    expectRefusal(route, r, 'evidence nested 10000 deep with an Idempotency-Key');
    expect(r.status).toBe(400);
  });

  // Bug: acknowledgeOrder, answerInquiry and decideInquiry hand `req.params.id` to getOrder
  // unchecked (functions/api/operations.ts, the last three operations), unlike getOrder
  // which parses it with /^\d{4}-(RES|COM|INQ)-\d{4,}$/ as the contract declares. An id over
  // DynamoDB's 2048-byte key limit makes DynamoDB throw a ValidationException: 500.
  it('an order id over 2 KB on the order routes is refused, not a 500', async () => {
    const before = await snapshot();
    for (const op of ['acknowledgeOrder', 'answerInquiry', 'decideInquiry']) {
      const route = routes.find((r) => r.operationId === op)!;
      const r = await send(route, JSON.stringify(targets[op]!.valid), { params: { id: 'x'.repeat(3000) } });
      expectRefusal(route, r, 'a 3000-character order id');
    }
    expect(await snapshot()).toEqual(before);
  });
});
