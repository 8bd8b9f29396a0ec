/**
 * The lifecycle rules (functions/domain/lifecycle.ts) command by command; the random
 * sequences are in lifecycle.property.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { RuleViolation } from '#domain/errors.ts';
import {
  canApply,
  canApplyToOrder,
  claimWindowOpen,
  closeOutAllowed,
  ITEM_RULES,
  ITEM_TARGETS,
  type ItemCommand,
  type OrderCommand,
  TERMINAL_ITEM_STATUSES,
} from '#domain/lifecycle.ts';
import { ITEM_STATUSES, ORDER_STATUSES, ORDER_TYPES } from '#domain/model.ts';

const COMMANDS = Object.keys(ITEM_RULES) as ItemCommand[];

describe('canApply', () => {
  it('allows a command exactly from the statuses of ITEM_RULES (class A)', () => {
    for (const command of COMMANDS) {
      for (const status of ITEM_STATUSES) {
        const r = canApply({ itemId: 'i-1', itemClass: 'A', status }, command);
        expect(r.ok, `${command} from ${status}`).toBe(ITEM_RULES[command].includes(status));
        if (!r.ok) {
          expect(r.error).toBeInstanceOf(RuleViolation);
          expect(r.error.kind).toBe('rule');
          expect(r.error.rule).toBe(`item.${command}.not_allowed_when_${status}`);
          expect(r.error.code).toBe(r.error.rule);
          expect(r.error.message).toContain('i-1');
        }
      }
    }
  });

  it('a class B item is assigned directly only after a claim round', () => {
    for (const status of ['draft', 'published'] as const) {
      const r = canApply({ itemId: 'b-1', itemClass: 'B', status }, 'assign');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.rule).toBe('item.assign.class_b_needs_claim_round');
    }
    for (const status of ['claims_closed', 'unclaimed'] as const) {
      expect(canApply({ itemId: 'b-1', itemClass: 'B', status }, 'assign').ok).toBe(true);
    }
    // A class A item may be assigned straight from the draft.
    expect(canApply({ itemId: 'a-1', itemClass: 'A', status: 'draft' }, 'assign').ok).toBe(true);
  });

  it('nothing but a violation report applies to a completed item', () => {
    expect(TERMINAL_ITEM_STATUSES).toEqual(['completed']);
    for (const command of COMMANDS) {
      expect(canApply({ itemId: 'x', itemClass: 'A', status: 'completed' }, command).ok, command).toBe(
        command === 'report_violation',
      );
    }
    expect(ITEM_TARGETS.report_violation).toContain('completed');
  });

  it('close-out only when every inquiry order is decided', () => {
    expect(closeOutAllowed({ itemId: 'x', openInquiryIds: [] }).ok).toBe(true);
    const r = closeOutAllowed({ itemId: 'x', openInquiryIds: ['2022-INQ-0003', '2022-INQ-0007'] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('item.verify_completion.open_inquiries');
      expect(r.error.message).toContain('2022-INQ-0003, 2022-INQ-0007');
      expect(r.error.details.map((d) => d.message)).toEqual([
        'inquiry order 2022-INQ-0003 is not decided',
        'inquiry order 2022-INQ-0007 is not decided',
      ]);
    }
  });

  it('the rule tables name every command and only known statuses', () => {
    expect(Object.keys(ITEM_TARGETS).sort()).toEqual([...COMMANDS].sort());
    for (const command of COMMANDS) {
      for (const s of [...ITEM_RULES[command], ...ITEM_TARGETS[command]]) expect(ITEM_STATUSES).toContain(s);
      expect(ITEM_TARGETS[command].length).toBeGreaterThan(0);
    }
  });
});

describe('claimWindowOpen', () => {
  const item = {
    itemId: 'i-1',
    claimWindow: { opensAt: '2022-03-01T00:00:00.000Z', closesAt: '2022-03-15T00:00:00.000Z' },
  };
  const at = (iso: string) => claimWindowOpen(item, new Date(iso));

  it('is open from opensAt (inclusive) to closesAt (exclusive)', () => {
    expect(at('2022-03-01T00:00:00.000Z').ok).toBe(true);
    expect(at('2022-03-14T23:59:59.999Z').ok).toBe(true);
    const before = at('2022-02-28T23:59:59.999Z');
    const after = at('2022-03-15T00:00:00.000Z');
    expect(before.ok || after.ok).toBe(false);
    if (!before.ok) expect(before.error.rule).toBe('item.claim.window_not_open');
    if (!after.ok) expect(after.error.rule).toBe('item.claim.window_closed');
  });

  it('compares instants when the window carries a UTC offset', () => {
    const beijing = {
      itemId: 'i-2',
      claimWindow: { opensAt: '2022-03-01T08:00:00+08:00', closesAt: '2022-03-15T08:00:00+08:00' },
    };
    expect(claimWindowOpen(beijing, new Date('2022-03-01T00:00:00Z')).ok).toBe(true);
    expect(claimWindowOpen(beijing, new Date('2022-03-14T23:59:59Z')).ok).toBe(true);
    const closed = claimWindowOpen(beijing, new Date('2022-03-15T00:00:00Z'));
    expect(closed.ok).toBe(false);
    if (!closed.ok) expect(closed.error.rule).toBe('item.claim.window_closed');
  });

  it('an item without a window takes no claims', () => {
    const r = claimWindowOpen({ itemId: 'i-3' }, new Date());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.rule).toBe('item.claim.no_window');
  });
});

describe('canApplyToOrder', () => {
  const RULES: Record<OrderCommand, { type: string; from: string[] }> = {
    acknowledge: { type: 'responsibility', from: ['issued'] },
    fulfil: { type: 'responsibility', from: ['acknowledged'] },
    answer: { type: 'inquiry', from: ['issued'] },
    decide: { type: 'inquiry', from: ['answered'] },
    escalate_unanswered: { type: 'inquiry', from: ['issued'] },
  };

  it.each(Object.keys(RULES) as OrderCommand[])('%s: by order type, then by status', (command) => {
    for (const orderType of ORDER_TYPES) {
      for (const status of ORDER_STATUSES) {
        const r = canApplyToOrder({ orderId: 'o-1', orderType, status }, command);
        const rule = RULES[command];
        const expected = orderType === rule.type && rule.from.includes(status);
        expect(r.ok, `${command} on ${orderType} ${status}`).toBe(expected);
        if (!r.ok) {
          expect(r.error).toBeInstanceOf(RuleViolation);
          expect(r.error.rule).toBe(
            orderType !== rule.type
              ? `order.${command}.wrong_type`
              : `order.${command}.not_allowed_when_${status}`,
          );
        }
      }
    }
  });
});
