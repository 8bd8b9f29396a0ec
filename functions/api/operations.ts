/**
 * What each route does, by operationId: with the input the router parsed against the route's
 * declared schemas (routes/*.ts), call one application command or one read and shape the
 * answer (the body of the route's success status). No rules live here.
 */
import { randomUUID } from 'node:crypto';
import { calendarYear, onCalendar, primeYears, yearsFrom } from '#app/calendar.ts';
import { loadCalendar } from '#app/commands/calendar.ts';
import { assign, award, claim } from '#app/commands/claims.ts';
import { answerInquiry, decideInquiry } from '#app/commands/inquiries.ts';
import { createItem, editItem, publishBatch, reopen } from '#app/commands/items.ts';
import { decideProposal, declareProposal } from '#app/commands/proposals.ts';
import { createPerson, createUnit } from '#app/commands/units.ts';
import {
  acknowledge,
  reportCompletion,
  reportProgress,
  reportViolation,
  verifyCompletion,
} from '#app/commands/work.ts';
import { confirmDrafts, evaluationPage, requirePeriodEnded } from '#app/evaluation.ts';
import { restartSubjectWorkflow, workflowHistory, workflowOf } from '#app/executions.ts';
import { inboxOf } from '#app/inbox.ts';
import { workflows } from '#app/ports.ts';
import { lightsInForce, lightsUnder, rulesInForce } from '#app/rules.ts';
import { yearStats } from '#app/stats.ts';
import { readTrail } from '#data/audit.ts';
import { batchesAndPeople, batchPage } from '#data/batches.ts';
import { claimPage } from '#data/claims.ts';
import { pageOfList, presentingAs, withoutAnswering } from '#data/db.ts';
import { probeTable } from '#data/health.ts';
import { getItem, itemPk, listItems, listPublicItems } from '#data/items.ts';
import { getOrder, listOrders } from '#data/orders.ts';
import { allProgressOf, progressOf } from '#data/progress.ts';
import { listProposals } from '#data/proposals.ts';
import { ledgerOf, noticesOf } from '#data/results.ts';
import { urgingsOfUnit } from '#data/supervision.ts';
import { findPerson, getUnit, listUnits, peopleOf, peoplePage } from '#data/units.ts';
import {
  claimVisible,
  itemView,
  listsItemsOf,
  orderView,
  progressView,
  proposalScope,
  publicLeadUnit,
  publicResult,
  readsInquiryDrafts,
  readsPeopleOf,
  requireItemVisible,
  requireLedgerReader,
  requirePublicItem,
  requireTrailReader,
  resultView,
  trailView,
} from '#domain/access.ts';
import { verifyTrail } from '#domain/audit.ts';
import { beijingDate } from '#domain/calendar.ts';
import { NotFound } from '#domain/errors.ts';
import { type LedgerEntry, totals } from '#domain/grading.ts';
import type { Actor, Item } from '#domain/model.ts';
import { publicPlan } from '#domain/public.ts';
import {
  pageView,
  toBatchView,
  toClaimView,
  toItemView,
  toOrderView,
  toPersonView,
  toProgressReportView,
  toProposalDecisionView,
  toProposalView,
  toUnitView,
} from '#domain/views.ts';
import { now } from '#lib/clock.ts';
import { currentKeyId } from './idempotency.ts';
import { servedOpenApiDocument } from './openapi-file.ts';
import type { OperationsOf } from './route.ts';
import type { DeclaredRoute } from './routes/index.ts';

const currentYear = () => now().getUTCFullYear();
/** The caller of an authenticated operation, as a command's context. */
const ctx = (req: { actor: Actor }) => ({ actor: req.actor });

/** A unit's ledger counts its urgings of the year up to this many (then says it is truncated). */
const LEDGER_URGINGS = 1000;
/** The people and the referrals a unit's ledger answers (each bounded so the answer stays ≤ 1 MB). */
const LEDGER_PEOPLE = 100;
const LEDGER_REFERRALS = 20;

/**
 * A ledger's year: its totals and a page of its entries in order number order. The entries are
 * read whole to total them (one per order: tens a year); the cursor is sealed for the subject.
 */
