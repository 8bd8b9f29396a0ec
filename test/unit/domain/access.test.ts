/**
 * Who may do what (functions/domain/access.ts): the object-level checks (a unit only on its own items and orders, a manager only on
 * items they manage, a unit claims only for itself). Which roles may run a command is its
 * route's (test/unit/api/routes.test.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  claimingUnit,
  listsItemsOf,
  publicLeadUnit,
  publicResult,
  requireItemActor,
  requireOrderActor,
  requirePublicItem,
} from '#domain/access.ts';
import { DomainError, Forbidden, NotFound } from '#domain/errors.ts';
import { type Actor, SYSTEM } from '#domain/model.ts';

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

describe('the public board’s rules', () => {
  it('shows no lead unit while an item is open for claims, its lead once awarded', () => {
    expect(publicLeadUnit({ status: 'published', leadUnitId: 'meilin' })).toBeNull();
    expect(publicLeadUnit({ status: 'unclaimed', leadUnitId: 'meilin' })).toBeNull();
    expect(publicLeadUnit({ status: 'awarded', leadUnitId: 'meilin' })).toBe('meilin');
    expect(publicLeadUnit({ status: 'awarded' })).toBeNull();
  });

  it('treats a draft as if it did not exist, and lists drafts only to the office and commanders', () => {
    expect(() => requirePublicItem({ itemId: '2022-T-1', status: 'draft' })).toThrow(NotFound);
    expect(() => requirePublicItem({ itemId: '2022-T-1', status: 'published' })).not.toThrow();
    expect(listsItemsOf(unit, 'draft')).toBe(false);
    expect(listsItemsOf(inspector, 'draft')).toBe(false);
    expect(listsItemsOf(office, 'draft')).toBe(true);
    expect(listsItemsOf(commander, 'draft')).toBe(true);
    expect(listsItemsOf(unit, 'published')).toBe(true);
    expect(listsItemsOf(unit, undefined)).toBe(true);
  });

  it('ranks results publicly without their scores, lags or flags', () => {
    const result = {
      itemId: '2022-T-1',
      unitId: 'meilin',
      category: 'siege',
      rankInCategory: 2,
      categorySize: 9,
      rankInPeerGroup: 1,
      peerGroupSize: 4,
      expected: 40,
      actual: 35,
      lag: 5,
      score: -5,
      flags: ['lagging_progress'],
    };
    expect(publicResult(result)).toEqual({
      itemId: '2022-T-1',
      unitId: 'meilin',
      category: 'siege',
      rankInCategory: 2,
      categorySize: 9,
      rankInPeerGroup: 1,
      peerGroupSize: 4,
      expected: 40,
      actual: 35,
    });
  });
});
