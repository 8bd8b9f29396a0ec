/// <reference lib="dom" />
/**
 * The office's daily-tool pages of issue 13 in real Chromium against the shared local system
 * (global-system.ts), driven as their users drive them: the rules page as a unit sees it (zh-CN
 * and English, axe-core); the office's import of items (a dry run's per-row errors, nothing
 * written, then a good sheet's drafts); an export and a printed order downloaded; the 督办 verbs
 * (an extension asked and approved, an urging in the unit's inbox); a robot on a private address
 * refused in the notification settings.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, Download, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { newPage, seriousViolations, useSystem } from './support.ts';

let base: string;
let browser: Browser;

useSystem((s) => {
  ({ base, browser } = s);
});

const open = new Set<Page>();
afterEach(async (ctx) => {
  // On a failure, what the open pages showed (the API's refusals among it).
  if (ctx.task.result?.state === 'fail')
    for (const p of open)
      console.error(
        `${p.url()}\n${(
          await p
            .locator('main')
            .textContent()
            .catch(() => '')
        )?.slice(0, 3000)}`,
      );
  for (const p of open) await p.context().close();
  open.clear();
});

/** The file a click on `button` downloads: its suggested name and its bytes. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download') as Promise<Download>, click()]);
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: await readFile(path) };
}

/** Chooses a file of `name` with `text` in the page's file input. */
async function choose(page: Page, name: string, text: string): Promise<void> {
  await page
    .locator('#im-file')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
}

/** The titles of the year's drafts on the office's desk. */
async function draftTitles(page: Page): Promise<string[]> {
  await page.goto(`${base}/office`);
  await page.waitForSelector('main h1');
  await page.locator('main .item-row.draft, main p:has-text("暂无事项")').first().waitFor();
  return page.locator('main .item-row.draft .item-title').allTextContents();
}

/** A fresh session signed in as the identity the sign-in page names `who`, on `path`. */
async function as(who: string, path: string): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await newPage(browser);
  open.add(page);
  await page.goto(`${base}/sign-in`);
  await page.waitForSelector('.identities button');
  await page.getByRole('button', { name: who, exact: true }).click();
  await page.waitForURL(/\/inbox$/);
  await page.goto(`${base}${path}`);
  await page.waitForSelector('main h1');
  return { page, errors };
}

