/// <reference lib="dom" />
/**
 * What the e2e files share: the one system (global-system.ts starts it), one way to launch
 * Chromium (web/scripts/chromium.ts, which the benchmark's page loads use too), a page in a
 * fresh zh-CN context, and axe-core's verdict on a page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchBrowser } from '../../web/scripts/chromium.ts';

/**
 * The shared system's base URL, once its demo year is loaded (ONE_LIST_E2E_URL: that system).
 * The first file to ask waits for the load (~1–2 min); the ones after it find it ready.
 */
export async function systemUrl(timeoutMs = 540_000): Promise<string> {
  const external = process.env.ONE_LIST_E2E_URL;
  if (external) return external.replace(/\/$/, '');
  const dir = inject('e2eSystemDir');
  const read = (name: string) =>
    existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : undefined;
  const until = Date.now() + timeoutMs;
  for (;;) {
    const url = read('url');
    if (url) return url;
    const failed = read('failed') ?? (read('exited') && `it exited (${read('exited')})`);
    if (failed || Date.now() > until)
      throw new Error(
        `the e2e system did not start: ${failed ?? `not ready after ${timeoutMs} ms`}\n${(read('system.log') ?? '').slice(-4000)}`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * For a file's hooks: before its tests, the shared system's URL and a browser of the file's
 * own (handed to `use`); after them, the browser closed. The system outlives the file.
 */
export function useSystem(use: (s: { base: string; browser: Browser }) => void): void {
  let browser: Browser | undefined;
  beforeAll(async () => {
    const [base, b] = await Promise.all([systemUrl(), launchBrowser()]);
    browser = b;
    use({ base, browser });
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
  });
}

/** A page in a context of its own (zh-CN, New York time), and the script errors it raises. */
export async function newPage(
  browser: Browser,
  viewport = { width: 1280, height: 800 },
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'America/New_York' });
  const page = await context.newPage();
  // Generous: CI runs this on two cores.
  page.setDefaultTimeout(60_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

/** axe-core's serious and critical violations on the page as it stands. */
export async function seriousViolations(
  page: Page,
): Promise<{ id: string; impact: string; nodes: number }[]> {
  const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axe });
  const violations = await page.evaluate(async () => {
    const r = await (
      window as unknown as {
        axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
      }
    ).axe.run();
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
