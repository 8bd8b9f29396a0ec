/**
 * Who may do what (functions/domain/access.ts): the role table against the product brief,
 * and the object-level checks (a unit only on its own items and orders, a manager only on
 * items they manage, a unit claims only for itself).
 */
import { describe, expect, it } from 'vitest';
import {
  COMMAND_ROLES,
  type CommandName,
  claimingUnit,
  requireItemActor,
  requireOrderActor,
  requireRole,
} from '#domain/access.ts';
import { DomainError, Forbidden } from '#domain/errors.ts';
import { type Actor, ROLES, SYSTEM } from '#domain/model.ts';

const office: Actor = { role: 'office', sub: 'office-1' };
const unit: Actor = { role: 'unit', sub: 'u1', unitId: 'meilin' };
const otherUnit: Actor = { role: 'unit', sub: 'u2', unitId: 'xiangmihu' };
const unitWithoutUnit: Actor = { role: 'unit', sub: 'u3' };
const commander: Actor = { role: 'commander', sub: 'c1' };
const manager: Actor = { role: 'manager', sub: 'm1', personId: 'p-meilin-1' };
const otherManager: Actor = { role: 'manager', sub: 'm2', personId: 'p-xiangmihu-1' };
const inspector: Actor = { role: 'inspector', sub: 'i1' };

function forbidden(fn: () => unknown, code: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected Forbidden ${code}`).toBeInstanceOf(Forbidden);
  expect(caught).toBeInstanceOf(DomainError);
  expect((caught as Forbidden).kind).toBe('forbidden');
  expect((caught as Forbidden).code).toBe(code);
}

/** The role table of the product brief (domain.md), written out independently. */
const EXPECTED: Record<CommandName, readonly string[]> = {
  createUnit: ['office'],
  createPerson: ['office', 'unit'],
  createItem: ['office'],
  editItem: ['office'],
  declareProposal: ['unit'],
  decideProposal: ['office', 'commander'],
  publishBatch: ['office'],
  claim: ['unit', 'office', 'commander'],
  award: ['commander', 'office'],
  assign: ['commander', 'office'],
  reopen: ['office'],
  acknowledge: ['unit'],
  reportProgress: ['unit', 'manager'],
  reportCompletion: ['unit', 'manager'],
  verifyCompletion: ['office', 'commander'],
  reportViolation: ['inspector'],
  answerInquiry: ['unit'],
  decideInquiry: ['office', 'commander'],
  runEvaluation: ['office', 'commander'],
  loadCalendar: ['office'],
  restartWorkflow: ['office'],
  reconcileWorkflows: ['office'],
};

describe('requireRole', () => {
  const commands = Object.keys(COMMAND_ROLES) as CommandName[];

  it('covers exactly the commands of the product’s role table', () => {
    expect([...commands].sort()).toEqual((Object.keys(EXPECTED) as CommandName[]).sort());
  });

  it.each(commands)('%s: the roles the role table names may, every other role is refused', (command) => {
    for (const role of ROLES) {
      const actor: Actor = { role, sub: `${role}-1`, unitId: 'meilin', personId: 'p-meilin-1' };
      if (EXPECTED[command].includes(role)) expect(() => requireRole(actor, command)).not.toThrow();
      else forbidden(() => requireRole(actor, command), 'auth.role_not_allowed');
    }
  });

  it('the workflows (system) may run every command', () => {
    for (const command of commands) expect(() => requireRole(SYSTEM, command)).not.toThrow();
  });

  it('an inspector only reports violations; a manager only reports', () => {
    expect(commands.filter((c) => COMMAND_ROLES[c].includes('inspector'))).toEqual(['reportViolation']);
    expect(commands.filter((c) => COMMAND_ROLES[c].includes('manager')).sort()).toEqual([
      'reportCompletion',
      'reportProgress',
    ]);
  });

  it('names the role and command in the message', () => {
    expect(() => requireRole(unit, 'award')).toThrow('role unit may not award');
  });
});

describe('requireItemActor', () => {
  const item = { itemId: '2022-T-1', leadUnitId: 'meilin', managerId: 'p-meilin-1' };

  it('lets the lead unit and the project manager act on their item', () => {
    expect(() => requireItemActor(unit, item)).not.toThrow();
    expect(() => requireItemActor(manager, item)).not.toThrow();
  });

  it('refuses another unit, a unit token without a unit, and another manager', () => {
    forbidden(() => requireItemActor(otherUnit, item), 'auth.not_your_item');
    forbidden(() => requireItemActor(unitWithoutUnit, item), 'auth.not_your_item');
    forbidden(() => requireItemActor(otherManager, item), 'auth.not_your_item');
    forbidden(() => requireItemActor({ role: 'manager', sub: 'm3' }, item), 'auth.not_your_item');
  });

  it('refuses a unit or a manager on an item nobody leads or manages yet', () => {
    const open = { itemId: '2022-T-2' };
    forbidden(() => requireItemActor(unit, open), 'auth.not_your_item');
    forbidden(() => requireItemActor(manager, open), 'auth.not_your_item');
  });

  it('does not restrict office, commander, inspector or the system', () => {
    for (const actor of [office, commander, inspector, SYSTEM]) {
      expect(() => requireItemActor(actor, item)).not.toThrow();
      expect(() => requireItemActor(actor, { itemId: 'x' })).not.toThrow();
    }
  });
});

describe('requireOrderActor', () => {
  const order = { orderId: '2022-RES-0001', unitId: 'meilin' };

  it('lets only the addressed unit act on its order', () => {
    expect(() => requireOrderActor(unit, order)).not.toThrow();
    forbidden(() => requireOrderActor(otherUnit, order), 'auth.not_your_order');
    forbidden(() => requireOrderActor(unitWithoutUnit, order), 'auth.not_your_order');
  });

  it('does not restrict the headquarters roles', () => {
    for (const actor of [office, commander, SYSTEM])
      expect(() => requireOrderActor(actor, order)).not.toThrow();
  });
});

describe('claimingUnit', () => {
  it('a unit claims for itself, with or without naming itself', () => {
    expect(claimingUnit(unit)).toBe('meilin');
    expect(claimingUnit(unit, 'meilin')).toBe('meilin');
  });

  it('a unit cannot claim for another unit, nor without a unit in its token', () => {
    forbidden(() => claimingUnit(unit, 'xiangmihu'), 'auth.not_your_unit');
    forbidden(() => claimingUnit(unitWithoutUnit), 'auth.no_unit');
  });

  it('the office or a commander files on behalf of a named unit, and must name it', () => {
    expect(claimingUnit(office, 'xiangmihu')).toBe('xiangmihu');
    expect(claimingUnit(commander, 'meilin')).toBe('meilin');
    forbidden(() => claimingUnit(office), 'auth.unit_required');
    forbidden(() => claimingUnit(commander, ''), 'auth.unit_required');
  });
});
