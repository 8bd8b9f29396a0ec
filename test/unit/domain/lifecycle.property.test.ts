/**
 * Random sequences of lifecycle commands against a pure model of items and their orders.
 *
 * The model applies a command only when the domain rules allow it (canApply for items,
 * canApplyToOrder for orders, plus the few checks the application commands add, e.g. one
 * claim per unit); otherwise the refusal must be a RuleViolation naming the command and the
 * state. Each command's effect is written naively (what the command does, not when it may),
 * so a rule table that lets a command run from the wrong state shows up as a broken
 * invariant: completed without a commendation, in progress without an acknowledged
 * responsibility order, awarded without exactly one responsibility order, a class B item
 * assigned before any claim round, order numbers with gaps or repeats.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { RuleViolation } from '#domain/errors.ts';
import {
  canApply,
  canApplyToOrder,
  closeOutAllowed,
  ITEM_RULES,
  ITEM_TARGETS,
  type ItemCommand,
  type OrderCommand,
} from '#domain/lifecycle.ts';
import {
  type CommendationGrade,
  ITEM_STATUSES,
  type ItemClass,
  type ItemStatus,
  type OrderStatus,
  type OrderType,
} from '#domain/model.ts';
import { displayNumber, orderId, parseOrderId } from '#domain/orders.ts';

// ---------------------------------------------------------------------------------------
// Cheap assertions for the hot loop (tens of thousands of steps); expect() is for reporting.

class InvariantBroken extends Error {}

function check(cond: boolean, message: string): asserts cond {
  if (!cond) throw new InvariantBroken(message);
}

function same(actual: unknown, expected: unknown, message: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new InvariantBroken(`${message}: expected ${e}, got ${a}`);
}

const snapshot = (w: World) => JSON.stringify([w.items, w.orders, [...w.counters]]);

// ---------------------------------------------------------------------------------------
// The model

const UNITS = ['meilin', 'xiangmihu', 'futian-housing'] as const;

interface MClaim {
  unitId: string;
  status: 'pending' | 'awarded' | 'declined';
}

interface MItem {
  itemId: string;
  year: number;
  itemClass: ItemClass;
  status: ItemStatus;
  leadUnitId?: string;
  claims: MClaim[];
  /** Claim windows closed so far (close_claims applied). */
  claimRounds: number;
  responsibilityOrderId?: string;
  /** Set by a direct assignment: how many claim rounds had closed before it. */
  assignedAfterRounds?: number;
  openInquiryIds: string[];
  progressReports: number;
  /** The unit reported completion and no verification has sent it back since. */
  completionReported: boolean;
}

interface MOrder {
  orderId: string;
  orderType: OrderType;
  year: number;
  number: number;
  displayNumber: string;
  itemId: string;
  unitId: string;
  status: OrderStatus;
  grade?: CommendationGrade;
}

interface World {
  items: MItem[];
  orders: MOrder[];
  /** The order counter per (year, type), as the data layer keeps it. */
  counters: Map<string, number>;
}

type Cmd =
  | { kind: 'publish'; item: number }
  | { kind: 'claim'; item: number; unit: number }
  | { kind: 'close_claims'; item: number }
  | { kind: 'reopen'; item: number }
  | { kind: 'award'; item: number; pick: number }
  | { kind: 'assign'; item: number; unit: number }
  | { kind: 'acknowledge'; item: number }
  | { kind: 'report_progress'; item: number }
  | { kind: 'report_completion'; item: number }
  | { kind: 'verify'; item: number; achieved: true; grade: CommendationGrade }
  | { kind: 'verify'; item: number; achieved: false }
  | { kind: 'report_violation'; item: number }
  | { kind: 'issue_inquiry'; item: number }
  | { kind: 'answer'; order: number }
  | { kind: 'decide'; order: number; outcome: 'rectified' | 'escalated' }
  | { kind: 'escalate_unanswered'; order: number };

const ITEM_COMMAND: Record<string, ItemCommand> = {
  publish: 'publish',
  claim: 'claim',
  close_claims: 'close_claims',
  reopen: 'reopen',
  award: 'award',
  assign: 'assign',
  acknowledge: 'acknowledge',
  report_progress: 'report_progress',
  report_completion: 'report_completion',
  verify: 'verify_completion',
  report_violation: 'report_violation',
  issue_inquiry: 'issue_inquiry',
};

const ORDER_COMMAND: Record<string, OrderCommand> = {
  answer: 'answer',
  decide: 'decide',
  escalate_unanswered: 'escalate_unanswered',
};

