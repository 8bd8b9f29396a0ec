/**
 * Statistics of a year as counters: what an item on the list adds to them, and the public
 * statistics computed from them. Pure. The year's counters are one record, moved by ADD in
 * the transaction of every change (functions/data/db.ts UnitOfWork.count) and rebuilt from
 * the items by functions/app/stats.ts — both through `contribution`, so they cannot disagree.
 */
import { countsInPublicStatistics } from './access.ts';
import type { YearStats } from './answers.ts';
import {
  type Batch,
  CATEGORIES,
  ITEM_CLASSES,
  ITEM_KINDS,
  ITEM_STATUSES,
  type Item,
  ORDER_TYPES,
  STAGES,
} from './model.ts';

/** Counter name → value (money in whole yuan: sums stay exact integers). */
export type Counters = Record<string, number>;

const STAGE_FIELDS = ['count', 'totalInvestment', 'annualInvestmentTarget', 'investmentCompleted'] as const;

/** What an item adds to its year's counters: nothing unless it is on the list (drafts are not public). */
export function contribution(item: Item | undefined): Counters {
  if (!item || !countsInPublicStatistics(item)) return {};
  const c: Counters = {
    items: 1,
    [`kind.${item.kind}`]: 1,
    [`class.${item.itemClass}`]: 1,
    [`category.${item.category}`]: 1,
    [`status.${item.status}`]: 1,
  };
  if (item.project) {
    const s = `stage.${item.project.stage}`;
    c[`${s}.count`] = 1;
    c[`${s}.totalInvestment`] = item.project.totalInvestment;
    c[`${s}.annualInvestmentTarget`] = item.project.annualInvestmentTarget;
    c[`${s}.investmentCompleted`] = item.investmentCompleted;
  }
  return c;
}

/** What a batch adds to the list's counters. */
export function batchContribution(batch: Pick<Batch, 'counts'>): Counters {
  return {
    'list.batches': 1,
    'list.items': batch.counts.total,
    'list.classA': batch.counts.classA,
    'list.classB': batch.counts.classB,
  };
}

/** `a + sign × b`, without the counters that end at zero change. */
export function addCounters(a: Counters, b: Counters, sign = 1): Counters {
  const out: Counters = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + sign * v;
  for (const [k, v] of Object.entries(out)) if (v === 0) delete out[k];
  return out;
}

/** The change of a year's counters when `before` (none: a new item) becomes `after`. */
export const delta = (before: Item | undefined, after: Item): Counters =>
  addCounters(contribution(after), contribution(before), -1);

/** Sums the contributions (the rebuild). */
export function countersOf(items: Iterable<Item>, batches: Iterable<Pick<Batch, 'counts'>>): Counters {
  let c: Counters = {};
  for (const i of items) c = addCounters(c, contribution(i));
  for (const b of batches) c = addCounters(c, batchContribution(b));
  return c;
}

export type { YearStats };

const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 10_000) / 10_000 : 0);

/** The public statistics of a year from its counters and the number of orders of each type. */
export function statsFrom(year: number, c: Counters, orders: Readonly<Record<string, number>>): YearStats {
  const n = (k: string) => c[k] ?? 0;
  const by = <K extends string>(prefix: string, keys: readonly K[]) =>
    Object.fromEntries(keys.map((k) => [k, n(`${prefix}.${k}`)])) as Record<K, number>;
  const byStatus = by('status', ITEM_STATUSES);
  const byStage = Object.fromEntries(
    STAGES.map((s) => {
      const f = Object.fromEntries(STAGE_FIELDS.map((x) => [x, n(`stage.${s}.${x}`)])) as Record<
        (typeof STAGE_FIELDS)[number],
        number
      >;
      return [s, { ...f, completionRate: ratio(f.investmentCompleted, f.annualInvestmentTarget) }];
    }),
  ) as YearStats['projects']['byStage'];
  const started =
    (byStatus.awarded ?? 0) +
    (byStatus.in_progress ?? 0) +
    (byStatus.completion_reported ?? 0) +
    (byStatus.completed ?? 0);
  const listed = n('list.items');
  return {
    year,
    items: n('items'),
    byKind: by('kind', ITEM_KINDS),
    byClass: by('class', ITEM_CLASSES),
    byCategory: by('category', CATEGORIES),
    byStatus,
    projects: { byStage, totalInvestment: Object.values(byStage).reduce((t, s) => t + s.totalInvestment, 0) },
    completionRate: ratio(byStatus.completed ?? 0, started),
    list: {
      batches: n('list.batches'),
      items: listed,
      classA: n('list.classA'),
      classB: n('list.classB'),
      bottomUpShare: ratio(n('list.classB'), listed),
    },
    orders: Object.fromEntries(ORDER_TYPES.map((t) => [t, orders[t] ?? 0])) as YearStats['orders'],
  };
}
