/**
 * Results application as pure rules (functions/domain/grading.ts): which orders are graded
 * and as what outcome, the ledger entries an order produces (the unit's and the project
 * manager's, carrying the rule version and pointing to the order), and ledger totals where
 * a withdrawn eligibility stays withdrawn.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULES,
  type Effect,
  gradeOrder,
  type LedgerEntry,
  OUTCOMES,
  type Outcome,
  outcomeOf,
  RuleSet,
  totals,
} from '#domain/grading.ts';
import { COMMENDATION_GRADES, ORDER_STATUSES, type Order } from '#domain/model.ts';

const AT = '2022-09-01T02:00:00.000Z';

function order(overrides: Partial<Order>): Order {
  return {
    orderId: '2022-COM-0001',
    orderType: 'commendation',
    year: 2022,
    number: 1,
    displayNumber: '福田嘉〔2022〕1号',
    itemId: '2022-T-0001',
    itemTitle: 'Invented demo task',
    unitId: 'meilin',
    managerId: 'p-meilin-1',
    issuedAt: '2022-08-31T02:00:00.000Z',
    issuedBy: 'office-1',
    status: 'issued',
    public: true,
    version: 0,
    ...overrides,
  };
}

/** An order that stands for the outcome. */
function orderFor(outcome: Outcome, overrides: Partial<Order> = {}): Order {
  const [type, detail] = outcome.split(':') as ['commendation' | 'inquiry', string];
  return type === 'commendation'
    ? order({ grade: detail as Order['grade'], ...overrides })
    : order({
        orderId: '2022-INQ-0007',
        orderType: 'inquiry',
        number: 7,
        displayNumber: '福田询〔2022〕7号',
        trigger: 'lagging_progress',
        status: detail as Order['status'],
        ...overrides,
      });
}

/** A rule set of another version with effects different from the defaults everywhere. */
const V2: RuleSet = {
  version: 2,
  title: 'Second rules (invented values)',
  effects: Object.fromEntries(
    OUTCOMES.map((o, i) => [
      o,
      {
        ...DEFAULT_RULES.effects[o],
        performanceScore: DEFAULT_RULES.effects[o].performanceScore * 2 + (i % 2 ? 1 : -1),
        brightSpotPoints: DEFAULT_RULES.effects[o].brightSpotPoints + 1,
      },
    ]),
  ) as RuleSet['effects'],
};

describe('outcomeOf', () => {
  it('a commendation is graded by its grade', () => {
    for (const grade of COMMENDATION_GRADES) {
      expect(outcomeOf({ orderType: 'commendation', status: 'issued', grade })).toBe(`commendation:${grade}`);
    }
    expect(outcomeOf({ orderType: 'commendation', status: 'issued' })).toBeUndefined();
  });

  it('an inquiry is graded only once closed: rectified or escalated', () => {
    expect(outcomeOf({ orderType: 'inquiry', status: 'rectified' })).toBe('inquiry:rectified');
    expect(outcomeOf({ orderType: 'inquiry', status: 'escalated' })).toBe('inquiry:escalated');
    for (const status of ['issued', 'answered'] as const) {
      expect(outcomeOf({ orderType: 'inquiry', status })).toBeUndefined();
    }
  });

  it('a responsibility order is never graded, whatever its status', () => {
    for (const status of ORDER_STATUSES) {
      expect(outcomeOf({ orderType: 'responsibility', status, grade: 'first' })).toBeUndefined();
    }
  });
});

