/**
 * The demo's first ten weeks, from the promotion meeting (2022-04-22) to 2022-07-01 09:00,
 * played through the application commands on the frozen engine clock (time.ts): the claim
 * weeks, the window closing, awards, direct assignments and a reopened window,
 * acknowledgements (one late, which earns an inquiry), monthly progress, the first
 * completions verified and commended, and the monthly evaluations the scheduler starts on
 * the 1st (April, May, June — June's finds the serious laggards and asks them why).
 *
 * Part of the first-start load of `npm start` and of `npm run demo`.
 */

import type { LocalRuntime } from '@one-list/local-aws';
import { assign, award, claim } from '../../../functions/app/commands/claims.ts';
import { answerInquiry, decideInquiry } from '../../../functions/app/commands/inquiries.ts';
import { reopen } from '../../../functions/app/commands/items.ts';
import {
  acknowledge,
  reportCompletion,
  reportProgress,
  reportViolation,
  verifyCompletion,
} from '../../../functions/app/commands/work.ts';
import type { Ctx } from '../../../functions/app/support.ts';
import { claimsOf } from '../../../functions/data/claims.ts';
import { itemsOfYear } from '../../../functions/data/items.ts';
import { listOrders } from '../../../functions/data/orders.ts';
import type { Item, Order } from '../../../functions/domain/model.ts';
import { DEMO_STAGES, DEMO_YEAR, managerOf, unitZh } from './catalog.ts';
import { type DemoLoadResult, inParallel, type LoadOptions, loadDemo } from './load.ts';
import { STORY, storyItemId, type TaskStory } from './story.ts';
import { advanceTo, beijing, type DriveOptions } from './time.ts';
import { addTally, type DayTally, type DemoPort, emptyTally, workday } from './workday.ts';

const office: Ctx = { actor: { role: 'office', sub: 'demo-office' } };
const commander: Ctx = { actor: { role: 'commander', sub: 'demo-commander' } };
const inspector: Ctx = { actor: { role: 'inspector', sub: 'demo-inspector' } };
const unitCtx = (unitId: string): Ctx => ({ actor: { role: 'unit', sub: `demo-unit-${unitId}`, unitId } });
const managerCtx = (item: Item): Ctx => ({
  actor: {
    role: 'manager',
    sub: `demo-${item.managerId}`,
    personId: item.managerId ?? '',
    unitId: item.leadUnitId ?? '',
  },
});

