/**
 * Shared helpers for the tests that talk to the system over real HTTP: one local runtime
 * (DynamoDB Local tables under a fresh prefix, the local Step Functions engine, a frozen
 * clock) and the local gateway in front of it, a small fetch client, tokens for every role
 * (valid, forged, expired), and polling for the workflows.
 *
 *   const stack = await startHttpStack({ origin: new Date('2022-07-01T01:00:00Z') });
 *   const r = await stack.call('GET', '/v1/items/x', { token: await tokenFor('office') });
 */
import { generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import {
  type CurrentState,
  type Gateway,
  type LocalRuntime,
  localStateMachineArn,
} from '@one-list/local-aws';
import { SignJWT } from 'jose';
import type { Role } from '../../functions/domain/model.ts';
import {
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  localKeys,
  localVerifier,
  mintToken,
} from '../../infra/local/identity.ts';
import { startGateway, startLocalRuntime } from '../../infra/local/platform.ts';
import { routes } from '../../infra/resources/routes.ts';

/** 2022-07-01 09:00 Beijing: the demo calendar's mid-2022. */
export const MID_2022 = new Date('2022-07-01T09:00:00+08:00');

export interface ErrorShape {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details: readonly { path: string; message: string }[];
  };
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body (`undefined` if the body was empty or not JSON). */
  readonly body: unknown;
  readonly text: string;
}

export interface CallOptions {
  readonly token?: string;
  /** A value is sent as JSON; a string is sent as is. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string | number>;
  /** Aborts the request (a caller whose connection drops). */
  readonly signal?: AbortSignal;
}

export type Call = (method: string, path: string, opts?: CallOptions) => Promise<Reply>;

export interface HttpStack {
  readonly rt: LocalRuntime;
  readonly gw: Gateway;
  readonly url: string;
  readonly call: Call;
  stop(): Promise<void>;
}

export async function startHttpStack(
  options: {
    origin?: Date;
    prefix?: string;
    timeScale?: number;
    /** Extra emulators (the notification delivery's bus and SES: `notificationServices()`). */
    services?: Parameters<typeof startLocalRuntime>[0] extends infer O
      ? O extends { services?: infer S }
        ? S
        : never
      : never;
  } = {},
): Promise<HttpStack> {
  const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  if (!endpoint) throw new Error('AWS_ENDPOINT_URL_DYNAMODB is not set: run under the integration project');
  const rt = await startLocalRuntime({
    dynamoDbEndpoint: endpoint,
    tablePrefix: `${options.prefix ?? 'http'}${randomUUID().slice(0, 8)}-`,
    timeScale: options.timeScale ?? 0,
    origin: options.origin ?? MID_2022,
    ...(options.services ? { services: options.services } : {}),
  });
  const gw = await startGateway({ corsOrigins: [], verifier: localVerifier() });
  const call = client(gw.url);
  return {
    rt,
    gw,
    url: gw.url,
    call,
    async stop() {
      await gw.close();
      await rt.stop();
    },
  };
}