describe('gradeOrder', () => {
  it.each(OUTCOMES)(
    '%s: one entry for the unit and one for the manager, pointing to the order',
    (outcome) => {
      const o = orderFor(outcome);
      expect(outcomeOf(o)).toBe(outcome);
      const entries = gradeOrder(o, DEFAULT_RULES, AT);
      const common = {
        year: 2022,
        orderId: o.orderId,
        displayNumber: o.displayNumber,
        itemId: o.itemId,
        outcome,
        ruleVersion: 1,
        effect: DEFAULT_RULES.effects[outcome],
        at: AT,
      };
      expect(entries).toEqual([
        { ...common, subject: { type: 'unit', id: 'meilin' } },
        { ...common, subject: { type: 'person', id: 'p-meilin-1' } },
      ]);
    },
  );

  it.each(OUTCOMES)('%s: without a project manager, the unit’s entry only', (outcome) => {
    const entries = gradeOrder(orderFor(outcome, { managerId: undefined }), DEFAULT_RULES, AT);
    expect(entries.map((e) => e.subject)).toEqual([{ type: 'unit', id: 'meilin' }]);
  });

  it('carries the version and the effects of the rule set it was graded under', () => {
    for (const outcome of OUTCOMES) {
      const entries = gradeOrder(orderFor(outcome), V2, AT);
      expect(entries).toHaveLength(2);
      for (const e of entries) {
        expect(e.ruleVersion).toBe(2);
        expect(e.effect).toEqual(V2.effects[outcome]);
        expect(e.effect).not.toEqual(DEFAULT_RULES.effects[outcome]);
      }
    }
  });

  it('an order that is not graded produces no entries', () => {
    expect(gradeOrder(order({ grade: undefined }), DEFAULT_RULES, AT)).toEqual([]);
    expect(gradeOrder(orderFor('inquiry:rectified', { status: 'answered' }), DEFAULT_RULES, AT)).toEqual([]);
    expect(
      gradeOrder(order({ orderType: 'responsibility', status: 'fulfilled' }), DEFAULT_RULES, AT),
    ).toEqual([]);
  });
});

describe('the default rules', () => {
  it('are a valid rule set, version 1, with an effect for every outcome', () => {
    expect(RuleSet.parse(DEFAULT_RULES)).toEqual(DEFAULT_RULES);
    expect(DEFAULT_RULES.version).toBe(1);
    expect(Object.keys(DEFAULT_RULES.effects).sort()).toEqual([...OUTCOMES].sort());
    expect(DEFAULT_RULES.title).toMatch(/invented/);
  });

  it('reward commendations by grade and penalise inquiries, escalation most', () => {
    const score = (o: Outcome) => DEFAULT_RULES.effects[o].performanceScore;
    expect(score('commendation:first')).toBeGreaterThan(score('commendation:second'));
    expect(score('commendation:second')).toBeGreaterThan(score('commendation:third'));
    expect(score('commendation:third')).toBeGreaterThan(0);
    expect(score('inquiry:rectified')).toBeLessThan(0);
    expect(score('inquiry:escalated')).toBeLessThan(score('inquiry:rectified'));
    expect(DEFAULT_RULES.effects['inquiry:escalated']).toMatchObject({
      excellenceEligible: false,
      restEligible: false,
    });
    // Commendations are published in full, inquiries in summary.
    for (const o of OUTCOMES)
      expect(DEFAULT_RULES.effects[o].publicNotice).toBe(o.startsWith('commendation') ? 'full' : 'summary');
  });

  it('the schema refuses incomplete or malformed rule sets', () => {
    const { 'inquiry:escalated': _dropped, ...missing } = DEFAULT_RULES.effects;
    expect(RuleSet.safeParse({ ...DEFAULT_RULES, effects: missing }).success).toBe(false);
    expect(RuleSet.safeParse({ ...DEFAULT_RULES, version: 0 }).success).toBe(false);
    expect(
      RuleSet.safeParse({
        ...DEFAULT_RULES,
        effects: {
          ...DEFAULT_RULES.effects,
          'commendation:first': { ...DEFAULT_RULES.effects['commendation:first'], brightSpotPoints: -1 },
        },
      }).success,
    ).toBe(false);
    expect(RuleSet.safeParse({ ...DEFAULT_RULES, extra: true }).success).toBe(false);
    expect(RuleSet.safeParse(V2).success).toBe(true);
  });
});

