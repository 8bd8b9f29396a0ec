/**
 * Statistics of a year for the public board over a small known data set (invented demo
 * data): counts by kind, class, category and status; project investment by stage; the list's
 * batches and bottom-up share; orders by type; the completion rate. Only items on the list
 * count (published or later): a draft and its investment figures are not public.
 *
 *   draft      project A siege        never published; 9 bn total (planning): not counted
 *   open       task    B strategic    batch 1, claim window open
 *   building   project A siege        batch 1, in progress; 1 bn total, 200 m target, 50 m done
 *   prelim     project A siege        batch 1, in progress; 500 m total, 100 m target, 30 m done
 *   reform     reform  A bottom-line  batch 2, completed with a second-grade commendation
 */

import type { LocalRuntime } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCompletion, reportProgress, verifyCompletion } from '#app/commands/work.ts';
import { yearStats } from '#app/stats.ts';
import type { Item } from '#domain/model.ts';
import {
  meilin,
  newItem,
  office,
  seedUnits,
  settleItem,
  startHarness,
} from '../../support/workflow-harness.ts';
import { claimAwardAcknowledge, publishAll, unit } from './support.ts';

let rt: LocalRuntime;

const project = (stage: string, totalInvestment: number, annualInvestmentTarget: number) => ({
  kind: 'project',
  project: { stage, totalInvestment, annualInvestmentTarget },
});

beforeAll(async () => {
  rt = await startHarness();
  await seedUnits();
  const [, open, building, prelim, reform] = await Promise.all([
    newItem({ ...project('planning', 9_000_000_000, 1_000_000_000), title: 'Draft project (invented)' }),
    newItem({ itemClass: 'B', category: 'strategic', title: 'Declared task (invented)' }),
    newItem({ ...project('construction', 1_000_000_000, 200_000_000), title: 'Building (invented)' }),
    newItem({ ...project('preliminary', 500_000_000, 100_000_000), title: 'Preliminary (invented)' }),
    newItem({ kind: 'reform', category: 'bottom-line', title: 'Reform (invented)' }),
  ]);
  await publishAll(rt, [open!, building!, prelim!]);
  await publishAll(rt, [reform!]);
  await Promise.all([
    claimAwardAcknowledge(rt, building!, 'meilin'),
    claimAwardAcknowledge(rt, prelim!, 'huafu'),
    claimAwardAcknowledge(rt, reform!, 'meilin'),
  ]);
  const invest = async (item: Item, unitId: string, investmentCompleted: number) => {
    await reportProgress({ actor: unit(unitId) }, item.itemId, {
      percentComplete: 20,
      investmentCompleted,
      narrative: 'Investment to date.',
    });
    await settleItem(rt, item, 'InProgress');
  };
  await Promise.all([invest(building!, 'meilin', 50_000_000), invest(prelim!, 'huafu', 30_000_000)]);
  await reportCompletion({ actor: meilin }, reform!.itemId, { summary: 'Reform in force.', results: [] });
  await settleItem(rt, reform!, 'AwaitingVerification');
  await verifyCompletion({ actor: office }, reform!.itemId, { achieved: true, grade: 'second' });
  await settleItem(rt, reform!, 'Closed');
});

afterAll(async () => {
  await rt?.stop();
});

describe('yearStats', () => {
  it('counts the items on the list by kind, class, category and status — not the draft', async () => {
    const s = await yearStats(2022);
    expect(s.year).toBe(2022);
    expect(s.items).toBe(4);
    expect(s.byKind).toEqual({ task: 1, project: 2, reform: 1 });
    expect(s.byClass).toEqual({ A: 3, B: 1 });
    expect(s.byCategory).toEqual({ strategic: 1, siege: 2, 'bottom-line': 1 });
    expect(s.byStatus).toMatchObject({
      draft: 0,
      published: 1,
      in_progress: 2,
      completed: 1,
    });
    expect(Object.values(s.byStatus).reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('sums investment by project stage (the draft planning project’s 9 bn not among them)', async () => {
    const s = await yearStats(2022);
    expect(s.projects.byStage).toEqual({
      construction: {
        count: 1,
        totalInvestment: 1_000_000_000,
        annualInvestmentTarget: 200_000_000,
        investmentCompleted: 50_000_000,
        completionRate: 0.25,
      },
      preliminary: {
        count: 1,
        totalInvestment: 500_000_000,
        annualInvestmentTarget: 100_000_000,
        investmentCompleted: 30_000_000,
        completionRate: 0.3,
      },
      planning: {
        count: 0,
        totalInvestment: 0,
        annualInvestmentTarget: 0,
        investmentCompleted: 0,
        completionRate: 0,
      },
    });
    expect(s.projects.totalInvestment).toBe(1_500_000_000);
  });

  it('counts the list’s batches, the bottom-up share, orders by type and the completion rate', async () => {
    const s = await yearStats(2022);
    expect(s.list).toEqual({ batches: 2, items: 4, classA: 3, classB: 1, bottomUpShare: 0.25 });
    expect(s.orders).toEqual({ responsibility: 3, commendation: 1, inquiry: 0 });
    // Completed among those started (awarded or later): 1 of 3.
    expect(s.completionRate).toBe(0.3333);
  });

  it('another year is empty', async () => {
    const s = await yearStats(2023);
    expect(s).toMatchObject({ items: 0, completionRate: 0, projects: { totalInvestment: 0 } });
    expect(s.list).toEqual({ batches: 0, items: 0, classA: 0, classB: 0, bottomUpShare: 0 });
    expect(s.orders).toEqual({ responsibility: 0, commendation: 0, inquiry: 0 });
  });
});
