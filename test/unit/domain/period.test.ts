/**
 * Only ended periods are evaluated (Beijing months, on the application clock), and lapse
 * keys carry the due date (functions/domain/evaluation.ts, functions/domain/lifecycle.ts).
 */
import { describe, expect, it } from 'vitest';
import { RuleViolation } from '#domain/errors.ts';
import { periodEnded } from '#domain/evaluation.ts';
import { deadlineLapseKey, milestoneLapseKey } from '#domain/lifecycle.ts';

describe('periodEnded', () => {
  it('refuses the current month, in Beijing time', () => {
    // 1 July 2022 09:00 Beijing: July has begun; the article's "2022-07 on 1 July" case.
    const r = periodEnded('2022-07', new Date('2022-07-01T01:00:00Z'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(RuleViolation);
      expect(r.error.code).toBe('evaluation.period_not_ended');
      expect(r.error.message).toContain('2022-07-31');
      expect(r.error.details).toEqual([{ path: 'period', message: expect.stringContaining('2022-08-01') }]);
    }
  });

  it('refuses a future month (the 2022-12 evaluation asked in July)', () => {
    const r = periodEnded('2022-12', new Date('2022-07-15T04:00:00Z'));
    expect(r.ok ? 'accepted' : r.error.code).toBe('evaluation.period_not_ended');
    expect(periodEnded('2031-01', new Date('2022-07-15T04:00:00Z')).ok).toBe(false);
  });

  it('accepts a month once its last Beijing day is over, not before', () => {
    // 30 June 23:59:59.999 Beijing is 15:59:59.999Z: June is not over yet.
    expect(periodEnded('2022-06', new Date('2022-06-30T15:59:59.999Z')).ok).toBe(false);
    // 1 July 00:00 Beijing (30 June 16:00Z): June has ended, although it is still June in UTC.
    expect(periodEnded('2022-06', new Date('2022-06-30T16:00:00Z')).ok).toBe(true);
    expect(periodEnded('2022-06', new Date('2022-07-01T02:00:00+08:00')).ok).toBe(true);
    expect(periodEnded('2021-12', new Date('2022-01-01T00:00:00+08:00')).ok).toBe(true);
  });

  it('a malformed period is a RangeError, as periodEnd says', () => {
    expect(() => periodEnded('2022-13', new Date())).toThrow(RangeError);
  });
});

describe('lapse keys', () => {
  it('include the due date: a moved milestone or deadline is a new lapse', () => {
    expect(milestoneLapseKey({ id: 'm1', dueDate: '2022-06-30' })).toBe('milestone:m1:2022-06-30');
    expect(milestoneLapseKey({ id: 'm1', dueDate: '2022-09-30' })).not.toBe(
      milestoneLapseKey({ id: 'm1', dueDate: '2022-06-30' }),
    );
    expect(deadlineLapseKey('2022-12-31')).toBe('deadline:2022-12-31');
    expect(deadlineLapseKey('2023-06-30')).not.toBe(deadlineLapseKey('2022-12-31'));
  });
});
