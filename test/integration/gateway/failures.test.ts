/**
 * Failures are visible: /v1/health reads the table and answers 503 (the one error shape)
 * when it cannot. (The local runtime noticing DynamoDB Local exiting and restarting it, data
 * kept, is the platform's: packages/local-aws/test/integration/runtime.test.ts.)
 */
import { randomUUID } from 'node:crypto';
import type { Gateway, LocalRuntime } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetClient } from '../../../functions/data/db.ts';
import { localVerifier } from '../../../infra/local/identity.ts';
import { startGateway, startLocalRuntime } from '../../../infra/local/platform.ts';

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
