/**
 * The demo loader's meeting day, once, against fresh tables: it must produce exactly the
 * article's figures (280 projects worth 750 bn split 160/80/40, 10 reforms, a first batch
 * of 42 tasks, 30 class A and 12 class B) and leave tasks at every stage it promises. The
 * clock stands at the meeting (2022-04-22 09:00 Beijing), frozen, as on a fresh `npm start`.
 * The history that follows is test/integration/demo/year.test.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Gateway, LocalRuntime } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsOf } from '../../../functions/data/claims.ts';
import { itemsOfYear } from '../../../functions/data/items.ts';
import { listOrders } from '../../../functions/data/orders.ts';
import { allProgressOf } from '../../../functions/data/progress.ts';
import { listProposals } from '../../../functions/data/proposals.ts';
import { listUnits, peopleOf } from '../../../functions/data/units.ts';
import type { Item } from '../../../functions/domain/model.ts';
import {
  DEMO_CALENDAR,
  DEMO_FIGURES,
  DEMO_STAGES,
  DEMO_YEAR,
  projectSpecs,
  STAGE_FIGURES,
} from '../../../infra/local/demo/catalog.ts';
import { type DemoLoadResult, demoPresent, loadDemo } from '../../../infra/local/demo/load.ts';
import { waitForRest } from '../../../infra/local/demo/time.ts';
import { localVerifier } from '../../../infra/local/identity.ts';
import { corsOriginsFromCdkJson, startGateway, startLocalRuntime } from '../../../infra/local/platform.ts';

let rt: LocalRuntime;
let gw: Gateway;
let loaded: DemoLoadResult;
let items: Item[];

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const count = <T>(xs: readonly T[], by: (x: T) => string) =>
  xs.reduce<Record<string, number>>((acc, x) => {
    acc[by(x)] = (acc[by(x)] ?? 0) + 1;
    return acc;
  }, {});

beforeAll(async () => {
  rt = await startLocalRuntime({
    dynamoDbEndpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB,
    tablePrefix: `demo${randomUUID().slice(0, 8)}-`,
    origin: DEMO_CALENDAR.origin,
    timeScale: 0,
  });
  expect(await demoPresent()).toBe(false);
  loaded = await loadDemo();
  console.log('demo load timings (ms):', loaded.timings);
  items = [];
  for await (const i of itemsOfYear(DEMO_YEAR)) items.push(i);
  gw = await startGateway({ corsOrigins: corsOriginsFromCdkJson(), verifier: localVerifier() });
}, 120_000);

afterAll(async () => {
  await gw?.close();
  await rt?.stop();
});

describe('demo data', () => {
  it('generates figures that add up before anything is stored', () => {
    const specs = projectSpecs();
    expect(specs).toHaveLength(280);
    expect(new Set(specs.map((s) => s.itemId)).size).toBe(280);
    for (const stage of ['construction', 'preliminary', 'planning'] as const) {
      const of = specs.filter((s) => s.stage === stage);
      expect(sum(of.map((s) => s.totalInvestment))).toBe(STAGE_FIGURES[stage].totalInvestment);
      expect(sum(of.map((s) => s.annualInvestmentTarget))).toBe(STAGE_FIGURES[stage].annualInvestmentTarget);
      for (const s of of) {
        expect(s.totalInvestment).toBeGreaterThan(0);
        expect(s.annualInvestmentTarget).toBeLessThanOrEqual(s.totalInvestment);
      }
    }
  });

  it('stores the units and people, and is detected as present', async () => {
    expect(await demoPresent()).toBe(true);
    const units = (await listUnits(100)).items;
    expect(count(units, (u) => u.unitType)).toEqual({
      subdistrict: DEMO_FIGURES.units.subdistricts,
      department: DEMO_FIGURES.units.departments,
    });
    expect(units.find((u) => u.unitId === 'huaqiangbei')?.nameZh).toBe('华强北街道');
    const people = (await Promise.all(units.map((u) => peopleOf(u.unitId)))).flat();
    expect(people).toHaveLength(DEMO_FIGURES.people);
    expect(people.every((p) => /（虚构）/.test(p.title ?? ''))).toBe(true);
  });

  it('has exactly the article’s projects: 280, 750 bn, 160/80/40 with their sums', () => {
    const projects = items.filter((i) => i.kind === 'project');
    expect(projects).toHaveLength(DEMO_FIGURES.projects.total);
    expect(sum(projects.map((p) => p.project!.totalInvestment))).toBe(750_000_000_000);
    const byStage = (stage: string) => projects.filter((p) => p.project?.stage === stage);
    expect(byStage('construction')).toHaveLength(160);
    expect(byStage('preliminary')).toHaveLength(80);
    expect(byStage('planning')).toHaveLength(40);
    const total = (stage: string) => sum(byStage(stage).map((p) => p.project!.totalInvestment));
    const annual = (stage: string) => sum(byStage(stage).map((p) => p.project!.annualInvestmentTarget));
    expect(total('construction')).toBeGreaterThan(350e9);
    expect(total('preliminary')).toBeLessThan(200e9);
    expect(total('preliminary')).toBeGreaterThan(190e9);
    expect(total('planning')).toBeGreaterThan(200e9);
    expect(annual('construction')).toBe(42e9);
    expect(annual('preliminary')).toBe(10e9);
    const titles = projects.map((p) => p.title);
    for (const named of [
      '深圳金融科技研究院',
      '河湾北片区（南华村）',
      '福田中学',
      '东翼-1',
      '侨城东路',
      '三星工业区',
      '香蜜湖中心区',
      '华富街道',
      '车公庙',
      '西部生态廊道',
    ]) {
      expect(titles.filter((t) => t.includes(named))).toHaveLength(1);
    }
    expect(projects.find((p) => p.itemId === '2022-P-001')?.title).toBe('深圳金融科技研究院');
    expect(projects.find((p) => p.itemId === '2022-P-161')?.project?.stage).toBe('preliminary');
    expect(projects.find((p) => p.itemId === '2022-P-241')?.project?.stage).toBe('planning');
  });

  it('has 10 reforms and a first batch of 42 tasks: 30 class A, 12 class B, three battle lines', () => {
    expect(items.filter((i) => i.kind === 'reform')).toHaveLength(DEMO_FIGURES.reforms);
    const tasks = items.filter((i) => i.kind === 'task');
    expect(tasks).toHaveLength(42);
    expect(count(tasks, (t) => t.itemClass)).toEqual({ A: 30, B: 12 });
    expect(count(tasks, (t) => t.category)).toEqual(DEMO_FIGURES.tasks.byCategory);
    expect(tasks.every((t) => t.batchNo === 1)).toBe(true);
    expect(loaded.batch.counts).toEqual({ total: 42, classA: 30, classB: 12 });
    expect(count(tasks, (t) => t.status)).toEqual(DEMO_FIGURES.taskStatuses);
    expect(
      count(
        items.filter((i) => i.kind !== 'task'),
        (t) => t.status,
      ),
    ).toEqual(DEMO_FIGURES.listedStatuses);
  });

  it('made the class B tasks through the proposal flow', async () => {
    const proposals = (await listProposals({ year: DEMO_YEAR }, 100)).items;
    expect(count(proposals, (p) => p.status)).toEqual(DEMO_FIGURES.proposals);
    const accepted = proposals.filter((p) => p.status === 'accepted').map((p) => p.itemId);
    expect(new Set(accepted)).toEqual(new Set(loaded.classBItemIds));
  });

  it('leaves tasks at every stage: claims, an award, an acknowledged order with progress', async () => {
    const claims = (
      await Promise.all(items.filter((i) => i.kind === 'task').map((i) => claimsOf(i.itemId)))
    ).flat();
    expect(count(claims, (c) => c.status)).toEqual(DEMO_FIGURES.claims);

    const orders = (await listOrders({ year: DEMO_YEAR, type: 'responsibility' }, 1000)).items;
    expect(orders).toHaveLength(DEMO_FIGURES.orders.responsibility);
    // Every project and reform is at work under its lead unit, its order signed.
    const listed = orders.filter((o) => !o.itemId.includes('-T-') && o.number > 2);
    expect(listed).toHaveLength(290);
    expect(listed.every((o) => o.status === 'acknowledged')).toBe(true);
    // Numbered in the catalog's order, the same on every load.
    expect(listed.find((o) => o.itemId === '2022-P-001')?.number).toBe(3);
    expect(listed.find((o) => o.itemId === '2022-R-10')?.number).toBe(292);
    expect(loaded.orders.awarded).toMatchObject({
      number: 1,
      status: 'issued',
      unitId: DEMO_STAGES.awarded.winner,
    });
    expect(loaded.orders.acknowledged).toMatchObject({ number: 2, status: 'acknowledged' });

    const working = items.find((i) => i.itemId === DEMO_STAGES.inProgress.itemId)!;
    expect(working).toMatchObject({ status: 'in_progress', percentComplete: 0, leadUnitId: 'meilin' });
    expect(await allProgressOf(working.itemId)).toHaveLength(DEMO_FIGURES.progressReports);
  });

  it('dates the list as the article does: window to 2022-05-13, everything due within 2022', () => {
    const tasks = items.filter((i) => i.kind === 'task');
    expect(tasks.every((t) => t.claimWindow?.closesAt === '2022-05-13T15:59:59.999Z')).toBe(true);
    expect(tasks.every((t) => t.deadline === '2022-12-31')).toBe(true);
    expect(tasks.every((t) => t.milestones.every((m) => m.dueDate.startsWith('2022-')))).toBe(true);
    expect(items.every((i) => i.deadline <= '2022-12-31' && i.createdAt === '2022-04-22T01:00:00.000Z')).toBe(
      true,
    );
  });

  it('shows the published list to the public over HTTP', async () => {
    // Pages of at most 100, followed by their cursor.
    type Page = {
      batches: unknown[];
      items: { status: string; kind: string; batchNo: number | null }[];
      nextCursor?: string | null;
    };
    const body: Page = { batches: [], items: [] };
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const q = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
      const res = await fetch(`${gw.url}/v1/public/lists/${DEMO_YEAR}${q}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as Page;
      expect(page.items.length).toBeLessThanOrEqual(100);
      if (pages === 0) body.batches = page.batches;
      body.items.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(body.batches).toHaveLength(1);
    // The first batch's 42 tasks, then the 280 projects and 10 reforms the meeting assigned directly.
    expect(body.items.filter((i) => i.batchNo === 1)).toHaveLength(42);
    const assigned = body.items.filter((i) => i.batchNo === null);
    expect(assigned.filter((i) => i.kind === 'project')).toHaveLength(280);
    expect(assigned.filter((i) => i.kind === 'reform')).toHaveLength(10);
    expect(body.items).toHaveLength(332);
  });
});

describe('the demo calendar', () => {
  // Last: it moves the clock past the window, which the tests above must not see.
  it('refuses to load on a clock past the claim window', async () => {
    rt.clock.advance(30 * 24 * 3600_000);
    await waitForRest(rt);
    await expect(loadDemo()).rejects.toThrow(/fresh data folder/);
  });
});
