/// <reference lib="dom" />
/**
 * The web console in real Chromium against the local system as `npm start` runs it: the
 * runtime with the demo year loaded and the gateway serving the built console at its root,
 * the API under /v1 and the local sign-in — the one system the e2e files share
 * (global-system.ts; each file leaves the others' subjects alone).
 *
 * SCREENSHOTS_DIR=docs/screenshots writes the README's screenshots. ONE_LIST_E2E_URL runs the
 * file against a system already running there (`npm start` with the demo) instead.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, seriousViolations, useSystem } from './support.ts';

const SHOTS = process.env.SCREENSHOTS_DIR;

let base: string;
let browser: Browser;

useSystem((s) => {
  ({ base, browser } = s);
});

async function open(path: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const { page, errors } = await newPage(browser, viewport);
  await page.goto(`${base}${path}`);
  await page.waitForSelector('main h1');
  expect(errors).toEqual([]);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(SHOTS, name), fullPage: false });
}

const text = (page: Page, selector: string) => page.locator(selector).textContent();

describe('the public board', () => {
  it('shows the article’s figures in zh-CN, and in English after the switch', async () => {
    const page = await open('/stats');
    await page.waitForSelector('[data-figure="projects"] dd');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await text(page, 'main h1')).toBe('2022年统计');
    expect(await text(page, '[data-figure="projects"] dd')).toBe('280 个');
    expect(await text(page, '[data-figure="investment"] dd')).toBe('7,500亿元');
    expect(await text(page, '[data-figure="reforms"] dd')).toBe('10');
    expect(await text(page, '[data-figure="tasks"] dd')).toBe('42 项（A类 30 项、B类 12 项）');
    expect(await text(page, '[data-figure="bottom-up"] dd')).toMatch(/^\d+(\.\d+)?%$/);
    expect(await text(page, '[data-stage="construction"]')).toMatch(/^在建 160 · /);
    expect(await text(page, '[data-stage="preliminary"]')).toMatch(/^前期 80 · /);
    expect(await text(page, '[data-stage="planning"]')).toMatch(/^谋划 40 · /);
    // The charts render (ECharts, SVG) with Chinese labels.
    await page.waitForSelector('.chart svg');
    expect(await page.locator('.chart svg').count()).toBe(4);
    expect(await page.locator('.chart svg text', { hasText: '在建' }).count()).toBeGreaterThan(0);
    await shot(page, 'statistics.png');

    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await text(page, 'main h1')).toBe('Statistics 2022');
    expect(await text(page, '[data-figure="projects"] dd')).toBe('280');
    expect(await text(page, '[data-figure="investment"] dd')).toBe('CNY 750 bn');
    expect(await text(page, '[data-figure="tasks"] dd')).toBe('42 tasks (30 class A, 12 class B)');
    expect(await text(page, '[data-stage="construction"]')).toMatch(/^Under construction 160 · /);
    expect(await page.locator('.chart svg text', { hasText: 'Under construction' }).count()).toBeGreaterThan(
      0,
    );
    // The choice is kept.
    await page.reload();
    await page.waitForSelector('[data-figure="projects"] dd');
    expect(await text(page, 'main h1')).toBe('Statistics 2022');
    await page.context().close();
  });

  it('lists the year by batch with claimants, managers, lights and progress; filters; opens an item', async () => {
    const page = await open('/');
    await page.waitForSelector('.batch');
    expect(await text(page, 'main h1')).toBe('2022年任务清单');
    expect(await text(page, '.batch h2 >> nth=0')).toMatch(/^第1批/);
    const rows = page.locator('.item-row');
    expect(await rows.count()).toBeGreaterThanOrEqual(42);
    // Claimants by Chinese name, never by id; lights of every kind the demo year has.
    const claimants = await page.locator('.item-people dd:nth-of-type(1)').allInnerTexts();
    expect(claimants.some((c) => c.endsWith('街道'))).toBe(true);
    expect(claimants.some((c) => /^[a-z-]+$/.test(c))).toBe(false);
    expect(
      await page.locator('.item-row .light-green, .item-row .light-yellow, .item-row .light-red').count(),
    ).toBeGreaterThan(0);
    expect(await page.locator('.item-row [role="progressbar"]').count()).toBe(await rows.count());
    await shot(page, 'public-board.png');

    // The unit filter keeps only that unit's items.
    const all = await rows.count();
    await page.selectOption('#f-unit', 'xiangmihu');
    // The server filters (an index key): wait for its page.
    await page.waitForFunction(() => {
      const c = Array.from(document.querySelectorAll('.item-people dd:nth-of-type(1)'), (d) => d.textContent);
      return c.length > 0 && c.every((x) => x === '香蜜湖街道');
    });
    const mine = await rows.count();
    expect(mine).toBeGreaterThan(0);
    expect(mine).toBeLessThan(all);
    for (const c of await page.locator('.item-people dd:nth-of-type(1)').allInnerTexts())
      expect(c).toBe('香蜜湖街道');

    // The item page: milestones on a timeline, targets, progress, orders in summary.
    await page.locator('.item-title').first().click();
    await page.waitForSelector('#ms-h');
    expect(await page.locator('.timeline li').count()).toBeGreaterThan(0);
    expect(await text(page, '#od-h')).toBe('相关令单（公开摘要）');
    expect(await page.locator('main').textContent()).toMatch(/福田责〔2022〕\d+号/);
    await page.context().close();
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const page = await open('/');
    await page.waitForSelector('.batch');
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('loads on a phone (390×844) without sideways scrolling', async () => {
    const page = await open('/', { width: 390, height: 844 });
    await page.waitForSelector('.batch');
    expect(await page.locator('.item-row').count()).toBeGreaterThanOrEqual(42);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.context().close();
  });

  it('shows notices in Chinese with unit names, and rankings with rank changes', async () => {
    const page = await open('/notices');
    await page.waitForSelector('.notice');
    const notices = await page.locator('.notice').allInnerTexts();
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.join('\n')).toMatch(/(街道|福田区)/);
    expect(notices.join('\n')).not.toMatch(/Unit [a-z-]+/);
    await page.goto(`${base}/rankings/2022-06`);
    await page.waitForSelector('table');
    expect(await text(page, 'main h1')).toBe('2022-06 排名');
    expect(await page.locator('caption', { hasText: '同类：街道' }).count()).toBe(1);
    expect(await page.locator('td .up, td .down, td .muted').count()).toBeGreaterThan(0);
    await page.context().close();
  });
});

describe('local sign-in', () => {
  it('lists the demo identities, signs a unit in and opens its inbox; the API refuses it the office’s publishing', async () => {
    const page = await open('/sign-in');
    await page.waitForSelector('.identities button');
    const buttons = await page.locator('.identities button').allInnerTexts();
    expect(buttons).toContain('督查督办办公室');
    expect(buttons).toContain('香蜜湖街道');
    expect(buttons.some((b) => b.includes('项目经理'))).toBe(true);
    await page.getByRole('button', { name: '香蜜湖街道', exact: true }).click();
    await page.waitForURL(/\/inbox$/);
    await page.waitForSelector('.item-row');
    expect(await page.locator('main').textContent()).toContain('香蜜湖街道');
    await shot(page, 'unit-inbox.png');
    expect(await seriousViolations(page)).toEqual([]);
    const status = await page.evaluate(async () => {
      const s = JSON.parse(localStorage.getItem('one-list.session') ?? '{}') as { token: string };
      const r = await fetch('/v1/lists/2022/batches', {
        method: 'POST',
        headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'A unit may not publish', itemIds: [] }),
      });
      return r.status;
    });
    expect(status).toBe(403);
    await page.context().close();
  });

  it('lets a unit report progress from a phone (390×844)', async () => {
    const page = await open('/sign-in', { width: 390, height: 844 });
    await page.waitForSelector('.identities button');
    await page.getByRole('button', { name: '香蜜湖街道', exact: true }).click();
    await page.waitForSelector('.progress-form');
    // An item of the unit that is on the published list: the projects and reforms launched at
    // the meeting were assigned without a batch and are on no list, so not on the board.
    const listed = await page.evaluate(async () => {
      // Every page of the list (at most 100 items a page).
      const titles: string[] = [];
      let cursor: string | undefined;
      do {
        const r = await fetch(
          `/v1/public/lists/2022${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        const page = (await r.json()) as { items: { title: string }[]; nextCursor?: string };
        titles.push(...page.items.map((i) => i.title));
        cursor = page.nextCursor;
      } while (cursor);
      return titles;
    });
    const reportable = page.locator('.item-row', { has: page.locator('.progress-form') });
    const titles = await reportable.locator('.item-title').allInnerTexts();
    const index = titles.findIndex((t) => listed.includes(t));
    expect(
      index,
      `none of ${titles.length} reportable items is on the published list`,
    ).toBeGreaterThanOrEqual(0);
    const form = reportable.nth(index).locator('.progress-form');
    const title = titles[index]!;
    await form.getByLabel('完成百分比').fill('55');
    await form.getByLabel('进展说明').fill('现场推进会已召开（端到端测试）');
    await form.getByRole('button', { name: '提交进度' }).click();
    await page.waitForSelector('.progress-form [role="status"]');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The public board shows the reported figure (the unit's items: the board is paged).
    await page.goto(`${base}/`);
    await page.waitForSelector('.batch');
    await page.selectOption('#f-unit', 'xiangmihu');
    await page.waitForSelector('.item-row');
    const row = page.locator('.item-row', { has: page.locator('.item-title', { hasText: title }) });
    expect(await row.locator('.progress-text').textContent()).toBe('55%');
    await page.context().close();
  });

  it('keeps a unit out of the office’s pages', async () => {
    const page = await open('/sign-in');
    await page.waitForSelector('.identities button');
    await page.getByRole('button', { name: '香蜜湖街道', exact: true }).click();
    await page.waitForURL(/\/inbox$/);
    expect(await page.getByRole('link', { name: '办公室' }).count()).toBe(0);
    await page.goto(`${base}/office`);
    await page.waitForSelector('main [role="alert"]');
    expect(await text(page, 'main [role="alert"]')).toBe('当前身份无权访问此页面。');
    await page.context().close();
  });

  it('lets the office publish a batch with a claim window, which a unit then claims', async () => {
    const page = await open('/sign-in');
    await page.waitForSelector('.identities button');
    await page.getByRole('button', { name: '督查督办办公室', exact: true }).click();
    await page.waitForURL(/\/inbox$/);
    // The demo year publishes or assigns every item it creates: the office drafts two tasks first.
    const tag = randomUUID().slice(0, 6);
    const titles = [`端到端测试任务甲 ${tag}`, `端到端测试任务乙 ${tag}`];
    const created = await page.evaluate(async (titles) => {
      const s = JSON.parse(localStorage.getItem('one-list.session') ?? '{}') as { token: string };
      const statuses: number[] = [];
      for (const title of titles) {
        const r = await fetch('/v1/items', {
          method: 'POST',
          headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            year: 2022,
            kind: 'task',
            itemClass: 'A',
            category: 'siege',
            title,
            deadline: '2022-12-31',
            milestones: [
              { id: 'm1', title: '方案审定', dueDate: '2022-09-30', weight: 40 },
              { id: 'm2', title: '主体完工', dueDate: '2022-12-15', weight: 60 },
            ],
            targets: [{ indicator: '服务户数', targetValue: 1000, unit: '户' }],
          }),
        });
        statuses.push(r.status);
      }
      return statuses;
    }, titles);
    expect(created).toEqual([201, 201]);
    await page.getByRole('link', { name: '办公室' }).click();
    await page.waitForSelector('.publish input[type="checkbox"]');
    const first = titles[0]!;
    for (const title of titles)
      await page
        .locator('.publish li', { has: page.locator('.item-title', { hasText: title }) })
        .locator('input[type="checkbox"]')
        .check();
    await page.getByLabel('批次名称').fill('控制台批次（端到端测试）');
    await page.getByLabel('揭榜截止日（北京时间）').fill('2022-07-29');
    await page.getByRole('button', { name: '发布 2 项' }).click();
    await page.waitForSelector('main [role="status"]');
    // The next number after the demo's first batch and any other e2e file's on the same system.
    const published = (await text(page, 'main [role="status"]')) ?? '';
    expect(published).toMatch(/^第\d+批已发布，共 2 项。$/);
    const batch = Number(/^第(\d+)批/.exec(published)?.[1]);
    expect(batch).toBeGreaterThanOrEqual(2);
    // On the public board, open for claims (the published items: the board is paged).
    await page.goto(`${base}/`);
    await page.waitForSelector('.batch');
    await page.selectOption('#f-status', 'published');
    await page.waitForSelector(`#batch-${batch}`);
    expect(await text(page, `#batch-${batch}`)).toBe(`第${batch}批：控制台批次（端到端测试）`);
    await page.context().close();

    // A unit claims one with a plan and a project manager.
    const unit = await open('/sign-in');
    await unit.waitForSelector('.identities button');
    await unit.getByRole('button', { name: '香蜜湖街道', exact: true }).click();
    await unit.waitForSelector('#oc-h');
    const row = unit.locator('.item-row', { has: unit.locator('.item-title', { hasText: first }) });
    await row.getByLabel('揭榜方案').fill('每周现场调度，年底前完成主体工程。');
    await row.getByRole('button', { name: '揭榜' }).click();
    await row.locator('[role="status"]').waitFor();
    expect(await row.locator('[role="status"]').textContent()).toBe('已提交揭榜申请。');
    await unit.context().close();
  });
});
