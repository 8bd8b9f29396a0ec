/**
 * Command inputs: what a caller may send. Strict objects: unknown fields are rejected,
 * so no client can set a status, a score or an order number.
 */
import * as z from 'zod/mini';
import { FileIds } from './evidence-refs.ts';
import {
  Category,
  CommendationGrade,
  Id,
  IsoDate,
  IsoDateTime,
  ITEM_DATE_RANGE,
  ItemClass,
  ItemKind,
  Line,
  Milestone,
  MilestoneProgress,
  Money,
  Percent,
  ProjectFacts,
  Prose,
  Quantity,
  Target,
  Text,
  Title,
  UnitType,
  withChecks,
  withinItemYears,
  Year,
} from './model.ts';

/**
 * An instant sent by a client, in any offset, stored in UTC (`Z`): every stored instant has
 * one form, so comparing them as strings compares them in time.
 */
export const Instant = z.pipe(
  IsoDateTime,
  z.transform((v) => new Date(v).toISOString()),
);

const DATE_RANGE_NOTE = `within the item's year range: from 1 January of the year before to 31 December ${ITEM_DATE_RANGE.yearsAfter} years after`;

/** The fields a unit or the office gives an item (creation, declaration). */
const ItemFields = z.strictObject({
  year: Year,
  kind: ItemKind,
  category: Category,
  title: Title,
  get description() {
    return z.optional(Prose(4000));
  },
  get leadLeader() {
    return z.optional(Prose(100, { line: true }));
  },
  get supportingUnitIds() {
    return z.optional(z.array(Id).check(z.maxLength(20)));
  },
  get project() {
    return z.optional(ProjectFacts);
  },
  get milestones() {
    return z
      .optional(z.array(Milestone).check(z.maxLength(50)))
      .register(z.globalRegistry, { description: `Milestone due dates lie ${DATE_RANGE_NOTE}.` });
  },
  get deadline() {
    return IsoDate.clone().register(z.globalRegistry, { description: `The deadline, ${DATE_RANGE_NOTE}.` });
  },
  get targets() {
    return z.optional(z.array(Target).check(z.maxLength(20)));
  },
});

function checkItemShape(
  v: {
    year?: number;
    kind?: string;
    project?: { totalInvestment: number; annualInvestmentTarget: number } | undefined;
    milestones?: { id: string; dueDate: string; weight: number }[];
    deadline?: string;
  },
  ctx: z.core.$RefinementCtx,
) {
  const year = v.year;
  const range =
    year === undefined
      ? ''
      : `${year - ITEM_DATE_RANGE.yearsBefore}-01-01 to ${year + ITEM_DATE_RANGE.yearsAfter}-12-31`;
  if (year !== undefined && v.deadline && !withinItemYears(v.deadline, year)) {
    ctx.addIssue({
      code: 'custom',
      path: ['deadline'],
      message: `outside the dates of a ${year} item (${range})`,
    });
  }
  if (v.project && v.project.annualInvestmentTarget > v.project.totalInvestment) {
    ctx.addIssue({
      code: 'custom',
      path: ['project', 'annualInvestmentTarget'],
      message: 'the annual investment target is above the total investment',
    });
  }
  if (v.kind === 'project' && !v.project) {
    ctx.addIssue({
      code: 'custom',
      path: ['project'],
      message: 'a project needs its stage and investment figures',
    });
  }
  if (v.kind !== undefined && v.kind !== 'project' && v.project) {
    ctx.addIssue({
      code: 'custom',
      path: ['project'],
      message: 'only a project has stage and investment figures',
    });
  }
  const ms = v.milestones ?? [];
  if (ms.length > 0) {
    const total = ms.reduce((s, m) => s + m.weight, 0);
    if (total !== 100) {
      ctx.addIssue({
        code: 'custom',
        path: ['milestones'],
        message: `milestone weights add up to ${total}, not 100`,
      });
    }
    const ids = new Set<string>();
    ms.forEach((m, i) => {
      if (ids.has(m.id))
        ctx.addIssue({ code: 'custom', path: ['milestones', i, 'id'], message: 'duplicate milestone id' });
      ids.add(m.id);
      if (year !== undefined && !withinItemYears(m.dueDate, year)) {
        ctx.addIssue({
          code: 'custom',
          path: ['milestones', i, 'dueDate'],
          message: `outside the dates of a ${year} item (${range})`,
        });
      } else if (v.deadline && m.dueDate > v.deadline) {
        ctx.addIssue({
          code: 'custom',
          path: ['milestones', i, 'dueDate'],
          message: 'milestone due after the deadline',
        });
      }
    });
  }
}

