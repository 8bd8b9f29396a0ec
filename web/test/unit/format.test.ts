import { describe, expect, it } from 'vitest';
import {
  beijingDate,
  count,
  date,
  dateTime,
  money,
  percent,
  previousPeriod,
  share,
  toYi,
} from '../../src/lib/format.ts';

describe('money', () => {
  it('reads yuan in 亿元 and 万元 for Chinese readers', () => {
    expect(money(750_000_000_000, 'zh-CN')).toBe('7,500亿元');
    expect(money(42_000_000_000, 'zh-CN')).toBe('420亿元');
    expect(money(123_456_789, 'zh-CN')).toBe('1.23亿元');
    expect(money(56_780_000, 'zh-CN')).toBe('5,678万元');
    expect(money(12_345, 'zh-CN')).toBe('1.23万元');
    expect(money(9_999, 'zh-CN')).toBe('9,999元');
    expect(money(0, 'zh-CN')).toBe('0元');
  });

  it('reads yuan in billions and millions for English readers', () => {
    expect(money(750_000_000_000, 'en')).toBe('CNY 750 bn');
    expect(money(1_234_000_000, 'en')).toBe('CNY 1.23 bn');
    expect(money(56_780_000, 'en')).toBe('CNY 56.78 m');
    expect(money(999, 'en')).toBe('CNY 999');
  });

  it('gives 亿元 as a number for chart axes', () => {
    expect(toYi(350_000_000_000)).toBe(3500);
    expect(toYi(123_456_789)).toBe(1.23);
  });
});

describe('numbers', () => {
  it('groups counts and writes shares and percentages', () => {
    expect(count(1234, 'zh-CN')).toBe('1,234');
    expect(count(280, 'en')).toBe('280');
    expect(share(12 / 42, 'zh-CN')).toBe('28.57%');
    expect(share(0.2842, 'en')).toBe('28.42%');
    expect(percent(42.55, 'zh-CN')).toBe('42.6%');
    expect(percent(100, 'en')).toBe('100%');
  });
});

describe('dates in Beijing time', () => {
  it('writes a calendar date as it is, in either language', () => {
    expect(date('2022-06-30', 'zh-CN')).toBe('2022年6月30日');
    expect(date('2022-06-30', 'en')).toBe('Jun 30, 2022');
    expect(date('not a date', 'en')).toBe('not a date');
  });

  it('shows an instant in Beijing time whatever the reader’s zone', () => {
    // 16:30 UTC is 00:30 the next day in Beijing.
    expect(dateTime('2022-06-30T16:30:00Z', 'zh-CN')).toBe('2022年7月1日 00:30');
    expect(dateTime('2022-06-30T16:30:00Z', 'en')).toBe('Jul 1, 2022, 00:30');
    expect(beijingDate('2022-06-30T16:30:00Z')).toBe('2022-07-01');
    expect(beijingDate('2022-06-30T15:59:59Z')).toBe('2022-06-30');
  });

  it('names the period before a date’s month', () => {
    expect(previousPeriod('2022-07-01')).toBe('2022-06');
    expect(previousPeriod('2023-01-15')).toBe('2022-12');
  });
});
