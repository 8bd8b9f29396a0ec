/**
 * The verbs of supervision (督办) that touch an item's claims, orders and dates: extension
 * requests and their decision, reassignment, claim withdrawal. Each goes through changeItem:
 * its writes, the item and the audit events commit in one transaction, and the item's
 * waiting workflow is signalled, so its Sync recomputes the timers from the recorded item.
 */

import { claimsOf, saveClaim } from '#data/claims.ts';
import { createExtension, extensionsOf, getExtension, saveExtension } from '#data/extensions.ts';
import { getOrder, saveOrder } from '#data/orders.ts';
import { findPerson, getUnit } from '#data/units.ts';
import { claimingUnit, requireItemActor } from '#domain/access.ts';
import { beijingDate } from '#domain/calendar.ts';
import { NotFound, RuleViolation } from '#domain/errors.ts';
import type { Claim, Item, Order } from '#domain/model.ts';
import {
  ExtensionDecisionInput,
  ExtensionInput,
  type ExtensionRequest,
  extensionAllowed,
  ReassignInput,
  reassignmentAllowed,
  requireVerbAllowed,
  statusAfterWithdrawal,
  WithdrawClaimInput,
  withdrawalAllowed,
  withExtension,
} from '#domain/verbs.ts';
import { now } from '#lib/clock.ts';
import { newId } from '#lib/ids.ts';
import { onCalendar } from '../calendar.ts';
import { changeItem } from '../change.ts';
import { limits } from '../config.ts';
import { issueResponsibility } from '../orders.ts';
import { type Ctx, parse } from '../support.ts';

/**
 * The item's lead unit (or its project manager) asks to move a milestone's due date or the
 * deadline, before the lapse and with a reason. One pending request per target: the item's
 * version serialises requests, so two at once cannot both pass the check.
 */
export async function requestExtension(ctx: Ctx, itemId: string, input: unknown): Promise<ExtensionRequest> {
  const v = parse(ExtensionInput, input);
  const { result } = await changeItem<ExtensionRequest>(
    itemId,
    'request_extension',
    async (before, uow, at) => {
      const pending = (await extensionsOf(itemId)).filter((r) => r.status === 'pending');
      const allowed = extensionAllowed(before, v, beijingDate(now()), pending);
      if (!allowed.ok) throw allowed.error;
      const r: ExtensionRequest = {
        extensionId: newId('ext'),
        itemId,
        year: before.year,
        itemTitle: before.title,
        unitId: before.leadUnitId ?? '',
        target: v.target,
        from: allowed.value,
        to: v.to,
        reason: v.reason,
        status: 'pending',
        requestedAt: at,
        requestedBy: ctx.actor.sub,
        version: 0,
      };
      createExtension(uow, r);
      return {
        after: before,
        events: [
          {
            type: 'extension.requested',
            actor: ctx.actor,
            data: { extensionId: r.extensionId, target: r.target, from: r.from, to: r.to, reason: r.reason },
          },
        ],
        result: r,
      };
    },
    (item) => {
      requireItemActor(ctx.actor, item);
      requireVerbAllowed(item, 'request_extension');
    },
  );
  return result!;
}

/**
 * The commander or the office approves or rejects a pending request. An approval moves the
 * item's date in the same transaction as the decision and its audit event; the signal that
 * changeItem sends wakes the workflow, whose Sync waits for the new date.
 */
export async function decideExtension(
  ctx: Ctx,
  itemId: string,
  extensionId: string,
  input: unknown,
): Promise<ExtensionRequest> {
  const v = parse(ExtensionDecisionInput, input);
  const { result } = await changeItem<ExtensionRequest>(
    itemId,
    'decide_extension',
    async (before, uow, at) => {
      const r = await getExtension(itemId, extensionId);
      if (r.status !== 'pending') {
        throw new RuleViolation(
          'extension.decided_already',
          `extension request ${extensionId} is ${r.status}`,
        );
      }
      let after: Item = before;
      if (v.approved) {
        const moved = withExtension(before, r.target, r.to);
        if (!moved.ok) throw moved.error;
        after = moved.value;
      }
      const decided: ExtensionRequest = {
        ...r,
        status: v.approved ? 'approved' : 'rejected',
        decidedAt: at,
        decidedBy: ctx.actor.sub,
        ...(v.note ? { note: v.note } : {}),
      };
      saveExtension(uow, r, decided);
      return {
        after,
        events: [
          {
            type: 'extension.decided',
            actor: ctx.actor,
            data: {
              extensionId,
              target: r.target,
              from: r.from,
              to: r.to,
              approved: v.approved,
              reason: r.reason,
              note: v.note ?? null,
            },
          },
        ],
        result: { ...decided, version: r.version + 1 },
      };
    },
    (item) => requireVerbAllowed(item, 'decide_extension'),
  );
  return result!;
}

