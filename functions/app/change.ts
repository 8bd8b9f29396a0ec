/** The read-decide-write cycle every item command goes through. */

import { UnitOfWork } from '#data/db.ts';
import { getItem, saveItem } from '#data/items.ts';
import type { NewAuditEvent } from '#domain/audit.ts';
import { canApply, type ItemCommand } from '#domain/lifecycle.ts';
import type { Item } from '#domain/model.ts';
import { isoNow, startItemWorkflow, startLeftToReconciler, wakeItem, withRetry } from './support.ts';

export interface Decision<R> {
  after: Item;
  events: NewAuditEvent[];
  result?: R;
}

/**
 * Loads the item, checks the lifecycle rule for `command`, lets `decide` compute the new
 * item and add more writes to the unit of work, commits it all at once (retrying lost
 * races), then wakes the item's workflow (or starts it if this change created it).
 *
 * The command answers with the decision's `result`, or the saved item when it has none:
 * that answer is known before the commit and goes with it (the Idempotency-Key record of
 * the request, if any, commits in the same transaction).
 */
export async function changeItem<R = undefined>(
  itemId: string,
  command: ItemCommand,
  decide: (item: Item, uow: UnitOfWork, at: string) => Promise<Decision<R>> | Decision<R>,
): Promise<{ item: Item; result: R | undefined }> {
  const { saved, result, started } = await withRetry(async () => {
    const before = await getItem(itemId);
    const allowed = canApply(before, command);
    if (!allowed.ok) throw allowed.error;
    const uow = new UnitOfWork();
    const at = isoNow();
    const d = await decide(before, uow, at);
    const saved = saveItem(uow, before, { ...d.after, updatedAt: at }, d.events);
    await uow.commit(d.result !== undefined ? d.result : saved);
    const started = saved.workflow !== undefined && saved.workflow.generation !== before.workflow?.generation;
    return { saved, result: d.result, started };
  });
  // A change that recorded a new generation (the first, or one after the last ended) starts it.
  // The generation recorded in the commit is the outbox record: a start that fails now
  // (throttled, the service unreachable) is finished by the reconciler, which finds the
  // recorded execution missing and starts the item's workflow. The command has happened.
  if (started) await startItemWorkflow(saved).catch((err: unknown) => startLeftToReconciler(saved, err));
  else await wakeItem(saved, command);
  return { item: saved, result };
}
