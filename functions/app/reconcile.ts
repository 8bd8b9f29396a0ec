/**
 * The reconciler: every record that waits for something has exactly one running execution.
 *
 * Found from the data with Queries only: the years listed in the `YEARS` registry
 * (data/years.ts), in each year the active items (one GSI1 Query per kind and status) and the
 * inquiry orders that are issued or answered (GSI1 `ORDERS#<year>#inquiry`). For each, the
 * recorded execution is asked for its status (DescribeExecution, the same SDK call locally and
 * on AWS); one that is not RUNNING — failed, timed out, aborted, ended, or unknown to Step
 * Functions (the local engine forgets its executions when the process stops) — gets the next
 * generation, started from the recorded state, with an audit event. Running it again finds
 * everything RUNNING and starts nothing.
 *
 * An execution that failed because its subject is gone (`WorkflowStepFailed` with a cause
 * starting `NotFound`) is not restarted: the next generation would fail the same way, for
 * ever. It is counted as `gone` and left to the operators (the LostWorkflows metric counts it).
 *
 * A start lost after its command committed (StartExecution throttled or failing after the
 * transaction that recorded the generation) leaves a recorded execution that does not exist:
 * the item's recorded `workflow` is the outbox record, and the reconciler starts it.
 *
 * Run by `npm start` at every start, `npm run reconcile` on demand (locally or on AWS), and
 * on AWS by the Reconcile state machine: daily by the DailyReconcile schedule, after each
 * deploy (a trigger), and by the office (`POST /v1/ops/reconcile`). Each run of the Lambda
 * function (functions/handlers/reconcile.ts) counts `LostWorkflows` (restarted + gone).
 */

import { UnitOfWork } from '#data/db.ts';
import { getItem, itemsInStatuses, saveItem } from '#data/items.ts';
import { getOrder, listOrders, saveOrder } from '#data/orders.ts';
import { registeredYears } from '#data/years.ts';
import { generationOf } from '#domain/continuation.ts';
import { RuleViolation } from '#domain/errors.ts';
import { ITEM_STATUSES, type ItemStatus, type Order } from '#domain/model.ts';
import { restartWorkflow } from './commands/items.ts';
import { describeExecution, type ExecutionDescription, type HandOver, workflows } from './ports.ts';
import { type Ctx, isoNow, withRetry } from './support.ts';

/** Statuses whose item has a workflow waiting: on the list and not yet closed out. */
export const ACTIVE_ITEM_STATUSES: readonly ItemStatus[] = ITEM_STATUSES.filter(
  (s) => s !== 'draft' && s !== 'completed',
);
/** Inquiry statuses that wait: for the unit's answer, or for the office's decision. */
export const OPEN_INQUIRY_STATUSES = ['issued', 'answered'] as const;

/** Generation 1 is started by the item's workflow as `inquiry-<orderId>`; restarts add `--g<n>`. */
export function inquiryExecutionName(orderId: string, generation = 1): string {
  return generation <= 1 ? `inquiry-${orderId}` : `inquiry-${orderId}--g${generation}`;
}

export const recordedInquiryExecution = (order: Pick<Order, 'orderId' | 'workflow'>) =>
  order.workflow?.executionName ?? inquiryExecutionName(order.orderId);

/**
 * Starts the next generation of an inquiry's workflow from the recorded state. The order
 * records the execution (so the next look asks the right one) and the item's trail records
 * the restart, in one transaction; callbacks reach the new execution through the `WAIT`
 * record it writes when it waits.
 *
 * With `handOver`, the running execution continues as new (its HandOver step), as
 * `restartWorkflow` does for items: audited as `workflow.handed_over`, started on the caller's
 * own machine, the caller not stopped; a retry after the commit only starts the recorded
 * successor again, and a superseded execution changes nothing.
 */
export async function restartInquiryWorkflow(
  ctx: Ctx,
  orderId: string,
  note?: string,
  handOver?: HandOver,
): Promise<Order> {
  const saved = await withRetry(async () => {
    const before = await getOrder(orderId);
    if (
      before.orderType !== 'inquiry' ||
      !(OPEN_INQUIRY_STATUSES as readonly string[]).includes(before.status)
    )
      throw new RuleViolation('order.restart.not_open', `order ${orderId} is not an open inquiry`);
    if (handOver) {
      const recorded = recordedInquiryExecution(before);
      if (recorded === inquiryExecutionName(orderId, generationOf(handOver.from) + 1))
        return { order: before, previous: handOver.from, start: true };
      if (recorded !== handOver.from) return { order: before, previous: handOver.from, start: false };
    }
    const item = await getItem(before.itemId);
    const generation = (before.workflow?.generation ?? 1) + 1;
    const executionName = inquiryExecutionName(orderId, generation);
    const at = isoNow();
    const uow = new UnitOfWork();
    const order = saveOrder(uow, before, { ...before, workflow: { executionName, generation } });
    saveItem(uow, item, { ...item, updatedAt: at }, [
      handOver
        ? {
            type: 'workflow.handed_over',
            actor: ctx.actor,
            data: {
              orderId,
              generation,
              executionName,
              status: before.status,
              from: handOver.from,
              reason: handOver.reason,
            },
          }
        : {
            type: 'workflow.restarted',
            actor: ctx.actor,
            data: { orderId, generation, executionName, status: before.status, ...(note ? { note } : {}) },
          },
    ]);
    await uow.commit();
    return { order, previous: recordedInquiryExecution(before), start: true };
  });
  if (!saved.start || !saved.order.workflow) return saved.order;
  // One execution per order: the previous generation (if it still runs) makes way.
  if (!handOver)
    await workflows().stop('Inquiry', saved.previous, `restarted as ${saved.order.workflow.executionName}`);
  await workflows().start(
    'Inquiry',
    saved.order.workflow.executionName,
    { orderId, itemId: saved.order.itemId, generation: saved.order.workflow.generation },
    handOver ? { stateMachineArn: handOver.stateMachineArn } : {},
  );
  return saved.order;
}

