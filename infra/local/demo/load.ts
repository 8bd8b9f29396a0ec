/**
 * Loads the demo (./catalog.ts) through the application commands — the same code paths the
 * API runs, with the same validation, audit trails, order numbering and workflow starts —
 * never as raw rows, so the demo cannot hold a state the system itself could not reach.
 * Headquarters work runs as an office actor named `demo-loader`; what units, managers and
 * the commander do runs as those roles, so each item's audit trail reads as it would live.
 */
import { assign, award, claim } from '../../../functions/app/commands/claims.ts';
import { createItem, publishBatch } from '../../../functions/app/commands/items.ts';
import { decideProposal, declareProposal } from '../../../functions/app/commands/proposals.ts';
import { createPerson, createUnit } from '../../../functions/app/commands/units.ts';
import { acknowledge } from '../../../functions/app/commands/work.ts';
import type { Ctx } from '../../../functions/app/support.ts';
import { claimsOf } from '../../../functions/data/claims.ts';
import { findUnit } from '../../../functions/data/units.ts';
import type { Batch, Item, Order } from '../../../functions/domain/model.ts';
import { now } from '../../../functions/lib/clock.ts';
import {
  CLASS_B_TASKS,
  classATaskInputs,
  DEMO_CALENDAR,
  DEMO_STAGES,
  DEMO_YEAR,
  type DemoItemInput,
  managerOf,
  OTHER_PROPOSALS,
  PEOPLE,
  projectInputs,
  proposalDraft,
  reformInputs,
  UNITS,
  unitZh,
} from './catalog.ts';

const office: Ctx = { actor: { role: 'office', sub: 'demo-loader' } };
const commander: Ctx = { actor: { role: 'commander', sub: 'demo-commander' } };
const unitCtx = (unitId: string): Ctx => ({ actor: { role: 'unit', sub: `demo-unit-${unitId}`, unitId } });

