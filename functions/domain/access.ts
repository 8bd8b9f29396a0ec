/**
 * Who may do what. Role checks come from the route/command table; object-level checks
 * (a unit only on its own items and orders, a manager only on items they manage) are
 * pure functions over the loaded aggregate.
 */
import { Forbidden } from './errors.ts';
import type { Actor, Item, Order, Role } from './model.ts';

export type CommandName =
  | 'createUnit'
  | 'createPerson'
  | 'createItem'
  | 'editItem'
  | 'declareProposal'
  | 'decideProposal'
  | 'publishBatch'
  | 'claim'
  | 'award'
  | 'assign'
  | 'reopen'
  | 'acknowledge'
  | 'reportProgress'
  | 'reportCompletion'
  | 'verifyCompletion'
  | 'reportViolation'
  | 'answerInquiry'
  | 'decideInquiry'
  | 'runEvaluation'
  | 'loadCalendar';

type ActorRole = Role | 'system';

export const COMMAND_ROLES: Readonly<Record<CommandName, readonly ActorRole[]>> = {
  createUnit: ['office', 'system'],
  createPerson: ['office', 'unit', 'system'],
  createItem: ['office', 'system'],
  editItem: ['office', 'system'],
  declareProposal: ['unit', 'system'],
  decideProposal: ['office', 'commander', 'system'],
  publishBatch: ['office', 'system'],
  claim: ['unit', 'office', 'commander', 'system'],
  award: ['commander', 'office', 'system'],
  assign: ['commander', 'office', 'system'],
  reopen: ['office', 'system'],
  acknowledge: ['unit', 'system'],
  reportProgress: ['unit', 'manager', 'system'],
  reportCompletion: ['unit', 'manager', 'system'],
  verifyCompletion: ['office', 'commander', 'system'],
  reportViolation: ['inspector', 'system'],
  answerInquiry: ['unit', 'system'],
  decideInquiry: ['office', 'commander', 'system'],
  runEvaluation: ['office', 'commander', 'system'],
  loadCalendar: ['office', 'system'],
};

export function requireRole(actor: Actor, command: CommandName): void {
  if (!COMMAND_ROLES[command].includes(actor.role)) {
    throw new Forbidden('auth.role_not_allowed', `role ${actor.role} may not ${command}`);
  }
}

/** A unit acts only on items it leads; a manager only on items they manage. */
export function requireItemActor(
  actor: Actor,
  item: Pick<Item, 'itemId' | 'leadUnitId' | 'managerId'>,
): void {
  if (actor.role === 'unit' && (!actor.unitId || actor.unitId !== item.leadUnitId)) {
    throw new Forbidden('auth.not_your_item', `item ${item.itemId} is not led by your unit`);
  }
  if (actor.role === 'manager' && (!actor.personId || actor.personId !== item.managerId)) {
    throw new Forbidden('auth.not_your_item', `you are not the project manager of item ${item.itemId}`);
  }
}

export function requireOrderActor(actor: Actor, order: Pick<Order, 'orderId' | 'unitId'>): void {
  if (actor.role === 'unit' && (!actor.unitId || actor.unitId !== order.unitId)) {
    throw new Forbidden('auth.not_your_order', `order ${order.orderId} is not addressed to your unit`);
  }
}

/** A unit claims for itself; only the office or a commander files on behalf of another unit. */
export function claimingUnit(actor: Actor, requested?: string): string {
  if (actor.role === 'unit') {
    if (!actor.unitId) throw new Forbidden('auth.no_unit', 'your token names no unit');
    if (requested && requested !== actor.unitId) {
      throw new Forbidden('auth.not_your_unit', 'a unit claims only for itself');
    }
    return actor.unitId;
  }
  if (!requested) throw new Forbidden('auth.unit_required', 'name the unit on whose behalf you claim');
  return requested;
}
