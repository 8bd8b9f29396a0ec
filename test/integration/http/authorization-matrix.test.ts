/**
 * The authorisation matrix, generated from infra/resources/routes.ts and run over real HTTP
 * through the local gateway (JWT verification) against DynamoDB Local and the local Step
 * Functions engine. For every route and every caller — each of the five roles, no token, a
 * forged token (signed with another key), an expired token:
 *
 * - no, forged or expired token on a non-public route: 401 from the gateway;
 * - a public route: never 401 or 403, whatever token comes with it;
 * - a role the route does not list: 403 `auth.role_not_allowed`;
 * - a role the route lists: its success status, on data set up for it (a unit token for the
 *   unit leading the item, a manager token for its project manager).
 *
 * Then the object-level rules: a unit on another unit's item, order or inquiry, and a manager
 * on an item they do not manage, get 403 and change nothing. Every answer is checked against
 * the contract (test/support/contract.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../../functions/api/contract.ts';
import { getItem } from '../../../functions/data/items.ts';
import { getOrder } from '../../../functions/data/orders.ts';
import { beijingDate } from '../../../functions/domain/calendar.ts';
import { DEFAULT_RULES } from '../../../functions/domain/grading.ts';
import type { Role } from '../../../functions/domain/model.ts';
import { projectRoot } from '../../../infra/resources/project-root.ts';
import { type RouteDeclaration, routeKey, routes } from '../../../infra/resources/routes.ts';
import { checkResponse } from '../../support/contract.ts';
import {
  Api,
  codeOf,
  eventually,
  expiredToken,
  fillPath,
  forgedToken,
  type HttpStack,
  type Reply,
  settleItem,
  showReply,
  startHttpStack,
  tokenFor,
  uniq,
  type Who,
} from '../../support/http.ts';

const ROLES: readonly Role[] = ['commander', 'office', 'unit', 'manager', 'inspector'];
type Caller = Role | 'none' | 'forged' | 'expired';
const CALLERS: readonly Caller[] = ['none', 'forged', 'expired', ...ROLES];

/** Who each role is in the matrix: the unit leading the items, their project manager. */
const IDENTITY: Record<Role, Who> = {
  commander: {},
  office: {},
  unit: { unitId: 'meilin' },
  manager: { unitId: 'meilin', personId: 'p-meilin-1' },
  inspector: {},
};

const YEAR = 2022;
const CLOSES_AT = '2022-12-01T18:00:00+08:00';
const PERIOD = '2022-06';

let stack: HttpStack;
let api: Api;

/** The data each allowed call acts on; filled in beforeAll. */
const F = {
  main: { itemId: '', orderId: '' },
  edit: '',
  publish: '',
  assign: {} as Partial<Record<Role, string>>,
  claim: '',
  award: {} as Partial<Record<Role, { itemId: string; claimId: string }>>,
  reopen: '',
  complete: {} as Partial<Record<Role, string>>,
  verify: {} as Partial<Record<Role, string>>,
  ack: { itemId: '', orderId: '' },
  answer: '',
  decide: {} as Partial<Record<Role, string>>,
  proposals: {} as Partial<Record<Role, string>>,
  /** For the object-level checks: Meilin's item, order and inquiry. */
  obj: { itemId: '', orderId: '', inquiryId: '' },
  /** An item in progress whose workflow the office restarts. */
  restart: '',
  /** The verbs of supervision: an item to ask extensions on, pending requests to decide, an item to reassign, a claim to withdraw. */
  extension: '',
  extensionDecide: {} as Partial<Record<Role, { itemId: string; extensionId: string }>>,
  reassign: '',
  withdraw: { itemId: '', claimId: '' },
  /** Issue 13 §6: whom each HQ role urges on what; Huafu's item Meilin supports; escalated inquiries to refer. */
  urge: {} as Partial<Record<Role, string>>,
  support: '',
  refer: {} as Partial<Record<Role, string>>,
  /** Evidence of F.main: uploaded, to confirm (per role); stored, to download. */
  evidence: { confirm: {} as Partial<Record<Role, string>>, stored: '' },
};

