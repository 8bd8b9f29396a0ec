/**
 * The entities of One List and their zod schemas (shared with the API and OpenAPI).
 * Pure: no I/O, no AWS. Money is in yuan as integers (no floating-point cents).
 *
 * A field that builds a schema of its own is a getter: zod builds it when the object is first
 * used (a parse, its `shape`), not when a Lambda function imports the module, so a cold start
 * builds only the entities its request uses. The same holds for the object schemas of the other
 * domain and API modules (ARCHITECTURE.md, decision of 2026-12-03 "Cold starts build the schemas
 * they use": a third to a half of the schemas a cold start built before).
 */
import * as z from 'zod/mini';

export const ROLES = ['commander', 'office', 'unit', 'manager', 'inspector'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/**
 * The desks at headquarters an event or a notification may be addressed to. Here, not in
 * events.ts: a bundle that needs the desks alone then carries none of the event schemas.
 */
export const HqDesk = z.enum(['commander', 'office']);
export type HqDesk = z.infer<typeof HqDesk>;

/** Who acts. `system` is the workflows and schedules; it never comes from a token. */
export const Actor = z.strictObject({
  get role() {
    return z.enum([...ROLES, 'system']);
  },
  /** Subject of the token (user id) or the name of the system component. */
  get sub() {
    return z.string().check(z.minLength(1));
  },
  get unitId() {
    return z.optional(z.string().check(z.minLength(1)));
  },
  get personId() {
    return z.optional(z.string().check(z.minLength(1)));
  },
});
export type Actor = z.infer<typeof Actor>;

export const SYSTEM: Actor = { role: 'system', sub: 'workflow' };

/** A count or a version (whole, from 0): one schema shared by every such field (bundle size). */
const Count = z.number().check(z.int(), z.gte(0));
/** An object of any fields (audit data, a proposal's draft, stamps whose schema lives elsewhere). */
/**
 * `schema.check(...checks)` that leaves an object's getter fields unbuilt: zod/mini's own
 * `.check()` copies the definition by spreading it, which reads `shape` and so builds every
 * field at import (ARCHITECTURE.md, 2026-12-04 "The runtime schemas are zod/mini"). This one
 * copies it by property descriptors, as zod's own `util.mergeDefs` does; the checks run the same.
 */
export function withChecks<T extends z.ZodMiniType>(
  schema: T,
  ...checks: z.core.$ZodCheck<z.output<T>>[]
): T {
  const def = schema._zod.def;
  // Not z.core.util.mergeDefs: reaching z.core keeps all of zod's core in a bundle (locales too).
  const copy = Object.defineProperties(
    {},
    {
      ...Object.getOwnPropertyDescriptors(def),
      checks: {
        value: [...(def.checks ?? []), ...checks],
        enumerable: true,
        writable: true,
        configurable: true,
      },
    },
  ) as typeof def;
  return schema.clone(copy, { parent: true }) as T;
}

export const Bag = z.record(z.string(), z.unknown());

export const Id = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(64),
    z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, underscore and hyphen only'),
  );
export const IsoDate = z.iso.date();
export const IsoDateTime = z.iso.datetime({ offset: true });

// ---------------------------------------------------------------------------------------------
// Numbers: the bound and the precision of every number a caller may send, in this one place
// (ARCHITECTURE.md "Numbers"). DynamoDB holds numbers of at most 38 significant digits whose
// magnitude is 0 or from 1e-130 to below 1e126; the document client refuses integers beyond
// 2^53 − 1; a JSON number is a double, exact to 15 significant digits. Every bound below stays
// far inside all three (at most 17 significant digits, magnitude 0 or 1e-4 to 1e13), so
// nothing a schema accepts can fail at DynamoDB. The request reader refuses numbers that
// JSON cannot hold exactly (9007199254740993, 1e400, 1e-400) before any schema sees them.