function newWorld(items: { itemClass: ItemClass; year: number }[]): World {
  return {
    items: items.map((s, i) => ({
      itemId: `${s.year}-${s.itemClass}-${i + 1}`,
      year: s.year,
      itemClass: s.itemClass,
      status: 'draft',
      // A class B item is led by the declaring unit until the claim round decides.
      ...(s.itemClass === 'B' ? { leadUnitId: UNITS[i % UNITS.length] } : {}),
      claims: [],
      claimRounds: 0,
      openInquiryIds: [],
      progressReports: 0,
      completionReported: false,
    })),
    orders: [],
    counters: new Map(),
  };
}

function issue(
  w: World,
  item: MItem,
  orderType: OrderType,
  unitId: string | undefined,
  extra: Partial<MOrder> = {},
): MOrder {
  // issueCommendation / issueInquiry use item.leadUnitId!: it must be known by then.
  check(unitId !== undefined, `${orderType} order on ${item.itemId} without a unit`);
  const key = `${item.year}:${orderType}`;
  const number = (w.counters.get(key) ?? 0) + 1;
  w.counters.set(key, number);
  const order: MOrder = {
    orderId: orderId(orderType, item.year, number),
    orderType,
    year: item.year,
    number,
    displayNumber: displayNumber(orderType, item.year, number),
    itemId: item.itemId,
    unitId: unitId!,
    status: 'issued',
    ...extra,
  };
  w.orders.push(order);
  return order;
}

const responsibilityOf = (w: World, item: MItem) =>
  w.orders.find((o) => o.orderId === item.responsibilityOrderId);

/** What happened when a command was tried. */
type Outcome =
  | { applied: true }
  | { applied: false; rule: string; by: 'lifecycle' | 'order' | 'application' | 'nothing_to_act_on' };

/**
 * The effect of an item command that the lifecycle rules allowed, written naively (no
 * status checks of its own), with the application-level checks the commands add.
 */
function effect(w: World, item: MItem, cmd: Cmd): Outcome {
  switch (cmd.kind) {
    case 'publish':
      item.status = 'published';
      return { applied: true };
    case 'claim': {
      const unitId = UNITS[cmd.unit % UNITS.length]!;
      if (item.claims.some((c) => c.unitId === unitId))
        return { applied: false, rule: 'claim.already_claimed', by: 'application' };
      item.claims.push({ unitId, status: 'pending' });
      return { applied: true };
    }
    case 'close_claims': {
      const pending = item.claims.filter((c) => c.status === 'pending').length;
      item.status = pending > 0 ? 'claims_closed' : 'unclaimed';
      item.claimRounds++;
      return { applied: true };
    }
    case 'reopen':
      if (item.claims.some((c) => c.status === 'pending'))
        return { applied: false, rule: 'item.reopen.claims_pending', by: 'application' };
      item.status = 'published';
      return { applied: true };
    case 'award': {
      const pending = item.claims.filter((c) => c.status === 'pending');
      if (pending.length === 0) return { applied: false, rule: 'claim.not_found', by: 'nothing_to_act_on' };
      const chosen = pending[cmd.pick % pending.length]!;
      const order = issue(w, item, 'responsibility', chosen.unitId);
      for (const c of pending) c.status = c === chosen ? 'awarded' : 'declined';
      item.status = 'awarded';
      item.leadUnitId = chosen.unitId;
      item.responsibilityOrderId = order.orderId;
      return { applied: true };
    }
    case 'assign': {
      const unitId = UNITS[cmd.unit % UNITS.length]!;
      for (const c of item.claims) if (c.status === 'pending') c.status = 'declined';
      const order = issue(w, item, 'responsibility', unitId);
      item.status = 'awarded';
      item.leadUnitId = unitId;
      item.responsibilityOrderId = order.orderId;
      item.assignedAfterRounds = item.claimRounds;
      return { applied: true };
    }
    case 'acknowledge': {
      const order = responsibilityOf(w, item);
      // The unit acknowledges an order it holds: without one there is nothing to sign.
      if (!order) return { applied: false, rule: 'order.not_found', by: 'nothing_to_act_on' };
      const allowed = canApplyToOrder(order, 'acknowledge');
      if (!allowed.ok) return { applied: false, rule: allowed.error.rule, by: 'order' };
      order.status = 'acknowledged';
      item.status = 'in_progress';
      return { applied: true };
    }
    case 'report_progress':
      item.progressReports++;
      return { applied: true };
    case 'report_completion':
      item.status = 'completion_reported';
      item.completionReported = true;
      return { applied: true };
    case 'verify': {
      if (cmd.achieved) {
        // Close-out only when every inquiry is decided (the command asks the same rule).
        const open = closeOutAllowed(item);
        if (!open.ok) return { applied: false, rule: open.error.rule, by: 'application' };
        const resp = responsibilityOf(w, item);
        check(resp !== undefined, `verifying ${item.itemId} without a responsibility order`);
        const fulfil = canApplyToOrder(resp!, 'fulfil');
        // The command would fail after numbering the commendation: it must never happen.
        check(fulfil.ok, `fulfil ${resp!.orderId} (${resp!.status})`);
        issue(w, item, 'commendation', item.leadUnitId, { grade: cmd.grade });
        resp!.status = 'fulfilled';
        item.status = 'completed';
        return { applied: true };
      }
      const inquiry = issue(w, item, 'inquiry', item.leadUnitId);
      item.openInquiryIds.push(inquiry.orderId);
      item.status = 'in_progress';
      item.completionReported = false;
      return { applied: true };
    }
    case 'report_violation':
    case 'issue_inquiry': {
      const inquiry = issue(w, item, 'inquiry', item.leadUnitId);
      item.openInquiryIds.push(inquiry.orderId);
      return { applied: true };
    }
    default:
      throw new Error(`not an item command: ${cmd.kind}`);
  }
}

