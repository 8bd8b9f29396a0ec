/**
 * Plausible progress: the report's shape (functions/domain/commands.ts ProgressInput: each
 * milestone at most once, https evidence only, a correction carries a reason) and the rule
 * against the item's state (functions/domain/lifecycle.ts progressPlausible: done dates
 * between the award and today, investment within the project's total, no lower figure than
 * the last report unless it is a correction).
 */
import { describe, expect, it } from 'vitest';
import { ProgressInput } from '#domain/commands.ts';
import { progressPlausible } from '#domain/lifecycle.ts';
import type { Item } from '#domain/model.ts';

const paths = (input: unknown) => {
  const r = ProgressInput.safeParse(input);
  return r.success ? [] : [...new Set(r.error.issues.map((i) => i.path.join('.')))];
};
const base = { percentComplete: 40, narrative: 'On schedule.' };

describe('ProgressInput', () => {
  it('a milestone appears at most once in a report (not done and not done at once)', () => {
    expect(
      paths({
        ...base,
        milestones: [
          { milestoneId: 'm1', done: true },
          { milestoneId: 'm1', done: false },
        ],
      }),
    ).toEqual(['milestones.1.milestoneId']);
    expect(paths({ ...base, milestones: [{ milestoneId: 'm1', done: true }] })).toEqual([]);
  });

  it('a not-done milestone has no done date', () => {
    expect(
      paths({ ...base, milestones: [{ milestoneId: 'm1', done: false, doneOn: '2022-06-01' }] }),
    ).toEqual(['milestones.0.doneOn']);
  });

  it('evidence links are https only', () => {
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'file:///etc/passwd',
      'http://evidence.example.org/photo.jpg',
      'ftp://evidence.example.org/photo.jpg',
      'https://',
    ]) {
      expect(paths({ ...base, evidence: [bad] }), bad).toEqual(['evidence.0']);
    }
    expect(paths({ ...base, evidence: ['https://evidence.example.org/site/photo-1.jpg'] })).toEqual([]);
  });

  it('a correction carries a reason', () => {
    expect(paths({ ...base, correction: { reason: 'The May figure counted a second site twice.' } })).toEqual(
      [],
    );
    expect(paths({ ...base, correction: { reason: '' } })).toEqual(['correction.reason']);
    expect(paths({ ...base, correction: {} })).toEqual(['correction.reason']);
  });
});

const ITEM: Pick<
  Item,
  'itemId' | 'kind' | 'project' | 'milestones' | 'percentComplete' | 'investmentCompleted'
> = {
  itemId: '2022-P-1',
  kind: 'project',
  project: { stage: 'construction', totalInvestment: 1_000_000_000, annualInvestmentTarget: 200_000_000 },
  milestones: [
    { id: 'm1', title: 'Design approved', dueDate: '2022-06-30', weight: 40 },
    { id: 'm2', title: 'Works finished', dueDate: '2022-11-30', weight: 60 },
  ],
  percentComplete: 60,
  investmentCompleted: 300_000_000,
};
const AWARD = '2022-05-06';
const TODAY = '2022-07-01';
const check = (report: Parameters<typeof progressPlausible>[1], item = ITEM) =>
  progressPlausible(item, report, { awardDate: AWARD, today: TODAY });
const codeOf = (r: ReturnType<typeof check>) => (r.ok ? 'ok' : r.error.code);
const pathOf = (r: ReturnType<typeof check>) => (r.ok ? undefined : r.error.details[0]?.path);

describe('progressPlausible', () => {
  it('accepts a plausible report', () => {
    expect(
      check({
        percentComplete: 65,
        investmentCompleted: 350_000_000,
        milestones: [{ milestoneId: 'm1', done: true, doneOn: '2022-06-28' }],
      }).ok,
    ).toBe(true);
    // The award day and today are both possible done dates.
    expect(
      check({ percentComplete: 60, milestones: [{ milestoneId: 'm1', done: true, doneOn: AWARD }] }).ok,
    ).toBe(true);
    expect(
      check({ percentComplete: 60, milestones: [{ milestoneId: 'm1', done: true, doneOn: TODAY }] }).ok,
    ).toBe(true);
  });

  it('refuses a done date in the future (2099-01-01) or before the award (1900)', () => {
    const future = check({
      percentComplete: 60,
      milestones: [{ milestoneId: 'm1', done: true, doneOn: '2099-01-01' }],
    });
    expect(codeOf(future)).toBe('progress.done_in_future');
    expect(pathOf(future)).toBe('milestones.0.doneOn');
    expect(
      codeOf(
        check({ percentComplete: 60, milestones: [{ milestoneId: 'm2', done: true, doneOn: '2022-07-02' }] }),
      ),
    ).toBe('progress.done_in_future');
    const early = check({
      percentComplete: 60,
      milestones: [{ milestoneId: 'm2', done: true, doneOn: '1900-01-01' }],
    });
    expect(codeOf(early)).toBe('progress.done_before_award');
    expect(
      codeOf(
        check({ percentComplete: 60, milestones: [{ milestoneId: 'm1', done: true, doneOn: '2022-05-05' }] }),
      ),
    ).toBe('progress.done_before_award');
  });

  it('refuses an unknown milestone', () => {
    const r = check({ percentComplete: 60, milestones: [{ milestoneId: 'm9', done: true }] });
    expect(codeOf(r)).toBe('progress.unknown_milestone');
    expect(pathOf(r)).toBe('milestones.0.milestoneId');
  });

  it('refuses investment completed above the project’s total, or on a non-project', () => {
    const r = check({ percentComplete: 60, investmentCompleted: 1_000_000_001 });
    expect(codeOf(r)).toBe('progress.investment_above_total');
    expect(pathOf(r)).toBe('investmentCompleted');
    expect(check({ percentComplete: 60, investmentCompleted: 1_000_000_000 }).ok).toBe(true);
    expect(
      codeOf(
        check({ percentComplete: 60, investmentCompleted: 5 }, { ...ITEM, kind: 'task', project: undefined }),
      ),
    ).toBe('progress.investment_not_a_project');
  });

  it('a lower percentage (or investment) than the last report only as a correction', () => {
    // 100 % then 20 %.
    const r = check({ percentComplete: 20 }, { ...ITEM, percentComplete: 100 });
    expect(codeOf(r)).toBe('progress.lower_than_last_report');
    expect(pathOf(r)).toBe('percentComplete');
    expect(
      check(
        { percentComplete: 20, correction: { reason: 'Counted twice.' } },
        { ...ITEM, percentComplete: 100 },
      ).ok,
    ).toBe(true);
    const inv = check({ percentComplete: 60, investmentCompleted: 100 });
    expect(codeOf(inv)).toBe('progress.lower_than_last_report');
    expect(pathOf(inv)).toBe('investmentCompleted');
  });

  it('a correction corrects something: it is refused when nothing is lower', () => {
    const r = check({ percentComplete: 70, correction: { reason: 'Nothing to correct.' } });
    expect(codeOf(r)).toBe('progress.not_a_correction');
    expect(pathOf(r)).toBe('correction');
  });
});
