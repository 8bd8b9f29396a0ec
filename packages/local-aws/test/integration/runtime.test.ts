/**
 * startLocalRuntime on the fixture product (test/fixtures/declarations.ts): DynamoDB Local
 * with the declared tables, the engine running the declared machine with its substitutions,
 * the environment and hooks, the scheduler, a redeploy, an extra emulator, the gateway option,
 * and DynamoDB Local exiting and coming back with its data.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../src/dynamodb.ts';
import { localStateMachineArn } from '../../src/ids.ts';
import { type DynamoDbEvent, type LocalRuntime, sha256Prefix, startLocalRuntime } from '../../src/runtime.ts';
import type { Clock } from '../../src/sfn/clock.ts';
import { ASL_FILE, declarations, dynamoDbInstall, STEP_CALLS } from '../fixtures/declarations.ts';

const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'local-aws-runtime-'));
const asl = join(dir, 'runtime.asl.json');
copyFileSync(ASL_FILE, asl);
const withCopy = {
  ...declarations,
  stateMachines: declarations.stateMachines.map((sm) => ({ ...sm, file: asl })),
};

let rt: LocalRuntime;
const clocks: (Clock | undefined)[] = [];
const environments: Record<string, string>[] = [];
const serviceLog: string[] = [];
const dynamoDbEvents: DynamoDbEvent[] = [];

beforeAll(async () => {
  rt = await startLocalRuntime(withCopy, {
    dynamoDbInstall: dynamoDbInstall(),
    dbPath: join(dir, 'db'),
    tablePrefix: 'fx-',
    timeScale: 0,
    origin: new Date('2025-03-01T00:00:00Z'),
    schedules: { tickMs: 60_000 },
    hooks: { clock: (c) => clocks.push(c), environment: (env) => environments.push({ ...env }) },
    dynamoDb: { onEvent: (e) => dynamoDbEvents.push(e) },
    services: [
      async (ctx) => {
        serviceLog.push(`start with ${ctx.env.THINGS_TABLE_NAME}`);
        return {
          name: 'fake-s3',
          env: { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:1' },
          stop: async () => {
            serviceLog.push('stop');
          },
        };
      },
    ],
    gateway: { corsOrigins: [], verifier: async () => ({}) },
  });
}, 120_000);

afterAll(async () => {
  await rt?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('startLocalRuntime(declarations, options)', () => {
  it('creates the declared tables and sets the environment the handlers read, then tells the hooks', async () => {
    const client = new DynamoDBClient(localClientConfig(rt.dynamoDbEndpoint));
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'fx-Things' }));
    client.destroy();
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.[0]?.IndexName).toBe('ByKind');
    const hash = sha256Prefix(readFileSync(asl, 'utf8'));
    expect(rt.env).toMatchObject({
      THINGS_TABLE_NAME: 'fx-Things',
      AWS_ENDPOINT_URL_DYNAMODB: rt.dynamoDbEndpoint,
      AWS_ENDPOINT_URL_SFN: rt.sfnEndpoint,
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:1',
      STEPS_STATE_MACHINE_ARN: localStateMachineArn('Steps'),
      STEPS_DEFINITION_HASH: hash,
    });
    expect(process.env.THINGS_TABLE_NAME).toBe('fx-Things');
    expect(clocks).toEqual([rt.clock]);
    expect(environments).toHaveLength(1);
    expect(environments[0]?.AWS_ENDPOINT_URL_S3).toBe('http://127.0.0.1:1');
    expect(serviceLog).toEqual(['start with fx-Things']);
    expect(rt.services.get('fake-s3')).toBeDefined();
  });

  it('runs the declared machine with its substitutions (function ARN, table name, definition hash)', async () => {
    const { executionArn } = await rt.engine.startExecution({
      stateMachineArn: localStateMachineArn('Steps'),
      input: { n: 1 },
    });
    const done = await rt.engine.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? 'null')).toEqual({
      table: 'fx-Things',
      hash: rt.env.STEPS_DEFINITION_HASH,
      input: { n: 1 },
      tableEnv: 'fx-Things',
    });
  });

  it('starts the scheduled machine when its time comes on the runtime clock', async () => {
    expect(rt.schedules.map((s) => [s.id, s.cron])).toEqual([['Daily', '0 1 * * *']]);
    const before = STEP_CALLS.length;
    rt.clock.advance(DAY);
    rt.tickSchedules();
    const { executions } = await rt.engine.listExecutions({ stateMachineArn: localStateMachineArn('Steps') });
    const scheduled = executions.find((e) => e.name.startsWith('Daily-'));
    expect(scheduled?.name).toBe('Daily-2025-03-01T17-00-00-000Z'); // 01:00 in Shanghai
    await rt.engine.waitForExecution(scheduled?.executionArn ?? '');
    expect(STEP_CALLS.slice(before)).toContainEqual(expect.objectContaining({ input: { job: 'daily' } }));
  });

  it('redeploys a changed ASL file in place and sets the new hash', () => {
    expect(rt.redeployStateMachines()).toEqual([]);
    writeFileSync(asl, readFileSync(asl, 'utf8').replace('reports what it was given', 'reports it'));
    expect(rt.redeployStateMachines()).toEqual(['Steps']);
    expect(rt.env.STEPS_DEFINITION_HASH).toBe(sha256Prefix(readFileSync(asl, 'utf8')));
    expect(process.env.STEPS_DEFINITION_HASH).toBe(rt.env.STEPS_DEFINITION_HASH);
  });

  it('starts the gateway when asked, in front of the declared routes', async () => {
    const r = await fetch(`${rt.gateway?.url}/v1/things/a%20b`);
    expect(r.status).toBe(200);
    expect(((await r.json()) as { pathParameters: unknown }).pathParameters).toEqual({ thingId: 'a b' });
  });

  it('notices DynamoDB Local exiting, restarts it on the same port; the data on disk is kept', async () => {
    const client = new DynamoDBClient(localClientConfig(rt.dynamoDbEndpoint));
    try {
      await client.send(
        new PutItemCommand({
          TableName: 'fx-Things',
          Item: { PK: { S: 'a' }, SK: { S: 'b' }, v: { N: '1' } },
        }),
      );
      // DynamoDB Local answers a write before its SQLite transaction commits: a SIGKILL right
      // after the answer would roll it back (the journal left behind). Wait until it is on disk.
      const journal = join(dir, 'db', 'shared-local-instance.db-journal');
      for (let quiet = 0, i = 0; quiet < 3; i++) {
        if (i > 200) throw new Error(`DynamoDB Local kept ${journal} open`);
        await new Promise((r) => setTimeout(r, 50));
        quiet = existsSync(journal) ? 0 : quiet + 1;
      }
      const pid = rt.dynamoDb?.pid;
      expect(pid).toBeTypeOf('number');
      process.kill(pid as number, 'SIGKILL');
      for (let i = 0; i < 600 && !dynamoDbEvents.some((e) => e.type !== 'exited'); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(dynamoDbEvents.map((e) => e.type)).toEqual(['exited', 'restarted']);
      expect(dynamoDbEvents[0]).toMatchObject({ signal: 'SIGKILL' });
      expect(rt.dynamoDb?.pid).not.toBe(pid);
      const { Item } = await client.send(
        new GetItemCommand({ TableName: 'fx-Things', Key: { PK: { S: 'a' }, SK: { S: 'b' } } }),
      );
      expect(Item?.v).toEqual({ N: '1' });
    } finally {
      client.destroy();
    }
  }, 120_000);

  it('stops everything it started: the gateway, the emulators, the engine, the hooks, DynamoDB Local', async () => {
    const gatewayUrl = rt.gateway?.url;
    await rt.stop();
    expect(serviceLog).toEqual(['start with fx-Things', 'stop']);
    expect(clocks.at(-1)).toBeUndefined();
    await expect(fetch(`${gatewayUrl}/v1/things/x`)).rejects.toThrow();
    await expect(fetch(rt.dynamoDbEndpoint)).rejects.toThrow();
  });
});