async function allOrders(filter: Parameters<typeof listOrders>[0]): Promise<Order[]> {
  const out: Order[] = [];
  let cursor: string | undefined;
  do {
    const page = await listOrders(filter, 100, cursor);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** The day routine's port onto the application commands, each run as the role that acts. */
export const commandPort: DemoPort = {
  async tasks() {
    const out: Item[] = [];
    for await (const i of itemsOfYear(DEMO_YEAR, 'task')) out.push(i);
    return out;
  },
  async listed() {
    const out: Item[] = [];
    for (const kind of ['project', 'reform'] as const)
      for await (const i of itemsOfYear(DEMO_YEAR, kind)) out.push(i);
    return out;
  },
  inquiries: (status) => allOrders({ year: DEMO_YEAR, type: 'inquiry', status }),
  ordersOfItem: (itemId) => allOrders({ year: DEMO_YEAR, itemId }),
  async reportProgress(item, body) {
    await reportProgress(managerCtx(item), item.itemId, body);
  },
  async reportCompletion(item, body) {
    await reportCompletion(unitCtx(item.leadUnitId ?? ''), item.itemId, body);
  },
  async verify(item, body) {
    await verifyCompletion(office, item.itemId, body);
  },
  async answer(order, body) {
    await answerInquiry(unitCtx(order.unitId), order.orderId, body);
  },
  async decide(order, body) {
    await decideInquiry(office, order.orderId, body);
  },
  async reportViolation(item, body) {
    await reportViolation(inspector, item.itemId, body);
  },
};

const plan = (unitId: string) =>
  `演示虚构方案：${unitZh(unitId)}牵头，组建专班、指定项目经理，按月报告进展。`;

export interface HistoryResult {
  readonly timings: Readonly<Record<string, number>>;
  readonly tally: DayTally;
}

export async function playHistory(
  rt: LocalRuntime,
  loaded: Pick<DemoLoadResult, 'classBItemIds'>,
  options: LoadOptions & DriveOptions = {},
): Promise<HistoryResult> {
  const log = options.log ?? (() => undefined);
  const timings: Record<string, number> = {};
  const tally = emptyTally();
  const started = performance.now();
  let mark = started;
  const classB = loaded.classBItemIds;
  const idOf = (s: TaskStory) => ('classA' in s.ref ? storyItemId(s, new Map()) : classB[s.ref.classB]!);
  const tasks = async () => {
    const out = new Map<string, Item>();
    for (const t of await commandPort.tasks()) out.set(t.itemId, t);
    return out;
  };

  /** Moves the clock to a Beijing time, runs what happens then, and notes how long it took. */
  const on = async (local: string, what: string, act: () => Promise<unknown>) => {
    await advanceTo(rt, beijing(local), options);
    await act();
    const t = performance.now();
    timings[`${local} ${what}`] = Math.round(t - mark);
    log(`demo: ${local} ${what} (${Math.round(t - mark)} ms)`);
    mark = t;
  };
  const day = async (local: string, progress = false) =>
    on(local, progress ? 'monthly progress reports' : 'inquiries and verifications', async () =>
      addTally(tally, await workday(commandPort, { today: local.slice(0, 10), progress })),
    );
  const claimAll = (stories: readonly TaskStory[]) =>
    inParallel(
      stories.flatMap((s) => [s.lead, ...(s.rival ? [s.rival] : [])].map((u) => [idOf(s), u] as const)),
      8,
      ([itemId, unitId]) =>
        claim(unitCtx(unitId), itemId, { plan: plan(unitId), managerId: managerOf(unitId) }),
    );
  /** Awards every item whose window closed to its story's lead, one order after another. */
  const awardClosed = async () => {
    const now = await tasks();
    for (const s of STORY) {
      const item = now.get(idOf(s));
      if (item?.status !== 'claims_closed') continue;
      const chosen = (await claimsOf(item.itemId)).find((c) => c.unitId === s.lead && c.status === 'pending');
      if (!chosen) throw new Error(`no pending claim of ${s.lead} on ${item.itemId}`);
      await award(commander, item.itemId, chosen.claimId, {
        note: '演示虚构挂帅：方案节点最清晰，并指定了项目经理。',
      });
    }
  };
  const acknowledgeAwarded = async (late: boolean) => {
    const now = await tasks();
    const due = STORY.filter((s) => Boolean(s.lateAcknowledgement) === late)
      .map((s) => now.get(idOf(s)))
      .filter((i): i is Item => i?.status === 'awarded' && Boolean(i.responsibilityOrderId));
    await inParallel(due, 8, (i) =>
      acknowledge(unitCtx(i.leadUnitId ?? ''), i.responsibilityOrderId!, {
        note: late ? '延迟签收：单位正在调整工作专班。' : '已签收，项目专班已到位。',
      }),
    );
  };

  await on('2022-04-25T10:00', 'week 1: claims filed, the contested award acknowledged', async () => {
    // The task awarded at the meeting is signed within its three working days.
    const contested = (await tasks()).get(DEMO_STAGES.awarded.itemId);
    if (contested?.status === 'awarded' && contested.responsibilityOrderId) {
      await acknowledge(unitCtx(DEMO_STAGES.awarded.winner), contested.responsibilityOrderId, {
        note: '已签收，数字人民币工作组已到位。',
      });
    }
    await claimAll(STORY.filter((s) => s.route === 'claim' && s.week === 1));
  });
  await day('2022-04-29T10:00', true);
  await on('2022-05-09T10:00', 'week 2: claims filed, some contested', () =>
    claimAll(STORY.filter((s) => s.route === 'claim' && s.week === 2)),
  );
  await on('2022-05-16T10:00', 'window closed: awards, direct assignments, one reopened', async () => {
    await awardClosed();
    const now = await tasks();
    for (const s of STORY) {
      const item = now.get(idOf(s));
      if (item?.status !== 'unclaimed') continue;
      if (s.route === 'assign') {
        await assign(office, item.itemId, {
          unitId: s.lead,
          managerId: managerOf(s.lead),
          note: '演示虚构交办：无人揭榜，由办公室交办主管单位。',
        });
      } else if (s.route === 'reopen') {
        await reopen(office, item.itemId, { closesAt: beijing('2022-05-27T23:59').toISOString() });
      }
    }
  });
  await on('2022-05-17T10:00', 'responsibility orders acknowledged', () => acknowledgeAwarded(false));
  await on('2022-05-20T10:00', 'the reopened task claimed', () =>
    claimAll(STORY.filter((s) => s.route === 'reopen')),
  );
  // Reminded on the 20th, inquired about at the end of the 24th (two more working days): signs on the 26th.
  await on('2022-05-26T10:00', 'a late acknowledgement, after its inquiry', () => acknowledgeAwarded(true));
  await day('2022-05-27T10:00', true);
  await on('2022-05-30T10:00', 'the reopened task awarded', awardClosed);
  await on('2022-05-31T10:00', 'its order acknowledged', () => acknowledgeAwarded(false));
  await day('2022-06-17T10:00', true);
  await day('2022-06-24T10:00');
  await on('2022-07-01T09:00', 'the June evaluation has run', async () => undefined);

  timings.total = Math.round(performance.now() - started);
  return { timings, tally };
}

export interface DemoYearResult {
  readonly base: DemoLoadResult;
  readonly history: HistoryResult;
  /** Wall-clock milliseconds of the whole load. */
  readonly ms: number;
}

/**
 * The first-start load: the meeting day (load.ts), then the history to 2022-07-01 09:00.
 * The runtime's clock must stand at the meeting (DEMO_CALENDAR.origin); it is frozen while
 * the load drives it and runs on at its own time scale afterwards.
 */
export async function loadDemoYear(
  rt: LocalRuntime,
  options: LoadOptions & DriveOptions = {},
): Promise<DemoYearResult> {
  const started = performance.now();
  const scale = rt.clock.timeScale;
  rt.clock.setTimeScale(0);
  try {
    const base = await loadDemo(options);
    const history = await playHistory(rt, base, options);
    return { base, history, ms: Math.round(performance.now() - started) };
  } finally {
    rt.clock.setTimeScale(scale);
  }
}
