/**
 * Continue-as-new on the local engine: an execution hands over to its next generation before
 * a Standard execution's one-year limit (`executionLifetimeSeconds` models it) or 25,000
 * history events would end it, and after a deploy changed its definition; the next generation
 * resumes the same waits with the same due dates (recomputed from the recorded state).
 *
 * Scaled down: the engine's lifetime is 40 days and the hand-over age 30 days (production: one
 * year and 300 days, asserted in test/infrastructure/continuation.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { type LocalRuntime, localStateMachineArn, watchStateMachines } from '@one-list/local-aws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { claim } from '../../../functions/app/commands/claims.ts';
import { acknowledge } from '../../../functions/app/commands/work.ts';
import { setWorkflowPort, stepFunctionsPort } from '../../../functions/app/ports.ts';
import { readTrail } from '../../../functions/data/audit.ts';
import { getItem, itemPk } from '../../../functions/data/items.ts';
import { getOrder, orderPk } from '../../../functions/data/orders.ts';
import { endOfBeijingDay } from '../../../functions/domain/calendar.ts';
import { EVENTS_PER_WAKE_UP } from '../../../functions/domain/continuation.ts';
import type { Item } from '../../../functions/domain/model.ts';
import { definitionHash, HAND_OVER_ENV, stateMachineById } from '../../../infra/resources/state-machines.ts';
import {
  DAY,
  inquiryExecutionArn,
  itemExecutionArn,
  meilin,
  newItem,
  publish,
  publishClaimAward,
  seedUnits,
  settle,
  settleInquiry,
  settleItem,
  startHarness,
  stateNames,
  toInProgress,
} from '../../support/workflow-harness.ts';

const inquiryArn = (orderId: string, generation: number) =>
  generation === 1 ? inquiryExecutionArn(orderId) : `${inquiryExecutionArn(orderId)}--g${generation}`;

/** Sets variables for one scenario; restored after it. */
const saved = new Map<string, string | undefined>();
function setEnv(vars: Record<string, string>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (!saved.has(k)) saved.set(k, process.env[k]);
    process.env[k] = v;
  }
}
function restoreEnv(): void {
  for (const [k, v] of saved) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  saved.clear();
}

async function handedOver(rt: LocalRuntime, executionArn: string): Promise<void> {
  const done = await rt.engine.waitForExecution(executionArn);
  expect(done.status).toBe('SUCCEEDED');
  expect((await stateNames(rt, executionArn)).slice(-2)).toEqual(['HandOver', 'HandedOver']);
}

const handOvers = async (itemId: string) =>
  (await readTrail(itemPk(itemId))).filter((e) => e.type.endsWith('handed_over'));

