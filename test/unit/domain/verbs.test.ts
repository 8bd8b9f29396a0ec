/**
 * The rules of the verbs of supervision (functions/domain/verbs.ts): when an extension may be
 * asked, what an approval changes, when a reassignment and a withdrawal are allowed.
 */
import { describe, expect, it } from 'vitest';
import { awardKind, extensionCandidate } from '#domain/inbox.ts';
import { canApply } from '#domain/lifecycle.ts';
import {
  extensionAllowed,
  reassignmentAllowed,
  requireVerbAllowed,
  statusAfterWithdrawal,
  VERB_RULES,
  VERB_TARGETS,
  withdrawalAllowed,
  withExtension,
} from '#domain/verbs.ts';

const item = {
  itemId: 'i-1',
  year: 2022,
  deadline: '2022-12-31',
  milestones: [
    { id: 'm1', title: 'Plan', dueDate: '2022-06-30', weight: 40 },
    { id: 'm2', title: 'Works', dueDate: '2022-11-30', weight: 60 },
  ],
  milestonesDone: { m2: '2022-05-01' } as Record<string, string>,
};
const rule = (r: { ok: boolean; error?: { rule?: string; code: string } }) =>
  r.ok ? 'ok' : (r as { error: { code: string } }).error.code;

describe('extensionAllowed', () => {
  const ask = (target: string, to: string, today = '2022-06-01', pending: { target: string }[] = []) =>
    extensionAllowed(
      item,
      { target, to },
      today,
      pending.map((p, i) => ({ ...p, extensionId: `e-${i}` })),
    );

  it('answers the current due date of the target when allowed', () => {
    expect(ask('deadline', '2023-03-31')).toEqual({ ok: true, value: '2022-12-31' });
    expect(ask('m1', '2022-08-31')).toEqual({ ok: true, value: '2022-06-30' });
  });
  it('before the lapse: on the due date still, not the day after (Beijing dates)', () => {
    expect(rule(ask('m1', '2022-08-31', '2022-06-30'))).toBe('ok');
    expect(rule(ask('m1', '2022-08-31', '2022-07-01'))).toBe('extension.after_lapse');
  });
  it('refuses an unknown or done milestone, an earlier or equal date, a date out of range or past the deadline', () => {
    expect(rule(ask('m9', '2022-08-31'))).toBe('extension.unknown_target');
    expect(rule(ask('m2', '2022-12-01'))).toBe('extension.milestone_done');
    expect(rule(ask('m1', '2022-06-30'))).toBe('extension.not_later');
    expect(rule(ask('deadline', '2022-12-01'))).toBe('extension.not_later');
    expect(rule(ask('deadline', '2033-01-01'))).toBe('extension.out_of_range');
    expect(rule(ask('deadline', '2032-12-31'))).toBe('ok');
    expect(rule(ask('m1', '2023-01-15'))).toBe('extension.after_deadline');
  });
  it('one pending request per target', () => {
    expect(rule(ask('deadline', '2023-03-31', '2022-06-01', [{ target: 'deadline' }]))).toBe(
      'extension.already_pending',
    );
    expect(rule(ask('m1', '2022-08-31', '2022-06-01', [{ target: 'deadline' }]))).toBe('ok');
  });
});

describe('withExtension', () => {
  it('moves the deadline or the one milestone, nothing else', () => {
    const d = withExtension(item, 'deadline', '2023-03-31');
    expect(d.ok && d.value.deadline).toBe('2023-03-31');
    expect(d.ok && d.value.milestones).toEqual(item.milestones);
    const m = withExtension(item, 'm1', '2022-08-31');
    expect(m.ok && m.value.milestones.map((x) => x.dueDate)).toEqual(['2022-08-31', '2022-11-30']);
    expect(m.ok && m.value.deadline).toBe('2022-12-31');
  });
  it('refuses a date no longer later than the current one', () => {
    expect(rule(withExtension(item, 'm1', '2022-06-01'))).toBe('extension.not_later');
    expect(rule(withExtension(item, 'm1', '2023-02-01'))).toBe('extension.after_deadline');
  });
});

