/**
 * The e2e project's one system, shared by its files (they run one after another): started
 * here in a process of its own (system-process.ts) without waiting for it, so the demo year
 * loads while vitest runs the other projects; each file waits for it in `systemUrl()`
 * (support.ts). ONE_LIST_E2E_URL names a system already running (`npm start` with the demo)
 * instead, and nothing is started.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where system-process.ts writes `url` (or `failed`), and this setup `exited`. */
    e2eSystemDir: string;
  }
}

let child: ChildProcess | undefined;
let dir: string | undefined;

export function setup(project: TestProject) {
  dir = mkdtempSync(join(tmpdir(), 'one-list-e2e-'));
  project.provide('e2eSystemDir', dir);
  if (process.env.ONE_LIST_E2E_URL) return;
  const log = openSync(join(dir, 'system.log'), 'a');
  child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'system-process.ts')], {
    cwd: join(import.meta.dirname, '../..'),
    env: { ...process.env, ONE_LIST_E2E_DIR: dir },
    stdio: ['ignore', log, log, 'ipc'],
    // Its own process group: a stop that has to force it takes DynamoDB Local (its child) too.
    detached: true,
  });
  closeSync(log);
  const at = dir;
  child.on('exit', (code, signal) => {
    // Told to the files still waiting (none once teardown has removed the folder).
    if (existsSync(at)) writeFileSync(join(at, 'exited'), `code ${code}, signal ${signal}`);
  });
}

export async function teardown() {
  const c = child;
  if (c && c.exitCode === null && c.signalCode === null) {
    const exited = new Promise((resolve) => c.once('exit', resolve));
    c.kill('SIGTERM');
    const late = setTimeout(() => c.pid && process.kill(-c.pid, 'SIGKILL'), 8_000);
    await exited;
    clearTimeout(late);
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
}
