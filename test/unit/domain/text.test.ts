/**
 * Plausible text and dates: one text rule (functions/domain/model.ts Text / Title / Prose)
 * for every text field of every command, and item dates within the documented range of the
 * item's year (functions/domain/commands.ts checkItemShape).
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod/mini';
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
  PatchItemInput,
  ProgressInput,
  PublishBatchInput,
  VerificationInput,
  ViolationInput,
} from '#domain/commands.ts';
import { ITEM_DATE_RANGE, Prose, Text, Title } from '#domain/model.ts';

const paths = (schema: z.ZodMiniType, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? [] : [...new Set(r.error.issues.map((i) => i.path.join('.')))];
};

const HOSTILE: Readonly<Record<string, string>> = {
  NUL: 'Hewan North\u0000 District',
  'bell (C0 control)': 'Hewan \u0007North',
  DEL: 'Hewan North\u007f',
  'C1 control': 'Hewan \u0085North',
  'ANSI escape': '\u001b[31mHewan North\u001b[0m',
  'right-to-left override': 'Hewan \u202eNorth',
  'left-to-right embedding': '\u202aHewan North',
  'pop directional formatting': 'Hewan North\u202c',
  'right-to-left isolate': '\u2067Hewan North\u2069',
  'first strong isolate': '\u2068Hewan North',
};

describe('the text rule', () => {
  it('refuses control characters, ANSI escapes and bidi overrides, embeddings and isolates', () => {
    for (const schema of [Text(200), Title, Prose(200)]) {
      for (const [what, value] of Object.entries(HOSTILE)) {
        expect(schema.safeParse(value).success, what).toBe(false);
      }
    }
  });

  it('refuses blank and zero-width-only text where text is required', () => {
    for (const blank of ['', '   ', '\u200b', '\u200b\u200c\u200d\u2060\ufeff', ' \u3000 ', '\u00ad']) {
      expect(Text(200).safeParse(blank).success, JSON.stringify(blank)).toBe(false);
      expect(Title.safeParse(blank).success, JSON.stringify(blank)).toBe(false);
    }
    // Optional prose may be empty, but not hostile.
    expect(Prose(200).safeParse('').success).toBe(true);
  });

  it('normalises to NFC and trims', () => {
    // "Café" with a combining acute accent becomes the precomposed é.
    expect(Title.parse('  Cafe\u0301 renewal ')).toBe('Caf\u00e9 renewal');
    expect(Text(200).parse('Cafe\u0301').length).toBe(4);
    expect(Prose(200).parse('Cafe\u0301')).toBe('Caf\u00e9');
  });

  it('a title is one line; longer text may have line breaks and tabs', () => {
    expect(Title.safeParse('Line one\nline two').success).toBe(false);
    expect(Title.safeParse('Tab\there').success).toBe(false);
    expect(Text(200).parse('Line one\nline two\r\n\tindented')).toBe('Line one\nline two\r\n\tindented');
  });

  it('keeps the text people write: Chinese, emoji, a zero-width joiner inside words', () => {
    expect(Title.parse('福田中学改扩建工程')).toBe('福田中学改扩建工程');
    expect(Text(200).parse('Done 👩‍🔧 on site')).toBe('Done 👩‍🔧 on site');
  });
});

const TASK = {
  year: 2022,
  kind: 'task',
  itemClass: 'A',
  category: 'siege',
  title: 'Reconstruction of Hewan North District',
  deadline: '2022-12-31',
};

const { itemClass: _class, ...PROPOSAL } = TASK;

describe('every text field of every command uses it', () => {
  const bad = HOSTILE['right-to-left override']!;
  const cases: [string, z.ZodMiniType, Record<string, unknown>, string][] = [
    ['item title', CreateItemInput, { ...TASK, title: bad }, 'title'],
    ['item description', CreateItemInput, { ...TASK, description: bad }, 'description'],
    ['lead leader', CreateItemInput, { ...TASK, leadLeader: bad }, 'leadLeader'],
    [
      'milestone title',
      CreateItemInput,
      { ...TASK, milestones: [{ id: 'm1', title: bad, dueDate: '2022-06-30', weight: 100 }] },
      'milestones.0.title',
    ],
    [
      'target indicator',
      CreateItemInput,
      { ...TASK, targets: [{ indicator: bad, targetValue: 1, unit: 'km' }] },
      'targets.0.indicator',
    ],
    [
      'target unit',
      CreateItemInput,
      { ...TASK, targets: [{ indicator: 'Length', targetValue: 1, unit: bad }] },
      'targets.0.unit',
    ],
    ['patch title', PatchItemInput, { title: bad }, 'title'],
    ['patch description', PatchItemInput, { description: bad }, 'description'],
    ['proposal title', DeclareProposalInput, { ...PROPOSAL, title: bad }, 'title'],
    ['rejection reason', DecideProposalInput, { decision: 'reject', reason: bad }, 'reason'],
    [
      'batch title',
      PublishBatchInput,
      { title: bad, itemIds: ['a'], claimWindow: { closesAt: '2022-05-13T10:00:00Z' } },
      'title',
    ],
    ['claim plan', ClaimInput, { plan: bad, managerId: 'p1' }, 'plan'],
    ['assignment note', AssignInput, { unitId: 'u1', managerId: 'p1', note: bad }, 'note'],
    ['progress narrative', ProgressInput, { percentComplete: 1, narrative: bad }, 'narrative'],
    [
      'correction reason',
      ProgressInput,
      { percentComplete: 1, narrative: 'ok', correction: { reason: bad } },
      'correction.reason',
    ],
    ['completion summary', CompletionInput, { summary: bad, results: [] }, 'summary'],
    [
      'result indicator',
      CompletionInput,
      { summary: 'ok', results: [{ indicator: bad, actualValue: 1 }] },
      'results.0.indicator',
    ],
    ['verification note', VerificationInput, { achieved: true, grade: 'first', note: bad }, 'note'],
    ['violation description', ViolationInput, { description: bad }, 'description'],
    ['violation reference', ViolationInput, { description: 'ok', reference: bad }, 'reference'],
    ['inquiry answer', InquiryAnswerInput, { text: bad, rectificationPlan: 'ok' }, 'text'],
    ['rectification plan', InquiryAnswerInput, { text: 'ok', rectificationPlan: bad }, 'rectificationPlan'],
    ['decision note', InquiryDecisionInput, { outcome: 'rectified', note: bad }, 'note'],
    ['unit name', CreateUnitInput, { unitId: 'u1', name: bad, unitType: 'department' }, 'name'],
    [
      'unit Chinese name',
      CreateUnitInput,
      { unitId: 'u1', name: 'ok', nameZh: bad, unitType: 'department' },
      'nameZh',
    ],
    ['person name', CreatePersonInput, { personId: 'p1', name: bad }, 'name'],
    ['person title', CreatePersonInput, { personId: 'p1', name: 'ok', title: bad }, 'title'],
  ];
  for (const [what, schema, input, path] of cases) {
    it(`${what}`, () => {
      expect(paths(schema, input)).toEqual([path]);
    });
  }

  it('a zero-width-only title is refused on create, patch and proposal', () => {
    expect(paths(CreateItemInput, { ...TASK, title: '\u200b\u200b' })).toEqual(['title']);
    expect(paths(PatchItemInput, { title: '\u200b' })).toEqual(['title']);
    const { itemClass: _c, ...proposal } = TASK;
    expect(paths(DeclareProposalInput, { ...proposal, title: '\ufeff' })).toEqual(['title']);
  });
});

describe('item dates within the range of the item’s year', () => {
  it('is documented: from the year before to ten years after', () => {
    expect(ITEM_DATE_RANGE).toEqual({ yearsBefore: 1, yearsAfter: 10 });
  });

  it('refuses deadlines of 0001-01-01 and 9999-12-31 on a 2022 item', () => {
    expect(paths(CreateItemInput, { ...TASK, deadline: '0001-01-01' })).toEqual(['deadline']);
    expect(paths(CreateItemInput, { ...TASK, deadline: '9999-12-31' })).toEqual(['deadline']);
  });

  it('refuses milestones in 1900', () => {
    expect(
      paths(CreateItemInput, {
        ...TASK,
        milestones: [{ id: 'm1', title: 'Design', dueDate: '1900-06-30', weight: 100 }],
      }),
    ).toEqual(['milestones.0.dueDate']);
  });

  it('allows multi-year projects: 2021-01-01 to 2032-12-31 for a 2022 item', () => {
    expect(paths(CreateItemInput, { ...TASK, deadline: '2032-12-31' })).toEqual([]);
    expect(
      paths(CreateItemInput, {
        ...TASK,
        milestones: [{ id: 'm1', title: 'Design', dueDate: '2021-01-01', weight: 100 }],
      }),
    ).toEqual([]);
    expect(paths(CreateItemInput, { ...TASK, deadline: '2033-01-01' })).toEqual(['deadline']);
    expect(paths(CreateItemInput, { ...TASK, deadline: '2020-12-31' })).toEqual(['deadline']);
  });

  it('the same range on a proposal', () => {
    const { itemClass: _c, ...proposal } = TASK;
    expect(paths(DeclareProposalInput, { ...proposal, deadline: '9999-12-31' })).toEqual(['deadline']);
  });

  it('refuses an annual investment target above the total investment', () => {
    const project = { stage: 'construction', totalInvestment: 1_000_000, annualInvestmentTarget: 2_000_000 };
    expect(paths(CreateItemInput, { ...TASK, kind: 'project', project })).toEqual([
      'project.annualInvestmentTarget',
    ]);
    expect(
      paths(CreateItemInput, {
        ...TASK,
        kind: 'project',
        project: { ...project, annualInvestmentTarget: 1_000_000 },
      }),
    ).toEqual([]);
  });
});
