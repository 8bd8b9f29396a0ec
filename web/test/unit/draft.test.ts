import { describe, expect, it } from 'vitest';
import {
  createBody,
  emptyDraft,
  errorKeyOf,
  fieldErrors,
  filterDrafts,
  formFields,
  fromYuan,
  hints,
  labelKeyOf,
  patchBody,
  toYuan,
  unitFor,
  valuesOf,
} from '../../src/lib/draft.ts';

describe('money typed in 万元 and 亿元', () => {
  it('becomes whole yuan exactly, without floating-point drift', () => {
    expect(toYuan('12', 'yi')).toEqual({ ok: true, yuan: 1_200_000_000 });
    expect(toYuan('0.07', 'yi')).toEqual({ ok: true, yuan: 7_000_000 });
    // 0.1 + 0.2 in floating point is 0.30000000000000004: shifted digits are exact.
    expect(toYuan('0.3', 'yi')).toEqual({ ok: true, yuan: 30_000_000 });
    expect(toYuan('1.2345', 'wan')).toEqual({ ok: true, yuan: 12_345 });
    expect(toYuan('7,500', 'yi')).toEqual({ ok: true, yuan: 750_000_000_000 });
    expect(toYuan(' 3000 ', 'wan')).toEqual({ ok: true, yuan: 30_000_000 });
    expect(toYuan('0', 'wan')).toEqual({ ok: true, yuan: 0 });
  });

  it('refuses what is not a decimal amount, and digits finer than a yuan', () => {
    for (const bad of ['', ' ', '-1', '1e3', '1.2.3', '十', '0x10']) {
      expect(toYuan(bad, 'wan'), bad).toEqual({ ok: false, code: 'money.format' });
    }
    expect(toYuan('1.23456', 'wan')).toEqual({ ok: false, code: 'money.precision' });
    expect(toYuan('1.123456789', 'yi')).toEqual({ ok: false, code: 'money.precision' });
    // Trailing zeros are not precision.
    expect(toYuan('1.23450000', 'wan')).toEqual({ ok: true, yuan: 12_345 });
  });

  it('reads back in the unit a Chinese reader expects', () => {
    expect(fromYuan(1_250_000_000, 'yi')).toBe('12.5');
    expect(fromYuan(12_345, 'wan')).toBe('1.2345');
    expect(fromYuan(30_000_000, 'wan')).toBe('3000');
    expect(fromYuan(5, 'yi')).toBe('0.00000005');
    expect(unitFor(100_000_000)).toBe('yi');
    expect(unitFor(99_999_999)).toBe('wan');
    for (const yuan of [0, 1, 12_345, 1_250_000_000, 750_000_000_000]) {
      for (const unit of ['wan', 'yi'] as const)
        expect(toYuan(fromYuan(yuan, unit), unit)).toEqual({ ok: true, yuan });
    }
  });
});

const project = {
  ...emptyDraft(2022),
  kind: 'project' as const,
  title: '福田中学改扩建',
  stage: 'preliminary' as const,
  total: '12',
  totalUnit: 'yi' as const,
  annual: '3000',
  annualUnit: 'wan' as const,
};

describe('the form’s bodies', () => {
  it('creates a project with its stage and investment in yuan', () => {
    const body = createBody(project, 2022) as unknown as Record<string, unknown>;
    expect(body).toMatchObject({
      year: 2022,
      kind: 'project',
      itemClass: 'A',
      title: '福田中学改扩建',
      deadline: '2022-12-31',
      project: { stage: 'preliminary', totalInvestment: 1_200_000_000, annualInvestmentTarget: 30_000_000 },
      milestones: [],
      targets: [],
    });
    expect(body).not.toHaveProperty('leadUnitId');
  });

  it('gives a task no project facts, and sends what is not a number as typed for the API to judge', () => {
    const body = createBody(
      {
        ...project,
        kind: 'task',
        milestones: [{ id: 'm1', title: '开工', dueDate: '2022-06-30', weight: 'abc' }],
      },
      2022,
    ) as unknown as Record<string, unknown>;
    expect(body).not.toHaveProperty('project');
    expect(body.milestones).toEqual([{ id: 'm1', title: '开工', dueDate: '2022-06-30', weight: 'abc' }]);
    const bad = createBody({ ...project, total: '十亿' }, 2022) as unknown as {
      project: { totalInvestment: unknown };
    };
    expect(bad.project.totalInvestment).toBe('十亿');
  });

  it('edits only what changed', () => {
    const before = valuesOf({
      itemId: '2022-P-1',
      year: 2022,
      kind: 'project',
      itemClass: 'A',
      category: 'siege',
      title: 'Futian Middle School',
      description: '',
      deadline: '2022-12-31',
      project: { stage: 'construction', totalInvestment: 1_200_000_000, annualInvestmentTarget: 300_000_000 },
      milestones: [{ id: 'm1', title: 'Topping out', dueDate: '2022-10-01', weight: 100 }],
      targets: [],
    } as never);
    expect(before.total).toBe('12');
    expect(before.totalUnit).toBe('yi');
    expect(before.milestones[0]?.weight).toBe('100');
    expect(patchBody(before, before)).toBeUndefined();
    expect(patchBody(before, { ...before, annual: '4', title: 'Futian Middle School (phase 1)' })).toEqual({
      title: 'Futian Middle School (phase 1)',
      project: { stage: 'construction', totalInvestment: 1_200_000_000, annualInvestmentTarget: 400_000_000 },
    });
  });
});

