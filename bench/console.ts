/**
 * The web console's budgets (issue 9 §6), measured: the public board's first-load JavaScript
 * gzipped (web/scripts/first-load.ts, the computation `npm run web:size` reports), and its first
 * contentful paint and first list row on the local gateway, in Debian's Chromium
 * (web/scripts/chromium.ts) against a system of its own (./console-system.ts): the median of
 * cold page loads, each in a new browser context (empty cache), at 1280×800 and at phone size.
 *
 * First contentful paint is the browser's own `first-contentful-paint` entry; the first list
 * row is the end of the frame that first paints an `.item-row` (PROBE); both count from the
 * navigation's start. The system serves warm (its handlers imported): what a visitor of a
 * running `npm start` meets.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ensureConsoleBuilt } from '../infra/local/console.ts';
import { projectRoot } from '../infra/resources/project-root.ts';
import { launchBrowser } from '../web/scripts/chromium.ts';
import { FIRST_LOAD_JS_BUDGET_KB, firstLoadReport, kb } from '../web/scripts/first-load.ts';
import type { ConsoleSystemMessage } from './console-system.ts';
import { median, type Row } from './table.ts';

/** Issue 9: first content within a second on the local gateway. */
export const FIRST_CONTENT_BUDGET_MS = 1000;
export const LOADS = 5;
export const VIEWPORTS = [
  { label: '1280×800', width: 1280, height: 800 },
  { label: 'phone 390×844', width: 390, height: 844 },
] as const;

const ROW = '.item-row';

/**
 * Runs in the page before its own scripts (a string: tsx's helpers must not leak into the page).
 * When the first row enters the DOM, notes when the frame that renders it has been painted: a
 * requestAnimationFrame callback runs just before that frame's paint, and a task it posts runs
 * after it. (Element Timing would be the paint's own timestamp, but headless Chromium reports
 * no `element` entries.)
 */
const PROBE = `(() => {
  const b = (window.__bench = {});
  const seen = () => {
    if (!document.querySelector('${ROW}')) return false;
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { b.rowPainted = performance.now(); };
      ch.port2.postMessage(0);
    });
    return true;
  };
  const mo = new MutationObserver(() => { if (seen()) mo.disconnect(); });
  mo.observe(document, { childList: true, subtree: true });
})();`;

interface Load {
  /** Milliseconds from the navigation's start. */
  fcp: number;
  row: number;
  rows: number;
  /** The first row's top is inside the viewport (not below the fold). */
  inView: boolean;
  errors: string[];
}

/** One cold load of the board: a new context (no cache, no storage), the page, its numbers. */
async function loadBoard(browser: Browser, url: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'America/New_York' });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript({ content: PROBE });
    await page.goto(`${url}/`, { waitUntil: 'load' });
    await page.waitForSelector(ROW, { state: 'visible' });
    await page.waitForFunction('window.__bench.rowPainted !== undefined');
    const m = (await page.evaluate(`({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      row: window.__bench.rowPainted,
      rows: document.querySelectorAll('${ROW}').length,
      inView: document.querySelector('${ROW}').getBoundingClientRect().top < innerHeight,
    })`)) as { fcp?: number; row: number; rows: number; inView: boolean };
    if (m.fcp === undefined) throw new Error('no first-contentful-paint entry');
    return { fcp: m.fcp, row: m.row, rows: m.rows, inView: m.inView, errors } satisfies Load;
  } finally {
    await context.close();
  }
}

/** The system of ./console-system.ts, in its own process group; its output goes to stderr. */
async function startSystem(
  timeoutMs = 180_000,
): Promise<{ url: string; items: number; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'console-system.ts')],
    { cwd: projectRoot, stdio: ['ignore', 2, 2, 'ipc'], detached: true },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    // Forced: the whole group, DynamoDB Local (its child) with it.
    const late = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 8_000);
    await exited;
    clearTimeout(late);
  };
  try {
    const m = await new Promise<ConsoleSystemMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready after ${timeoutMs} ms`)), timeoutMs);
      child.once('message', (msg) => {
        clearTimeout(timer);
        resolve(msg as ConsoleSystemMessage);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`it exited (code ${code}, signal ${signal})`));
      });
    });
    if ('failed' in m) throw new Error(m.failed);
    return { url: m.url, items: m.items, stop };
  } catch (err) {
    await stop();
    throw new Error(`the console's system did not start: ${(err as Error).message}`);
  }
}

