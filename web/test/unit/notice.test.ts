import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { zhCN } from '../../src/i18n/zh-CN.ts';
import { noticeText } from '../../src/lib/notice.ts';

/** A tiny stand-in for i18next's t over one locale's messages. */
const tOf =
  (messages: object) =>
  (key: string, vars: Record<string, string | number> = {}) => {
    const text = key
      .split('.')
      .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], messages) as string;
    return text.replace(/\{\{(\w+)\}\}/g, (_, v: string) => String(vars[v] ?? ''));
  };

const names: Record<string, string> = { xiangmihu: '香蜜湖街道' };
const unitName = (id: string) => names[id] ?? id;
const itemTitle = (id: string) => (id === 'T-1' ? '某项任务' : undefined);

describe('public notices', () => {
  it('writes a commendation in Chinese with the unit’s name, not its id', () => {
    const n = noticeText(
      {
        kind: 'commendation',
        outcome: 'commendation:first',
        orderNumber: '福田嘉〔2022〕1号',
        title: '福田嘉〔2022〕1号：一等嘉许',
        unitId: 'xiangmihu',
        itemId: 'T-1',
      },
      tOf(zhCN),
      unitName,
      itemTitle,
    );
    expect(n.headline).toBe('福田嘉〔2022〕1号 · 一等嘉许');
    expect(n.text).toBe('香蜜湖街道牵头的“某项任务”达到预期成效，获一等嘉许。');
    expect(n.text).not.toContain('xiangmihu');
  });

  it('writes an inquiry in English and a ranking notice in either', () => {
    const n = noticeText(
      {
        kind: 'inquiry',
        outcome: 'inquiry:escalated',
        orderNumber: '福田询〔2022〕2号',
        title: '福田询〔2022〕2号：问询已问责',
        unitId: 'xiangmihu',
        itemId: 'T-1',
      },
      tOf(en),
      () => 'Xiangmihu Subdistrict',
      itemTitle,
    );
    expect(n.text).toBe('Xiangmihu Subdistrict received an inquiry order on “某项任务”: escalated.');
    const r = noticeText(
      { kind: 'ranking', title: '2022-06 月度排名通报', period: '2022-06' },
      tOf(zhCN),
      unitName,
      itemTitle,
    );
    expect(r.headline).toBe('2022-06 月度排名通报');
  });

  it('shows a notice without a graded outcome by its published title', () => {
    const n = noticeText({ kind: 'inquiry', title: '福田询〔2022〕3号' }, tOf(zhCN), unitName, itemTitle);
    expect(n.headline).toBe('福田询〔2022〕3号');
  });
});
