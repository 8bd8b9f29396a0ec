/**
 * Properties of the pure evaluation rules (functions/domain/evaluation.ts) over random sets
 * of item snapshots: the answer does not depend on the order of the input; rankings are
 * competition rankings ("1224") within category and within peer group; doing more never
 * ranks an item lower nor flags it more; expected progress stays in 0..100 and never goes
 * down as the date moves on; a flag is raised exactly when its rule says so; consecutive
 * periods in the bottom are counted from the previous results.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLDS,
  type EvaluationThresholds,
  evaluate,
  expectedProgress,
  type ItemResult,
  type ItemSnapshot,
  mergeTallies,
  type PreviousResult,
  periodEnd,
  previousPeriod,
  rank,
  rankUnits,
  rankUnitsOf,
  resultOf,
  scoreItem,
  tallyScores,
} from '#domain/evaluation.ts';
import { CATEGORIES, ITEM_KINDS, type Milestone, type UnitType } from '#domain/model.ts';

// ---------------------------------------------------------------------------------------
// Arbitraries

const DAY = 86_400_000;
const BASE = Date.UTC(2022, 0, 1);
const dateAt = (offset: number) => new Date(BASE + offset * DAY).toISOString().slice(0, 10);
const offsetOf = (date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - BASE) / DAY);

/** The peer group follows from the unit, as it does in the application (the unit's type). */
const UNITS: Readonly<Record<string, UnitType>> = {
  meilin: 'subdistrict',
  huafu: 'subdistrict',
  xiangmihu: 'subdistrict',
  'housing-bureau': 'department',
  'transport-bureau': 'department',
  'futian-investment': 'enterprise',
};
const UNIT_IDS = Object.keys(UNITS);

/** Milestone weights that add up to 100, as item validation demands. */
const weightsTo100 = (n: number) =>
  fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: n - 1, maxLength: n - 1 }).map((cuts) => {
    const points = [0, ...[...cuts].sort((a, b) => a - b), 100];
    return points.slice(1).map((p, i) => p - points[i]!);
  });

/** A plan: start, deadline and milestones due between them (weights adding up to 100). */
const planArb: fc.Arbitrary<{ startDate: string; deadline: string; milestones: Milestone[] }> = fc
  .record({
    start: fc.integer({ min: 0, max: 200 }),
    length: fc.integer({ min: 0, max: 300 }),
    milestoneCount: fc.integer({ min: 0, max: 4 }),
  })
  .chain(({ start, length, milestoneCount }) =>
    fc.record({
      startDate: fc.constant(dateAt(start)),
      deadline: fc.constant(dateAt(start + length)),
      milestones:
        milestoneCount === 0
          ? fc.constant([] as Milestone[])
          : fc
              .tuple(
                fc.array(fc.integer({ min: 0, max: length }), {
                  minLength: milestoneCount,
                  maxLength: milestoneCount,
                }),
                weightsTo100(milestoneCount),
              )
              .map(([dues, weights]) =>
                dues.map(
                  (d, i): Milestone => ({
                    id: `m${i + 1}`,
                    title: `Milestone ${i + 1}`,
                    dueDate: dateAt(start + d),
                    weight: weights[i]!,
                  }),
                ),
              ),
    }),
  );

/** Percent complete: coarse values often (so that scores tie), tenths sometimes. */
const percentArb = fc.oneof(
  fc.integer({ min: 0, max: 10 }).map((n) => n * 10),
  fc.integer({ min: 0, max: 1000 }).map((n) => n / 10),
);

type Plan = Pick<ItemSnapshot, 'startDate' | 'deadline' | 'milestones'>;

