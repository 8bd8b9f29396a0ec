/**
 * Every operation, called through the real handlers (functions/handlers/api-*.ts)
 * with payload-2.0 events against DynamoDB Local, answers what the contract
 * (functions/api/contract.ts) says — success bodies and the errors on the way. Each answer
 * goes through test/support/contract.ts; the workflows are a recording stand-in (the
 * lifecycle machines have their own tests).
 */
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpEvent, HttpResult } from '../../../functions/api/http.ts';
import { closeClaims } from '../../../functions/app/commands/items.ts';
import { limits } from '../../../functions/app/config.ts';
import { runEvaluation } from '../../../functions/app/evaluation.ts';
import { setExecutionReader } from '../../../functions/app/executions.ts';
import { setWorkflowPort } from '../../../functions/app/ports.ts';
import { resetClient } from '../../../functions/data/db.ts';
import { beijingDate } from '../../../functions/domain/calendar.ts';
import {
  DEFAULT_THRESHOLDS,
  DUE_SOON_WORKING_DAYS,
  previousPeriod,
} from '../../../functions/domain/evaluation.ts';
import { DEFAULT_RULES } from '../../../functions/domain/grading.ts';
import { SYSTEM } from '../../../functions/domain/model.ts';
import { documentsHandler } from '../../../functions/handlers/api-documents.ts';
import { officeHandler } from '../../../functions/handlers/api-office.ts';
import { publicHandler } from '../../../functions/handlers/api-public.ts';
import { readHandler } from '../../../functions/handlers/api-read.ts';
import { writeHandler } from '../../../functions/handlers/api-write.ts';
import { setClock } from '../../../functions/lib/clock.ts';
import { localS3 } from '../../../infra/local/s3.ts';
import { routes } from '../../../infra/resources/routes.ts';
import { checkResponse } from '../../support/contract.ts';
import { freshTables } from '../../support/tables.ts';

type Claims = Record<string, string>;
/** The claims of Cognito ID tokens, as API Gateway's JWT authorizer hands them on. */
const ID = { token_use: 'id' } as const;
const office: Claims = { ...ID, sub: 'office-1', 'cognito:groups': '[office]' };
const commander: Claims = { ...ID, sub: 'commander-1', 'cognito:groups': '[commander]' };
const inspector: Claims = { ...ID, sub: 'inspector-1', 'cognito:groups': '[inspector]' };
const meilin: Claims = { ...ID, sub: 'meilin-user', 'cognito:groups': '[unit]', 'custom:unitId': 'meilin' };
const huafu: Claims = { ...ID, sub: 'huafu-user', 'cognito:groups': '[unit]', 'custom:unitId': 'huafu' };
const managerLi: Claims = {
  ...ID,
  sub: 'li-user',
  'cognito:groups': '[manager]',
  'custom:unitId': 'meilin',
  'custom:personId': 'p-meilin-1',
};

const HANDLERS = {
  ApiPublic: publicHandler,
  ApiRead: readHandler,
  ApiWrite: writeHandler,
  ApiOffice: officeHandler,
  Documents: documentsHandler,
} as const;
const context = { awsRequestId: 'req-contract', functionName: 'contract-test' } as Context;

/** Fields real answers carry that the entity schemas do not declare: none may. */
const KNOWN_UNDECLARED: string[] = [];

/**
 * The bookkeeping of the stored records (functions/domain/views.ts): no answer carries it, at
 * any depth. `version` and `workflow` are bookkeeping on the records (items, orders, claims,
 * units, proposals), not on a calendar or rule set, which are versioned for their readers.
 */
const BOOKKEEPING = ['auditSeq', 'auditHead', 'lapsesActedOn', 'inquiriesToStart', 'pendingWait', 'entity'];
const KEY_ATTRIBUTE = /^(PK|SK|GSI\dPK|GSI\dSK)$/;
const RECORD_IDS = ['itemId', 'orderId', 'claimId', 'proposalId', 'personId', 'unitId'];
function bookkeepingIn(value: unknown, path = '(body)'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => bookkeepingIn(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  const isRecord = RECORD_IDS.some((k) => typeof o[k] === 'string') && !('holidays' in o);
  return Object.entries(o).flatMap(([k, v]) => [
    ...(BOOKKEEPING.includes(k) ||
    KEY_ATTRIBUTE.test(k) ||
    (isRecord && (k === 'version' || k === 'workflow'))
      ? [`${path}.${k}`]
      : []),
    ...bookkeepingIn(v, `${path}.${k}`),
  ]);
}

/** Keys of the POSTs that name none: every successful write is replayed with its key. */
let autoKeys = 0;

/** Operations answered at least once, by status: the last test checks the coverage. */
const seen = new Map<string, Set<number>>();

/** The clock the commands read, moved by the tests. */
/**
 * A fixed instant, not the real clock: the limits the commands count in working days must stay in
 * a year the calendar covers (a real clock in late December 2026 or later reaches 2027, which has
 * no holiday table here, and the commands rightly answer 422 calendar.not_covered).
 */
let clockAt = Date.parse('2026-06-01T02:00:00Z');
const DAY = 24 * 3600_000;

interface Call {
  as?: Claims;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  key?: string;
}

/**
 * Calls the route `routeKey` (`'POST /v1/units'`) through its declared handler and checks
 * the answer against the contract. Returns the status and the parsed body.
 */
async function api(
  routeKey: string,
  call: Call = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const route = routes.find((r) => `${r.method} ${r.path}` === routeKey);
  if (!route) throw new Error(`no route ${routeKey}`);
  const rawPath = route.path.replace(/\{(\w+)\}/g, (_, n: string) =>
    encodeURIComponent(call.params?.[n] ?? ''),
  );
  const query = new URLSearchParams(call.query ?? {}).toString();
  // A POST without a key of its own gets one, and its success is replayed below.
  const replay = route.method === 'POST' && call.key === undefined && call.as !== undefined;
  const key = replay ? `contract-${++autoKeys}-${Date.now()}` : call.key;
  const event: HttpEvent = {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: query,
    headers: {
      'content-type': 'application/json',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    ...(call.params ? { pathParameters: call.params } : {}),
    ...(call.query ? { queryStringParameters: call.query } : {}),
    ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: route.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'vitest',
      },
      requestId: 'req-contract',
      routeKey,
      stage: '$default',
      time: '25/Nov/2026:00:00:00 +0000',
      timeEpoch: 0,
      ...(call.as ? { authorizer: { jwt: { claims: call.as } } } : {}),
    },
  };
  const res = (await HANDLERS[route.function](event, context)) as HttpResult;
  const body = checkResponse(route.operationId, res.statusCode, res.body, {
    exact: true,
    allowUndeclared: KNOWN_UNDECLARED,
  }) as Record<string, unknown>;
  expect(bookkeepingIn(body), `${routeKey}: bookkeeping of the stored record in the answer`).toEqual([]);
  if (replay && res.statusCode < 300) {
    // The same key and body: the first answer again, as recorded in the command's transaction.
    const again = (await HANDLERS[route.function](event, context)) as HttpResult;
    expect(again.statusCode, `${routeKey} replayed`).toBe(res.statusCode);
    expect(JSON.parse(again.body), `${routeKey} replayed`).toEqual(JSON.parse(res.body));
  }
  const statuses = seen.get(route.operationId) ?? new Set<number>();
  statuses.add(res.statusCode);
  seen.set(route.operationId, statuses);
  return { status: res.statusCode, body };
}

