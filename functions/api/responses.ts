/**
 * The response side of the contract: the one error shape and every error status, and the
 * success bodies of the routes, built from the entity schemas of the domain model. A route
 * declaration names its success body (`response.schema`, a key of `responses`); contract.ts
 * resolves the names for the OpenAPI document and the contract tests. No Lambda imports this
 * module: the functions validate requests, the tests check responses.
 *
 * Response objects built from the entity schemas are open (a client must tolerate fields it
 * does not know); the error body, the public list and the health answer are exact.
 */
/**
 * The schemas of the HTTP contract that the route declarations (routes/*.ts) share: the one
 * error shape and the error statuses, path parameters, the named request bodies (the command
 * inputs of the domain) and the response bodies, built from the entity schemas of the domain
 * model. Documentation rides on zod's own `.meta()` (description, example, `id` for the
 * component name), so a Lambda that validates with these schemas carries no OpenAPI code: the
 * generator (openapi.ts) reads the metadata at build time.
 *
 * Response objects built from the entity schemas are open (a client must tolerate fields it
 * does not know); the error body, the public list and the health answer are exact.
 */

import * as z from 'zod/mini';
import { PublicItem, PublicOrder, PublicProgressReport } from '#domain/access.ts';
import * as answers from '#domain/answers.ts';
import { Count } from '#domain/answers.ts';
import * as audit from '#domain/audit.ts';
import * as calendar from '#domain/calendar.ts';
import { DomainEvent } from '#domain/events.ts';
import { EvidenceFileView } from '#domain/evidence.ts';
import * as grading from '#domain/grading.ts';
import { DEFAULT_RULES, Effect, OUTCOMES } from '#domain/grading.ts';
import {
  AuditEvent,
  Batch,
  Category,
  Id,
  IsoDate,
  IsoDateTime,
  ItemClass,
  ItemKind,
  ItemStatus,
  ORDER_TYPES,
  Period,
  ProgressReport,
  Stage,
  UnitType,
  Year,
} from '#domain/model.ts';
import * as notifications from '#domain/notification-settings.ts';
import * as supervision from '#domain/supervision.ts';
import { ExtensionView } from '#domain/verbs.ts';
import * as views from '#domain/views.ts';

import { type ErrorStatus, EVENT_PAGE_MAX, named } from './schemas.ts';

// ---------------------------------------------------------------------------------------------
// Errors

export const ErrorBody = named(
  'Error',
  z
    .strictObject({
      error: z.strictObject({
        code: z.string().check(z.minLength(1)).register(z.globalRegistry, {
          description: 'Stable, machine-readable code, e.g. `item.not_found`.',
        }),
        message: z.string().register(z.globalRegistry, { description: 'For people; never a stack trace.' }),
        details: z
          .array(
            z.strictObject({
              path: z.string().register(z.globalRegistry, {
                description: 'The offending field, dotted (`milestones.0.weight`).',
              }),
              message: z.string(),
            }),
          )
          .register(z.globalRegistry, {
            description: 'One entry per offending field; empty when the error is not about fields.',
          }),
      }),
    })
    .register(z.globalRegistry, { description: 'The one error shape of this API.' }),
);

/** What API Gateway itself answers (JWT authorizer, payload limits, its own failures). */
export const GatewayError = named(
  'GatewayError',
  z.strictObject({ message: z.string() }).register(z.globalRegistry, {
    description: 'Answered by API Gateway before the function runs, e.g. `{"message":"Unauthorized"}`.',
  }),
);

const ErrorOrGateway = z.union([ErrorBody, GatewayError]);

// ---------------------------------------------------------------------------------------------
// Response bodies: the views of the domain's entities, named

