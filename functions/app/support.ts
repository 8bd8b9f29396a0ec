/** Plumbing shared by the commands: optimistic retry, input parsing, waking workflows. */
import type { z } from 'zod/mini';
import { itemPk } from '#data/items.ts';
import { orderPk } from '#data/orders.ts';
import { clearWait, findWait } from '#data/waits.ts';
import { Conflict, ValidationFailed } from '#domain/errors.ts';
import type { Actor, Item } from '#domain/model.ts';
import { now } from '#lib/clock.ts';
import { type StartOptions, workflows } from './ports.ts';

export interface Ctx {
  readonly actor: Actor;
}

/** Parses command input with its schema; failures become a 400 listing each offending field. */
export function parse<S extends z.ZodMiniType>(schema: S, input: unknown): z.infer<S> {
  const res = schema.safeParse(input);
  if (!res.success) {
    const at = (path: readonly PropertyKey[]) => path.map(String).join('.') || '(body)';
    throw new ValidationFailed(
      res.error.issues.flatMap((i) =>
        // One detail per unknown field, at the field's own path: the client sees what to drop.
        i.code === 'unrecognized_keys'
          ? i.keys.map((k) => ({ path: at([...i.path, k]), message: 'unknown field' }))
          : [{ path: at(i.path), message: i.message }],
      ),
    );
  }
  return res.data;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a read-decide-write attempt until it commits. A lost optimistic race re-reads and
 * decides again (so a rule that now forbids the command answers 422, not 409); after
 * `attempts` lost races (150: 50 concurrent writers to one item all land on DynamoDB Local) the Conflict reaches the caller as 409.
 */
export async function withRetry<T>(attempt: () => Promise<T>, attempts = 150): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof Conflict) || i >= attempts) throw err;
      const cap = Math.min(250, 5 * 2 ** Math.min(i, 6));
      await sleep(Math.random() * cap);
    }
  }
}

export const isoNow = () => now().toISOString();

/** Wakes the workflow waiting on a subject if it saw an older version than `version`. */
async function wake(subject: string, version: number, reason: string): Promise<void> {
  const wait = await findWait(subject);
  if (!wait || wait.version >= version) return;
  await clearWait(subject, wait.token);
  await workflows().signal(wait.token, { reason, version });
}

export const wakeItem = (item: Pick<Item, 'itemId' | 'version'>, reason: string) =>
  wake(itemPk(item.itemId), item.version, reason);

export const wakeOrder = (order: { orderId: string; version: number }, reason: string) =>
  wake(orderPk(order.orderId), order.version, reason);

export function executionName(itemId: string, generation: number): string {
  return `${itemId}--g${generation}`;
}

/**
 * A start that failed after its commit: said on the log (one line, for the operators) and
 * left to the reconciler, which finds the recorded execution missing and starts it.
 */
export function startLeftToReconciler(item: Pick<Item, 'itemId' | 'workflow'>, err: unknown): void {
  const e = err as { name?: string; message?: string };
  console.error(
    JSON.stringify({
      level: 'WARN',
      message: 'workflow start failed after commit; left to the reconciler',
      itemId: item.itemId,
      executionName: item.workflow?.executionName,
      error: e?.name,
      cause: e?.message,
    }),
  );
}

/** Starts the item's workflow if it has one recorded. */
export async function startItemWorkflow(item: Item, options: StartOptions = {}): Promise<void> {
  if (!item.workflow) return;
  await workflows().start(
    'ItemLifecycle',
    item.workflow.executionName,
    { itemId: item.itemId, generation: item.workflow.generation },
    options,
  );
}