const snapshotArb = (plans: readonly Plan[]) =>
  fc
    .record({
      itemId: fc.nat({ max: 50_000 }).map((n) => `item-${n.toString(36)}`),
      kind: fc.constantFrom(...ITEM_KINDS),
      category: fc.constantFrom(...CATEGORIES),
      unitId: fc.constantFrom(...UNIT_IDS),
      plan: fc.constantFrom(...plans),
      percentComplete: percentArb,
      done: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      annualInvestmentTarget: fc.integer({ min: 0, max: 5_000_000_000 }),
      investmentCompleted: fc.integer({ min: 0, max: 5_000_000_000 }),
    })
    .map(
      (r): ItemSnapshot => ({
        itemId: r.itemId,
        kind: r.kind,
        category: r.category,
        unitId: r.unitId,
        peerGroup: UNITS[r.unitId]!,
        ...r.plan,
        milestonesDone: Object.fromEntries(
          r.plan.milestones.filter((_, i) => r.done[i]).map((m) => [m.id, m.dueDate]),
        ),
        percentComplete: r.percentComplete,
        ...(r.kind === 'project'
          ? { annualInvestmentTarget: r.annualInvestmentTarget, investmentCompleted: r.investmentCompleted }
          : {}),
      }),
    );

/** A set of snapshots with distinct ids; a few shared plans make equal expectations (ties) common. */
const snapshotsArb = fc
  .array(planArb, { minLength: 1, maxLength: 3 })
  .chain((plans) =>
    fc.uniqueArray(snapshotArb(plans), { selector: (s) => s.itemId, minLength: 1, maxLength: 24 }),
  );

const evalDateArb = fc.integer({ min: -30, max: 560 }).map(dateAt);

const thresholdsArb: fc.Arbitrary<EvaluationThresholds> = fc.record({
  seriousLagPoints: fc.integer({ min: 1, max: 60 }),
  bottomShare: fc.constantFrom(0.1, 0.2, 0.25, 0.5),
  bottomPeriodsRunning: fc.integer({ min: 1, max: 4 }),
});

/** Previous results for some of the items (random ranks and running counts). */
const previousArb = (items: readonly ItemSnapshot[]) =>
  fc
    .array(
      fc.option(
        fc.record({
          rankInCategory: fc.integer({ min: 1, max: 30 }),
          bottomRunning: fc.integer({ min: 0, max: 5 }),
        }),
        { nil: undefined },
      ),
      { minLength: items.length, maxLength: items.length },
    )
    .map(
      (prevs) =>
        new Map<string, PreviousResult>(
          items.flatMap((s, i) => (prevs[i] ? [[s.itemId, prevs[i]] as const] : [])),
        ),
    );

const scenarioArb = snapshotsArb.chain((items) =>
  fc.record({
    items: fc.constant(items),
    // Often a date of the plan itself: the boundaries (due today, due yesterday) matter.
    date: fc.oneof(
      evalDateArb,
      fc
        .constantFrom(
          ...items.flatMap((i) => [i.startDate, i.deadline, ...i.milestones.map((m) => m.dueDate)]),
        )
        .chain((d) => fc.constantFrom(d, dateAt(offsetOf(d) + 1))),
    ),
    previous: previousArb(items),
    thresholds: thresholdsArb,
  }),
);

/** The same list in another order. */
const shuffledArb = <T>(xs: readonly T[]) =>
  fc
    .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: xs.length, maxLength: xs.length })
    .map((keys) =>
      xs
        .map((x, i) => ({ x, k: keys[i]! }))
        .sort((a, b) => a.k - b.k)
        .map((e) => e.x),
    );

const byId = (results: readonly ItemResult[]) => new Map(results.map((r) => [r.itemId, r]));

/** Competition rank of every member of a group, from the definition: 1 + how many score higher. */
function competitionRanks(scores: readonly number[]): number[] {
  return scores.map((s) => 1 + scores.filter((o) => o > s).length);
}

function groups<K extends keyof ItemResult>(results: readonly ItemResult[], key: K) {
  const m = new Map<ItemResult[K], ItemResult[]>();
  for (const r of results) m.set(r[key], [...(m.get(r[key]) ?? []), r]);
  return [...m.values()];
}

