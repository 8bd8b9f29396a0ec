/**
 * History events per item-year, measured on the local Step Functions engine (the real ASL on
 * a frozen clock, DynamoDB Local): one item published, claimed, awarded and acknowledged in
 * late April, a progress report every month to December (its four milestones done on time),
 * its completion reported and verified. The events of every execution of the item's workflow
 * are counted, and set beside the estimate the workflow hands over on (wake-ups × 25,
 * functions/domain/continuation.ts). Also answers the wake-ups and state transitions of the
 * year, for the cost rows.
 */
import { randomUUID } from 'node:crypto';
import { localStateMachineArn } from '@one-list/local-aws';
import { reportCompletion, reportProgress, verifyCompletion } from '../functions/app/commands/work.ts';
import { EVENTS_PER_WAKE_UP } from '../functions/domain/continuation.ts';
import { startDynamoDbLocal, startLocalRuntime } from '../infra/local/platform.ts';
import {
  meilin,
  newItem,
  ORIGIN,
  office,
  seedUnits,
  settleItem,
  toInProgress,
} from '../test/support/workflow-harness.ts';
import type { Row } from './table.ts';

/** Issue 12's bound. */
export const MAX_EVENTS_PER_ITEM_YEAR = 5_000;

export interface ItemYear {
  events: number;
  wakeUps: number;
  transitions: number;
  reports: number;
}

export async function measureHistory(): Promise<{ rows: Row[]; year: ItemYear }> {
  process.env.AWS_REGION ??= 'local';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  const ddb = await startDynamoDbLocal();
  const rt = await startLocalRuntime({
    dynamoDbEndpoint: ddb.endpoint,
    tablePrefix: `benchhist-${randomUUID().slice(0, 6)}-`,
    timeScale: 0,
    origin: ORIGIN,
  });
  try {
    await seedUnits();
    const milestones = [
      { id: 'm1', title: 'Design approved', dueDate: '2022-06-30', weight: 25 },
      { id: 'm2', title: 'Works started', dueDate: '2022-08-31', weight: 25 },
      { id: 'm3', title: 'Works half done', dueDate: '2022-10-31', weight: 25 },
      { id: 'm4', title: 'Works finished', dueDate: '2022-12-15', weight: 25 },
    ];
    const item = await newItem({ milestones, deadline: '2022-12-31' });
    await toInProgress(rt, item);
    let reports = 0;
    for (let month = 5; month <= 12; month++) {
      const day = `2022-${String(month).padStart(2, '0')}-10`;
      const to = new Date(`${day}T10:00:00+08:00`).getTime();
      rt.clock.advance(Math.max(0, to - rt.clock.now().getTime()));
      await settleItem(rt, item, 'InProgress');
      const due = milestones.filter(
        (m) =>
          m.dueDate.slice(0, 7) === day.slice(0, 7) ||
          m.dueDate.slice(0, 7) === `2022-${String(month + 1).padStart(2, '0')}`,
      );
      await reportProgress({ actor: meilin }, item.itemId, {
        percentComplete: Math.min(100, (month - 4) * 12.5),
        narrative: `Monthly report for ${day.slice(0, 7)} (invented).`,
        milestones: due.map((m) => ({ milestoneId: m.id, done: true, doneOn: day })),
      });
      reports++;
      await settleItem(rt, item, 'InProgress');
    }
    await reportCompletion({ actor: meilin }, item.itemId, {
      summary: 'Done (invented).',
      results: [{ indicator: 'Households served', actualValue: 1200 }],
    });
    await settleItem(rt, item, 'AwaitingVerification');
    await verifyCompletion({ actor: office }, item.itemId, { achieved: true, grade: 'second' });
    // Closed: every execution of the item's workflow has ended (the last one after closing).
    const mine = async () =>
      (
        await rt.engine.listExecutions({ stateMachineArn: localStateMachineArn('ItemLifecycle') })
      ).executions.filter((x) => x.name.startsWith(`${item.itemId}--`));
    for (let i = 0; (await mine()).some((x) => x.status === 'RUNNING'); i++) {
      if (i > 3000) throw new Error('the item workflow did not end after the verification');
      await new Promise((r) => setTimeout(r, 10));
    }
    const executions = await mine();
    let events = 0;
    let wakeUps = 0;
    let transitions = 0;
    for (const e of executions) {
      const { events: history } = await rt.engine.getExecutionHistory({
        executionArn: e.executionArn,
        maxResults: 1000,
      });
      events += history.length;
      for (const h of history) {
        if (h.type.endsWith('StateEntered')) transitions++;
        if (h.type.endsWith('StateEntered') && h.stateEnteredEventDetails?.name === 'Sync') wakeUps++;
      }
    }
    const estimate = wakeUps * EVENTS_PER_WAKE_UP;
    return {
      rows: [
        {
          metric: 'history events per item-year (workflow, measured on the local engine)',
          measured: `${events} = ${(events / MAX_EVENTS_PER_ITEM_YEAR).toFixed(3)} of the bound (${wakeUps} wake-ups, ${transitions} state transitions, ${reports} reports; estimate wake-ups × ${EVENTS_PER_WAKE_UP} = ${estimate}, measured / estimate ${(events / estimate).toFixed(2)})`,
          goal: `≤ ${MAX_EVENTS_PER_ITEM_YEAR.toLocaleString('en')}`,
          ok: events <= MAX_EVENTS_PER_ITEM_YEAR && events <= estimate,
        },
      ],
      year: { events, wakeUps, transitions, reports },
    };
  } finally {
    await rt.stop();
    await ddb.stop();
  }
}
