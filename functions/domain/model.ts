/**
 * The entities of One List and their zod schemas (shared with the API and OpenAPI).
 * Pure: no I/O, no AWS. Money is in yuan as integers (no floating-point cents).
 */
import { z } from 'zod';

export const ROLES = ['commander', 'office', 'unit', 'manager', 'inspector'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Who acts. `system` is the workflows and schedules; it never comes from a token. */
export const Actor = z.strictObject({
  role: z.enum([...ROLES, 'system']),
  /** Subject of the token (user id) or the name of the system component. */
  sub: z.string().min(1),
  unitId: z.string().min(1).optional(),
  personId: z.string().min(1).optional(),
});
export type Actor = z.infer<typeof Actor>;

export const SYSTEM: Actor = { role: 'system', sub: 'workflow' };

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, underscore and hyphen only');
export const Year = z.number().int().min(2000).max(2100);
export const IsoDate = z.iso.date();
export const IsoDateTime = z.iso.datetime({ offset: true });
export const Yuan = z.number().int().min(0).max(10_000_000_000_000);
const Text = (max: number) => z.string().trim().min(1).max(max);

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
  title: Text(200),
  dueDate: IsoDate,
  /** Share of the whole task, in percent; the weights of an item add up to 100. */
  weight: z.number().int().min(1).max(100),
});
export type Milestone = z.infer<typeof Milestone>;

export const Target = z.strictObject({
  indicator: Text(200),
  targetValue: z.number().finite(),
  unit: Text(40),
});
export type Target = z.infer<typeof Target>;

export const ProjectFacts = z.strictObject({
  stage: Stage,
  totalInvestment: Yuan,
  annualInvestmentTarget: Yuan,
});
export type ProjectFacts = z.infer<typeof ProjectFacts>;

export const MilestoneProgress = z.strictObject({
  milestoneId: Id,
  done: z.boolean(),
  /** Done on this date (defaults to the report date). */
  doneOn: IsoDate.optional(),
});

export const ItemWorkflowRef = z.strictObject({
  executionName: z.string(),
  generation: z.number().int().min(0),
});

export const PendingWait = z.strictObject({
  token: z.string(),
  waitingFor: z.string(),
  since: IsoDateTime,
});
export type PendingWait = z.infer<typeof PendingWait>;

