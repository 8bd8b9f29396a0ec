/**
 * Command input schemas (functions/domain/commands.ts): strict objects (no caller sets a
 * status, a score or an order number), item shape rules, and the per-command fields.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  AssignInput,
  ClaimInput,
  CompletionInput,
  CreateItemInput,
  CreatePersonInput,
  CreateUnitInput,
  DecideProposalInput,
  DeclareProposalInput,
  InquiryAnswerInput,
  InquiryDecisionInput,
  NAMED_HOST,
  PatchItemInput,
  ProgressInput,
  PublishBatchInput,
  ReopenInput,
  VerificationInput,
  ViolationInput,
} from '#domain/commands.ts';

interface Issue {
  path: string;
  code: string;
  message: string;
  keys?: string[];
}

function issues(schema: z.ZodMiniType, input: unknown): Issue[] {
  const res = schema.safeParse(input);
  if (res.success) return [];
  return res.error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    code: i.code,
    message: i.message,
    ...('keys' in i ? { keys: i.keys as string[] } : {}),
  }));
}

const TASK = {
  year: 2022,
  kind: 'task',
  itemClass: 'A',
  category: 'siege',
  title: 'Reconstruction of Hewan North District (Nanhua Village)',
  deadline: '2022-12-31',
};

const MILESTONES = [
  { id: 'm1', title: 'Design approved', dueDate: '2022-06-30', weight: 30 },
  { id: 'm2', title: 'Construction', dueDate: '2022-10-31', weight: 50 },
  { id: 'm3', title: 'Acceptance', dueDate: '2022-12-31', weight: 20 },
];

const PROJECT = {
  stage: 'construction',
  totalInvestment: 2_000_000_000,
  annualInvestmentTarget: 500_000_000,
};

describe('CreateItemInput', () => {
  it('accepts a minimal task and a full project', () => {
    expect(issues(CreateItemInput, TASK)).toEqual([]);
    expect(
      issues(CreateItemInput, {
        ...TASK,
        kind: 'project',
        project: PROJECT,
        milestones: MILESTONES,
        targets: [{ indicator: 'floor area', targetValue: 12000, unit: 'm²' }],
        supportingUnitIds: ['futian-housing'],
        leadUnitId: 'meilin',
      }),
    ).toEqual([]);
  });

  it.each([
    ['status', 'completed'],
    ['version', 3],
    ['responsibilityOrderId', '2022-RES-0001'],
    ['percentComplete', 100],
    ['score', 10],
  ])('rejects the unknown field %s', (field, value) => {
    const found = issues(CreateItemInput, { ...TASK, [field]: value });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'unrecognized_keys', keys: [field] });
  });

  it('needs milestone weights that add up to 100', () => {
    const bad = MILESTONES.map((m, i) => (i === 0 ? { ...m, weight: 20 } : m));
    expect(issues(CreateItemInput, { ...TASK, milestones: bad })).toEqual([
      { path: 'milestones', code: 'custom', message: 'milestone weights add up to 90, not 100' },
    ]);
    const over = MILESTONES.map((m, i) => (i === 0 ? { ...m, weight: 31 } : m));
    expect(issues(CreateItemInput, { ...TASK, milestones: over })[0]?.message).toBe(
      'milestone weights add up to 101, not 100',
    );
    expect(issues(CreateItemInput, { ...TASK, milestones: [{ ...MILESTONES[0]!, weight: 100 }] })).toEqual(
      [],
    );
    // No milestones at all is fine.
    expect(issues(CreateItemInput, { ...TASK, milestones: [] })).toEqual([]);
  });

  it('rejects weights outside 1..100 and fractional weights', () => {
    for (const weight of [0, 101, 33.3]) {
      const ms = [{ ...MILESTONES[0]!, weight }];
      expect(
        issues(CreateItemInput, { ...TASK, milestones: ms }).some((i) => i.path === 'milestones.0.weight'),
      ).toBe(true);
    }
  });

  it('rejects duplicate milestone ids and milestones due after the deadline', () => {
    const dup = [
      { ...MILESTONES[0]!, weight: 50 },
      { ...MILESTONES[1]!, id: 'm1', weight: 50 },
    ];
    expect(issues(CreateItemInput, { ...TASK, milestones: dup })).toEqual([
      { path: 'milestones.1.id', code: 'custom', message: 'duplicate milestone id' },
    ]);
    const late = [{ ...MILESTONES[0]!, weight: 100, dueDate: '2023-01-01' }];
    expect(issues(CreateItemInput, { ...TASK, milestones: late })).toEqual([
      { path: 'milestones.0.dueDate', code: 'custom', message: 'milestone due after the deadline' },
    ]);
  });

  it('a project needs its project facts; anything else must not have them', () => {
    expect(issues(CreateItemInput, { ...TASK, kind: 'project' })).toEqual([
      { path: 'project', code: 'custom', message: 'a project needs its stage and investment figures' },
    ]);
    for (const kind of ['task', 'reform']) {
      expect(issues(CreateItemInput, { ...TASK, kind, project: PROJECT })).toEqual([
        { path: 'project', code: 'custom', message: 'only a project has stage and investment figures' },
      ]);
    }
  });

  it('checks the project facts: stage, integer yuan, not negative, no extra fields', () => {
    const bad = [
      { ...PROJECT, stage: 'dreaming' },
      { ...PROJECT, totalInvestment: -1 },
      { ...PROJECT, totalInvestment: 1.5 },
      { ...PROJECT, completed: 3 },
    ];
    for (const project of bad) {
      expect(issues(CreateItemInput, { ...TASK, kind: 'project', project }).length).toBeGreaterThan(0);
    }
  });

  it('validates enums, year, ids, dates and trimmed text', () => {
    expect(issues(CreateItemInput, { ...TASK, kind: 'wish' })[0]?.path).toBe('kind');
    expect(issues(CreateItemInput, { ...TASK, itemClass: 'C' })[0]?.path).toBe('itemClass');
    expect(issues(CreateItemInput, { ...TASK, category: 'other' })[0]?.path).toBe('category');
    expect(issues(CreateItemInput, { ...TASK, year: 1999 })[0]?.path).toBe('year');
    expect(issues(CreateItemInput, { ...TASK, year: 2022.5 })[0]?.path).toBe('year');
    expect(issues(CreateItemInput, { ...TASK, deadline: '2022-13-01' })[0]?.path).toBe('deadline');
    expect(issues(CreateItemInput, { ...TASK, title: '   ' })[0]?.path).toBe('title');
    expect(issues(CreateItemInput, { ...TASK, title: 'x'.repeat(201) })[0]?.path).toBe('title');
    expect(issues(CreateItemInput, { ...TASK, leadUnitId: 'bad id' })[0]?.path).toBe('leadUnitId');
    expect(issues(CreateItemInput, { ...TASK, leadUnitId: '-leading-dash' })[0]?.path).toBe('leadUnitId');
    expect(issues(CreateItemInput, { ...TASK, leadUnitId: 'x'.repeat(65) })[0]?.path).toBe('leadUnitId');
    const { title: _t, ...noTitle } = TASK;
    expect(issues(CreateItemInput, noTitle)[0]?.path).toBe('title');
  });

  it('trims text fields', () => {
    const res = CreateItemInput.parse({ ...TASK, title: '  Futian Middle School  ' });
    expect(res.title).toBe('Futian Middle School');
  });
});

describe('PatchItemInput', () => {
  it('accepts one editable field and rejects an empty patch', () => {
    expect(issues(PatchItemInput, { title: 'New title' })).toEqual([]);
    expect(issues(PatchItemInput, {})).toEqual([{ path: '', code: 'custom', message: 'nothing to change' }]);
  });

  it.each(['status', 'year', 'kind', 'itemClass', 'leadUnitId', 'managerId', 'version'])(
    'rejects the lifecycle or identity field %s',
    (field) => {
      expect(issues(PatchItemInput, { title: 'x', [field]: 'x' })).toEqual([
        expect.objectContaining({ code: 'unrecognized_keys', keys: [field] }),
      ]);
    },
  );
});

describe('DeclareProposalInput', () => {
  it('takes the item fields but not the class or the lead unit (the declaring unit leads)', () => {
    const { itemClass: _c, ...fields } = TASK;
    expect(issues(DeclareProposalInput, fields)).toEqual([]);
    expect(issues(DeclareProposalInput, TASK)[0]).toMatchObject({
      code: 'unrecognized_keys',
      keys: ['itemClass'],
    });
    expect(issues(DeclareProposalInput, { ...fields, leadUnitId: 'meilin' })[0]).toMatchObject({
      code: 'unrecognized_keys',
    });
  });

  it('applies the same shape rules as items', () => {
    const { itemClass: _c, ...fields } = TASK;
    expect(issues(DeclareProposalInput, { ...fields, kind: 'project' })[0]?.path).toBe('project');
    expect(
      issues(DeclareProposalInput, { ...fields, milestones: [{ ...MILESTONES[0]!, weight: 99 }] })[0]?.path,
    ).toBe('milestones');
  });
});

describe('DecideProposalInput', () => {
  it('accept takes an optional category; reject needs a reason', () => {
    expect(issues(DecideProposalInput, { decision: 'accept' })).toEqual([]);
    expect(issues(DecideProposalInput, { decision: 'accept', category: 'strategic' })).toEqual([]);
    expect(issues(DecideProposalInput, { decision: 'reject', reason: 'duplicate of 2022-T-3' })).toEqual([]);
    expect(issues(DecideProposalInput, { decision: 'reject' })[0]?.path).toBe('reason');
    expect(issues(DecideProposalInput, { decision: 'reject', reason: '  ' })[0]?.path).toBe('reason');
    expect(issues(DecideProposalInput, { decision: 'accept', reason: 'x' })[0]?.code).toBe(
      'unrecognized_keys',
    );
    expect(issues(DecideProposalInput, { decision: 'maybe' }).length).toBeGreaterThan(0);
  });
});

describe('PublishBatchInput', () => {
  const window = { opensAt: '2022-03-01T00:00:00Z', closesAt: '2022-03-15T00:00:00Z' };

  it('accepts items and a window; opensAt is optional', () => {
    expect(issues(PublishBatchInput, { itemIds: ['a', 'b'], claimWindow: window })).toEqual([]);
    expect(issues(PublishBatchInput, { itemIds: ['a'], claimWindow: { closesAt: window.closesAt } })).toEqual(
      [],
    );
  });

  it('rejects an item listed twice, no items, too many items', () => {
    expect(issues(PublishBatchInput, { itemIds: ['a', 'b', 'a'], claimWindow: window })).toEqual([
      { path: 'itemIds', code: 'custom', message: 'an item appears twice' },
    ]);
    expect(issues(PublishBatchInput, { itemIds: [], claimWindow: window })[0]?.path).toBe('itemIds');
    const many = Array.from({ length: 101 }, (_, i) => `i${i}`);
    expect(issues(PublishBatchInput, { itemIds: many, claimWindow: window })[0]?.path).toBe('itemIds');
  });

  it('rejects a window that closes before or when it opens', () => {
    expect(
      issues(PublishBatchInput, {
        itemIds: ['a'],
        claimWindow: { opensAt: window.closesAt, closesAt: window.opensAt },
      }),
    ).toEqual([
      { path: 'claimWindow.closesAt', code: 'custom', message: 'the window closes before it opens' },
    ]);
    expect(
      issues(PublishBatchInput, {
        itemIds: ['a'],
        claimWindow: { opensAt: window.opensAt, closesAt: window.opensAt },
      })[0]?.path,
    ).toBe('claimWindow.closesAt');
  });

  it('rejects a window without closesAt, a date without time or offset, and extra window fields', () => {
    expect(issues(PublishBatchInput, { itemIds: ['a'], claimWindow: {} }).length).toBeGreaterThan(0);
    expect(
      issues(PublishBatchInput, { itemIds: ['a'], claimWindow: { closesAt: '2022-03-15' } }).length,
    ).toBeGreaterThan(0);
    expect(
      issues(PublishBatchInput, { itemIds: ['a'], claimWindow: { ...window, extendsAt: window.closesAt } })[0]
        ?.code,
    ).toBe('unrecognized_keys');
  });

  // Fixed on 2026-11-25; the bug was: the window check compares the ISO strings, but the schema accepts any UTC offset.
  // 09:00Z opening and 12:00+08:00 (= 04:00Z) closing is a window that closes before it opens.
  it('compares the window instants, not the strings, when the offsets differ (closes before it opens)', () => {
    const found = issues(PublishBatchInput, {
      itemIds: ['a'],
      claimWindow: { opensAt: '2022-03-01T09:00:00Z', closesAt: '2022-03-01T12:00:00+08:00' },
    });
    expect(found.map((i) => i.path)).toEqual(['claimWindow.closesAt']);
  });

  // BUG (same cause): 12:00+08:00 (= 04:00Z) opening and 09:00Z closing is a valid five-hour window.
  it('compares the window instants, not the strings, when the offsets differ (valid window)', () => {
    expect(
      issues(PublishBatchInput, {
        itemIds: ['a'],
        claimWindow: { opensAt: '2022-03-01T12:00:00+08:00', closesAt: '2022-03-01T09:00:00Z' },
      }),
    ).toEqual([]);
  });
});

describe('claim, award, assign, reopen inputs', () => {
  it('a claim needs a plan and a manager; the status cannot be sent', () => {
    expect(issues(ClaimInput, { plan: 'We lead it', managerId: 'p-meilin-1' })).toEqual([]);
    expect(issues(ClaimInput, { plan: 'x', managerId: 'p-1', unitId: 'meilin' })).toEqual([]);
    expect(issues(ClaimInput, { managerId: 'p-1' })[0]?.path).toBe('plan');
    expect(issues(ClaimInput, { plan: 'x' })[0]?.path).toBe('managerId');
    expect(issues(ClaimInput, { plan: 'x', managerId: 'p 1' })[0]?.path).toBe('managerId');
    expect(issues(ClaimInput, { plan: 'x', managerId: 'p-1', status: 'awarded' })[0]).toMatchObject({
      code: 'unrecognized_keys',
      keys: ['status'],
    });
  });

  it('assign needs unit and manager; reopen needs a closing instant', () => {
    expect(issues(AssignInput, { unitId: 'meilin', managerId: 'p-meilin-1' })).toEqual([]);
    expect(issues(AssignInput, { unitId: 'meilin' })[0]?.path).toBe('managerId');
    expect(issues(AssignInput, { unitId: 'meilin', managerId: 'p', number: 7 })[0]?.code).toBe(
      'unrecognized_keys',
    );
    expect(issues(ReopenInput, { closesAt: '2022-04-01T00:00:00+08:00' })).toEqual([]);
    expect(issues(ReopenInput, { closesAt: 'next week' })[0]?.path).toBe('closesAt');
  });
});

describe('progress, completion, verification, violation, inquiry inputs', () => {
  it('progress: percent within 0..100, integer non-negative yuan, URL evidence, known fields only', () => {
    const ok = {
      percentComplete: 40,
      investmentCompleted: 1_000_000,
      milestones: [{ milestoneId: 'm1', done: true, doneOn: '2022-06-28' }],
      narrative: 'foundations done',
      evidence: ['https://example.org/photo.jpg'],
    };
    expect(issues(ProgressInput, ok)).toEqual([]);
    expect(issues(ProgressInput, { ...ok, percentComplete: 101 })[0]?.path).toBe('percentComplete');
    expect(issues(ProgressInput, { ...ok, percentComplete: -1 })[0]?.path).toBe('percentComplete');
    expect(issues(ProgressInput, { ...ok, investmentCompleted: -5 })[0]?.path).toBe('investmentCompleted');
    expect(issues(ProgressInput, { ...ok, investmentCompleted: 0.5 })[0]?.path).toBe('investmentCompleted');
    expect(issues(ProgressInput, { ...ok, evidence: ['not a url'] })[0]?.path).toBe('evidence.0');
    expect(issues(ProgressInput, { ...ok, narrative: '' })[0]?.path).toBe('narrative');
    expect(
      issues(ProgressInput, { ...ok, milestones: [{ milestoneId: 'm1', done: true, weight: 3 }] })[0]?.code,
    ).toBe('unrecognized_keys');
    expect(issues(ProgressInput, { ...ok, reportedBy: 'someone' })[0]?.code).toBe('unrecognized_keys');
  });

  it('completion: summary and results', () => {
    expect(issues(CompletionInput, { summary: 'done', results: [] })).toEqual([]);
    expect(
      issues(CompletionInput, { summary: 'done', results: [{ indicator: 'area', actualValue: Infinity }] })[0]
        ?.path,
    ).toBe('results.0.actualValue');
    expect(issues(CompletionInput, { summary: 'done' })[0]?.path).toBe('results');
  });

  it('verification: achieved needs a grade, not achieved needs a reason, and not the other way round', () => {
    expect(issues(VerificationInput, { achieved: true, grade: 'first' })).toEqual([]);
    expect(issues(VerificationInput, { achieved: false, reason: 'target missed by 20%' })).toEqual([]);
    expect(issues(VerificationInput, { achieved: true }).length).toBeGreaterThan(0);
    expect(issues(VerificationInput, { achieved: true, grade: 'fourth' }).length).toBeGreaterThan(0);
    expect(issues(VerificationInput, { achieved: false }).length).toBeGreaterThan(0);
    expect(issues(VerificationInput, { achieved: true, grade: 'first', reason: 'x' })[0]?.code).toBe(
      'unrecognized_keys',
    );
    expect(issues(VerificationInput, { achieved: false, reason: 'x', grade: 'first' })[0]?.code).toBe(
      'unrecognized_keys',
    );
  });

  it('violation, inquiry answer and decision', () => {
    expect(issues(ViolationInput, { description: 'bid rigging suspected', reference: 'CDI-7' })).toEqual([]);
    expect(issues(ViolationInput, { description: ' ' })[0]?.path).toBe('description');
    expect(issues(InquiryAnswerInput, { text: 'we lagged', rectificationPlan: 'two shifts' })).toEqual([]);
    expect(issues(InquiryAnswerInput, { text: 'we lagged' })[0]?.path).toBe('rectificationPlan');
    expect(issues(InquiryDecisionInput, { outcome: 'rectified', note: 'ok' })).toEqual([]);
    expect(issues(InquiryDecisionInput, { outcome: 'escalated', note: 'refer' })).toEqual([]);
    expect(issues(InquiryDecisionInput, { outcome: 'forgiven', note: 'x' })[0]?.path).toBe('outcome');
    expect(issues(InquiryDecisionInput, { outcome: 'rectified' })[0]?.path).toBe('note');
  });
});

describe('unit and person inputs', () => {
  it('units have an id, a name and a type', () => {
    expect(
      issues(CreateUnitInput, { unitId: 'meilin', name: 'Meilin Subdistrict', unitType: 'subdistrict' }),
    ).toEqual([]);
    expect(issues(CreateUnitInput, { unitId: 'meilin', name: 'M', unitType: 'club' })[0]?.path).toBe(
      'unitType',
    );
    expect(
      issues(CreateUnitInput, { unitId: 'meilin', name: 'M', unitType: 'subdistrict', version: 1 })[0]?.code,
    ).toBe('unrecognized_keys');
    expect(issues(CreatePersonInput, { personId: 'p-meilin-1', name: 'Li Hua' })).toEqual([]);
    expect(issues(CreatePersonInput, { personId: 'p-meilin-1', name: 'Li', unitId: 'x' })[0]?.code).toBe(
      'unrecognized_keys',
    );
  });
});

describe('NAMED_HOST', () => {
  it('is zod’s regexes.domain, the rule of a named host', () => {
    expect(NAMED_HOST.source).toBe(z.regexes.domain.source);
    expect(NAMED_HOST.flags).toBe(z.regexes.domain.flags);
  });
});
