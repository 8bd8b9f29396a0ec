/**
 * The read rules of functions/domain/access.ts as pure functions: per entity, what a reader
 * sees (in full, the public view, nothing). The HTTP matrix (read-rules-matrix.test.ts)
 * checks the same through every GET route.
 */
import { describe, expect, it } from 'vitest';
import {
  countsInPublicStatistics,
  itemView,
  orderView,
  progressView,
  requireLedgerReader,
  resultView,
  trailView,
} from '#domain/access.ts';
import type { Actor, AuditEvent, Item, Order, ProgressReport } from '#domain/model.ts';
import { toItemView, toOrderView } from '#domain/views.ts';

const office: Actor = { role: 'office', sub: 'o' };
const commander: Actor = { role: 'commander', sub: 'c' };
const inspector: Actor = { role: 'inspector', sub: 'i' };
const meilin: Actor = { role: 'unit', sub: 'u-meilin', unitId: 'meilin' };
const meilinManager: Actor = { role: 'manager', sub: 'm', unitId: 'meilin', personId: 'p-meilin-1' };
const huafu: Actor = { role: 'unit', sub: 'u-huafu', unitId: 'huafu' };

const item = (over: Partial<Item> = {}): Item =>
  ({
    itemId: 'i1',
    year: 2022,
    kind: 'project',
    itemClass: 'A',
    category: 'siege',
    title: 'T',
    description: '',
    supportingUnitIds: [],
    milestones: [],
    targets: [],
    deadline: '2022-12-31',
    status: 'in_progress',
    leadUnitId: 'meilin',
    managerId: 'p-meilin-1',
    project: { stage: 'planning', totalInvestment: 9, annualInvestmentTarget: 1 },
    percentComplete: 20,
    investmentCompleted: 0,
    milestonesDone: {},
    openInquiryIds: [],
    inquiriesToStart: [],
    lapsesActedOn: ['deadline'],
    acknowledgementReminded: false,
    createdAt: '2022-07-01T00:00:00Z',
    updatedAt: '2022-07-01T00:00:00Z',
    version: 3,
    auditSeq: 3,
    auditHead: 'h',
    ...over,
  }) as Item;

const inquiry: Order = {
  orderId: '2022-INQ-0001',
  orderType: 'inquiry',
  year: 2022,
  number: 1,
  displayNumber: '福田询〔2022〕1号',
  itemId: 'i1',
  itemTitle: 'T',
  unitId: 'meilin',
  managerId: 'p-meilin-1',
  issuedAt: '2022-07-01T00:00:00Z',
  issuedBy: 'inspector-sub',
  status: 'rectified',
  trigger: 'violation',
  reason: 'Suspected splitting of a contract.',
  answerDueAt: '2022-07-08T00:00:00Z',
  answer: { answeredAt: '2022-07-02T00:00:00Z', text: 'We explain.', rectificationPlan: 'We fix it.' },
  decision: { decidedAt: '2022-07-03T00:00:00Z', outcome: 'rectified', note: 'Internal.', by: 'office-sub' },
  public: true,
  version: 2,
};

describe('items', () => {
  it('in full for HQ, inspectors and the lead unit; the public view for another unit and the public', () => {
    // In full: the item's view, without the stored record's bookkeeping (domain/views.ts).
    for (const r of [office, commander, inspector, meilin, meilinManager]) {
      expect(itemView(r, item())).toEqual(toItemView(item()));
      expect(itemView(r, item())).not.toHaveProperty('version');
    }
    for (const r of [huafu, undefined]) {
      const v = itemView(r, item()) as Record<string, unknown>;
      expect(v.title).toBe('T');
      expect(v.project).toEqual(item().project);
      for (const f of ['managerId', 'lapsesActedOn', 'version', 'auditHead', 'inquiriesToStart'])
        expect(v).not.toHaveProperty(f);
    }
  });

  it('a draft only for the office and commanders, whoever declared it', () => {
    const draft = item({ status: 'draft', managerId: undefined });
    expect(itemView(office, draft)).toEqual(toItemView(draft));
    expect(itemView(commander, draft)).toEqual(toItemView(draft));
    for (const r of [inspector, meilin, meilinManager, huafu, undefined])
      expect(itemView(r, draft)).toBeUndefined();
  });

  it('the public statistics count only items on the list', () => {
    expect(countsInPublicStatistics({ status: 'draft' })).toBe(false);
    expect(countsInPublicStatistics({ status: 'published' })).toBe(true);
  });
});