describe('reassignment and withdrawal', () => {
  const led = {
    itemId: 'i-1',
    leadUnitId: 'meilin',
    managerId: 'p-1',
    responsibilityOrderId: '2022-RES-0001',
  };
  it('moves to another unit or another manager, not to the same pair', () => {
    expect(rule(reassignmentAllowed(led, { unitId: 'huafu', managerId: 'p-2' }))).toBe('ok');
    expect(rule(reassignmentAllowed(led, { unitId: 'meilin', managerId: 'p-3' }))).toBe('ok');
    expect(rule(reassignmentAllowed(led, { unitId: 'meilin', managerId: 'p-1' }))).toBe(
      'reassign.same_responsibility',
    );
  });
  it('from awarded or in progress only', () => {
    for (const status of ['awarded', 'in_progress'] as const)
      expect(() => requireVerbAllowed({ itemId: 'i', status }, 'reassign')).not.toThrow();
    for (const status of ['published', 'completion_reported', 'completed'] as const)
      expect(() => requireVerbAllowed({ itemId: 'i', status }, 'reassign')).toThrow(
        expect.objectContaining({ code: `item.reassign.not_allowed_when_${status}` }),
      );
    // The lifecycle's table leaves the verbs to their own rule.
    expect(canApply({ itemId: 'i', itemClass: 'A', status: 'completed' }, 'reassign').ok).toBe(true);
  });
  it('a unit withdraws only its own pending claim, before the award', () => {
    const c = { claimId: 'c-1', unitId: 'meilin', status: 'pending' };
    expect(rule(withdrawalAllowed(c, 'meilin'))).toBe('ok');
    expect(rule(withdrawalAllowed(c, 'huafu'))).toBe('auth.not_your_unit');
    expect(rule(withdrawalAllowed({ ...c, status: 'awarded' }, 'meilin'))).toBe('claim.withdraw.not_pending');
    expect(() => requireVerbAllowed({ itemId: 'i', status: 'awarded' }, 'withdraw_claim')).toThrow();
    expect(Object.keys(VERB_TARGETS).sort()).toEqual(Object.keys(VERB_RULES).sort());
  });
  it('the last claim withdrawn after the window closed leaves the item unclaimed', () => {
    expect(statusAfterWithdrawal('claims_closed', 0)).toBe('unclaimed');
    expect(statusAfterWithdrawal('claims_closed', 1)).toBe('claims_closed');
    expect(statusAfterWithdrawal('published', 0)).toBe('published');
  });
});

describe('the verbs in the inbox', () => {
  it('a reminded award wait shows as award_waiting; a pending extension is due by the date it would move', () => {
    const claimWindow = { opensAt: '2022-04-22T01:00:00.000Z', closesAt: '2022-05-05T16:00:00.000Z' };
    expect(awardKind({ lapsesActedOn: [], claimWindow })).toBe('claims_to_award');
    expect(awardKind({ lapsesActedOn: ['award:2022-05-10T16:00:00.000Z'], claimWindow })).toBe(
      'award_waiting',
    );
    // A reminder of an earlier round (before the window of a reopened item closed) no longer counts.
    expect(awardKind({ lapsesActedOn: ['award:2022-05-01T16:00:00.000Z'], claimWindow })).toBe(
      'claims_to_award',
    );
    const r = {
      extensionId: 'ext-1',
      itemId: 'i-1',
      itemTitle: 'T',
      unitId: 'meilin',
      target: 'deadline',
      from: '2022-12-31',
      to: '2023-03-31',
      status: 'pending',
      requestedAt: '2022-06-01T00:00:00.000Z',
    };
    expect(extensionCandidate('extension_to_decide', r)).toMatchObject({
      due: '2022-12-31',
      since: r.requestedAt,
      // The title is the item's; what moves is data, not text composed in one language.
      title: 'T',
      move: { target: 'deadline', from: '2022-12-31', to: '2023-03-31' },
    });
    const decided = extensionCandidate('extension_decided', {
      ...r,
      status: 'approved',
      decidedAt: '2022-06-02T00:00:00.000Z',
    });
    expect(decided).toMatchObject({ since: '2022-06-02T00:00:00.000Z', status: 'approved' });
    expect(decided.due).toBeUndefined();
  });
});
