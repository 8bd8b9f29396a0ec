/** Applying results: ledger entries and public notices for graded orders; re-grading. */

import { UnitOfWork } from '#data/db.ts';
import { getItem, saveItem } from '#data/items.ts';
import { listOrders } from '#data/orders.ts';
import { ledgerOf, putLedgerEntry, putNotice, putRuleSet, ruleSet, rulesOnly } from '#data/results.ts';
import { findUnit } from '#data/units.ts';
import { RuleViolation } from '#domain/errors.ts';
import { gradeOrder, needsRegrade, outcomeOf, RuleSet } from '#domain/grading.ts';
import type { Order } from '#domain/model.ts';
import { orderNotice, unitNameZh } from '#domain/notices.ts';
import { canonicalJson } from '#lib/canonical-json.ts';
import { type Ctx, isoNow, parse, withRetry } from './support.ts';

/**
 * Adds the ledger entries (unit and project manager) and the public notice an order's
 * outcome warrants under the rules in force, to the order's own transaction.
 */
export async function applyResults(uow: UnitOfWork, order: Order, at: string): Promise<void> {
  const outcome = outcomeOf(order);
  if (!outcome) return;
  const rules = await ruleSet();
  for (const entry of gradeOrder(order, rules, at)) putLedgerEntry(uow, entry);
  const effect = rules.effects[outcome];
  if (effect.publicNotice === 'none') return;
  const unit = await findUnit(order.unitId);
  const notice = orderNotice(order, outcome, effect, unitNameZh(unit, order.unitId));
  if (!notice) return;
  putNotice(uow, {
    noticeId: `${order.orderId}-${outcome.replace(':', '-')}`,
    year: order.year,
    at,
    ...notice,
    unitId: order.unitId,
    itemId: order.itemId,
    orderId: order.orderId,
  });
}

/**
 * Publishes a new rule set and re-grades every graded order of `year` under it (with `period`,
 * a month `YYYY-MM`, only the orders whose entries were graded in that month): each ledger
 * entry is replaced (conditioned on the version it had) and the item's audit trail records
 * the re-grading, order by order (one transaction of at most 3 items per order).
 */
export async function regrade(
  ctx: Ctx,
  year: number,
  input: unknown,
  period?: string,
): Promise<{ version: number; regraded: number }> {
  const next = parse(RuleSet, input);
  const current = rulesOnly(await ruleSet());
  // The same rule set again resumes a re-grading that stopped part-way (entries already on
  // this version are skipped); any other set must be the next version.
  const resuming = next.version === current.version && canonicalJson(next) === canonicalJson(current);
  if (!resuming) {
    if (next.version !== current.version + 1) {
      throw new RuleViolation(
        'rules.version_not_next',
        `the next rule set is version ${current.version + 1}`,
        [{ path: 'version', message: `expected ${current.version + 1}` }],
      );
    }
    const uow = new UnitOfWork();
    putRuleSet(uow, next, current.version);
    await uow.commit();
  }

  let regraded = 0;
  for (const type of ['commendation', 'inquiry'] as const) {
    let cursor: string | undefined;
    do {
      const page = await listOrders({ year, type }, 100, cursor);
      for (const order of page.items) {
        if (!outcomeOf(order)) continue;
        await withRetry(async () => {
          const at = isoNow();
          const existing = await ledgerOf({ type: 'unit', id: order.unitId }, year);
          const before = existing.find((e) => e.orderId === order.orderId);
          if (!before || !needsRegrade(before, next, period)) return;
          const item = await getItem(order.itemId);
          const tx = new UnitOfWork();
          for (const entry of gradeOrder(order, next, at))
            putLedgerEntry(tx, entry, { previousRuleVersion: before.ruleVersion });
          saveItem(tx, item, { ...item, updatedAt: at }, [
            {
              type: 'ledger.regraded',
              actor: ctx.actor,
              data: {
                orderId: order.orderId,
                from: before.ruleVersion,
                to: next.version,
                ...(period ? { period } : {}),
              },
            },
          ]);
          await tx.commit();
          regraded++;
        });
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
  return { version: next.version, regraded };
}