beforeAll(async () => {
  stack = await startHttpStack({ prefix: 'authz' });
  api = new Api(stack.call, YEAR);

  for (const u of ['meilin', 'huafu', 'fubao']) await api.unit(u);
  await api.person('meilin', 'p-meilin-1');
  await api.person('meilin', 'p-meilin-2');
  await api.person('huafu', 'p-huafu-1');
  await api.person('fubao', 'p-fubao-1');

  // An item nobody claimed (its window closed a minute after it opened): to reopen.
  F.reopen = (await api.item()).itemId;
  await api.publish([F.reopen], '2022-07-01T09:01:00+08:00');
  await settleItem(stack.rt, F.reopen, 'ClaimWindowOpen');
  stack.rt.clock.advance(2 * 60_000);
  await settleItem(stack.rt, F.reopen, 'Unclaimed');

  F.main = await api.inProgress('meilin', 'p-meilin-1');
  await api.progress(F.main.itemId, 'meilin', 10);
  for (const role of ['unit', 'manager'] as const)
    F.evidence.confirm[role] = await api.evidence(F.main.itemId, 'meilin', { confirm: false });
  F.evidence.stored = await api.evidence(F.main.itemId, 'meilin');
  for (const role of ['unit', 'manager'] as const) {
    F.complete[role] = (await api.inProgress('meilin', 'p-meilin-1')).itemId;
  }
  for (const role of ['commander', 'office'] as const) {
    const it = await api.inProgress('meilin', 'p-meilin-1');
    await api.completion(it.itemId, 'meilin');
    F.verify[role] = it.itemId;
  }

  F.edit = (await api.item()).itemId;
  F.publish = (await api.item()).itemId;
  for (const role of ['commander', 'office'] as const) F.assign[role] = (await api.item()).itemId;

  F.claim = (await api.item()).itemId;
  const awardA = (await api.item()).itemId;
  const awardB = (await api.item()).itemId;
  F.withdraw.itemId = (await api.item()).itemId;
  await api.publish([F.claim, awardA, awardB, F.withdraw.itemId], CLOSES_AT);
  F.withdraw.claimId = (await api.claim(F.withdraw.itemId, 'meilin', 'p-meilin-1')).claimId;
  F.award.commander = { itemId: awardA, claimId: (await api.claim(awardA, 'meilin', 'p-meilin-1')).claimId };
  F.award.office = { itemId: awardB, claimId: (await api.claim(awardB, 'meilin', 'p-meilin-1')).claimId };

  const toAck = (await api.item()).itemId;
  F.ack = { itemId: toAck, orderId: (await api.assign(toAck, 'meilin', 'p-meilin-1')).orderId };

  const inq = await api.inProgress('meilin', 'p-meilin-1');
  F.answer = (await api.violation(inq.itemId)).orderId;
  for (const role of ['commander', 'office'] as const) {
    const o = (await api.violation(inq.itemId)).orderId;
    await api.answer(o, 'meilin');
    F.decide[role] = o;
  }
  for (const role of ['commander', 'office'] as const)
    F.proposals[role] = (await api.proposal('meilin')).proposalId;

  // The object-level checks act on these.
  const obj = await api.inProgress('meilin', 'p-meilin-1');
  const objOrderItem = (await api.item()).itemId;
  F.obj = {
    itemId: obj.itemId,
    orderId: (await api.assign(objOrderItem, 'meilin', 'p-meilin-1')).orderId,
    inquiryId: (await api.violation(obj.itemId)).orderId,
  };

  F.restart = (await api.inProgress('huafu', 'p-huafu-1')).itemId;
  F.urge = { commander: F.main.itemId, office: F.obj.itemId };
  F.support = (await api.inProgress('huafu', 'p-huafu-1', { supportingUnitIds: ['meilin'] })).itemId;
  for (const role of ['commander', 'office'] as const) {
    const o = (await api.violation(inq.itemId)).orderId;
    await api.answer(o, 'meilin');
    const decided = await stack.call('POST', `/v1/orders/${o}/decision`, {
      token: await tokenFor('office'),
      body: { outcome: 'escalated', note: 'Referred on.' },
    });
    expect(decided.status, showReply(decided)).toBe(200);
    F.refer[role] = o;
  }

  F.extension = (await api.inProgress('meilin', 'p-meilin-1')).itemId;
  F.reassign = (await api.inProgress('meilin', 'p-meilin-1')).itemId;
  const toDecide = (await api.inProgress('meilin', 'p-meilin-1')).itemId;
  for (const [role, target, to] of [
    ['commander', 'deadline', `${YEAR + 1}-03-31`],
    ['office', 'm1', `${YEAR}-10-31`],
  ] as const) {
    const r = await stack.call('POST', `/v1/items/${toDecide}/extensions`, {
      token: await tokenFor('unit', IDENTITY.unit),
      body: { target, to, reason: 'Matrix.' },
    });
    expect(r.status, showReply(r)).toBe(201);
    F.extensionDecide[role] = {
      itemId: toDecide,
      extensionId: (r.body as { extensionId: string }).extensionId,
    };
  }

  await api.quiesce([inq.itemId, obj.itemId, F.restart]);

  // An evaluation of the period, so that its results and rankings exist.
  const run = await stack.call('POST', '/v1/evaluations', {
    token: await tokenFor('office'),
    body: { period: PERIOD },
  });
  expect(run.status, showReply(run)).toBe(202);
  await eventually('the evaluation of 2022-06', async () => {
    const r = await stack.call('GET', `/v1/evaluations/${PERIOD}`, { token: await tokenFor('office') });
    return r.status === 200 ? r : undefined;
  });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

interface Request {
  readonly params?: Record<string, string>;
  readonly query?: Record<string, string | number>;
  readonly body?: unknown;
}

/** How each operation is called by `role` (denied roles get the same request as the first allowed one). */
const cases: Record<string, (role: Role) => Request> = {
  health: () => ({}),
  openapi: () => ({}),
  publicList: () => ({ params: { year: String(YEAR) } }),
  publicNotices: () => ({ query: { year: YEAR } }),
  publicStats: () => ({ params: { year: String(YEAR) } }),
  publicRankings: () => ({ params: { period: PERIOD } }),
  publicUnits: () => ({}),
  publicItem: () => ({ params: { id: F.claim } }),

  listUnits: () => ({}),
  createUnit: () => ({
    body: { unitId: `u-${uniq()}`, name: 'Matrix Department (invented)', unitType: 'department' },
  }),
  getUnit: () => ({ params: { unitId: 'meilin' } }),
  createPerson: () => ({
    params: { unitId: 'meilin' },
    body: { personId: `p-${uniq()}`, name: 'Matrix Person (invented)' },
  }),
  unitLedger: () => ({ params: { unitId: 'meilin' }, query: { year: YEAR } }),
  personLedger: () => ({ params: { unitId: 'meilin', personId: 'p-meilin-1' }, query: { year: YEAR } }),
  myInbox: () => ({ query: { year: YEAR } }),
  opsOutbox: () => ({ query: { status: 'published', limit: 5 } }),
  myNotifications: () => ({ query: { limit: 5 } }),
  unitReminders: () => ({ params: { unitId: 'meilin' }, query: { limit: 5 } }),
  opsWorkflow: () => ({ params: { subjectId: F.main.itemId } }),
  opsWorkflowHistory: () => ({ params: { subjectId: F.main.itemId }, query: { limit: 5 } }),
  opsRestartWorkflow: () => ({ params: { subjectId: F.restart }, body: {} }),

  declareProposal: () => ({
    body: {
      year: YEAR,
      kind: 'task',
      category: 'bottom-line',
      title: `Matrix proposal ${uniq()}`,
      deadline: `${YEAR}-12-31`,
    },
  }),
  listProposals: () => ({ query: { year: YEAR } }),
  decideProposal: (role) => ({
    params: { id: F.proposals[role] ?? F.proposals.office! },
    body: { decision: 'accept' },
  }),

  createItem: () => ({
    body: {
      year: YEAR,
      kind: 'task',
      itemClass: 'A',
      category: 'strategic',
      title: `Matrix item ${uniq()}`,
      deadline: `${YEAR}-12-31`,
    },
  }),
  listItems: () => ({ query: { year: YEAR } }),
  getItem: () => ({ params: { id: F.main.itemId } }),
  editItem: () => ({ params: { id: F.edit }, body: { title: 'Edited by the office' } }),
  itemHistory: () => ({ params: { id: F.main.itemId } }),

  publishBatch: () => ({
    params: { year: String(YEAR) },
    body: { itemIds: [F.publish], claimWindow: { closesAt: CLOSES_AT } },
  }),
  getList: () => ({ params: { year: String(YEAR) } }),

  claimItem: (role) => ({
    params: { id: F.claim },
    body:
      role === 'office'
        ? { plan: 'Filed by the office for Huafu.', managerId: 'p-huafu-1', unitId: 'huafu' }
        : role === 'commander'
          ? { plan: 'Filed by the commander for Fubao.', managerId: 'p-fubao-1', unitId: 'fubao' }
          : { plan: 'Meilin leads it.', managerId: 'p-meilin-1' },
  }),
  listClaims: () => ({ params: { id: F.claim } }),
  awardClaim: (role) => {
    const a = F.award[role] ?? F.award.office!;
    return { params: { id: a.itemId, claimId: a.claimId }, body: {} };
  },
  assignItem: (role) => ({
    params: { id: F.assign[role] ?? F.assign.office! },
    body: { unitId: 'meilin', managerId: 'p-meilin-1' },
  }),
  reopenItem: () => ({ params: { id: F.reopen }, body: { closesAt: CLOSES_AT } }),

  reportProgress: () => ({
    params: { id: F.main.itemId },
    body: { percentComplete: 20, narrative: 'Survey under way.' },
  }),
  listProgress: () => ({ params: { id: F.main.itemId } }),
  reportCompletion: (role) => ({
    params: { id: F.complete[role] ?? F.complete.unit! },
    body: { summary: 'Done.', results: [{ indicator: 'Households served', actualValue: 1000 }] },
  }),
  verifyCompletion: (role) => ({
    params: { id: F.verify[role] ?? F.verify.office! },
    body: { achieved: true, grade: 'second' },
  }),
  reportViolation: () => ({
    params: { id: F.main.itemId },
    body: { description: 'Suspected splitting of a works contract.' },
  }),

  listOrders: () => ({ query: { year: YEAR } }),
  getOrder: () => ({ params: { id: F.ack.orderId } }),
  acknowledgeOrder: () => ({ params: { id: F.ack.orderId }, body: {} }),
  answerInquiry: () => ({
    params: { id: F.answer },
    body: { text: 'The survey team was late.', rectificationPlan: 'Two more teams from next week.' },
  }),
  decideInquiry: (role) => ({
    params: { id: F.decide[role] ?? F.decide.office! },
    body: { outcome: 'rectified', note: 'Back on schedule.' },
  }),

  runEvaluation: () => ({ body: { period: PERIOD } }),
  getEvaluation: () => ({ params: { period: PERIOD } }),
  reconcileWorkflows: () => ({ body: { reason: 'Matrix test run.' } }),

  // Issue 13: the verbs of supervision (ApiOffice).
  requestExtension: (role) => ({
    params: { id: F.extension },
    body: {
      target: role === 'manager' ? 'm2' : 'deadline',
      to: role === 'manager' ? `${YEAR}-12-20` : `${YEAR + 1}-03-31`,
      reason: `Asked by the ${role}.`,
    },
  }),
  decideExtension: (role) => {
    const d = F.extensionDecide[role] ?? F.extensionDecide.office!;
    return { params: { id: d.itemId, extensionId: d.extensionId }, body: { approved: role === 'commander' } };
  },
  listItemExtensions: () => ({ params: { id: F.extension } }),
  listExtensions: () => ({ params: { year: String(YEAR) }, query: { status: 'pending' } }),
  reassignItem: () => ({
    params: { id: F.reassign },
    body: { unitId: 'huafu', managerId: 'p-huafu-1', reason: 'Matrix reassignment.' },
  }),
  withdrawClaim: () => ({
    params: { id: F.withdraw.itemId, claimId: F.withdraw.claimId },
    body: { reason: 'Matrix withdrawal.' },
  }),

  // Issue 13 §6–7: the verbs of supervision and the rules as data (ApiOffice).
  urgeUnit: (role) => ({
    params: { id: F.urge[role] ?? F.urge.office! },
    body: { unitId: 'meilin', note: `Urged by the ${role}.` },
  }),
  listUrgings: () => ({ params: { id: F.main.itemId } }),
  reportSupport: () => ({ params: { id: F.support }, body: { text: 'Meilin’s part is on schedule.' } }),
  listSupportReports: () => ({ params: { id: F.support } }),
  referInquiry: (role) => ({ params: { id: F.refer[role] ?? F.refer.office! }, body: { to: '区纪委监委' } }),
  closeReferral: (role) => ({
    params: { id: F.refer[role] ?? F.refer.office! },
    body: { outcome: '诫勉谈话。', closedOn: beijingDate(stack.rt.clock.now()) },
  }),
  publishRules: () => ({
    body: {
      version: 2,
      title: 'Matrix rules v2',
      effects: DEFAULT_RULES.effects,
      thresholds: { seriousLagPoints: 15, bottomShare: 0.1, bottomPeriodsRunning: 2 },
    },
  }),
  listRuleVersions: () => ({}),
  regradeLedgers: () => ({ body: { year: YEAR, period: `${YEAR}-09` } }),
  getCalendarYear: () => ({ params: { year: String(YEAR) } }),
  rulesInForce: () => ({ query: { year: YEAR } }),
  // Issue 13: spreadsheets and printed orders (the Documents function).
  importTemplate: () => ({ params: { sheet: 'items' }, query: { format: 'csv' } }),
  importItems: () => ({
    body: {
      format: 'csv',
      content: Buffer.from(
        `年度,类型,分类,战线,名称,完成时限\n${YEAR},任务,A,守住底线,Matrix import ${uniq()},${YEAR}-12-31\n`,
      ).toString('base64'),
      dryRun: false,
    },
  }),
  importProgress: (role) => ({
    body: {
      format: 'csv',
      content: Buffer.from(
        `事项编号,完成进度（%）,进展情况\n${F.main.itemId},${role === 'unit' ? 25 : 30},Imported by the ${role}.\n`,
      ).toString('base64'),
      dryRun: false,
    },
  }),
  exportDataset: () => ({ params: { dataset: 'items' }, query: { year: YEAR, format: 'csv' } }),
  orderPdf: () => ({ params: { id: F.ack.orderId } }),
  issueEvidenceUpload: () => ({
    params: { id: F.main.itemId },
    body: { name: 'site.jpg', contentType: 'image/jpeg', size: 1000 },
  }),
  confirmEvidenceUpload: (role) => ({
    params: { id: F.main.itemId, fileId: F.evidence.confirm[role] ?? F.evidence.confirm.unit! },
  }),
  evidenceDownload: () => ({ params: { id: F.main.itemId, fileId: F.evidence.stored } }),
  listItemFiles: () => ({ params: { id: F.main.itemId } }),
  // Issue 13 §5: notification settings (no address: the test message sends nothing here).
  getUnitNotifications: () => ({ params: { unitId: 'meilin' } }),
  replaceUnitNotifications: () => ({ params: { unitId: 'meilin' }, body: { emails: [], webhooks: [] } }),
  testUnitNotifications: () => ({ params: { unitId: 'meilin' }, body: {} }),
  getDeskNotifications: () => ({ params: { desk: 'office' } }),
  replaceDeskNotifications: () => ({ params: { desk: 'commander' }, body: { emails: [], webhooks: [] } }),
  testDeskNotifications: () => ({ params: { desk: 'commander' }, body: {} }),
  loadCalendarYear: () => ({
    params: { year: '2030' },
    body: {
      reference: 'Matrix test table (not an official notice)',
      holidays: [{ date: '2030-10-01', name: '国庆节' }],
      makeUpWorkdays: ['2030-10-12'],
    },
  }),
};

/** The success status the contract declares for an operation. */
function successStatus(operationId: string): number {
  const ok = Object.keys(contract[operationId]?.responses ?? {})
    .map(Number)
    .filter((s) => s >= 200 && s < 300);
  if (ok.length !== 1) throw new Error(`${operationId}: expected one success status, got ${ok.join(', ')}`);
  return ok[0]!;
}

async function tokenOf(caller: Caller, route: RouteDeclaration): Promise<string | undefined> {
  // A forged or expired token carries a role the route allows: only the signature or the
  // expiry is wrong.
  const role: Role = route.auth === 'public' ? 'office' : (route.auth[0] ?? 'office');
  switch (caller) {
    case 'none':
      return undefined;
    case 'forged':
      return forgedToken(role, IDENTITY[role]);
    case 'expired':
      return expiredToken(role, IDENTITY[role]);
    default:
      return tokenFor(caller, IDENTITY[caller]);
  }
}

async function send(route: RouteDeclaration, caller: Caller): Promise<Reply> {
  const role: Role = ROLES.includes(caller as Role)
    ? (caller as Role)
    : route.auth === 'public'
      ? 'office'
      : (route.auth[0] ?? 'office');
  const build = cases[route.operationId];
  if (!build) throw new Error(`no case for ${route.operationId}`);
  const req = build(role);
  const token = await tokenOf(caller, route);
  return stack.call(route.method, fillPath(route.path, req.params ?? {}), {
    ...(token ? { token } : {}),
    ...(req.query ? { query: req.query } : {}),
    ...(route.method !== 'GET' ? { body: req.body ?? {} } : {}),
  });
}

/** What the matrix saw, by route key and caller: the last test checks it is complete. */
const seen = new Map<string, Map<Caller, number>>();

describe('authorisation matrix (generated from routes.ts)', () => {
  it('has a case for every route and no case for a route that does not exist', () => {
    expect(Object.keys(cases).sort()).toEqual(routes.map((r) => r.operationId).sort());
    expect(new Set(routes.map(routeKey)).size).toBe(routes.length);
  });

  it("README's routes table lists the same routes with the same roles", () => {
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `(GET|POST|PATCH) (\/v1\/[^`]*)` \| [^|]+ \| ([^|]+) \|$/gm)].map(
      (m) => [`${m[1]} ${m[2]}`, (m[3] ?? '').trim()] as const,
    );
    const documented = new Map<string, string>(rows);
    expect(rows).toHaveLength(routes.length);
    for (const r of routes) {
      const roles = documented.get(routeKey(r));
      expect(roles, routeKey(r)).toBeDefined();
      if (r.auth === 'public') expect(roles, routeKey(r)).toBe('public (no token)');
      else expect(roles?.split(/,\s*/).sort(), routeKey(r)).toEqual([...r.auth].sort());
    }
  });

  for (const route of routes) {
    const key = routeKey(route);
    const allowed: readonly Role[] = route.auth === 'public' ? ROLES : route.auth;
    const denied = ROLES.filter((r) => !allowed.includes(r));

    it(`${key} — ${route.auth === 'public' ? 'public' : route.auth.join(', ')}`, async () => {
      const answers = new Map<Caller, number>();
      seen.set(key, answers);
      const check = (caller: Caller, r: Reply) => {
        answers.set(caller, r.status);
        const where = `${key} as ${caller}: ${showReply(r)}`;
        expect(() => checkResponse(route.operationId, r.status, r.body), where).not.toThrow();
        return where;
      };

      // Refused callers first (in parallel: none of them reaches the data).
      const refused: Caller[] = route.auth === 'public' ? [] : ['none', 'forged', 'expired', ...denied];
      const refusedAnswers = await Promise.all(refused.map(async (c) => [c, await send(route, c)] as const));
      for (const [caller, r] of refusedAnswers) {
        const where = check(caller, r);
        if (caller === 'none' || caller === 'forged' || caller === 'expired') {
          // API Gateway's own answer: a fixed body, the reason in www-authenticate.
          expect(r.status, where).toBe(401);
          expect(r.body, where).toEqual({ message: 'Unauthorized' });
          expect(r.headers.get('www-authenticate'), where).toMatch(/^Bearer/);
          if (caller === 'expired') expect(r.headers.get('www-authenticate'), where).toMatch(/expired/);
        } else {
          expect(r.status, where).toBe(403);
          expect(codeOf(r), where).toBe('auth.role_not_allowed');
        }
      }

      // A public route answers whatever token comes along (even a bad one): never 401/403.
      if (route.auth === 'public') {
        for (const caller of ['none', 'forged', 'expired'] as const) {
          const r = await send(route, caller);
          const where = check(caller, r);
          expect(r.status, where).toBe(successStatus(route.operationId));
        }
      }

      // Allowed roles, one after the other (each may change the data the next one sees).
      for (const role of allowed) {
        const r = await send(route, role);
        const where = check(role, r);
        expect([401, 403], where).not.toContain(r.status);
        expect(r.status, where).toBe(successStatus(route.operationId));
      }
    });
  }

  it(`exercised all ${routes.length} routes with all ${CALLERS.length} callers`, () => {
    expect(routes.length).toBe(82);
    expect([...seen.keys()].sort()).toEqual(routes.map(routeKey).sort());
    for (const [key, answers] of seen) {
      expect([...answers.keys()].sort(), key).toEqual([...CALLERS].sort());
    }
    expect([...seen.values()].reduce((n, a) => n + a.size, 0)).toBe(routes.length * CALLERS.length);
  });
});

describe('object-level rules', () => {
  const huafu = () => tokenFor('unit', { unitId: 'huafu' });

  /**
   * Item version and trail length, orders of the item with their status and version: the
   * versions from the stored records (the API's views carry none).
   */
  async function stateOf(itemId: string) {
    const item = await getItem(itemId);
    const orders = await api.all<{ orderId: string; status: string }>('/v1/orders', {
      year: YEAR,
      item: itemId,
    });
    const versions = await Promise.all(orders.map(async (o) => (await getOrder(o.orderId)).version));
    const progress = await api.all(`/v1/items/${itemId}/progress`);
    return {
      item: { version: item.version, auditSeq: item.auditSeq, status: item.status },
      orders: orders.map((o, i) => [o.orderId, o.status, versions[i]]).sort(),
      progress: progress.length,
    };
  }

  async function expectForbidden(
    operationId: string,
    r: Reply,
    code: string | readonly string[] = ['auth.not_your_item', 'auth.not_your_order', 'auth.not_your_unit'],
  ) {
    const where = `${operationId}: ${showReply(r)}`;
    expect(() => checkResponse(operationId, r.status, r.body), where).not.toThrow();
    expect(r.status, where).toBe(403);
    expect(typeof code === 'string' ? [code] : code, where).toContain(codeOf(r));
  }

  it("a unit may not report progress or completion on another unit's item", async () => {
    const before = await stateOf(F.obj.itemId);
    const progress = await stack.call('POST', `/v1/items/${F.obj.itemId}/progress`, {
      token: await huafu(),
      body: { percentComplete: 90, narrative: 'Not ours.' },
    });
    await expectForbidden('reportProgress', progress, 'auth.not_your_item');
    const completion = await stack.call('POST', `/v1/items/${F.obj.itemId}/completion`, {
      token: await huafu(),
      body: { summary: 'Not ours.', results: [] },
    });
    await expectForbidden('reportCompletion', completion, 'auth.not_your_item');
    expect(await stateOf(F.obj.itemId)).toEqual(before);
  });

  it("a unit may neither upload nor confirm evidence on another unit's item", async () => {
    const form = await stack.call('POST', `/v1/items/${F.main.itemId}/evidence`, {
      token: await huafu(),
      body: { name: 'x.png', contentType: 'image/png', size: 8 },
    });
    await expectForbidden('issueEvidenceUpload', form, 'auth.not_your_item');
    const confirm = await stack.call(
      'POST',
      `/v1/items/${F.main.itemId}/evidence/${F.evidence.stored}/confirmation`,
      { token: await huafu() },
    );
    await expectForbidden('confirmEvidenceUpload', confirm, 'auth.not_your_item');
  });

  it("a unit may not read, replace or test another unit's notification settings", async () => {
    const path = '/v1/units/meilin/notifications';
    const before = await api.get(path);
    await expectForbidden(
      'getUnitNotifications',
      await stack.call('GET', path, { token: await huafu() }),
      'auth.not_your_unit',
    );
    const replace = await stack.call('POST', path, {
      token: await huafu(),
      body: { emails: ['not-ours@huafu.example.gov.cn'], webhooks: [] },
    });
    await expectForbidden('replaceUnitNotifications', replace, 'auth.not_your_unit');
    const test = await stack.call('POST', `${path}/test`, { token: await huafu(), body: {} });
    await expectForbidden('testUnitNotifications', test, 'auth.not_your_unit');
    expect(await api.get(path)).toEqual(before);
  });

  it("a unit may not acknowledge another unit's responsibility order", async () => {
    const before = await api.get<{ status: string; version: number }>(`/v1/orders/${F.obj.orderId}`);
    const r = await stack.call('POST', `/v1/orders/${F.obj.orderId}/acknowledgement`, {
      token: await huafu(),
      body: {},
    });
    await expectForbidden('acknowledgeOrder', r, 'auth.not_your_order');
    const after = await api.get<{ status: string; version: number }>(`/v1/orders/${F.obj.orderId}`);
    expect(after).toEqual(before);
    expect(after.status).toBe('issued');
  });

  it("a unit may not answer another unit's inquiry", async () => {
    const before = await api.get<{ status: string; version: number }>(`/v1/orders/${F.obj.inquiryId}`);
    const r = await stack.call('POST', `/v1/orders/${F.obj.inquiryId}/responses`, {
      token: await huafu(),
      body: { text: 'Not ours.', rectificationPlan: 'None.' },
    });
    await expectForbidden('answerInquiry', r, 'auth.not_your_order');
    expect(await api.get(`/v1/orders/${F.obj.inquiryId}`)).toEqual(before);
  });

  it('a manager may report only on the items they manage', async () => {
    const before = await stateOf(F.obj.itemId);
    const strangers: [Who, string][] = [
      [{ unitId: 'huafu', personId: 'p-huafu-1' }, 'auth.not_your_item'], // another unit's manager
      [{ unitId: 'meilin', personId: 'p-meilin-2' }, 'auth.not_your_item'], // the same unit, not this item's
      [{ unitId: 'meilin' }, 'auth.no_person'], // a manager token naming no person
    ];
    for (const [who, code] of strangers) {
      const token = await tokenFor('manager', who);
      const progress = await stack.call('POST', `/v1/items/${F.obj.itemId}/progress`, {
        token,
        body: { percentComplete: 50, narrative: 'Not mine.' },
      });
      await expectForbidden('reportProgress', progress, code);
      const completion = await stack.call('POST', `/v1/items/${F.obj.itemId}/completion`, {
        token,
        body: { summary: 'Not mine.', results: [] },
      });
      await expectForbidden('reportCompletion', completion, code);
    }
    expect(await stateOf(F.obj.itemId)).toEqual(before);

    // The item's own manager may (the control).
    const own = await stack.call('POST', `/v1/items/${F.obj.itemId}/progress`, {
      token: await tokenFor('manager', IDENTITY.manager),
      body: { percentComplete: 50, narrative: 'Mine.' },
    });
    expect(own.status, showReply(own)).toBe(201);
    checkResponse('reportProgress', own.status, own.body);
  });

  it("a unit or manager may not read another unit's trail or ledger, add its people, see its proposals or claim in its name", async () => {
    const history = await stack.call('GET', `/v1/items/${F.obj.itemId}/history`, { token: await huafu() });
    await expectForbidden('itemHistory', history, 'auth.not_your_item');
    const managerHistory = await stack.call('GET', `/v1/items/${F.obj.itemId}/history`, {
      token: await tokenFor('manager', { unitId: 'huafu', personId: 'p-huafu-1' }),
    });
    await expectForbidden('itemHistory', managerHistory, 'auth.not_your_item');

    const ledger = await stack.call('GET', '/v1/units/meilin/ledger', { token: await huafu() });
    await expectForbidden('unitLedger', ledger, 'auth.not_your_unit');
    const personLedger = await stack.call('GET', '/v1/units/meilin/people/p-meilin-1/ledger', {
      token: await huafu(),
    });
    await expectForbidden('personLedger', personLedger, 'auth.not_your_unit');
    const reminders = await stack.call('GET', '/v1/units/meilin/reminders', { token: await huafu() });
    await expectForbidden('unitReminders', reminders, 'auth.not_your_unit');

    const peopleBefore = (await api.get<{ people: unknown[] }>('/v1/units/meilin')).people.length;
    const person = await stack.call('POST', '/v1/units/meilin/people', {
      token: await huafu(),
      body: { personId: `p-${uniq()}`, name: 'Planted (invented)' },
    });
    await expectForbidden('createPerson', person, 'auth.not_your_unit');
    expect((await api.get<{ people: unknown[] }>('/v1/units/meilin')).people).toHaveLength(peopleBefore);

    const proposals = await stack.call('GET', '/v1/proposals', {
      token: await huafu(),
      query: { year: YEAR, unit: 'meilin' },
    });
    await expectForbidden('listProposals', proposals, 'auth.not_your_unit');

    const claimsBefore = await api.all(`/v1/items/${F.claim}/claims`);
    const claim = await stack.call('POST', `/v1/items/${F.claim}/claims`, {
      token: await huafu(),
      body: { plan: 'In Meilin’s name.', managerId: 'p-meilin-2', unitId: 'meilin' },
    });
    await expectForbidden('claimItem', claim, 'auth.not_your_unit');
    expect(await api.all(`/v1/items/${F.claim}/claims`)).toEqual(claimsBefore);
  });

  it("a unit may not ask an extension on, or withdraw a claim of, another unit's item or claim", async () => {
    const before = await stateOf(F.obj.itemId);
    const ext = await stack.call('POST', `/v1/items/${F.obj.itemId}/extensions`, {
      token: await huafu(),
      body: { target: 'deadline', to: `${YEAR + 1}-03-31`, reason: 'Not ours.' },
    });
    await expectForbidden('requestExtension', ext, 'auth.not_your_item');
    const manager = await stack.call('POST', `/v1/items/${F.obj.itemId}/extensions`, {
      token: await tokenFor('manager', { unitId: 'meilin', personId: 'p-meilin-2' }),
      body: { target: 'deadline', to: `${YEAR + 1}-03-31`, reason: 'Not mine.' },
    });
    await expectForbidden('requestExtension', manager, 'auth.not_your_item');
    expect(await stateOf(F.obj.itemId)).toEqual(before);

    const claims = await api.all<{ claimId: string; unitId: string }>(`/v1/items/${F.claim}/claims`);
    const meilins = claims.find((c) => c.unitId === 'meilin')!;
    const withdraw = await stack.call('POST', `/v1/items/${F.claim}/claims/${meilins.claimId}/withdrawal`, {
      token: await huafu(),
      body: { reason: 'Not ours.' },
    });
    await expectForbidden('withdrawClaim', withdraw, 'auth.not_your_unit');
    expect(await api.all(`/v1/items/${F.claim}/claims`)).toEqual(claims);
  });

  it('a unit sees only its own claims of an item', async () => {
    const r = await stack.call('GET', `/v1/items/${F.claim}/claims`, { token: await huafu() });
    checkResponse('listClaims', r.status, r.body);
    const seenByHuafu = (r.body as { items: { unitId: string }[] }).items;
    const all = await api.all<{ unitId: string }>(`/v1/items/${F.claim}/claims`);
    expect(all.some((c) => c.unitId !== 'huafu')).toBe(true);
    expect(seenByHuafu.every((c) => c.unitId === 'huafu')).toBe(true);
    expect(seenByHuafu).toHaveLength(all.filter((c) => c.unitId === 'huafu').length);
  });
});
