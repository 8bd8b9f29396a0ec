/**
 * The lifecycle rules as pure functions. Every command asks here first; an illegal
 * transition returns a RuleViolation naming the rule, never throws.
 */
import { fail, ok, type Result, RuleViolation } from './errors.ts';
import type { Item, ItemStatus, Milestone, Order, OrderStatus } from './model.ts';

export type ItemCommand =
  | 'edit'
  | 'publish'
  | 'claim'
  | 'close_claims'
  | 'reopen'
  | 'award'
  | 'assign'
  | 'acknowledge'
  | 'report_progress'
  | 'report_completion'
  | 'verify_completion'
  | 'report_violation'
  | 'issue_inquiry';

/** Where commands may start from, by command (ITEM_RULES, or the verbs' VERB_RULES in verbs.ts). */
export type CommandRules<C extends string = string> = Readonly<Record<C, readonly ItemStatus[]>>;

/** Where each command may start from. Class rules for `assign` are checked separately. */
export const ITEM_RULES: Readonly<Record<ItemCommand, readonly ItemStatus[]>> = {
  edit: ['draft'],
  publish: ['draft', 'unclaimed'],
  claim: ['published'],
  close_claims: ['published'],
  reopen: ['unclaimed', 'claims_closed'],
  award: ['published', 'claims_closed'],
  assign: ['draft', 'published', 'claims_closed', 'unclaimed'],
  acknowledge: ['awarded'],
  report_progress: ['in_progress'],
  report_completion: ['in_progress'],
  verify_completion: ['completion_reported'],
  // A suspected violation may come to light after the close-out: an inquiry order follows.
  report_violation: ['awarded', 'in_progress', 'completion_reported', 'completed'],
  issue_inquiry: ['awarded', 'in_progress', 'completion_reported'],
};

/** The statuses a command leads to (for documentation and the property tests). */
export const ITEM_TARGETS: Readonly<Record<ItemCommand, readonly ItemStatus[]>> = {
  edit: ['draft'],
  publish: ['published'],
  claim: ['published'],
  close_claims: ['claims_closed', 'unclaimed'],
  reopen: ['published'],
  award: ['awarded'],
  assign: ['awarded'],
  acknowledge: ['in_progress'],
  report_progress: ['in_progress'],
  report_completion: ['completion_reported'],
  verify_completion: ['completed', 'in_progress'],
  report_violation: ['awarded', 'in_progress', 'completion_reported', 'completed'],
  issue_inquiry: ['awarded', 'in_progress', 'completion_reported'],
};

/**
 * Whether `command` may run on the item (ITEM_RULES). A verb of supervision is not in this
 * table: its own rule (`verbAllowed`, functions/domain/verbs.ts) is checked by its command, so
 * only the bundles that run the verbs carry their rules.
 */
export function canApply(item: Pick<Item, 'status' | 'itemClass' | 'itemId'>, command: string): Result<true> {
  const allowed = ITEM_RULES[command as ItemCommand];
  if (allowed && !allowed.includes(item.status)) {
    return fail(
      new RuleViolation(
        `item.${command}.not_allowed_when_${item.status}`,
        `${command.replace(/_/g, ' ')} is not allowed while item ${item.itemId} is ${item.status.replace(/_/g, ' ')} (allowed: ${allowed.join(', ')})`,
      ),
    );
  }
  if (
    command === 'assign' &&
    item.itemClass === 'B' &&
    (item.status === 'draft' || item.status === 'published')
  ) {
    return fail(
      new RuleViolation(
        'item.assign.class_b_needs_claim_round',
        `class B item ${item.itemId} is assigned directly only after a claim round found no claimant or closed`,
      ),
    );
  }
  return ok(true);
}

/**
 * Close-out (销号) only when nothing is open: an item is verified as achieved (commended and
 * completed) only once every inquiry order on it is decided (none issued or answered).
 */