const entities = {
  // The views of the stored records, without their bookkeeping (functions/domain/views.ts).
  Item: named('Item', views.ItemView),
  Unit: named('Unit', views.UnitView),
  Person: named('Person', views.PersonView),
  Proposal: named('Proposal', views.ProposalView),
  Claim: named('Claim', views.ClaimView),
  Order: named(
    'Order',
    z.extend(views.OrderView, {
      referral: z.optional(supervision.Referral).register(z.globalRegistry, {
        description: 'An escalated inquiry referred on: to whom, when, a note, and the outcome once closed.',
      }),
    }),
  ),
  ProgressReport: named('ProgressReport', ProgressReport),
  Batch: named('Batch', Batch),
  AuditEvent: named('AuditEvent', AuditEvent),
  // What another unit's people (and the public) see: the read rules of functions/domain/access.ts.
  PublicItem: named(
    'PublicItem',
    PublicItem.clone().register(z.globalRegistry, {
      description: 'An item as the public board shows it (another unit’s item).',
    }),
  ),
  PublicOrder: named(
    'PublicOrder',
    PublicOrder.clone().register(z.globalRegistry, {
      description: 'An order in summary (another unit’s): no reason, answer, plan, decision note or people.',
    }),
  ),
  PublicProgressReport: named(
    'PublicProgressReport',
    PublicProgressReport.clone().register(z.globalRegistry, {
      description: 'A progress report of another unit’s item: no user id.',
    }),
  ),
};

/** What a read returns: the entity in full, or its public view (the read rules decide). */
const ItemView = z.union([entities.Item, entities.PublicItem]);
const OrderView = z.union([entities.Order, entities.PublicOrder]);
const ProgressView = z.union([entities.ProgressReport, entities.PublicProgressReport]);

/** A page of a cursor-paginated listing. */
const page = <T extends z.ZodMiniType>(name: string, item: T, max = 100) =>
  named(
    name,
    z.object({
      items: z.array(item).check(z.maxLength(max)),
      nextCursor: z.optional(z.string()).register(z.globalRegistry, {
        description: 'Pass as `cursor` for the next page; absent on the last page.',
      }),
    }),
  );

const Health = named(
  'Health',
  z
    .strictObject({ status: z.literal('ok'), time: IsoDateTime })
    .register(z.globalRegistry, { description: 'Liveness.' }),
);

const OpenApiDocument = named(
  'OpenApiDocument',
  z
    .looseObject({
      openapi: z.string().check(z.regex(/^3\.1\.\d+$/)),
      info: z.looseObject({ title: z.string(), version: z.string() }),
      paths: z.record(z.string(), z.looseObject({})),
    })
    .register(z.globalRegistry, { description: 'This document.' }),
);

const NextCursor = z.optional(z.string()).register(z.globalRegistry, {
  description: 'Pass as `cursor` for the next page; absent on the last page.',
});

const UnitWithPeople = named(
  'UnitWithPeople',
  z.extend(entities.Unit, {
    people: z.optional(z.array(entities.Person).check(z.maxLength(100))).register(z.globalRegistry, {
      description: 'A page of the unit’s staff: for its own unit and headquarters only.',
    }),
    nextCursor: NextCursor,
  }),
);

const ProposalDecision = named(
  'ProposalDecision',
  z.object({
    proposal: entities.Proposal,
    item: z
      .optional(entities.Item)
      .register(z.globalRegistry, { description: 'The class B item an acceptance created.' }),
  }),
);

const Verification = named('TrailVerification', audit.Verification);

const ItemHistory = named(
  'ItemHistory',
  z.object({
    itemId: Id,
    verification: Verification,
    events: z.array(entities.AuditEvent).check(z.maxLength(100)),
    nextCursor: NextCursor,
  }),
);

const YearList = named(
  'YearList',
  z.object({ year: Year, batches: z.array(entities.Batch).check(z.maxLength(100)), nextCursor: NextCursor }),
);

/** What the public sees of a batch: no item ids (the items are listed beside it). */
const PublicBatch = named('PublicBatch', z.strictObject(z.omit(Batch, { itemIds: true }).shape));

/** The plan on the system's date (functions/domain/public.ts) and the public facts of a project. */
const publicPlanShape = {
  managerName: z
    .nullable(z.string())
    .register(z.globalRegistry, { description: 'The project manager once awarded.' }),
  project: z.optional(
    z.strictObject({
      stage: Stage,
      totalInvestment: z.number().check(z.gte(0)),
      annualInvestmentTarget: z.number().check(z.gte(0)),
      investmentCompleted: z.number().check(z.gte(0)),
    }),
  ),
  expectedPercent: z.number().check(z.gte(0), z.lte(100)),
  nextDueDate: z.nullable(IsoDate),
  workingDaysToNextDue: z.nullable(z.number().check(z.int(), z.gte(0))),
  overdue: z.boolean(),
};