export function client(baseUrl: string): Call {
  return async (method, path, opts = {}) => {
    const qs = opts.query
      ? `?${new URLSearchParams(Object.entries(opts.query).map(([k, v]): [string, string] => [k, String(v)])).toString()}`
      : '';
    const hasBody = opts.body !== undefined;
    const res = await fetch(baseUrl + path + qs, {
      method,
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      ...(hasBody ? { body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: res.status, headers: res.headers, body, text };
  };
}

// ---------------------------------------------------------------------------------------------
// Tokens

export interface Who {
  readonly unitId?: string;
  readonly personId?: string;
  readonly sub?: string;
}

const tokenCache = new Map<string, Promise<string>>();

/** A valid token (cached per role, unit, person and subject). */
export function tokenFor(role: Role, who: Who = {}): Promise<string> {
  const key = JSON.stringify([role, who.unitId, who.personId, who.sub]);
  let t = tokenCache.get(key);
  if (!t) {
    t = mintToken({
      role,
      ...(who.unitId ? { unitId: who.unitId } : {}),
      ...(who.personId ? { personId: who.personId } : {}),
      ...(who.sub ? { sub: who.sub } : {}),
    });
    tokenCache.set(key, t);
  }
  return t;
}

/** The right claims, the right key id, the right issuer and audience, signed with another key. */
let otherKey: KeyObject | undefined;
export async function forgedToken(role: Role = 'office', who: Who = {}): Promise<string> {
  otherKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const privateKey = otherKey;
  return new SignJWT({
    'cognito:groups': [role],
    token_use: 'id',
    ...(who.unitId ? { 'custom:unitId': who.unitId } : {}),
    ...(who.personId ? { 'custom:personId': who.personId } : {}),
  })
    .setProtectedHeader({ alg: 'RS256', kid: localKeys().kid, typ: 'JWT' })
    .setSubject(who.sub ?? 'mallory')
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
}

/** Signed with the trusted key, expired a minute ago. */
export const expiredToken = (role: Role = 'office', who: Who = {}) =>
  mintToken({
    role,
    expiresIn: -60,
    ...(who.unitId ? { unitId: who.unitId } : {}),
    ...(who.personId ? { personId: who.personId } : {}),
  });

// ---------------------------------------------------------------------------------------------
// Routes and answers

/** `/v1/items/{id}` with `{ id: 'x' }` → `/v1/items/x` (each value URL-encoded). */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(v);
  });
}

export const routeOf = (operationId: string) => {
  const r = routes.find((x) => x.operationId === operationId);
  if (!r) throw new Error(`no route ${operationId}`);
  return r;
};

export function isErrorShape(body: unknown): body is ErrorShape {
  if (!body || typeof body !== 'object' || !('error' in body)) return false;
  const e = (body as { error: unknown }).error;
  return (
    !!e &&
    typeof e === 'object' &&
    typeof (e as { code?: unknown }).code === 'string' &&
    typeof (e as { message?: unknown }).message === 'string' &&
    Array.isArray((e as { details?: unknown }).details)
  );
}

/** The error code of an answer, or undefined when it is not the error shape. */
export const codeOf = (r: Reply): string | undefined =>
  isErrorShape(r.body) ? r.body.error.code : undefined;

/** A short description of an answer for failure messages. */
export const showReply = (r: Reply) =>
  `${r.status} ${r.text.length > 400 ? `${r.text.slice(0, 400)}…` : r.text}`;

/** The body of a 2xx answer as a record; throws with the answer otherwise. */
export function ok<T = Record<string, unknown>>(r: Reply, status?: number): T {
  if (r.status < 200 || r.status > 299 || (status !== undefined && r.status !== status)) {
    throw new Error(`expected ${status ?? '2xx'}, got ${showReply(r)}`);
  }
  return r.body as T;
}

// ---------------------------------------------------------------------------------------------
// Workflows and polling

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const itemExecutionArn = (itemId: string, generation = 1) =>
  `${localStateMachineArn('ItemLifecycle').replace(':stateMachine:', ':execution:')}:${itemId}--g${generation}`;

/** Polls `probe` until it returns a value (not undefined) or the time is up. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      lastError = err;
    }
    await sleep(15);
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
}

/** Waits until the item's workflow rests in `stateName`, waiting for a callback. */
export function settleItem(
  rt: LocalRuntime,
  itemId: string,
  stateName: string,
  generation = 1,
): Promise<CurrentState> {
  const arn = itemExecutionArn(itemId, generation);
  return eventually(`${itemId} in ${stateName}`, () => {
    let cur: CurrentState | undefined;
    try {
      cur = rt.engine.currentState(arn);
    } catch {
      return undefined; // not started yet
    }
    return cur?.stateName === stateName && cur.waitingFor === 'callback' && cur.taskToken ? cur : undefined;
  });
}

// ---------------------------------------------------------------------------------------------
// Building data through the API