// ---------------------------------------------------------------------------------------

describe('evaluate: permutation invariance', () => {
  it('shuffling the input gives identical results, item by item', () => {
    fc.assert(
      fc.property(
        scenarioArb.chain((s) => fc.record({ s: fc.constant(s), shuffled: shuffledArb(s.items) })),
        ({ s, shuffled }) => {
          const a = evaluate(s.items, s.date, s.previous, s.thresholds);
          const b = evaluate(shuffled, s.date, s.previous, s.thresholds);
          expect(b).toEqual(a);
          // Compared by id too: the same result for each item, whatever its position.
          const ba = byId(b);
          for (const r of a) expect(ba.get(r.itemId)).toEqual(r);
          // One result per input item, sorted by id.
          expect(a.map((r) => r.itemId)).toEqual(s.items.map((i) => i.itemId).sort());
        },
      ),
    );
  });
});

describe('evaluate: rankings', () => {
  it('ranks are competition ranks within category and peer group, in 1..size', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const results = evaluate(s.items, s.date, s.previous, s.thresholds);
        for (const [key, rankOf, sizeOf] of [
          ['category', (r: ItemResult) => r.rankInCategory, (r: ItemResult) => r.categorySize],
          ['peerGroup', (r: ItemResult) => r.rankInPeerGroup, (r: ItemResult) => r.peerGroupSize],
        ] as const) {
          for (const group of groups(results, key)) {
            const expected = competitionRanks(group.map((r) => r.score));
            expect(group.map(rankOf)).toEqual(expected);
            for (const r of group) {
              expect(sizeOf(r)).toBe(group.length);
              expect(rankOf(r)).toBeGreaterThanOrEqual(1);
              expect(rankOf(r)).toBeLessThanOrEqual(group.length);
            }
            // Equal scores share a rank; a higher score always ranks above a lower one.
            const misordered = group.flatMap((a) =>
              group
                .filter(
                  (b) =>
                    (a.score === b.score && rankOf(a) !== rankOf(b)) ||
                    (a.score > b.score && rankOf(a) >= rankOf(b)),
                )
                .map((b) => [a.itemId, b.itemId]),
            );
            expect(misordered).toEqual([]);
            expect(Math.min(...group.map(rankOf))).toBe(1);
          }
        }
      }),
    );
  });

  it('competition ranking "1224" on a known example, ties broken by nothing but the score', () => {
    const ranks = rank(
      [
        { id: 'd', s: 1 },
        { id: 'b', s: 3 },
        { id: 'a', s: 5 },
        { id: 'c', s: 3 },
      ],
      (e) => e.s,
      (e) => e.id,
    );
    expect(Object.fromEntries(ranks)).toEqual({ a: 1, b: 2, c: 2, d: 4 });
    const three = rank(
      [
        { id: 'x', s: -2 },
        { id: 'y', s: -2 },
        { id: 'z', s: -2 },
        { id: 'w', s: 0 },
      ],
      (e) => e.s,
      (e) => e.id,
    );
    expect(Object.fromEntries(three)).toEqual({ w: 1, x: 2, y: 2, z: 2 });
  });

  it('the same example through evaluate: equal progress on the same plan ⇒ equal rank', () => {
    const plan = { startDate: '2022-01-01', deadline: '2022-12-31', milestones: [] };
    const item = (itemId: string, percentComplete: number): ItemSnapshot => ({
      itemId,
      kind: 'task',
      category: 'siege',
      unitId: 'meilin',
      peerGroup: 'subdistrict',
      ...plan,
      milestonesDone: {},
      percentComplete,
    });
    const results = byId(
      evaluate([item('a', 80), item('b', 50), item('c', 50), item('d', 10)], '2022-07-02', new Map()),
    );
    expect(['a', 'b', 'c', 'd'].map((id) => results.get(id)!.rankInCategory)).toEqual([1, 2, 2, 4]);
    expect(['a', 'b', 'c', 'd'].map((id) => results.get(id)!.rankInPeerGroup)).toEqual([1, 2, 2, 4]);
  });

  it('raising one item’s percent complete never lowers its rank and never adds a flag', () => {
    fc.assert(
      fc.property(
        scenarioArb.chain((s) =>
          fc.record({
            s: fc.constant(s),
            index: fc.nat({ max: s.items.length - 1 }),
            raise: fc.oneof(
              fc.integer({ min: 1, max: 100 }),
              fc.integer({ min: 1, max: 50 }).map((n) => n / 10),
            ),
          }),
        ),
        ({ s, index, raise }) => {
          const target = s.items[index]!;
          const raised = s.items.map((i) =>
            i === target ? { ...i, percentComplete: Math.min(100, i.percentComplete + raise) } : i,
          );
          const before = byId(evaluate(s.items, s.date, s.previous, s.thresholds)).get(target.itemId)!;
          const after = byId(evaluate(raised, s.date, s.previous, s.thresholds)).get(target.itemId)!;
          expect(after.score).toBeGreaterThanOrEqual(before.score);
          expect(after.rankInCategory).toBeLessThanOrEqual(before.rankInCategory);
          expect(after.rankInPeerGroup).toBeLessThanOrEqual(before.rankInPeerGroup);
          for (const f of after.flags) expect(before.flags).toContain(f);
          expect(after.bottomRunning).toBeLessThanOrEqual(before.bottomRunning);
        },
      ),
    );
  });
});