export interface ReconcileCounts {
  /** Records found waiting. */
  found: number;
  /** Of those, with their recorded execution RUNNING. */
  running: number;
  /** Of those, given a new generation. */
  restarted: number;
  /** Of those, failed because their subject is gone (`NotFound`): not restarted, for the operators. */
  gone: number;
}

/** Failed for good because what it works on is gone: restarting would only fail again. */
export function subjectGone(d: ExecutionDescription | undefined): boolean {
  return (
    d !== undefined &&
    d.status === 'FAILED' &&
    d.error === 'WorkflowStepFailed' &&
    (d.cause ?? '').startsWith('NotFound')
  );
}

export interface ReconcileReport {
  readonly years: number[];
  readonly items: ReconcileCounts;
  /** `pending`: inquiries the item's own workflow is still to start (left to it). */
  readonly inquiries: ReconcileCounts & { pending: number };
  /** What was restarted: `item <id> → <execution>` or `order <id> → <execution>`. */
  readonly restarted: string[];
  /** Executions left failed because their subject is gone: `item <id>: <execution>`. */
  readonly gone: string[];
  readonly ms: number;
}

export interface ReconcileOptions {
  /** Years to visit besides the registered ones (data written before the registry existed). */
  readonly alsoYears?: readonly number[];
  /** Restarts in flight at once. @default 8 */
  readonly concurrency?: number;
}

async function inBatches<T>(all: readonly T[], size: number, fn: (t: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < all.length; i += size) await Promise.all(all.slice(i, i + size).map(fn));
}

async function openInquiries(year: number): Promise<Order[]> {
  const out: Order[] = [];
  for (const status of OPEN_INQUIRY_STATUSES) {
    let cursor: string | undefined;
    do {
      const page = await listOrders({ year, type: 'inquiry', status }, 500, cursor);
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
  }
  return out;
}

export async function reconcile(ctx: Ctx, options: ReconcileOptions = {}): Promise<ReconcileReport> {
  const t0 = performance.now();
  const size = options.concurrency ?? 8;
  const years = [...new Set([...(await registeredYears()), ...(options.alsoYears ?? [])])].sort();
  const items: ReconcileCounts = { found: 0, running: 0, restarted: 0, gone: 0 };
  const inquiries = { found: 0, running: 0, restarted: 0, gone: 0, pending: 0 };
  const restarted: string[] = [];
  const gone: string[] = [];
  const port = workflows();

  // Items first: an inquiry its item has not started yet is started by the item's workflow.
  for (const year of years) {
    const active: string[] = [];
    for await (const item of itemsInStatuses(year, ACTIVE_ITEM_STATUSES)) {
      items.found++;
      const name = item.workflow?.executionName;
      const d = name ? await describeExecution(port, 'ItemLifecycle', name) : undefined;
      if (d?.status === 'RUNNING') items.running++;
      else if (subjectGone(d)) {
        items.gone++;
        gone.push(`item ${item.itemId}: ${name}`);
      } else active.push(item.itemId);
    }
    await inBatches(active, size, async (itemId) => {
      const item = await restartWorkflow(ctx, itemId);
      items.restarted++;
      restarted.push(`item ${itemId} → ${item.workflow?.executionName}`);
    });
  }

  for (const year of years) {
    const lost: string[] = [];
    for (const order of await openInquiries(year)) {
      inquiries.found++;
      const d = await describeExecution(port, 'Inquiry', recordedInquiryExecution(order));
      if (d?.status === 'RUNNING') {
        inquiries.running++;
        continue;
      }
      if (subjectGone(d)) {
        inquiries.gone++;
        gone.push(`order ${order.orderId}: ${recordedInquiryExecution(order)}`);
        continue;
      }
      const item = await getItem(order.itemId);
      if (item.inquiriesToStart.includes(order.orderId) && ACTIVE_ITEM_STATUSES.includes(item.status)) {
        inquiries.pending++;
        continue;
      }
      lost.push(order.orderId);
    }
    await inBatches(lost, size, async (orderId) => {
      const order = await restartInquiryWorkflow(ctx, orderId);
      inquiries.restarted++;
      restarted.push(`order ${orderId} → ${order.workflow?.executionName}`);
    });
  }
  const report = {
    years,
    items,
    inquiries,
    restarted: restarted.sort(),
    gone: gone.sort(),
    ms: Math.round(performance.now() - t0),
  };
  return report;
}

/** The run's `LostWorkflows` count (the handler's metric): restarted and gone, items and inquiries. */
export function lostWorkflows(report: ReconcileReport): number {
  return report.items.restarted + report.items.gone + report.inquiries.restarted + report.inquiries.gone;
}