/** The limits, for documentation and tests. */
export const NUMBER_LIMITS = {
  /** Yuan, whole: 0 to 10 trillion (the article's whole programme is 750 billion). */
  money: { min: 0, max: 10_000_000_000_000, decimals: 0 },
  /** Percent complete: 0 to 100, one decimal. */
  percent: { min: 0, max: 100, decimals: 1 },
  /** Target and result values of an indicator: |x| ≤ 1e12, four decimals. */
  quantity: { min: -1_000_000_000_000, max: 1_000_000_000_000, decimals: 4 },
  /** A milestone's share of its item, whole percent. */
  weight: { min: 1, max: 100, decimals: 0 },
  year: { min: 2000, max: 2100, decimals: 0 },
  /** Records per page of a listing. */
  pageSize: { min: 1, max: 100, decimals: 0 },
  /** A page of domain events (outbox, notifications): events are large, 25 keep it under 1 MB. */
  eventPageSize: { min: 1, max: 25, decimals: 0 },
  /** An evidence file's declared size in bytes: 1 to 20 MiB (domain/evidence.ts). */
  fileBytes: { min: 1, max: 20 * 1024 * 1024, decimals: 0 },
} as const;

/** Digits after the decimal point of a number as written in its shortest form (1.5e-7 → 8). */
export function decimalsOf(x: number): number {
  const m = /^\d+(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(Math.abs(x)));
  if (!m) return Number.POSITIVE_INFINITY;
  return Math.max(0, (m[1]?.length ?? 0) - Number(m[2] ?? 0));
}

export interface NumberLimit {
  readonly min: number;
  readonly max: number;
  readonly decimals: number;
}
const limitOf = new Map<unknown, NumberLimit>();

/** A number helper of a bound and precision of its own (for a module's own limits: supervision.ts). */
export const bounded = (limit: NumberLimit) => {
  const { min, max, decimals } = limit;
  // The number made with all its rules, and documented in place: `z.number().check(…)` builds
  // the number twice and `.clone()` a third time, at import, for every helper.
  const documented = (
    new z.ZodMiniNumber({
      type: 'number',
      checks: [
        z.gte(min),
        z.lte(max),
        decimals === 0
          ? z.int()
          : z.refine((x: number) => decimalsOf(x) <= decimals, {
              message: `at most ${decimals} decimal${decimals === 1 ? '' : 's'}`,
            }),
      ],
    }) as z.ZodMiniNumber<number>
  ).register(z.globalRegistry, {
    description: `from ${min} to ${max}${decimals === 0 ? ', whole' : `, at most ${decimals} decimal${decimals === 1 ? '' : 's'}`}`,
  });
  limitOf.set(documented, limit);
  return documented;
};

/** Yuan, whole (no floating-point cents). */
export const Money = bounded(NUMBER_LIMITS.money);
/** The same bound under its older name. */
export const Yuan = Money;
export const Percent = bounded(NUMBER_LIMITS.percent);
export const Quantity = bounded(NUMBER_LIMITS.quantity);
export const Weight = bounded(NUMBER_LIMITS.weight);
export const Year = bounded(NUMBER_LIMITS.year);
export const PageSize = bounded(NUMBER_LIMITS.pageSize);
export const EventPageSize = bounded(NUMBER_LIMITS.eventPageSize);
export const FileBytes = bounded(NUMBER_LIMITS.fileBytes);
/**
 * A number helper read from a query string or a path: plain decimal text only ("2022"; not
 * " 2022", "0x7e6", "2022.0" or "1e3"), then the helper's bound.
 */
export const fromText = <T extends z.ZodMiniType<number, number>>(helper: T) => {
  const limit = limitOf.get(helper);
  if (!limit) throw new Error('fromText takes one of the number helpers');
  const schema = z.pipe(
    z.pipe(
      z
        .string()
        .check(
          z.regex(limit.decimals === 0 ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/, 'a number in plain decimal digits'),
        ),
      z.transform(Number),
    ),
    helper,
  );
  z.globalRegistry.add(schema, {
    type: limit.decimals === 0 ? 'integer' : 'number',
    minimum: limit.min,
    maximum: limit.max,
  });
  return schema;
};

/**
 * The one text rule, used by every text field of every command and entity. Text is trimmed
 * and normalised to NFC (one stored form of "é", so equal text compares equal), and refused
 * when it holds a C0 or C1 control character (NUL, BEL, ESC and so every ANSI escape, DEL…;
 * tab, line feed and carriage return only in multi-line text) or a bidi embedding, override
 * or isolate (U+202A–U+202E, U+2066–U+2069), which would make a title read differently on the
 * public board than it was stored. Required text must show something: blank or
 * zero-width-only text is refused. `max` counts UTF-16 code units after normalisation.
 */
