/**
 * End to end on the local runtime with the declared schedules running on the engine's clock:
 * a lagging item receives an inquiry order after the scheduled monthly evaluation
 * (MonthlyEvaluation, `cron(0 2 1 * ? *)` in Asia/Shanghai, starting the Evaluation state
 * machine), and the inquiry's own workflow runs.
 */

import { type LocalRuntime, localStateMachineArn } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportProgress } from '#app/commands/work.ts';
import { evaluationOf } from '#app/evaluation.ts';
import type { Item } from '#domain/model.ts';
import {
  newItem,
  seedUnits,
  settleInquiry,
  settleItem,
  startHarness,
} from '../../support/workflow-harness.ts';
import { claimAwardAcknowledge, moveClockTo, ordersOf, publishAll, unit } from './support.ts';

let rt: LocalRuntime;
let lagging: Item;
let onTrack: Item;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function monthlyRuns() {
  const { executions } = await rt.engine.listExecutions({
    stateMachineArn: localStateMachineArn('Evaluation'),
  });
  return executions.filter((e) => e.name.startsWith('MonthlyEvaluation-'));
}

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'WARN'; // the evaluation function logs its summary
  rt = await startHarness({ schedules: { tickMs: 20 } });
  await seedUnits();
  // In progress from 2022-04-22 with a linear plan to 2022-05-10: on 30 April the plan
  // expects 8/18 = 44.4%.
  const plan = { milestones: [], deadline: '2022-05-10' };
  [lagging, onTrack] = await Promise.all([newItem(plan), newItem(plan)]);
  await publishAll(rt, [lagging!, onTrack!]);
  await Promise.all([
    claimAwardAcknowledge(rt, lagging!, 'meilin'),
    claimAwardAcknowledge(rt, onTrack!, 'huafu'),
  ]);
  await reportProgress({ actor: unit('huafu') }, onTrack!.itemId, {
    percentComplete: 50,
    narrative: 'Ahead of plan.',
  });
  await settleItem(rt, onTrack!, 'InProgress');
});

afterAll(async () => {
  await rt?.stop();
});

describe('the scheduled monthly evaluation', () => {
  it('is declared as deployed: 02:00 on the 1st, Beijing time, starting the Evaluation machine', () => {
    const monthly = rt.schedules.find((s) => s.id === 'MonthlyEvaluation');
    expect(monthly).toMatchObject({
      expression: 'cron(0 2 1 * ? *)',
      cron: '0 2 1 * *',
      timeZone: 'Asia/Shanghai',
      stateMachine: 'Evaluation',
      input: { job: 'evaluate', period: 'previous' },
    });
  });

  it('does not run before 02:00 Beijing on the 1st', async () => {
    moveClockTo(rt, '2022-05-01T01:58:00+08:00');
    await sleep(300); // many scheduler ticks
    expect(await monthlyRuns()).toEqual([]);
    expect(await ordersOf(lagging.itemId, 'inquiry')).toEqual([]);
  });

  it('a lagging item receives an inquiry order after the scheduled evaluation', async () => {
    moveClockTo(rt, '2022-05-01T02:00:01+08:00');
    let runs = await monthlyRuns();
    for (let i = 0; runs.length === 0 && i < 250; i++) {
      await sleep(20);
      runs = await monthlyRuns();
    }
    expect(runs).toHaveLength(1);
    const done = await rt.engine.waitForExecution(runs[0]!.executionArn);
    expect(done.status).toBe('SUCCEEDED');
    // The run evaluated the previous month, April.
    const output = JSON.parse(done.output ?? '{}') as { result?: { summary?: Record<string, unknown> } };
    expect(output.result?.summary).toMatchObject({
      period: '2022-04',
      date: '2022-04-30',
      items: 2,
      flagged: { lagging_progress: 1 },
      inquiriesIssued: 1,
    });

    const [inquiry, ...more] = await ordersOf(lagging.itemId, 'inquiry');
    expect(more).toEqual([]);
    expect(inquiry).toMatchObject({ trigger: 'lagging_progress', unitId: 'meilin', status: 'issued' });
    expect(inquiry!.reason).toMatch(/^2022-04: 44\.4 points behind plan/);
    expect(await ordersOf(onTrack.itemId, 'inquiry')).toEqual([]);
    // The inquiry's own workflow runs and waits for the unit's answer.
    await settleInquiry(rt, inquiry!.orderId, 'AwaitingAnswer');

    const stored = await evaluationOf('2022-04');
    expect(stored.items.map((r) => [r.itemId, r.flags])).toEqual(
      [
        [lagging.itemId, ['lagging_progress']],
        [onTrack.itemId, []],
      ].sort(),
    );
  });

  it('runs once a month: a day later there is still one run and one order', async () => {
    rt.clock.advance(24 * 3600_000);
    await sleep(200);
    expect(await monthlyRuns()).toHaveLength(1);
    expect(await ordersOf(lagging.itemId, 'inquiry')).toHaveLength(1);
  });
});
