/** The pure rules of the verbs of supervision (functions/domain/supervision.ts). */
import { describe, expect, it } from 'vitest';
import { DomainError } from '#domain/errors.ts';
import { DEFAULT_RULES } from '#domain/grading.ts';
import {
  checkNextVersion,
  checkUrge,
  closeReferral,
  PublishRulesInput,
  referralOf,
  SupportReportInput,
  supportingUnitOf,
  supportReportView,
  UrgeInput,
  urgingsVisibleTo,
} from '#domain/supervision.ts';

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return `${e.kind}:${e.code}`;
    throw e;
  }
  return undefined;
};

const item = {
  itemId: 'i1',
  status: 'in_progress' as const,
  leadUnitId: 'lead',
  supportingUnitIds: ['helper'],
};

describe('urging', () => {
  const input = { unitId: 'lead', note: '请加快进度。' };
  const order = {
    orderId: '2022-INQ-0001',
    orderType: 'inquiry' as const,
    status: 'issued' as const,
    itemId: 'i1',
    unitId: 'lead',
  };

  it('urges the lead or a supporting unit of an awarded or running item, once a day', () => {
    expect(codeOf(() => checkUrge(item, input, false))).toBeUndefined();
    expect(
      codeOf(() => checkUrge({ ...item, status: 'awarded' }, { ...input, unitId: 'helper' }, false)),
    ).toBeUndefined();
    expect(codeOf(() => checkUrge(item, { ...input, orderId: order.orderId }, false, order))).toBeUndefined();
    expect(codeOf(() => checkUrge(item, input, true))).toBe('rule:urge.already_today');
    expect(codeOf(() => checkUrge({ ...item, status: 'completed' }, input, false))).toBe(
      'rule:urge.item_not_active',
    );
    expect(codeOf(() => checkUrge(item, { ...input, unitId: 'stranger' }, false))).toBe(
      'rule:urge.unit_not_on_item',
    );
  });

  it('on an order only while it is the unit’s and pending', () => {
    const on = { ...input, orderId: order.orderId };
    for (const o of [
      { ...order, status: 'answered' as const },
      { ...order, unitId: 'helper' },
      { ...order, itemId: 'i2' },
      { ...order, orderType: 'commendation' as const },
      undefined,
    ])
      expect(codeOf(() => checkUrge(item, on, false, o))).toBe('rule:urge.order_not_pending');
  });

  it('bounds the note', () => {
    expect(UrgeInput.safeParse({ unitId: 'lead', note: 'x'.repeat(501) }).success).toBe(false);
    expect(UrgeInput.safeParse({ unitId: 'lead', note: '  ' }).success).toBe(false);
  });

  it('shows all urgings to HQ and the lead unit, its own to a supporting unit, none to another', () => {
    const urgings = [{ unitId: 'lead' }, { unitId: 'helper' }];
    const lead = { role: 'unit' as const, sub: 'u', unitId: 'lead' };
    const helper = { role: 'unit' as const, sub: 'h', unitId: 'helper' };
    expect(urgings.filter(urgingsVisibleTo({ role: 'office', sub: 'o' }, item))).toHaveLength(2);
    expect(urgings.filter(urgingsVisibleTo(lead, item))).toHaveLength(2);
    expect(urgings.filter(urgingsVisibleTo(helper, item))).toEqual([{ unitId: 'helper' }]);
    expect(codeOf(() => urgingsVisibleTo({ role: 'unit', sub: 'x', unitId: 'x' }, item))).toBe(
      'forbidden:auth.not_your_item',
    );
    expect(codeOf(() => urgingsVisibleTo(lead, { ...item, status: 'draft' }))).toBe(
      'not_found:item.not_found',
    );
  });
});

