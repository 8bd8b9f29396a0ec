/** Use cases on items and the list: create, edit a draft, publish a batch, reopen, close claims. */

import { NEW_TRAIL } from '#data/audit.ts';
import { batchesOf, createBatch } from '#data/batches.ts';
import { claimsOf, saveClaim } from '#data/claims.ts';
import { UnitOfWork } from '#data/db.ts';
import { getItem, saveItem, createItem as storeItem } from '#data/items.ts';
import { getUnit } from '#data/units.ts';
import { registerYear } from '#data/years.ts';
import { CreateItemInput, PatchItemInput, PublishBatchInput, ReopenInput } from '#domain/commands.ts';
import { generationOf } from '#domain/continuation.ts';
import { RuleViolation } from '#domain/errors.ts';
import { canApply } from '#domain/lifecycle.ts';
import type { Batch, Item } from '#domain/model.ts';
import { newId } from '#lib/ids.ts';
import { changeItem } from '../change.ts';
import { type HandOver, workflows } from '../ports.ts';
import {
  type Ctx,
  executionName,
  isoNow,
  parse,
  startItemWorkflow,
  startLeftToReconciler,
  wakeItem,
  withRetry,
} from '../support.ts';

/**
 * A new draft item from checked input (not yet written): the office's create command and the
 * acceptance of a proposal (which writes it in the proposal's transaction) build it here.
 */
export async function draftItem(
  v: CreateItemInput,
  at: string,
  itemId?: string,
  proposalId?: string,
): Promise<Item> {
  if (v.leadUnitId) await getUnit(v.leadUnitId);
  // The year is listed before its first item exists (the reconciler visits listed years): every
  // new item, created by the office or accepted from a proposal, is built here.
  await registerYear(v.year);
  return {
    itemId: itemId ?? newId(`${v.year}-${v.kind.slice(0, 1).toUpperCase()}`),
    year: v.year,
    kind: v.kind,
    itemClass: v.itemClass,
    category: v.category,
    title: v.title,
    description: v.description ?? '',
    ...(v.leadLeader ? { leadLeader: v.leadLeader } : {}),
    ...(v.leadUnitId ? { leadUnitId: v.leadUnitId } : {}),
    supportingUnitIds: v.supportingUnitIds ?? [],
    ...(v.project ? { project: v.project } : {}),
    milestones: v.milestones ?? [],
    deadline: v.deadline,
    targets: v.targets ?? [],
    status: 'draft',
    percentComplete: 0,
    investmentCompleted: 0,
    milestonesDone: {},
    openInquiryIds: [],
    inquiriesToStart: [],
    lapsesActedOn: [],
    acknowledgementReminded: false,
    createdAt: at,
    updatedAt: at,
    version: 0,
    ...(proposalId ? { proposalId } : {}),
    ...NEW_TRAIL,
  };
}

export async function createItem(ctx: Ctx, input: unknown, itemId?: string): Promise<Item> {
  const v = parse(CreateItemInput, input);
  const item = await draftItem(v, isoNow(), itemId);
  const uow = new UnitOfWork();
  const saved = storeItem(uow, item, [
    { type: 'item.created', actor: ctx.actor, data: { title: item.title, itemClass: item.itemClass } },
  ]);
  await uow.commit(saved);
  return saved;
}