const errorCode = (r: { body: Record<string, unknown> }) =>
  (r.body.error as { code?: string } | undefined)?.code;

const str = (v: unknown): string => {
  if (typeof v !== 'string') throw new Error(`expected a string, got ${JSON.stringify(v)}`);
  return v;
};

let year = 0;

/** A class A task of the year created by the office and assigned to `unitId` directly: its id and order. */
async function assignedTask(
  title: string,
  unitId: string,
  managerId: string,
  extra: Record<string, unknown>,
) {
  const created = await api('POST /v1/items', {
    as: office,
    body: {
      year,
      kind: 'task',
      itemClass: 'A',
      category: 'siege',
      title,
      deadline: `${year}-12-31`,
      ...extra,
    },
  });
  const itemId = str(created.body.itemId);
  const assigned = await api('POST /v1/items/{id}/assignment', {
    as: office,
    params: { id: itemId },
    body: { unitId, managerId },
  });
  return { itemId, orderId: str(assigned.body.orderId) };
}
const state = {
  item: '',
  other: '',
  unclaimed: '',
  responsibility: '',
};

/** The evidence bucket on s3rver (as the local runtime gives it), for the evidence routes. */
let s3: { env?: Readonly<Record<string, string>>; stop(): Promise<void> } | undefined;

beforeAll(async () => {
  await freshTables();
  resetClient();
  s3 = await localS3()({ env: { ...process.env } } as never);
  Object.assign(process.env, s3.env);
  // No Step Functions here: an evaluation the API starts runs at once, as its workflow would.
  setWorkflowPort({
    signal: async () => true,
    start: async (machine, _name, input) => {
      if (machine === 'Evaluation') await runEvaluation({ actor: SYSTEM }, String(input.period));
    },
    stop: async () => undefined,
    status: async () => undefined,
  });
  setClock({ now: () => new Date(clockAt) });
  year = new Date(clockAt).getUTCFullYear();
});

afterAll(async () => {
  await s3?.stop();
  setWorkflowPort(undefined);
  setClock(undefined);
});

