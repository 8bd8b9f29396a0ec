/**
 * Failures are visible: /v1/health reads the table and answers 503 (the one error shape)
 * when it cannot; the local runtime notices DynamoDB Local exiting, says so, and restarts it
 * on the same port and folder, data kept.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDbEvent, Gateway, LocalRuntime } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnit } from '../../../functions/app/commands/units.ts';
import { resetClient } from '../../../functions/data/db.ts';
import { findUnit } from '../../../functions/data/units.ts';
import { localVerifier } from '../../../infra/local/identity.ts';
import { startGateway, startLocalRuntime } from '../../../infra/local/platform.ts';

const office = { actor: { role: 'office' as const, sub: 'office-1' } };

/**
 * Resolves once DynamoDB Local has no SQLite write transaction open in `dir`: it answers a
 * write before that transaction commits, so a SIGKILL right after the answer rolls the write
 * back on the next start (the journal left behind). Data on disk is kept; this waits until it is.
 */
async function settled(dir: string): Promise<void> {
  const journal = join(dir, 'shared-local-instance.db-journal');
  const deadline = Date.now() + 10_000;
  let quiet = 0;
  while (quiet < 3) {
    if (Date.now() > deadline) throw new Error(`DynamoDB Local kept ${journal} open`);
    await new Promise((r) => setTimeout(r, 50));
    quiet = existsSync(journal) ? 0 : quiet + 1;
  }
}

async function health(gw: Gateway) {
  const res = await fetch(`${gw.url}/v1/health`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('health reads the table', () => {
  let rt: LocalRuntime;
  let gw: Gateway;
  beforeAll(async () => {
    rt = await startLocalRuntime({
      dynamoDbEndpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB,
      tablePrefix: `hl${randomUUID().slice(0, 8)}-`,
    });
    gw = await startGateway({ corsOrigins: [], verifier: localVerifier() });
  });
  afterAll(async () => {
    await gw?.close();
    await rt?.stop();
  });

  it('200 while the table answers, 503 with the error shape when nothing answers, 200 again', async () => {
    expect(await health(gw)).toMatchObject({ status: 200, body: { status: 'ok' } });
    const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
    process.env.AWS_ENDPOINT_URL_DYNAMODB = 'http://127.0.0.1:9';
    resetClient();
    try {
      const down = await health(gw);
      expect(down.status).toBe(503);
      expect(down.body).toEqual({
        error: { code: 'service.table_unavailable', message: expect.any(String), details: [] },
      });
    } finally {
      process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
      resetClient();
    }
    expect((await health(gw)).status).toBe(200);
  });
});

describe('the local runtime and DynamoDB Local exiting', () => {
  let rt: LocalRuntime;
  let gw: Gateway;
  const dir = mkdtempSync(join(tmpdir(), 'one-list-ddb-'));
  const events: DynamoDbEvent[] = [];
  let seen: (e: DynamoDbEvent) => void = () => undefined;
  const next = (type: DynamoDbEvent['type']) =>
    new Promise<DynamoDbEvent>((resolve) => {
      const found = events.find((e) => e.type === type);
      if (found) return resolve(found);
      seen = (e) => {
        if (e.type === type) resolve(e);
      };
    });

  beforeAll(async () => {
    rt = await startLocalRuntime({
      dbPath: dir,
      dynamoDb: {
        onEvent: (e) => {
          events.push(e);
          seen(e);
        },
      },
    });
    gw = await startGateway({ corsOrigins: [], verifier: localVerifier() });
  }, 120_000);
  afterAll(async () => {
    await gw?.close();
    await rt?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('notices the exit, says so, restarts it on the same port; the data on disk is kept', async () => {
    await createUnit(office, {
      unitId: 'meilin',
      name: 'Meilin',
      nameZh: '梅林街道',
      unitType: 'subdistrict',
    });
    await settled(dir);
    const pid = rt.dynamoDb?.pid;
    expect(pid).toBeTypeOf('number');
    process.kill(pid!, 'SIGKILL');
    const exited = await next('exited');
    expect(exited).toMatchObject({ type: 'exited', signal: 'SIGKILL' });
    await next('restarted');
    expect(rt.dynamoDb?.pid).not.toBe(pid);
    expect((await health(gw)).status).toBe(200);
    expect(await findUnit('meilin')).toMatchObject({ unitId: 'meilin' });
    expect(events.map((e) => e.type)).toEqual(['exited', 'restarted']);
  }, 120_000);
});
