import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '#domain/grading.ts';
import { orderNotice, rankingNotice, unitNameZh } from '#domain/notices.ts';

const order = {
  orderType: 'inquiry' as const,
  displayNumber: '福田询〔2022〕2号',
  itemTitle: '某项任务',
  trigger: 'missed_deadline' as const,
};

describe('public notices (通报)', () => {
  it('names the unit in Chinese, else by its name, never by its id while it exists', () => {
    expect(unitNameZh({ unitId: 'meilin', name: 'Meilin Subdistrict', nameZh: '梅林街道' }, 'meilin')).toBe(
      '梅林街道',
    );
    expect(unitNameZh({ unitId: 'housing', name: 'Housing Bureau' }, 'housing')).toBe('Housing Bureau');
    expect(unitNameZh(undefined, 'gone')).toBe('gone');
  });

  it('publishes a commendation in full with its number and outcome as facts', () => {
    const n = orderNotice(
      { ...order, orderType: 'commendation', trigger: undefined, displayNumber: '福田嘉〔2022〕1号' },
      'commendation:second',
      DEFAULT_RULES.effects['commendation:second'],
      '梅林街道',
    );
    expect(n).toEqual({
      kind: 'commendation',
      outcome: 'commendation:second',
      orderNumber: '福田嘉〔2022〕1号',
      title: '福田嘉〔2022〕1号：二等嘉许',
      body: '梅林街道牵头的“某项任务”达到预期成效，获二等嘉许。',
    });
  });

  it('publishes an inquiry in summary or in full as the rules say, and not at all under none', () => {
    expect(orderNotice(order, 'inquiry:rectified', { publicNotice: 'summary' }, '梅林街道')?.body).toBe(
      '梅林街道，“某项任务”：超过时限；问询已整改销号。',
    );
    expect(orderNotice(order, 'inquiry:escalated', { publicNotice: 'full' }, '梅林街道')?.body).toBe(
      '梅林街道牵头的“某项任务”因超过时限被发出问询令，结果：问询已问责。',
    );
    expect(orderNotice(order, 'inquiry:escalated', { publicNotice: 'none' }, '梅林街道')).toBeUndefined();
  });

  it('lists the ranking by peer group and name', () => {
    const r = rankingNotice(
      '2022-06',
      [
        { unitId: 'a', peerGroup: 'department', rank: 1, groupSize: 1, score: 0 },
        { unitId: 'b', peerGroup: 'enterprise', rank: 2, groupSize: 3, score: -2.5 },
      ],
      (id) => ({ a: '区住建局', b: '某公司' })[id] ?? id,
    );
    expect(r).toEqual({
      title: '2022-06 月度排名通报',
      body: '区直部门第1/1名：区住建局（+0）；企业第2/3名：某公司（-2.5）',
    });
  });
});