async function ledgerYear(subject: LedgerEntry['subject'], year: number, limit: number, cursor?: string) {
  const entries = await ledgerOf(subject, year);
  const identity =
    subject.type === 'unit' ? { ledger: subject.id, year } : { personLedger: subject.id, year };
  const page = pageOfList(identity, entries, (e) => e.orderId, limit, cursor);
  return {
    totals: totals(entries),
    entries: page.items,
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

/** A page with each entry as the reader may see it (the read rules of the domain); hidden ones dropped. */
function visiblePage<T, V>(
  page: { items: T[]; nextCursor?: string },
  view: (t: T) => V | undefined,
): { items: V[]; nextCursor?: string } {
  const items: V[] = [];
  for (const t of page.items) {
    const v = view(t);
    if (v !== undefined) items.push(v);
  }
  return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** People's names by id, read once per unit per request (one GSI3 Query per unit). */
function managerNames(): (unitId: string, personId: string) => Promise<string | null> {
  const byUnit = new Map<string, Promise<Map<string, string>>>();
  return async (unitId, personId) => {
    let people = byUnit.get(unitId);
    if (!people) {
      people = peopleOf(unitId).then((ps) => new Map(ps.map((p) => [p.personId, p.name])));
      byUnit.set(unitId, people);
    }
    return (await people).get(personId) ?? null;
  };
}

/** What the public sees of an item on the list (contract PublicListItem). */
async function publicListItem(
  i: Item,
  batchNo: number | null,
  asOf: string,
  names: (unitId: string, personId: string) => Promise<string | null>,
) {
  const leadUnitId = publicLeadUnit(i);
  return {
    itemId: i.itemId,
    batchNo,
    kind: i.kind,
    itemClass: i.itemClass,
    category: i.category,
    title: i.title,
    status: i.status,
    leadUnitId,
    percentComplete: i.percentComplete,
    deadline: i.deadline,
    managerName: leadUnitId && i.managerId ? await names(leadUnitId, i.managerId) : null,
    ...(i.project
      ? {
          project: {
            stage: i.project.stage,
            totalInvestment: i.project.totalInvestment,
            annualInvestmentTarget: i.project.annualInvestmentTarget,
            investmentCompleted: i.investmentCompleted,
          },
        }
      : {}),
    ...(await onCalendar(asOf, (calendar) => publicPlan(i, asOf, calendar))),
  };
}

/** The operations of ApiPublic: public, unauthenticated reads. Each API function bundles only its own (functions/handlers/api-*.ts). */
export const publicOperations: OperationsOf<DeclaredRoute, 'ApiPublic'> = {
  health: async () => {
    // Alive means able to serve: one cheap read of the table, or a 503 saying it cannot.
    await probeTable();
    return { status: 'ok', time: now().toISOString() };
  },
  publicNotices: async (req) => {
    const v = req.query;
    return await noticesOf(v.year ?? currentYear(), v.limit, v.cursor);
  },
  publicStats: async (req) => await yearStats(req.params.year),
  publicRankings: async (req) => {
    const period = req.params.period;
    const v = req.query;
    const e = await evaluationPage(period, v.limit, { cursor: v.cursor, drafts: false });
    if (!e.summary) throw new NotFound('evaluation', period);
    // Public: unit rankings and a page of item ranks, no internal reasons or drafts.
    return {
      period,
      date: e.summary.date,
      units: e.units,
      items: e.items.map(publicResult),
      ...(e.nextCursor ? { nextCursor: e.nextCursor } : {}),
    };
  },
  // The file the build generated (no generator in any Lambda).
  openapi: async () => await servedOpenApiDocument(),
  publicList: async (req) => {
    const year = req.params.year;
    const v = req.query;
    const asOf = beijingDate(now());
    // One Query of an index that holds exactly the list's items (data/items.ts listPublicItems):
    // batch after batch, then the items assigned directly (the meeting's major projects and
    // reforms), batchNo null. The page's batches, managers and calendar in one BatchGetItem.
    const page = await listPublicItems(
      {
        year,
        ...(v.kind ? { kind: v.kind } : {}),
        ...(v.status ? { status: v.status } : {}),
        ...(v.class ? { itemClass: v.class } : {}),
        ...(v.category ? { category: v.category } : {}),
        ...(v.unit ? { unitId: v.unit } : {}),
      },
      v.limit,
      v.cursor,
    );
    const batchNos = [...new Set(page.items.flatMap((i) => (i.batchNo === undefined ? [] : [i.batchNo])))];
    const managed = page.items.filter((i) => publicLeadUnit(i) && i.managerId);
    const managerIds = [...new Set(managed.map((i) => i.managerId!))];
    // The working-day calendar of the plan figures rides in the same BatchGetItem: a page is
    // one Query and one BatchGetItem (issue 12: ≤ 3 requests at any size).
    const {
      batches,
      people: found,
      calendars,
      thresholds,
    } = await batchesAndPeople(year, batchNos, managerIds, page.items.length ? yearsFrom(asOf) : []);
    primeYears(calendars);
    const people = new Map(found.map((p) => [p.personId, p]));
    // A manager's name only when the person is of the item's lead unit.
    const names = async (unitId: string, personId: string) => {
      const p = people.get(personId);
      return p && p.unitId === unitId ? p.name : null;
    };
    const items = [];
    for (const i of page.items) items.push(await publicListItem(i, i.batchNo ?? null, asOf, names));
    return {
      year,
      asOf,
      // The lights follow the thresholds of the version in force (its CURRENT in the BatchGetItem).
      lights: lightsUnder(thresholds),
      batches: batches.map(({ itemIds: _ids, ...b }) => b),
      items,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
  publicUnits: async (req) => {
    const v = req.query;
    const page = await listUnits(v.limit, v.cursor);
    return {
      items: page.items.map((u) => ({
        unitId: u.unitId,
        name: u.name,
        ...(u.nameZh ? { nameZh: u.nameZh } : {}),
        unitType: u.unitType,
      })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
  publicItem: async (req) => {
    const item = await getItem(req.params.id);
    // Items published in a batch or assigned directly are public; a draft is as if it did not exist.
    requirePublicItem(item);
    const asOf = beijingDate(now());
    const reports = await allProgressOf(item.itemId);
    const orders = await listOrders({ year: item.year, itemId: item.itemId }, 100);
    return {
      ...(await publicListItem(item, item.batchNo ?? null, asOf, managerNames())),
      year: item.year,
      asOf,
      // The lights follow the thresholds of the version in force (one GetItem of the rule set).
      lights: await lightsInForce(),
      description: item.description,
      milestones: item.milestones.map((m) => ({
        id: m.id,
        title: m.title,
        dueDate: m.dueDate,
        weight: m.weight,
        ...(item.milestonesDone[m.id] ? { doneOn: item.milestonesDone[m.id] } : {}),
      })),
      targets: item.targets,
      progress: reports.map((r) => ({
        reportedAt: r.reportedAt,
        percentComplete: r.percentComplete,
        ...(r.investmentCompleted !== undefined ? { investmentCompleted: r.investmentCompleted } : {}),
      })),
      orders: orders.items.map((o) => ({
        displayNumber: o.displayNumber,
        orderType: o.orderType,
        status: o.status,
        issuedAt: o.issuedAt,
        unitId: o.unitId,
      })),
    };
  },
};

/**
 * A command's answer as its view (functions/domain/views.ts), not the stored record; the commit
 * that carries the answer records the same view (an Idempotency-Key replay answers with it).
 */
const viewed = <T, V>(view: (t: T) => V, run: () => Promise<T>): Promise<V> =>
  presentingAs(view as (answer: never) => unknown, run).then(view);

/** The operations of ApiRead: authenticated reads. Each API function bundles only its own (functions/handlers/api-*.ts). */
export const readOperations: OperationsOf<DeclaredRoute, 'ApiRead'> = {
  unitLedger: async (req) => {
    const unitId = req.params.unitId;
    requireLedgerReader(req.actor, unitId);
    await getUnit(unitId);
    const v = req.query;
    const year = v.year ?? currentYear();
    // The people's scores come with the first page only.
    const ledger = await ledgerYear({ type: 'unit', id: unitId }, year, v.limit, v.cursor);
    const people = v.cursor ? [] : await peopleOf(unitId);
    const personLedgers = await Promise.all(
      people.map(async (p) => {
        const {
          meritRecommendations: _m,
          cadreNotes: _c,
          ...scores
        } = totals(await ledgerOf({ type: 'person', id: p.personId }, year));
        return { personId: p.personId, name: p.name, totals: scores };
      }),
    );
    const withEntries = personLedgers.filter((p) => p.totals.entries > 0);
    const [urgings, inquiries] = await Promise.all([
      urgingsOfUnit(unitId, year, LEDGER_URGINGS),
      listOrders({ year, unitId, type: 'inquiry', status: 'escalated' }, 100),
    ]);
    // The latest referred first; at most LEDGER_REFERRALS (a referral's notes are long).
    const referrals = inquiries.items
      .flatMap((o) =>
        o.referral
          ? [{ orderId: o.orderId, displayNumber: o.displayNumber, itemId: o.itemId, referral: o.referral }]
          : [],
      )
      .sort((a, b) => b.referral.referredOn.localeCompare(a.referral.referredOn));
    return {
      unitId,
      year,
      ...ledger,
      people: withEntries.slice(0, LEDGER_PEOPLE),
      ...(withEntries.length > LEDGER_PEOPLE ? { peopleTruncated: true } : {}),
      urgings: {
        count: urgings.items.length,
        truncated: Boolean(urgings.nextCursor),
        latest: urgings.items.slice(0, 20),
      },
      referrals: referrals.slice(0, LEDGER_REFERRALS),
      ...(referrals.length > LEDGER_REFERRALS || inquiries.nextCursor ? { referralsTruncated: true } : {}),
    };
  },
  personLedger: async (req) => {
    const { unitId, personId } = req.params;
    requireLedgerReader(req.actor, unitId);
    const person = await findPerson(personId);
    if (!person || person.unitId !== unitId) throw new NotFound('person', personId);
    const v = req.query;
    const year = v.year ?? currentYear();
    return {
      unitId,
      personId,
      name: person.name,
      year,
      ...(await ledgerYear({ type: 'person', id: personId }, year, v.limit, v.cursor)),
    };
  },
  opsWorkflow: async (req) => await workflowOf(req.params.subjectId),
  opsWorkflowHistory: async (req) => {
    const v = req.query;
    return await workflowHistory(req.params.subjectId, v.limit, v.cursor);
  },
  myInbox: async (req) => await inboxOf(req.actor, req.query.year),
  getEvaluation: async (req) => {
    const period = req.params.period;
    const v = req.query;
    const drafts = readsInquiryDrafts(req.actor);
    const e = await evaluationPage(period, v.limit, {
      cursor: v.cursor,
      drafts,
      draftsCursor: v.draftsCursor,
    });
    if (!e.summary) throw new NotFound('evaluation', period);
    return {
      summary: e.summary,
      units: e.units,
      items: e.items.map((r) => resultView(req.actor, r)),
      ...(e.nextCursor ? { nextCursor: e.nextCursor } : {}),
      drafts: drafts ? e.drafts : [],
      ...(drafts && e.nextDraftsCursor ? { nextDraftsCursor: e.nextDraftsCursor } : {}),
    };
  },
  listUnits: async (req) => {
    const v = req.query;
    return pageView(await listUnits(v.limit, v.cursor, v.type), toUnitView);
  },
  getUnit: async (req) => {
    const v = req.query;
    const unit = await getUnit(req.params.unitId);
    // Another unit's staff are not on the public board.
    if (!readsPeopleOf(req.actor, unit.unitId)) return toUnitView(unit);
    const people = await peoplePage(unit.unitId, v.limit, v.cursor);
    return {
      ...toUnitView(unit),
      people: people.items.map(toPersonView),
      ...(people.nextCursor ? { nextCursor: people.nextCursor } : {}),
    };
  },
  listProposals: async (req) => {
    const v = req.query;
    const unitId = proposalScope(req.actor, v.unit);
    const page = await listProposals(
      {
        year: v.year ?? currentYear(),
        ...(v.status ? { status: v.status } : {}),
        ...(unitId ? { unitId } : {}),
      },
      v.limit,
      v.cursor,
    );
    return pageView(page, toProposalView);
  },
  listItems: async (req) => {
    const v = req.query;
    if (!listsItemsOf(req.actor, v.status)) return { items: [] };
    const page = await listItems(
      {
        year: v.year ?? currentYear(),
        ...(v.kind ? { kind: v.kind } : {}),
        ...(v.status ? { status: v.status } : {}),
        ...(v.class ? { itemClass: v.class } : {}),
        ...(v.category ? { category: v.category } : {}),
        ...(v.unit ? { unitId: v.unit } : {}),
        ...(v.manager ? { managerId: v.manager } : {}),
      },
      v.limit,
      v.cursor,
    );
    return visiblePage(page, (i) => itemView(req.actor, i));
  },
  getItem: async (req) => requireItemVisible(req.actor, await getItem(req.params.id)),
  itemHistory: async (req) => {
    const item = await getItem(req.params.id);
    requireTrailReader(req.actor, item);
    const v = req.query;
    const events = await readTrail(itemPk(item.itemId));
    // The whole chain is verified (it is read whole: the hash of each event needs the one
    // before); the reader sees a page of the events the read rules give it.
    const page = pageOfList(
      { trail: item.itemId },
      trailView(req.actor, item, events),
      (e) => String(e.seq).padStart(8, '0'),
      v.limit,
      v.cursor,
    );
    return {
      itemId: item.itemId,
      verification: verifyTrail(events, { seq: item.auditSeq, hash: item.auditHead }),
      events: page.items,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
  getList: async (req) => {
    const year = req.params.year;
    const v = req.query;
    const page = await batchPage(year, v.limit, v.cursor);
    return { year, batches: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  },
  listClaims: async (req) => {
    const v = req.query;
    const item = await getItem(req.params.id);
    requireItemVisible(req.actor, item);
    const page = await claimPage(item.itemId, v.limit, v.cursor);
    // A unit sees its own claim and the outcome, not its competitors' plans.
    return visiblePage(page, (c) => (claimVisible(req.actor, c) ? toClaimView(c) : undefined));
  },
  listProgress: async (req) => {
    const v = req.query;
    const item = await getItem(req.params.id);
    requireItemVisible(req.actor, item);
    const page = await progressOf(item.itemId, v.limit, v.cursor);
    return visiblePage(page, (r) => progressView(req.actor, item, r));
  },
  listOrders: async (req) => {
    const v = req.query;
    const page = await listOrders(
      {
        year: v.year ?? currentYear(),
        ...(v.type ? { type: v.type } : {}),
        ...(v.unit ? { unitId: v.unit } : {}),
        ...(v.status ? { status: v.status } : {}),
        ...(v.item ? { itemId: v.item } : {}),
      },
      v.limit,
      v.cursor,
    );
    return visiblePage(page, (o) => orderView(req.actor, o));
  },
  getOrder: async (req) => orderView(req.actor, await getOrder(req.params.id)),
  getCalendarYear: async (req) => await calendarYear(req.params.year),
  // The year of the system's Beijing date unless one is asked for.
  rulesInForce: async (req) => await rulesInForce(req.query.year ?? Number(beijingDate(now()).slice(0, 4))),
};

/** The operations of ApiWrite: commands. Each API function bundles only its own (functions/handlers/api-*.ts). */
export const writeOperations: OperationsOf<DeclaredRoute, 'ApiWrite'> = {
  opsRestartWorkflow: async (req) => {
    // No body is no note (the router reads none as {}); any body sent must be the declared object.
    return await restartSubjectWorkflow(ctx(req), req.params.subjectId, req.body.note);
  },
  runEvaluation: async (req) => {
    const v = req.body;
    // Idempotent by themselves (each draft is issued once; an execution name runs once), so
    // an Idempotency-Key's answer is recorded after them, not in one of their commits.
    if (v.confirm) {
      const confirm = v.confirm;
      return await withoutAnswering(() => confirmDrafts(ctx(req), v.period, confirm));
    }
    // Refused here (422) rather than in the workflow it would start: only ended periods run.
    requirePeriodEnded(v.period);
    // A period of thousands of items outlasts an HTTP request: the workflow runs it. With an
    // Idempotency-Key the name follows from the key: a retry after a crash starts nothing new.
    const keyId = currentKeyId();
    const executionName = keyId
      ? `api-${v.period}-k${keyId.slice(0, 32)}`
      : `api-${v.period}-${now().getTime()}-${randomUUID().slice(0, 8)}`;
    await withoutAnswering(() =>
      workflows().start('Evaluation', executionName, { job: 'evaluate', period: v.period }),
    );
    return { period: v.period, executionName, status: 'started' };
  },
  reconcileWorkflows: async (req) => {
    const v = req.body;
    // Thousands of items outlast an HTTP request: the Reconcile workflow runs it, as the daily
    // schedule does. With an Idempotency-Key the name follows from the key.
    const keyId = currentKeyId();
    const executionName = keyId
      ? `api-reconcile-k${keyId.slice(0, 32)}`
      : `api-reconcile-${now().getTime()}-${randomUUID().slice(0, 8)}`;
    await withoutAnswering(() =>
      workflows().start('Reconcile', executionName, {
        job: 'reconcile',
        requestedBy: req.actor.sub,
        ...(v.reason ? { reason: v.reason } : {}),
      }),
    );
    return { executionName, status: 'started' };
  },
  createUnit: async (req) => await viewed(toUnitView, () => createUnit(ctx(req), req.body)),
  createPerson: async (req) =>
    await viewed(toPersonView, () => createPerson(ctx(req), req.params.unitId, req.body)),
  declareProposal: async (req) => await viewed(toProposalView, () => declareProposal(ctx(req), req.body)),
  decideProposal: async (req) =>
    await viewed(toProposalDecisionView, () => decideProposal(ctx(req), req.params.id, req.body)),
  createItem: async (req) => await viewed(toItemView, () => createItem(ctx(req), req.body)),
  editItem: async (req) => await viewed(toItemView, () => editItem(ctx(req), req.params.id, req.body)),
  publishBatch: async (req) =>
    await viewed(toBatchView, () => publishBatch(ctx(req), req.params.year, req.body)),
  claimItem: async (req) => await viewed(toClaimView, () => claim(ctx(req), req.params.id, req.body)),
  awardClaim: async (req) =>
    await viewed(toOrderView, () => award(ctx(req), req.params.id, req.params.claimId, req.body)),
  assignItem: async (req) => await viewed(toOrderView, () => assign(ctx(req), req.params.id, req.body)),
  reopenItem: async (req) => await viewed(toItemView, () => reopen(ctx(req), req.params.id, req.body)),
  reportProgress: async (req) =>
    await viewed(toProgressReportView, () => reportProgress(ctx(req), req.params.id, req.body)),
  reportCompletion: async (req) =>
    await viewed(toItemView, () => reportCompletion(ctx(req), req.params.id, req.body)),
  verifyCompletion: async (req) =>
    await viewed(toOrderView, () => verifyCompletion(ctx(req), req.params.id, req.body)),
  reportViolation: async (req) =>
    await viewed(toOrderView, () => reportViolation(ctx(req), req.params.id, req.body)),
  acknowledgeOrder: async (req) =>
    await viewed(toOrderView, () => acknowledge(ctx(req), req.params.id, req.body)),
  answerInquiry: async (req) =>
    await viewed(toOrderView, () => answerInquiry(ctx(req), req.params.id, req.body)),
  decideInquiry: async (req) =>
    await viewed(toOrderView, () => decideInquiry(ctx(req), req.params.id, req.body)),
  loadCalendarYear: async (req) => await loadCalendar(ctx(req), req.params.year, req.body),
};
