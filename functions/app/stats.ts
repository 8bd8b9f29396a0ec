/**
 * Statistics of a year for the public board: counts by kind, class, category, status and
 * stage; investment totals and completion by stage; the bottom-up share; orders by type;
 * the completion rate — of the items on the list (published or later; drafts are not public).
 *
 * Read from the year's statistics record and its order counters in one BatchGetItem, at any
 * size (functions/domain/stats.ts computes them from the counters). The record moves in the
 * transaction of every change; `rebuildStats` computes it afresh from the items and batches
 * (a year written before the record existed, or a check).
 */

import { batchesOf } from '#data/batches.ts';
import { itemsOfYear } from '#data/items.ts';
import { readStats, replaceStats, statsRevision } from '#data/stats.ts';
import type { Item } from '#domain/model.ts';
import { type Counters, countersOf, statsFrom, type YearStats } from '#domain/stats.ts';
import { isoNow } from './support.ts';

export type { YearStats };

export async function yearStats(year: number): Promise<YearStats> {
  const { counters, orders } = await readStats(year);
  return statsFrom(year, counters, orders);
}

/** The counters of a year computed from its items (GSI1, every page) and its batches. */
export async function computeCounters(year: number): Promise<Counters> {
  const items: Item[] = [];
  for await (const i of itemsOfYear(year)) items.push(i);
  return countersOf(items, await batchesOf(year));
}

/**
 * Rebuilds the year's statistics record from its items and batches: replaced only if no
 * change moved it meanwhile (its revision), else computed again, up to `attempts` times.
 * Index Queries are eventually consistent: run it when the year's writes are quiet (a
 * migration, a check), not under load. Returns the counters written.
 */
export async function rebuildStats(year: number, attempts = 5): Promise<Counters> {
  for (let n = 0; n < attempts; n++) {
    const rev = await statsRevision(year);
    const counters = await computeCounters(year);
    if (await replaceStats(year, counters, rev, isoNow())) return counters;
  }
  throw new Error(`statistics of ${year} kept changing during ${attempts} rebuilds`);
}