export const CreateItemInput = withChecks(
  z.extend(ItemFields, {
    itemClass: ItemClass,
    get leadUnitId() {
      return z.optional(Id);
    },
  }),
  z.superRefine(checkItemShape),
);
export type CreateItemInput = z.infer<typeof CreateItemInput>;

/** Drafts only; every field optional, none of the lifecycle fields. */
export const PatchItemInput = withChecks(
  z.strictObject({
    get category() {
      return z.optional(Category);
    },
    get title() {
      return z.optional(Title);
    },
    get description() {
      return z.optional(Prose(4000));
    },
    get leadLeader() {
      return z.optional(Prose(100, { line: true }));
    },
    get supportingUnitIds() {
      return z.optional(z.array(Id).check(z.maxLength(20)));
    },
    get project() {
      return z.optional(ProjectFacts);
    },
    get milestones() {
      return z.optional(z.array(Milestone).check(z.maxLength(50)));
    },
    get deadline() {
      return z.optional(IsoDate);
    },
    get targets() {
      return z.optional(z.array(Target).check(z.maxLength(20)));
    },
  }),
  z.refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' }),
);
export type PatchItemInput = z.infer<typeof PatchItemInput>;

export const DeclareProposalInput = withChecks(ItemFields, z.superRefine(checkItemShape));
export type DeclareProposalInput = z.infer<typeof DeclareProposalInput>;

export const DecideProposalInput = z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal('accept'),
    get category() {
      return z.optional(Category);
    },
  }),
  z.strictObject({
    decision: z.literal('reject'),
    get reason() {
      return Text(2000);
    },
  }),
]);
export type DecideProposalInput = z.infer<typeof DecideProposalInput>;

export const PublishBatchInput = withChecks(
  z.strictObject({
    get title() {
      return z.optional(Title);
    },
    /**
     * At most 48: a batch publishes in one transaction of at most 100 writes — the batch, two
     * writes per item, the year's statistics and an Idempotency-Key's record (1 + 2 × 48 + 1 + 1).
     */
    get itemIds() {
      return z.array(Id).check(z.minLength(1), z.maxLength(48));
    },
    get claimWindow() {
      return z.strictObject({
        get opensAt() {
          return z.optional(Instant);
        },
        closesAt: Instant,
      });
    },
  }),

  z.superRefine((v, ctx) => {
    if (new Set(v.itemIds).size !== v.itemIds.length) {
      ctx.addIssue({ code: 'custom', path: ['itemIds'], message: 'an item appears twice' });
    }
    if (v.claimWindow.opensAt && v.claimWindow.opensAt >= v.claimWindow.closesAt) {
      ctx.addIssue({
        code: 'custom',
        path: ['claimWindow', 'closesAt'],
        message: 'the window closes before it opens',
      });
    }
  }),
);
export type PublishBatchInput = z.infer<typeof PublishBatchInput>;

export const ClaimInput = z.strictObject({
  get plan() {
    return Text(4000);
  },
  managerId: Id,
  /** Offices and commanders may file a claim on behalf of a unit; a unit claims for itself. */
  get unitId() {
    return z.optional(Id);
  },
});
export type ClaimInput = z.infer<typeof ClaimInput>;

export const AwardInput = z.strictObject({
  get note() {
    return z.optional(Prose(2000));
  },
});
export type AwardInput = z.infer<typeof AwardInput>;

export const AssignInput = z.strictObject({
  unitId: Id,
  managerId: Id,
  get note() {
    return z.optional(Prose(2000));
  },
});
export type AssignInput = z.infer<typeof AssignInput>;

export const ReopenInput = z.strictObject({ closesAt: Instant });
export type ReopenInput = z.infer<typeof ReopenInput>;

export const AcknowledgeInput = z.strictObject({
  get note() {
    return z.optional(Prose(2000));
  },
});

