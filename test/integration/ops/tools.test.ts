/**
 * The operator tools (`npm run executions`, `evaluate`, `reconcile`) as an operator runs
 * them, in their own process with no AWS environment: they use the endpoints npm start
 * wrote to the data folder, and when nothing is there or nothing answers they say so in one
 * line (no stack trace) and exit non-zero.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalRuntime } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEndpoints } from '../../../infra/local/platform.ts';
import { projectRoot } from '../../../infra/resources/project-root.ts';
import {
  itemExecutionArn,
  newItem,
  publish,
  seedUnits,
  settleItem,
  startHarness,
} from '../../support/workflow-harness.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'one-list-tools-'));
  dirs.push(d);
  return d;
};

/**
 * Runs `scripts/<tool>.ts` as npm run would, without any AWS_* variable. Asynchronously: the
 * local system it talks to runs in this process and must go on answering.
 */
function run(
  tool: string,
  dataDir: string,
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(projectRoot, 'scripts', `${tool}.ts`), ...args],
    {
      cwd: projectRoot,
      env: { ...env, ONE_LIST_DATA_DIR: dataDir },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr: stderr.trim() });
    }),
  );
}

let rt: LocalRuntime;

beforeAll(async () => {
  rt = await startHarness();
});

afterAll(async () => {
  await rt?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('operator tools without an AWS environment', () => {
  it.each(['executions', 'evaluate', 'reconcile'])(
    '%s: no local system → a one-line hint, exit 1',
    async (tool) => {
      const r = await run(tool, tempDir(), tool === 'evaluate' ? ['--period', '2022-05'] : []);
      expect(r.code).toBe(1);
      expect(r.stderr.split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/npm start/);
    },
  );

  it.each(['executions', 'evaluate', 'reconcile'])(
    '%s: a stale endpoints file → a one-line hint, exit 1',
    async (tool) => {
      const dir = tempDir();
      process.env.ONE_LIST_DATA_DIR = dir;
      try {
        writeEndpoints({
          sfnEndpoint: 'http://127.0.0.1:9',
          dynamoDbEndpoint: 'http://127.0.0.1:9',
          env: rt.env,
        });
      } finally {
        delete process.env.ONE_LIST_DATA_DIR;
      }
      const r = await run(tool, dir, tool === 'evaluate' ? ['--period', '2022-05'] : []);
      expect(r.code).toBe(1);
      expect(r.stderr.split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/nothing answers at .*127\.0\.0\.1:9.*npm start/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    },
  );

  it('with the endpoints of a running system: executions lists, reconcile restarts what is lost', async () => {
    const dir = tempDir();
    process.env.ONE_LIST_DATA_DIR = dir;
    try {
      writeEndpoints({ sfnEndpoint: rt.sfnEndpoint, dynamoDbEndpoint: rt.dynamoDbEndpoint, env: rt.env });
    } finally {
      delete process.env.ONE_LIST_DATA_DIR;
    }
    await seedUnits();
    const item = await newItem();
    await publish(rt, item);
    await settleItem(rt, item, 'ClaimWindowOpen');

    const listed = await run('executions', dir);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`item ${item.itemId} .*RUNNING.*ClaimWindowOpen`));

    // The execution is lost (as after a failure on AWS): the tool's reconciler starts the next.
    await rt.engine.stopExecution({ executionArn: itemExecutionArn(item) });
    const r = await run('reconcile', dir, ['--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { items: { found: number; restarted: number } };
    expect(report.items).toMatchObject({ found: 1, restarted: 1 });
    await settleItem(rt, item, 'ClaimWindowOpen', 2);
    const again = JSON.parse((await run('reconcile', dir, ['--json'])).stdout) as { items: unknown };
    expect(again.items).toEqual({ found: 1, running: 1, restarted: 0, gone: 0 });
  });
});