function textRule(max: number, opts: { line: boolean; blank: boolean }) {
  const schema = z.string().check(
    z.trim(),
    z.normalize('NFC'),
    z.maxLength(max),
    z.refine((v) => forbiddenCharacter(v, opts.line) === undefined, {
      error: (issue) =>
        `contains ${forbiddenCharacter(String(issue.input), opts.line)}: control, escape and bidi-override characters${opts.line ? ' and line breaks' : ''} are not allowed`,
    }),
  );
  return opts.blank
    ? schema
    : schema.check(z.refine((v) => v.replace(INVISIBLE, '').length > 0, { error: 'must not be blank' }));
}

/** What does not show: white space, soft hyphen, Mongolian vowel separator, zero-width and bidi marks, word joiners, BOM. */
const INVISIBLE = /[\s\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/gu;

/** The first character the text rule refuses, as `U+XXXX`, or undefined. */
export function forbiddenCharacter(text: string, line: boolean): string | undefined {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const lineBreakOrTab = c === 0x09 || c === 0x0a || c === 0x0d;
    const refused =
      (c < 0x20 && (line || !lineBreakOrTab)) ||
      (c >= 0x7f && c <= 0x9f) ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069) ||
      (line && (c === 0x2028 || c === 0x2029));
    if (refused) return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return undefined;
}

/** Required text, line breaks allowed (a plan, an answer, a narrative). */
export const Text = (max: number) => textRule(max, { line: false, blank: false });
/** Required text on one line (a name, an indicator, a unit of measure). */
export const Line = (max: number) => textRule(max, { line: true, blank: false });
/** A title: one line, at most 200 characters, not blank. */
export const Title = Line(200);
/** Optional free text that may be empty (a description, a note); `line` for one-line fields. */
export const Prose = (max: number, opts: { line?: boolean } = {}) =>
  textRule(max, { line: opts.line ?? false, blank: true });

/**
 * Dates of an item (deadline, milestones) lie from 1 January of the year before the item's
 * year to 31 December ten years after it: multi-year projects fit, 0001-01-01, 9999-12-31 or a
 * milestone in 1900 on a 2022 item do not.
 */
export const ITEM_DATE_RANGE = { yearsBefore: 1, yearsAfter: 10 } as const;

/**
 * Whether a date lies in the documented range of an item of `year` (ITEM_DATE_RANGE). Here,
 * not in commands.ts: the verbs need it, and importing commands.ts builds every command input.
 */
export function withinItemYears(date: string, year: number): boolean {
  const y = Number(date.slice(0, 4));
  return y >= year - ITEM_DATE_RANGE.yearsBefore && y <= year + ITEM_DATE_RANGE.yearsAfter;
}

export const ITEM_KINDS = ['task', 'project', 'reform'] as const;
export const ItemKind = z.enum(ITEM_KINDS);
export type ItemKind = z.infer<typeof ItemKind>;

export const ITEM_CLASSES = ['A', 'B'] as const;
export const ItemClass = z.enum(ITEM_CLASSES);
export type ItemClass = z.infer<typeof ItemClass>;

/** The three battle lines: 战略争夺, 攻城拔寨, 守住底线. */
export const CATEGORIES = ['strategic', 'siege', 'bottom-line'] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

/** Project stages: 在建, 前期, 谋划. */
export const STAGES = ['construction', 'preliminary', 'planning'] as const;
export const Stage = z.enum(STAGES);
export type Stage = z.infer<typeof Stage>;

export const ITEM_STATUSES = [
  'draft', // created, editable, not public
  'published', // on the list, claim window open
  'claims_closed', // window closed with applications: awaiting award
  'unclaimed', // window closed with no application: reopen or assign directly
  'awarded', // responsibility order issued, awaiting acknowledgement
  'in_progress', // acknowledged; progress reports, deadlines, inquiries
  'completion_reported', // awaiting verification of the expected effect
  'completed', // verified, commended: closed out (销号)
] as const;
export const ItemStatus = z.enum(ITEM_STATUSES);
export type ItemStatus = z.infer<typeof ItemStatus>;

export const Milestone = z.strictObject({
  id: Id,
  get title() {
    return Line(200);
  },
  dueDate: IsoDate,
  /** Share of the whole task, in percent; the weights of an item add up to 100. */
  weight: Weight,
});
export type Milestone = z.infer<typeof Milestone>;

export const Target = z.strictObject({
  get indicator() {
    return Line(200);
  },
  targetValue: Quantity,
  get unit() {
    return Line(40);
  },
});
export type Target = z.infer<typeof Target>;

export const ProjectFacts = z.strictObject({
  stage: Stage,
  totalInvestment: Money,
  annualInvestmentTarget: Money,
});
export type ProjectFacts = z.infer<typeof ProjectFacts>;