/**
 * A host name with a top-level domain: zod's own `regexes.domain`, written here because reading
 * it through zod's `regexes` namespace keeps all of that namespace's regexes in a bundle (6 kB
 * compiled and built at every cold start). test/unit/domain/commands.test.ts holds it to zod's.
 */
export const NAMED_HOST = /^(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;

/**
 * An evidence link: https only (no `javascript:`, `data:`, `file:` or plain `http:`), to a
 * named host, stored as the URL parser writes it (so control or bidi characters arrive
 * percent-encoded, never raw on a page).
 */
export const EvidenceUrl = z.pipe(
  z
    .url({ protocol: /^https$/, hostname: NAMED_HOST, error: 'an https link to a named host' })
    .check(z.maxLength(2000)),
  z.transform((v) => new URL(v).href),
);

export const ProgressInput = withChecks(
  z.strictObject({
    percentComplete: Percent,
    get investmentCompleted() {
      return z.optional(Money);
    },
    get milestones() {
      return z.optional(z.array(MilestoneProgress).check(z.maxLength(50)));
    },
    get narrative() {
      return Text(4000);
    },
    get evidence() {
      return z.optional(z.array(EvidenceUrl).check(z.maxLength(20)));
    },
    /** Uploaded evidence files of the item (confirmed: POST …/evidence/{fileId}/confirmation). */
    get files() {
      return z.optional(FileIds);
    },
    /** A figure lower than the last report is only accepted as a correction, with its reason. */
    get correction() {
      return z.optional(
        z.strictObject({
          get reason() {
            return Text(2000);
          },
        }),
      );
    },
  }),

  z.superRefine((v, ctx) => {
    const seen = new Set<string>();
    (v.milestones ?? []).forEach((m, i) => {
      if (seen.has(m.milestoneId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['milestones', i, 'milestoneId'],
          message: 'a milestone appears once in a report',
        });
      }
      seen.add(m.milestoneId);
      if (!m.done && m.doneOn !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['milestones', i, 'doneOn'],
          message: 'a milestone not done has no done date',
        });
      }
    });
  }),
);
export type ProgressInput = z.infer<typeof ProgressInput>;

export const CompletionInput = z.strictObject({
  get summary() {
    return Text(4000);
  },
  get results() {
    return z
      .array(
        z.strictObject({
          get indicator() {
            return Line(200);
          },
          actualValue: Quantity,
        }),
      )
      .check(z.maxLength(20));
  },
  get files() {
    return z.optional(FileIds);
  },
});
export type CompletionInput = z.infer<typeof CompletionInput>;

export const VerificationInput = z.discriminatedUnion('achieved', [
  z.strictObject({
    achieved: z.literal(true),
    grade: CommendationGrade,
    get note() {
      return z.optional(Prose(2000));
    },
  }),
  z.strictObject({
    achieved: z.literal(false),
    get reason() {
      return Text(2000);
    },
  }),
]);
export type VerificationInput = z.infer<typeof VerificationInput>;

export const ViolationInput = z.strictObject({
  get description() {
    return Text(4000);
  },
  get reference() {
    return z.optional(Prose(200, { line: true }));
  },
});
export type ViolationInput = z.infer<typeof ViolationInput>;

export const InquiryAnswerInput = z.strictObject({
  get text() {
    return Text(8000);
  },
  get rectificationPlan() {
    return Text(8000);
  },
});
export type InquiryAnswerInput = z.infer<typeof InquiryAnswerInput>;

export const InquiryDecisionInput = z.strictObject({
  get outcome() {
    return z.enum(['rectified', 'escalated']);
  },
  get note() {
    return Text(2000);
  },
});
export type InquiryDecisionInput = z.infer<typeof InquiryDecisionInput>;

export const CreateUnitInput = z.strictObject({
  unitId: Id,
  get name() {
    return Line(200);
  },
  get nameZh() {
    return z.optional(Prose(200, { line: true }));
  },
  unitType: UnitType,
});
export type CreateUnitInput = z.infer<typeof CreateUnitInput>;

export const CreatePersonInput = z.strictObject({
  personId: Id,
  get name() {
    return Line(100);
  },
  get title() {
    return z.optional(Prose(100, { line: true }));
  },
});
export type CreatePersonInput = z.infer<typeof CreatePersonInput>;
