/**
 * Statistics of a year for the public board: counts by kind, class, category, status and
 * stage; investment totals and completion by stage; the bottom-up share; orders by type;
 * the completion rate — of the items on the list (published or later; drafts are not public).
 * Computed from one GSI1 Query per year (paged) and three order Queries.
 */

import { batchesOf } from '#data/batches.ts';
import { itemsOfYear } from '#data/items.ts';
import { listOrders } from '#data/orders.ts';
import { countsInPublicStatistics } from '#domain/access.ts';
import {
  CATEGORIES,
  ITEM_CLASSES,
  ITEM_KINDS,
  ITEM_STATUSES,
  type Item,
  ORDER_TYPES,
  STAGES,
} from '#domain/model.ts';

const zero = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export interface YearStats {
  year: number;
  items: number;
  byKind: Record<string, number>;
  byClass: Record<string, number>;
  byCategory: Record<string, number>;
  byStatus: Record<string, number>;
  projects: {
    byStage: Record<
      string,
      {
        count: number;
        totalInvestment: number;
        annualInvestmentTarget: number;
        investmentCompleted: number;
        completionRate: number;
      }
    >;
    totalInvestment: number;
  };
  list: { batches: number; items: number; classA: number; classB: number; bottomUpShare: number };
  orders: Record<string, number>;
  completionRate: number;
}

export function summarise(year: number, items: readonly Item[]): Omit<YearStats, 'orders' | 'list'> {
  const byKind = zero(ITEM_KINDS);
  const byClass = zero(ITEM_CLASSES);
  const byCategory = zero(CATEGORIES);
  const byStatus = zero(ITEM_STATUSES);
  const byStage = Object.fromEntries(
    STAGES.map((s) => [
      s,
      { count: 0, totalInvestment: 0, annualInvestmentTarget: 0, investmentCompleted: 0, completionRate: 0 },
    ]),
  );
  for (const i of items) {
    byKind[i.kind]++;
    byClass[i.itemClass]++;
    byCategory[i.category]++;
    byStatus[i.status]++;
    if (i.project) {
      const s = byStage[i.project.stage]!;
      s.count++;
      s.totalInvestment += i.project.totalInvestment;
      s.annualInvestmentTarget += i.project.annualInvestmentTarget;
      s.investmentCompleted += i.investmentCompleted;
    }
  }
  for (const s of Object.values(byStage)) {
    s.completionRate = s.annualInvestmentTarget
      ? Math.round((s.investmentCompleted / s.annualInvestmentTarget) * 10_000) / 10_000
      : 0;
  }
  const started = byStatus.awarded + byStatus.in_progress + byStatus.completion_reported + byStatus.completed;
  return {
    year,
    items: items.length,
    byKind,
    byClass,
    byCategory,
    byStatus,
    projects: { byStage, totalInvestment: Object.values(byStage).reduce((t, s) => t + s.totalInvestment, 0) },
    completionRate: started ? Math.round((byStatus.completed / started) * 10_000) / 10_000 : 0,
  };
}

export async function yearStats(year: number): Promise<YearStats> {
  const items: Item[] = [];
  // Only items on the list: a draft (and its investment figures) is not public.
  for await (const i of itemsOfYear(year)) if (countsInPublicStatistics(i)) items.push(i);
  const base = summarise(year, items);
  const orders = zero(ORDER_TYPES);
  for (const type of ORDER_TYPES) {
    let cursor: string | undefined;
    do {
      const page = await listOrders({ year, type }, 100, cursor);
      orders[type] += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
  }
  const batches = await batchesOf(year);
  const listed = batches.reduce(
    (t, b) => ({
      items: t.items + b.counts.total,
      classA: t.classA + b.counts.classA,
      classB: t.classB + b.counts.classB,
    }),
    { items: 0, classA: 0, classB: 0 },
  );
  return {
    ...base,
    list: {
      batches: batches.length,
      ...listed,
      bottomUpShare: listed.items ? Math.round((listed.classB / listed.items) * 10_000) / 10_000 : 0,
    },
    orders,
  };
}