describe('hints (never blocking)', () => {
  it('notices an annual target above the total, weights not adding up and a milestone after the deadline', () => {
    const h = hints({
      ...project,
      annual: '13',
      annualUnit: 'yi',
      milestones: [
        { id: 'm1', title: 'a', dueDate: '2023-01-10', weight: '60' },
        { id: 'm2', title: 'b', dueDate: '2022-06-01', weight: '30' },
      ],
    });
    expect(Object.fromEntries(h)).toEqual({
      'project.annualInvestmentTarget': 'annualAboveTotal',
      milestones: 'weights',
      'milestones.0.dueDate': 'afterDeadline',
    });
    expect(hints(project).size).toBe(0);
    expect(hints({ ...project, total: '1.5.0' }).get('project.totalInvestment')).toBe('moneyFormat');
  });
});

describe('the API’s refusals by field', () => {
  const fields = formFields({ ...project, milestones: [{ id: 'm1', title: '', dueDate: '', weight: '' }] });

  it('puts each detail beside the field it names, or the nearest one the form has', () => {
    const m = fieldErrors(
      {
        code: 'validation.failed',
        message: 'The request is not valid',
        details: [
          {
            path: 'project.annualInvestmentTarget',
            message: 'the annual investment target is above the total investment',
          },
          { path: 'milestones.0.weight', message: 'Too small: expected number to be >=1' },
          { path: 'milestones.7.title', message: 'must not be blank' },
          { path: 'colour', message: 'unknown field' },
        ],
      },
      fields,
    );
    expect(m.get('project.annualInvestmentTarget')).toEqual([
      { code: 'validation.failed', message: 'the annual investment target is above the total investment' },
    ]);
    expect(m.get('milestones.0.weight')?.[0]?.code).toBe('validation.failed');
    expect(m.get('milestones')?.[0]?.message).toBe('milestones.7.title: must not be blank');
    expect(m.get('(form)')?.[0]?.message).toBe('colour: unknown field');
  });

  it('keeps a refusal that names no field, with its code', () => {
    const m = fieldErrors(
      { code: 'item.edit.not_allowed_when_published', message: 'edit is not allowed', details: [] },
      fields,
    );
    expect([...m.keys()]).toEqual(['(form)']);
    expect(errorKeyOf('item.edit.not_allowed_when_published')).toBe('notDraft');
  });

  it('names the field and the code in a message key both locales have', async () => {
    const { zhCN } = await import('../../src/i18n/zh-CN.ts');
    for (const path of [...fields, '(form)'])
      expect(zhCN.drafts.label, path).toHaveProperty(labelKeyOf(path));
    for (const code of [
      'validation.failed',
      'item.edit.inconsistent',
      'unit.not_found',
      'item.not_found',
      'x.y',
    ])
      expect(zhCN.drafts.err).toHaveProperty(errorKeyOf(code));
    expect(labelKeyOf('project.annualInvestmentTarget')).toBe('annualInvestmentTarget');
    expect(labelKeyOf('milestones.3.dueDate')).toBe('milestoneDue');
    expect(labelKeyOf('targets.0.unit')).toBe('targetUnit');
  });
});

describe('the drafts list', () => {
  const drafts = [
    { title: '福田中学改扩建', kind: 'project' },
    { title: 'Hewan North District', kind: 'project' },
    { title: '老旧小区改造', kind: 'task' },
  ];
  it('searches titles (width and case folded) and filters by kind', () => {
    expect(filterDrafts(drafts, '', '')).toHaveLength(3);
    expect(filterDrafts(drafts, '中学', '').map((d) => d.title)).toEqual(['福田中学改扩建']);
    expect(filterDrafts(drafts, 'ＨＥＷＡＮ', '').map((d) => d.title)).toEqual(['Hewan North District']);
    expect(filterDrafts(drafts, '', 'task').map((d) => d.title)).toEqual(['老旧小区改造']);
    expect(filterDrafts(drafts, '改', 'project').map((d) => d.title)).toEqual(['福田中学改扩建']);
  });
});
