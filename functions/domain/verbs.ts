/**
 * The verbs of supervision (督办) that move an item's claims, orders and dates: extension
 * requests (延期申请), reassignment (改派) and claim withdrawal. The records, the command
 * inputs and the rules, as pure functions (no AWS import); the commands are in
 * functions/app/commands/verbs.ts.
 */
import * as z from 'zod/mini';
import { Forbidden, fail, ok, type Result, RuleViolation } from './errors.ts';
import type { CommandRules } from './lifecycle.ts';
import { Id, IsoDate, IsoDateTime, type Item, Prose, Text, withinItemYears, Year } from './model.ts';
import { viewOf } from './views.ts';

/** The item commands of the verbs (changeItem's `command`; the refusal names it). */
export type VerbCommand =
  | 'request_extension'
  | 'decide_extension'
  | 'reassign'
  | 'withdraw_claim'
  | 'remind_award';

const UNDER_ORDER = ['awarded', 'in_progress'] as const;

/** Where each verb may start from (as ITEM_RULES for the lifecycle's commands). */
export const VERB_RULES: CommandRules<VerbCommand> = {
  request_extension: UNDER_ORDER,
  decide_extension: UNDER_ORDER,
  reassign: UNDER_ORDER,
  withdraw_claim: ['published', 'claims_closed'],
  remind_award: ['claims_closed'],
};

/** The statuses a verb leads to (for the documentation and the tests). */
export const VERB_TARGETS: CommandRules<VerbCommand> = {
  request_extension: UNDER_ORDER,
  decide_extension: UNDER_ORDER,
  // The new unit acknowledges the new responsibility order.
  reassign: ['awarded'],
  // The last claim withdrawn after the window closed: the item is unclaimed.
  withdraw_claim: ['published', 'claims_closed', 'unclaimed'],
  remind_award: ['claims_closed'],
};

/**
 * Whether a verb may run on the item (VERB_RULES), refused as the lifecycle refuses a command
 * (`item.<verb>.not_allowed_when_<status>`); throws the refusal.
 */
export function requireVerbAllowed(item: Pick<Item, 'status' | 'itemId'>, command: VerbCommand): void {
  const allowed = VERB_RULES[command];
  if (!allowed.includes(item.status)) {
    throw new RuleViolation(
      `item.${command}.not_allowed_when_${item.status}`,
      `${command.replace(/_/g, ' ')} is not allowed while item ${item.itemId} is ${item.status.replace(/_/g, ' ')} (allowed: ${allowed.join(', ')})`,
    );
  }
}

/** What an extension request moves: the deadline, or one milestone (by its id). */
export const ExtensionTarget = z.union([z.literal('deadline'), Id]);

export const EXTENSION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const ExtensionStatus = z.enum(EXTENSION_STATUSES);

/** A request to move a due date, in the item's partition. */
export const ExtensionRequest = z.object({
  get extensionId() {
    return z.string();
  },
  itemId: Id,
  year: Year,
  get itemTitle() {
    return z.string();
  },
  /** The unit that leads the item (and asks). */
  unitId: Id,
  target: ExtensionTarget,
  /** The due date when it was asked, and the date asked for. */
  from: IsoDate,
  to: IsoDate,
  get reason() {
    return z.string();
  },
  status: ExtensionStatus,
  requestedAt: IsoDateTime,
  get requestedBy() {
    return z.string();
  },
  get decidedAt() {
    return z.optional(IsoDateTime);
  },
  get decidedBy() {
    return z.optional(z.string());
  },
  get note() {
    return z.optional(z.string());
  },
  get version() {
    return z.number().check(z.int(), z.gte(0));
  },
});
export type ExtensionRequest = z.infer<typeof ExtensionRequest>;

export const ExtensionView = z.omit(ExtensionRequest, { version: true });
export type ExtensionView = z.infer<typeof ExtensionView>;
export const toExtensionView = (r: ExtensionRequest): ExtensionView => viewOf(ExtensionView, r);

export const ExtensionInput = z.strictObject({
  get target() {
    return ExtensionTarget.clone().register(z.globalRegistry, {
      description: '`deadline`, or the id of a milestone not yet done.',
    });
  },
  get to() {
    return IsoDate.clone().register(z.globalRegistry, {
      description: "The new due date: later than the current one, within the item's year range.",
    });
  },
  get reason() {
    return Text(2000);
  },
});
export type ExtensionInput = z.infer<typeof ExtensionInput>;

export const ExtensionDecisionInput = z.strictObject({
  get approved() {
    return z.boolean();
  },
  get note() {
    return z.optional(Prose(2000));
  },
});

export const ReassignInput = z.strictObject({
  unitId: Id,
  managerId: Id,
  get reason() {
    return Text(2000);
  },
});
export type ReassignInput = z.infer<typeof ReassignInput>;

export const WithdrawClaimInput = z.strictObject({
  get reason() {
    return Text(2000);
  },
});

type DatedItem = Pick<Item, 'itemId' | 'year' | 'deadline' | 'milestones' | 'milestonesDone'>;

const refuse = (rule: string, message: string, path: string, detail: string) =>
  fail(new RuleViolation(rule, message, [{ path, message: detail }]));