describe('an execution reaching the lifetime limit hands over and the next generation carries the timers', () => {
  let rt: LocalRuntime;
  let item: Item;
  beforeAll(async () => {
    rt = await startHarness({ executionLifetimeSeconds: 40 * 24 * 3600 });
    setEnv({ [HAND_OVER_ENV.afterDays]: '30' });
    await seedUnits();
    // A long item: its first milestone is due on day 69, after two hand-overs.
    item = await newItem();
    await toInProgress(rt, item);
  }, 60_000);
  afterAll(async () => {
    restoreEnv();
    await rt?.stop();
  });

  it('at 30 days generation 1 hands over (SUCCEEDED, not TIMED_OUT); generation 2 waits in the same stage', async () => {
    rt.clock.advance(30 * DAY + 1000);
    await handedOver(rt, itemExecutionArn(item, 1));
    await settleItem(rt, item, 'InProgress', 2);
    const after = await getItem(item.itemId);
    expect(after.workflow).toEqual({ executionName: `${item.itemId}--g2`, generation: 2 });
    expect(after.openInquiryIds).toEqual([]);
    const [event] = await handOvers(item.itemId);
    expect(event).toMatchObject({
      type: 'item.workflow_handed_over',
      data: { generation: 2, from: `${item.itemId}--g1`, reason: 'lifetime', status: 'in_progress' },
    });
  });

  it('generation 2 hands over at its own 30 days, before the 40-day limit', async () => {
    rt.clock.advance(30 * DAY);
    await handedOver(rt, itemExecutionArn(item, 2));
    await settleItem(rt, item, 'InProgress', 3);
    expect((await handOvers(item.itemId)).map((e) => e.data.reason)).toEqual(['lifetime', 'lifetime']);
  });

  it('the milestone lapses in generation 3 at its recorded instant, not before', async () => {
    const due = endOfBeijingDay('2022-06-30').getTime();
    expect(due).toBeGreaterThan(rt.clock.now().getTime());
    rt.clock.advance(due - rt.clock.now().getTime() - 60_000);
    await new Promise((r) => setTimeout(r, 50));
    expect((await getItem(item.itemId)).openInquiryIds).toEqual([]);
    const before = rt.engine.currentState(itemExecutionArn(item, 3))?.taskToken;
    rt.clock.advance(2 * 60_000);
    await settle(rt, itemExecutionArn(item, 3), 'InProgress', itemPk(item.itemId), before);
    const after = await getItem(item.itemId);
    expect(after.openInquiryIds).toHaveLength(1);
    const order = await getOrder(after.openInquiryIds[0]!);
    expect(order).toMatchObject({ orderType: 'inquiry', trigger: 'overdue_milestone', status: 'issued' });
    expect(new Date(order.issuedAt).getTime()).toBeGreaterThanOrEqual(due);
  });

  it('an inquiry hands over too, and its answer limit fires in generation 2', async () => {
    // A long answer limit (30 working days), so that it outlasts the hand-over age.
    setEnv({ INQUIRY_ANSWER_WORKING_DAYS: '30' });
    const item2 = await newItem();
    await toInProgress(rt, item2);
    // item2's first milestone (2022-06-30) has lapsed already: its timer is due in a second.
    rt.clock.advance(2000);
    let orderId = '';
    for (let i = 0; i < 200 && !orderId; i++) {
      orderId = (await getItem(item2.itemId)).openInquiryIds[0] ?? '';
      if (!orderId) await new Promise((r) => setTimeout(r, 20));
    }
    expect(orderId).not.toBe('');
    await settleInquiry(rt, orderId, 'AwaitingAnswer');
    const answerDueAt = new Date((await getOrder(orderId)).answerDueAt!).getTime();
    const issuedAt = rt.clock.now().getTime();
    expect(answerDueAt - issuedAt).toBeGreaterThan(30 * DAY);

    rt.clock.advance(30 * DAY + 1000);
    await handedOver(rt, inquiryArn(orderId, 1));
    await settle(rt, inquiryArn(orderId, 2), 'AwaitingAnswer', orderPk(orderId));
    expect((await getOrder(orderId)).workflow).toEqual({
      executionName: `inquiry-${orderId}--g2`,
      generation: 2,
    });
    expect((await handOvers(item2.itemId)).map((e) => [e.type, e.data.reason])).toContainEqual([
      'workflow.handed_over',
      'lifetime',
    ]);
    // Not escalated early: the limit is the recorded one.
    rt.clock.advance(answerDueAt - rt.clock.now().getTime() - 60_000);
    await new Promise((r) => setTimeout(r, 50));
    expect((await getOrder(orderId)).status).toBe('issued');
    rt.clock.advance(2 * 60_000);
    await settle(rt, inquiryArn(orderId, 2), 'Escalated');
    expect((await getOrder(orderId)).status).toBe('escalated');
    expect((await rt.engine.waitForExecution(inquiryArn(orderId, 2))).status).toBe('SUCCEEDED');
  });
});

describe('past ~10,000 events an execution hands over', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startHarness();
    await seedUnits();
  }, 60_000);
  afterAll(async () => {
    await rt?.stop();
  });
  afterEach(restoreEnv);

  it('the wake-up that takes the estimate to the threshold hands over; the estimate bounds the real history', async () => {
    // 80 events: the fourth wake-up (4 × 25 = 100) hands over.
    setEnv({ [HAND_OVER_ENV.afterEvents]: '80' });
    const item = await newItem();
    const order = await publishClaimAward(rt, item); // wake-ups 1 (start), 2 (claim), 3 (award)
    await acknowledge({ actor: meilin }, order.orderId, {}); // wake-up 4
    await handedOver(rt, itemExecutionArn(item, 1));
    await settleItem(rt, item, 'InProgress', 2);
    const [event] = await handOvers(item.itemId);
    expect(event?.data).toMatchObject({ reason: 'history', generation: 2, status: 'in_progress' });

    const names = await stateNames(rt, itemExecutionArn(item, 1));
    const wakeUps = names.filter((n) => n === 'Sync').length;
    expect(wakeUps).toBe(4);
    // The estimate is an upper bound of what the history really holds.
    const history = await rt.engine.getExecutionHistory({
      executionArn: itemExecutionArn(item, 1),
      maxResults: 1000,
    });
    expect(history.events?.length).toBeLessThanOrEqual(wakeUps * EVENTS_PER_WAKE_UP);
    // Generation 2 counts from zero: it waits, it does not hand over again at once.
    expect((await getItem(item.itemId)).workflow?.generation).toBe(2);
  });
});

