/**
 * What each route does, by operationId: parse path and query with the shared schemas, call
 * one application command or one read, shape the answer. No rules live here.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { calendarYear, onCalendar } from '#app/calendar.ts';
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
import { confirmDrafts, evaluationOf, requirePeriodEnded } from '#app/evaluation.ts';
import { restartSubjectWorkflow, workflowHistory, workflowOf } from '#app/executions.ts';
import { inboxOf } from '#app/inbox.ts';
import { workflows } from '#app/ports.ts';
import { rulesInForce } from '#app/rules.ts';
import { yearStats } from '#app/stats.ts';
import { parse } from '#app/support.ts';
import { readTrail } from '#data/audit.ts';
import { batchesAndPeople, batchesOf } from '#data/batches.ts';
import { claimsOf } from '#data/claims.ts';
import { withoutAnswering } from '#data/db.ts';
import { probeTable } from '#data/health.ts';
import { getItem, itemPk, listItems, listPublicItems } from '#data/items.ts';
import { getOrder, listOrders } from '#data/orders.ts';
import { allProgressOf, progressOf } from '#data/progress.ts';
import { listProposals } from '#data/proposals.ts';
import { ledgerOf, noticesOf } from '#data/results.ts';
import { getUnit, listUnits, peopleOf } from '#data/units.ts';
import {
  claimVisible,
  itemView,
  orderView,
  progressView,
  proposalScope,
  readsDrafts,
  readsInquiryDrafts,
  readsPeopleOf,
  requireItemVisible,
  requireLedgerReader,
  requireRole,
  requireTrailReader,
  resultView,
  trailView,
} from '#domain/access.ts';
import { verifyTrail } from '#domain/audit.ts';
import { beijingDate } from '#domain/calendar.ts';
import { NotFound } from '#domain/errors.ts';
import { totals } from '#domain/grading.ts';
import {
  Category,
  fromText,
  Id,
  type Item,
  ItemClass,
  ItemKind,
  ItemStatus,
  OrderId,
  OrderStatus,
  OrderType,
  PageSize,
  Period,
  ProposalStatus,
  Prose,
  UnitType,
  Year,
} from '#domain/model.ts';
import { publicPlan } from '#domain/public.ts';
import { now } from '#lib/clock.ts';
import type { Answer, Operation, Request } from './http.ts';
import { currentKeyId } from './idempotency.ts';
import { servedOpenApiDocument } from './openapi-file.ts';

const Limit = fromText(PageSize).default(25);
const YearParam = fromText(Year);
const currentYear = () => now().getUTCFullYear();

export const querySchemas = {
  listItems: z.strictObject({
    year: YearParam.optional(),
    kind: ItemKind.optional(),
    class: ItemClass.optional(),
    category: Category.optional(),
    status: ItemStatus.optional(),
    unit: Id.optional(),
    manager: Id.optional(),
    limit: Limit,
    cursor: z.string().max(2000).optional(),
  }),
  listOrders: z.strictObject({
    year: YearParam.optional(),
    type: OrderType.optional(),
    unit: Id.optional(),
    status: OrderStatus.optional(),
    item: Id.optional(),
    limit: Limit,
    cursor: z.string().max(2000).optional(),
  }),
  listProposals: z.strictObject({
    year: YearParam.optional(),
    status: ProposalStatus.optional(),
    unit: Id.optional(),
    limit: Limit,
    cursor: z.string().max(2000).optional(),
  }),
  listUnits: z.strictObject({
    type: UnitType.optional(),
    limit: Limit,
    cursor: z.string().max(2000).optional(),
  }),
  listProgress: z.strictObject({ limit: Limit, cursor: z.string().max(2000).optional() }),
  publicList: z.strictObject({
    kind: ItemKind.optional(),
    class: ItemClass.optional(),
    category: Category.optional(),
    status: ItemStatus.optional(),
    unit: Id.optional(),
    limit: fromText(PageSize).default(100),
    cursor: z.string().max(2000).optional(),
  }),
  publicNotices: z.strictObject({
    year: YearParam.optional(),
    limit: Limit,
    cursor: z.string().max(2000).optional(),
  }),
  unitLedger: z.strictObject({ year: YearParam.optional() }),
  myInbox: z.strictObject({ year: YearParam.optional() }),
  rulesInForce: z.strictObject({ year: YearParam.optional() }),
  opsWorkflowHistory: z.strictObject({
    limit: fromText(PageSize).default(100),
    cursor: z.string().max(2000).optional(),
  }),
  empty: z.strictObject({}),
} as const;

export const pathSchemas = {
  id: Id,
  year: YearParam,
  period: Period,
};

export const EvaluationRequest = z.strictObject({
  period: Period,
  /** Items whose inquiry drafts of the period the office confirms (instead of a run). */
  confirm: z.array(Id).min(1).max(500).optional(),
});
/** A workflow restart: optionally why (recorded in the audit event). */
export const RestartInput = z.strictObject({ note: Prose(500).optional() });
export const ReconcileRequest = z.strictObject({
  /** Why the office runs it (an incident, a restore): in the execution's input and the log. */
  reason: Prose(500, { line: true }).optional(),
});