/**
 * Runs `fn` over `items`, at most `limit` at a time. Items are independent aggregates, so
 * parallel creation never contends; a small limit keeps DynamoDB Local from queueing.
 */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  fn: (t: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The demo is there when all its units are. */
export async function demoPresent(): Promise<boolean> {
  const found = await Promise.all(UNITS.map((u) => findUnit(u.unitId)));
  return found.every(Boolean);
}

export interface DemoLoadResult {
  /** Wall-clock milliseconds per step and in total. */
  readonly timings: Readonly<Record<string, number>>;
  readonly batch: Batch;
  /** Ids of the class B tasks, in CLASS_B_TASKS order (the proposal flow assigns them). */
  readonly classBItemIds: readonly string[];
  /** The responsibility orders issued: awaiting acknowledgement, and acknowledged. */
  readonly orders: { readonly awarded: Order; readonly acknowledged: Order };
}

export interface LoadOptions {
  readonly log?: (line: string) => void;
  /** Commands in flight at once. @default 16 */
  readonly concurrency?: number;
}

export async function loadDemo(options: LoadOptions = {}): Promise<DemoLoadResult> {
  const log = options.log ?? (() => undefined);
  const limit = options.concurrency ?? 16;
  const timings: Record<string, number> = {};
  const started = performance.now();
  let mark = started;
  const step = (name: string) => {
    const t = performance.now();
    timings[name] = Math.round(t - mark);
    mark = t;
    log(`demo: ${name} (${timings[name]} ms)`);
  };
  // The list's dates are the article's (claims until 2022-05-13): loaded later, the window
  // would be shut before anyone could claim, and the workflows would act on a past year.
  const at = now();
  if (at.getTime() >= new Date(DEMO_CALENDAR.claimWindowClosesAt).getTime()) {
    throw new Error(
      `the demo starts on the day of the article's meeting (${DEMO_CALENDAR.origin.toISOString()}); the clock says ${at.toISOString()}: start on a fresh data folder (npm start -- --fresh --demo)`,
    );
  }

  await inParallel(UNITS, limit, (u) =>
    createUnit(office, { unitId: u.unitId, name: u.name, nameZh: u.nameZh, unitType: u.unitType }),
  );
  await inParallel(PEOPLE, limit, (p) =>
    createPerson(office, p.unitId, { personId: p.personId, name: p.name, title: p.title }),
  );
  step(`${UNITS.length} units, ${PEOPLE.length} people`);

  const drafts: DemoItemInput[] = [...projectInputs(), ...reformInputs(), ...classATaskInputs()];
  await inParallel(drafts, limit, ({ itemId, ...input }) => createItem(office, input, itemId));
  step(`${drafts.length} items (projects, reforms, class A tasks)`);

  // Class B: the unit declares, the office accepts; the accepted proposal becomes the item.
  const classB = await inParallel(CLASS_B_TASKS, limit, async (t): Promise<Item> => {
    const p = await declareProposal(unitCtx(t.unitId), proposalDraft(t));
    const decided = await decideProposal(office, p.proposalId, { decision: 'accept' });
    if (!decided.item) throw new Error(`proposal ${p.proposalId} was accepted but no item came back`);
    return decided.item;
  });
  const { rejected, pending } = OTHER_PROPOSALS;
  const toReject = await declareProposal(unitCtx(rejected.unitId), proposalDraft(rejected));
  await decideProposal(office, toReject.proposalId, { decision: 'reject', reason: rejected.reason });
  await declareProposal(unitCtx(pending.unitId), proposalDraft(pending));
  step(`${classB.length + 2} proposals (${classB.length} accepted as class B tasks)`);

  const classBItemIds = classB.map((i) => i.itemId);
  const batch = await publishBatch(office, DEMO_YEAR, {
    title: `${DEMO_YEAR}年任务清单第一批`,
    itemIds: [...classATaskInputs().map((t) => t.itemId), ...classBItemIds],
    claimWindow: { closesAt: DEMO_CALENDAR.claimWindowClosesAt },
  });
  step(`batch ${batch.batchNo} published (${batch.counts.total} tasks)`);

  const plan = (unitId: string) => `演示虚构方案：${unitZh(unitId)}牵头，组建专班，按月报告进展。`;
  const claimFor = (itemId: string, unitId: string) =>
    claim(unitCtx(unitId), itemId, { plan: plan(unitId), managerId: managerOf(unitId) });

  const claimB = DEMO_STAGES.classBClaim;
  await inParallel(
    [
      ...DEMO_STAGES.pendingClaims,
      [classBItemIds[claimB]!, CLASS_B_TASKS[claimB]!.unitId] as const,
      [DEMO_STAGES.awarded.itemId, DEMO_STAGES.awarded.winner] as const,
      [DEMO_STAGES.awarded.itemId, DEMO_STAGES.awarded.loser] as const,
    ],
    limit,
    ([itemId, unitId]) => claimFor(itemId, unitId),
  );
  // Award one claim of the contested task: the other is declined; the order awaits signing.
  const contested = await claimsOf(DEMO_STAGES.awarded.itemId);
  const winning = contested.find((c) => c.unitId === DEMO_STAGES.awarded.winner);
  if (!winning) throw new Error('the demo claim to award is missing');
  const awarded = await award(commander, DEMO_STAGES.awarded.itemId, winning.claimId, {
    note: '演示虚构挂帅：方案更优，并指定了项目经理。',
  });

  // The pilot task goes to work at once: claim, award, acknowledge (its reports follow in history.ts).
  const { itemId, unitId } = DEMO_STAGES.inProgress;
  const c = await claimFor(itemId, unitId);
  const order = await award(commander, itemId, c.claimId, {});
  const acknowledged = await acknowledge(unitCtx(unitId), order.orderId, {
    note: '已签收，项目专班已到位。',
  });
  step('claims, an award and an acknowledged order');

  // The meeting launched the projects and reforms with their lead units named (the article's
  // list): each is assigned directly to its lead unit, which signs the order the same day.
  // After the tasks, whose orders are numbers 1 and 2.
  const listed = [...projectInputs(), ...reformInputs()];
  // One after another: order numbers come from one counter, so assignments in parallel would
  // only contend for it, and the numbers would differ from load to load.
  const orders: Order[] = [];
  for (const { itemId, leadUnitId } of listed) {
    orders.push(
      await assign(office, itemId, {
        unitId: leadUnitId!,
        managerId: managerOf(leadUnitId!),
        note: '推进大会上发布，明确牵头单位。',
      }),
    );
  }
  await inParallel(orders, limit, (o) =>
    acknowledge(unitCtx(o.unitId), o.orderId, { note: '在推进大会上签收。' }),
  );
  step(`${listed.length} projects and reforms assigned to their lead units and signed`);

  timings.total = Math.round(performance.now() - started);
  log(`demo: loaded in ${timings.total} ms`);
  return { timings, batch, classBItemIds, orders: { awarded, acknowledged } };
}
