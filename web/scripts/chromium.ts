/**
 * The one way to launch Chromium for the console: playwright-core driving Debian's
 * /usr/bin/chromium (CHROMIUM_PATH: another), headless, no browser download. The browser
 * tests (test/e2e/support.ts) and the benchmark's page loads (bench/console.ts) use it.
 */
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium; playwright-core gives it a fresh, empty user-data-dir every launch. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