/**
 * The commander moves an item (awarded or in progress) to another unit and/or manager: the
 * current responsibility order is superseded, a new one (the next number) is issued to the
 * new unit, which must acknowledge it within the limit again; one transaction.
 */
export async function reassign(ctx: Ctx, itemId: string, input: unknown): Promise<Order> {
  const v = parse(ReassignInput, input);
  await getUnit(v.unitId);
  const person = await findPerson(v.managerId);
  if (!person || person.unitId !== v.unitId) {
    throw new RuleViolation(
      'reassign.manager_not_in_unit',
      `person ${v.managerId} is not a member of unit ${v.unitId}`,
      [{ path: 'managerId', message: 'not a person of that unit' }],
    );
  }
  const { result } = await changeItem<Order>(
    itemId,
    'reassign',
    async (before, uow, at) => {
      const allowed = reassignmentAllowed(before, v);
      if (!allowed.ok) throw allowed.error;
      const old = await getOrder(before.responsibilityOrderId!);
      const { order, event } = await issueResponsibility(uow, before, ctx.actor, at, v.unitId, v.managerId);
      // `supersededBy` is stored on the order record (and in the event) but not declared in the
      // Order schema every API bundle carries (ApiWrite's budget): the view shows the status.
      const superseded = { ...old, status: 'superseded' as const, supersededBy: order.orderId };
      saveOrder(uow, old, superseded);
      const from = new Date(at);
      const acknowledgementDueAt = await onCalendar(beijingDate(from), (c) =>
        c.workingDayDeadline(from, limits().acknowledgementWorkingDays),
      );
      return {
        after: {
          ...before,
          status: 'awarded',
          leadUnitId: v.unitId,
          managerId: v.managerId,
          responsibilityOrderId: order.orderId,
          acknowledgementDueAt: acknowledgementDueAt.toISOString(),
          acknowledgementReminded: false,
          // The new order's acknowledgement is a new limit (the old one's lapse stays recorded in its inquiry).
          lapsesActedOn: before.lapsesActedOn.filter((k) => k !== 'acknowledgement'),
        },
        events: [
          {
            type: 'item.reassigned',
            actor: ctx.actor,
            data: {
              fromUnitId: before.leadUnitId ?? null,
              toUnitId: v.unitId,
              fromManagerId: before.managerId ?? null,
              toManagerId: v.managerId,
              reason: v.reason,
              orderId: order.orderId,
            },
          },
          {
            type: 'order.responsibility.superseded',
            actor: ctx.actor,
            data: { orderId: old.orderId, supersededBy: order.orderId },
          },
          event,
        ],
        result: order,
      };
    },
    (item) => requireVerbAllowed(item, 'reassign'),
  );
  return result!;
}

/**
 * A unit withdraws its own pending claim before the award. Once the window has closed, the
 * last claim withdrawn leaves the item unclaimed (the unclaimed rule: reopen or assign).
 */
export async function withdrawClaim(
  ctx: Ctx,
  itemId: string,
  claimId: string,
  input: unknown,
): Promise<Claim> {
  const v = parse(WithdrawClaimInput, input);
  const unitId = claimingUnit(ctx.actor);
  const { result } = await changeItem<Claim>(
    itemId,
    'withdraw_claim',
    async (before, uow, at) => {
      const claims = await claimsOf(itemId);
      const c = claims.find((x) => x.claimId === claimId);
      if (!c) throw new NotFound('claim', claimId);
      const allowed = withdrawalAllowed(c, unitId);
      if (!allowed.ok) throw allowed.error;
      const withdrawn: Claim = { ...c, status: 'withdrawn', decidedAt: at };
      saveClaim(uow, c, withdrawn);
      const left = claims.filter((x) => x.status === 'pending' && x.claimId !== claimId).length;
      const status = statusAfterWithdrawal(before.status, left);
      return {
        after: { ...before, status },
        events: [
          { type: 'claim.withdrawn', actor: ctx.actor, data: { claimId, unitId, reason: v.reason } },
          ...(status !== before.status
            ? [{ type: 'item.unclaimed', actor: ctx.actor, data: { claims: 0 } }]
            : []),
        ],
        result: withdrawn,
      };
    },
    (item) => requireVerbAllowed(item, 'withdraw_claim'),
  );
  return result!;
}
