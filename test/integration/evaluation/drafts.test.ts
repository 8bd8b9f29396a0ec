/**
 * Lagging in the rankings is a judgement the office confirms: with `lagging_rank` configured
 * as a draft (the default), an item in the bottom of its category two periods running gets
 * an inquiry draft, not an order; confirming the draft issues the order, once.
 *
 * Two items of the same category, in progress since 2022-04-22 on a linear plan to the end
 * of the year (15.4% expected on 31 May, 27.3% on 30 June): one at 10% (behind, but never by
 * the 20 points of a serious lag), one at 50%.
 */

import type { LocalRuntime } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportProgress } from '#app/commands/work.ts';
import { confirmDrafts, evaluationConfig, evaluationOf, runEvaluation } from '#app/evaluation.ts';
import { getItem } from '#data/items.ts';
import { currentNumber } from '#data/orders.ts';
import type { Item } from '#domain/model.ts';
import {
  commander,
  meilin,
  newItem,
  office,
  seedUnits,
  settleInquiry,
  settleItem,
  startHarness,
} from '../../support/workflow-harness.ts';
import { claimAwardAcknowledge, moveClockTo, ordersOf, publishAll, unit } from './support.ts';

let rt: LocalRuntime;
let poor: Item;
let good: Item;

beforeAll(async () => {
  delete process.env.EVALUATION_CONFIG;
  rt = await startHarness();
  await seedUnits();
  const plan = { milestones: [], category: 'bottom-line' };
  [poor, good] = await Promise.all([newItem(plan), newItem(plan)]);
  await publishAll(rt, [poor!, good!]);
  await Promise.all([claimAwardAcknowledge(rt, poor!, 'meilin'), claimAwardAcknowledge(rt, good!, 'huafu')]);
  await reportProgress({ actor: meilin }, poor!.itemId, { percentComplete: 10, narrative: 'Slow start.' });
  await reportProgress({ actor: unit('huafu') }, good!.itemId, {
    percentComplete: 50,
    narrative: 'Going well.',
  });
  await Promise.all([settleItem(rt, poor!, 'InProgress'), settleItem(rt, good!, 'InProgress')]);
});

afterAll(async () => {
  await rt?.stop();
});