// One describe per resource, in order: each builds on what the ones before it created.
describe('units and people', () => {
  it('every answer as its contract declares, replays included', async () => {
    expect(
      (
        await api('POST /v1/units', {
          as: office,
          body: { unitId: 'meilin', name: 'Meilin Subdistrict', nameZh: '梅林街道', unitType: 'subdistrict' },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api('POST /v1/units', {
          as: office,
          body: { unitId: 'huafu', name: 'Huafu Subdistrict', unitType: 'subdistrict' },
        })
      ).status,
    ).toBe(201);
    // The same unit again: a rule (422), not a crash.
    expect(
      (
        await api('POST /v1/units', {
          as: office,
          body: { unitId: 'huafu', name: 'Huafu', unitType: 'subdistrict' },
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await api('POST /v1/units/{unitId}/people', {
          as: office,
          params: { unitId: 'meilin' },
          body: { personId: 'p-meilin-1', name: 'Manager Li (invented)' },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api('POST /v1/units/{unitId}/people', {
          as: huafu,
          params: { unitId: 'huafu' },
          body: { personId: 'p-huafu-1', name: 'Manager Wang (invented)', title: 'Section chief' },
        })
      ).status,
    ).toBe(201);
    // A unit adds people to itself only.
    expect(
      (
        await api('POST /v1/units/{unitId}/people', {
          as: huafu,
          params: { unitId: 'meilin' },
          body: { personId: 'p-x', name: 'Intruder' },
        })
      ).status,
    ).toBe(403);
    expect((await api('GET /v1/units', { as: inspector, query: { limit: '1' } })).status).toBe(200);
    const unit = await api('GET /v1/units/{unitId}', { as: meilin, params: { unitId: 'meilin' } });
    expect(unit.body.people).toHaveLength(1);
    expect((await api('GET /v1/units/{unitId}', { as: meilin, params: { unitId: 'nowhere' } })).status).toBe(
      404,
    );
    expect((await api('GET /v1/units', { as: meilin, query: { type: 'planet' } })).status).toBe(400);
  });
});

describe('proposals', () => {
  it('every answer as its contract declares, replays included', async () => {
    const declared = await api('POST /v1/proposals', {
      as: meilin,
      body: {
        year,
        kind: 'task',
        category: 'bottom-line',
        title: 'Renovate the old compounds of Meilin (invented)',
        deadline: `${year}-12-31`,
      },
    });
    expect(declared.status).toBe(201);
    const rejected = await api('POST /v1/proposals', {
      as: huafu,
      body: {
        year,
        kind: 'reform',
        category: 'strategic',
        title: 'A reform (invented)',
        deadline: `${year}-12-31`,
      },
    });
    expect((await api('GET /v1/proposals', { as: meilin })).status).toBe(200);
    expect((await api('GET /v1/proposals', { as: meilin, query: { unit: 'huafu' } })).status).toBe(403);
    expect(
      (await api('GET /v1/proposals', { as: office, query: { status: 'pending', year: String(year) } }))
        .status,
    ).toBe(200);
    const accepted = await api('POST /v1/proposals/{id}/decision', {
      as: office,
      params: { id: str(declared.body.proposalId) },
      body: { decision: 'accept' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.item).toBeDefined();
    const no = await api('POST /v1/proposals/{id}/decision', {
      as: commander,
      params: { id: str(rejected.body.proposalId) },
      body: { decision: 'reject', reason: 'Not a district-level task.' },
    });
    expect(no.status).toBe(200);
    // Decided once: a rule forbids deciding again.
    expect(
      (
        await api('POST /v1/proposals/{id}/decision', {
          as: office,
          params: { id: str(rejected.body.proposalId) },
          body: { decision: 'accept' },
        })
      ).status,
    ).toBe(422);
  });
});

describe('items, the list and its batches', () => {
  it('every answer as its contract declares, replays included', async () => {
    const draft = {
      year,
      kind: 'project',
      itemClass: 'A',
      category: 'siege',
      title: 'Reconstruction and expansion of Futian Middle School',
      deadline: `${year}-12-31`,
      project: { stage: 'construction', totalInvestment: 1_200_000_000, annualInvestmentTarget: 300_000_000 },
      milestones: [
        { id: 'm1', title: 'Foundations', dueDate: `${year}-12-01`, weight: 40 },
        { id: 'm2', title: 'Structure', dueDate: `${year}-12-20`, weight: 60 },
      ],
      targets: [{ indicator: 'Investment completed', targetValue: 300_000_000, unit: 'yuan' }],
    };
    const created = await api('POST /v1/items', { as: office, body: draft, key: 'create-item-0001' });
    expect(created.status).toBe(201);
    state.item = str(created.body.itemId);
    // The same Idempotency-Key and body: the first answer again, no second item.
    const replay = await api('POST /v1/items', { as: office, body: draft, key: 'create-item-0001' });
    expect(replay.body.itemId).toBe(state.item);
    // The same key with another body: 422.
    expect(
      (
        await api('POST /v1/items', {
          as: office,
          body: { ...draft, title: 'Other' },
          key: 'create-item-0001',
        })
      ).status,
    ).toBe(422);
    expect((await api('POST /v1/items', { as: office, body: draft, key: 'short' })).status).toBe(400);

    const other = await api('POST /v1/items', {
      as: office,
      body: {
        year,
        kind: 'task',
        itemClass: 'A',
        category: 'strategic',
        title: 'Hetao S&T zone, East Wing-1',
        deadline: `${year}-12-31`,
      },
    });
    state.other = str(other.body.itemId);
    const third = await api('POST /v1/items', {
      as: office,
      body: {
        year,
        kind: 'reform',
        itemClass: 'A',
        category: 'strategic',
        title: 'A reform nobody claims (invented)',
        deadline: `${year}-12-31`,
      },
    });
    state.unclaimed = str(third.body.itemId);

    expect(
      (
        await api('PATCH /v1/items/{id}', {
          as: office,
          params: { id: state.item },
          body: { leadLeader: 'Deputy district head' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api('PATCH /v1/items/{id}', {
          as: office,
          params: { id: state.item },
          body: { status: 'completed' },
        })
      ).status,
    ).toBe(400);
    // A draft is the office's and commanders': a unit does not learn it exists.
    expect((await api('GET /v1/items/{id}', { as: office, params: { id: state.item } })).status).toBe(200);
    expect((await api('GET /v1/items/{id}', { as: meilin, params: { id: state.item } })).status).toBe(404);
    expect((await api('GET /v1/items/{id}', { as: meilin, params: { id: 'no-such-item' } })).status).toBe(
      404,
    );
    expect(
      (await api('GET /v1/items', { as: inspector, query: { year: String(year), kind: 'project' } })).status,
    ).toBe(200);

    const batch = await api('POST /v1/lists/{year}/batches', {
      as: office,
      params: { year: String(year) },
      body: {
        title: `${year} list, first batch (invented)`,
        itemIds: [state.item, state.unclaimed],
        claimWindow: { closesAt: new Date(clockAt + 7 * DAY).toISOString() },
      },
    });
    expect(batch.status).toBe(201);
    // Published items are no longer drafts: editing is a rule violation.
    expect(
      (
        await api('PATCH /v1/items/{id}', {
          as: office,
          params: { id: state.item },
          body: { title: 'Late edit' },
        })
      ).status,
    ).toBe(422);
    expect((await api('GET /v1/lists/{year}', { as: meilin, params: { year: String(year) } })).status).toBe(
      200,
    );
    const pub = await api('GET /v1/public/lists/{year}', { params: { year: String(year) } });
    expect(pub.body.items).toHaveLength(2);
    const pubItem = await api('GET /v1/public/items/{id}', { params: { id: state.item } });
    expect(pubItem.status).toBe(200);
    expect(pubItem.body.itemId).toBe(state.item);
    // A draft is not public: as if it did not exist.
    expect((await api('GET /v1/public/items/{id}', { params: { id: state.other } })).status).toBe(404);
    const units = await api('GET /v1/public/units', {});
    expect(units.status).toBe(200);
    expect((units.body.items as unknown[]).length).toBeGreaterThan(0);
  });
});

describe('claims, award, assignment, reopening', () => {
  it('every answer as its contract declares, replays included', async () => {
    const claim = await api('POST /v1/items/{id}/claims', {
      as: meilin,
      params: { id: state.item },
      body: { plan: 'Monthly site meetings; structure by December.', managerId: 'p-meilin-1' },
    });
    expect(claim.status).toBe(201);
    const rival = await api('POST /v1/items/{id}/claims', {
      as: office,
      params: { id: state.item },
      body: { plan: 'Huafu leads with the education bureau.', managerId: 'p-huafu-1', unitId: 'huafu' },
    });
    expect(rival.status).toBe(201);
    expect(
      (
        await api('POST /v1/items/{id}/claims', {
          as: meilin,
          params: { id: state.item },
          body: { plan: 'Again', managerId: 'p-meilin-1' },
        })
      ).status,
    ).toBe(422);
    const mine = await api('GET /v1/items/{id}/claims', { as: meilin, params: { id: state.item } });
    expect(mine.body.items).toHaveLength(1);
    const awarded = await api('POST /v1/items/{id}/claims/{claimId}/award', {
      as: commander,
      params: { id: state.item, claimId: str(claim.body.claimId) },
      body: {},
    });
    expect(awarded.status).toBe(201);
    state.responsibility = str(awarded.body.orderId);

    const assigned = await api('POST /v1/items/{id}/assignment', {
      as: office,
      params: { id: state.other },
      body: { unitId: 'huafu', managerId: 'p-huafu-1', note: 'Assigned directly (class A).' },
    });
    expect(assigned.status).toBe(201);
    expect(
      (
        await api('POST /v1/items/{id}/assignment', {
          as: office,
          params: { id: state.other },
          body: { unitId: 'huafu', managerId: 'p-meilin-1' },
        })
      ).status,
    ).toBe(422);

    clockAt += 8 * DAY;
    await closeClaims({ actor: { role: 'system', sub: 'workflow' } }, state.unclaimed);
    const reopened = await api('POST /v1/items/{id}/reopening', {
      as: office,
      params: { id: state.unclaimed },
      body: { closesAt: new Date(clockAt + 7 * DAY).toISOString() },
    });
    expect(reopened.status).toBe(200);
  });
});

describe('the verbs of supervision: extensions, reassignment, withdrawal', () => {
  it('every answer as its contract declares, replays included', async () => {
    const { itemId } = await assignedTask('A task whose dates move (invented)', 'huafu', 'p-huafu-1', {
      milestones: [{ id: 'm1', title: 'Design', dueDate: `${year}-10-31`, weight: 100 }],
    });
    const asked = await api('POST /v1/items/{id}/extensions', {
      as: huafu,
      params: { id: itemId },
      body: { target: 'deadline', to: `${year + 1}-03-31`, reason: 'The site handover slipped.' },
    });
    expect(asked.status).toBe(201);
    const again = await api('POST /v1/items/{id}/extensions', {
      as: huafu,
      params: { id: itemId },
      body: { target: 'deadline', to: `${year + 1}-04-30`, reason: 'Once more.' },
    });
    expect([again.status, errorCode(again)]).toEqual([422, 'extension.already_pending']);
    const earlier = await api('POST /v1/items/{id}/extensions', {
      as: huafu,
      params: { id: itemId },
      body: { target: 'm1', to: `${year}-10-01`, reason: 'Earlier is no extension.' },
    });
    expect([earlier.status, errorCode(earlier)]).toEqual([422, 'extension.not_later']);
    const extensionId = str(asked.body.extensionId);
    const decided = await api('POST /v1/items/{id}/extensions/{extensionId}/decision', {
      as: commander,
      params: { id: itemId, extensionId },
      body: { approved: true, note: 'Agreed.' },
    });
    expect(decided.body).toMatchObject({ status: 'approved', decidedBy: 'commander-1' });
    const twice = await api('POST /v1/items/{id}/extensions/{extensionId}/decision', {
      as: office,
      params: { id: itemId, extensionId },
      body: { approved: false },
    });
    expect([twice.status, errorCode(twice)]).toEqual([422, 'extension.decided_already']);
    const item = await api('GET /v1/items/{id}', { as: office, params: { id: itemId } });
    expect(item.body.deadline).toBe(`${year + 1}-03-31`);
    const listed = await api('GET /v1/items/{id}/extensions', { as: huafu, params: { id: itemId } });
    expect(listed.body.items).toHaveLength(1);
    const pending = await api('GET /v1/lists/{year}/extensions', {
      as: inspector,
      params: { year: String(year) },
      query: { status: 'pending' },
    });
    expect(pending.status).toBe(200);

    const reassigned = await api('POST /v1/items/{id}/reassignment', {
      as: commander,
      params: { id: itemId },
      body: { unitId: 'meilin', managerId: 'p-meilin-1', reason: 'Meilin takes the site over.' },
    });
    expect(reassigned.status).toBe(201);
    expect(reassigned.body).toMatchObject({ unitId: 'meilin', status: 'issued' });
    const same = await api('POST /v1/items/{id}/reassignment', {
      as: commander,
      params: { id: itemId },
      body: { unitId: 'meilin', managerId: 'p-meilin-1', reason: 'Again.' },
    });
    expect([same.status, errorCode(same)]).toEqual([422, 'reassign.same_responsibility']);

    const published = await api('POST /v1/items', {
      as: office,
      body: {
        year,
        kind: 'task',
        itemClass: 'A',
        category: 'siege',
        title: 'A task claimed and withdrawn (invented)',
        deadline: `${year}-12-31`,
      },
    });
    const open = str(published.body.itemId);
    await api('POST /v1/lists/{year}/batches', {
      as: office,
      params: { year: String(year) },
      body: { itemIds: [open], claimWindow: { closesAt: new Date(clockAt + 7 * DAY).toISOString() } },
    });
    const claim = await api('POST /v1/items/{id}/claims', {
      as: meilin,
      params: { id: open },
      body: { plan: 'We lead it.', managerId: 'p-meilin-1' },
    });
    const claimId = str(claim.body.claimId);
    const withdrawn = await api('POST /v1/items/{id}/claims/{claimId}/withdrawal', {
      as: meilin,
      params: { id: open, claimId },
      body: { reason: 'Committed elsewhere.' },
    });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });
    const award = await api('POST /v1/items/{id}/claims/{claimId}/award', {
      as: commander,
      params: { id: open, claimId },
      body: {},
    });
    expect([award.status, errorCode(award)]).toEqual([422, 'claim.award.not_pending']);
  });
});

describe('orders, progress, inquiries, completion', () => {
  it('every answer as its contract declares, replays included', async () => {
    expect(
      (
        await api('POST /v1/orders/{id}/acknowledgement', {
          as: huafu,
          params: { id: state.responsibility },
          body: {},
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api('POST /v1/orders/{id}/acknowledgement', {
          as: meilin,
          params: { id: state.responsibility },
        })
      ).status,
    ).toBe(200);
    expect(
      (await api('GET /v1/orders/{id}', { as: inspector, params: { id: state.responsibility } })).status,
    ).toBe(200);
    expect((await api('GET /v1/orders/{id}', { as: inspector, params: { id: 'not-an-order' } })).status).toBe(
      400,
    );
    expect(
      (await api('GET /v1/orders/{id}', { as: inspector, params: { id: '2001-RES-9999' } })).status,
    ).toBe(404);

    // Evidence: the upload form, the browser's POST to the bucket, the confirmation.
    const form = await api('POST /v1/items/{id}/evidence', {
      as: managerLi,
      params: { id: state.item },
      body: { name: 'site.png', contentType: 'image/png', size: 4 },
    });
    expect(form.status).toBe(201);
    const fileId = str(form.body.fileId);
    const early = await api('POST /v1/items/{id}/evidence/{fileId}/confirmation', {
      as: managerLi,
      params: { id: state.item, fileId },
    });
    expect(early.status).toBe(422);
    const data = new FormData();
    for (const [k, v] of Object.entries(form.body.fields as Record<string, string>)) data.append(k, v);
    data.append('file', new Blob([new Uint8Array([1, 2, 3, 4])]), 'site.png');
    expect((await fetch(str(form.body.url), { method: 'POST', body: data })).status).toBeLessThan(300);
    expect(
      (
        await api('POST /v1/items/{id}/evidence/{fileId}/confirmation', {
          as: managerLi,
          params: { id: state.item, fileId },
        })
      ).status,
    ).toBe(200);
    expect(
      (await api('GET /v1/items/{id}/evidence/{fileId}', { as: office, params: { id: state.item, fileId } }))
        .status,
    ).toBe(200);
    expect(
      (await api('GET /v1/items/{id}/evidence/{fileId}', { as: huafu, params: { id: state.item, fileId } }))
        .status,
    ).toBe(404);
    const files = await api('GET /v1/items/{id}/files', { as: office, params: { id: state.item } });
    expect(files.status).toBe(200);
    expect((files.body as { items: { fileId: string }[] }).items.map((f) => f.fileId)).toContain(fileId);
    expect((await api('GET /v1/items/{id}/files', { as: huafu, params: { id: state.item } })).status).toBe(
      404,
    );

    const progress = await api('POST /v1/items/{id}/progress', {
      as: managerLi,
      params: { id: state.item },
      body: {
        files: [fileId],
        percentComplete: 40,
        investmentCompleted: 120_000_000,
        milestones: [{ milestoneId: 'm1', done: true }],
        narrative: 'Foundations complete.',
        evidence: ['https://example.org/evidence/1.jpg'],
      },
    });
    expect(progress.status).toBe(201);
    expect(
      (
        await api('POST /v1/items/{id}/progress', {
          as: managerLi,
          params: { id: state.item },
          body: {
            percentComplete: 50,
            milestones: [{ milestoneId: 'm9', done: true }],
            narrative: 'Unknown milestone',
          },
        })
      ).status,
    ).toBe(422);
    expect(
      (await api('GET /v1/items/{id}/progress', { as: office, params: { id: state.item } })).status,
    ).toBe(200);

    const inquiry = await api('POST /v1/items/{id}/violations', {
      as: inspector,
      params: { id: state.item },
      body: { description: 'Suspected split contract (invented).', reference: 'AUD-0001' },
    });
    expect(inquiry.status).toBe(201);
    const inquiryId = str(inquiry.body.orderId);
    expect(
      (
        await api('POST /v1/orders/{id}/responses', {
          as: meilin,
          params: { id: inquiryId },
          body: {
            text: 'The contract was tendered as one lot.',
            rectificationPlan: 'Publish the tender file.',
          },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api('POST /v1/orders/{id}/decision', {
          as: office,
          params: { id: inquiryId },
          body: { outcome: 'rectified', note: 'Tender file published.' },
        })
      ).status,
    ).toBe(200);

    const completion = await api('POST /v1/items/{id}/completion', {
      as: meilin,
      params: { id: state.item },
      body: {
        summary: 'Delivered.',
        results: [{ indicator: 'Investment completed', actualValue: 310_000_000 }],
      },
    });
    expect(completion.status).toBe(200);
    const commended = await api('POST /v1/items/{id}/completion/verification', {
      as: office,
      params: { id: state.item },
      body: { achieved: true, grade: 'first' },
    });
    expect(commended.status).toBe(201);
    expect(commended.body.orderType).toBe('commendation');

    const orders = await api('GET /v1/orders', {
      as: office,
      query: { year: String(year), item: state.item },
    });
    expect((orders.body.items as unknown[]).length).toBeGreaterThanOrEqual(3);
    const history = await api('GET /v1/items/{id}/history', { as: inspector, params: { id: state.item } });
    expect(history.body.verification).toMatchObject({ valid: true });
    expect((await api('GET /v1/items/{id}/history', { as: huafu, params: { id: state.item } })).status).toBe(
      403,
    );
  });
});

describe('results', () => {
  it('ledgers, notices, statistics, evaluations and rankings', async () => {
    const ledger = await api('GET /v1/units/{unitId}/ledger', { as: meilin, params: { unitId: 'meilin' } });
    expect(ledger.status).toBe(200);
    expect((ledger.body.entries as unknown[]).length).toBeGreaterThan(0);
    // Its people come as scores only; a person's entries and notes have their own route.
    const people = ledger.body.people as { personId: string; totals: Record<string, unknown> }[];
    expect(people.map((p) => p.personId)).toEqual(['p-meilin-1']);
    expect(Object.keys(people[0]!)).toEqual(['personId', 'name', 'totals']);
    expect(people[0]!.totals).not.toHaveProperty('cadreNotes');
    const person = await api('GET /v1/units/{unitId}/people/{personId}/ledger', {
      as: meilin,
      params: { unitId: 'meilin', personId: 'p-meilin-1' },
    });
    expect(person.status).toBe(200);
    expect(person.body).toMatchObject({
      unitId: 'meilin',
      personId: 'p-meilin-1',
      name: 'Manager Li (invented)',
    });
    expect((person.body.entries as unknown[]).length).toBe(people[0]!.totals.entries);
    expect(person.body.totals).toMatchObject({ ...people[0]!.totals, cadreNotes: expect.any(Array) });
    // Another unit's person under this unit is no one: 404, whoever asks.
    const stranger = await api('GET /v1/units/{unitId}/people/{personId}/ledger', {
      as: office,
      params: { unitId: 'meilin', personId: 'p-huafu-1' },
    });
    expect(stranger.status).toBe(404);
    expect(
      (
        await api('GET /v1/units/{unitId}/people/{personId}/ledger', {
          as: meilin,
          params: { unitId: 'huafu', personId: 'p-huafu-1' },
        })
      ).status,
    ).toBe(403);
    expect(
      (await api('GET /v1/units/{unitId}/ledger', { as: meilin, params: { unitId: 'huafu' } })).status,
    ).toBe(403);
    expect(
      (
        await api('GET /v1/units/{unitId}/ledger', {
          as: office,
          params: { unitId: 'meilin' },
          query: { year: String(year) },
        })
      ).status,
    ).toBe(200);
    const notices = await api('GET /v1/public/notices', { query: { year: String(year) } });
    expect((notices.body.items as unknown[]).length).toBeGreaterThan(0);
    expect((await api('GET /v1/public/stats/{year}', { params: { year: String(year) } })).status).toBe(200);

    // Only an ended period is evaluated: the current month is refused, the previous one runs.
    const current = beijingDate(new Date(clockAt)).slice(0, 7);
    const early = await api('POST /v1/evaluations', { as: office, body: { period: current } });
    expect(early.status).toBe(422);
    expect((early.body.error as { code: string }).code).toBe('evaluation.period_not_ended');
    const period = previousPeriod(current);
    const run = await api('POST /v1/evaluations', { as: office, body: { period } });
    expect(run.status).toBe(202);
    expect(run.body.period).toBe(period);
    expect(run.body.status).toBe('started');
    const confirmed = await api('POST /v1/evaluations', {
      as: commander,
      body: { period, confirm: [state.other] },
    });
    expect(confirmed.body).toEqual({ issued: 0 });
    expect((await api('GET /v1/evaluations/{period}', { as: inspector, params: { period } })).status).toBe(
      200,
    );
    expect(
      (await api('GET /v1/evaluations/{period}', { as: inspector, params: { period: '2001-01' } })).status,
    ).toBe(404);
    expect((await api('GET /v1/public/rankings/{period}', { params: { period } })).status).toBe(200);
    expect((await api('GET /v1/public/rankings/{period}', { params: { period: '2001-01' } })).status).toBe(
      404,
    );
  });
});

describe('inbox', () => {
  it('every role gets its own, due soonest first', async () => {
    for (const who of [office, commander, inspector, meilin, huafu, managerLi]) {
      const r = await api('GET /v1/me/inbox', { as: who, query: { year: String(year) } });
      expect(r.status).toBe(200);
      const due = (r.body.entries as { dueDate: string | null }[]).map((e) => e.dueDate ?? '9999');
      expect(due).toEqual([...due].sort());
      expect(r.body.cap).toEqual({ perSource: 100, total: 200 });
    }
    expect((await api('GET /v1/me/inbox', { as: meilin, query: { year: '1999' } })).status).toBe(400);
  });
});

describe('domain events', () => {
  it("the outbox (office), the caller's notifications, a unit's reminders", async () => {
    const pending = await api('GET /v1/ops/outbox', { as: office, query: { status: 'pending', limit: '5' } });
    expect(pending.status).toBe(200);
    // The awards and orders of the scenarios so far wait for the relay.
    expect((pending.body.items as { status: string }[]).length).toBeGreaterThan(0);
    for (const e of pending.body.items as { status: string }[]) expect(e.status).toBe('pending');
    expect((await api('GET /v1/ops/outbox', { as: office, query: { status: 'published' } })).status).toBe(
      200,
    );
    expect((await api('GET /v1/ops/outbox', { as: office, query: { status: 'sent' } })).status).toBe(400);
    for (const who of [office, commander, inspector, meilin])
      expect((await api('GET /v1/me/notifications', { as: who })).status).toBe(200);
    const reminders = await api('GET /v1/units/{unitId}/reminders', {
      as: meilin,
      params: { unitId: 'meilin' },
    });
    expect(reminders.status).toBe(200);
    expect(
      (await api('GET /v1/units/{unitId}/reminders', { as: meilin, params: { unitId: 'huafu' } })).status,
    ).toBe(403);
    expect(
      (await api('GET /v1/units/{unitId}/reminders', { as: office, params: { unitId: 'nowhere' } })).status,
    ).toBe(404);
  });
});

describe('operations', () => {
  it('a workflow, its history, a restart (the office only)', async () => {
    const at = new Date(clockAt);
    setExecutionReader({
      describe: async () => ({ status: 'RUNNING', startDate: at }),
      history: async (_m, _n, limit) =>
        limit === 0
          ? undefined
          : {
              events: [
                {
                  id: 2,
                  type: 'TaskStateEntered',
                  timestamp: at,
                  stateEnteredEventDetails: { name: 'AwaitReport' },
                },
                { id: 1, type: 'ExecutionStarted', timestamp: at },
              ],
              nextToken: 'next-page',
            },
    });
    try {
      const w = await api('GET /v1/ops/workflows/{subjectId}', {
        as: office,
        params: { subjectId: state.item },
      });
      expect(w.status).toBe(200);
      expect(w.body).toMatchObject({ subjectType: 'item', stateMachine: 'ItemLifecycle' });
      expect(w.body.execution).toMatchObject({
        status: 'RUNNING',
        state: 'AwaitReport',
        waitingFor: 'task running',
      });
      const h = await api('GET /v1/ops/workflows/{subjectId}/history', {
        as: office,
        params: { subjectId: state.item },
        query: { limit: '2' },
      });
      expect(h.status).toBe(200);
      expect(h.body).toMatchObject({ nextCursor: 'next-page' });
      expect((h.body.events as { state?: string }[])[0]?.state).toBe('AwaitReport');
      const before = str((w.body as { executionName: string }).executionName);
      const restarted = await api('POST /v1/ops/workflows/{subjectId}/restart', {
        as: office,
        params: { subjectId: state.item },
        body: {},
      });
      expect(restarted.status).toBe(200);
      expect(restarted.body.executionName).not.toBe(before);
      // The reconciler on demand: started as a workflow (here the port only records the start).
      const reconcile = await api('POST /v1/ops/reconcile', {
        as: office,
        body: { reason: 'After restoring the table from a backup.' },
      });
      expect(reconcile.status).toBe(202);
      expect(str(reconcile.body.executionName)).toMatch(/^api-reconcile-/);
      expect(
        (
          await api('POST /v1/ops/workflows/{subjectId}/restart', {
            as: meilin,
            params: { subjectId: state.item },
            body: {},
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await api('GET /v1/ops/workflows/{subjectId}', {
            as: office,
            params: { subjectId: 'no-such-item' },
          })
        ).status,
      ).toBe(404);
    } finally {
      setExecutionReader(undefined);
    }
  });
});

describe('calendar', () => {
  it('a year of the package, an uncovered year, loading a table', async () => {
    const pkg = await api('GET /v1/calendar/{year}', { as: meilin, params: { year: '2022' } });
    expect(pkg.body).toMatchObject({ covered: true, source: 'package' });
    const none = await api('GET /v1/calendar/{year}', { as: inspector, params: { year: '2031' } });
    expect(none.body).toMatchObject({ covered: false, source: 'none', holidays: [] });
    const table = {
      reference: 'Contract test table (not an official notice)',
      holidays: [{ date: '2031-10-01', name: '国庆节' }],
      makeUpWorkdays: ['2031-10-11'],
    };
    const loaded = await api('POST /v1/calendar/{year}', {
      as: office,
      params: { year: '2031' },
      body: table,
    });
    expect(loaded.status).toBe(201);
    expect(loaded.body).toMatchObject({ covered: true, source: 'table', version: 1 });
    expect(
      (await api('POST /v1/calendar/{year}', { as: meilin, params: { year: '2031' }, body: table })).status,
    ).toBe(403);
    expect(
      (await api('POST /v1/calendar/{year}', { as: office, params: { year: '2032' }, body: table })).status,
    ).toBe(400);
  });
});

describe('notification settings', () => {
  it("a unit's and a desk's settings: read, replace (the secret kept, shown as a hint), test", async () => {
    const empty = await api('GET /v1/units/{unitId}/notifications', {
      as: meilin,
      params: { unitId: 'meilin' },
    });
    expect(empty.body).toEqual({ unitId: 'meilin', emails: [], webhooks: [] });
    const url = 'https://oapi.dingtalk.com/robot/send?access_token=contract';
    const set = await api('POST /v1/units/{unitId}/notifications', {
      as: meilin,
      params: { unitId: 'meilin' },
      body: { emails: [], webhooks: [{ kind: 'dingtalk', url, secret: 'SECcontract-secret-01' }] },
    });
    expect(set.status).toBe(200);
    expect(JSON.stringify(set.body)).not.toContain('contract-secret');
    const kept = await api('POST /v1/units/{unitId}/notifications', {
      as: office,
      params: { unitId: 'meilin' },
      body: { emails: ['duban@meilin.example.gov.cn'], webhooks: [{ kind: 'dingtalk', url }] },
    });
    expect(kept.body).toMatchObject({ webhooks: [{ kind: 'dingtalk', url, secretHint: 'SEC••••01' }] });
    // Back to no address: the test message below sends nothing (no SES, no robot here).
    await api('POST /v1/units/{unitId}/notifications', {
      as: office,
      params: { unitId: 'meilin' },
      body: { emails: [], webhooks: [] },
    });
    const test = await api('POST /v1/units/{unitId}/notifications/test', {
      as: meilin,
      params: { unitId: 'meilin' },
      body: {},
    });
    expect(test.body).toEqual({ sent: 0, failed: [] });
    const desk = await api('POST /v1/notifications/desks/{desk}', {
      as: office,
      params: { desk: 'commander' },
      body: { emails: [], webhooks: [] },
    });
    expect(desk.body).toMatchObject({ desk: 'commander', emails: [] });
    expect(
      (await api('GET /v1/notifications/desks/{desk}', { as: office, params: { desk: 'commander' } })).body,
    ).toMatchObject({ desk: 'commander' });
    expect(
      (
        await api('POST /v1/notifications/desks/{desk}/test', {
          as: office,
          params: { desk: 'commander' },
          body: {},
        })
      ).body,
    ).toEqual({ sent: 0, failed: [] });
    expect(
      (await api('GET /v1/notifications/desks/{desk}', { as: meilin, params: { desk: 'office' } })).status,
    ).toBe(403);
  });
});

describe('rules in force', () => {
  it('the configured limits, the domain’s thresholds and grading, the calendar of the year and the next', async () => {
    const before = process.env.INQUIRY_ANSWER_WORKING_DAYS;
    process.env.INQUIRY_ANSWER_WORKING_DAYS = '7';
    try {
      const r = await api('GET /v1/rules', { as: meilin, query: { year: String(year) } });
      expect(r.status).toBe(200);
      const rules = r.body as {
        year: number;
        limits: ReturnType<typeof limits> & { awardWaitWorkingDays: number };
        lights: { seriousLagPoints: number; dueSoonWorkingDays: number };
        evaluation: { thresholds: typeof DEFAULT_THRESHOLDS };
        grading: typeof DEFAULT_RULES;
        calendar: { current: { year: number; covered: boolean }; next: { year: number; covered: boolean } };
      };
      expect(rules.year).toBe(year);
      // The deployment's configuration, read when asked (not a copy of the defaults).
      expect(rules.limits).toEqual({ ...limits(), inquiryAnswerWorkingDays: 7, awardWaitWorkingDays: 3 });
      expect(rules.lights).toEqual({
        seriousLagPoints: DEFAULT_THRESHOLDS.seriousLagPoints,
        dueSoonWorkingDays: DUE_SOON_WORKING_DAYS,
      });
      expect(rules.evaluation.thresholds).toEqual(DEFAULT_THRESHOLDS);
      expect(rules.grading).toEqual(DEFAULT_RULES);
      expect(rules.calendar.current).toMatchObject({ year, covered: true });
      expect(rules.calendar.next.year).toBe(year + 1);
    } finally {
      if (before === undefined) delete process.env.INQUIRY_ANSWER_WORKING_DAYS;
      else process.env.INQUIRY_ANSWER_WORKING_DAYS = before;
    }
    // Without a year: the year of the system's date. A bad year or an unknown field is a 400.
    expect((await api('GET /v1/rules', { as: office })).body).toMatchObject({ year });
    const bad = await api('GET /v1/rules', { as: office, query: { year: '20x2' } });
    expect(bad.status).toBe(400);
    expect((await api('GET /v1/rules', { as: office, query: { yaer: '2022' } })).status).toBe(400);
  });
});

describe('documents', () => {
  it('documents: templates, imports, exports, a printed order (files are declared by media type)', async () => {
    const template = await api('GET /v1/imports/templates/{sheet}', {
      as: office,
      params: { sheet: 'items' },
    });
    expect(template.status).toBe(200);
    expect(
      (await api('GET /v1/imports/templates/{sheet}', { as: office, params: { sheet: 'x' } })).status,
    ).toBe(400);
    const csv = (text: string) => Buffer.from(text, 'utf8').toString('base64');
    const imported = await api('POST /v1/imports/items', {
      as: office,
      body: {
        format: 'csv',
        content: csv(
          `年度,类型,分类,战线,名称,完成时限\n${year},任务,A,守住底线,Contract import,${year}-12-31\n`,
        ),
        dryRun: false,
      },
    });
    expect(imported.status).toBe(200);
    expect(imported.body.created).toBe(1);
    const dry = await api('POST /v1/imports/progress', {
      as: managerLi,
      body: {
        format: 'csv',
        content: csv(`事项编号,完成进度（%）,进展情况\n${state.item},0,x\n`),
        dryRun: true,
      },
    });
    expect(dry.status).toBe(200);
    expect(
      (
        await api('POST /v1/imports/items', {
          as: office,
          body: { format: 'pdf', content: 'AA==', dryRun: true },
        })
      ).status,
    ).toBe(400);
    const exported = await api('GET /v1/exports/{dataset}', {
      as: meilin,
      params: { dataset: 'orders' },
      query: { year: String(year), format: 'csv' },
    });
    expect(exported.status).toBe(200);
    expect(
      (
        await api('GET /v1/exports/{dataset}', {
          as: meilin,
          params: { dataset: 'ledger' },
          query: { year: String(year) },
        })
      ).status,
    ).toBe(400);
    const pdf = await api('GET /v1/orders/{id}/pdf', { as: meilin, params: { id: state.responsibility } });
    expect(pdf.status).toBe(200);
    expect(
      (await api('GET /v1/orders/{id}/pdf', { as: meilin, params: { id: '2001-RES-9999' } })).status,
    ).toBe(404);
  });
});

describe('urging, supporting reports, referrals, the rules as data (ApiOffice)', () => {
  it('every answer as its contract declares, replays included', async () => {
    const { itemId: id, orderId } = await assignedTask('Contract supervision item', 'meilin', 'p-meilin-1', {
      supportingUnitIds: ['huafu'],
    });
    await api('POST /v1/orders/{id}/acknowledgement', { as: meilin, params: { id: orderId }, body: {} });

    const urged = await api('POST /v1/items/{id}/urgings', {
      as: office,
      params: { id },
      body: { unitId: 'meilin', note: '请加快进度。' },
    });
    expect(urged.status).toBe(201);
    expect(urged.body.urgeNo).toBe(1);
    const again = await api('POST /v1/items/{id}/urgings', {
      as: commander,
      params: { id },
      body: { unitId: 'meilin', note: 'Twice the same day.' },
    });
    expect([again.status, errorCode(again)]).toEqual([422, 'urge.already_today']);
    expect((await api('GET /v1/items/{id}/urgings', { as: meilin, params: { id } })).status).toBe(200);
    expect((await api('GET /v1/items/{id}', { as: office, params: { id } })).body.urgeCount).toBe(1);

    const support = await api('POST /v1/items/{id}/support-reports', {
      as: huafu,
      params: { id },
      body: { text: '配合完成方案会审。', percentOfPart: 50 },
    });
    expect(support.status).toBe(201);
    expect(
      (await api('POST /v1/items/{id}/support-reports', { as: meilin, params: { id }, body: { text: 'x' } }))
        .status,
    ).toBe(403);
    const reports = await api('GET /v1/items/{id}/support-reports', { as: managerLi, params: { id } });
    expect((reports.body.items as unknown[]).length).toBe(1);

    const inquiry = await api('POST /v1/items/{id}/violations', {
      as: inspector,
      params: { id },
      body: { description: 'Suspected split contract (invented).' },
    });
    const inquiryId = str(inquiry.body.orderId);
    await api('POST /v1/orders/{id}/responses', {
      as: meilin,
      params: { id: inquiryId },
      body: { text: 'We explain.', rectificationPlan: 'We fix it.' },
    });
    expect(
      (
        await api('POST /v1/orders/{id}/referral', {
          as: office,
          params: { id: inquiryId },
          body: { to: '区纪委监委' },
        })
      ).status,
    ).toBe(422);
    await api('POST /v1/orders/{id}/decision', {
      as: office,
      params: { id: inquiryId },
      body: { outcome: 'escalated', note: 'Referred on.' },
    });
    const referred = await api('POST /v1/orders/{id}/referral', {
      as: commander,
      params: { id: inquiryId },
      body: { to: '区纪委监委', note: '移送追责。' },
    });
    expect(referred.status).toBe(200);
    expect(referred.body.referral).toMatchObject({ to: '区纪委监委' });
    const closed = await api('POST /v1/orders/{id}/referral/outcome', {
      as: office,
      params: { id: inquiryId },
      body: { outcome: '诫勉谈话。', closedOn: beijingDate(new Date(clockAt)) },
    });
    expect(closed.status).toBe(200);
    const ledger = await api('GET /v1/units/{unitId}/ledger', { as: meilin, params: { unitId: 'meilin' } });
    expect(ledger.body.urgings).toMatchObject({ count: 1 });
    expect((ledger.body.referrals as unknown[]).length).toBe(1);

    const inForce = await api('GET /v1/rules', { as: office });
    const next = {
      version: Number(inForce.body.version) + 1,
      title: 'Contract rules v2',
      effects: DEFAULT_RULES.effects,
      thresholds: { seriousLagPoints: 15, bottomShare: 0.1, bottomPeriodsRunning: 2 },
    };
    expect((await api('POST /v1/rules', { as: office, body: next })).status).toBe(201);
    const stale = await api('POST /v1/rules', { as: office, body: next });
    expect([stale.status, (stale.body.error as { code: string }).code]).toEqual([
      422,
      'rules.version_not_next',
    ]);
    expect(
      (await api('POST /v1/rules', { as: office, body: { ...next, thresholds: undefined } })).status,
    ).toBe(400);
    const versions = await api('GET /v1/rules/versions', { as: meilin });
    expect((versions.body.items as { version: number }[]).map((v) => v.version)).toEqual([next.version]);
    const regraded = await api('POST /v1/rules/regrade', { as: office, body: { year } });
    expect(regraded.status).toBe(200);
    expect(regraded.body).toMatchObject({ version: next.version });
    expect((await api('GET /v1/rules', { as: office })).body).toMatchObject({ version: next.version });
  });
});

describe('every operation', () => {
  it('covered a success answer of each', () => {
    const missing = routes
      .filter((r) => r.operationId !== 'health' && r.operationId !== 'openapi')
      .filter((r) => ![...(seen.get(r.operationId) ?? [])].some((s) => s >= 200 && s < 300))
      .map((r) => r.operationId);
    expect(missing).toEqual([]);
  });
});