export interface ItemRef {
  readonly itemId: string;
}

let seq = 0;
/** A unique suffix for ids made by the tests. */
export const uniq = () => `${Date.now().toString(36)}${(++seq).toString(36)}${randomUUID().slice(0, 4)}`;

/** The steps of the lifecycle, each one call with the role that may make it. */
export class Api {
  constructor(
    readonly call: Call,
    readonly year = 2022,
  ) {}

  async unit(unitId: string, unitType: 'subdistrict' | 'department' | 'enterprise' = 'subdistrict') {
    const r = await this.call('POST', '/v1/units', {
      token: await tokenFor('office'),
      body: { unitId, name: `${unitId} (test unit)`, unitType },
    });
    return ok(r, 201);
  }

  async person(unitId: string, personId: string) {
    const r = await this.call('POST', `/v1/units/${unitId}/people`, {
      token: await tokenFor('office'),
      body: { personId, name: `${personId} (test person)` },
    });
    return ok(r, 201);
  }

  /** A class A task (draft) with two milestones and a target. */
  async item(overrides: Record<string, unknown> = {}): Promise<Record<string, unknown> & ItemRef> {
    const r = await this.call('POST', '/v1/items', {
      token: await tokenFor('office'),
      body: {
        year: this.year,
        kind: 'task',
        itemClass: 'A',
        category: 'siege',
        title: `Test task ${uniq()}`,
        deadline: `${this.year}-12-31`,
        milestones: [
          { id: 'm1', title: 'Plan approved', dueDate: `${this.year}-09-30`, weight: 40 },
          { id: 'm2', title: 'Works finished', dueDate: `${this.year}-12-15`, weight: 60 },
        ],
        targets: [{ indicator: 'Households served', targetValue: 1000, unit: 'households' }],
        ...overrides,
      },
    });
    return ok(r, 201);
  }

  async publish(itemIds: readonly string[], closesAt = `${this.year}-12-01T18:00:00+08:00`) {
    const r = await this.call('POST', `/v1/lists/${this.year}/batches`, {
      token: await tokenFor('office'),
      body: { itemIds, claimWindow: { closesAt } },
    });
    return ok(r, 201);
  }

  async claim(itemId: string, unitId: string, managerId: string): Promise<{ claimId: string }> {
    const r = await this.call('POST', `/v1/items/${itemId}/claims`, {
      token: await tokenFor('unit', { unitId }),
      body: { plan: `${unitId} leads it.`, managerId },
    });
    return ok(r, 201);
  }

  async award(itemId: string, claimId: string): Promise<{ orderId: string }> {
    const r = await this.call('POST', `/v1/items/${itemId}/claims/${claimId}/award`, {
      token: await tokenFor('commander'),
      body: {},
    });
    return ok(r, 201);
  }

  async assign(itemId: string, unitId: string, managerId: string): Promise<{ orderId: string }> {
    const r = await this.call('POST', `/v1/items/${itemId}/assignment`, {
      token: await tokenFor('office'),
      body: { unitId, managerId },
    });
    return ok(r, 201);
  }

  async acknowledge(orderId: string, unitId: string) {
    const r = await this.call('POST', `/v1/orders/${orderId}/acknowledgement`, {
      token: await tokenFor('unit', { unitId }),
      body: {},
    });
    return ok(r, 200);
  }

  /** A new item, assigned to `unitId` and acknowledged: in progress. */
  async inProgress(unitId: string, managerId: string, overrides: Record<string, unknown> = {}) {
    const item = await this.item(overrides);
    const order = await this.assign(item.itemId, unitId, managerId);
    await this.acknowledge(order.orderId, unitId);
    return { itemId: item.itemId, orderId: order.orderId };
  }

  async progress(itemId: string, unitId: string, percentComplete = 10) {
    const r = await this.call('POST', `/v1/items/${itemId}/progress`, {
      token: await tokenFor('unit', { unitId }),
      body: { percentComplete, narrative: 'On schedule.' },
    });
    return ok(r, 201);
  }