/** A work item: a list task, a major project or an important reform. */
export const Item = z.object({
  itemId: Id,
  year: Year,
  kind: ItemKind,
  itemClass: ItemClass,
  category: Category,
  title: Text(200),
  description: z.string().max(4000).default(''),
  leadLeader: z.string().max(100).optional(),
  /** Unit that leads the item once awarded (or, for a class B item, the declaring unit until then). */
  leadUnitId: Id.optional(),
  supportingUnitIds: z.array(Id).max(20).default([]),
  managerId: Id.optional(),
  project: ProjectFacts.optional(),
  milestones: z.array(Milestone).max(50).default([]),
  deadline: IsoDate,
  targets: z.array(Target).max(20).default([]),
  status: ItemStatus,
  batchNo: z.number().int().min(1).optional(),
  claimWindow: z.strictObject({ opensAt: IsoDateTime, closesAt: IsoDateTime }).optional(),
  /** Ids of the responsibility order and the awarded claim. */
  responsibilityOrderId: z.string().optional(),
  awardedClaimId: z.string().optional(),
  proposalId: z.string().optional(),
  percentComplete: z.number().min(0).max(100).default(0),
  investmentCompleted: Yuan.default(0),
  milestonesDone: z.record(z.string(), IsoDate).default({}),
  openInquiryIds: z.array(z.string()).default([]),
  /** Inquiry orders whose workflow has not been started yet. */
  inquiriesToStart: z.array(z.string()).default([]),
  /** Deadline checks already acted on (milestone ids and 'deadline'): no second inquiry for one lapse. */
  lapsesActedOn: z.array(z.string()).default([]),
  /** When the responsibility order was issued: the plan's start for evaluation. */
  awardedAt: IsoDateTime.optional(),
  acknowledgementDueAt: IsoDateTime.optional(),
  acknowledgementReminded: z.boolean().default(false),
  completion: z
    .strictObject({
      reportedAt: IsoDateTime,
      summary: z.string(),
      results: z.array(z.strictObject({ indicator: z.string(), actualValue: z.number() })),
    })
    .optional(),
  workflow: ItemWorkflowRef.optional(),
  pendingWait: PendingWait.optional(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: z.number().int().min(0),
  auditSeq: z.number().int().min(0),
  auditHead: z.string(),
});
export type Item = z.infer<typeof Item>;

export const UNIT_TYPES = ['department', 'subdistrict', 'enterprise'] as const;
export const UnitType = z.enum(UNIT_TYPES);
export type UnitType = z.infer<typeof UnitType>;

export const Unit = z.object({
  unitId: Id,
  name: Text(200),
  nameZh: z.string().max(200).optional(),
  unitType: UnitType,
  createdAt: IsoDateTime,
  version: z.number().int().min(0),
  /** Head of the unit's audit trail. */
  auditSeq: z.number().int().min(0).optional(),
  auditHead: z.string().optional(),
});
export type Unit = z.infer<typeof Unit>;

export const Person = z.object({
  personId: Id,
  unitId: Id,
  name: Text(100),
  title: z.string().max(100).optional(),
  createdAt: IsoDateTime,
  /** Head of the person's audit trail. */
  auditSeq: z.number().int().min(0).optional(),
  auditHead: z.string().optional(),
});
export type Person = z.infer<typeof Person>;

export const PROPOSAL_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export const ProposalStatus = z.enum(PROPOSAL_STATUSES);
export type ProposalStatus = z.infer<typeof ProposalStatus>;

export const CLAIM_STATUSES = ['pending', 'awarded', 'declined'] as const;
export const ClaimStatus = z.enum(CLAIM_STATUSES);

export const Claim = z.object({
  claimId: z.string(),
  itemId: Id,
  unitId: Id,
  managerId: Id,
  plan: z.string(),
  status: ClaimStatus,
  claimedAt: IsoDateTime,
  decidedAt: IsoDateTime.optional(),
});
export type Claim = z.infer<typeof Claim>;

export const ORDER_TYPES = ['responsibility', 'commendation', 'inquiry'] as const;
export const OrderType = z.enum(ORDER_TYPES);
export type OrderType = z.infer<typeof OrderType>;

export const ORDER_STATUSES = [
  'issued',
  'acknowledged', // responsibility: signed by the unit
  'fulfilled', // responsibility: item completed and commended
  'answered', // inquiry: the unit answered in writing
  'rectified', // inquiry: closed as rectified (销号)
  'escalated', // inquiry: accountability pursued / referred on
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
  orderId: z.string(),
  orderType: OrderType,
  year: Year,
  number: z.number().int().min(1),
  /** Human-readable number, e.g. 福田责〔2022〕3号. */
  displayNumber: z.string(),
  itemId: Id,
  itemTitle: z.string(),
  unitId: Id,
  managerId: Id.optional(),
  issuedAt: IsoDateTime,
  issuedBy: z.string(),
  status: OrderStatus,
  // responsibility
  targets: z.array(Target).optional(),
  milestones: z.array(Milestone).optional(),
  deadline: IsoDate.optional(),
  acknowledgedAt: IsoDateTime.optional(),
  // commendation
  grade: CommendationGrade.optional(),
  // inquiry
  trigger: InquiryTrigger.optional(),
  reason: z.string().optional(),
  answerDueAt: IsoDateTime.optional(),
  answer: z
    .strictObject({ answeredAt: IsoDateTime, text: z.string(), rectificationPlan: z.string() })
    .optional(),
  decision: z
    .strictObject({
      decidedAt: IsoDateTime,
      outcome: z.enum(['rectified', 'escalated']),
      note: z.string(),
      by: z.string(),
    })
    .optional(),
  /** Whether the public board shows it (commendations and inquiry summaries by rule). */
  public: z.boolean(),
  /** Inquiry: the execution restarted last (absent: generation 1, `inquiry-<orderId>`). */
  workflow: ItemWorkflowRef.optional(),
  version: z.number().int().min(0),
});
export type Order = z.infer<typeof Order>;

export const ProgressReport = z.object({
  reportId: z.string(),
  itemId: Id,
  reportedAt: IsoDateTime,
  reportedBy: z.string(),
  percentComplete: z.number().min(0).max(100),
  investmentCompleted: Yuan.optional(),
  milestones: z.array(MilestoneProgress).default([]),
  narrative: z.string(),
  evidence: z.array(z.string()).default([]),
});
export type ProgressReport = z.infer<typeof ProgressReport>;

export const AuditEvent = z.object({
  subject: z.string(),
  seq: z.number().int().min(1),
  at: IsoDateTime,
  type: z.string(),
  actor: Actor,
  data: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/** A class B item declared bottom-up by a unit, reviewed by the office. */
export const Proposal = z.object({
  proposalId: z.string(),
  year: Year,
  unitId: Id,
  status: ProposalStatus,
  draft: z.record(z.string(), z.unknown()),
  declaredAt: IsoDateTime,
  decidedAt: IsoDateTime.optional(),
  reason: z.string().optional(),
  itemId: Id.optional(),
  version: z.number().int().min(0),
  /** Head of the proposal's audit trail. */
  auditSeq: z.number().int().min(0).optional(),
  auditHead: z.string().optional(),
});
export type Proposal = z.infer<typeof Proposal>;

/** A published batch of the list (e.g. the first batch: 42 tasks, 30 class A, 12 class B). */
export const Batch = z.object({
  year: Year,
  batchNo: z.number().int().min(1),
  title: z.string(),
  itemIds: z.array(Id),
  publishedAt: IsoDateTime,
  claimWindow: z.strictObject({ opensAt: IsoDateTime, closesAt: IsoDateTime }),
  counts: z.strictObject({ total: z.number().int(), classA: z.number().int(), classB: z.number().int() }),
});
export type Batch = z.infer<typeof Batch>;