/** The lights' thresholds in force (the version of the rules in force): the console's red/yellow/green. */
const Lights = z
  .strictObject({
    get seriousLagPoints() {
      return z.number().check(z.gte(0));
    },
    get dueSoonWorkingDays() {
      return z.number().check(z.int(), z.gte(0));
    },
  })
  .register(z.globalRegistry, {
    description:
      'The lights’ thresholds under the rules in force: red when overdue or `seriousLagPoints` or more behind plan; yellow when behind plan or due within `dueSoonWorkingDays` working days; else green.',
  });

/** What the public sees of an item: no plans, no people, no internal state. */
const PublicListItem = named(
  'PublicListItem',
  z.strictObject({
    itemId: Id,
    /** null: assigned directly, without a batch (a major project or reform launched with its unit). */
    batchNo: z.nullable(z.number().check(z.int(), z.gte(1))),
    kind: ItemKind,
    itemClass: ItemClass,
    category: Category,
    title: z.string(),
    status: ItemStatus,
    leadUnitId: z.nullable(Id).register(z.globalRegistry, {
      description: 'The leading unit once awarded; null while open for claims.',
    }),
    percentComplete: z.number().check(z.gte(0), z.lte(100)),
    deadline: IsoDate,
    ...publicPlanShape,
  }),
);

const PublicList = named(
  'PublicList',
  z.strictObject({
    year: Year,
    asOf: IsoDate.clone().register(z.globalRegistry, {
      description: 'The system’s Beijing date the plan fields are computed for.',
    }),
    lights: Lights,
    batches: z
      .array(PublicBatch)
      .check(z.maxLength(100))
      .register(z.globalRegistry, { description: 'The batches of this page’s items.' }),
    items: z.array(PublicListItem).check(z.maxLength(100)),
    nextCursor: z
      .optional(z.string())
      .register(z.globalRegistry, { description: 'Pass as `cursor` for the next page.' }),
  }),
);

/** Every unit with its names: the public board shows names, never ids. */
const PublicUnits = named(
  'PublicUnits',
  z.strictObject({
    items: z
      .array(
        z.strictObject({
          unitId: Id,
          name: z.string(),
          nameZh: z.optional(z.string()),
          unitType: UnitType,
        }),
      )
      .check(z.maxLength(100)),
    nextCursor: NextCursor,
  }),
);