describe('rankUnits', () => {
  it('each unit once, scored by the mean of its items, ranked within its peer group', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const results = evaluate(s.items, s.date, s.previous, s.thresholds);
        const units = rankUnits(results);
        const unitIds = [...new Set(results.map((r) => r.unitId))].sort();
        expect(units.map((u) => u.unitId).sort()).toEqual(unitIds);
        for (const u of units) {
          const mine = results.filter((r) => r.unitId === u.unitId);
          expect(u.items).toBe(mine.length);
          expect(u.peerGroup).toBe(UNITS[u.unitId]);
          const mean = mine.reduce((t, r) => t + r.score, 0) / mine.length;
          expect(Math.abs(u.score - mean)).toBeLessThanOrEqual(0.05 + 1e-9);
          const peers = units.filter((p) => p.peerGroup === u.peerGroup);
          expect(u.groupSize).toBe(peers.length);
          expect(u.rank).toBe(1 + peers.filter((p) => p.score > u.score).length);
        }
        // Ordered by peer group, then rank, then unit id.
        const order = [...units].sort((a, b) =>
          a.peerGroup !== b.peerGroup
            ? a.peerGroup < b.peerGroup
              ? -1
              : 1
            : a.rank - b.rank || (a.unitId < b.unitId ? -1 : 1),
        );
        expect(units).toEqual(order);
        // And independent of the order of the results.
        expect(rankUnits([...results].reverse())).toEqual(units);
      }),
    );
  });
});

describe('evaluate in chunks (the sharded evaluation workflow)', () => {
  it('scores per chunk, tallies merged in any order, results per chunk: the same as one pass', () => {
    fc.assert(
      fc.property(
        scenarioArb.chain((s) =>
          fc.record({
            s: fc.constant(s),
            size: fc.integer({ min: 1, max: s.items.length }),
            order: shuffledArb(s.items),
          }),
        ),
        ({ s, size, order }) => {
          const chunks: ItemSnapshot[][] = [];
          for (let i = 0; i < order.length; i += size) chunks.push(order.slice(i, i + size));
          const scored = chunks.map((c) => c.map((i) => scoreItem(i, s.date)));
          const tally = mergeTallies(scored.map(tallyScores).reverse());
          expect(tally).toEqual(tallyScores(s.items.map((i) => scoreItem(i, s.date))));
          const results = scored
            .flatMap((c) => c.map((x) => resultOf(x, tally, s.previous.get(x.itemId), s.thresholds)))
            .sort((a, b) => (a.itemId < b.itemId ? -1 : 1));
          const whole = evaluate(s.items, s.date, s.previous, s.thresholds);
          expect(results).toEqual(whole);
          expect(rankUnitsOf(tally)).toEqual(rankUnits(whole));
        },
      ),
    );
  });
});