/** The current due date of a target, or undefined when the item has no such target. */
export function dueDateOf(item: DatedItem, target: string): string | undefined {
  if (target === 'deadline') return item.deadline;
  return item.milestones.find((m) => m.id === target)?.dueDate;
}

/**
 * Whether a unit may ask to move `target` to `to` on `today` (a Beijing date): the target
 * exists and is not done, its due date has not passed (a date lapses at the end of its Beijing
 * day, so on the due date itself a request still comes in time), the new date is later and
 * within the item's year range (ITEM_DATE_RANGE), a milestone stays on or before the deadline,
 * and no other request for the same target waits for a decision.
 */
export function extensionAllowed(
  item: DatedItem,
  request: { target: string; to: string },
  today: string,
  pending: readonly Pick<ExtensionRequest, 'target' | 'extensionId'>[],
): Result<string> {
  const from = dueDateOf(item, request.target);
  if (from === undefined) {
    return refuse(
      'extension.unknown_target',
      `item ${item.itemId} has no milestone ${request.target}`,
      'target',
      'neither `deadline` nor a milestone of the item',
    );
  }
  if (request.target !== 'deadline' && item.milestonesDone[request.target]) {
    return refuse(
      'extension.milestone_done',
      `milestone ${request.target} is done`,
      'target',
      'already done',
    );
  }
  if (from < today) {
    return refuse(
      'extension.after_lapse',
      `the due date ${from} has passed (today is ${today}): an extension is asked before the lapse`,
      'target',
      `due ${from}, passed`,
    );
  }
  if (request.to <= from) {
    return refuse(
      'extension.not_later',
      `${request.to} is not later than ${from}`,
      'to',
      `not after ${from}`,
    );
  }
  if (!withinItemYears(request.to, item.year)) {
    return refuse(
      'extension.out_of_range',
      `${request.to} is outside the dates of a ${item.year} item`,
      'to',
      'outside the item year range',
    );
  }
  if (request.target !== 'deadline' && request.to > item.deadline) {
    return refuse(
      'extension.after_deadline',
      `milestone ${request.target} cannot move past the deadline ${item.deadline}`,
      'to',
      `after the deadline (${item.deadline})`,
    );
  }
  const waiting = pending.find((p) => p.target === request.target);
  if (waiting) {
    return refuse(
      'extension.already_pending',
      `extension request ${waiting.extensionId} for ${request.target} waits for a decision`,
      'target',
      'a request for it is pending',
    );
  }
  return ok(from);
}

/**
 * The item after an approved request: the milestone's due date or the deadline moved. The
 * lapse keys carry the due date (lifecycle.ts), so the new date lapses on its own and the
 * workflow's Sync waits for it.
 */
export function withExtension<I extends DatedItem>(item: I, target: string, to: string): Result<I> {
  const from = dueDateOf(item, target);
  if (from === undefined) {
    return refuse('extension.unknown_target', `item ${item.itemId} has no ${target}`, 'target', 'gone');
  }
  if (to <= from) {
    return refuse('extension.not_later', `${to} is not later than the current ${from}`, 'to', 'not later');
  }
  if (target === 'deadline') return ok({ ...item, deadline: to });
  if (to > item.deadline) {
    return refuse(
      'extension.after_deadline',
      `past the deadline ${item.deadline}`,
      'to',
      'after the deadline',
    );
  }
  return ok({
    ...item,
    milestones: item.milestones.map((m) => (m.id === target ? { ...m, dueDate: to } : m)),
  });
}

/** A reassignment moves the item to another unit or another manager (not to the same pair). */
export function reassignmentAllowed(
  item: Pick<Item, 'itemId' | 'leadUnitId' | 'managerId' | 'responsibilityOrderId'>,
  to: { unitId: string; managerId: string },
): Result<true> {
  if (!item.responsibilityOrderId) {
    return refuse(
      'reassign.no_order',
      `item ${item.itemId} has no responsibility order`,
      'unitId',
      'no order',
    );
  }
  if (item.leadUnitId === to.unitId && item.managerId === to.managerId) {
    return refuse(
      'reassign.same_responsibility',
      `item ${item.itemId} is already led by ${to.unitId} with manager ${to.managerId}`,
      'unitId',
      'the current unit and manager',
    );
  }
  return ok(true);
}

/** A unit withdraws its own pending claim (before the award). */
export function withdrawalAllowed(
  claim: { claimId: string; unitId: string; status: string },
  unitId: string,
): Result<true, RuleViolation | Forbidden> {
  if (claim.unitId !== unitId) {
    return fail(new Forbidden('auth.not_your_unit', `claim ${claim.claimId} is not your unit's`));
  }
  if (claim.status !== 'pending') {
    return fail(
      new RuleViolation(
        'claim.withdraw.not_pending',
        `claim ${claim.claimId} is ${claim.status}: too late to withdraw`,
      ),
    );
  }
  return ok(true);
}

/**
 * The status after a withdrawal: while the window is open the item stays published; once it
 * closed, with no pending claim left the item follows the unclaimed rule (as `close_claims`
 * with no claim: `unclaimed`, to reopen or assign directly).
 */
export function statusAfterWithdrawal(status: Item['status'], pendingLeft: number): Item['status'] {
  return status === 'claims_closed' && pendingLeft === 0 ? 'unclaimed' : status;
}