describe('a changed definition is picked up at the next wake-up', () => {
  let rt: LocalRuntime;
  let dir: string;
  beforeAll(async () => {
    rt = await startHarness();
    await seedUnits();
    dir = mkdtempSync(join(tmpdir(), 'asl-v2-'));
  }, 60_000);
  afterAll(async () => {
    await rt?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an execution on v1 moves to v2 when it next wakes; generation 2 runs v2', async () => {
    const decl = stateMachineById('ItemLifecycle');
    const v1 = readFileSync(join(process.cwd(), decl.file), 'utf8');
    const envVar = decl.definitionHashEnvVar!;
    expect(process.env[envVar]).toBe(definitionHash(v1));

    const item = await newItem();
    await publish(rt, item, 40);
    await settleItem(rt, item, 'ClaimWindowOpen');

    // A deploy: the file changes, the machine is updated in place, the function learns the hash.
    const v2 = v1.replace('"Comment": "One List: the lifecycle', '"Comment": "One List (v2): the lifecycle');
    expect(v2).not.toBe(v1);
    const file = join(dir, 'item-lifecycle.asl.json');
    writeFileSync(file, v2);
    expect(rt.redeployStateMachines({ ItemLifecycle: file })).toEqual(['ItemLifecycle']);
    expect(process.env[envVar]).toBe(definitionHash(v2));
    const described = await rt.engine.describeStateMachine({
      stateMachineArn: localStateMachineArn('ItemLifecycle'),
    });
    expect(described.definition).toContain('One List (v2)');
    // Nothing moves until the execution wakes up.
    rt.clock.advance(2 * 3600_000);
    await new Promise((r) => setTimeout(r, 50));
    expect((await rt.engine.describeExecution({ executionArn: itemExecutionArn(item, 1) })).status).toBe(
      'RUNNING',
    );

    await claim({ actor: meilin }, item.itemId, { plan: 'We lead it.', managerId: 'p-meilin-1' });
    await handedOver(rt, itemExecutionArn(item, 1));
    await settleItem(rt, item, 'ClaimWindowOpen', 2);
    const [event] = await handOvers(item.itemId);
    expect(event?.data).toMatchObject({ reason: 'definition', generation: 2, status: 'published' });

    // Generation 2's Sync says it runs v2 (the hash baked into its definition).
    const history = await rt.engine.getExecutionHistory({
      executionArn: itemExecutionArn(item, 2),
      maxResults: 1000,
    });
    const scheduled = history.events?.find((e) => e.type === 'TaskScheduled');
    const params = JSON.parse(scheduled?.taskScheduledEventDetails?.parameters ?? '{}') as {
      Payload?: { execution?: { definitionHash?: string } };
    };
    expect(params.Payload?.execution?.definitionHash).toBe(definitionHash(v2));
    // Still waiting for claims until the recorded window closes: the timer carried over.
    const closesAt = new Date((await getItem(item.itemId)).claimWindow!.closesAt).getTime();
    expect(rt.engine.currentState(itemExecutionArn(item, 2))?.stateName).toBe('ClaimWindowOpen');
    rt.clock.advance(closesAt - rt.clock.now().getTime() + 1000);
    await settleItem(rt, item, 'AwaitingAward', 2);
    expect((await getItem(item.itemId)).status).toBe('claims_closed');
  });

  it('npm start watches the ASL files: a saved change is redeployed, an invalid one reported and not', async () => {
    const decl = stateMachineById('Inquiry');
    const envVar = decl.definitionHashEnvVar!;
    const watched = mkdtempSync(join(tmpdir(), 'asl-watch-'));
    const file = join(watched, basename(decl.file));
    const v1 = readFileSync(join(process.cwd(), decl.file), 'utf8');
    writeFileSync(file, v1);
    const lines: string[] = [];
    const watcher = watchStateMachines(rt, watched, (line) => lines.push(line));
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 250 && !ok(); i++) await new Promise((r) => setTimeout(r, 20));
    };
    try {
      const v2 = v1.replace(
        '"Comment": "One List: an inquiry order',
        '"Comment": "One List (v2): an inquiry order',
      );
      expect(v2).not.toBe(v1);
      writeFileSync(file, v2);
      await until(() => process.env[envVar] === definitionHash(v2));
      expect(process.env[envVar]).toBe(definitionHash(v2));
      expect(lines).toContain('state machines redeployed: Inquiry (executions move at their next wake-up)');
      writeFileSync(file, '{ "StartAt": ');
      await until(() => lines.length > 1);
      expect(lines.at(-1)).toMatch(/^state machine definition not redeployed: /);
      expect(process.env[envVar]).toBe(definitionHash(v2));
    } finally {
      watcher.close();
      rmSync(watched, { recursive: true, force: true });
    }
  });
});

