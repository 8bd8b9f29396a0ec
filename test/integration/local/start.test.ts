/**
 * `npm start` as an operator runs it, in its own process on a data folder of its own
 * (ONE_LIST_DATA_DIR): a first start interrupted during the demo load is wiped and redone on
 * the next start (never a half-loaded demo); it writes its endpoints to the data folder; the
 * start after that resumes the year and gives every waiting record its workflow again.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalEndpoints } from '@one-list/local-aws';
import { afterAll, describe, expect, it } from 'vitest';
import type { YearStats } from '../../../functions/app/stats.ts';
import { projectRoot } from '../../../infra/resources/project-root.ts';

const dir = mkdtempSync(join(tmpdir(), 'one-list-start-'));
const children: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the first line matching, rejects if the process exits first. */
  until(pattern: RegExp): Promise<string>;
  exited: Promise<number | null>;
}

function npmStart(): Started {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(projectRoot, 'infra/local/start.ts'), '--port', '0', '--quiet'],
    { cwd: projectRoot, env: { ...env, ONE_LIST_DATA_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  const lines: string[] = [];
  const waiting: { pattern: RegExp; resolve: (l: string) => void }[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const onData = (d: Buffer) => {
    for (const line of String(d).split('\n')) {
      if (!line) continue;
      lines.push(line);
      for (const w of waiting.filter((w) => w.pattern.test(line))) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return {
    child,
    lines,
    exited,
    until: (pattern) =>
      new Promise((resolve, reject) => {
        const found = lines.find((l) => pattern.test(l));
        if (found) return resolve(found);
        waiting.push({ pattern, resolve });
        void exited.then((code) =>
          reject(new Error(`npm start exited (${code}) before ${pattern}:\n${lines.slice(-15).join('\n')}`)),
        );
      }),
  };
}

async function stop(s: Started): Promise<number | null> {
  s.child.kill('SIGINT');
  return s.exited;
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start on a data folder of its own', () => {
  it('an interrupted first start is wiped and redone; endpoints written; the next start resumes', async () => {
    // 1. Interrupted (Ctrl-C) in the middle of the demo load.
    const first = npmStart();
    await first.until(/^demo: \d+ items \(projects/);
    expect(await stop(first)).toBe(0);
    expect(first.lines.join('\n')).toMatch(/the demo load was interrupted/);

    // 2. The next start finds the half-loaded folder, wipes it and loads the demo whole.
    const second = npmStart();
    await second.until(/did not finish \(a half-loaded demo\): wiping it/);
    const startedLine = await second.until(/^started in \d+ ms/);
    const loaded = second.lines.find((l) => l.startsWith('demo loaded in')) ?? '';
    console.log(`first start: ${startedLine}; ${loaded}`);
    const endpoints = JSON.parse(readFileSync(join(dir, 'endpoints.json'), 'utf8')) as LocalEndpoints;
    expect(endpoints.sfnEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    expect(endpoints.env.MAIN_TABLE_NAME).toBeTruthy();
    expect(JSON.stringify(endpoints)).not.toMatch(/SECRET|ACCESS_KEY/);
    const stats = (await (await fetch(`${endpoints.gatewayUrl}/v1/public/stats/2022`)).json()) as YearStats;
    expect(stats.byKind).toEqual({ project: 280, reform: 10, task: 42 });
    expect(stats.list.batches).toBe(1);
    expect((await fetch(`${endpoints.gatewayUrl}/v1/health`)).status).toBe(200);
    expect(await stop(second)).toBe(0);
    expect(() => readFileSync(join(dir, 'endpoints.json'))).toThrow();

    // 3. Started again: the year goes on, every waiting record gets its workflow back.
    const third = npmStart();
    const workflows = await third.until(/^workflows: \d+ active items/);
    await third.until(/^started in \d+ ms/);
    console.log(`restart: ${workflows}`);
    expect(third.lines.join('\n')).not.toMatch(/wiping it/);
    expect(third.lines.join('\n')).toMatch(/resumed from .*clock\.json/);
    const [, items, itemsRestarted, inquiries, inquiriesRestarted] =
      /(\d+) active items \((\d+) restarted\), (\d+) open inquiries \((\d+) restarted\)/.exec(workflows) ??
      [];
    expect(Number(items)).toBeGreaterThan(30);
    expect(itemsRestarted).toBe(items);
    expect(Number(inquiries)).toBeGreaterThan(0);
    expect(inquiriesRestarted).toBe(inquiries);
    expect(await stop(third)).toBe(0);
  }, 600_000);
});
