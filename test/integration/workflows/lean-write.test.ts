/**
 * The lean write path (issue 12): a progress report through the API handler, called in
 * process with a unit's verified claims, makes at most 2 DynamoDB requests (3 with an
 * Idempotency-Key) and one Step Functions call; the item's workflow then wakes, looks and
 * waits again in at most 2 more. Every DynamoDB request is counted at the client, each
 * tagged with who made it: the handler (its async context) or the system (the engine's tasks).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { LocalRuntime } from '@one-list/local-aws';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setWorkflowPort, type WorkflowPort, workflows } from '#app/ports.ts';
import { documentClient } from '#data/db.ts';
import { itemPk } from '#data/items.ts';
import { findWait } from '#data/waits.ts';
import type { Item } from '#domain/model.ts';
import { writeHandler } from '../../../functions/handlers/api-write.ts';
import { newItem, seedUnits, startHarness } from '../../support/workflow-harness.ts';
import { claimAwardAcknowledge, publishAll } from '../evaluation/support.ts';

const who = new AsyncLocalStorage<'handler' | 'test'>();
const requests: { by: string; command: string }[] = [];
const signals: string[] = [];
let rt: LocalRuntime;
let item: Item;
/** The item's version the workflow last waited on. */
let seen = 0;

const meilin = {
  token_use: 'id',
  sub: 'meilin-user',
  'cognito:groups': '[unit]',
  'custom:unitId': 'meilin',
};

async function report(percentComplete: number, key?: string) {
  const path = `/v1/items/${item.itemId}/progress`;
  const event = {
    version: '2.0',
    routeKey: 'POST /v1/items/{id}/progress',
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    pathParameters: { id: item.itemId },
    body: JSON.stringify({ percentComplete, narrative: 'Monthly report (invented).' }),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: `req-${percentComplete}`,
      routeKey: 'POST /v1/items/{id}/progress',
      stage: '$default',
      time: '01/Jun/2022:00:00:00 +0000',
      timeEpoch: 0,
      authorizer: { jwt: { claims: meilin } },
    },
  };
  const context = { awsRequestId: `req-${percentComplete}`, functionName: 'ApiWrite' } as Context;
  const res = (await who.run('handler', () => writeHandler(event as never, context))) as {
    statusCode: number;
    body: string;
  };
  expect(res.statusCode, res.body).toBe(201);
}

/** Until the workflow waits again, for a version at least `version` (the test's own reads not counted). */
async function waitsAgainAt(version: number): Promise<void> {
  await who.run('test', async () => {
    for (let i = 0; i < 500; i++) {
      const wait = await findWait(itemPk(item.itemId));
      if (wait && wait.version >= version) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('the workflow did not wait again');
  });
}

const count = (by: string) => requests.filter((r) => r.by === by).map((r) => r.command);

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
  rt = await startHarness();
  await seedUnits();
  item = await newItem({ milestones: [], deadline: '2022-12-31' });
  await publishAll(rt, [item]);
  await claimAwardAcknowledge(rt, item, 'meilin');
  const client = documentClient();
  const send = client.send.bind(client) as (...args: unknown[]) => Promise<unknown>;
  (client as { send: unknown }).send = (command: { constructor: { name: string } }, ...rest: unknown[]) => {
    requests.push({ by: who.getStore() ?? 'system', command: command.constructor.name });
    return send(command, ...rest);
  };
  const port = workflows();
  const counting: WorkflowPort = {
    ...port,
    signal: (token, output) => {
      if (who.getStore() === 'handler') signals.push(token);
      return port.signal(token, output);
    },
  };
  setWorkflowPort(counting);
});

afterAll(async () => {
  setWorkflowPort(undefined);
  await rt?.stop();
});

describe('a progress report', () => {
  it('the workflow waits for a change of the item', async () => {
    await waitsAgainAt(0);
    seen = (await who.run('test', () => findWait(itemPk(item.itemId))))!.version;
    requests.length = 0;
  });

  it('in the handler: 2 DynamoDB requests (item and wait read together, one transaction) and 1 signal', async () => {
    await report(10);
    expect(count('handler')).toEqual(['BatchGetCommand', 'TransactWriteCommand']);
    expect(signals).toHaveLength(1);
  });

  it('the workflow wakes, looks and waits again in 2 more', async () => {
    await waitsAgainAt(seen + 1);
    expect(count('system')).toHaveLength(2);
    expect(count('system').length + count('handler').length).toBeLessThanOrEqual(4);
  });

  it('with an Idempotency-Key: 3 in the handler (the key is looked up first)', async () => {
    requests.length = 0;
    signals.length = 0;
    await report(20, 'lean-write-key-1');
    expect(count('handler')).toHaveLength(3);
    expect(count('handler').slice(-2)).toEqual(['BatchGetCommand', 'TransactWriteCommand']);
    expect(signals).toHaveLength(1);
    await waitsAgainAt(seen + 2);
    expect(count('system')).toHaveLength(2);
  });
});