describe('inquiry drafts for lagging rank', () => {
  it('is configured as a draft by default', () => {
    expect(evaluationConfig().consequences.lagging_rank).toBe('draft');
  });

  it('the first period in the bottom: counted, no flag, no draft', async () => {
    moveClockTo(rt, '2022-06-01T10:00:00+08:00');
    const summary = await runEvaluation({ actor: office }, '2022-05');
    expect(summary).toMatchObject({ items: 2, flagged: {}, inquiriesIssued: 0, draftsProposed: 0 });
    const may = await evaluationOf('2022-05');
    expect(may.items.find((r) => r.itemId === poor.itemId)).toMatchObject({
      expected: 15.4,
      lag: 5.4,
      rankInCategory: 2,
      categorySize: 2,
      inBottom: true,
      bottomRunning: 1,
      flags: [],
    });
    expect(may.drafts).toEqual([]);
  });

  it('the second period running: a draft, not an order', async () => {
    const counter = await currentNumber('inquiry', 2022);
    moveClockTo(rt, '2022-07-01T10:00:00+08:00');
    const summary = await runEvaluation({ actor: office }, '2022-06');
    expect(summary).toMatchObject({
      items: 2,
      flagged: { lagging_rank: 1 },
      inquiriesIssued: 0,
      draftsProposed: 1,
    });
    const june = await evaluationOf('2022-06');
    expect(june.items.find((r) => r.itemId === poor.itemId)).toMatchObject({
      lag: 17.3,
      inBottom: true,
      bottomRunning: 2,
      rankChange: 0,
      flags: ['lagging_rank'],
    });
    expect(june.items.find((r) => r.itemId === good.itemId)).toMatchObject({ bottomRunning: 0, flags: [] });
    expect(june.drafts).toEqual([
      {
        period: '2022-06',
        itemId: poor.itemId,
        trigger: 'lagging_rank',
        reason: '2022-06: in the bottom of its category 2 periods running (rank 2 of 2)',
        status: 'proposed',
      },
    ]);
    expect(await ordersOf(poor.itemId, 'inquiry')).toEqual([]);
    expect(await currentNumber('inquiry', 2022)).toBe(counter);
    expect((await getItem(poor.itemId)).lapsesActedOn).toEqual([]);

    // A re-run proposes nothing new: the summary still describes the period's one draft.
    const again = await runEvaluation({ actor: office }, '2022-06');
    expect(again.draftsProposed).toBe(1);
    expect((await evaluationOf('2022-06')).drafts).toEqual(june.drafts);
  });

  it('confirms only the drafts named, of the period named (its roles are its route’s, POST /v1/evaluations)', async () => {
    // Confirming another item's draft, or another period's, issues nothing.
    expect(await confirmDrafts({ actor: office }, '2022-06', [good.itemId])).toEqual({ issued: 0 });
    expect(await confirmDrafts({ actor: office }, '2022-05', [poor.itemId])).toEqual({ issued: 0 });
    expect((await evaluationOf('2022-06')).drafts.map((d) => d.status)).toEqual(['proposed']);
    expect(await ordersOf(poor.itemId, 'inquiry')).toEqual([]);
  });

  it('confirming the draft issues the inquiry order once', async () => {
    const counter = await currentNumber('inquiry', 2022);
    expect(await confirmDrafts({ actor: commander }, '2022-06', [poor.itemId])).toEqual({ issued: 1 });
    const [order, ...more] = await ordersOf(poor.itemId, 'inquiry');
    expect(more).toEqual([]);
    expect(order).toMatchObject({
      trigger: 'lagging_rank',
      unitId: 'meilin',
      status: 'issued',
      reason: '2022-06: in the bottom of its category 2 periods running (rank 2 of 2)',
    });
    expect(await currentNumber('inquiry', 2022)).toBe(counter + 1);
    expect((await evaluationOf('2022-06')).drafts.map((d) => d.status)).toEqual(['confirmed']);
    await settleInquiry(rt, order!.orderId, 'AwaitingAnswer');

    // Once: confirming again, or re-running the period, issues nothing more.
    expect(await confirmDrafts({ actor: office }, '2022-06', [poor.itemId])).toEqual({ issued: 0 });
    const rerun = await runEvaluation({ actor: office }, '2022-06');
    expect(rerun).toMatchObject({ inquiriesIssued: 0, draftsProposed: 1 });
    expect((await evaluationOf('2022-06')).drafts.map((d) => d.status)).toEqual(['confirmed']);
    expect(await ordersOf(poor.itemId, 'inquiry')).toHaveLength(1);
    expect(await currentNumber('inquiry', 2022)).toBe(counter + 1);
    expect((await getItem(poor.itemId)).lapsesActedOn).toEqual(['eval:2022-06:lagging_rank']);
  });

  it('configured as automatic, the next period issues the order without a draft', async () => {
    process.env.EVALUATION_CONFIG = JSON.stringify({ consequences: { lagging_rank: 'automatic' } });
    try {
      // 31 July: 39.5% expected; the poor item is now also seriously behind (29.5 points).
      moveClockTo(rt, '2022-08-01T10:00:00+08:00');
      const summary = await runEvaluation({ actor: office }, '2022-07');
      expect(summary).toMatchObject({
        flagged: { lagging_rank: 1, lagging_progress: 1 },
        inquiriesIssued: 2,
        draftsProposed: 0,
      });
      expect((await evaluationOf('2022-07')).drafts).toEqual([]);
      const triggers = (await ordersOf(poor.itemId, 'inquiry')).map((o) => o.trigger).sort();
      expect(triggers).toEqual(['lagging_progress', 'lagging_rank', 'lagging_rank']);
    } finally {
      delete process.env.EVALUATION_CONFIG;
    }
  });
});