describe('expectedProgress', () => {
  const anyPlanArb = fc.oneof(
    planArb,
    // Also plans the item validation would refuse: weights that do not add up to 100,
    // milestones outside the start–deadline span.
    fc.record({
      startDate: fc.integer({ min: 0, max: 300 }).map(dateAt),
      deadline: fc.integer({ min: 0, max: 300 }).map(dateAt),
      milestones: fc.array(
        fc.record({
          id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
          title: fc.constant('m'),
          dueDate: fc.integer({ min: -20, max: 320 }).map(dateAt),
          weight: fc.integer({ min: 1, max: 100 }),
        }),
        { maxLength: 5 },
      ),
    }),
  );

  it('lies within 0..100 and never decreases as the date moves on', () => {
    fc.assert(
      fc.property(anyPlanArb, evalDateArb, evalDateArb, (plan, d1, d2) => {
        const [early, late] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const a = expectedProgress(plan, early);
        const b = expectedProgress(plan, late);
        for (const v of [a, b]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(100);
        }
        expect(b).toBeGreaterThanOrEqual(a);
      }),
    );
  });

  it('is 0 before the plan starts and 100 from the deadline on (valid plans)', () => {
    fc.assert(
      fc.property(planArb, fc.integer({ min: 1, max: 60 }), (plan, days) => {
        expect(expectedProgress(plan, dateAt(offsetOf(plan.startDate) - days))).toBe(0);
        expect(expectedProgress(plan, plan.deadline)).toBe(100);
        expect(expectedProgress(plan, dateAt(offsetOf(plan.deadline) + days))).toBe(100);
      }),
    );
  });

  it('follows the milestones: their weights when due, linear in between', () => {
    const plan = {
      startDate: '2022-04-22',
      deadline: '2022-12-31',
      milestones: [
        { id: 'm2', title: 'Works finished', dueDate: '2022-11-30', weight: 60 },
        { id: 'm1', title: 'Plan approved', dueDate: '2022-06-30', weight: 40 },
      ],
    };
    expect(expectedProgress(plan, '2022-04-22')).toBe(0);
    // 8 of the 69 days towards m1 (weight 40).
    expect(expectedProgress(plan, '2022-04-30')).toBe(Math.round(((40 * 8) / 69) * 10) / 10);
    expect(expectedProgress(plan, '2022-06-30')).toBe(40);
    // Half-way (76 of 153 days) from m1 to m2: 40 + 60 × 76/153.
    expect(expectedProgress(plan, '2022-09-14')).toBe(Math.round((40 + (60 * 76) / 153) * 10) / 10);
    expect(expectedProgress(plan, '2022-11-30')).toBe(100);
    // Without milestones: linear from start to deadline.
    expect(
      expectedProgress({ startDate: '2022-04-22', deadline: '2022-07-09', milestones: [] }, '2022-05-31'),
    ).toBe(50);
  });
});

