/**
 * The answers of the evaluation, the statistics and the inbox, as zod schemas (one
 * declaration each; their TypeScript types are `z.infer` of them). The domain, data and app
 * modules use only the types (`import type`, erased): no Lambda builds these schemas at
 * start-up. functions/api/responses.ts names them as components of the HTTP contract.
 */
import * as z from 'zod/mini';
import { INBOX_KINDS } from './inbox.ts';
import {
  Category,
  Id,
  type InquiryTrigger,
  IsoDate,
  IsoDateTime,
  ItemClass,
  ItemKind,
  ItemStatus,
  ORDER_TYPES,
  Stage,
  UnitType,
  Year,
} from './model.ts';

export const Count = z.number().check(z.int(), z.gte(0));
/** A share, 0–1, rounded to four places. */
export const Share = z.number().check(z.gte(0));

export const YearStats = z.strictObject({
  year: Year,
  items: Count,
  get byKind() {
    return z.record(ItemKind, Count);
  },
  get byClass() {
    return z.record(ItemClass, Count);
  },
  get byCategory() {
    return z.record(Category, Count);
  },
  get byStatus() {
    return z.record(ItemStatus, Count);
  },
  get projects() {
    return z.strictObject({
      get byStage() {
        return z.record(
          Stage,
          z.strictObject({
            count: Count,
            totalInvestment: z.number().check(z.gte(0)),
            annualInvestmentTarget: z.number().check(z.gte(0)),
            investmentCompleted: z.number().check(z.gte(0)),
            completionRate: Share,
          }),
        );
      },
      get totalInvestment() {
        return z.number().check(z.gte(0));
      },
    });
  },
  get list() {
    return z.strictObject({
      batches: Count,
      items: Count,
      classA: Count,
      classB: Count,
      bottomUpShare: Share,
    });
  },
  get orders() {
    return z.record(z.enum(ORDER_TYPES), Count);
  },
  completionRate: Share,
});
export type YearStats = z.infer<typeof YearStats>;

export const UnitRanking = z.strictObject({
  unitId: Id,
  peerGroup: UnitType,
  items: Count,
  get score() {
    return z.number().register(z.globalRegistry, {
      description: 'Mean score of the unit’s items (actual minus expected progress).',
    });
  },
  get rank() {
    return z.number().check(z.int(), z.gte(1));
  },
  get groupSize() {
    return z.number().check(z.int(), z.gte(1));
  },
});
export type UnitRanking = z.infer<typeof UnitRanking>;

export const EvaluationTrigger = z.enum([
  'lagging_progress',
  'lagging_rank',
  'overdue_milestone',
  'missed_deadline',
] as const satisfies readonly InquiryTrigger[]);

export const EvaluationSummary = z.object({
  get period() {
    return z.string();
  },
  date: IsoDate,
  year: Year,
  items: Count,
  get flagged() {
    return z.record(z.string(), Count);
  },
  inquiriesIssued: Count,
  draftsProposed: Count,
  ranAt: IsoDateTime,
  get thresholds() {
    return z.record(z.string(), z.number());
  },
});
export type EvaluationSummary = z.infer<typeof EvaluationSummary>;

export const ItemResult = z.object({
  itemId: Id,
  unitId: Id,
  category: Category,
  peerGroup: UnitType,
  get expected() {
    return z.number();
  },
  get actual() {
    return z.number();
  },
  get lag() {
    return z.number();
  },
  get investmentRatio() {
    return z.optional(z.number());
  },
  get score() {
    return z.number();
  },
  get rankInCategory() {
    return z.number().check(z.int(), z.gte(1));
  },
  get categorySize() {
    return z.number().check(z.int(), z.gte(1));
  },
  get rankInPeerGroup() {
    return z.number().check(z.int(), z.gte(1));
  },
  get peerGroupSize() {
    return z.number().check(z.int(), z.gte(1));
  },
  get rankChange() {
    return z.optional(z.number().check(z.int()));
  },
  get inBottom() {
    return z.boolean();
  },
  bottomRunning: Count,
  get overdueMilestones() {
    return z.array(z.string());
  },
  get missedDeadline() {
    return z.boolean();
  },
  get flags() {
    return z.array(EvaluationTrigger);
  },
});
export type ItemResult = z.infer<typeof ItemResult>;

export const InquiryDraft = z.object({
  get period() {
    return z.string();
  },
  itemId: Id,
  trigger: EvaluationTrigger,
  get reason() {
    return z.string();
  },
  get status() {
    return z.enum(['proposed', 'confirmed']);
  },
});
export type InquiryDraft = z.infer<typeof InquiryDraft>;

export const InboxEntry = z
  .object({
    get kind() {
      return z
        .enum(INBOX_KINDS)
        .register(z.globalRegistry, { description: 'What waits: see GET /v1/me/inbox.' });
    },
    get subjectType() {
      return z.enum(['item', 'order', 'proposal', 'draft', 'extension']);
    },
    get subjectId() {
      return z.string().register(z.globalRegistry, {
        description: 'Item id, order id, proposal id, or `<period>#<itemId>#<trigger>` of an inquiry draft.',
      });
    },
    get itemId() {
      return z.optional(Id);
    },
    get title() {
      return z.string();
    },
    get unitId() {
      return z.optional(Id);
    },
    get status() {
      return z.string().register(z.globalRegistry, { description: 'The subject’s status.' });
    },
    get since() {
      return z
        .optional(IsoDateTime)
        .register(z.globalRegistry, { description: 'Since when it waits, where known.' });
    },
    get dueDate() {
      return z.nullable(IsoDate).register(z.globalRegistry, {
        description: 'The limit (a Beijing date), or null where none applies.',
      });
    },
    get workingDaysLeft() {
      return z.nullable(z.number().check(z.int())).register(z.globalRegistry, {
        description:
          'Working days from today to the limit on the loaded calendar (negative when overdue); null without a limit or where the calendar does not cover the years.',
      });
    },
    get move() {
      return z
        .optional(
          z.object({
            get target() {
              return z.string().check(z.maxLength(64)).register(z.globalRegistry, {
                description: '`deadline`, or the id of the milestone it moves.',
              });
            },
            from: IsoDate,
            to: IsoDate,
          }),
        )
        .register(z.globalRegistry, {
          description: 'An extension: what it moves, from which date to which.',
        });
    },
    get overdue() {
      return z.boolean();
    },
    get percentComplete() {
      return z
        .optional(z.number().check(z.gte(0), z.lte(100)))
        .register(z.globalRegistry, { description: 'An item to report on: its percent complete.' });
    },
  })
  .register(z.globalRegistry, { id: 'InboxEntry' });

export const Inbox = z
  .object({
    get role() {
      return z.enum(['commander', 'office', 'unit', 'manager', 'inspector']);
    },
    year: Year,
    asOf: IsoDate,
    get period() {
      return z.string().register(z.globalRegistry, { description: 'The latest ended evaluation period.' });
    },
    get entries() {
      return z.array(InboxEntry);
    },
    get truncated() {
      return z.boolean().register(z.globalRegistry, {
        description: 'More waited than the caps allow: the rest is not listed (narrow with the list routes).',
      });
    },
    get cap() {
      return z.object({ perSource: Count, total: Count });
    },
  })
  .register(z.globalRegistry, {
    id: 'Inbox',
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
  });
export type Inbox = z.infer<typeof Inbox>;