describe('totals', () => {
  const entry = (outcome: Outcome, rules: RuleSet = DEFAULT_RULES): LedgerEntry =>
    gradeOrder(orderFor(outcome), rules, AT)[0]!;

  it('an empty ledger: nothing earned, eligibility intact', () => {
    expect(totals([])).toEqual({
      performanceScore: 0,
      brightSpotPoints: 0,
      excellenceEligible: true,
      restEligible: true,
      meritRecommendations: [],
      cadreNotes: [],
      entries: 0,
    });
  });

  it.each(OUTCOMES)('one %s entry: its effect', (outcome) => {
    const e: Effect = DEFAULT_RULES.effects[outcome];
    expect(totals([entry(outcome)])).toEqual({
      performanceScore: e.performanceScore,
      brightSpotPoints: e.brightSpotPoints,
      excellenceEligible: e.excellenceEligible !== false,
      restEligible: e.restEligible !== false,
      meritRecommendations: e.meritRecommendation ? [e.meritRecommendation] : [],
      cadreNotes: e.cadreNote ? [e.cadreNote] : [],
      entries: 1,
    });
  });

  it('a first-grade commendation, then an escalated inquiry: the score nets out and eligibility is withdrawn', () => {
    const t = totals([entry('commendation:first'), entry('inquiry:escalated')]);
    expect(t).toEqual({
      performanceScore: 5 - 5,
      brightSpotPoints: 3,
      excellenceEligible: false,
      restEligible: false,
      meritRecommendations: ['third-class merit (三等功)'],
      cadreNotes: [
        'Fulfilled a responsibility order with first-grade commendation.',
        'Inquiry order escalated: accountability pursued.',
      ],
      entries: 2,
    });
  });

  it('a later commendation does not restore an eligibility an escalation withdrew', () => {
    const t = totals([entry('inquiry:escalated'), entry('commendation:first'), entry('commendation:second')]);
    expect(t.excellenceEligible).toBe(false);
    expect(t.restEligible).toBe(false);
    expect(t.performanceScore).toBe(-5 + 5 + 3);
  });

  it('a rectified inquiry (no eligibility effect) leaves eligibility intact', () => {
    const t = totals([entry('commendation:third'), entry('inquiry:rectified')]);
    expect(t).toMatchObject({ performanceScore: 0, excellenceEligible: true, restEligible: true });
  });

  it('sums are additive and independent of the order of the entries', () => {
    const outcomeArb = fc.constantFrom(...OUTCOMES);
    fc.assert(
      fc.property(
        fc.array(outcomeArb, { maxLength: 12 }),
        fc.array(outcomeArb, { maxLength: 12 }),
        (a, b) => {
          const ea = a.map((o) => entry(o, o.length % 2 ? V2 : DEFAULT_RULES));
          const eb = b.map((o) => entry(o));
          const ta = totals(ea);
          const tb = totals(eb);
          const both = totals([...ea, ...eb]);
          expect(both.performanceScore).toBe(ta.performanceScore + tb.performanceScore);
          expect(both.brightSpotPoints).toBe(ta.brightSpotPoints + tb.brightSpotPoints);
          expect(both.excellenceEligible).toBe(ta.excellenceEligible && tb.excellenceEligible);
          expect(both.restEligible).toBe(ta.restEligible && tb.restEligible);
          expect(both.entries).toBe(ea.length + eb.length);
          const reversed = totals([...eb, ...ea].reverse());
          expect({ ...reversed, meritRecommendations: [], cadreNotes: [] }).toEqual({
            ...both,
            meritRecommendations: [],
            cadreNotes: [],
          });
          expect([...reversed.meritRecommendations].sort()).toEqual([...both.meritRecommendations].sort());
          // Withdrawn exactly when some entry withdrew it.
          expect(both.excellenceEligible).toBe(![...a, ...b].includes('inquiry:escalated'));
        },
      ),
    );
  });
});