const q = <K extends keyof typeof querySchemas>(k: K, req: Request) =>
  parse(querySchemas[k], req.query) as z.infer<(typeof querySchemas)[K]>;
const ctx = (req: Request) => ({ actor: req.actor! });
const id = (req: Request, name = 'id') => parse(Id, req.params[name]);
const ok = (body: unknown): Answer => ({ status: 200, body });
const created = (body: unknown): Answer => ({ status: 201, body });

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

/** The lead unit the public sees: none while the item is open for claims. */
const publicLeadUnit = (i: Item): string | null =>
  i.status === 'published' || i.status === 'unclaimed' ? null : (i.leadUnitId ?? null);

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
export const publicOperations: Readonly<Record<string, Operation>> = {
  health: async () => {
    // Alive means able to serve: one cheap read of the table, or a 503 saying it cannot.
    await probeTable();
    return ok({ status: 'ok', time: now().toISOString() });
  },
  publicNotices: async (req) => {
    const v = q('publicNotices', req);
    return ok(await noticesOf(v.year ?? currentYear(), v.limit, v.cursor));
  },
  publicStats: async (req) => ok(await yearStats(parse(YearParam, req.params.year))),
  publicRankings: async (req) => {
    const period = parse(Period, req.params.period);
    const e = await evaluationOf(period);
    if (!e.summary) throw new NotFound('evaluation', period);
    // Public: unit rankings and item ranks, no internal reasons or drafts.
    return ok({
      period,
      date: e.summary.date,
      units: e.units,
      items: e.items.map((r) => ({
        itemId: r.itemId,
        unitId: r.unitId,
        category: r.category,
        rankInCategory: r.rankInCategory,
        categorySize: r.categorySize,
        rankInPeerGroup: r.rankInPeerGroup,
        peerGroupSize: r.peerGroupSize,
        ...(r.rankChange !== undefined ? { rankChange: r.rankChange } : {}),
        expected: r.expected,
        actual: r.actual,
      })),
    });
  },
  // The file the build generated (no generator in any Lambda).
  openapi: async () => ok(await servedOpenApiDocument()),
  publicList: async (req) => {
    const year = parse(YearParam, req.params.year);
    const v = q('publicList', req);
    const asOf = beijingDate(now());
    // One Query of an index that holds exactly the list's items (data/items.ts listPublicItems):
    // batch after batch, then the items assigned directly (the meeting's major projects and
    // reforms), batchNo null. The page's batches and managers in one BatchGetItem.
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
    const { batches, people: found } = await batchesAndPeople(year, batchNos, managerIds);
    const people = new Map(found.map((p) => [p.personId, p]));
    // A manager's name only when the person is of the item's lead unit.
    const names = async (unitId: string, personId: string) => {
      const p = people.get(personId);
      return p && p.unitId === unitId ? p.name : null;
    };
    const items = [];
    for (const i of page.items) items.push(await publicListItem(i, i.batchNo ?? null, asOf, names));
    return ok({
      year,
      asOf,
      batches: batches.map(({ itemIds: _ids, ...b }) => b),
      items,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    });
  },
  publicUnits: async () => {
    const units = [];
    let cursor: string | undefined;
    do {
      const page = await listUnits(100, cursor);
      for (const u of page.items) {
        units.push({
          unitId: u.unitId,
          name: u.name,
          ...(u.nameZh ? { nameZh: u.nameZh } : {}),
          unitType: u.unitType,
        });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return ok({ items: units });
  },
  publicItem: async (req) => {
    const item = await getItem(id(req));
    // Items published in a batch or assigned directly are public; a draft is as if it did not exist.
    if (item.status === 'draft') throw new NotFound('item', item.itemId);
    const asOf = beijingDate(now());
    const reports = await allProgressOf(item.itemId);
    const orders = await listOrders({ year: item.year, itemId: item.itemId }, 100);
    return ok({
      ...(await publicListItem(item, item.batchNo ?? null, asOf, managerNames())),
      year: item.year,
      asOf,
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
    });
  },
};

/** The operations of ApiRead: authenticated reads. Each API function bundles only its own (functions/handlers/api-*.ts). */
export const readOperations: Readonly<Record<string, Operation>> = {
  unitLedger: async (req) => {
    const unitId = id(req, 'unitId');
    requireLedgerReader(req.actor, unitId);
    await getUnit(unitId);
    const v = q('unitLedger', req);
    const year = v.year ?? currentYear();
    const entries = await ledgerOf({ type: 'unit', id: unitId }, year);
    const people = await peopleOf(unitId);
    const personLedgers = await Promise.all(
      people.map(async (p) => {
        const e = await ledgerOf({ type: 'person', id: p.personId }, year);
        return { personId: p.personId, name: p.name, totals: totals(e), entries: e };
      }),
    );
    return ok({
      unitId,
      year,
      totals: totals(entries),
      entries,
      people: personLedgers.filter((p) => p.entries.length > 0),
    });
  },
  opsWorkflow: async (req) => ok(await workflowOf(id(req, 'subjectId'))),
  opsWorkflowHistory: async (req) => {
    const v = q('opsWorkflowHistory', req);
    return ok(await workflowHistory(id(req, 'subjectId'), v.limit, v.cursor));
  },
  myInbox: async (req) => ok(await inboxOf(req.actor!, q('myInbox', req).year)),
  getEvaluation: async (req) => {
    const period = parse(Period, req.params.period);
    const e = await evaluationOf(period);
    if (!e.summary) throw new NotFound('evaluation', period);
    return ok({
      ...e,
      items: e.items.map((r) => resultView(req.actor, r)),
      drafts: readsInquiryDrafts(req.actor) ? e.drafts : [],
    });
  },
  listUnits: async (req) => {
    const v = q('listUnits', req);
    return ok(await listUnits(v.limit, v.cursor, v.type));
  },
  getUnit: async (req) => {
    const unit = await getUnit(id(req, 'unitId'));
    // Another unit's staff are not on the public board.
    return ok(
      readsPeopleOf(req.actor, unit.unitId) ? { ...unit, people: await peopleOf(unit.unitId) } : unit,
    );
  },
  listProposals: async (req) => {
    const v = q('listProposals', req);
    const unitId = proposalScope(req.actor!, v.unit);
    return ok(
      await listProposals(
        {
          year: v.year ?? currentYear(),
          ...(v.status ? { status: v.status } : {}),
          ...(unitId ? { unitId } : {}),
        },
        v.limit,
        v.cursor,
      ),
    );
  },
  listItems: async (req) => {
    const v = q('listItems', req);
    if (v.status === 'draft' && !readsDrafts(req.actor)) return ok({ items: [] });
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
    return ok(visiblePage(page, (i) => itemView(req.actor, i)));
  },
  getItem: async (req) => ok(requireItemVisible(req.actor, await getItem(id(req)))),
  itemHistory: async (req) => {
    const item = await getItem(id(req));
    requireTrailReader(req.actor, item);
    const events = await readTrail(itemPk(item.itemId));
    return ok({
      itemId: item.itemId,
      // The whole chain is verified; the reader sees the events the read rules give it.
      verification: verifyTrail(events, { seq: item.auditSeq, hash: item.auditHead }),
      events: trailView(req.actor, item, events),
    });
  },
  getList: async (req) => {
    const year = parse(YearParam, req.params.year);
    return ok({ year, batches: await batchesOf(year) });
  },
  listClaims: async (req) => {
    const item = await getItem(id(req));
    requireItemVisible(req.actor, item);
    const claims = await claimsOf(item.itemId);
    // A unit sees its own claim and the outcome, not its competitors' plans.
    const visible = claims.filter((c) => claimVisible(req.actor, c));
    return ok({ items: visible.map(({ version: _v, ...c }) => c) });
  },
  listProgress: async (req) => {
    const v = q('listProgress', req);
    const item = await getItem(id(req));
    requireItemVisible(req.actor, item);
    const page = await progressOf(item.itemId, v.limit, v.cursor);
    return ok(visiblePage(page, (r) => progressView(req.actor, item, r)));
  },
  listOrders: async (req) => {
    const v = q('listOrders', req);
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
    return ok(visiblePage(page, (o) => orderView(req.actor, o)));
  },
  getOrder: async (req) => ok(orderView(req.actor, await getOrder(parse(OrderId, req.params.id)))),
  getCalendarYear: async (req) => ok(await calendarYear(parse(YearParam, req.params.year))),
  // The year of the system's Beijing date unless one is asked for.
  rulesInForce: async (req) =>
    ok(await rulesInForce(q('rulesInForce', req).year ?? Number(beijingDate(now()).slice(0, 4)))),
};

/** The operations of ApiWrite: commands. Each API function bundles only its own (functions/handlers/api-*.ts). */
export const writeOperations: Readonly<Record<string, Operation>> = {
  opsRestartWorkflow: async (req) => {
    // No body is no note; any body sent (JSON null included) must be the declared object.
    const v = parse(RestartInput, req.body === undefined ? {} : req.body);
    return ok(await restartSubjectWorkflow(ctx(req), id(req, 'subjectId'), v.note));
  },
  runEvaluation: async (req) => {
    const v = parse(EvaluationRequest, req.body);
    requireRole(req.actor!, 'runEvaluation');
    // Idempotent by themselves (each draft is issued once; an execution name runs once), so
    // an Idempotency-Key's answer is recorded after them, not in one of their commits.
    if (v.confirm) {
      const confirm = v.confirm;
      return {
        status: 202,
        body: await withoutAnswering(() => confirmDrafts(ctx(req), v.period, confirm)),
      };
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
    return { status: 202, body: { period: v.period, executionName, status: 'started' } };
  },
  reconcileWorkflows: async (req) => {
    const v = parse(ReconcileRequest, req.body);
    requireRole(req.actor!, 'reconcileWorkflows');
    // Thousands of items outlast an HTTP request: the Reconcile workflow runs it, as the daily
    // schedule does. With an Idempotency-Key the name follows from the key.
    const keyId = currentKeyId();
    const executionName = keyId
      ? `api-reconcile-k${keyId.slice(0, 32)}`
      : `api-reconcile-${now().getTime()}-${randomUUID().slice(0, 8)}`;
    await withoutAnswering(() =>
      workflows().start('Reconcile', executionName, {
        job: 'reconcile',
        requestedBy: req.actor!.sub,
        ...(v.reason ? { reason: v.reason } : {}),
      }),
    );
    return { status: 202, body: { executionName, status: 'started' } };
  },
  createUnit: async (req) => created(await createUnit(ctx(req), req.body)),
  createPerson: async (req) => created(await createPerson(ctx(req), id(req, 'unitId'), req.body)),
  declareProposal: async (req) => created(await declareProposal(ctx(req), req.body)),
  decideProposal: async (req) => ok(await decideProposal(ctx(req), id(req), req.body)),
  createItem: async (req) => created(await createItem(ctx(req), req.body)),
  editItem: async (req) => ok(await editItem(ctx(req), id(req), req.body)),
  publishBatch: async (req) =>
    created(await publishBatch(ctx(req), parse(YearParam, req.params.year), req.body)),
  claimItem: async (req) => created(await claim(ctx(req), id(req), req.body)),
  awardClaim: async (req) => created(await award(ctx(req), id(req), id(req, 'claimId'), req.body)),
  assignItem: async (req) => created(await assign(ctx(req), id(req), req.body)),
  reopenItem: async (req) => ok(await reopen(ctx(req), id(req), req.body)),
  reportProgress: async (req) => created(await reportProgress(ctx(req), id(req), req.body)),
  reportCompletion: async (req) => ok(await reportCompletion(ctx(req), id(req), req.body)),
  verifyCompletion: async (req) => created(await verifyCompletion(ctx(req), id(req), req.body)),
  reportViolation: async (req) => created(await reportViolation(ctx(req), id(req), req.body)),
  acknowledgeOrder: async (req) => ok(await acknowledge(ctx(req), parse(OrderId, req.params.id), req.body)),
  answerInquiry: async (req) => ok(await answerInquiry(ctx(req), parse(OrderId, req.params.id), req.body)),
  decideInquiry: async (req) => ok(await decideInquiry(ctx(req), parse(OrderId, req.params.id), req.body)),
  loadCalendarYear: async (req) =>
    created(await loadCalendar(ctx(req), parse(YearParam, req.params.year), req.body)),
};
