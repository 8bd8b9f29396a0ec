/** Claiming (揭榜) and awarding (挂帅): claim, award, direct assignment. */

import { claimsOf, createClaim, saveClaim } from '#data/claims.ts';
import { findPerson, getUnit } from '#data/units.ts';
import { claimingUnit } from '#domain/access.ts';
import { beijingDate } from '#domain/calendar.ts';
import { AssignInput, AwardInput, ClaimInput } from '#domain/commands.ts';
import { NotFound, RuleViolation } from '#domain/errors.ts';
import { claimWindowOpen } from '#domain/lifecycle.ts';
import type { Claim, Item, Order } from '#domain/model.ts';
import { now } from '#lib/clock.ts';
import { newId } from '#lib/ids.ts';
import { onCalendar } from '../calendar.ts';
import { changeItem } from '../change.ts';
import { limits } from '../config.ts';
import { issueResponsibility } from '../orders.ts';
import { type Ctx, executionName, parse } from '../support.ts';

async function requireManagerOf(unitId: string, managerId: string, path: string): Promise<void> {
  const person = await findPerson(managerId);
  if (!person || person.unitId !== unitId) {
    throw new RuleViolation(
      'claim.manager_not_in_unit',
      `person ${managerId} is not a member of unit ${unitId}`,
      [{ path, message: 'not a person of that unit' }],
    );
  }
}

/**
 * A unit applies to lead a published item within its claim window. The claim is its own
 * record (one per unit and item), so concurrent claims by different units never collide.
 */
export async function claim(ctx: Ctx, itemId: string, input: unknown): Promise<Claim> {
  const v = parse(ClaimInput, input);
  const unitId = claimingUnit(ctx.actor, v.unitId);
  await getUnit(unitId);
  await requireManagerOf(unitId, v.managerId, 'managerId');
  // The claim and the item's audit event commit together; the item's version guards the chain.
  const { result } = await changeItem<Claim>(itemId, 'claim', async (before, uow, at) => {
    const windowOpen = claimWindowOpen(before, now());
    if (!windowOpen.ok) throw windowOpen.error;
    if ((await claimsOf(itemId)).some((c) => c.unitId === unitId)) {
      throw new RuleViolation('claim.already_claimed', `unit ${unitId} already claimed item ${itemId}`);
    }
    const c: Claim = {
      claimId: newId('claim'),
      itemId,
      unitId,
      managerId: v.managerId,
      plan: v.plan,
      status: 'pending',
      claimedAt: at,
    };
    createClaim(uow, c);
    return {
      after: before,
      events: [{ type: 'claim.filed', actor: ctx.actor, data: { claimId: c.claimId, unitId } }],
      result: c,
    };
  });
  return result!;
}

async function awardedItem(
  before: Item,
  unitId: string,
  managerId: string,
  order: Order,
  at: string,
): Promise<Item> {
  const awardedAt = new Date(at);
  const acknowledgementDueAt = await onCalendar(beijingDate(awardedAt), (c) =>
    c.workingDayDeadline(awardedAt, limits().acknowledgementWorkingDays),
  );
  return {
    ...before,
    status: 'awarded',
    leadUnitId: unitId,
    managerId,
    responsibilityOrderId: order.orderId,
    awardedAt: at,
    acknowledgementDueAt: acknowledgementDueAt.toISOString(),
    acknowledgementReminded: false,
  };
}

/**
 * Awards one claim: the item, every claim of it, the responsibility order, its number and
 * the audit events commit in one transaction; of two awards at once exactly one wins.
 */
export async function award(ctx: Ctx, itemId: string, claimId: string, input: unknown): Promise<Order> {
  const v = parse(AwardInput, input);
  const { result } = await changeItem<Order>(itemId, 'award', async (before, uow, at) => {
    const claims = await claimsOf(itemId);
    const chosen = claims.find((c) => c.claimId === claimId);
    if (!chosen) throw new NotFound('claim', claimId);
    if (chosen.status !== 'pending')
      throw new RuleViolation('claim.award.not_pending', `claim ${claimId} is ${chosen.status}`);
    const { order, event } = await issueResponsibility(
      uow,
      before,
      ctx.actor,
      at,
      chosen.unitId,
      chosen.managerId,
    );
    for (const c of claims) {
      if (c.status !== 'pending') continue;
      saveClaim(uow, c, { ...c, status: c.claimId === claimId ? 'awarded' : 'declined', decidedAt: at });
    }
    const declined = claims
      .filter((c) => c.status === 'pending' && c.claimId !== claimId)
      .map((c) => c.unitId);
    return {
      after: {
        ...(await awardedItem(before, chosen.unitId, chosen.managerId, order, at)),
        awardedClaimId: claimId,
      },
      events: [
        {
          type: 'claim.awarded',
          actor: ctx.actor,
          data: { claimId, unitId: chosen.unitId, declined, note: v.note ?? null },
        },
        event,
      ],
      result: order,
    };
  });
  return result!;
}

/** Direct assignment without (or after) a claim round. */
export async function assign(ctx: Ctx, itemId: string, input: unknown): Promise<Order> {
  const v = parse(AssignInput, input);
  await getUnit(v.unitId);
  await requireManagerOf(v.unitId, v.managerId, 'managerId');
  const { result } = await changeItem<Order>(itemId, 'assign', async (before, uow, at) => {
    const claims = await claimsOf(itemId);
    for (const c of claims)
      if (c.status === 'pending') saveClaim(uow, c, { ...c, status: 'declined', decidedAt: at });
    const { order, event } = await issueResponsibility(uow, before, ctx.actor, at, v.unitId, v.managerId);
    const generation = before.workflow?.generation ?? 1;
    return {
      after: {
        ...(await awardedItem(before, v.unitId, v.managerId, order, at)),
        workflow: before.workflow ?? { executionName: executionName(itemId, generation), generation },
      },
      events: [
        {
          type: 'item.assigned',
          actor: ctx.actor,
          data: { unitId: v.unitId, managerId: v.managerId, note: v.note ?? null },
        },
        event,
      ],
      result: order,
    };
  });
  return result!;
}