export const MilestoneProgress = z.strictObject({
  milestoneId: Id,
  get done() {
    return z.boolean();
  },
  /** Done on this date (defaults to the report date). */
  get doneOn() {
    return z.optional(IsoDate);
  },
});

export const ItemWorkflowRef = z.strictObject({
  get executionName() {
    return z.string();
  },
  generation: Count,
});

/** A work item: a list task, a major project or an important reform. */
/** An evidence file as a report carries it (functions/domain/evidence.ts: the upload rules). */
export const EvidenceRef = z.object({
  fileId: Id,
  get name() {
    return z.string();
  },
  get contentType() {
    return z.string();
  },
  get size() {
    return z.number().check(z.int());
  },
});
export type EvidenceRef = z.infer<typeof EvidenceRef>;

export const Item = z.object({
  itemId: Id,
  year: Year,
  kind: ItemKind,
  itemClass: ItemClass,
  category: Category,
  title: Title,
  get description() {
    return z._default(Prose(4000), '');
  },
  get leadLeader() {
    return z.optional(Prose(100, { line: true }));
  },
  /** Unit that leads the item once awarded (or, for a class B item, the declaring unit until then). */
  get leadUnitId() {
    return z.optional(Id);
  },
  get supportingUnitIds() {
    return z._default(z.array(Id).check(z.maxLength(20)), []);
  },
  get managerId() {
    return z.optional(Id);
  },
  get project() {
    return z.optional(ProjectFacts);
  },
  get milestones() {
    return z._default(z.array(Milestone).check(z.maxLength(50)), []);
  },
  deadline: IsoDate,
  get targets() {
    return z._default(z.array(Target).check(z.maxLength(20)), []);
  },
  status: ItemStatus,
  get batchNo() {
    return z.optional(z.number().check(z.int(), z.gte(1)));
  },
  get claimWindow() {
    return z.optional(z.strictObject({ opensAt: IsoDateTime, closesAt: IsoDateTime }));
  },
  /** Ids of the responsibility order and the awarded claim. */
  get responsibilityOrderId() {
    return z.optional(z.string());
  },
  get awardedClaimId() {
    return z.optional(z.string());
  },
  get proposalId() {
    return z.optional(z.string());
  },
  get percentComplete() {
    return z._default(Percent, 0);
  },
  get investmentCompleted() {
    return z._default(Money, 0);
  },
  get milestonesDone() {
    return z._default(z.record(z.string(), IsoDate), {});
  },
  get openInquiryIds() {
    return z._default(z.array(z.string()), []);
  },
  /** Inquiry orders whose workflow has not been started yet. */
  get inquiriesToStart() {
    return z._default(z.array(z.string()), []);
  },
  /** Deadline checks already acted on (milestone ids and 'deadline'): no second inquiry for one lapse. */
  get lapsesActedOn() {
    return z._default(z.array(z.string()), []);
  },
  /** When the responsibility order was issued: the plan's start for evaluation. */
  get awardedAt() {
    return z.optional(IsoDateTime);
  },
  get acknowledgementDueAt() {
    return z.optional(IsoDateTime);
  },
  get acknowledgementReminded() {
    return z._default(z.boolean(), false);
  },
  /** How many times the office or a commander urged a unit on it (催办: supervision.ts). */
  get urgeCount() {
    return z.optional(Count);
  },
  get completion() {
    return z.optional(
      z.strictObject({
        reportedAt: IsoDateTime,
        get summary() {
          return z.string();
        },
        get results() {
          return z.array(z.strictObject({ indicator: z.string(), actualValue: Quantity }));
        },
        get files() {
          return z.optional(z.array(EvidenceRef).check(z.maxLength(10)));
        },
      }),
    );
  },
  get workflow() {
    return z.optional(ItemWorkflowRef);
  },
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Count,
  auditSeq: Count,
  get auditHead() {
    return z.string();
  },
});
export type Item = z.infer<typeof Item>;

export const UNIT_TYPES = ['department', 'subdistrict', 'enterprise'] as const;
export const UnitType = z.enum(UNIT_TYPES);
export type UnitType = z.infer<typeof UnitType>;

