/**
 * The read-rules matrix (issue 8 §4), generated from infra/resources/routes.ts and run over
 * real HTTP through the local gateway: every GET route × every reader (the public, a
 * commander, the office, an inspector, a unit, a project manager) × an object of the reader's
 * own unit, of another unit, or a draft → the status and which fields come back.
 *
 * The rule, written out here independently of functions/domain/access.ts:
 * - of ANOTHER unit a unit or manager reads what the public board shows (the item without
 *   its people or internal state, progress without user ids, orders and inquiries in summary,
 *   rankings — not the unit's staff, trail or ledger);
 * - of its OWN unit it reads everything in full — except what concerns other units (the
 *   competing claims on its item, in `/claims` and in the trail alike);
 * - the office, commanders and inspectors read everything;
 * - drafts (unpublished items, an evaluation's unconfirmed inquiry drafts) are the office's
 *   and commanders' only: anyone else gets a 404 or does not see them in a listing, and the
 *   public statistics do not count them.
 * Every answer is also checked against the contract (test/support/contract.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeDraft } from '#data/evaluations.ts';
import type { Role } from '../../../functions/domain/model.ts';
import { type RouteDeclaration, routeKey, routes } from '../../../infra/resources/routes.ts';
import { checkResponse } from '../../support/contract.ts';
import {
  Api,
  codeOf,
  eventually,
  fillPath,
  type HttpStack,
  ok,
  type Reply,
  showReply,
  startHttpStack,
  tokenFor,
  type Who,
} from '../../support/http.ts';

type Reader = 'public' | Role;
const READERS: readonly Reader[] = ['public', 'commander', 'office', 'inspector', 'unit', 'manager'];
/** Whose object is read: the reader's unit's, another unit's, a draft's, or no one's (a listing). */
type Owner = 'own' | 'other' | 'draft' | 'none';
type View = 'full' | 'public' | 'hidden';

const YEAR = 2022;
const PERIOD = '2022-05';
/** The data is built in May (so the evaluation of May has results for it), read on 1 June. */
const ORIGIN = new Date('2022-05-05T09:00:00+08:00');
const READ_AT = new Date('2022-06-01T10:00:00+08:00');
const OWN = 'meilin';
const OTHER = 'huafu';
const IDENTITY: Record<Role, Who> = {
  commander: {},
  office: {},
  inspector: {},
  unit: { unitId: OWN },
  manager: { unitId: OWN, personId: 'p-meilin-1' },
};
/** An investment no published item has: if the statistics show it, they counted the draft. */
const DRAFT_INVESTMENT = 7_777_000_000;

/** What the reader may see of an object (the principle above). */
function expectedView(reader: Reader, owner: Owner): View {
  if (owner === 'draft') return reader === 'office' || reader === 'commander' ? 'full' : 'hidden';
  if (reader === 'office' || reader === 'commander' || reader === 'inspector') return 'full';
  if ((reader === 'unit' || reader === 'manager') && owner === 'own') return 'full';
  return 'public';
}

let stack: HttpStack;
let api: Api;

const F = {
  /** In progress: progress reported, an inquiry answered and decided. */
  item: { own: '', other: '' },
  inquiry: { own: '', other: '' },
  /** The office's project draft (with investment figures) and Meilin's accepted class B proposal (a draft it declared). */
  drafts: [] as string[],
  /** Claimed by both units, awarded to Meilin: Huafu's claim must not reach Meilin. */
  contested: '',
  proposal: { own: '', other: '' },
  /** Extension requests: pending on each unit's item, and one of Meilin's decided. */
  extension: { own: '', other: '', decided: '' },
  /** An evidence file of each item, stored and referenced by its progress report. */
  file: { own: '', other: '' },
};