const ms = (x: number) => `${Math.round(x)} ms`;

export async function measureConsole(loads = LOADS): Promise<Row[]> {
  ensureConsoleBuilt((line) => console.error(line));
  const size = firstLoadReport();
  const rows: Row[] = [
    {
      metric: 'public board first-load JS (gzip)',
      measured: `${kb(size.jsGzip)} KB (${size.js.length} files; CSS ${kb(size.cssGzip)} KB; on demand ${kb(size.later.reduce((a, s) => a + s.gzip, 0))} KB)`,
      goal: `≤ ${FIRST_LOAD_JS_BUDGET_KB} KB`,
      ok: size.jsGzip <= FIRST_LOAD_JS_BUDGET_KB * 1024,
    },
  ];
  const goal = `≤ ${FIRST_CONTENT_BUDGET_MS / 1000} s on the local gateway`;
  const where = (v: (typeof VIEWPORTS)[number]) => `${v.label}, median of ${loads} cold loads`;
  const WHAT = ['first contentful paint', 'first list rows visible'] as const;
  /** A load that fails is a missed goal with its reason, not a table lost. */
  const failed = (v: (typeof VIEWPORTS)[number], reason: string) => {
    for (const what of WHAT)
      rows.push({
        metric: `public board ${what} (${where(v)})`,
        measured: `failed: ${reason}`,
        goal,
        ok: false,
      });
  };
  let system: Awaited<ReturnType<typeof startSystem>> | undefined;
  let browser: Browser | undefined;
  try {
    system = await startSystem();
    const { url, items } = system;
    browser = await launchBrowser();
    const results = new Map<string, { done: Load[]; failure?: string }>(
      VIEWPORTS.map((v) => [v.label, { done: [] }]),
    );
    // One load first, not counted: the browser's own start-up is no page's.
    await loadBoard(browser, url, VIEWPORTS[0]).catch(() => undefined);
    // The sizes alternate, so that a busy moment of the machine slows both alike.
    for (let r = 0; r < loads; r++) {
      for (const viewport of r % 2 === 0 ? VIEWPORTS : [...VIEWPORTS].reverse()) {
        const result = results.get(viewport.label)!;
        if (result.failure) continue;
        try {
          result.done.push(await loadBoard(browser, url, viewport));
        } catch (err) {
          result.failure = (err as Error).message.split('\n')[0];
        }
      }
    }
    const machine = `${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(1)}`;
    for (const viewport of VIEWPORTS) {
      const { done, failure } = results.get(viewport.label)!;
      if (failure) {
        failed(viewport, failure);
        continue;
      }
      const errors = done.flatMap((d) => d.errors);
      const note = errors.length ? `; script errors: ${errors[0]}` : '';
      const spread = (xs: number[]) => `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`;
      const fcp = done.map((d) => d.fcp);
      const row = done.map((d) => d.row);
      const fold = done.every((d) => d.inView) ? 'the first in view' : 'the first below the fold';
      rows.push({
        metric: `public board ${WHAT[0]} (${where(viewport)})`,
        measured: `${ms(median(fcp))} (${spread(fcp)}; ${machine})${note}`,
        goal,
        ok: median(fcp) <= FIRST_CONTENT_BUDGET_MS && errors.length === 0,
      });
      rows.push({
        metric: `public board ${WHAT[1]} (${where(viewport)})`,
        measured: `${ms(median(row))} (${spread(row)}; ${done[0]!.rows} of ${items} rows, ${fold})${note}`,
        goal,
        ok:
          median(row) <= FIRST_CONTENT_BUDGET_MS &&
          errors.length === 0 &&
          done.every((d) => d.rows === items),
      });
    }
  } catch (err) {
    for (const v of VIEWPORTS) failed(v, (err as Error).message.split('\n')[0] ?? 'unknown');
  } finally {
    await browser?.close();
    await system?.stop();
  }
  return rows;
}