  async completion(itemId: string, unitId: string) {
    const r = await this.call('POST', `/v1/items/${itemId}/completion`, {
      token: await tokenFor('unit', { unitId }),
      body: { summary: 'Done.', results: [{ indicator: 'Households served', actualValue: 1000 }] },
    });
    return ok(r, 200);
  }

  /**
   * An evidence file of an item in progress, uploaded through its form to the local S3 (a
   * small PNG's bytes) and, unless `confirm: false`, confirmed: its file id.
   */
  async evidence(itemId: string, unitId: string, options: { confirm?: boolean } = {}): Promise<string> {
    const token = await tokenFor('unit', { unitId });
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
    const form = ok(
      await this.call('POST', `/v1/items/${itemId}/evidence`, {
        token,
        body: { name: 'evidence.png', contentType: 'image/png', size: bytes.length },
      }),
      201,
    ) as { fileId: string; url: string; fields: Record<string, string> };
    const data = new FormData();
    for (const [k, v] of Object.entries(form.fields)) data.append(k, v);
    data.append('file', new Blob([bytes]), 'evidence.png');
    const posted = await fetch(form.url, { method: 'POST', body: data });
    if (posted.status >= 300) throw new Error(`evidence upload: ${posted.status} ${await posted.text()}`);
    if (options.confirm !== false) {
      ok(await this.call('POST', `/v1/items/${itemId}/evidence/${form.fileId}/confirmation`, { token }), 200);
    }
    return form.fileId;
  }

  async violation(itemId: string): Promise<{ orderId: string }> {
    const r = await this.call('POST', `/v1/items/${itemId}/violations`, {
      token: await tokenFor('inspector'),
      body: { description: 'Suspected splitting of a works contract.' },
    });
    return ok(r, 201);
  }

  async answer(orderId: string, unitId: string) {
    const r = await this.call('POST', `/v1/orders/${orderId}/responses`, {
      token: await tokenFor('unit', { unitId }),
      body: { text: 'We explain.', rectificationPlan: 'We fix it.' },
    });
    return ok(r, 200);
  }

  async proposal(unitId: string): Promise<{ proposalId: string }> {
    const r = await this.call('POST', '/v1/proposals', {
      token: await tokenFor('unit', { unitId }),
      body: {
        year: this.year,
        kind: 'task',
        category: 'bottom-line',
        title: `Proposal ${uniq()}`,
        deadline: `${this.year}-12-31`,
      },
    });
    return ok(r, 201);
  }

  async get<T = Record<string, unknown>>(path: string, role: Role = 'office', who: Who = {}): Promise<T> {
    return ok<T>(await this.call('GET', path, { token: await tokenFor(role, who) }), 200);
  }

  /**
   * Waits until the workflows have caught up with these items: every inquiry issued on them
   * has had its workflow started (which the item workflow records on the item, a write of
   * its own that would otherwise land in the middle of a test's before/after comparison).
   */
  async quiesce(itemIds: readonly string[]): Promise<void> {
    await eventually(
      `the workflows of ${itemIds.join(', ')} to catch up`,
      async () => {
        for (const id of itemIds) {
          const item = await this.get<{ inquiriesToStart?: string[] }>(`/v1/items/${id}`);
          if ((item.inquiriesToStart ?? []).length > 0) return undefined;
        }
        return true;
      },
      20_000,
    );
  }

  /** Every page of a cursor-paginated listing. */
  async all<T = Record<string, unknown>>(path: string, query: Record<string, string | number> = {}) {
    const out: T[] = [];
    let cursor: string | undefined;
    do {
      const r = await this.call('GET', path, {
        token: await tokenFor('office'),
        query: { ...query, limit: 100, ...(cursor ? { cursor } : {}) },
      });
      const page = ok<{ items: T[]; nextCursor?: string }>(r, 200);
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }
}