/** An item on the list as the public sees it: its plan, its public progress, its orders in summary. */
const PublicItemPage = named(
  'PublicItemPage',
  z.strictObject({
    ...PublicListItem.shape,
    year: Year,
    asOf: IsoDate,
    lights: Lights,
    description: z.string(),
    milestones: z.array(
      z.strictObject({
        id: Id,
        title: z.string(),
        dueDate: IsoDate,
        weight: z.number().check(z.int()),
        doneOn: z.optional(IsoDate),
      }),
    ),
    targets: z.array(z.strictObject({ indicator: z.string(), targetValue: z.number(), unit: z.string() })),
    progress: z
      .array(
        z.strictObject({
          reportedAt: IsoDateTime,
          percentComplete: z.number().check(z.gte(0), z.lte(100)),
          investmentCompleted: z.optional(z.number().check(z.gte(0))),
        }),
      )
      .register(z.globalRegistry, {
        description: 'Progress reports, oldest first: dates and figures, no narrative.',
      }),
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

const Extension = named('Extension', ExtensionView);
const ExtensionList = named(
  'ExtensionList',
  z.object({ items: z.array(Extension).check(z.maxLength(100)) }).register(z.globalRegistry, {
    description: 'The extension requests of an item (a unit sees its own unit’s).',
  }),
);

const ClaimList = named(
  'ClaimList',
  z
    .object({ items: z.array(entities.Claim).check(z.maxLength(100)), nextCursor: NextCursor })
    .register(z.globalRegistry, { description: 'A page of the claims of the item (a unit sees its own).' }),
);

// Results and evaluations. The public ones are exact: nothing internal may leak.

const Notice = named('Notice', grading.Notice);

const YearStats = named('YearStats', answers.YearStats);
const UnitRanking = named('UnitRanking', answers.UnitRanking);
const EvaluationSummary = named('EvaluationSummary', answers.EvaluationSummary);
const ItemResult = named('ItemResult', answers.ItemResult);
const InquiryDraft = named('InquiryDraft', answers.InquiryDraft);
const { Inbox } = answers;

/** What the public rankings show of an item's result (another unit's item). */
const PublicItemResult = named(
  'PublicItemResult',
  z.strictObject({
    itemId: Id,
    unitId: Id,
    category: Category,
    rankInCategory: z.number().check(z.int(), z.gte(1)),
    categorySize: z.number().check(z.int(), z.gte(1)),
    rankInPeerGroup: z.number().check(z.int(), z.gte(1)),
    peerGroupSize: z.number().check(z.int(), z.gte(1)),
    rankChange: z.optional(z.number().check(z.int())),
    expected: z.number(),
    actual: z.number(),
  }),
);

const Rankings = named(
  'Rankings',
  z.strictObject({
    period: z.string(),
    date: IsoDate,
    units: z.array(UnitRanking),
    items: z.array(PublicItemResult).check(z.maxLength(100)),
    nextCursor: NextCursor,
  }),
);

const Evaluation = named(
  'Evaluation',
  z.object({
    summary: EvaluationSummary,
    units: z.array(UnitRanking),
    items: z
      .array(z.union([ItemResult, PublicItemResult]))
      .check(z.maxLength(100))
      .register(z.globalRegistry, {
        description:
          'A page of the item results: in full for the reader’s own unit and headquarters; else as ranked publicly.',
      }),
    nextCursor: NextCursor,
    drafts: z.array(InquiryDraft).check(z.maxLength(100)).register(z.globalRegistry, {
      description:
        'A page of the unconfirmed inquiry drafts: for the office and commanders only (else empty).',
    }),
    nextDraftsCursor: z
      .optional(z.string())
      .register(z.globalRegistry, { description: 'Pass as `draftsCursor` for the next page of drafts.' }),
  }),
);

const ReconcileRun = named(
  'ReconcileRun',
  z.object({ executionName: z.string(), status: z.literal('started') }).register(z.globalRegistry, {
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
    .register(z.globalRegistry, {
      description:
        'The evaluation workflow started (read the results with GET /v1/evaluations/{period} when it is done), or, when drafts were confirmed, how many inquiry orders they issued.',
    }),
);

const LedgerEntry = named('LedgerEntry', grading.LedgerEntry);

const LedgerTotals = named('LedgerTotals', grading.LedgerTotals);

const UnitLedger = named(
  'UnitLedger',
  z.object({
    unitId: Id,
    year: Year,
    totals: LedgerTotals,
    entries: z.array(LedgerEntry).check(z.maxLength(100)),
    nextCursor: NextCursor,
    people: z
      .array(
        z.object({
          personId: Id,
          name: z.string(),
          totals: z.omit(LedgerTotals, { meritRecommendations: true, cadreNotes: true }),
        }),
      )
      .check(z.maxLength(100))
      .register(z.globalRegistry, {
        description:
          'On the first page: the unit’s people who have ledger entries this year (the first 100 by id, `peopleTruncated` when more), with their scores; a person’s entries and notes are read with `GET /v1/units/{unitId}/people/{personId}/ledger`.',
      }),
    peopleTruncated: z
      .optional(z.boolean())
      .register(z.globalRegistry, { description: 'More than 100 people had entries.' }),
    urgings: z
      .object({
        count: Count,
        truncated: z.boolean(),
        latest: z.array(supervision.Urging).check(z.maxLength(20)),
      })
      .register(z.globalRegistry, {
        description: 'The urgings (催办) of the unit this year: how many, and the latest 20.',
      }),
    referrals: z
      .array(
        z.object({
          orderId: z.string(),
          displayNumber: z.string(),
          itemId: Id,
          referral: supervision.Referral,
        }),
      )
      .check(z.maxLength(20))
      .register(z.globalRegistry, {
        description:
          'The unit’s escalated inquiries of the year referred on, and their outcome: the latest 20 referred (`referralsTruncated` when more).',
      }),
    referralsTruncated: z
      .optional(z.boolean())
      .register(z.globalRegistry, { description: 'More than 20 were referred.' }),
  }),
);

const PersonLedger = named(
  'PersonLedger',
  z.object({
    unitId: Id,
    personId: Id,
    name: z.string(),
    year: Year,
    totals: LedgerTotals,
    entries: z.array(LedgerEntry).check(z.maxLength(100)),
    nextCursor: NextCursor,
  }),
);

const CalendarYear = named(
  'CalendarYear',
  calendar.CalendarYearView.clone().register(z.globalRegistry, {
    description: 'The working-day calendar of a year.',
  }),
);

const WorkingDays = z.number().check(z.int(), z.gte(1));

const RulesInForce = named(
  'RulesInForce',
  z
    .object({
      year: Year,
      version: z.number().check(z.int(), z.gte(1)).register(z.globalRegistry, {
        description: 'The version of the rules in force: a publication (POST /v1/rules) names the next.',
      }),
      limits: z.object({
        acknowledgementWorkingDays: WorkingDays.clone().register(z.globalRegistry, {
          description: 'A unit signs a responsibility order within this many working days of the award.',
        }),
        acknowledgementGraceWorkingDays: WorkingDays.clone().register(z.globalRegistry, {
          description: 'After the reminder, this many more before a late-acknowledgement inquiry order.',
        }),
        inquiryAnswerWorkingDays: WorkingDays.clone().register(z.globalRegistry, {
          description: 'A unit answers an inquiry order in writing within this many working days.',
        }),
        awardWaitWorkingDays: WorkingDays.clone().register(z.globalRegistry, {
          description:
            'Claims waiting this many working days for an award remind the commander (once per such period).',
        }),
      }),
      lights: z
        .object({
          seriousLagPoints: z.number().check(z.gte(0)),
          dueSoonWorkingDays: Count,
        })
        .register(z.globalRegistry, {
          description:
            'Red: overdue, or `seriousLagPoints` or more behind plan; yellow: behind plan, or a milestone or the deadline due within `dueSoonWorkingDays` working days; green: on track.',
        }),
      evaluation: z.object({
        thresholds: z.object({
          seriousLagPoints: z.number().check(z.gte(0)),
          bottomShare: z.number().check(z.gte(0), z.lte(1)),
          bottomPeriodsRunning: Count,
        }),
        consequences: z
          .record(
            z.enum(['lagging_progress', 'lagging_rank', 'overdue_milestone', 'missed_deadline']),
            z.enum(['automatic', 'draft']),
          )
          .register(z.globalRegistry, {
            description:
              '`automatic`: the evaluation issues the inquiry order; `draft`: it proposes one for the office to confirm.',
          }),
      }),
      grading: z
        .object({
          version: z.number().check(z.int(), z.gte(1)),
          title: z.string(),
          effects: z.record(z.enum(OUTCOMES), Effect),
        })
        .register(z.globalRegistry, {
          description: 'The grading rule set in force: the effect of each outcome on the ledgers.',
        }),
      calendar: z.object({
        current: CalendarYear,
        next: CalendarYear.clone().register(z.globalRegistry, {
          description: 'The next year: whether its table is loaded yet.',
        }),
      }),
    })
    .register(z.globalRegistry, {
      description: 'The rules the office works by, as in force now.',
      example: {
        year: 2022,
        version: 1,
        limits: {
          acknowledgementWorkingDays: 3,
          acknowledgementGraceWorkingDays: 2,
          inquiryAnswerWorkingDays: 5,
          awardWaitWorkingDays: 3,
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

const ExecutionView = z.object({
  get status() {
    return z
      .enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE', 'UNKNOWN'])
      .register(z.globalRegistry, {
        description: '`UNKNOWN`: Step Functions does not know the recorded execution (lost: restart it).',
      });
  },
  get startDate() {
    return z.optional(IsoDateTime);
  },
  get stopDate() {
    return z.optional(IsoDateTime);
  },
  get state() {
    return z
      .optional(z.nullable(z.string()))
      .register(z.globalRegistry, { description: 'The state it is in (running only).' });
  },
  get waitingFor() {
    return z.optional(z.nullable(z.string()));
  },
  get since() {
    return z.optional(z.nullable(IsoDateTime));
  },
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
      executionName: z
        .nullable(z.string())
        .register(z.globalRegistry, { description: 'Null: no workflow yet (a draft).' }),
      generation: z.nullable(z.number().check(z.int(), z.gte(0))),
      execution: z.nullable(ExecutionView),
    })
    .register(z.globalRegistry, {
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
        id: z.number().check(z.int()),
        type: z.string(),
        timestamp: IsoDateTime,
        state: z.optional(z.string()),
      }),
    ),
    nextCursor: z.optional(z.string()),
  }),
);

const OpsRestart = named(
  'OpsRestart',
  z.object({
    subjectType: z.enum(['item', 'order']),
    subjectId: Id,
    executionName: z.string(),
    generation: z.number().check(z.int(), z.gte(1)),
  }),
);

// ---------------------------------------------------------------------------------------------
// Documents (issue 13): files and import answers

/** A file answer's body: bytes, not JSON (the route declares its media types). */
const File = z.unknown();

const EvidenceFileAnswer = named('EvidenceFile', EvidenceFileView);
const EvidenceUploadForm = named(
  'EvidenceUploadForm',
  z.object({
    fileId: z.string(),
    url: z.string().register(z.globalRegistry, { description: 'Where to POST the form (the bucket).' }),
    fields: z.record(z.string(), z.string()).register(z.globalRegistry, {
      description: 'Every field to send, in any order, before `file` (policy, signature, key, Content-Type).',
    }),
    expiresAt: z.string(),
    maxBytes: z.number().check(z.int()),
    file: EvidenceFileAnswer,
  }),
);
const EvidenceDownload = named(
  'EvidenceDownload',
  z.extend(EvidenceFileView, {
    url: z.string().register(z.globalRegistry, { description: 'A presigned GET of the file.' }),
    expiresAt: z.string(),
  }),
);

const ImportAnswer = named(
  'ImportAnswer',
  z.object({
    dryRun: z.boolean(),
    rows: z
      .number()
      .check(z.int(), z.gte(0))
      .register(z.globalRegistry, { description: 'Data rows read (after the header row).' }),
    errors: z.array(
      z.strictObject({
        row: z
          .number()
          .check(z.int(), z.gte(1))
          .register(z.globalRegistry, { description: 'The row of the sheet (the header is row 1).' }),
        column: z.string().register(z.globalRegistry, {
          description: 'The column’s header as the sheet has it; empty for the row.',
        }),
        code: z.string(),
        message: z.string(),
      }),
    ),
    truncated: z
      .boolean()
      .register(z.globalRegistry, { description: 'More than 500 errors: the first 500 are answered.' }),
    created: z.number().check(z.int(), z.gte(0)),
    existing: z
      .number()
      .check(z.int(), z.gte(0))
      .register(z.globalRegistry, { description: 'Rows an earlier run of the same file wrote.' }),
    results: z.array(
      z.strictObject({
        row: z.number().check(z.int()),
        itemId: z.string(),
        status: z.enum(['valid', 'created', 'existing']),
      }),
    ),
  }),
);

// ---------------------------------------------------------------------------------------------
// The verbs of supervision and the rules as data (ApiOffice)

const Urging = named(
  'Urging',
  supervision.Urging.clone().register(z.globalRegistry, {
    description: 'An urging (催办) of a unit on an item, numbered on the item (`urgeNo`).',
  }),
);

const SupportReport = named(
  'SupportReport',
  supervision.SupportReport.clone().register(z.globalRegistry, {
    description: 'A supporting unit’s (协办单位) report on its part.',
  }),
);
const PublicSupportReport = named(
  'PublicSupportReport',
  z.omit(supervision.SupportReport, { reportedBy: true }).register(z.globalRegistry, {
    description: 'A supporting report as another unit reads it: no user id.',
  }),
);

const RuleSetVersion = named(
  'RuleSetVersion',
  z
    .extend(grading.RuleSet, {
      thresholds: z.optional(supervision.Thresholds),
      publishedAt: z.optional(IsoDateTime),
      publishedBy: z.optional(z.string()),
    })
    .register(z.globalRegistry, {
      description:
        'A version of the rules: the grading rule set (the effect of each outcome) and the evaluation’s thresholds (absent: the deployment’s).',
    }),
);

const Regrade = named(
  'Regrade',
  z
    .object({
      year: Year,
      period: z
        .optional(Period)
        .register(z.globalRegistry, { description: 'The period re-graded, when one was named.' }),
      version: z.number().check(z.int(), z.gte(1)),
      regraded: Count,
    })
    .register(z.globalRegistry, {
      description: 'How many graded orders of the year (or of the period) the version in force re-graded.',
    }),
);

/**
 * A domain event as the API shows it: the event published on the bus (functions/domain/events.ts)
 * without its schema `version` (the answers carry no `version`; docs/events.md documents it).
 */
const DomainEventView = named(
  'DomainEventView',
  z.union(
    DomainEvent.def.options.map((o) =>
      z.omit(o as unknown as z.ZodMiniObject, { version: true }),
    ) as unknown as [z.ZodMiniObject, ...z.ZodMiniObject[]],
  ),
);

const OutboxEntry = named(
  'OutboxEntry',
  z.object({
    eventId: z.string(),
    type: z.string(),
    at: z.string(),
    status: z.enum(['pending', 'published']),
    publishedAt: z.optional(z.string()),
    attempts: z
      .number()
      .check(z.int(), z.gte(0))
      .register(z.globalRegistry, { description: 'Failed publication attempts.' }),
    lastError: z.optional(z.string()),
    auditType: z
      .optional(z.string())
      .register(z.globalRegistry, { description: 'The audit event it reports, if any.' }),
    event: z
      .optional(DomainEventView)
      .register(z.globalRegistry, { description: 'The event (once known: timers, published).' }),
  }),
);

const Notification = named(
  'Notification',
  z.object({ eventId: z.string(), type: z.string(), at: z.string(), event: DomainEventView }),
);

const Reminder = named(
  'Reminder',
  z.object({
    itemId: z.string(),
    unitId: z.string(),
    key: z.string().register(z.globalRegistry, { description: '`deadline` or `milestone:<id>`.' }),
    dueDate: z.string(),
    color: z.enum(['yellow', 'red']),
    at: z.string().register(z.globalRegistry, { description: 'When the sweep recorded it.' }),
  }),
);

export const responses = {
  // Events are large (up to 50 units, a 2,000-character note): 25 a page keeps the worst case under 1 MB.
  OutboxPage: page('OutboxPage', OutboxEntry, EVENT_PAGE_MAX),
  NotificationPage: page('NotificationPage', Notification, EVENT_PAGE_MAX),
  ReminderPage: page('ReminderPage', Reminder),
  File,
  EvidenceFile: EvidenceFileAnswer,
  EvidenceFilePage: page('EvidenceFilePage', EvidenceFileAnswer),
  EvidenceUploadForm,
  EvidenceDownload,
  ImportAnswer,
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
  Extension,
  ExtensionList,
  ExtensionPage: page('ExtensionPage', Extension),
  Order: entities.Order,
  OrderView,
  OrderPage: page('OrderPage', OrderView),
  ProgressReport: entities.ProgressReport,
  ProgressPage: page('ProgressPage', ProgressView),
  NoticePage: page('NoticePage', Notice),
  YearStats,
  Rankings,
  UnitLedger,
  PersonLedger,
  Evaluation,
  EvaluationRun,
  ReconcileRun,
  CalendarYear,
  RulesInForce,
  Inbox,
  OpsWorkflow,
  OpsWorkflowHistory,
  OpsRestart,
  Urging,
  UrgingPage: page('UrgingPage', Urging),
  SupportReport,
  SupportReportPage: page('SupportReportPage', z.union([SupportReport, PublicSupportReport])),
  RuleSetVersion,
  RuleSetVersionPage: page('RuleSetVersionPage', RuleSetVersion),
  Regrade,
  NotificationSettings: named(
    'NotificationSettings',
    notifications.NotificationSettingsView.clone().register(z.globalRegistry, {
      description:
        "A unit's or a desk's notification settings; a webhook's signing secret only as `secretHint`.",
    }),
  ),
  NotificationTestResult: named('NotificationTestResult', notifications.TestMessageResult),
};

/** The name of a success body, as a route declaration gives it. */
export type ResponseName = keyof typeof responses;

// ---------------------------------------------------------------------------------------------
// Responses by status

export interface ResponseContract {
  readonly description: string;
  readonly schema: z.ZodMiniType;
  /** A file answer (not JSON): its media types. `schema` is then not checked against the body. */
  readonly mediaTypes?: readonly string[];
}

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