export async function editItem(ctx: Ctx, itemId: string, input: unknown): Promise<Item> {
  const patch = parse(PatchItemInput, input);
  const { item } = await changeItem(itemId, 'edit', (before) => {
    const after: Item = { ...before, ...patch };
    const checked = CreateItemInput.safeParse({
      year: after.year,
      kind: after.kind,
      itemClass: after.itemClass,
      category: after.category,
      title: after.title,
      deadline: after.deadline,
      milestones: after.milestones,
      ...(after.project ? { project: after.project } : {}),
    });
    if (!checked.success) {
      throw new RuleViolation(
        'item.edit.inconsistent',
        'the edited item is not consistent',
        checked.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    return {
      after,
      events: [{ type: 'item.edited', actor: ctx.actor, data: { fields: Object.keys(patch) } }],
    };
  });
  return item;
}

/**
 * Publishes a batch: every item moves to `published` with the claim window, the batch is
 * recorded with its number, and each item's workflow starts. All of it in one transaction
 * (hence at most 49 items a batch: 1 + 2 writes per item, and an Idempotency-Key record,
 * within DynamoDB's 100).
 */
export async function publishBatch(ctx: Ctx, year: number, input: unknown): Promise<Batch> {
  const v = parse(PublishBatchInput, input);
  const at = isoNow();
  const opensAt = v.claimWindow.opensAt ?? at;
  if (v.claimWindow.closesAt <= at) {
    throw new RuleViolation('batch.window_in_past', 'the claim window must close in the future', [
      { path: 'claimWindow.closesAt', message: 'in the past' },
    ]);
  }
  // One transaction: the batch record, every item and its audit event. A bad id, an item in
  // the wrong state or a lost race publishes nothing.
  const { batch, saved } = await withRetry(async () => {
    const items = await Promise.all(v.itemIds.map((id) => getItem(id)));
    for (const [i, item] of items.entries()) {
      const allowed = canApply(item, 'publish');
      if (!allowed.ok) {
        throw new RuleViolation(allowed.error.rule, allowed.error.message, [
          { path: `itemIds.${i}`, message: allowed.error.message },
        ]);
      }
      if (item.year !== year) {
        throw new RuleViolation('batch.wrong_year', `item ${item.itemId} belongs to ${item.year}`, [
          { path: `itemIds.${i}`, message: `item of ${item.year}` },
        ]);
      }
    }
    const batchNo = (await batchesOf(year)).length + 1;
    const b: Batch = {
      year,
      batchNo,
      title: v.title ?? `${year} list, batch ${batchNo}`,
      itemIds: v.itemIds,
      publishedAt: at,
      claimWindow: { opensAt, closesAt: v.claimWindow.closesAt },
      counts: {
        total: items.length,
        classA: items.filter((i) => i.itemClass === 'A').length,
        classB: items.filter((i) => i.itemClass === 'B').length,
      },
    };
    const uow = new UnitOfWork();
    createBatch(uow, b);
    const saved = items.map((before) =>
      saveItem(
        uow,
        before,
        {
          ...before,
          status: 'published',
          batchNo,
          claimWindow: b.claimWindow,
          // An unclaimed item put on a new batch keeps its running workflow (which wakes up).
          workflow: before.workflow ?? { executionName: executionName(before.itemId, 1), generation: 1 },
          updatedAt: at,
        },
        [{ type: 'item.published', actor: ctx.actor, data: { batchNo, claimWindow: b.claimWindow } }],
      ),
    );
    await uow.commit(b);
    return { batch: b, saved: saved.map((item, i) => ({ item, started: !items[i]!.workflow })) };
  });
  for (const { item, started } of saved) {
    // The generation committed with the publication is the outbox record: a start failing
    // now is finished by the reconciler (functions/app/reconcile.ts); the batch is published.
    if (started) await startItemWorkflow(item).catch((err: unknown) => startLeftToReconciler(item, err));
    else await wakeItem(item, 'publish');
  }
  return batch;
}

/**
 * An unclaimed item, or one whose claims the office found unsuitable, goes back on the list
 * with a new window; pending claims are declined (and their units told through the trail).
 */
export async function reopen(ctx: Ctx, itemId: string, input: unknown): Promise<Item> {
  const v = parse(ReopenInput, input);
  const { item } = await changeItem(itemId, 'reopen', async (before, uow, at) => {
    if (v.closesAt <= at) {
      throw new RuleViolation('item.reopen.window_in_past', 'the new window must close in the future', [
        { path: 'closesAt', message: 'in the past' },
      ]);
    }
    const pending = (await claimsOf(itemId)).filter((c) => c.status === 'pending');
    for (const c of pending) saveClaim(uow, c, { ...c, status: 'declined', decidedAt: at });
    return {
      after: { ...before, status: 'published', claimWindow: { opensAt: at, closesAt: v.closesAt } },
      events: [
        {
          type: 'item.reopened',
          actor: ctx.actor,
          data: { closesAt: v.closesAt, declined: pending.map((c) => c.unitId) },
        },
      ],
    };
  });
  return item;
}

/** The claim window closed (the workflow's timer): to award, or unclaimed. */
export async function closeClaims(ctx: Ctx, itemId: string): Promise<Item> {
  const { item } = await changeItem(itemId, 'close_claims', async (before, _uow, at) => {
    if (before.claimWindow && at < before.claimWindow.closesAt) {
      throw new RuleViolation(
        'item.close_claims.window_open',
        `the window stays open until ${before.claimWindow.closesAt}`,
      );
    }
    const pending = (await claimsOf(itemId)).filter((c) => c.status === 'pending').length;
    return {
      after: { ...before, status: pending > 0 ? 'claims_closed' : 'unclaimed' },
      events: [
        {
          type: pending > 0 ? 'item.claims_closed' : 'item.unclaimed',
          actor: ctx.actor,
          data: { claims: pending },
        },
      ],
    };
  });
  return item;
}

/**
 * Restarts an item's workflow from the state recorded in DynamoDB (definition upgrade,
 * carry-over, restart of the local runtime): a new generation, a new execution name.
 *
 * With `handOver`, the running execution `handOver.from` continues as new (continue-as-new,
 * its HandOver step): the same next generation and transaction, audited as
 * `item.workflow_handed_over`, started on the caller's own state machine; the caller is not
 * stopped (it ends itself). Only the generation recorded for the item hands over: a retry
 * after the commit finds its successor recorded and starts it again (idempotent); an execution
 * superseded meanwhile changes nothing.
 */
export async function restartWorkflow(
  ctx: Ctx,
  itemId: string,
  note?: string,
  handOver?: HandOver,
): Promise<Item> {
  const result = await withRetry(async () => {
    const before = await getItem(itemId);
    if (before.status === 'draft') throw new RuleViolation('item.restart.draft', 'a draft has no workflow');
    if (handOver) {
      const recorded = before.workflow?.executionName;
      if (recorded === executionName(itemId, generationOf(handOver.from) + 1))
        return { saved: before, start: true };
      if (recorded !== handOver.from) return { saved: before, start: false };
    }
    const generation = (before.workflow?.generation ?? 0) + 1;
    const uow = new UnitOfWork();
    const saved = saveItem(
      uow,
      before,
      {
        ...before,
        workflow: { executionName: executionName(itemId, generation), generation },
        updatedAt: isoNow(),
      },
      [
        handOver
          ? {
              type: 'item.workflow_handed_over',
              actor: ctx.actor,
              data: { generation, status: before.status, from: handOver.from, reason: handOver.reason },
            }
          : {
              type: 'item.workflow_restarted',
              actor: ctx.actor,
              data: { generation, status: before.status, ...(note ? { note } : {}) },
            },
      ],
    );
    await uow.commit();
    return { saved, start: true };
  });
  const { saved } = result;
  if (!result.start) return saved;
  // One execution per item: the previous generation (if it still runs) makes way.
  const previous = saved.workflow!.generation - 1;
  if (previous >= 1 && !handOver) {
    await workflows().stop(
      'ItemLifecycle',
      executionName(itemId, previous),
      `restarted as generation ${previous + 1}`,
    );
  }
  await startItemWorkflow(saved, handOver ? { stateMachineArn: handOver.stateMachineArn } : {});
  return saved;
}