/** Inquiry commands: they change the order and the item's open inquiries, never its status. */
function orderEffect(w: World, order: MOrder, cmd: Cmd): void {
  const item = w.items.find((i) => i.itemId === order.itemId)!;
  const close = () => {
    item.openInquiryIds = item.openInquiryIds.filter((id) => id !== order.orderId);
  };
  switch (cmd.kind) {
    case 'answer':
      order.status = 'answered';
      return;
    case 'decide':
      order.status = cmd.outcome;
      close();
      return;
    case 'escalate_unanswered':
      order.status = 'escalated';
      close();
      return;
    default:
      throw new Error(`not an order command: ${cmd.kind}`);
  }
}

/** Coverage across all runs, so that the properties are known to explore the lifecycle. */
const coverage = {
  statuses: new Set<ItemStatus>(),
  applied: new Set<string>(),
  refused: new Set<string>(),
  transitions: new Set<string>(),
  orderTypes: new Set<OrderType>(),
  classBAssigned: 0,
  completed: 0,
};

function step(w: World, cmd: Cmd): Outcome {
  const itemCommand = ITEM_COMMAND[cmd.kind];
  if (itemCommand && 'item' in cmd) {
    const item = w.items[cmd.item % w.items.length]!;
    const from = item.status;
    const allowed = canApply(item, itemCommand);
    if (!allowed.ok) {
      const err = allowed.error;
      check(err instanceof RuleViolation && err.kind === 'rule', `${itemCommand}: not a RuleViolation`);
      check(err.message.includes(item.itemId), `${err.rule}: the message names no item`);
      if (err.rule === 'item.assign.class_b_needs_claim_round') {
        check(
          itemCommand === 'assign' && item.itemClass === 'B' && (from === 'draft' || from === 'published'),
          `${err.rule} for ${itemCommand} on a class ${item.itemClass} item ${from}`,
        );
      } else {
        same(err.rule, `item.${itemCommand}.not_allowed_when_${from}`, 'refusal rule');
        check(!ITEM_RULES[itemCommand].includes(from), `${itemCommand} refused from an allowed ${from}`);
      }
      coverage.refused.add(itemCommand);
      return { applied: false, rule: err.rule, by: 'lifecycle' };
    }
    check(ITEM_RULES[itemCommand].includes(from), `${itemCommand} allowed from ${from}`);
    const outcome = effect(w, item, cmd);
    if (outcome.applied) {
      // Whatever the command did, it went where ITEM_TARGETS says it may.
      check(ITEM_TARGETS[itemCommand].includes(item.status), `${itemCommand}: ${from} → ${item.status}`);
      coverage.applied.add(itemCommand);
      coverage.transitions.add(`${from} -${itemCommand}-> ${item.status}`);
      if (itemCommand === 'assign' && item.itemClass === 'B') coverage.classBAssigned++;
      if (item.status === 'completed') coverage.completed++;
    } else if (outcome.by === 'application' || outcome.by === 'order') {
      coverage.refused.add(`${itemCommand}:${outcome.rule}`);
    }
    return outcome;
  }
  const orderCommand = ORDER_COMMAND[cmd.kind];
  if (!orderCommand || !('order' in cmd)) throw new Error(`unknown command ${cmd.kind}`);
  // Any order, responsibility and commendation ones too: the rules must refuse those.
  if (w.orders.length === 0) return { applied: false, rule: 'order.not_found', by: 'nothing_to_act_on' };
  const order = w.orders[cmd.order % w.orders.length]!;
  const allowed = canApplyToOrder(order, orderCommand);
  if (!allowed.ok) {
    check(allowed.error instanceof RuleViolation, `${orderCommand}: not a RuleViolation`);
    same(
      allowed.error.rule,
      order.orderType === 'inquiry'
        ? `order.${orderCommand}.not_allowed_when_${order.status}`
        : `order.${orderCommand}.wrong_type`,
      'order refusal rule',
    );
    coverage.refused.add(orderCommand);
    return { applied: false, rule: allowed.error.rule, by: 'order' };
  }
  same(order.orderType, 'inquiry', `${orderCommand} applied to`);
  orderEffect(w, order, cmd);
  coverage.applied.add(orderCommand);
  return { applied: true };
}

