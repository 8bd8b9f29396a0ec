/**
 * The daily deadline sweep: a yellow reminder from 3 working days before a milestone or the
 * deadline (statutory holidays do not count: 3 June 2022 is the Dragon Boat Festival), a red
 * one once it is overdue; done milestones are left alone; a reminder is recorded once,
 * however often the sweep runs.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportProgress } from '#app/commands/work.ts';
import { deadlineSweep, type Reminder } from '#app/evaluation.ts';
import { documentClient, mainTableName } from '#data/db.ts';
import type { Item } from '#domain/model.ts';
import {
  meilin,
  newItem,
  office,
  seedUnits,
  settleItem,
  startHarness,
} from '../../support/workflow-harness.ts';
import { claimAwardAcknowledge, moveClockTo, publishAll } from './support.ts';

let rt: LocalRuntime;
/** Milestone r1 due Friday 27 May, not done: red from the 28th. */
let overdue: Item;
/** Milestone y1 due Monday 6 June: the 3rd working day after Tuesday 31 May (3 June is a holiday). */
let soon: Item;
/** Milestone n1 due Tuesday 7 June: the 4th working day after 31 May, the 3rd after 1 June. */
let later: Item;
/** Milestone d1 due Monday 30 May, reported done. */
let done: Item;
/** No milestones, deadline Thursday 2 June. */
let deadline: Item;

const halves = (prefix: string, due: string) => ({
  milestones: [
    { id: `${prefix}1`, title: 'First half', dueDate: due, weight: 50 },
    { id: `${prefix}2`, title: 'Second half', dueDate: '2022-12-31', weight: 50 },
  ],
});

async function reminderRows(): Promise<Record<string, unknown>[]> {
  const res = await documentClient().send(
    new QueryCommand({
      TableName: mainTableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': 'UNIT#meilin', ':p': 'REMINDER#' },
      ConsistentRead: true,
    }),
  );
  return res.Items ?? [];
}

const brief = (rs: readonly Reminder[]) =>
  rs.map((r) => `${r.itemId} ${r.key} ${r.dueDate} ${r.color}`).sort();

beforeAll(async () => {
  rt = await startHarness();
  await seedUnits();
  [overdue, soon, later, done, deadline] = await Promise.all([
    newItem(halves('r', '2022-05-27')),
    newItem(halves('y', '2022-06-06')),
    newItem(halves('n', '2022-06-07')),
    newItem(halves('d', '2022-05-30')),
    newItem({ milestones: [], deadline: '2022-06-02' }),
  ]);
  const all = [overdue!, soon!, later!, done!, deadline!];
  await publishAll(rt, all);
  await Promise.all(all.map((i) => claimAwardAcknowledge(rt, i, 'meilin')));
  await reportProgress({ actor: meilin }, done!.itemId, {
    percentComplete: 50,
    milestones: [{ milestoneId: 'd1', done: true }],
    narrative: 'First half done.',
  });
  await settleItem(rt, done!, 'InProgress');
});

afterAll(async () => {
  await rt?.stop();
});

describe('deadline sweep', () => {
  it('Tuesday 31 May: red for the overdue milestone, yellow within 3 working days', async () => {
    moveClockTo(rt, '2022-05-31T01:00:00+08:00');
    // The overdue item's own workflow acts on its lapse; let it rest again.
    await settleItem(rt, overdue, 'InProgress');
    const reminders = await deadlineSweep({ actor: office });
    expect(brief(reminders)).toEqual(
      [
        `${overdue.itemId} milestone:r1 2022-05-27 red`,
        `${soon.itemId} milestone:y1 2022-06-06 yellow`,
        `${deadline.itemId} deadline 2022-06-02 yellow`,
      ].sort(),
    );
    for (const r of reminders) expect(r.unitId).toBe('meilin');
    const rows = await reminderRows();
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.SK).sort()).toEqual(
      [
        `REMINDER#2022-05-27#${overdue.itemId}#milestone:r1#red`,
        `REMINDER#2022-06-02#${deadline.itemId}#deadline#yellow`,
        `REMINDER#2022-06-06#${soon.itemId}#milestone:y1#yellow`,
      ].sort(),
    );
  });

  it('is idempotent: the same sweep later the same day records nothing new', async () => {
    const rows = await reminderRows();
    rt.clock.advance(6 * 3600_000);
    const again = await deadlineSweep({ actor: office });
    expect(again).toHaveLength(3);
    expect(await reminderRows()).toEqual(rows);
  });

  it('Wednesday 1 June: the milestone due 7 June turns yellow; nothing is recorded twice', async () => {
    moveClockTo(rt, '2022-06-01T01:00:00+08:00');
    const reminders = await deadlineSweep({ actor: office });
    expect(brief(reminders)).toContain(`${later.itemId} milestone:n1 2022-06-07 yellow`);
    expect(reminders).toHaveLength(4);
    expect(await reminderRows()).toHaveLength(4);
    expect(brief(reminders).filter((r) => r.startsWith(done.itemId))).toEqual([]);
  });

  it('Friday 3 June (a holiday): the missed deadline turns red, once', async () => {
    moveClockTo(rt, '2022-06-03T01:00:00+08:00');
    await settleItem(rt, deadline, 'InProgress');
    const first = await deadlineSweep({ actor: office });
    expect(brief(first)).toContain(`${deadline.itemId} deadline 2022-06-02 red`);
    const rows = await reminderRows();
    expect(rows).toHaveLength(5);
    await deadlineSweep({ actor: office });
    expect(await reminderRows()).toEqual(rows);
  });
});
