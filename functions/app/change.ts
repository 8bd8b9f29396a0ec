/** The read-decide-write cycle every item command goes through. */

import { UnitOfWork } from '#data/db.ts';
import { getItemAndWait, itemPk, saveItem } from '#data/items.ts';
import { consumeWait } from '#data/waits.ts';
import type { NewAuditEvent } from '#domain/audit.ts';
import type { EvidenceFile } from '#domain/evidence.ts';
import { canApply, type ItemCommand } from '#domain/lifecycle.ts';
import type { Item } from '#domain/model.ts';
import type { VerbCommand } from '#domain/verbs.ts';
import { workflows } from './ports.ts';
import { isoNow, startItemWorkflow, startLeftToReconciler, withRetry } from './support.ts';

export interface Decision<R> {
  after: Item;
  events: NewAuditEvent[];
  result?: R;
}

/**
 * Loads the item (with its workflow's wait record, in one request), checks the lifecycle rule
 * for `command`, lets `decide` compute the new item and add more writes to the unit of work,
 * commits it all at once (retrying lost races), then wakes the item's workflow (or starts it
 * if this change created it). The wait record is consumed in the same commit: a commit whose
 * wait record changed since it was read (the workflow recorded a new wait) is a lost race and
 * runs again, so no wake-up is lost; a command costs two DynamoDB requests and one signal.
 *
 * The command answers with the decision's `result`, or the saved item when it has none:
 * that answer is known before the commit and goes with it (the Idempotency-Key record of
 * the request, if any, commits in the same transaction).
 */
export async function changeItem<R = undefined>(
  itemId: string,
  command: ItemCommand | VerbCommand,
  decide: (
    item: Item,
    uow: UnitOfWork,
    at: string,
    files: (EvidenceFile | undefined)[],
  ) => Promise<Decision<R>> | Decision<R>,
  /** Checked on the item as read, before the lifecycle rule; a verb of supervision checks its own rule here. */
  authorize?: (item: Item) => void,
  /** Evidence files of the item to read in the same request (a report's references). */
  fileIds: readonly string[] = [],
): Promise<{ item: Item; result: R | undefined }> {
  const { saved, result, started, wake } = await withRetry(async () => {
    const { item: before, wait, files } = await getItemAndWait(itemId, fileIds);
    authorize?.(before);
    const allowed = canApply(before, command);
    if (!allowed.ok) throw allowed.error;
    const uow = new UnitOfWork();
    const at = isoNow();
    const d = await decide(before, uow, at, files);
    const saved = saveItem(uow, before, { ...d.after, updatedAt: at }, d.events);
    const started = saved.workflow !== undefined && saved.workflow.generation !== before.workflow?.generation;
    const wake = started ? undefined : consumeWait(uow, itemPk(itemId), wait, saved.version);
    await uow.commit(d.result !== undefined ? d.result : saved);
    return { saved, result: d.result, started, wake };
  });
  // A change that recorded a new generation (the first, or one after the last ended) starts it.
  // The generation recorded in the commit is the outbox record: a start that fails now
  // (throttled, the service unreachable) is finished by the reconciler, which finds the
  // recorded execution missing and starts the item's workflow. The command has happened.
  if (started) await startItemWorkflow(saved).catch((err: unknown) => startLeftToReconciler(saved, err));
  else if (wake) await workflows().signal(wake.token, { reason: command, version: saved.version });
  return { item: saved, result };
}