const AFTER_AWARD: readonly ItemStatus[] = ['awarded', 'in_progress', 'completion_reported', 'completed'];
const ORDER_STATUSES_BY_TYPE: Record<OrderType, readonly OrderStatus[]> = {
  responsibility: ['issued', 'acknowledged', 'fulfilled'],
  commendation: ['issued'],
  inquiry: ['issued', 'answered', 'rectified', 'escalated'],
};

/** No reachable state is illegal. */
function checkInvariants(w: World): void {
  for (const item of w.items) {
    const where = `${item.itemId} (${item.status})`;
    const own = w.orders.filter((o) => o.itemId === item.itemId);
    const responsibility = own.filter((o) => o.orderType === 'responsibility');
    const commendations = own.filter((o) => o.orderType === 'commendation');
    const inquiries = own.filter((o) => o.orderType === 'inquiry');
    const awardedClaims = item.claims.filter((c) => c.status === 'awarded');
    const pending = item.claims.filter((c) => c.status === 'pending');

    check(ITEM_STATUSES.includes(item.status), `${where}: unknown status`);
    same(new Set(item.claims.map((c) => c.unitId)).size, item.claims.length, `${where}: one claim per unit`);

    if (AFTER_AWARD.includes(item.status)) {
      // Awarded or later: exactly one responsibility order, the item's, to its lead unit,
      // from exactly one route (one awarded claim, or a direct assignment).
      same(responsibility.length, 1, `${where}: responsibility orders`);
      const resp = responsibility[0]!;
      same(item.responsibilityOrderId, resp.orderId, `${where}: the item's responsibility order`);
      same(resp.unitId, item.leadUnitId, `${where}: responsibility order addressed to the lead unit`);
      same(
        awardedClaims.length + (item.assignedAfterRounds !== undefined ? 1 : 0),
        1,
        `${where}: awarded by exactly one claim or one assignment`,
      );
      if (awardedClaims[0]) same(awardedClaims[0].unitId, resp.unitId, `${where}: awarded claim's unit`);
      same(pending.length, 0, `${where}: pending claims after the award`);
    } else {
      same(responsibility.length, 0, `${where}: responsibility order before the award`);
      same(awardedClaims.length, 0, `${where}: awarded claim before the award`);
      same(item.responsibilityOrderId, undefined, `${where}: responsibilityOrderId`);
    }

    const resp = responsibility[0];
    if (item.status === 'awarded') same(resp?.status, 'issued', `${where}: responsibility order`);
    if (item.status === 'in_progress' || item.status === 'completion_reported') {
      same(resp?.status, 'acknowledged', `${where}: needs an acknowledged responsibility order`);
    }
    if (item.status === 'completed') {
      same(commendations.length, 1, `${where}: completed needs exactly one commendation`);
      same(resp?.status, 'fulfilled', `${where}: responsibility order`);
      same(commendations[0]!.unitId, item.leadUnitId, `${where}: commendation addressed to the lead unit`);
      check(commendations[0]!.grade !== undefined, `${where}: commendation without a grade`);
    } else {
      same(commendations.length, 0, `${where}: commendation before completion`);
      check(resp?.status !== 'fulfilled', `${where}: responsibility order fulfilled before completion`);
    }

    if (item.status === 'completion_reported' || item.status === 'completed') {
      check(item.completionReported, `${where}: no completion report`);
    }
    if (item.status === 'claims_closed') check(pending.length > 0, `${where}: no claim to award`);
    if (item.status === 'unclaimed') same(pending.length, 0, `${where}: pending claims`);
    if (item.status === 'draft') same(item.claims.length + own.length, 0, `${where}: claims or orders`);

    // A class B item is only assigned directly after a claim round found no claimant or closed.
    if (item.itemClass === 'B' && item.assignedAfterRounds !== undefined) {
      check(item.assignedAfterRounds > 0, `${where}: class B assigned before any claim round`);
    }

    // Inquiries go to the unit that holds the responsibility order, and the item knows
    // exactly which are still open.
    for (const q of inquiries) {
      check(resp !== undefined, `${where}: inquiry ${q.orderId} without a responsibility order`);
      same(q.unitId, resp!.unitId, `${where}: inquiry ${q.orderId} addressee`);
    }
    const open = inquiries
      .filter((q) => q.status === 'issued' || q.status === 'answered')
      .map((q) => q.orderId);
    same([...item.openInquiryIds].sort(), open.sort(), `${where}: open inquiries`);
    if (item.progressReports > 0) check(AFTER_AWARD.includes(item.status), `${where}: progress before award`);
  }

  // Order numbers: per (year, type) exactly 1..n, ids and official numbers unique and
  // readable back, statuses valid for the type.
  const groups = new Map<string, MOrder[]>();
  for (const o of w.orders) {
    const key = `${o.year}:${o.orderType}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
    check(ORDER_STATUSES_BY_TYPE[o.orderType].includes(o.status), `${o.orderId}: status ${o.status}`);
    same(
      parseOrderId(o.orderId),
      { type: o.orderType, year: o.year, number: o.number },
      `parse ${o.orderId}`,
    );
    same(o.displayNumber, displayNumber(o.orderType, o.year, o.number), `${o.orderId}: display number`);
    coverage.orderTypes.add(o.orderType);
  }
  for (const [key, orders] of groups) {
    const numbers = orders.map((o) => o.number).sort((a, b) => a - b);
    same(
      numbers,
      Array.from({ length: numbers.length }, (_, i) => i + 1),
      `${key}: numbers 1..n`,
    );
    same(w.counters.get(key), numbers.length, `${key}: counter`);
  }
  for (const [key, n] of w.counters) same(groups.get(key)?.length ?? 0, n, `${key}: orders per counter`);
  same(new Set(w.orders.map((o) => o.orderId)).size, w.orders.length, 'unique order ids');
  same(new Set(w.orders.map((o) => o.displayNumber)).size, w.orders.length, 'unique official numbers');
}

// ---------------------------------------------------------------------------------------
// Generators

const idx = fc.nat({ max: 11 });
const grade = fc.constantFrom<CommendationGrade>('first', 'second', 'third');

const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  idx.map((item) => ({ kind: 'publish' as const, item })),
  fc.record({ kind: fc.constant('claim' as const), item: idx, unit: idx }),
  idx.map((item) => ({ kind: 'close_claims' as const, item })),
  idx.map((item) => ({ kind: 'reopen' as const, item })),
  fc.record({ kind: fc.constant('award' as const), item: idx, pick: idx }),
  fc.record({ kind: fc.constant('assign' as const), item: idx, unit: idx }),
  idx.map((item) => ({ kind: 'acknowledge' as const, item })),
  idx.map((item) => ({ kind: 'report_progress' as const, item })),
  idx.map((item) => ({ kind: 'report_completion' as const, item })),
  fc.record({ kind: fc.constant('verify' as const), item: idx, achieved: fc.constant(true as const), grade }),
  fc.record({ kind: fc.constant('verify' as const), item: idx, achieved: fc.constant(false as const) }),
  idx.map((item) => ({ kind: 'report_violation' as const, item })),
  idx.map((item) => ({ kind: 'issue_inquiry' as const, item })),
  idx.map((order) => ({ kind: 'answer' as const, order })),
  fc.record({
    kind: fc.constant('decide' as const),
    order: idx,
    outcome: fc.constantFrom('rectified' as const, 'escalated' as const),
  }),
  idx.map((order) => ({ kind: 'escalate_unanswered' as const, order })),
);

const itemsArb = fc.array(
  fc.record({
    itemClass: fc.constantFrom<ItemClass>('A', 'B'),
    year: fc.constantFrom(2022, 2023),
  }),
  { minLength: 1, maxLength: 3 },
);

// ---------------------------------------------------------------------------------------
// Properties

describe('lifecycle under random command sequences', () => {
  it('never reaches an illegal state; refusals name the command and the state; targets hold', () => {
    fc.assert(
      fc.property(
        itemsArb,
        fc.array(cmdArb, { minLength: 10, maxLength: 150, size: 'max' }),
        (items, cmds) => {
          const w = newWorld(items);
          for (const item of w.items) coverage.statuses.add(item.status);
          for (const cmd of cmds) {
            const before = snapshot(w);
            const outcome = step(w, cmd);
            // A refused command changes nothing, and consumes no order number.
            if (!outcome.applied) same(snapshot(w), before, `refused ${cmd.kind} changed the state`);
            for (const item of w.items) coverage.statuses.add(item.status);
            checkInvariants(w);
          }
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it('order numbers drawn from the counters are 1..n per (year, type) across many items', () => {
    // Drives several items straight to the point where orders flow, then issues many.
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<ItemClass>('A', 'B'), { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat({ max: 5 }), fc.constantFrom('violation', 'not_achieved', 'complete')), {
          maxLength: 60,
        }),
        (classes, later) => {
          const w = newWorld(classes.map((itemClass, i) => ({ itemClass, year: 2022 + (i % 2) })));
          for (const [i, item] of w.items.entries()) {
            const script: Cmd[] = [
              { kind: 'publish', item: i },
              { kind: 'claim', item: i, unit: i },
              { kind: 'claim', item: i, unit: i + 1 },
              { kind: 'close_claims', item: i },
              { kind: 'award', item: i, pick: i },
              { kind: 'acknowledge', item: i },
            ];
            for (const cmd of script)
              expect(step(w, cmd), `${item.itemId} ${cmd.kind}`).toEqual({ applied: true });
            expect(item.status).toBe('in_progress');
          }
          for (const [pick, what] of later) {
            const i = pick % w.items.length;
            if (what === 'violation') step(w, { kind: 'report_violation', item: i });
            if (what === 'not_achieved') {
              step(w, { kind: 'report_completion', item: i });
              step(w, { kind: 'verify', item: i, achieved: false });
            }
            if (what === 'complete') {
              step(w, { kind: 'report_completion', item: i });
              step(w, { kind: 'verify', item: i, achieved: true, grade: 'second' });
            }
            checkInvariants(w);
          }
          // The responsibility numbers of each year are exactly 1..(items of that year).
          for (const year of [2022, 2023]) {
            const count = w.items.filter((i) => i.year === year).length;
            const numbers = w.orders
              .filter((o) => o.year === year && o.orderType === 'responsibility')
              .map((o) => o.number);
            expect(numbers).toEqual(Array.from({ length: count }, (_, i) => i + 1));
          }
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);

  afterAll(() => {
    // The random walks must actually explore the lifecycle, or the properties prove little.
    expect([...coverage.statuses].sort()).toEqual([...ITEM_STATUSES].sort());
    for (const c of [
      'publish',
      'claim',
      'close_claims',
      'reopen',
      'award',
      'assign',
      'acknowledge',
      'report_progress',
      'report_completion',
      'verify_completion',
      'report_violation',
      'issue_inquiry',
      'answer',
      'decide',
      'escalate_unanswered',
    ]) {
      expect(coverage.applied, `never applied: ${c}`).toContain(c);
    }
    for (const c of ['publish', 'claim', 'award', 'assign', 'acknowledge', 'verify_completion', 'answer']) {
      expect(coverage.refused, `never refused: ${c}`).toContain(c);
    }
    expect(coverage.refused).toContain('claim:claim.already_claimed');
    expect(coverage.refused).toContain('verify_completion:item.verify_completion.open_inquiries');
    expect(coverage.transitions).toContain('completed -report_violation-> completed');
    for (const t of [
      'published -close_claims-> claims_closed',
      'published -close_claims-> unclaimed',
      'unclaimed -reopen-> published',
      'unclaimed -publish-> published',
      'completion_reported -verify_completion-> completed',
      'completion_reported -verify_completion-> in_progress',
      'claims_closed -assign-> awarded',
      'draft -assign-> awarded',
    ]) {
      expect(coverage.transitions, `never seen: ${t}`).toContain(t);
    }
    expect(coverage.classBAssigned).toBeGreaterThan(0);
    expect(coverage.completed).toBeGreaterThan(0);
    expect([...coverage.orderTypes].sort()).toEqual(['commendation', 'inquiry', 'responsibility']);
  });
});
