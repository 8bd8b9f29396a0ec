/**
 * The system the e2e files share, in a process of its own (started by global-system.ts): the
 * runtime with its own in-memory DynamoDB Local, the demo year loaded, and the gateway serving
 * the built console with the local sign-in — what `npm start` serves, on a free port. Its own
 * process, so the runtime's environment variables and engine clock stay out of vitest's.
 *
 * Writes the gateway's URL to `$ONE_LIST_E2E_DIR/url` once the demo is loaded (or the error
 * to `failed`); stops on SIGTERM, SIGINT or when vitest's IPC channel closes.
 */
import { randomUUID } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { childSystem } from '../../infra/local/child-system.ts';
import { CONSOLE_DIR, ensureConsoleBuilt } from '../../infra/local/console.ts';
import { DEMO_CALENDAR } from '../../infra/local/demo/catalog.ts';
import { loadDemoYear } from '../../infra/local/demo/history.ts';
import { localVerifier } from '../../infra/local/identity.ts';
import { corsOriginsFromCdkJson } from '../../infra/local/platform.ts';

const dir = process.env.ONE_LIST_E2E_DIR;
if (!dir) throw new Error('ONE_LIST_E2E_DIR is not set: test/e2e/global-system.ts starts this process');

/** Written whole or not at all: the files poll for it. */
function publish(name: string, content: string): void {
  const tmp = join(dir as string, `${name}.${process.pid}.tmp`);
  writeFileSync(tmp, content);
  renameSync(tmp, join(dir as string, name));
}

const system = childSystem();

try {
  const t0 = performance.now();
  // The build first: it is the slow part when the console changed, and needs no system.
  ensureConsoleBuilt();
  const rt = await system.runtime({
    tablePrefix: `e2e${randomUUID().slice(0, 8)}-`,
    origin: DEMO_CALENDAR.origin,
    timeScale: 0,
    schedules: { tickMs: 50 },
  });
  await loadDemoYear(rt);
  const gw = await system.gateway({
    corsOrigins: corsOriginsFromCdkJson(),
    verifier: localVerifier(),
    consoleDir: CONSOLE_DIR,
    localSignIn: true,
  });
  console.log(`e2e system at ${gw.url}: ready in ${Math.round(performance.now() - t0)} ms`);
  publish('url', gw.url);
} catch (err) {
  publish('failed', err instanceof Error ? (err.stack ?? err.message) : String(err));
  await system.stop(1);
}