describe('supporting reports', () => {
  it('are filed by a supporting unit while the item is in progress', () => {
    expect(supportingUnitOf({ role: 'unit', sub: 'h', unitId: 'helper' }, item)).toBe('helper');
    expect(codeOf(() => supportingUnitOf({ role: 'unit', sub: 'l', unitId: 'lead' }, item))).toBe(
      'forbidden:auth.not_supporting_unit',
    );
    expect(
      codeOf(() =>
        supportingUnitOf({ role: 'unit', sub: 'h', unitId: 'helper' }, { ...item, status: 'awarded' }),
      ),
    ).toBe('rule:support.item_not_in_progress');
    expect(SupportReportInput.safeParse({ text: 'ok', percentOfPart: 100.5 }).success).toBe(false);
    expect(SupportReportInput.safeParse({ text: 'x'.repeat(2001) }).success).toBe(false);
  });

  it('hide who filed them from another unit', () => {
    const r = {
      reportId: 's',
      itemId: 'i1',
      unitId: 'helper',
      reportedAt: '2022-06-01T00:00:00Z',
      reportedBy: 'h',
      text: 't',
    };
    expect(supportReportView({ role: 'unit', sub: 'x', unitId: 'x' }, item, r)).not.toHaveProperty(
      'reportedBy',
    );
    expect(supportReportView({ role: 'unit', sub: 'l', unitId: 'lead' }, item, r)).toHaveProperty(
      'reportedBy',
    );
    expect(supportReportView({ role: 'unit', sub: 'h', unitId: 'helper' }, item, r)).toHaveProperty(
      'reportedBy',
    );
  });
});

describe('referral of an escalated inquiry', () => {
  const escalated = { orderId: '2022-INQ-0002', orderType: 'inquiry' as const, status: 'escalated' as const };
  const at = '2022-07-04T02:00:00.000Z';

  it('is recorded once, on an escalated inquiry, not in the future; closed once, in range', () => {
    const r = referralOf(escalated, { to: '区纪委监委' }, '2022-07-04', at, 'office-1');
    expect(r).toEqual({
      to: '区纪委监委',
      referredOn: '2022-07-04',
      note: '',
      recordedAt: at,
      by: 'office-1',
    });
    expect(codeOf(() => referralOf({ ...escalated, referral: r }, { to: 'x' }, '2022-07-04', at, 'o'))).toBe(
      'rule:referral.already_recorded',
    );
    expect(
      codeOf(() => referralOf({ ...escalated, status: 'rectified' }, { to: 'x' }, '2022-07-04', at, 'o')),
    ).toBe('rule:referral.not_escalated');
    expect(
      codeOf(() => referralOf(escalated, { to: 'x', referredOn: '2022-07-05' }, '2022-07-04', at, 'o')),
    ).toBe('rule:referral.in_future');
    const closed = closeReferral(
      { ...escalated, referral: r },
      { outcome: '诫勉谈话', closedOn: '2022-08-01' },
      '2022-08-02',
      at,
    );
    expect(closed).toMatchObject({ outcome: '诫勉谈话', closedOn: '2022-08-01' });
    expect(
      codeOf(() =>
        closeReferral(
          { ...escalated, referral: closed },
          { outcome: 'x', closedOn: '2022-08-01' },
          '2022-08-02',
          at,
        ),
      ),
    ).toBe('rule:referral.not_open');
    expect(
      codeOf(() => closeReferral(escalated, { outcome: 'x', closedOn: '2022-08-01' }, '2022-08-02', at)),
    ).toBe('rule:referral.not_open');
    expect(
      codeOf(() =>
        closeReferral(
          { ...escalated, referral: r },
          { outcome: 'x', closedOn: '2022-07-01' },
          '2022-08-02',
          at,
        ),
      ),
    ).toBe('rule:referral.closed_on_out_of_range');
  });
});

describe('a new version of the rules', () => {
  const next = {
    version: 2,
    title: 'v2',
    effects: DEFAULT_RULES.effects,
    thresholds: { seriousLagPoints: 10, bottomShare: 0.1, bottomPeriodsRunning: 2 },
  };

  it('is the whole rule set with thresholds, bounded', () => {
    expect(PublishRulesInput.safeParse(next).success).toBe(true);
    const { thresholds: _t, ...noThresholds } = next;
    expect(PublishRulesInput.safeParse(noThresholds).success).toBe(false);
    for (const thresholds of [
      { ...next.thresholds, seriousLagPoints: 0 },
      { ...next.thresholds, bottomShare: 0.9 },
      { ...next.thresholds, bottomPeriodsRunning: 1.5 },
    ])
      expect(PublishRulesInput.safeParse({ ...next, thresholds }).success).toBe(false);
    const effects = {
      ...next.effects,
      'inquiry:escalated': { ...next.effects['inquiry:escalated'], performanceScore: -1e6 },
    };
    expect(PublishRulesInput.safeParse({ ...next, effects }).success).toBe(false);
  });

  it('follows the version read: a stale read is refused', () => {
    expect(codeOf(() => checkNextVersion({ version: 1 }, next))).toBeUndefined();
    expect(codeOf(() => checkNextVersion({ version: 2 }, next))).toBe('rule:rules.version_not_next');
  });
});
