/// <reference lib="dom" />
/**
 * The office's daily-tool pages of issue 13 in real Chromium against the shared local system
 * (global-system.ts). So far: the rules page, as a unit's session sees it, in zh-CN and English,
 * with axe-core's verdict. Imports, exports, PDFs, notification settings and the 督办 verbs are
 * still to be covered here.
 */
import type { Browser, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { newPage, seriousViolations, useSystem } from './support.ts';

let base: string;
let browser: Browser;

useSystem((s) => {
  ({ base, browser } = s);
});

const open = new Set<Page>();
afterEach(async () => {
  for (const p of open) await p.context().close();
  open.clear();
});

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