describe('evaluate: flags and the bottom', () => {
  it('each flag is raised exactly when its rule holds; the figures are consistent', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const results = byId(evaluate(s.items, s.date, s.previous, s.thresholds));
        // One comparison per scenario (expect() in the inner loop is what costs time).
        const got = s.items.map((item) => {
          const r = results.get(item.itemId)!;
          return {
            itemId: item.itemId,
            expected: r.expected,
            actual: r.actual,
            lag: r.lag,
            score: r.score + 0,
            flags: [...r.flags].sort(),
            missedDeadline: r.missedDeadline,
            overdueMilestones: r.overdueMilestones,
          };
        });
        const want = s.items.map((item) => {
          const r = results.get(item.itemId)!;
          const expected = expectedProgress(item, s.date);
          const actual = Math.round(item.percentComplete * 10) / 10;
          const lag = Math.round((expected - actual) * 10) / 10;
          const overdueMilestones = item.milestones
            .filter((m) => m.dueDate < s.date && !item.milestonesDone[m.id])
            .map((m) => m.id)
            .sort();
          const missedDeadline = item.deadline < s.date && actual < 100;
          const flags = [
            ...(lag >= s.thresholds.seriousLagPoints ? ['lagging_progress'] : []),
            ...(r.bottomRunning >= s.thresholds.bottomPeriodsRunning ? ['lagging_rank'] : []),
            ...(overdueMilestones.length > 0 ? ['overdue_milestone'] : []),
            ...(missedDeadline ? ['missed_deadline'] : []),
          ].sort();
          return {
            itemId: item.itemId,
            expected,
            actual,
            lag,
            score: Math.round((actual - expected) * 10) / 10 + 0,
            flags,
            missedDeadline,
            overdueMilestones,
          };
        });
        expect(got).toEqual(want);
        // Investment completion: projects with a target only, to a thousandth.
        const badRatios = s.items.filter((item) => {
          const r = results.get(item.itemId)!;
          if (item.kind !== 'project' || !item.annualInvestmentTarget) return r.investmentRatio !== undefined;
          const ratio = (item.investmentCompleted ?? 0) / item.annualInvestmentTarget;
          // Rounded to a thousandth: off by at most half of one, plus float noise that grows with
          // the ratio (a ratio of 6e7 sits exactly on a half-thousandth boundary).
          return (
            r.investmentRatio === undefined ||
            Math.abs(r.investmentRatio - ratio) > 0.0005 + 1e-9 * Math.max(1, Math.abs(ratio))
          );
        });
        expect(badRatios).toEqual([]);
      }),
    );
  });

  it('a lag of exactly the threshold is serious; a tenth less is not', () => {
    fc.assert(
      fc.property(
        scenarioArb.chain((s) =>
          fc.record({ s: fc.constant(s), index: fc.nat({ max: s.items.length - 1 }) }),
        ),
        ({ s, index }) => {
          const id = s.items[index]!.itemId;
          const lag = byId(evaluate(s.items, s.date, s.previous)).get(id)!.lag;
          const at = (seriousLagPoints: number) =>
            byId(evaluate(s.items, s.date, s.previous, { ...s.thresholds, seriousLagPoints })).get(id)!.flags;
          expect(at(lag)).toContain('lagging_progress');
          expect(at(Math.round((lag + 0.1) * 10) / 10)).not.toContain('lagging_progress');
        },
      ),
    );
    // 50% expected on 31 May (linear from 22 April to 9 July): 30% is 20 points behind.
    const item = (percentComplete: number): ItemSnapshot => ({
      itemId: `at-${percentComplete}`,
      kind: 'task',
      category: 'siege',
      unitId: 'meilin',
      peerGroup: 'subdistrict',
      startDate: '2022-04-22',
      deadline: '2022-07-09',
      milestones: [],
      milestonesDone: {},
      percentComplete,
    });
    const [at30, at301] = evaluate([item(30), item(30.1)], '2022-05-31', new Map());
    expect(at30).toMatchObject({ expected: 50, lag: 20, flags: ['lagging_progress'] });
    expect(at301).toMatchObject({ lag: 19.9, flags: [] });
  });

  it('counts the periods running in the bottom from the previous results', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const results = evaluate(s.items, s.date, s.previous, s.thresholds);
        for (const r of results) {
          const bottomCount = Math.max(1, Math.ceil(r.categorySize * s.thresholds.bottomShare));
          expect(r.inBottom).toBe(
            r.categorySize > 1 && r.rankInCategory > r.categorySize - bottomCount && r.score < 0,
          );
          const prev = s.previous.get(r.itemId);
          expect(r.bottomRunning).toBe(r.inBottom ? (prev?.bottomRunning ?? 0) + 1 : 0);
          if (prev) expect(r.rankChange).toBe(prev.rankInCategory - r.rankInCategory);
          else expect(r).not.toHaveProperty('rankChange');
        }
      }),
    );
  });

  it('period after period, an item that stays in the bottom is flagged from the n-th period on', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 6 }), (s, periods) => {
        let previous = new Map<string, PreviousResult>();
        const running = new Map<string, number>();
        for (let p = 1; p <= periods; p++) {
          const results = evaluate(s.items, s.date, previous, s.thresholds);
          for (const r of results) {
            // Same items, same date: the same items are in the bottom every period.
            running.set(r.itemId, r.inBottom ? (running.get(r.itemId) ?? 0) + 1 : 0);
            expect(r.bottomRunning).toBe(running.get(r.itemId));
            expect(r.bottomRunning).toBe(r.inBottom ? p : 0);
            expect(r.flags.includes('lagging_rank')).toBe(
              r.inBottom && p >= s.thresholds.bottomPeriodsRunning,
            );
            if (p > 1) expect(r.rankChange).toBe(0);
          }
          previous = new Map(results.map((r) => [r.itemId, r]));
        }
      }),
    );
  });

  it('a known bottom: the last of its category, behind plan, two periods running ⇒ lagging_rank', () => {
    const item = (itemId: string, percentComplete: number): ItemSnapshot => ({
      itemId,
      kind: 'task',
      category: 'bottom-line',
      unitId: 'meilin',
      peerGroup: 'subdistrict',
      startDate: '2022-04-22',
      deadline: '2022-12-31',
      milestones: [],
      milestonesDone: {},
      percentComplete,
    });
    const items = [item('good', 60), item('fair', 30), item('poor', 10)];
    const may = evaluate(items, periodEnd('2022-05'), new Map());
    const poorMay = byId(may).get('poor')!;
    expect(poorMay).toMatchObject({ inBottom: true, bottomRunning: 1, rankInCategory: 3 });
    expect(poorMay.flags).not.toContain('lagging_rank');
    const june = evaluate(
      items,
      periodEnd('2022-06'),
      new Map(may.map((r) => [r.itemId, r])),
      DEFAULT_THRESHOLDS,
    );
    const poorJune = byId(june).get('poor')!;
    expect(poorJune).toMatchObject({ inBottom: true, bottomRunning: 2, rankChange: 0 });
    expect(poorJune.flags).toContain('lagging_rank');
    expect(byId(june).get('fair')!.bottomRunning).toBe(0);
  });

  it('an item alone in its category is never in the bottom', () => {
    fc.assert(
      fc.property(
        snapshotArb([{ startDate: '2022-01-01', deadline: '2022-03-01', milestones: [] }]),
        (item) => {
          const [r] = evaluate(
            [item],
            '2022-02-01',
            new Map([[item.itemId, { rankInCategory: 1, bottomRunning: 9 }]]),
          );
          expect(r!.inBottom).toBe(false);
          expect(r!.bottomRunning).toBe(0);
        },
      ),
    );
  });
});

describe('periods', () => {
  it('periodEnd is the last day of the month; previousPeriod steps back one month', () => {
    expect(periodEnd('2022-02')).toBe('2022-02-28');
    expect(periodEnd('2024-02')).toBe('2024-02-29');
    expect(periodEnd('2022-12')).toBe('2022-12-31');
    expect(previousPeriod('2022-01')).toBe('2021-12');
    expect(previousPeriod('2022-10')).toBe('2022-09');
    expect(() => periodEnd('2022-13')).toThrow(RangeError);
  });
});
