/**
 * The HTTP contract of every operation in infra/resources/routes.ts: what a caller may send
 * (path parameters, query, body) and what it gets back, per status. The request schemas are
 * the very ones the handlers parse with (querySchemas and pathSchemas of operations.ts, the
 * command inputs of the domain); the response schemas are built from the entity schemas of
 * the domain model. The OpenAPI document (openapi.ts) is generated from this table, and
 * test/support/contract.ts checks real responses against it.
 *
 * Response objects built from the entity schemas are open (a client must tolerate fields it
 * does not know); the error body, the public list and the health answer are exact.
 */
import { extendZodWithOpenApi, OpenAPIRegistry, zodToOpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { PublicItem, PublicOrder, PublicProgressReport } from '#domain/access.ts';
import { CalendarTableInput, packageTable } from '#domain/calendar.ts';
import {
  AcknowledgeInput,
  AssignInput,
  AwardInput,
  ClaimInput,
  CompletionInput,
  CreateItemInput,
  CreatePersonInput,
  CreateUnitInput,
  DecideProposalInput,
  DeclareProposalInput,
  InquiryAnswerInput,
  InquiryDecisionInput,
  PatchItemInput,
  ProgressInput,
  PublishBatchInput,
  ReopenInput,
  VerificationInput,
  ViolationInput,
} from '#domain/commands.ts';
import { DEFAULT_RULES, Effect, OUTCOMES } from '#domain/grading.ts';
import { INBOX_KINDS } from '#domain/inbox.ts';
import {
  AuditEvent,
  Batch,
  Category,
  Claim,
  Id,
  InquiryTrigger,
  IsoDate,
  IsoDateTime,
  Item,
  ItemClass,
  ItemKind,
  ItemStatus,
  ORDER_TYPES,
  Order,
  OrderId,
  Person,
  ProgressReport,
  Proposal,
  Stage,
  Unit,
  UnitType,
  Year,
} from '#domain/model.ts';
import { ImportRequest } from '#domain/sheets.ts';
import { routes } from '#resources/routes.ts';
import { documentPathSchemas, documentQuerySchemas, MEDIA_TYPES } from './document-schemas.ts';
import { KEY_PATTERN } from './idempotency.ts';
import {
  EvaluationRequest,
  pathSchemas,
  querySchemas,
  ReconcileRequest,
  RestartInput,
} from './operations.ts';

// `.openapi()` on zod schemas: the registry names components through it.
extendZodWithOpenApi(z);

/**
 * zod copies prototype methods onto each instance when it is built, so the schemas the domain
 * built before `extendZodWithOpenApi` ran have no `.openapi()`: an identical clone does.
 */
const openable = <T extends z.ZodType>(schema: T): T =>
  typeof (schema as { openapi?: unknown }).openapi === 'function' ? schema : schema.clone();

/** Names a schema as a component (`#/components/schemas/<name>`). */
const named = <T extends z.ZodType>(name: string, schema: T): T => registry.register(name, openable(schema));

/** Every schema and parameter component of the API. openapi.ts adds the paths to a child registry. */
export const registry = new OpenAPIRegistry();

// ---------------------------------------------------------------------------------------------
// Errors

export const ErrorBody = named(
  'Error',
  z
    .strictObject({
      error: z.strictObject({
        code: z
          .string()
          .min(1)
          .openapi({ description: 'Stable, machine-readable code, e.g. `item.not_found`.' }),
        message: z.string().openapi({ description: 'For people; never a stack trace.' }),
        details: z
          .array(
            z.strictObject({
              path: z
                .string()
                .openapi({ description: 'The offending field, dotted (`milestones.0.weight`).' }),
              message: z.string(),
            }),
          )
          .openapi({
            description: 'One entry per offending field; empty when the error is not about fields.',
          }),
      }),
    })
    .openapi({ description: 'The one error shape of this API.' }),
);

/** What API Gateway itself answers (JWT authorizer, payload limits, its own failures). */
export const GatewayError = named(
  'GatewayError',
  z.strictObject({ message: z.string() }).openapi({
    description: 'Answered by API Gateway before the function runs, e.g. `{"message":"Unauthorized"}`.',
  }),
);

const ErrorOrGateway = z.union([ErrorBody, GatewayError]);

// ---------------------------------------------------------------------------------------------
// Request parts

/** The `Idempotency-Key` header every POST accepts. */
export const IdempotencyKey = registry.registerParameter(
  'IdempotencyKey',
  z
    .string()
    .regex(KEY_PATTERN)
    .optional()
    .openapi({
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

const IdParam = (name: string, description: string) =>
  openable(pathSchemas.id).openapi({ param: { name, in: 'path', description } });

/**
 * `year` in paths and queries is read as text and coerced (`pathSchemas.year`); OpenAPI would
 * see only the coercion's input (a number). Describe what it accepts: an integer, 2000–2100.
 */
const YEAR_DOC = { type: 'integer', minimum: 2000, maximum: 2100, example: 2022 } as const;
zodToOpenAPIRegistry.add(pathSchemas.year, YEAR_DOC);

const YearPathParam = openable(pathSchemas.year).openapi({
  ...YEAR_DOC,
  param: { name: 'year', in: 'path', description: 'Year of the list.' },
});

/** Order ids as issued: `<year>-<RES|COM|INQ>-<number>`. */
const OrderIdParam = openable(OrderId).openapi({
  param: { name: 'id', in: 'path', description: 'Order id as issued: `<year>-<RES|COM|INQ>-<number>`.' },
  example: '2022-RES-0001',
});

const PeriodParam = openable(pathSchemas.period).openapi({
  param: { name: 'period', in: 'path', description: 'Evaluation period: a month, `YYYY-MM`.' },
  example: '2022-05',
});

const CalendarYearPathParam = openable(pathSchemas.year).openapi({
  ...YEAR_DOC,
  param: { name: 'year', in: 'path', description: 'Calendar year.' },
});

const params = {
  itemId: z.strictObject({ id: IdParam('id', 'Item id.') }),
  unitId: z.strictObject({ unitId: IdParam('unitId', 'Unit id.') }),
  proposalId: z.strictObject({ id: IdParam('id', 'Proposal id.') }),
  claim: z.strictObject({ id: IdParam('id', 'Item id.'), claimId: IdParam('claimId', 'Claim id.') }),
  orderId: z.strictObject({ id: OrderIdParam }),
  year: z.strictObject({ year: YearPathParam }),
  period: z.strictObject({ period: PeriodParam }),
  calendarYear: z.strictObject({ year: CalendarYearPathParam }),
  subjectId: z.strictObject({ subjectId: IdParam('subjectId', 'An item id, or an inquiry order id.') }),
  sheet: z.strictObject({
    sheet: openable(documentPathSchemas.sheet).openapi({
      param: { name: 'sheet', in: 'path', description: 'Which sheet: `items` or `progress`.' },
    }),
  }),
  dataset: z.strictObject({
    dataset: openable(documentPathSchemas.dataset).openapi({
      param: { name: 'dataset', in: 'path', description: 'What to export.' },
    }),
  }),
};

// ---------------------------------------------------------------------------------------------
// Bodies: the command inputs of the domain, named

const bodies = {
  CreateUnitInput: named('CreateUnitInput', CreateUnitInput),
  CreatePersonInput: named('CreatePersonInput', CreatePersonInput),
  DeclareProposalInput: named('DeclareProposalInput', DeclareProposalInput),
  DecideProposalInput: named('DecideProposalInput', DecideProposalInput),
  CreateItemInput: named('CreateItemInput', CreateItemInput),
  PatchItemInput: named('PatchItemInput', PatchItemInput),
  PublishBatchInput: named('PublishBatchInput', PublishBatchInput),
  ClaimInput: named('ClaimInput', ClaimInput),
  AwardInput: named('AwardInput', AwardInput),
  AssignInput: named('AssignInput', AssignInput),
  ReopenInput: named('ReopenInput', ReopenInput),
  ProgressInput: named('ProgressInput', ProgressInput),
  CompletionInput: named('CompletionInput', CompletionInput),
  VerificationInput: named('VerificationInput', VerificationInput),
  ViolationInput: named('ViolationInput', ViolationInput),
  AcknowledgeInput: named('AcknowledgeInput', AcknowledgeInput),
  InquiryAnswerInput: named('InquiryAnswerInput', InquiryAnswerInput),
  InquiryDecisionInput: named('InquiryDecisionInput', InquiryDecisionInput),
  EvaluationRequest: named('EvaluationRequest', EvaluationRequest),
  EmptyInput: named('RestartInput', RestartInput),
  ReconcileRequest: named('ReconcileRequest', ReconcileRequest),
  CalendarTableInput: named('CalendarTableInput', CalendarTableInput),
  ImportRequest: named('ImportRequest', ImportRequest),
};

// ---------------------------------------------------------------------------------------------
// Response bodies: the entities of the domain, named

const entities = {
  Item: named('Item', Item),
  Unit: named('Unit', Unit),
  Person: named('Person', Person),
  Proposal: named('Proposal', Proposal),
  Claim: named('Claim', Claim),
  Order: named('Order', Order),
  ProgressReport: named('ProgressReport', ProgressReport),
  Batch: named('Batch', Batch),
  AuditEvent: named('AuditEvent', AuditEvent),
  // What another unit's people (and the public) see: the read rules of functions/domain/access.ts.
  PublicItem: named(
    'PublicItem',
    openable(PublicItem).openapi({
      description: 'An item as the public board shows it (another unit’s item).',
    }),
  ),
  PublicOrder: named(
    'PublicOrder',
    openable(PublicOrder).openapi({
      description: 'An order in summary (another unit’s): no reason, answer, plan, decision note or people.',
    }),
  ),
  PublicProgressReport: named(
    'PublicProgressReport',
    openable(PublicProgressReport).openapi({
      description: 'A progress report of another unit’s item: no user id.',
    }),
  ),
};

/** What a read returns: the entity in full, or its public view (the read rules decide). */
const ItemView = z.union([entities.Item, entities.PublicItem]);
const OrderView = z.union([entities.Order, entities.PublicOrder]);
const ProgressView = z.union([entities.ProgressReport, entities.PublicProgressReport]);

/** A page of a cursor-paginated listing. */
const page = <T extends z.ZodType>(name: string, item: T) =>
  named(
    name,
    z.object({
      items: z.array(item),
      nextCursor: z
        .string()
        .optional()
        .openapi({ description: 'Pass as `cursor` for the next page; absent on the last page.' }),
    }),
  );

// ---------------------------------------------------------------------------------------------
// Documents (issue 13): files and import answers

/** A file answer's body: bytes, not JSON (the media types are declared with the response). */
const FileBody = z.unknown();
const SHEET_MEDIA_TYPES = [MEDIA_TYPES.xlsx, MEDIA_TYPES.csv] as const;

const ImportAnswer = named(
  'ImportAnswer',
  z.object({
    dryRun: z.boolean(),
    rows: z.number().int().min(0).openapi({ description: 'Data rows read (after the header row).' }),
    errors: z.array(
      z.strictObject({
        row: z.number().int().min(1).openapi({ description: 'The row of the sheet (the header is row 1).' }),
        column: z
          .string()
          .openapi({ description: 'The column’s header as the sheet has it; empty for the row.' }),
        code: z.string(),
        message: z.string(),
      }),
    ),
    truncated: z.boolean().openapi({ description: 'More than 500 errors: the first 500 are answered.' }),
    created: z.number().int().min(0),
    existing: z.number().int().min(0).openapi({ description: 'Rows an earlier run of the same file wrote.' }),
    results: z.array(
      z.strictObject({
        row: z.number().int(),
        itemId: z.string(),
        status: z.enum(['valid', 'created', 'existing']),
      }),
    ),
  }),
);

const Health = named(
  'Health',
  z.strictObject({ status: z.literal('ok'), time: IsoDateTime }).openapi({ description: 'Liveness.' }),
);

const OpenApiDocument = named(
  'OpenApiDocument',
  z
    .looseObject({
      openapi: z.string().regex(/^3\.1\.\d+$/),
      info: z.looseObject({ title: z.string(), version: z.string() }),
      paths: z.record(z.string(), z.looseObject({})),
    })
    .openapi({ description: 'This document.' }),
);

const UnitWithPeople = named(
  'UnitWithPeople',
  entities.Unit.extend({
    people: z
      .array(entities.Person)
      .optional()
      .openapi({ description: 'The unit’s staff: for its own unit and headquarters only.' }),
  }),
);

const ProposalDecision = named(
  'ProposalDecision',
  z.object({
    proposal: entities.Proposal,
    item: entities.Item.optional().openapi({ description: 'The class B item an acceptance created.' }),
  }),
);

const Verification = named(
  'TrailVerification',
  z.object({
    valid: z.boolean(),
    events: z.number().int().min(0),
    brokenAt: z
      .number()
      .int()
      .min(1)
      .optional()
      .openapi({ description: 'First event that does not verify.' }),
    reason: z.string().optional(),
  }),
);

const ItemHistory = named(
  'ItemHistory',
  z.object({ itemId: Id, verification: Verification, events: z.array(entities.AuditEvent) }),
);

const YearList = named('YearList', z.object({ year: Year, batches: z.array(entities.Batch) }));

/** What the public sees of a batch: no item ids (the items are listed beside it). */
const PublicBatch = named('PublicBatch', z.strictObject(Batch.omit({ itemIds: true }).shape));

/** The plan on the system's date (functions/domain/public.ts) and the public facts of a project. */
const publicPlanShape = {
  managerName: z.string().nullable().openapi({ description: 'The project manager once awarded.' }),
  project: z
    .strictObject({
      stage: Stage,
      totalInvestment: z.number().min(0),
      annualInvestmentTarget: z.number().min(0),
      investmentCompleted: z.number().min(0),
    })
    .optional(),
  expectedPercent: z.number().min(0).max(100),
  nextDueDate: IsoDate.nullable(),
  workingDaysToNextDue: z.number().int().min(0).nullable(),
  overdue: z.boolean(),
};

/** What the public sees of an item: no plans, no people, no internal state. */
const PublicListItem = named(
  'PublicListItem',
  z.strictObject({
    itemId: Id,
    /** null: assigned directly, without a batch (a major project or reform launched with its unit). */
    batchNo: z.number().int().min(1).nullable(),
    kind: ItemKind,
    itemClass: ItemClass,
    category: Category,
    title: z.string(),
    status: ItemStatus,
    leadUnitId: Id.nullable().openapi({
      description: 'The leading unit once awarded; null while open for claims.',
    }),
    percentComplete: z.number().min(0).max(100),
    deadline: IsoDate,
    ...publicPlanShape,
  }),
);

const PublicList = named(
  'PublicList',
  z.strictObject({
    year: Year,
    asOf: openable(IsoDate).openapi({
      description: 'The system’s Beijing date the plan fields are computed for.',
    }),
    batches: z.array(PublicBatch),
    items: z.array(PublicListItem),
  }),
);

/** Every unit with its names: the public board shows names, never ids. */
const PublicUnits = named(
  'PublicUnits',
  z.strictObject({
    items: z.array(
      z.strictObject({
        unitId: Id,
        name: z.string(),
        nameZh: z.string().optional(),
        unitType: UnitType,
      }),
    ),
  }),
);

/** An item on the list as the public sees it: its plan, its public progress, its orders in summary. */
const PublicItemPage = named(
  'PublicItemPage',
  z.strictObject({
    ...PublicListItem.shape,
    year: Year,
    asOf: IsoDate,
    description: z.string(),
    milestones: z.array(
      z.strictObject({
        id: Id,
        title: z.string(),
        dueDate: IsoDate,
        weight: z.number().int(),
        doneOn: IsoDate.optional(),
      }),
    ),
    targets: z.array(z.strictObject({ indicator: z.string(), targetValue: z.number(), unit: z.string() })),
    progress: z
      .array(
        z.strictObject({
          reportedAt: IsoDateTime,
          percentComplete: z.number().min(0).max(100),
          investmentCompleted: z.number().min(0).optional(),
        }),
      )
      .openapi({ description: 'Progress reports, oldest first: dates and figures, no narrative.' }),
    orders: z.array(
      z.strictObject({
        displayNumber: z.string(),
        orderType: z.enum(ORDER_TYPES),
        status: z.string(),
        issuedAt: IsoDateTime,
        unitId: Id,
      }),
    ),
  }),
);

const ClaimList = named(
  'ClaimList',
  z
    .object({ items: z.array(entities.Claim) })
    .openapi({ description: 'Every claim of the item (a unit sees its own).' }),
);

// Results and evaluations (issue 5). The public ones are exact: nothing internal may leak.

const Notice = named(
  'Notice',
  z.strictObject({
    noticeId: z.string(),
    year: Year,
    at: IsoDateTime,
    kind: z.enum(['commendation', 'inquiry', 'ranking']),
    title: z.string(),
    body: z.string(),
    unitId: Id.optional(),
    itemId: Id.optional(),
    orderId: z.string().optional(),
    period: z.string().optional(),
  }),
);

const Count = z.number().int().min(0);
/** A share, 0–1, rounded to four places. */
const Share = z.number().min(0);

const YearStats = named(
  'YearStats',
  z.strictObject({
    year: Year,
    items: Count,
    byKind: z.record(ItemKind, Count),
    byClass: z.record(ItemClass, Count),
    byCategory: z.record(Category, Count),
    byStatus: z.record(ItemStatus, Count),
    projects: z.strictObject({
      byStage: z.record(
        Stage,
        z.strictObject({
          count: Count,
          totalInvestment: z.number().min(0),
          annualInvestmentTarget: z.number().min(0),
          investmentCompleted: z.number().min(0),
          completionRate: Share,
        }),
      ),
      totalInvestment: z.number().min(0),
    }),
    list: z.strictObject({
      batches: Count,
      items: Count,
      classA: Count,
      classB: Count,
      bottomUpShare: Share,
    }),
    orders: z.record(z.enum(ORDER_TYPES), Count),
    completionRate: Share,
  }),
);

const UnitRanking = named(
  'UnitRanking',
  z.strictObject({
    unitId: Id,
    peerGroup: UnitType,
    items: Count,
    score: z
      .number()
      .openapi({ description: 'Mean score of the unit’s items (actual minus expected progress).' }),
    rank: z.number().int().min(1),
    groupSize: z.number().int().min(1),
  }),
);

const Rankings = named(
  'Rankings',
  z.strictObject({
    period: z.string(),
    date: IsoDate,
    units: z.array(UnitRanking),
    items: z.array(
      z.strictObject({
        itemId: Id,
        unitId: Id,
        category: Category,
        rankInCategory: z.number().int().min(1),
        categorySize: z.number().int().min(1),
        rankInPeerGroup: z.number().int().min(1),
        peerGroupSize: z.number().int().min(1),
        rankChange: z.number().int().optional(),
        expected: z.number(),
        actual: z.number(),
      }),
    ),
  }),
);

const EvaluationTrigger = InquiryTrigger.extract([
  'lagging_progress',
  'lagging_rank',
  'overdue_milestone',
  'missed_deadline',
]);

const EvaluationSummary = named(
  'EvaluationSummary',
  z.object({
    period: z.string(),
    date: IsoDate,
    year: Year,
    items: Count,
    flagged: z.record(z.string(), Count),
    inquiriesIssued: Count,
    draftsProposed: Count,
    ranAt: IsoDateTime,
    thresholds: z.record(z.string(), z.number()),
  }),
);

const ItemResult = named(
  'ItemResult',
  z.object({
    itemId: Id,
    unitId: Id,
    category: Category,
    peerGroup: UnitType,
    expected: z.number(),
    actual: z.number(),
    lag: z.number(),
    investmentRatio: z.number().optional(),
    score: z.number(),
    rankInCategory: z.number().int().min(1),
    categorySize: z.number().int().min(1),
    rankInPeerGroup: z.number().int().min(1),
    peerGroupSize: z.number().int().min(1),
    rankChange: z.number().int().optional(),
    inBottom: z.boolean(),
    bottomRunning: Count,
    overdueMilestones: z.array(z.string()),
    missedDeadline: z.boolean(),
    flags: z.array(EvaluationTrigger),
  }),
);

const InquiryDraft = named(
  'InquiryDraft',
  z.object({
    period: z.string(),
    itemId: Id,
    trigger: EvaluationTrigger,
    reason: z.string(),
    status: z.enum(['proposed', 'confirmed']),
  }),
);

/** What the public rankings show of an item's result (another unit's item). */
const PublicItemResult = named(
  'PublicItemResult',
  z.strictObject({
    itemId: Id,
    unitId: Id,
    category: Category,
    rankInCategory: z.number().int().min(1),
    categorySize: z.number().int().min(1),
    rankInPeerGroup: z.number().int().min(1),
    peerGroupSize: z.number().int().min(1),
    rankChange: z.number().int().optional(),
    expected: z.number(),
    actual: z.number(),
  }),
);

const Evaluation = named(
  'Evaluation',
  z.object({
    summary: EvaluationSummary,
    units: z.array(UnitRanking),
    items: z.array(z.union([ItemResult, PublicItemResult])).openapi({
      description: 'In full for the reader’s own unit and headquarters; else as ranked publicly.',
    }),
    drafts: z.array(InquiryDraft).openapi({
      description: 'Unconfirmed inquiry drafts: for the office and commanders only (else empty).',
    }),
  }),
);

const ReconcileRun = named(
  'ReconcileRun',
  z.object({ executionName: z.string(), status: z.literal('started') }).openapi({
    description:
      'The Reconcile workflow started; its report (counts, what was restarted, what failed for a missing subject) is the execution output and the reconciler log line.',
  }),
);

const EvaluationRun = named(
  'EvaluationRun',
  z
    .union([
      z.object({ period: z.string(), executionName: z.string(), status: z.literal('started') }),
      z.object({ issued: Count }),
    ])
    .openapi({
      description:
        'The evaluation workflow started (read the results with GET /v1/evaluations/{period} when it is done), or, when drafts were confirmed, how many inquiry orders they issued.',
    }),
);

const LedgerEntry = named(
  'LedgerEntry',
  z.object({
    subject: z.object({ type: z.enum(['unit', 'person']), id: Id }),
    year: Year,
    orderId: z.string(),
    displayNumber: z.string(),
    itemId: Id,
    outcome: z.enum(OUTCOMES),
    ruleVersion: z.number().int().min(1),
    effect: Effect,
    at: IsoDateTime,
    regradedAt: IsoDateTime.optional().openapi({ description: 'When a later rule version regraded it.' }),
  }),
);

const LedgerTotals = named(
  'LedgerTotals',
  z.object({
    performanceScore: z.number(),
    brightSpotPoints: z.number(),
    excellenceEligible: z.boolean(),
    restEligible: z.boolean(),
    meritRecommendations: z.array(z.string()),
    cadreNotes: z.array(z.string()),
    entries: Count,
  }),
);

const UnitLedger = named(
  'UnitLedger',
  z.object({
    unitId: Id,
    year: Year,
    totals: LedgerTotals,
    entries: z.array(LedgerEntry),
    people: z
      .array(
        z.object({ personId: Id, name: z.string(), totals: LedgerTotals, entries: z.array(LedgerEntry) }),
      )
      .openapi({ description: 'The unit’s people who have ledger entries this year.' }),
  }),
);

const CalendarHoliday = z.object({ date: IsoDate, name: z.string() });

const CalendarYear = named(
  'CalendarYear',
  z
    .object({
      year: Year,
      covered: z.boolean().openapi({
        description:
          'Whether working days of the year can be counted. When false, every limit that reaches the year is refused (422 `calendar.not_covered`) until the office loads its table.',
      }),
      source: z.enum(['table', 'package', 'none']).openapi({
        description:
          '`table`: the official table the office loaded (used ahead of the package); `package`: the bundled chinese-days data; `none`: not covered.',
      }),
      version: z.number().int().min(1).optional(),
      reference: z.string().optional(),
      loadedAt: IsoDateTime.optional(),
      loadedBy: z.string().optional(),
      holidays: z.array(CalendarHoliday),
      makeUpWorkdays: z.array(IsoDate),
      versions: z
        .array(
          z.object({
            version: z.number().int().min(1),
            reference: z.string(),
            loadedAt: IsoDateTime,
            loadedBy: z.string(),
            holidays: Count,
            makeUpWorkdays: Count,
          }),
        )
        .openapi({ description: 'Every table loaded for the year, oldest first.' }),
    })
    .openapi({ description: 'The working-day calendar of a year.' }),
);

const WorkingDays = z.number().int().min(1);

const RulesInForce = named(
  'RulesInForce',
  z
    .object({
      year: Year,
      limits: z.object({
        acknowledgementWorkingDays: WorkingDays.openapi({
          description: 'A unit signs a responsibility order within this many working days of the award.',
        }),
        acknowledgementGraceWorkingDays: WorkingDays.openapi({
          description: 'After the reminder, this many more before a late-acknowledgement inquiry order.',
        }),
        inquiryAnswerWorkingDays: WorkingDays.openapi({
          description: 'A unit answers an inquiry order in writing within this many working days.',
        }),
      }),
      lights: z
        .object({
          seriousLagPoints: z.number().min(0),
          dueSoonWorkingDays: Count,
        })
        .openapi({
          description:
            'Red: overdue, or `seriousLagPoints` or more behind plan; yellow: behind plan, or a milestone or the deadline due within `dueSoonWorkingDays` working days; green: on track.',
        }),
      evaluation: z.object({
        thresholds: z.object({
          seriousLagPoints: z.number().min(0),
          bottomShare: z.number().min(0).max(1),
          bottomPeriodsRunning: Count,
        }),
        consequences: z
          .record(
            z.enum(['lagging_progress', 'lagging_rank', 'overdue_milestone', 'missed_deadline']),
            z.enum(['automatic', 'draft']),
          )
          .openapi({
            description:
              '`automatic`: the evaluation issues the inquiry order; `draft`: it proposes one for the office to confirm.',
          }),
      }),
      grading: z
        .object({
          version: z.number().int().min(1),
          title: z.string(),
          effects: z.record(z.enum(OUTCOMES), Effect),
        })
        .openapi({
          description: 'The grading rule set in force: the effect of each outcome on the ledgers.',
        }),
      calendar: z.object({
        current: CalendarYear,
        next: CalendarYear.openapi({ description: 'The next year: whether its table is loaded yet.' }),
      }),
    })
    .openapi({
      description: 'The rules the office works by, as in force now.',
      example: {
        year: 2022,
        limits: {
          acknowledgementWorkingDays: 3,
          acknowledgementGraceWorkingDays: 2,
          inquiryAnswerWorkingDays: 5,
        },
        lights: { seriousLagPoints: 20, dueSoonWorkingDays: 3 },
        evaluation: {
          thresholds: { seriousLagPoints: 20, bottomShare: 0.1, bottomPeriodsRunning: 2 },
          consequences: {
            lagging_progress: 'automatic',
            lagging_rank: 'draft',
            overdue_milestone: 'automatic',
            missed_deadline: 'automatic',
          },
        },
        // One outcome of the default rule set, as the domain declares it.
        grading: {
          version: DEFAULT_RULES.version,
          title: DEFAULT_RULES.title,
          effects: { 'commendation:first': DEFAULT_RULES.effects['commendation:first'] },
        },
        calendar: {
          current: {
            year: 2022,
            covered: true,
            source: 'package',
            holidays: [{ date: '2022-10-01', name: 'National Day' }],
            makeUpWorkdays: ['2022-10-08'],
            versions: [],
          },
          next: {
            year: 2023,
            covered: false,
            source: 'none',
            holidays: [],
            makeUpWorkdays: [],
            versions: [],
          },
        },
      },
    }),
);

const InboxEntry = named(
  'InboxEntry',
  z.object({
    kind: z.enum(INBOX_KINDS).openapi({ description: 'What waits: see GET /v1/me/inbox.' }),
    subjectType: z.enum(['item', 'order', 'proposal', 'draft']),
    subjectId: z.string().openapi({
      description: 'Item id, order id, proposal id, or `<period>#<itemId>#<trigger>` of an inquiry draft.',
    }),
    itemId: Id.optional(),
    title: z.string(),
    unitId: Id.optional(),
    status: z.string().openapi({ description: 'The subject’s status.' }),
    since: IsoDateTime.optional().openapi({ description: 'Since when it waits, where known.' }),
    dueDate: IsoDate.nullable().openapi({
      description: 'The limit (a Beijing date), or null where none applies.',
    }),
    workingDaysLeft: z.number().int().nullable().openapi({
      description:
        'Working days from today to the limit on the loaded calendar (negative when overdue); null without a limit or where the calendar does not cover the years.',
    }),
    overdue: z.boolean(),
    percentComplete: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .openapi({ description: 'An item to report on: its percent complete.' }),
  }),
);

const Inbox = named(
  'Inbox',
  z
    .object({
      role: z.enum(['commander', 'office', 'unit', 'manager', 'inspector']),
      year: Year,
      asOf: IsoDate,
      period: z.string().openapi({ description: 'The latest ended evaluation period.' }),
      entries: z.array(InboxEntry),
      truncated: z.boolean().openapi({
        description: 'More waited than the caps allow: the rest is not listed (narrow with the list routes).',
      }),
      cap: z.object({ perSource: Count, total: Count }),
    })
    .openapi({
      description: 'What waits for the caller, due soonest first.',
      example: {
        role: 'unit',
        year: 2022,
        asOf: '2022-06-01',
        period: '2022-05',
        entries: [
          {
            kind: 'inquiry_to_answer',
            subjectType: 'order',
            subjectId: '2022-INQ-0002',
            itemId: '2022-T-lx0a1b2c3d4e5f6g7h9',
            title: '福田询〔2022〕2号 Renovate the old residential compounds of Huafu Street',
            unitId: 'huafu',
            status: 'issued',
            since: '2022-05-31T02:00:00.000Z',
            dueDate: '2022-06-08',
            workingDaysLeft: 5,
            overdue: false,
          },
        ],
        truncated: false,
        cap: { perSource: 100, total: 200 },
      },
    }),
);

const ExecutionView = z.object({
  status: z
    .enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE', 'UNKNOWN'])
    .openapi({
      description: '`UNKNOWN`: Step Functions does not know the recorded execution (lost: restart it).',
    }),
  startDate: IsoDateTime.optional(),
  stopDate: IsoDateTime.optional(),
  state: z.string().nullable().optional().openapi({ description: 'The state it is in (running only).' }),
  waitingFor: z.string().nullable().optional(),
  since: IsoDateTime.nullable().optional(),
});

const OpsWorkflow = named(
  'OpsWorkflow',
  z
    .object({
      subjectType: z.enum(['item', 'order']),
      subjectId: Id,
      itemId: Id,
      title: z.string(),
      status: z.string(),
      stateMachine: z.enum(['ItemLifecycle', 'Inquiry']),
      executionName: z.string().nullable().openapi({ description: 'Null: no workflow yet (a draft).' }),
      generation: z.number().int().min(0).nullable(),
      execution: ExecutionView.nullable(),
    })
    .openapi({
      example: {
        subjectType: 'item',
        subjectId: '2022-T-lx0a1b2c3d4e5f6g7h9',
        itemId: '2022-T-lx0a1b2c3d4e5f6g7h9',
        title: 'Renovate the old residential compounds of Huafu Street',
        status: 'in_progress',
        stateMachine: 'ItemLifecycle',
        executionName: '2022-T-lx0a1b2c3d4e5f6g7h9--g1',
        generation: 1,
        execution: {
          status: 'RUNNING',
          startDate: '2022-03-01T02:00:00.000Z',
          state: 'AwaitCompletion',
          waitingFor: 'completion',
          since: '2022-04-02T02:00:00.000Z',
        },
      },
    }),
);

const OpsWorkflowHistory = named(
  'OpsWorkflowHistory',
  z.object({
    subjectId: Id,
    executionName: z.string(),
    events: z.array(
      z.object({
        id: z.number().int(),
        type: z.string(),
        timestamp: IsoDateTime,
        state: z.string().optional(),
      }),
    ),
    nextCursor: z.string().optional(),
  }),
);

const OpsRestart = named(
  'OpsRestart',
  z.object({
    subjectType: z.enum(['item', 'order']),
    subjectId: Id,
    executionName: z.string(),
    generation: z.number().int().min(1),
  }),
);

export const responses = {
  Health,
  OpenApiDocument,
  PublicList,
  PublicUnits,
  PublicItemPage,
  UnitPage: page('UnitPage', entities.Unit),
  Unit: entities.Unit,
  UnitWithPeople,
  Person: entities.Person,
  Proposal: entities.Proposal,
  ProposalPage: page('ProposalPage', entities.Proposal),
  ProposalDecision,
  Item: entities.Item,
  ItemView,
  ItemPage: page('ItemPage', ItemView),
  ItemHistory,
  Batch: entities.Batch,
  YearList,
  Claim: entities.Claim,
  ClaimList,
  Order: entities.Order,
  OrderView,
  OrderPage: page('OrderPage', OrderView),
  ProgressReport: entities.ProgressReport,
  ProgressPage: page('ProgressPage', ProgressView),
  NoticePage: page('NoticePage', Notice),
  YearStats,
  Rankings,
  UnitLedger,
  Evaluation,
  EvaluationRun,
  CalendarYear,
};

// ---------------------------------------------------------------------------------------------
// The table

export interface ResponseContract {
  readonly description: string;
  readonly schema: z.ZodType;
  /** A file answer (not JSON): its media types. `schema` is then not checked against the body. */
  readonly mediaTypes?: readonly string[];
}

export interface OperationContract {
  readonly operationId: string;
  readonly request: {
    readonly params?: z.ZodObject;
    readonly query?: z.ZodObject;
    readonly body?: z.ZodType;
    /** A valid body, shown in the document (and checked against `body` by the tests and the linter). */
    readonly example?: unknown;
  };
  /** By HTTP status. */
  readonly responses: Readonly<Record<number, ResponseContract>>;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503;

export interface ErrorResponseContract extends ResponseContract {
  /** Name of the shared response component (`#/components/responses/<name>`). */
  readonly name: string;
  /** Whether API Gateway may answer it itself, as `{"message":…}` (schema GatewayError). */
  readonly gateway: boolean;
}

/** Every error an operation may answer; each operation lists the ones it can give. */
export const ERRORS: Readonly<Record<ErrorStatus, ErrorResponseContract>> = {
  400: {
    name: 'BadRequest',
    description:
      'The request is not valid: a path parameter, the query, the body (unknown fields included), its media type, or the Idempotency-Key. `details` names each offending field.',
    schema: ErrorBody,
    gateway: false,
  },
  401: {
    name: 'Unauthorized',
    description:
      'No valid bearer token. API Gateway’s JWT authorizer answers `{"message":"Unauthorized"}`; a token without a subject gets the error shape.',
    schema: ErrorOrGateway,
    gateway: true,
  },
  403: {
    name: 'Forbidden',
    description:
      'The token’s role may not call this operation, or the object is not the caller’s (another unit’s item, order or proposals).',
    schema: ErrorBody,
    gateway: false,
  },
  404: {
    name: 'NotFound',
    description: 'A referenced object does not exist.',
    schema: ErrorBody,
    gateway: false,
  },
  409: {
    name: 'Conflict',
    description:
      'A concurrent change kept winning the race (reload and retry), or the first request with this Idempotency-Key is still running.',
    schema: ErrorBody,
    gateway: false,
  },
  413: {
    name: 'PayloadTooLarge',
    description: 'The body exceeds 64 KiB (API Gateway answers its own, larger limit with `{"message":…}`).',
    schema: ErrorOrGateway,
    gateway: true,
  },
  422: {
    name: 'UnprocessableEntity',
    description:
      'A lifecycle or business rule forbids it in the current state (`code` names the rule), a working-day limit reaches a year the calendar does not cover (`calendar.not_covered`), or the Idempotency-Key was used with another body.',
    schema: ErrorBody,
    gateway: false,
  },
  429: {
    name: 'TooManyRequests',
    description: 'Throttled by API Gateway (`{"message":"Too Many Requests"}`): retry later, with backoff.',
    schema: GatewayError,
    gateway: true,
  },
  500: {
    name: 'InternalError',
    description:
      'Our fault; the message quotes the request id. API Gateway’s own failures answer `{"message":…}`.',
    schema: ErrorOrGateway,
    gateway: true,
  },
  503: {
    name: 'ServiceUnavailable',
    description:
      'The function did not answer within API Gateway’s 30-second integration timeout (AWS answers `{"message":"Service Unavailable"}`): retry later.',
    schema: ErrorOrGateway,
    gateway: true,
  },
};

interface Spec {
  request?: OperationContract['request'];
  body: z.ZodType;
  /** The answer is a file of these media types (then `body` is FileBody). */
  mediaTypes?: readonly string[];
  description: string;
  errors: readonly ErrorStatus[];
}

/** Errors of a read: bad parameters or query, no such object. */
const READ: readonly ErrorStatus[] = [400, 404];
/** Errors of a write: bad input, too large, missing objects, races, rules, Idempotency-Key. */
const WRITE: readonly ErrorStatus[] = [400, 404, 409, 413, 422];
const WRITE_NO_LOOKUP: readonly ErrorStatus[] = [400, 409, 413, 422];

const specs: Readonly<Record<string, Spec>> = {
  health: {
    body: Health,
    description:
      'Alive and the table readable (one GetItem); the server’s clock. 503 when the table cannot be read.',
    errors: [503],
  },
  openapi: { body: OpenApiDocument, description: 'This API as OpenAPI 3.1.', errors: [] },
  publicList: {
    request: { params: params.year },
    body: PublicList,
    description: 'The published batches of the year and their items.',
    errors: [400],
  },
  publicUnits: {
    body: PublicUnits,
    description: 'Every unit with its English and Chinese names and its peer group.',
    errors: [],
  },
  publicItem: {
    request: { params: params.itemId },
    body: PublicItemPage,
    description: 'An item on the published list: plan, milestones, targets, progress and orders in summary.',
    errors: READ,
  },
  publicNotices: {
    request: { query: querySchemas.publicNotices },
    body: responses.NoticePage,
    description:
      'A page of the public notices of the year (the current year unless `year` is given), newest first.',
    errors: [400],
  },
  publicStats: {
    request: { params: params.year },
    body: YearStats,
    description: 'Counts, investment and completion of the year.',
    errors: [400],
  },
  publicRankings: {
    request: { params: params.period },
    body: Rankings,
    description: 'Unit rankings within peer groups and item ranks of the period.',
    errors: READ,
  },

  importTemplate: {
    request: { params: params.sheet, query: documentQuerySchemas.importTemplate },
    body: FileBody,
    mediaTypes: SHEET_MEDIA_TYPES,
    description:
      'The template (XLSX by default, or CSV): the sheet with Chinese headers and one example row per kind, and a second sheet documenting every column (Chinese and English headers, required, notes).',
    errors: [400],
  },
  importItems: {
    request: { body: bodies.ImportRequest },
    body: ImportAnswer,
    description:
      'Dry run: the per-row errors, nothing written. Real run: every row valid, the drafts created in transactions of at most 50 (or 422 `import.rows_invalid`, nothing written); re-running the same file creates only what is missing.',
    errors: WRITE_NO_LOOKUP,
  },
  importProgress: {
    request: { body: bodies.ImportRequest },
    body: ImportAnswer,
    description:
      'Dry run: the per-row errors (the progress command’s rules), nothing written. Real run: one progress report per row through the progress command; a re-run skips rows already filed.',
    errors: WRITE_NO_LOOKUP,
  },
  exportDataset: {
    request: { params: params.dataset, query: documentQuerySchemas.exportDataset },
    body: FileBody,
    mediaTypes: SHEET_MEDIA_TYPES,
    description:
      'The dataset as a file (Chinese headers unless `lang=en`), each row as the caller may read it. At most 4 MiB inline; larger is a 413 asking for a narrower export.',
    errors: [400, 403, 404, 413],
  },
  orderPdf: {
    request: { params: params.orderId },
    body: FileBody,
    mediaTypes: ['application/pdf'],
    description:
      'The order as a PDF (Chinese, the district’s heading, the official number), with what the caller may read of it.',
    errors: READ,
  },

  listUnits: {
    request: { query: querySchemas.listUnits },
    body: responses.UnitPage,
    description: 'A page of units.',
    errors: [400],
  },
  createUnit: {
    request: { body: bodies.CreateUnitInput },
    body: responses.Unit,
    description: 'The unit created.',
    errors: WRITE_NO_LOOKUP,
  },
  getUnit: {
    request: { params: params.unitId },
    body: UnitWithPeople,
    description: 'The unit and its people.',
    errors: READ,
  },
  createPerson: {
    request: { params: params.unitId, body: bodies.CreatePersonInput },
    body: responses.Person,
    description: 'The person added.',
    errors: WRITE,
  },
  opsWorkflow: {
    request: { params: params.subjectId },
    body: OpsWorkflow,
    description:
      'The workflow an item or an inquiry order (by its order id) records: DescribeExecution, and while it runs the current state, what it waits for and since when (from the newest history events).',
    errors: READ,
  },
  opsWorkflowHistory: {
    request: { params: params.subjectId, query: querySchemas.opsWorkflowHistory },
    body: OpsWorkflowHistory,
    description: 'A page of the recorded execution’s history (GetExecutionHistory), newest first.',
    errors: READ,
  },
  opsRestartWorkflow: {
    request: { params: params.subjectId, body: bodies.EmptyInput },
    body: OpsRestart,
    description:
      'Starts the next generation of the subject’s workflow from its recorded state (the previous one stopped if it runs), with an audit event on the item, as the reconciler does.',
    errors: WRITE,
  },
  myInbox: {
    request: { query: querySchemas.myInbox },
    body: Inbox,
    description:
      'What waits for the caller in the year (the current one unless `year` is given), due soonest first, with the working days left. A unit: items open for claims, responsibility orders to sign, its items in progress (next milestone or deadline), inquiries to answer. A manager: the items they manage in progress. A commander: claims to award, unclaimed items, escalated inquiries. The office: drafts, proposals to review, completions to verify, inquiry drafts of the latest ended period, answered inquiries to decide. An inspector: the inquiries from their reports. At most 100 per source and 200 in all (`truncated` says when more waited).',
    errors: [400],
  },
  unitLedger: {
    request: { params: params.unitId, query: querySchemas.unitLedger },
    body: UnitLedger,
    description:
      'The graded results of the unit and its people in the year (the current year unless `year` is given).',
    errors: READ,
  },

  declareProposal: {
    request: { body: bodies.DeclareProposalInput },
    body: responses.Proposal,
    description: 'The proposal declared (pending review).',
    errors: WRITE_NO_LOOKUP,
  },
  listProposals: {
    request: { query: querySchemas.listProposals },
    body: responses.ProposalPage,
    description: 'A page of proposals of the year (the current year unless `year` is given).',
    errors: [400],
  },
  decideProposal: {
    request: { params: params.proposalId, body: bodies.DecideProposalInput },
    body: ProposalDecision,
    description: 'The proposal decided and, when accepted, the class B item it became.',
    errors: WRITE,
  },

  createItem: {
    request: { body: bodies.CreateItemInput },
    body: responses.Item,
    description: 'The draft item created.',
    errors: WRITE,
  },
  listItems: {
    request: { query: querySchemas.listItems },
    body: responses.ItemPage,
    description: 'A page of items (the current year unless `year` is given).',
    errors: [400],
  },
  getItem: {
    request: { params: params.itemId },
    body: responses.ItemView,
    description: 'The item: in full for headquarters and its own unit, else as the public board shows it.',
    errors: READ,
  },
  editItem: {
    request: { params: params.itemId, body: bodies.PatchItemInput },
    body: responses.Item,
    description: 'The draft as edited.',
    errors: WRITE,
  },
  itemHistory: {
    request: { params: params.itemId },
    body: ItemHistory,
    description: 'The item’s audit trail and whether its hash chain verifies.',
    errors: READ,
  },

  publishBatch: {
    request: { params: params.year, body: bodies.PublishBatchInput },
    body: responses.Batch,
    description: 'The batch published.',
    errors: WRITE,
  },
  getList: {
    request: { params: params.year },
    body: YearList,
    description: 'The batches of the year with their item ids.',
    errors: [400],
  },

  claimItem: {
    request: { params: params.itemId, body: bodies.ClaimInput },
    body: responses.Claim,
    description: 'The claim filed (pending award).',
    errors: WRITE,
  },
  listClaims: {
    request: { params: params.itemId },
    body: ClaimList,
    description: 'The claims of the item.',
    errors: READ,
  },
  awardClaim: {
    request: { params: params.claim, body: bodies.AwardInput },
    body: responses.Order,
    description: 'The responsibility order issued to the awarded unit.',
    errors: WRITE,
  },
  assignItem: {
    request: { params: params.itemId, body: bodies.AssignInput },
    body: responses.Order,
    description: 'The responsibility order issued to the assigned unit.',
    errors: WRITE,
  },
  reopenItem: {
    request: { params: params.itemId, body: bodies.ReopenInput },
    body: responses.Item,
    description: 'The item, published again with a new claim window.',
    errors: WRITE,
  },

  reportProgress: {
    request: { params: params.itemId, body: bodies.ProgressInput },
    body: responses.ProgressReport,
    description: 'The progress report recorded.',
    errors: WRITE,
  },
  listProgress: {
    request: { params: params.itemId, query: querySchemas.listProgress },
    body: responses.ProgressPage,
    description: 'A page of the item’s progress reports, oldest first.',
    errors: READ,
  },
  reportCompletion: {
    request: { params: params.itemId, body: bodies.CompletionInput },
    body: responses.Item,
    description: 'The item, awaiting verification.',
    errors: WRITE,
  },
  verifyCompletion: {
    request: { params: params.itemId, body: bodies.VerificationInput },
    body: responses.Order,
    description: 'The order issued: a commendation order if achieved, an inquiry order if not.',
    errors: WRITE,
  },
  reportViolation: {
    request: { params: params.itemId, body: bodies.ViolationInput },
    body: responses.Order,
    description: 'The inquiry order issued.',
    errors: WRITE,
  },

  listOrders: {
    request: { query: querySchemas.listOrders },
    body: responses.OrderPage,
    description: 'A page of orders (the current year unless `year` is given).',
    errors: [400],
  },
  getOrder: {
    request: { params: params.orderId },
    body: responses.OrderView,
    description: 'The order: in full for headquarters and the addressed unit, else in summary.',
    errors: READ,
  },
  acknowledgeOrder: {
    request: { params: params.orderId, body: bodies.AcknowledgeInput },
    body: responses.Order,
    description: 'The responsibility order, acknowledged.',
    errors: WRITE,
  },
  answerInquiry: {
    request: { params: params.orderId, body: bodies.InquiryAnswerInput },
    body: responses.Order,
    description: 'The inquiry order, answered.',
    errors: WRITE,
  },
  decideInquiry: {
    request: { params: params.orderId, body: bodies.InquiryDecisionInput },
    body: responses.Order,
    description: 'The inquiry order, closed as rectified or escalated.',
    errors: WRITE,
  },

  runEvaluation: {
    request: { body: bodies.EvaluationRequest },
    body: EvaluationRun,
    description:
      'Starts the Evaluation workflow for the period, as the monthly schedule does (a re-run of a period gives the same results), or confirms inquiry drafts at once. Only an ended period (a month whose last Beijing day is over) is evaluated: the current or a future month is 422 `evaluation.period_not_ended`.',
    errors: WRITE,
  },
  reconcileWorkflows: {
    request: { body: bodies.ReconcileRequest },
    body: ReconcileRun,
    description:
      'Starts the Reconcile workflow, as the daily schedule does: every active item and open inquiry whose recorded execution is not RUNNING gets the next generation, with an audit event; one that failed because its subject is gone is left alone and counted. Idempotent by itself (a second run finds everything running).',
    errors: WRITE,
  },
  getEvaluation: {
    request: { params: params.period },
    body: Evaluation,
    description: 'The summary, rankings, item results and inquiry drafts of the period.',
    errors: READ,
  },

  getCalendarYear: {
    request: { params: params.calendarYear },
    body: CalendarYear,
    description:
      'What counts as a working day in the year and where it comes from (an official table loaded by the office, or the bundled package), with every version loaded.',
    errors: [400],
  },
  loadCalendarYear: {
    request: { params: params.calendarYear, body: bodies.CalendarTableInput },
    body: CalendarYear,
    description:
      'The table stored as the next version of the year and in force at once (audited on `CALENDAR#<year>`); every date must fall in the year.',
    errors: WRITE_NO_LOOKUP,
  },
  rulesInForce: {
    request: { query: querySchemas.rulesInForce },
    body: RulesInForce,
    description:
      'The rules in force for the year (the current one unless `year` is given): the working-day limits, the lights’ and the evaluation’s thresholds, the grading rule set (scores, points, eligibilities), and the working-day calendar of the year and of the next one. Read by every signed-in role: it is no unit’s record, and every unit works by it.',
    errors: [400],
  },
};

/** A valid body for every operation that takes one (demo data in the spirit of the Futian list). */
export const BODY_EXAMPLES: Readonly<Record<string, unknown>> = {
  createUnit: {
    unitId: 'futian-subdistrict',
    name: 'Futian Subdistrict Office',
    nameZh: '福田街道办事处',
    unitType: 'subdistrict',
  },
  createPerson: { personId: 'p-futian-001', name: 'Li Ming', title: 'Deputy director' },
  declareProposal: {
    year: 2022,
    kind: 'task',
    category: 'bottom-line',
    title: 'Renovate the old residential compounds of Huafu Street',
    deadline: '2022-12-31',
    milestones: [
      { id: 'survey', title: 'Survey and residents’ consultation', dueDate: '2022-06-30', weight: 30 },
      { id: 'works', title: 'Renovation works', dueDate: '2022-12-15', weight: 70 },
    ],
    targets: [{ indicator: 'Compounds renovated', targetValue: 12, unit: 'compounds' }],
  },
  decideProposal: { decision: 'accept', category: 'bottom-line' },
  createItem: {
    year: 2022,
    kind: 'project',
    itemClass: 'A',
    category: 'siege',
    title: 'Reconstruction and expansion of Futian Middle School',
    deadline: '2022-12-31',
    project: { stage: 'construction', totalInvestment: 1_200_000_000, annualInvestmentTarget: 300_000_000 },
    targets: [{ indicator: 'Annual investment completed', targetValue: 300_000_000, unit: 'yuan' }],
  },
  editItem: { title: 'Reconstruction and expansion of Futian Middle School (phase 1)' },
  publishBatch: {
    title: '2022 list, first batch',
    itemIds: ['2022-P-lx0a1b2c3d4e5f6g7h8', '2022-T-lx0a1b2c3d4e5f6g7h9'],
    claimWindow: { closesAt: '2022-03-31T16:00:00.000Z' },
  },
  claimItem: {
    plan: 'Lead with the district education bureau; monthly site meetings; phase 1 topped out by October.',
    managerId: 'p-futian-001',
  },
  awardClaim: { note: 'Strongest plan and a named, experienced project manager.' },
  assignItem: { unitId: 'futian-subdistrict', managerId: 'p-futian-001' },
  reopenItem: { closesAt: '2022-04-30T16:00:00.000Z' },
  reportProgress: {
    percentComplete: 40,
    investmentCompleted: 120_000_000,
    milestones: [{ milestoneId: 'survey', done: true, doneOn: '2022-06-20' }],
    narrative: 'Foundations complete; steel structure under way.',
    evidence: ['https://example.org/evidence/site-photo-2022-06.jpg'],
  },
  reportCompletion: {
    summary: 'Phase 1 delivered and in use since September.',
    results: [{ indicator: 'Annual investment completed', actualValue: 310_000_000 }],
  },
  verifyCompletion: { achieved: true, grade: 'first', note: 'Target exceeded.' },
  reportViolation: {
    description: 'Suspected splitting of a works contract to avoid tendering.',
    reference: 'AUD-2022-017',
  },
  acknowledgeOrder: { note: 'Received and signed.' },
  answerInquiry: {
    text: 'The delay came from the late relocation of a substation.',
    rectificationPlan: 'Night shifts until the end of the month; weekly report to the office.',
  },
  decideInquiry: { outcome: 'rectified', note: 'Back on schedule as of the last report.' },
  // A CSV of one row (年度,类型,分类,战线,名称,完成时限 / 2022,任务,A,守住底线,老旧小区改造,2022-12-31), checked only.
  importItems: {
    format: 'csv',
    content: Buffer.from(
      '年度,类型,分类,战线,名称,完成时限\n2022,任务,A,守住底线,老旧小区改造,2022-12-31\n',
    ).toString('base64'),
    dryRun: true,
  },
  importProgress: {
    format: 'csv',
    content: Buffer.from(
      '事项编号,完成进度（%）,进展情况\n2022-T-lx0a1b2c3d4e5f6g7h9,35,完成设计招标\n',
    ).toString('base64'),
    dryRun: true,
  },
  runEvaluation: { period: '2022-05' },
  opsRestartWorkflow: { note: 'The execution was lost when the local engine stopped.' },
  reconcileWorkflows: { reason: 'After restoring the table from a backup.' },
  // The 2022 arrangement as the bundled package has it, from the State Council's notice.
  loadCalendarYear: {
    reference: 'http://www.gov.cn/zhengce/content/2021-10/25/content_5644835.htm',
    holidays: packageTable(2022)?.holidays ?? [],
    makeUpWorkdays: packageTable(2022)?.makeUpWorkdays ?? [],
  },
};

function build(): Readonly<Record<string, OperationContract>> {
  const out: Record<string, OperationContract> = {};
  for (const route of routes) {
    const spec = specs[route.operationId];
    if (!spec) throw new Error(`contract: no entry for operation ${route.operationId}`);
    const isPublic = route.auth === 'public';
    const statuses = new Set<ErrorStatus>([...spec.errors, 429, 500, 503]);
    if (!isPublic) {
      statuses.add(401);
      statuses.add(403);
    }
    if (route.method !== 'GET') {
      for (const s of [400, 409, 413, 422] as const) statuses.add(s);
    }
    const res: Record<number, ResponseContract> = {
      [route.successStatus ?? 200]: {
        description: spec.description,
        schema: spec.body,
        ...(spec.mediaTypes ? { mediaTypes: spec.mediaTypes } : {}),
      },
    };
    for (const s of [...statuses].sort((a, b) => a - b)) res[s] = ERRORS[s];
    const example = BODY_EXAMPLES[route.operationId];
    out[route.operationId] = {
      operationId: route.operationId,
      request: { ...spec.request, ...(example !== undefined && spec.request?.body ? { example } : {}) },
      responses: res,
    };
  }
  const unknown = [...Object.keys(specs), ...Object.keys(BODY_EXAMPLES)].filter(
    (id) => !routes.some((r) => r.operationId === id),
  );
  if (unknown.length > 0) throw new Error(`contract: entries for no route: ${unknown.join(', ')}`);
  return out;
}

/** The contract of every operation, by operationId. */
export const contract: Readonly<Record<string, OperationContract>> = build();

export function contractOf(operationId: string): OperationContract {
  const c = contract[operationId];
  if (!c) throw new Error(`no operation ${operationId} in the contract`);
  return c;
}