describe('the rules page', () => {
  it('shows the rules in force to a unit, in zh-CN and in English after the switch', async () => {
    const { page, errors } = await as('香蜜湖街道', '/rules');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await expect.poll(() => page.locator('main h1').textContent()).toMatch(/^\d{4}年现行规则$/);
    await page.getByRole('heading', { name: '办理时限', level: 2 }).waitFor();
    const limits = page.locator('main dl').first();
    await expect.poll(() => limits.textContent()).toContain('责任令签收');
    // Each limit in force is a figure (working days), not an empty cell.
    await expect
      .poll(async () => (await limits.locator('dd').allTextContents()).every((d) => /\S/.test(d)))
      .toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await expect.poll(() => page.locator('main h1').textContent()).toMatch(/^Rules in force, \d{4}$/);
    await page.getByRole('heading', { name: 'Time limits', level: 2 }).waitFor();
    await expect.poll(() => limits.textContent()).toContain('Signing a responsibility order');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe("the office's imports", () => {
  it('checks a bad sheet row by row, writes nothing, then imports a good one as drafts', async () => {
    const { page, errors } = await as('督查督办办公室', '/imports');
    const head = '导入编号,年度,类型,分类,战线,名称,完成时限';
    const tag = randomUUID().slice(0, 8);
    const before = await draftTitles(page);

    await page.goto(`${base}/imports`);
    await page.waitForSelector('main h1');
    const bad = [
      head,
      `bad-${tag}-1,2022,飞船,A,战略争夺,坏行一${tag},2022-12-31`,
      `bad-${tag}-2,2022,任务,A,战略争夺,坏行二${tag},2022-13-45`,
      `bad-${tag}-3,二〇二二,任务,A,攻城拔寨,坏行三${tag},2022-12-31`,
    ].join('\r\n');
    await choose(page, 'bad.csv', bad);
    await page.getByRole('button', { name: '检查', exact: true }).click();
    const table = page.locator('table.import-errors');
    await table.waitFor();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('共 3 行');
    // Each bad row is named, with its column and the API's code and message.
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => ({ row: tr.getAttribute('data-row'), text: tr.textContent ?? '' })),
      );
    expect(new Set(rows.map((r) => r.row))).toEqual(new Set(['2', '3', '4']));
    const of = (n: string) =>
      rows
        .filter((r) => r.row === n)
        .map((r) => r.text)
        .join(' ');
    expect(of('2')).toContain('类型');
    expect(of('2')).toContain('import.unknown_value');
    expect(of('3')).toContain('完成时限');
    expect(of('4')).toContain('年度');
    expect(of('4')).toContain('import.not_a_number');
    // Nothing to import while the check found errors.
    expect(await page.getByRole('button', { name: '导入', exact: true }).isDisabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    // The dry run wrote nothing: the year's drafts are those of before.
    expect(await draftTitles(page)).toEqual(before);

    await page.goto(`${base}/imports`);
    await page.waitForSelector('main h1');
    const good = [
      head,
      `ok-${tag}-1,2022,任务,A,战略争夺,导入一${tag},2022-12-31`,
      `ok-${tag}-2,2022,重要改革,B,守住底线,导入二${tag},2022-11-30`,
    ].join('\r\n');
    await choose(page, 'good.csv', good);
    await page.getByRole('button', { name: '检查', exact: true }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('共 2 行，0 处错误');
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已导入 2 行');
    const after = await draftTitles(page);
    expect(after).toEqual(expect.arrayContaining([`导入一${tag}`, `导入二${tag}`]));
    expect(after.length).toBe(before.length + 2);
    expect(errors).toEqual([]);
  });
});

describe('downloads', () => {
  it("exports the year's list as CSV with the Chinese header, and as XLSX", async () => {
    const { page, errors } = await as('督查督办办公室', '/office');
    const bar = page.locator('[data-export="items"]');
    const csv = await downloaded(page, () => bar.getByRole('button', { name: 'CSV', exact: true }).click());
    expect(csv.name).toBe('one-list-items-2022.csv');
    const text = csv.bytes.toString('utf8').replace(/^\uFEFF/, '');
    expect(text.split(/\r?\n/)[0]).toMatch(/^导入编号,年度,类型,分类,战线,名称,/);
    const xlsx = await downloaded(page, () => bar.getByRole('button', { name: 'XLSX', exact: true }).click());
    expect(xlsx.name).toBe('one-list-items-2022.xlsx');
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(errors).toEqual([]);
  });

  it('prints an order as a PDF', async () => {
    const { page, errors } = await as('香蜜湖街道', '/work');
    const print = page.locator('button[data-print]').first();
    await print.waitFor();
    const pdf = await downloaded(page, () => print.click());
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(errors).toEqual([]);
  });
});

describe('the verbs of supervision', () => {
  it('moves a deadline: the unit asks, the commander approves, the unit sees the new date', async () => {
    const unit = await as('香蜜湖街道', '/work');
    // The unit's first item in progress (or awarded): the ones with the extension form.
    const item = unit.page
      .locator('li.work-item', { has: unit.page.locator('details.extension-forms') })
      .first();
    await item.waitFor();
    const itemId = (await item.getAttribute('data-item')) as string;
    const title = (await item.locator('.item-title').textContent()) as string;
    await item.locator('details.extension-forms > summary').click();
    await item.locator(`#ex-${itemId}-t`).selectOption('deadline');
    await item.locator(`#ex-${itemId}-d`).fill('2023-03-31');
    await item.locator(`#ex-${itemId}-r`).fill('征拆进度受汛期影响，申请顺延完成时限。');
    await item.getByRole('button', { name: '提交延期申请', exact: true }).click();
    await item.getByRole('status').filter({ hasText: '已提交，待指挥部审批。' }).waitFor();

    const cmd = await as('总指挥（指挥部）', '/work');
    const pending = cmd.page.locator('li[data-extension]', {
      has: cmd.page.locator('.item-title', { hasText: title }),
    });
    await pending.first().waitFor();
    await expect.poll(() => pending.first().textContent()).toContain('2023年3月31日');
    await pending.first().getByRole('button', { name: '批准', exact: true }).click();
    // Decided, the request leaves the commander's pending list (which reloads at once: its
    // confirmation may be gone with its row before a test sees it).
    await expect.poll(() => pending.count(), { timeout: 60_000 }).toBe(0);

    await unit.page.reload();
    await unit.page.waitForSelector('main h1');
    const again = unit.page.locator(`li.work-item[data-item="${itemId}"]`);
    await expect.poll(() => again.locator('.item-meta').first().textContent()).toContain('2023年3月31日');
    await again.locator('details.extension-forms > summary').click();
    const line = again.locator('.extensions li').filter({ hasText: '已批准' });
    await expect.poll(() => line.first().textContent()).toContain('→ 2023年3月31日');
    // The decision waits in the unit's inbox, worded in the reader's language (not codes and ISO dates).
    await unit.page.goto(`${base}/inbox`);
    const decided = unit.page
      .locator('li.item-row', { has: unit.page.locator('.item-title', { hasText: title }) })
      .filter({ hasText: '完成时限：' });
    await expect.poll(() => decided.first().textContent()).toContain('→ 2023年3月31日');
    expect(await decided.first().textContent()).not.toContain('deadline');
    expect(unit.errors).toEqual([]);
    expect(cmd.errors).toEqual([]);
  });

  it("urges a unit on an item, and the urging waits in the unit's inbox", async () => {
    const unit = await as('香蜜湖街道', '/work');
    // An item of the unit's in progress that nobody urged yet (a unit is urged once a day on an item).
    const item = unit.page
      .locator('li.work-item', { has: unit.page.locator('details.extension-forms') })
      .filter({ hasNotText: '次催办' })
      .last();
    await item.waitFor();
    const title = (await item.locator('.item-title').textContent()) as string;

    const office = await as('督查督办办公室', '/work');
    const block = office.page.locator('details.work-forms', {
      has: office.page.locator('summary', { hasText: title }),
    });
    await block.first().locator('summary').click();
    const form = block.first().locator('.supervision');
    await form.locator('select[name="unitId"]').selectOption({ label: '香蜜湖街道' });
    await form.locator('[name="note"]').fill('请于本周内报送征拆进展。');
    await form.getByRole('button', { name: '催办', exact: true }).click();
    await form.getByRole('status').filter({ hasText: '已催办' }).waitFor();
    await expect
      .poll(() => form.locator('li[data-urge]').allTextContents())
      .toContainEqual(expect.stringContaining('请于本周内报送征拆进展。'));

    await unit.page.goto(`${base}/inbox`);
    await unit.page.waitForSelector('main h1');
    const section = unit.page.locator('section[aria-labelledby="ib-urged"]');
    await section.waitFor();
    await expect.poll(() => section.locator('h2').textContent()).toBe('被催办事项');
    // The entry names the item and what was urged.
    await expect
      .poll(() => section.locator('.item-title').allTextContents())
      .toContain(`${title}（请于本周内报送征拆进展。）`);
    expect(await seriousViolations(unit.page)).toEqual([]);
    expect(unit.errors).toEqual([]);
    expect(office.errors).toEqual([]);
  });
});

describe('notification settings', () => {
  it("shows the API's refusal of a robot on a private address beside its field", async () => {
    const { page, errors } = await as('香蜜湖街道', '/notification-settings');
    // The settings arrive late: nothing added before they are read is overwritten by them (the
    // form waits for them; it used to take the click, then drop the new row when they came).
    await page.route('**/v1/units/*/notifications', async (r) => {
      await new Promise((done) => setTimeout(done, 1500));
      await r.continue();
    });
    await page.reload();
    await page.getByRole('button', { name: '添加机器人', exact: true }).click();
    await page.unroute('**/v1/units/*/notifications');
    const row = page.locator('.webhook').last();
    await row.getByLabel('类型').selectOption('generic');
    const url = row.getByLabel('地址（Webhook URL）');
    // HTTPS, so the refusal is the address's own: a private network's.
    await url.fill('https://10.0.0.1/x');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('alert').first().waitFor();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('webhooks.');
    // Beside the field, named as its description, and the field marked invalid.
    await expect.poll(() => url.getAttribute('aria-invalid')).toBe('true');
    const note = page.locator(`#${await url.getAttribute('aria-describedby')}`);
    await expect.poll(() => note.textContent()).toBe('不能使用内网、本机或链路本地地址');
    expect(await row.locator('.error').textContent()).toBe('不能使用内网、本机或链路本地地址');
    // Plain HTTP is refused for itself.
    await url.fill('http://10.0.0.1/x');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => note.textContent()).toBe('须使用 HTTPS');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
