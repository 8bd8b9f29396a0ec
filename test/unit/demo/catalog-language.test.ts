/**
 * The demo speaks the district's language: every text the demo writes into the list (item
 * titles, milestones, targets, people, proposals) is Chinese, the article's projects and
 * reforms carry their Chinese names, and what is invented says so in Chinese.
 */
import { describe, expect, it } from 'vitest';
import {
  CLASS_B_TASKS,
  classATaskInputs,
  DEPARTMENTS,
  OTHER_PROPOSALS,
  PEOPLE,
  projectInputs,
  proposalDraft,
  reformInputs,
} from '../../../infra/local/demo/catalog.ts';

const han = /\p{Script=Han}/u;
/** A Latin word of three letters or more: English left in a Chinese text ("B期", "-1" are fine). */
const english = /[A-Za-z]{3,}/;

const items = [...projectInputs(), ...reformInputs(), ...classATaskInputs()];
const drafts = [...CLASS_B_TASKS, OTHER_PROPOSALS.rejected, OTHER_PROPOSALS.pending].map(proposalDraft);

describe('the demo catalog', () => {
  it('titles every item, milestone and target in Chinese', () => {
    const texts = [...items, ...drafts].flatMap((i) => [
      i.title,
      i.description ?? '',
      ...(i.milestones ?? []).map((m) => m.title),
      ...(i.targets ?? []).flatMap((t) => [t.indicator, t.unit]),
    ]);
    expect(texts.length).toBeGreaterThan(400);
    expect(texts.filter((t) => t !== '%' && !han.test(t))).toEqual([]);
    expect(texts.filter((t) => english.test(t))).toEqual([]);
    expect(OTHER_PROPOSALS.rejected.reason).toMatch(han);
  });

  it('names the article’s projects and reforms by their Chinese names', () => {
    const titles = Object.fromEntries(items.map((i) => [i.itemId, i.title]));
    const chinese: Record<string, string> = {
      '2022-P-001': '深圳金融科技研究院',
      '2022-P-002': '河湾北片区（南华村）改造',
      '2022-P-003': '福田中学改扩建',
      '2022-P-161': '河套深港科技创新合作区东翼-1项目',
      '2022-P-162': '侨城东路北延通道',
      '2022-P-163': '三星工业区城市更新B期',
      '2022-P-241': '香蜜湖中心区城市更新',
      '2022-P-242': '华富街道（片区）综合整治及危旧片区改造',
      '2022-P-243': '车公庙片区持续改造升级',
      '2022-P-244': '西部生态廊道',
      '2022-R-02': '构建福田区“一单三令”高效落实机制',
      '2022-R-07': '实施福田区“民意速办”改革',
    };
    for (const [id, title] of Object.entries(chinese)) expect(titles[id], id).toBe(title);
  });

  it('gives its people Chinese names and marks them, and every generated item, as invented', () => {
    expect(PEOPLE.every((p) => /^\p{Script=Han}{2,3}$/u.test(p.name))).toBe(true);
    expect(PEOPLE.every((p) => p.title.endsWith('（虚构）'))).toBe(true);
    const generated = items.filter((i) => !/^2022-P-(00[1-3]|16[1-3]|24[1-4])$|^2022-R-/.test(i.itemId));
    expect(generated.every((i) => i.description?.includes('演示虚构'))).toBe(true);
    expect(DEPARTMENTS.every((u) => u.invented && han.test(u.nameZh))).toBe(true);
  });

  it('is the same on every load', () => {
    expect(projectInputs()).toEqual(projectInputs());
    expect(projectInputs().find((p) => p.itemId === '2022-P-004')?.title).toMatch(
      /^\p{Script=Han}+项目 4号$/u,
    );
  });
});