export function closeOutAllowed(item: Pick<Item, 'itemId' | 'openInquiryIds'>): Result<true> {
  if (item.openInquiryIds.length === 0) return ok(true);
  return fail(
    new RuleViolation(
      'item.verify_completion.open_inquiries',
      `item ${item.itemId} has open inquiry orders (${item.openInquiryIds.join(', ')}): decide them before the close-out`,
      item.openInquiryIds.map((id) => ({ path: 'achieved', message: `inquiry order ${id} is not decided` })),
    ),
  );
}

/** A claim must arrive within the window. */
export function claimWindowOpen(item: Pick<Item, 'claimWindow' | 'itemId'>, now: Date): Result<true> {
  const w = item.claimWindow;
  if (!w) return fail(new RuleViolation('item.claim.no_window', `item ${item.itemId} has no claim window`));
  const t = now.toISOString();
  if (t < new Date(w.opensAt).toISOString()) {
    return fail(new RuleViolation('item.claim.window_not_open', `the claim window opens at ${w.opensAt}`));
  }
  if (t >= new Date(w.closesAt).toISOString()) {
    return fail(new RuleViolation('item.claim.window_closed', `the claim window closed at ${w.closesAt}`));
  }
  return ok(true);
}

export type OrderCommand = 'acknowledge' | 'fulfil' | 'answer' | 'decide' | 'escalate_unanswered';

const ORDER_RULES: Readonly<
  Record<OrderCommand, { types: readonly Order['orderType'][]; from: readonly OrderStatus[] }>
> = {
  acknowledge: { types: ['responsibility'], from: ['issued'] },
  fulfil: { types: ['responsibility'], from: ['acknowledged'] },
  answer: { types: ['inquiry'], from: ['issued'] },
  decide: { types: ['inquiry'], from: ['answered'] },
  escalate_unanswered: { types: ['inquiry'], from: ['issued'] },
};

export function canApplyToOrder(
  order: Pick<Order, 'orderType' | 'status' | 'orderId'>,
  command: OrderCommand,
): Result<true> {
  const rule = ORDER_RULES[command];
  if (!rule.types.includes(order.orderType)) {
    return fail(
      new RuleViolation(
        `order.${command}.wrong_type`,
        `${command.replace(/_/g, ' ')} applies to ${rule.types.join(' or ')} orders, not to ${order.orderType} order ${order.orderId}`,
      ),
    );
  }
  if (!rule.from.includes(order.status)) {
    return fail(
      new RuleViolation(
        `order.${command}.not_allowed_when_${order.status}`,
        `${command.replace(/_/g, ' ')} is not allowed while order ${order.orderId} is ${order.status}`,
      ),
    );
  }
  return ok(true);
}

/** Statuses the item's lifecycle does not leave (only a violation report may still come). */
export const TERMINAL_ITEM_STATUSES: readonly ItemStatus[] = ['completed'];

/**
 * The keys under which an item records that a lapse was acted on (by the workflow's timer or
 * by an evaluation): with the due date, so a lapse is consumed only for the date that lapsed,
 * and a milestone or deadline given a new date lapses (and is asked about) again.
 */
export const milestoneLapseKey = (m: Pick<Milestone, 'id' | 'dueDate'>): string =>
  `milestone:${m.id}:${m.dueDate}`;
export const deadlineLapseKey = (deadline: string): string => `deadline:${deadline}`;

/**
 * Claims waiting for an award: each reminder of the commander is recorded among the lapses
 * acted on, under the instant it was due (`award:<instant>`).
 */
export const awardReminderKey = (at: string): string => `award:${at}`;
/** The last award reminder of the current claim round (after the window closed), if any. */
export function awardRemindedAt(item: Pick<Item, 'lapsesActedOn' | 'claimWindow'>): string | undefined {
  const closed = item.claimWindow?.closesAt ?? '';
  const at = item.lapsesActedOn
    .filter((k) => k.startsWith('award:'))
    .map((k) => k.slice(6))
    .filter((t) => t > closed)
    .sort();
  return at[at.length - 1];
}

