/**
 * The EventBridge → SQS → Lambda emulator (src/events.ts) on a fixture: PutEvents through the
 * AWS SDK, rule matching, the SQS envelope, partial batch failures, the redrive to the
 * dead-letter queue after maxReceiveCount receives.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDeclarations } from '../../src/declarations.ts';
import { type LocalEventBridge, matchesPattern, startLocalEventBridge } from '../../src/events.ts';

const received: { body: Record<string, unknown>; receive: number }[] = [];
/** Messages whose detail says `fail` fail every time. */
const consumer = async (event: unknown) => {
  const records = (
    event as {
      Records: { messageId: string; body: string; attributes: { ApproximateReceiveCount: string } }[];
    }
  ).Records;
  const failures: { itemIdentifier: string }[] = [];
  for (const r of records) {
    const body = JSON.parse(r.body) as Record<string, unknown>;
    received.push({ body, receive: Number(r.attributes.ApproximateReceiveCount) });
    if ((body.detail as { fail?: boolean }).fail) failures.push({ itemIdentifier: r.messageId });
  }
  return { batchItemFailures: failures };
};

const declarations: LocalDeclarations = {
  tables: [],
  stateMachines: [],
  functions: [{ id: 'Consumer', load: async () => consumer }],
};

let bus: LocalEventBridge;
let client: EventBridgeClient;

beforeAll(async () => {
  bus = await startLocalEventBridge(declarations, {
    buses: ['app-events'],
    rules: [
      {
        name: 'ToQueue',
        eventBusName: 'app-events',
        pattern: { source: ['app'], 'detail-type': ['Done'] },
        targetQueue: 'work',
      },
    ],
    queues: [
      {
        name: 'work',
        visibilityTimeoutMs: 30,
        redrive: { deadLetterQueue: 'work-dlq', maxReceiveCount: 3 },
        consumer: { functionId: 'Consumer', batchSize: 10, reportBatchItemFailures: true },
      },
      { name: 'work-dlq', visibilityTimeoutMs: 30 },
    ],
    pollMs: 5,
  });
  client = new EventBridgeClient({
    endpoint: bus.url,
    region: 'local',
    credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
  });
});
afterAll(async () => {
  client?.destroy();
  await bus?.stop();
});

describe('local EventBridge and SQS', () => {
  it('patterns: equality on source and detail-type', () => {
    expect(matchesPattern({ source: ['a'] }, { source: 'a', 'detail-type': 'x' })).toBe(true);
    expect(matchesPattern({ source: ['a'], 'detail-type': ['y'] }, { source: 'a', 'detail-type': 'x' })).toBe(
      false,
    );
    expect(matchesPattern({ source: ['b'] }, { source: 'a', 'detail-type': 'x' })).toBe(false);
  });

  it('PutEvents: matching events reach the queue as the SQS envelope; a failing one is retried, then dead-lettered; the others once', async () => {
    const out = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'arn:aws:events:local:000000000000:event-bus/app-events',
            Source: 'app',
            DetailType: 'Done',
            Detail: '{"n":1}',
          },
          { EventBusName: 'app-events', Source: 'app', DetailType: 'Done', Detail: '{"n":2,"fail":true}' },
          { EventBusName: 'app-events', Source: 'app', DetailType: 'Other', Detail: '{"n":3}' },
          { EventBusName: 'app-events', Source: 'app', DetailType: 'Done', Detail: 'not json' },
          { EventBusName: 'nope', Source: 'app', DetailType: 'Done', Detail: '{}' },
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(2);
    expect(out.Entries?.map((e) => e.ErrorCode ?? 'ok')).toEqual([
      'ok',
      'ok',
      'ok',
      'MalformedDetail',
      'ResourceNotFoundException',
    ]);
    await bus.drain(5000);
    const ofN = (n: number) => received.filter((r) => (r.body.detail as { n: number }).n === n);
    expect(ofN(1)).toHaveLength(1);
    expect(ofN(1)[0]?.body).toMatchObject({
      version: '0',
      source: 'app',
      'detail-type': 'Done',
      detail: { n: 1 },
    });
    expect(typeof ofN(1)[0]?.body.id).toBe('string');
    expect(ofN(2).map((r) => r.receive)).toEqual([1, 2, 3]);
    expect(ofN(3)).toEqual([]);
    const dead = bus.messages('work-dlq');
    expect(dead).toHaveLength(1);
    expect(JSON.parse(dead[0]!.body).detail).toEqual({ n: 2, fail: true });
    expect(bus.events).toHaveLength(3);
  });

  it('refuses other operations and bad requests', async () => {
    const r = await fetch(bus.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSEvents.ListRules' },
      body: '{}',
    });
    expect(r.status).toBe(400);
    await expect(client.send(new PutEventsCommand({ Entries: [] }))).rejects.toThrow(/Entries/);
  });
});