beforeAll(async () => {
  stack = await startHttpStack({ prefix: 'reads', origin: ORIGIN });
  api = new Api(stack.call, YEAR);
  for (const u of [OWN, OTHER]) await api.unit(u);
  await api.person(OWN, 'p-meilin-1');
  await api.person(OTHER, 'p-huafu-1');

  for (const [key, unitId, personId] of [
    ['own', OWN, 'p-meilin-1'],
    ['other', OTHER, 'p-huafu-1'],
  ] as const) {
    // Meilin supports Huafu's item (协办): its report there is its own.
    const it = await api.inProgress(unitId, personId, key === 'other' ? { supportingUnitIds: [OWN] } : {});
    F.item[key] = it.itemId;
    F.file[key] = await api.evidence(it.itemId, unitId);
    ok(
      await stack.call('POST', `/v1/items/${it.itemId}/progress`, {
        token: await tokenFor('unit', { unitId }),
        body: { percentComplete: 15, narrative: 'On schedule.', files: [F.file[key]] },
      }),
      201,
    );
    const inquiry = (await api.violation(it.itemId)).orderId;
    await api.answer(inquiry, unitId);
    ok(
      await stack.call('POST', `/v1/orders/${inquiry}/decision`, {
        token: await tokenFor('office'),
        body: { outcome: 'rectified', note: 'Internal note of the office.' },
      }),
      200,
    );
    F.inquiry[key] = inquiry;
  }
  for (const key of ['own', 'other'] as const)
    ok(
      await stack.call('POST', `/v1/items/${F.item[key]}/urgings`, {
        token: await tokenFor('office'),
        body: { unitId: key === 'own' ? OWN : OTHER, note: 'Urged for the matrix.' },
      }),
      201,
    );
  ok(
    await stack.call('POST', `/v1/items/${F.item.other}/support-reports`, {
      token: await tokenFor('unit', { unitId: OWN }),
      body: { text: 'Meilin’s part (invented).' },
    }),
    201,
  );

  const draft = await api.item({
    kind: 'project',
    title: 'Unpublished project (invented)',
    project: { stage: 'planning', totalInvestment: DRAFT_INVESTMENT, annualInvestmentTarget: 1_000_000_000 },
  });
  F.proposal.own = (await api.proposal(OWN)).proposalId;
  F.proposal.other = (await api.proposal(OTHER)).proposalId;
  const accepted = ok<{ item: { itemId: string } }>(
    await stack.call('POST', `/v1/proposals/${F.proposal.own}/decision`, {
      token: await tokenFor('office'),
      body: { decision: 'accept' },
    }),
    200,
  );
  F.drafts = [draft.itemId, accepted.item.itemId];

  F.contested = (await api.item()).itemId;
  await api.publish([F.contested]);
  const mine = await api.claim(F.contested, OWN, 'p-meilin-1');
  await api.claim(F.contested, OTHER, 'p-huafu-1');
  const contestedOrder = await api.award(F.contested, mine.claimId);
  await api.acknowledge(contestedOrder.orderId, OWN);

  const ask = async (itemId: string, unitId: string, target: string, to: string) =>
    ok<{ extensionId: string }>(
      await stack.call('POST', `/v1/items/${itemId}/extensions`, {
        token: await tokenFor('unit', { unitId }),
        body: { target, to, reason: `${unitId} asks for more time.` },
      }),
      201,
    ).extensionId;
  F.extension.own = await ask(F.item.own, OWN, 'deadline', `${YEAR + 1}-03-31`);
  F.extension.other = await ask(F.item.other, OTHER, 'deadline', `${YEAR + 1}-03-31`);
  F.extension.decided = await ask(F.item.own, OWN, 'm1', `${YEAR}-10-31`);
  ok(
    await stack.call('POST', `/v1/items/${F.item.own}/extensions/${F.extension.decided}/decision`, {
      token: await tokenFor('office'),
      body: { approved: false, note: 'Internal note: keep the date.' },
    }),
    200,
  );

  stack.rt.clock.advance(READ_AT.getTime() - stack.rt.clock.now().getTime());

  await api.quiesce([F.item.own, F.item.other]);
  const run = await stack.call('POST', '/v1/evaluations', {
    token: await tokenFor('office'),
    body: { period: PERIOD },
  });
  expect(run.status, showReply(run)).toBe(202);
  await eventually('the evaluation of the period', async () => {
    const r = await stack.call('GET', `/v1/evaluations/${PERIOD}`, { token: await tokenFor('office') });
    return r.status === 200 ? r : undefined;
  });
  // An unconfirmed inquiry draft of the period, about the other unit's item.
  await proposeDraft({
    period: PERIOD,
    itemId: F.item.other,
    trigger: 'lagging_rank',
    reason: `${PERIOD}: in the bottom of its category 2 periods running`,
    status: 'proposed',
  });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

interface Case {
  /** The objects this route reads. */
  readonly owners: readonly Owner[];
  readonly request: (owner: Owner) => {
    params?: Record<string, string>;
    query?: Record<string, string | number>;
  };
  /** Checks an answer the route's role table allows, given the view the reader is due. */
  readonly check: (r: Reply, view: View, reader: Reader, owner: Owner) => void;
}

const unitOf = (owner: Owner) => (owner === 'own' ? OWN : OTHER);
const itemOf = (owner: Owner, draft = 0) => (owner === 'draft' ? F.drafts[draft]! : F.item[owner as 'own']);
const body = <T = Record<string, unknown>>(r: Reply) => r.body as T;
const expectStatus = (r: Reply, status: number, where: string) => expect(r.status, where).toBe(status);

/** The bookkeeping of the stored item: in no view (functions/domain/views.ts). */
const ITEM_BOOKKEEPING = [
  'version',
  'auditSeq',
  'auditHead',
  'workflow',
  'lapsesActedOn',
  'inquiriesToStart',
];
/** Fields only the full view of an item has, and the bookkeeping no view has. */
const ITEM_INTERNALS = ['managerId', 'awardedClaimId', ...ITEM_BOOKKEEPING];
const ORDER_DETAILS = ['reason', 'answer', 'managerId', 'issuedBy', 'version'];

function checkItem(item: Record<string, unknown>, view: View, where: string) {
  expect(item.title, where).toEqual(expect.any(String));
  expect(item.status, where).toEqual(expect.any(String));
  if (view === 'full') {
    for (const f of ITEM_BOOKKEEPING) expect(item, `${where}: ${f}`).not.toHaveProperty(f);
    if (item.status !== 'draft') expect(item.managerId, where).toEqual(expect.any(String));
  } else {
    for (const f of ITEM_INTERNALS) expect(item, `${where}: ${f}`).not.toHaveProperty(f);
  }
}

function checkOrder(o: Record<string, unknown>, view: View, where: string) {
  expect(o.displayNumber, where).toEqual(expect.any(String));
  expect(o.trigger, where).toBe('violation');
  expect(o.status, where).toBe('rectified');
  const decision = o.decision as Record<string, unknown>;
  expect(decision.outcome, where).toBe('rectified');
  if (view === 'full') {
    expect(o.reason, where).toEqual(expect.any(String));
    expect((o.answer as { rectificationPlan?: string }).rectificationPlan, where).toBe('We fix it.');
    expect(decision.note, where).toBe('Internal note of the office.');
  } else {
    for (const f of ORDER_DETAILS) expect(o, `${where}: ${f}`).not.toHaveProperty(f);
    expect(Object.keys(decision).sort(), where).toEqual(['decidedAt', 'outcome']);
    expect(o.answeredAt, where).toEqual(expect.any(String));
    expect(JSON.stringify(o), where).not.toContain('We fix it.');
  }
}

const mentionsOther = (x: unknown) => JSON.stringify(x).includes(OTHER);

const cases: Record<string, Case> = {
  health: { owners: ['none'], request: () => ({}), check: (r, _v, _x, _o) => expectStatus(r, 200, 'health') },
  openapi: { owners: ['none'], request: () => ({}), check: (r) => expectStatus(r, 200, 'openapi') },
  publicNotices: {
    owners: ['none'],
    request: () => ({ query: { year: YEAR } }),
    check: (r) => expectStatus(r, 200, 'notices'),
  },
  publicRankings: {
    owners: ['none'],
    request: () => ({ params: { period: PERIOD } }),
    check: (r) => {
      expectStatus(r, 200, 'rankings');
      expect(JSON.stringify(r.body)).not.toContain('reason');
    },
  },
  publicList: {
    owners: ['none'],
    request: () => ({ params: { year: String(YEAR) } }),
    check: (r) => {
      expectStatus(r, 200, 'publicList');
      for (const d of F.drafts) expect(r.text).not.toContain(d);
    },
  },
  publicStats: {
    owners: ['none'],
    request: () => ({ params: { year: String(YEAR) } }),
    check: (r) => {
      expectStatus(r, 200, 'publicStats');
      const s = body<{
        items: number;
        byStatus: Record<string, number>;
        projects: { totalInvestment: number };
      }>(r);
      expect(s.byStatus.draft, 'drafts counted').toBe(0);
      expect(s.items, 'drafts counted').toBe(3);
      expect(s.projects.totalInvestment, 'a draft’s investment counted').toBe(0);
    },
  },
  publicUnits: {
    owners: ['none'],
    request: () => ({}),
    check: (r) => {
      expectStatus(r, 200, 'publicUnits');
      const units = body<{ items: Record<string, unknown>[] }>(r).items;
      expect(units.map((u) => u.unitId).sort()).toEqual([OTHER, OWN].sort());
      // Names and peer groups only: no staff.
      for (const u of units) expect(u).not.toHaveProperty('people');
      expect(r.text).not.toContain('p-huafu-1');
      expect(r.text).not.toContain('p-meilin-1');
    },
  },
  publicItem: {
    // The page shows items published in a batch or assigned directly, never a draft. `own`: the
    // contested item, listed and awarded to Meilin; `other`: Huafu's item, assigned directly.
    owners: ['own', 'other', 'draft'],
    request: (o) => ({ params: { id: o === 'own' ? F.contested : itemOf(o) } }),
    // A public page: every reader, the office and the item's own unit too, gets the public view.
    check: (r, _view, reader, owner) => {
      const where = `publicItem ${owner} as ${reader}: ${showReply(r)}`;
      if (owner === 'draft') {
        expectStatus(r, 404, where);
        expect(codeOf(r), where).toBe('item.not_found');
        return;
      }
      if (owner === 'other') {
        expectStatus(r, 200, where);
        const assigned = body<{ itemId: string; batchNo: number | null; leadUnitId: string }>(r);
        expect(assigned, where).toMatchObject({ itemId: itemOf('other'), batchNo: null, leadUnitId: OTHER });
        checkItem(assigned, 'public', where);
        return;
      }
      expectStatus(r, 200, where);
      const page = body<{
        itemId: string;
        leadUnitId: string;
        progress: Record<string, unknown>[];
        orders: Record<string, unknown>[];
      }>(r);
      expect(page.itemId, where).toBe(F.contested);
      expect(page.leadUnitId, where).toBe(OWN);
      checkItem(page, 'public', where);
      for (const p of page.progress) expect(p, where).not.toHaveProperty('reportedBy');
      expect(
        page.orders.map((o) => o.orderType),
        where,
      ).toEqual(['responsibility']);
      for (const o of page.orders) for (const f of ORDER_DETAILS) expect(o, where).not.toHaveProperty(f);
      // Nothing of the competing claim.
      expect(mentionsOther(page), where).toBe(false);
    },
  },
  listUnits: {
    owners: ['none'],
    request: () => ({}),
    check: (r) => {
      expectStatus(r, 200, 'listUnits');
      expect(r.text).not.toContain('p-huafu-1');
    },
  },
  getList: {
    owners: ['none'],
    request: () => ({ params: { year: String(YEAR) } }),
    check: (r) => {
      expectStatus(r, 200, 'getList');
      for (const d of F.drafts) expect(r.text).not.toContain(d);
    },
  },

  getItem: {
    owners: ['own', 'other', 'draft'],
    request: (o) => ({ params: { id: itemOf(o, 1) } }),
    check: (r, view, reader, owner) => {
      const where = `getItem ${owner} as ${reader}: ${showReply(r)}`;
      if (view === 'hidden') {
        expectStatus(r, 404, where);
        expect(codeOf(r), where).toBe('item.not_found');
        return;
      }
      expectStatus(r, 200, where);
      checkItem(body(r), view, where);
    },
  },
  listItems: {
    owners: ['own', 'other', 'draft'],
    request: (o): { query: Record<string, string | number> } =>
      o === 'draft' ? { query: { year: YEAR } } : { query: { year: YEAR, unit: unitOf(o) } },
    check: (r, view, reader, owner) => {
      const where = `listItems ${owner} as ${reader}: ${showReply(r)}`;
      expectStatus(r, 200, where);
      const items = body<{ items: Record<string, unknown>[] }>(r).items;
      if (owner === 'draft') {
        const drafts = items.filter((i) => F.drafts.includes(i.itemId as string));
        expect(drafts.length, where).toBe(view === 'hidden' ? 0 : 2);
        if (view === 'hidden')
          expect(
            items.some((i) => i.status === 'draft'),
            where,
          ).toBe(false);
        return;
      }
      const mine = items.find((i) => i.itemId === itemOf(owner));
      expect(mine, where).toBeDefined();
      checkItem(mine!, view, where);
      if (view !== 'full')
        for (const i of items) for (const f of ITEM_INTERNALS) expect(i, where).not.toHaveProperty(f);
      // Meilin's own class B draft is indexed under Meilin; Meilin must not list it.
      if (reader === 'unit' || reader === 'manager')
        for (const d of F.drafts) expect(JSON.stringify(items), where).not.toContain(d);
    },
  },
  itemHistory: {
    owners: ['own', 'other', 'draft'],
    request: (o) => ({ params: { id: o === 'own' ? F.contested : itemOf(o) } }),
    check: (r, view, reader, owner) => {
      const where = `itemHistory ${owner} as ${reader}: ${showReply(r)}`;
      if (view === 'hidden') return expectStatus(r, 404, where);
      // The trail is not on the public board: another unit's is refused.
      if (view === 'public') {
        expectStatus(r, 403, where);
        expect(codeOf(r), where).toBe('auth.not_your_item');
        return;
      }
      expectStatus(r, 200, where);
      const h = body<{
        verification: { valid: boolean };
        events: { type: string; data: Record<string, unknown>; actor: { unitId?: string } }[];
      }>(r);
      expect(h.verification.valid, where).toBe(true);
      if (owner !== 'own') return;
      const filed = h.events.filter((e) => e.type === 'claim.filed');
      if (reader === 'unit' || reader === 'manager') {
        // Its own item: its own claim and the award, nothing of the competitor.
        expect(
          filed.map((e) => e.data.unitId),
          where,
        ).toEqual([OWN]);
        expect(mentionsOther(h.events), where).toBe(false);
        expect(
          h.events.some((e) => 'declined' in e.data),
          where,
        ).toBe(false);
      } else {
        expect(filed.map((e) => e.data.unitId).sort(), where).toEqual([OTHER, OWN].sort());
      }
    },
  },
  listClaims: {
    owners: ['own', 'draft'],
    request: (o) => ({ params: { id: o === 'own' ? F.contested : itemOf(o) } }),
    check: (r, view, reader, owner) => {
      const where = `listClaims ${owner} as ${reader}: ${showReply(r)}`;
      if (view === 'hidden') return expectStatus(r, 404, where);
      expectStatus(r, 200, where);
      const units = body<{ items: { unitId: string }[] }>(r).items.map((c) => c.unitId);
      if (owner === 'draft') return expect(units, where).toEqual([]);
      expect(units.sort(), where).toEqual(reader === 'unit' ? [OWN] : [OTHER, OWN].sort());
    },
  },
  listProgress: {
    owners: ['own', 'other', 'draft'],
    request: (o) => ({ params: { id: itemOf(o) } }),
    check: (r, view, reader, owner) => {
      const where = `listProgress ${owner} as ${reader}: ${showReply(r)}`;
      if (view === 'hidden') return expectStatus(r, 404, where);
      expectStatus(r, 200, where);
      const reports = body<{ items: Record<string, unknown>[] }>(r).items;
      if (owner === 'draft') return expect(reports, where).toEqual([]);
      expect(reports.length, where).toBeGreaterThan(0);
      for (const p of reports) {
        expect(p.percentComplete, where).toBe(15);
        if (view === 'full') expect(p.reportedBy, where).toEqual(expect.any(String));
        else expect(p, where).not.toHaveProperty('reportedBy');
        // Its evidence files: to those who read the item in full (as the download).
        if (view === 'full')
          expect(p.files, where).toEqual([expect.objectContaining({ fileId: F.file[owner as 'own'] })]);
        else expect(p, where).not.toHaveProperty('files');
      }
    },
  },
  listOrders: {
    owners: ['own', 'other'],
    request: (o) => ({ query: { year: YEAR, type: 'inquiry', item: itemOf(o) } }),
    check: (r, view, reader, owner) => {
      const where = `listOrders ${owner} as ${reader}: ${showReply(r)}`;
      expectStatus(r, 200, where);
      const orders = body<{ items: Record<string, unknown>[] }>(r).items;
      const o = orders.find((x) => x.orderId === F.inquiry[owner as 'own']);
      expect(o, where).toBeDefined();
      checkOrder(o!, view, where);
    },
  },
  getOrder: {
    owners: ['own', 'other'],
    request: (o) => ({ params: { id: F.inquiry[o as 'own'] } }),
    check: (r, view, reader, owner) => {
      const where = `getOrder ${owner} as ${reader}: ${showReply(r)}`;
      expectStatus(r, 200, where);
      checkOrder(body(r), view, where);
    },
  },
  getUnit: {
    owners: ['own', 'other'],
    request: (o) => ({ params: { unitId: unitOf(o) } }),
    check: (r, view, reader, owner) => {
      const where = `getUnit ${owner} as ${reader}: ${showReply(r)}`;
      expectStatus(r, 200, where);
      const u = body<{ unitId: string; people?: { personId: string }[] }>(r);
      expect(u.unitId, where).toBe(unitOf(owner));
      if (view === 'full')
        expect(
          u.people?.map((p) => p.personId),
          where,
        ).toEqual([`p-${unitOf(owner)}-1`]);
      else expect(u, where).not.toHaveProperty('people');
    },
  },
  unitLedger: {
    owners: ['own', 'other'],
    request: (o) => ({ params: { unitId: unitOf(o) }, query: { year: YEAR } }),
    check: (r, view, reader, owner) => {
      const where = `unitLedger ${owner} as ${reader}: ${showReply(r)}`;
      if (view === 'public') {
        expectStatus(r, 403, where);
        expect(codeOf(r), where).toBe('auth.not_your_unit');
        return;
      }
      expectStatus(r, 200, where);
      expect(body<{ unitId: string }>(r).unitId, where).toBe(unitOf(owner));
    },
  },
  // A person's ledger: the unit's rule; the person of another unit under this one is a 404.
  personLedger: {
    owners: ['own', 'other'],
    request: (o) => ({
      params: { unitId: unitOf(o), personId: `p-${unitOf(o)}-1` },
      query: { year: YEAR },
    }),
    check: (r, view, reader, owner) => {
      const where = `personLedger ${owner} as ${reader}: ${showReply(r)}`;
      if (view === 'public') {
        expectStatus(r, 403, where);
        expect(codeOf(r), where).toBe('auth.not_your_unit');
        return;
      }
      expectStatus(r, 200, where);
      const l = body<{ unitId: string; personId: string; entries: unknown[] }>(r);
      expect([l.unitId, l.personId], where).toEqual([unitOf(owner), `p-${unitOf(owner)}-1`]);
    },
  },
  // The ledger's rule: the unit itself (and its managers) and HQ; another unit is refused.
  unitReminders: {
    owners: ['own', 'other'],
    request: (o) => ({ params: { unitId: unitOf(o) }, query: { limit: 10 } }),
    check: (r, view, reader, owner) => {
      const where = `unitReminders ${owner} as ${reader}: ${showReply(r)}`;
      if (view === 'public') {
        expectStatus(r, 403, where);
        expect(codeOf(r), where).toBe('auth.not_your_unit');
        return;
      }
      expectStatus(r, 200, where);
      for (const x of body<{ items: { unitId: string }[] }>(r).items)
        expect(x.unitId, where).toBe(unitOf(owner));
    },
  },
  // The caller's own: no owner to vary (the addressee is the token's unit or desk).
  myNotifications: {
    owners: ['none'],
    request: () => ({ query: { limit: 10 } }),
    check: (r, _v, reader) => {
      const where = `myNotifications as ${reader}: ${showReply(r)}`;
      expectStatus(r, 200, where);
      expect(body<{ items: unknown[] }>(r).items, where).toEqual(expect.any(Array));
    },
  },
  opsOutbox: {
    owners: ['none'],
    request: () => ({ query: { status: 'pending', limit: 10 } }),
    check: (r, _v, reader) => {
      const where = `opsOutbox as ${reader}: ${showReply(r)}`;
      expectStatus(r, 200, where);
      expect(body<{ items: unknown[] }>(r).items, where).toEqual(expect.any(Array));
    },
  },
  // Issue 13 §5: a unit's notification settings are its own and the office's; no secret in any read.
  getUnitNotifications: {
    owners: ['own', 'other'],
    request: (o) => ({ params: { unitId: unitOf(o) } }),
    check: (r, view, reader, owner) => {
      const where = `getUnitNotifications ${owner} as ${reader}: ${showReply(r)}`;
      if (view === 'public') {
        expectStatus(r, 403, where);
        expect(codeOf(r), where).toBe('auth.not_your_unit');
        return;
      }
      expectStatus(r, 200, where);
      const v = body<{ unitId: string; emails: string[]; webhooks: Record<string, unknown>[] }>(r);
      expect(v.unitId, where).toBe(unitOf(owner));
      expect(v.emails, where).toEqual(expect.any(Array));
      for (const w of v.webhooks) expect(w, where).not.toHaveProperty('secret');
      for (const f of ['version', 'auditSeq', 'auditHead', 'owner'])
        expect(v, `${where}: ${f}`).not.toHaveProperty(f);
    },
  },
  getDeskNotifications: {
    owners: ['none'],
    request: () => ({ params: { desk: 'office' } }),
    check: (r, _v, reader) => {
      const where = `getDeskNotifications as ${reader}: ${showReply(r)}`;
      expectStatus(r, 200, where);
      expect(body<{ desk: string }>(r).desk, where).toBe('office');
    },
  },
  getCalendarYear: {
    owners: ['none'],
    request: () => ({ params: { year: String(YEAR) } }),
    check: (r, _v, reader) => {
      const where = `getCalendarYear as ${reader}: ${showReply(r)}`;
      expectStatus(r, 200, where);
      expect(body<{ covered: boolean }>(r).covered, where).toBe(true);
    },
  },
  // No unit's record: every signed-in reader gets the same rules (the public is refused above).
  rulesInForce: {
    owners: ['none'],
    request: () => ({ query: { year: String(YEAR) } }),
    check: (r, _v, reader) => {
      const where = `rulesInForce as ${reader}: ${showReply(r)}`;
      expectStatus(r, 200, where);
      const rules = body<{ year: number; limits: { inquiryAnswerWorkingDays: number } }>(r);
      expect(rules.year, where).toBe(YEAR);
      expect(rules.limits.inquiryAnswerWorkingDays, where).toBeGreaterThan(0);
    },
  },
  opsWorkflow: {
    owners: ['own', 'other'],
    request: (o) => ({ params: { subjectId: itemOf(o) } }),
    check: (r, _v, reader, owner) => {
      const where = `opsWorkflow ${owner} as ${reader}: ${showReply(r)}`;
      expectStatus(r, 200, where);
      const w = body<{ subjectId: string; executionName: string; execution: { status: string } }>(r);
      expect(w.subjectId, where).toBe(itemOf(owner));
      expect(w.executionName, where).toEqual(expect.any(String));
      expect(w.execution.status, where).toBe('RUNNING');
    },
  },
  opsWorkflowHistory: {
    owners: ['own'],
    request: (o) => ({ params: { subjectId: itemOf(o) }, query: { limit: 5 } }),
    check: (r, _v, reader, owner) => {
      const where = `opsWorkflowHistory ${owner} as ${reader}: ${showReply(r)}`;
      expectStatus(r, 200, where);
      const h = body<{ events: { type: string }[]; nextCursor?: string }>(r);
      expect(h.events.length, where).toBe(5);
      expect(h.nextCursor, where).toEqual(expect.any(String));
    },
  },
  myInbox: {
    owners: ['none'],
    request: () => ({ query: { year: YEAR } }),
    check: (r, _v, reader) => {
      const where = `myInbox as ${reader}: ${showReply(r)}`;
      expectStatus(r, 200, where);
      const e = body<{ role: string; entries: { kind: string; subjectId: string; unitId?: string }[] }>(
        r,
      ).entries;
      const of = (kind: string) =>
        e
          .filter((x) => x.kind === kind)
          .map((x) => x.subjectId)
          .sort();
      // Drafts reach only the office's inbox; another unit's records never a unit's or manager's.
      if (reader !== 'office') {
        expect(of('draft'), where).toEqual([]);
        expect(of('inquiry_draft'), where).toEqual([]);
      }
      if (reader === 'unit' || reader === 'manager') {
        for (const x of e) if (x.unitId !== undefined) expect(x.unitId, where).toBe(OWN);
        expect(of('item_to_report'), where).toEqual([F.item.own, F.contested].sort());
        expect(of('extension_to_decide'), where).toEqual([]);
      }
      if (reader === 'unit') expect(of('extension_decided'), where).toEqual([F.extension.decided]);
      if (reader === 'commander' || reader === 'office')
        expect(of('extension_to_decide'), where).toEqual([F.extension.own, F.extension.other].sort());
      if (reader === 'office') {
        expect(of('draft'), where).toEqual([...F.drafts].sort());
        expect(of('inquiry_draft'), where).toEqual([`${PERIOD}#${F.item.other}#lagging_rank`]);
        expect(of('proposal_to_review'), where).toEqual([F.proposal.other]);
      }
      if (reader === 'inspector')
        expect(of('inquiry_followed'), where).toEqual([F.inquiry.own, F.inquiry.other].sort());
    },
  },
  // Issue 13, the verbs of supervision: extension requests are the unit's record, not the board's.
  listItemExtensions: {
    owners: ['own', 'other', 'draft'],
    request: (o) => ({ params: { id: itemOf(o) } }),
    check: (r, view, reader, owner) => {
      const where = `listItemExtensions ${owner} as ${reader}: ${showReply(r)}`;
      if (view === 'hidden') return expectStatus(r, 404, where);
      expectStatus(r, 200, where);
      const ids = body<{ items: { extensionId: string; version?: number }[] }>(r).items.map(
        (x) => x.extensionId,
      );
      for (const x of body<{ items: object[] }>(r).items) expect(x, where).not.toHaveProperty('version');
      if (owner === 'draft' || view === 'public') return expect(ids, where).toEqual([]);
      expect(ids.sort(), where).toEqual(
        owner === 'own' ? [F.extension.own, F.extension.decided].sort() : [F.extension.other],
      );
    },
  },
  listExtensions: {
    owners: ['none'],
    request: () => ({ params: { year: String(YEAR) }, query: { status: 'pending' } }),
    check: (r, _v, reader) => {
      const where = `listExtensions as ${reader}: ${showReply(r)}`;
      expectStatus(r, 200, where);
      const ids = body<{ items: { extensionId: string; status: string }[] }>(r).items.map(
        (x) => x.extensionId,
      );
      expect(ids.sort(), where).toEqual([F.extension.own, F.extension.other].sort());
    },
  },
  listProposals: {
    owners: ['own', 'other'],
    request: (o) => ({ query: { year: YEAR, unit: unitOf(o) } }),
    check: (r, view, reader, owner) => {
      const where = `listProposals ${owner} as ${reader}: ${showReply(r)}`;
      if (view === 'public') {
        expectStatus(r, 403, where);
        expect(codeOf(r), where).toBe('auth.not_your_unit');
        return;
      }
      expectStatus(r, 200, where);
      const ids = body<{ items: { proposalId: string }[] }>(r).items.map((p) => p.proposalId);
      expect(ids, where).toEqual([F.proposal[owner as 'own']]);
    },
  },
  getEvaluation: {
    owners: ['none'],
    request: () => ({ params: { period: PERIOD } }),
    check: (r, _v, reader) => {
      const where = `getEvaluation as ${reader}: ${showReply(r)}`;
      expectStatus(r, 200, where);
      const e = body<{ items: Record<string, unknown>[]; drafts: { itemId: string }[] }>(r);
      // Unconfirmed inquiry drafts: the office's and commanders' only.
      expect(
        e.drafts.map((d) => d.itemId),
        where,
      ).toEqual(expectedView(reader, 'draft') === 'full' ? [F.item.other] : []);
      for (const owner of ['own', 'other'] as const) {
        const res = e.items.find((i) => i.itemId === F.item[owner]);
        expect(res, `${where}: result of the ${owner} item`).toBeDefined();
        expect(res!.rankInCategory, where).toEqual(expect.any(Number));
        if (expectedView(reader, owner) === 'full') expect(res, where).toHaveProperty('flags');
        else
          for (const f of ['flags', 'lag', 'score', 'inBottom', 'overdueMilestones'])
            expect(res, where).not.toHaveProperty(f);
      }
    },
  },
  // Issue 13 §6. Urgings are not on the public board: an item the unit neither leads nor supports
  // is refused, as its trail. Meilin supports Huafu's item: it reads its own urgings there (none),
  // not Huafu's.
  listUrgings: {
    owners: ['own', 'other', 'draft'],
    request: (o) => ({ params: { id: itemOf(o) } }),
    check: (r, view, reader, owner) => {
      const where = `listUrgings ${owner} as ${reader}: ${showReply(r)}`;
      if (view === 'hidden') return expectStatus(r, 404, where);
      expectStatus(r, 200, where);
      const urgings = body<{ items: { unitId: string; urgeNo: number }[] }>(r).items;
      if (owner === 'draft' || view === 'public') return expect(urgings, where).toEqual([]);
      expect(urgings, where).toEqual([expect.objectContaining({ unitId: unitOf(owner), urgeNo: 1 })]);
    },
  },
  // Supporting reports are read as progress is; who filed one only by HQ, the lead unit and the reporter.
  listSupportReports: {
    owners: ['own', 'other', 'draft'],
    request: (o) => ({ params: { id: itemOf(o) } }),
    check: (r, view, reader, owner) => {
      const where = `listSupportReports ${owner} as ${reader}: ${showReply(r)}`;
      if (view === 'hidden') return expectStatus(r, 404, where);
      expectStatus(r, 200, where);
      const reports = body<{ items: Record<string, unknown>[] }>(r).items;
      if (owner !== 'other') return expect(reports, where).toEqual([]);
      expect(
        reports.map((x) => x.unitId),
        where,
      ).toEqual([OWN]);
      // Meilin's own report: its people read it in full although the item is Huafu's.
      const full = view === 'full' || reader === 'unit' || reader === 'manager';
      if (full) expect(reports[0]!.reportedBy, where).toEqual(expect.any(String));
      else expect(reports[0], where).not.toHaveProperty('reportedBy');
    },
  },
  // The rules are no unit's record: every signed-in reader lists the same versions.
  listRuleVersions: {
    owners: ['none'],
    request: () => ({}),
    check: (r, _v, reader) => expectStatus(r, 200, `listRuleVersions as ${reader}: ${showReply(r)}`),
  },
  // Issue 13. A template is no unit's record: the same for every role allowed.
  importTemplate: {
    owners: ['none'],
    request: () => ({ params: { sheet: 'progress' }, query: { format: 'csv' } }),
    check: (r, _v, reader) => {
      const where = `importTemplate as ${reader}: ${showReply(r)}`;
      expectStatus(r, 200, where);
      // fetch's text() drops the BOM the CSV starts with.
      expect(r.text.replace(/^\uFEFF/, '').startsWith('事项编号,'), where).toBe(true);
    },
  },
  // A unit's ledger (own, other) as a file follows the ledger's rule; the year's list (draft)
  // holds a draft only for the office and commanders.
  exportDataset: {
    owners: ['own', 'other', 'draft'],
    request: (o): { params: Record<string, string>; query: Record<string, string | number> } =>
      o === 'draft'
        ? { params: { dataset: 'items' }, query: { year: YEAR, format: 'csv' } }
        : { params: { dataset: 'ledger' }, query: { year: YEAR, format: 'csv', unit: unitOf(o) } },
    check: (r, view, reader, owner) => {
      const where = `exportDataset ${owner} as ${reader}: ${showReply(r)}`;
      if (owner === 'draft') {
        expectStatus(r, 200, where);
        expect(r.text.includes('Unpublished project (invented)'), where).toBe(view === 'full');
        return;
      }
      if (view === 'public') {
        expectStatus(r, 403, where);
        expect(codeOf(r), where).toBe('auth.not_your_unit');
        return;
      }
      expectStatus(r, 200, where);
      expect(r.text.replace(/^\uFEFF/, '').startsWith('令号,'), where).toBe(true);
    },
  },
  // The evidence download follows the progress's full view: anyone else, as if it did not exist.
  evidenceDownload: {
    owners: ['own', 'other'],
    request: (o) => ({ params: { id: itemOf(o), fileId: F.file[o as 'own'] } }),
    check: (r, view, reader, owner) => {
      const where = `evidenceDownload ${owner} as ${reader}: ${showReply(r)}`;
      if (view !== 'full') {
        expectStatus(r, 404, where);
        expect(codeOf(r), where).toBe('evidence.not_found');
        return;
      }
      expectStatus(r, 200, where);
      expect(body<{ url: string; fileId: string }>(r).fileId, where).toBe(F.file[owner as 'own']);
    },
  },
  // An item's stored files follow the download's rule: anyone else, as if the item had none.
  listItemFiles: {
    owners: ['own', 'other'],
    request: (o) => ({ params: { id: itemOf(o) } }),
    check: (r, view, reader, owner) => {
      const where = `listItemFiles ${owner} as ${reader}: ${showReply(r)}`;
      if (view !== 'full') {
        expectStatus(r, 404, where);
        expect(codeOf(r), where).toBe('item.not_found');
        return;
      }
      expectStatus(r, 200, where);
      const files = body<{ items: { fileId: string; status: string }[] }>(r).items;
      expect(
        files.map((f) => f.fileId),
        where,
      ).toContain(F.file[owner as 'own']);
      expect(new Set(files.map((f) => f.status)), where).toEqual(new Set(['stored']));
    },
  },
  // Every reader prints an order; what it prints is the order's view (documents.test.ts reads the text).
  orderPdf: {
    owners: ['own', 'other'],
    request: (o) => ({ params: { id: F.inquiry[o as 'own'] } }),
    check: (r, _v, reader, owner) => {
      const where = `orderPdf ${owner} as ${reader}: ${showReply(r)}`;
      expectStatus(r, 200, where);
      expect(r.headers.get('content-type'), where).toBe('application/pdf');
      expect(r.text.startsWith('%PDF-'), where).toBe(true);
    },
  },
};

const getRoutes = routes.filter((r) => r.method === 'GET');

function tokenOf(reader: Reader): Promise<string> | undefined {
  return reader === 'public' ? undefined : tokenFor(reader, IDENTITY[reader]);
}

async function read(route: RouteDeclaration, reader: Reader, owner: Owner): Promise<Reply> {
  const c = cases[route.operationId]!;
  const req = c.request(owner);
  const token = await tokenOf(reader);
  return stack.call('GET', fillPath(route.path, req.params ?? {}), {
    ...(token ? { token } : {}),
    ...(req.query ? { query: req.query } : {}),
  });
}

const seen = new Map<string, number>();

describe('read-rules matrix (generated from routes.ts)', () => {
  it('has a case for every GET route and none for a route that does not exist', () => {
    expect(Object.keys(cases).sort()).toEqual(getRoutes.map((r) => r.operationId).sort());
  });

  for (const route of getRoutes) {
    const c = cases[route.operationId];
    it(`${routeKey(route)} — ${c?.owners.join(', ')}`, async () => {
      for (const reader of READERS) {
        for (const owner of c!.owners) {
          const r = await read(route, reader, owner);
          seen.set(`${routeKey(route)} ${reader} ${owner}`, r.status);
          const where = `${routeKey(route)} ${owner} as ${reader}: ${showReply(r)}`;
          expect(() => checkResponse(route.operationId, r.status, r.body), where).not.toThrow();
          if (route.auth !== 'public' && reader === 'public') {
            expectStatus(r, 401, where);
            continue;
          }
          if (route.auth !== 'public' && !route.auth.includes(reader as Role)) {
            expectStatus(r, 403, where);
            expect(codeOf(r), where).toBe('auth.role_not_allowed');
            continue;
          }
          c!.check(r, expectedView(reader, owner), reader, owner);
        }
      }
    });
  }

  it('read every GET route as every reader, on every object it reads', () => {
    const expected = getRoutes.reduce(
      (n, r) => n + READERS.length * (cases[r.operationId]?.owners.length ?? 0),
      0,
    );
    expect(seen.size).toBe(expected);
    expect(getRoutes.length).toBe(42);
  });
});