/** What a progress report claims, as the rule needs it. */
export interface ProgressClaim {
  readonly percentComplete: number;
  readonly investmentCompleted?: number | undefined;
  readonly milestones?: readonly { milestoneId: string; done: boolean; doneOn?: string | undefined }[];
  readonly correction?: { readonly reason: string } | undefined;
}

/**
 * A progress report must be plausible against the item: milestones of the item, done
 * between the award and today (Beijing dates); investment only for a project and within its
 * total; nothing lower than the last report unless the report is a correction (with its
 * reason), and a correction lowers something. The first violation, naming its field.
 */
export function progressPlausible(
  item: Pick<Item, 'itemId' | 'kind' | 'project' | 'milestones' | 'percentComplete' | 'investmentCompleted'>,
  report: ProgressClaim,
  when: { readonly awardDate: string; readonly today: string },
): Result<true> {
  const refuse = (rule: string, message: string, path: string, detail: string) =>
    fail(new RuleViolation(rule, message, [{ path, message: detail }]));
  const known = new Set(item.milestones.map((m) => m.id));
  for (const [i, m] of (report.milestones ?? []).entries()) {
    if (!known.has(m.milestoneId)) {
      return refuse(
        'progress.unknown_milestone',
        `item ${item.itemId} has no milestone ${m.milestoneId}`,
        `milestones.${i}.milestoneId`,
        'unknown milestone',
      );
    }
    if (!m.done || m.doneOn === undefined) continue;
    if (m.doneOn > when.today) {
      return refuse(
        'progress.done_in_future',
        `milestone ${m.milestoneId} cannot be done on ${m.doneOn}: today is ${when.today}`,
        `milestones.${i}.doneOn`,
        `after today (${when.today})`,
      );
    }
    if (m.doneOn < when.awardDate) {
      return refuse(
        'progress.done_before_award',
        `milestone ${m.milestoneId} cannot be done on ${m.doneOn}: the item was awarded on ${when.awardDate}`,
        `milestones.${i}.doneOn`,
        `before the award (${when.awardDate})`,
      );
    }
  }
  const inv = report.investmentCompleted;
  if (inv !== undefined) {
    if (item.kind !== 'project' || !item.project) {
      return refuse(
        'progress.investment_not_a_project',
        'only projects report investment',
        'investmentCompleted',
        'not a project',
      );
    }
    if (inv > item.project.totalInvestment) {
      return refuse(
        'progress.investment_above_total',
        `investment completed ${inv} exceeds the project's total investment ${item.project.totalInvestment}`,
        'investmentCompleted',
        `above the total investment (${item.project.totalInvestment})`,
      );
    }
  }
  const lowerPercent = report.percentComplete < item.percentComplete;
  const lowerInvestment = inv !== undefined && inv < item.investmentCompleted;
  if (!report.correction) {
    if (lowerPercent) {
      return refuse(
        'progress.lower_than_last_report',
        `${report.percentComplete}% is below the last reported ${item.percentComplete}%: send it as a correction with a reason`,
        'percentComplete',
        `below the last report (${item.percentComplete}); a correction needs a reason`,
      );
    }
    if (lowerInvestment) {
      return refuse(
        'progress.lower_than_last_report',
        `investment completed ${inv} is below the last reported ${item.investmentCompleted}: send it as a correction with a reason`,
        'investmentCompleted',
        `below the last report (${item.investmentCompleted}); a correction needs a reason`,
      );
    }
  } else if (!lowerPercent && !lowerInvestment) {
    return refuse(
      'progress.not_a_correction',
      'a correction lowers the percentage or the investment completed of the last report',
      'correction',
      'nothing is lower than the last report',
    );
  }
  return ok(true);
}