export const Unit = z.object({
  unitId: Id,
  get name() {
    return Line(200);
  },
  get nameZh() {
    return z.optional(Prose(200, { line: true }));
  },
  unitType: UnitType,
  createdAt: IsoDateTime,
  version: Count,
  /** Head of the unit's audit trail. */
  get auditSeq() {
    return z.optional(Count);
  },
  get auditHead() {
    return z.optional(z.string());
  },
});
export type Unit = z.infer<typeof Unit>;

export const Person = z.object({
  personId: Id,
  unitId: Id,
  get name() {
    return Line(100);
  },
  get title() {
    return z.optional(Prose(100, { line: true }));
  },
  createdAt: IsoDateTime,
  /** Head of the person's audit trail. */
  get auditSeq() {
    return z.optional(Count);
  },
  get auditHead() {
    return z.optional(z.string());
  },
});
export type Person = z.infer<typeof Person>;

export const PROPOSAL_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export const ProposalStatus = z.enum(PROPOSAL_STATUSES);
export type ProposalStatus = z.infer<typeof ProposalStatus>;

export const CLAIM_STATUSES = ['pending', 'awarded', 'declined', 'withdrawn'] as const;
export const ClaimStatus = z.enum(CLAIM_STATUSES);

export const Claim = z.object({
  get claimId() {
    return z.string();
  },
  itemId: Id,
  unitId: Id,
  managerId: Id,
  get plan() {
    return z.string();
  },
  status: ClaimStatus,
  claimedAt: IsoDateTime,
  get decidedAt() {
    return z.optional(IsoDateTime);
  },
});
export type Claim = z.infer<typeof Claim>;

export const ORDER_TYPES = ['responsibility', 'commendation', 'inquiry'] as const;
export const OrderType = z.enum(ORDER_TYPES);

/** An order id as issued: `<year>-<RES|COM|INQ>-<number>` (year, type code and number captured). */
export const ORDER_ID_PATTERN = /^(\d{4})-(RES|COM|INQ)-(\d{4,})$/;
export const OrderId = z.string().check(z.regex(ORDER_ID_PATTERN, 'an order id such as 2022-RES-0001'));

/** An evaluation period: a month, `YYYY-MM` (year and month captured). */
export const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const Period = z.string().check(z.regex(PERIOD_PATTERN, 'a month as YYYY-MM'));
export type OrderType = z.infer<typeof OrderType>;

export const ORDER_STATUSES = [
  'issued',
  'acknowledged', // responsibility: signed by the unit
  'fulfilled', // responsibility: item completed and commended
  'answered', // inquiry: the unit answered in writing
  'rectified', // inquiry: closed as rectified (销号)
  'escalated', // inquiry: accountability pursued / referred on
  'superseded', // responsibility: the item was reassigned; a new order replaces it
] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const INQUIRY_TRIGGERS = [
  'lagging_progress',
  'lagging_rank',
  'overdue_milestone',
  'missed_deadline',
  'late_acknowledgement',
  'violation',
  'not_achieved',
] as const;
export const InquiryTrigger = z.enum(INQUIRY_TRIGGERS);
export type InquiryTrigger = z.infer<typeof InquiryTrigger>;

export const COMMENDATION_GRADES = ['first', 'second', 'third'] as const;
export const CommendationGrade = z.enum(COMMENDATION_GRADES);
export type CommendationGrade = z.infer<typeof CommendationGrade>;