describe('orders', () => {
  it('an inquiry in summary for another unit: no reason, answer, plan, note or people', () => {
    const v = orderView(huafu, inquiry) as Record<string, unknown>;
    expect(v).toMatchObject({
      displayNumber: '福田询〔2022〕1号',
      trigger: 'violation',
      status: 'rectified',
    });
    expect(v.decision).toEqual({ decidedAt: '2022-07-03T00:00:00Z', outcome: 'rectified' });
    expect(v.answeredAt).toBe('2022-07-02T00:00:00Z');
    for (const f of ['reason', 'answer', 'managerId', 'issuedBy', 'version']) expect(v).not.toHaveProperty(f);
    expect(orderView(meilin, inquiry)).toEqual(toOrderView(inquiry));
    expect(orderView(inspector, inquiry)).toEqual(toOrderView(inquiry));
    expect(orderView(meilin, inquiry)).not.toHaveProperty('version');
  });
});

describe('progress, ledger, results', () => {
  const report: ProgressReport = {
    reportId: 'r1',
    itemId: 'i1',
    reportedAt: '2022-07-01T00:00:00Z',
    reportedBy: 'user-42',
    percentComplete: 20,
    milestones: [],
    narrative: 'n',
    evidence: [],
  };
  it('another unit reads progress without who filed it', () => {
    expect(progressView(huafu, item(), report)).not.toHaveProperty('reportedBy');
    expect(progressView(meilinManager, item(), report)).toEqual(report);
  });
  it('a ledger: own unit and HQ only', () => {
    expect(() => requireLedgerReader(huafu, 'meilin')).toThrow(/own ledger/);
    expect(() => requireLedgerReader(meilinManager, 'meilin')).not.toThrow();
    expect(() => requireLedgerReader(inspector, 'meilin')).not.toThrow();
  });
  it("another unit's evaluation result as ranked publicly", () => {
    const r = {
      itemId: 'i1',
      unitId: 'meilin',
      category: 'siege',
      rankInCategory: 1,
      categorySize: 2,
      rankInPeerGroup: 1,
      peerGroupSize: 2,
      expected: 10,
      actual: 5,
      lag: 5,
      score: -5,
      flags: ['lagging_progress'],
      inBottom: false,
    };
    expect(resultView(huafu, r)).not.toHaveProperty('flags');
    expect(resultView(huafu, r)).not.toHaveProperty('lag');
    expect(resultView(meilin, r)).toEqual(r);
  });
});

describe('audit trails', () => {
  const ev = (type: string, actor: Actor, data: Record<string, unknown>): AuditEvent => ({
    subject: 'ITEM#i1',
    seq: 1,
    at: '2022-07-01T00:00:00Z',
    type,
    actor,
    data,
    prevHash: 'p',
    hash: 'h',
  });
  const events = [
    ev('claim.filed', meilin, { claimId: 'c1', unitId: 'meilin' }),
    ev('claim.filed', huafu, { claimId: 'c2', unitId: 'huafu' }),
    ev('claim.filed', office, { claimId: 'c3', unitId: 'fubao' }),
    ev('claim.awarded', commander, { claimId: 'c1', unitId: 'meilin', declined: ['huafu', 'fubao'] }),
  ];
  it("the lead unit's trail leaves out the competitors (their claims, who filed them, the declined list)", () => {
    const seen = trailView(meilin, item({ status: 'awarded' }), events);
    expect(seen.map((e) => e.data.claimId)).toEqual(['c1', 'c1']);
    expect(JSON.stringify(seen)).not.toMatch(/huafu|fubao|c2|c3/);
  });
  it('HQ and inspectors read it all; another unit may not read it', () => {
    expect(trailView(inspector, item(), events)).toEqual(events);
    expect(() => trailView(huafu, item(), events)).toThrow(/not led by your unit/);
    expect(() => trailView(inspector, item({ status: 'draft' }), events)).toThrow(/does not exist/);
  });
});