describe('a HandOver retried after its commit starts the recorded generation once', () => {
  let rt: LocalRuntime;
  let failAfterCommit = 0;
  let handOverCalls = 0;
  beforeAll(async () => {
    rt = await startHarness({
      intercept: async (fnId, event, next) => {
        if (fnId !== 'WorkflowStep' || (event as { action?: string }).action !== 'handOver') return next();
        handOverCalls++;
        const result = await next();
        if (failAfterCommit > 0) {
          failAfterCommit--;
          // The work is done (committed, started) but the answer is lost, as with a timeout.
          const err = new Error('Task timed out after 30.00 seconds');
          err.name = 'Lambda.Unknown';
          throw err;
        }
        return result;
      },
    });
    await seedUnits();
  }, 60_000);
  afterAll(async () => {
    restoreEnv();
    await rt?.stop();
  });

  it('the retry finds generation 2 recorded and running: no generation 3, one audit event', async () => {
    setEnv({ [HAND_OVER_ENV.afterEvents]: '50' }); // the second wake-up hands over
    failAfterCommit = 1;
    const item = await newItem();
    await publish(rt, item, 40);
    await settleItem(rt, item, 'ClaimWindowOpen');
    await claim({ actor: meilin }, item.itemId, { plan: 'We lead it.', managerId: 'p-meilin-1' });
    // The retry waits its backoff on the frozen clock: move it along until generation 1 ends.
    const arn = itemExecutionArn(item, 1);
    for (let i = 0; i < 200; i++) {
      if ((await rt.engine.describeExecution({ executionArn: arn })).status !== 'RUNNING') break;
      rt.clock.advance(3000);
      await new Promise((r) => setTimeout(r, 20));
    }
    await handedOver(rt, arn);
    expect(handOverCalls).toBe(2);
    await settleItem(rt, item, 'ClaimWindowOpen', 2);
    expect((await getItem(item.itemId)).workflow).toEqual({
      executionName: `${item.itemId}--g2`,
      generation: 2,
    });
    expect(await handOvers(item.itemId)).toHaveLength(1);
    await expect(rt.engine.describeExecution({ executionArn: itemExecutionArn(item, 3) })).rejects.toThrow(
      /does not exist/i,
    );
  });

  it('a start that failed after the commit is made by the retry: generation 2 runs, nothing waits for the reconciler', async () => {
    setEnv({ [HAND_OVER_ENV.afterEvents]: '50' });
    let failStarts = 1;
    setWorkflowPort({
      ...stepFunctionsPort,
      async start(machine, name, input, options) {
        if (name.endsWith('--g2') && failStarts > 0) {
          failStarts--;
          const err = new Error('Rate exceeded');
          err.name = 'ThrottlingException';
          throw err;
        }
        return stepFunctionsPort.start(machine, name, input, options);
      },
    });
    try {
      const item = await newItem();
      await publish(rt, item, 40);
      await settleItem(rt, item, 'ClaimWindowOpen');
      await claim({ actor: meilin }, item.itemId, { plan: 'We lead it.', managerId: 'p-meilin-1' });
      const arn = itemExecutionArn(item, 1);
      for (let i = 0; i < 200; i++) {
        if ((await rt.engine.describeExecution({ executionArn: arn })).status !== 'RUNNING') break;
        rt.clock.advance(3000);
        await new Promise((r) => setTimeout(r, 20));
      }
      await handedOver(rt, arn);
      expect(failStarts).toBe(0);
      await settleItem(rt, item, 'ClaimWindowOpen', 2);
      expect((await getItem(item.itemId)).workflow?.generation).toBe(2);
      expect(await handOvers(item.itemId)).toHaveLength(1);
    } finally {
      setWorkflowPort(undefined);
    }
  });
});