/** An order. The fields fixed at issue never change; only `status` and its stamps move. */
export const Order = z.object({
  get orderId() {
    return z.string();
  },
  orderType: OrderType,
  year: Year,
  get number() {
    return z.number().check(z.int(), z.gte(1));
  },
  /** Human-readable number, e.g. 福田责〔2022〕3号. */
  get displayNumber() {
    return z.string();
  },
  itemId: Id,
  get itemTitle() {
    return z.string();
  },
  unitId: Id,
  get managerId() {
    return z.optional(Id);
  },
  issuedAt: IsoDateTime,
  get issuedBy() {
    return z.string();
  },
  status: OrderStatus,
  // responsibility
  get targets() {
    return z.optional(z.array(Target));
  },
  get milestones() {
    return z.optional(z.array(Milestone));
  },
  get deadline() {
    return z.optional(IsoDate);
  },
  get acknowledgedAt() {
    return z.optional(IsoDateTime);
  },
  // commendation
  get grade() {
    return z.optional(CommendationGrade);
  },
  // inquiry
  get trigger() {
    return z.optional(InquiryTrigger);
  },
  get reason() {
    return z.optional(z.string());
  },
  get answerDueAt() {
    return z.optional(IsoDateTime);
  },
  get answer() {
    return z.optional(
      z.strictObject({
        answeredAt: IsoDateTime,
        get text() {
          return z.string();
        },
        get rectificationPlan() {
          return z.string();
        },
      }),
    );
  },
  get decision() {
    return z.optional(
      z.strictObject({
        decidedAt: IsoDateTime,
        get outcome() {
          return z.enum(['rectified', 'escalated']);
        },
        get note() {
          return z.string();
        },
        get by() {
          return z.string();
        },
      }),
    );
  },
  /**
   * An escalated inquiry: to whom it was referred, when, and the outcome. Written only through
   * the rules of supervision.ts (whose `Referral` schema the API documents); checked here as an
   * object only, so that every bundle carrying the model stays small.
   */
  get referral() {
    return z.optional(Bag as unknown as z.ZodMiniType<Referral>);
  },
  /** Whether the public board shows it (commendations and inquiry summaries by rule). */
  get public() {
    return z.boolean();
  },
  /** Inquiry: the execution restarted last (absent: generation 1, `inquiry-<orderId>`). */
  get workflow() {
    return z.optional(ItemWorkflowRef);
  },
  version: Count,
});
export type Order = z.infer<typeof Order>;
/** The referral stamp of an escalated inquiry (schema: `Referral` in supervision.ts). */
export interface Referral {
  to: string;
  referredOn: string;
  note: string;
  recordedAt: string;
  by: string;
  outcome?: string;
  closedOn?: string;
  closedAt?: string;
}

export const ProgressReport = z.object({
  get reportId() {
    return z.string();
  },
  itemId: Id,
  reportedAt: IsoDateTime,
  get reportedBy() {
    return z.string();
  },
  percentComplete: Percent,
  get investmentCompleted() {
    return z.optional(Money);
  },
  get milestones() {
    return z._default(z.array(MilestoneProgress), []);
  },
  get narrative() {
    return z.string();
  },
  get evidence() {
    return z._default(z.array(z.string()), []);
  },
  /** Uploaded evidence files (stored, of this item) the report references. */
  get files() {
    return z.optional(z.array(EvidenceRef).check(z.maxLength(10)));
  },
  /** Set when the report lowers a figure of the last one: why, and what it corrects. */
  get correction() {
    return z.optional(
      z.strictObject({
        get reason() {
          return z.string();
        },
        get previousPercentComplete() {
          return z.number();
        },
        get previousInvestmentCompleted() {
          return z.number();
        },
      }),
    );
  },
});
export type ProgressReport = z.infer<typeof ProgressReport>;

export const AuditEvent = z.object({
  get subject() {
    return z.string();
  },
  get seq() {
    return z.number().check(z.int(), z.gte(1));
  },
  at: IsoDateTime,
  get type() {
    return z.string();
  },
  actor: Actor,
  data: Bag,
  get prevHash() {
    return z.string();
  },
  get hash() {
    return z.string();
  },
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/** A class B item declared bottom-up by a unit, reviewed by the office. */
export const Proposal = z.object({
  get proposalId() {
    return z.string();
  },
  year: Year,
  unitId: Id,
  status: ProposalStatus,
  draft: Bag,
  declaredAt: IsoDateTime,
  get decidedAt() {
    return z.optional(IsoDateTime);
  },
  get reason() {
    return z.optional(z.string());
  },
  get itemId() {
    return z.optional(Id);
  },
  version: Count,
  /** Head of the proposal's audit trail. */
  get auditSeq() {
    return z.optional(Count);
  },
  get auditHead() {
    return z.optional(z.string());
  },
});
export type Proposal = z.infer<typeof Proposal>;

/** A published batch of the list (e.g. the first batch: 42 tasks, 30 class A, 12 class B). */
export const Batch = z.object({
  year: Year,
  get batchNo() {
    return z.number().check(z.int(), z.gte(1));
  },
  get title() {
    return z.string();
  },
  get itemIds() {
    return z.array(Id);
  },
  publishedAt: IsoDateTime,
  get claimWindow() {
    return z.strictObject({ opensAt: IsoDateTime, closesAt: IsoDateTime });
  },
  get counts() {
    return z.strictObject({
      get total() {
        return z.number().check(z.int());
      },
      get classA() {
        return z.number().check(z.int());
      },
      get classB() {
        return z.number().check(z.int());
      },
    });
  },
});
export type Batch = z.infer<typeof Batch>;
