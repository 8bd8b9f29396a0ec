/**
 * EventBridge and SQS on one machine, as far as a bus → rule → queue → Lambda path needs them:
 *
 * - `PutEvents` (AWS JSON 1.1, `X-Amz-Target: AWSEvents.PutEvents`) on the declared custom
 *   buses, by name or ARN; each entry is matched against the rules of its bus (equality on
 *   `source` and `detail-type`, the subset of event patterns this models) and written to each
 *   matching rule's target queue as EventBridge writes to an SQS target: the event envelope
 *   `{ version, id, 'detail-type', source, account, time, region, resources, detail }` as the body.
 * - Queues with a visibility timeout, a receive count and a redrive policy: a message received
 *   `maxReceiveCount` times and received again moves to the dead-letter queue instead (SQS's rule).
 * - An event source mapping per consumed queue: batches of up to `batchSize` visible messages
 *   invoke the function with an SQS event; with `reportBatchItemFailures` only the messages named
 *   in `batchItemFailures` stay (an identifier not in the batch fails the whole batch, as Lambda
 *   does); without it, or when the function throws, the whole batch stays. What stays becomes
 *   visible again after the visibility timeout.
 *
 * Time: the queues run on real time (the retry delay is the visibility timeout, which a test
 * sets short); the Step Functions engine's virtual clock is not involved.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handlerOf, type LambdaHandler, type LocalDeclarations } from './declarations.ts';
import { LOCAL_ACCOUNT, LOCAL_REGION, localFunctionArn } from './ids.ts';
import type { LocalService, LocalServiceFactory } from './runtime.ts';

export interface EventPatternSpec {
  readonly source: readonly string[];
  readonly 'detail-type'?: readonly string[];
}

export interface EventRuleSpec {
  readonly name: string;
  readonly eventBusName: string;
  readonly pattern: EventPatternSpec;
  /** The queue (by name) the rule's target writes to. */
  readonly targetQueue: string;
}

export interface QueueSpec {
  readonly name: string;
  readonly visibilityTimeoutMs: number;
  /** The redrive policy: the dead-letter queue (by name) and the receives before it. */
  readonly redrive?: { readonly deadLetterQueue: string; readonly maxReceiveCount: number };
  /** An event source mapping: the function that consumes the queue. */
  readonly consumer?: {
    readonly functionId: string;
    readonly batchSize: number;
    readonly reportBatchItemFailures: boolean;
  };
}

export interface LocalEventBridgeOptions {
  readonly buses: readonly string[];
  readonly rules: readonly EventRuleSpec[];
  readonly queues: readonly QueueSpec[];
  /** How often the mappings look for visible messages, in ms. @default 25 */
  readonly pollMs?: number;
  /** The service's name in `rt.services`. @default 'eventbridge' */
  readonly name?: string;
}

export interface QueuedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly sentAt: number;
  receiveCount: number;
  visibleAt: number;
}

export interface LocalEventBridge extends LocalService {
  readonly url: string;
  /** Every event put on a bus (after validation), in order. */
  readonly events: readonly { readonly bus: string; readonly envelope: Record<string, unknown> }[];
  /** The messages in a queue now (in flight ones too). */
  messages(queue: string): readonly QueuedMessage[];
  /** Resolves when no consumed queue holds a message (in flight or waiting to be retried). */
  drain(timeoutMs?: number): Promise<void>;
}

/** Whether an event matches a pattern (equality on source and detail-type). */
export function matchesPattern(
  pattern: EventPatternSpec,
  event: { readonly source: string; readonly 'detail-type': string },
): boolean {
  if (!pattern.source.includes(event.source)) return false;
  return pattern['detail-type'] === undefined || pattern['detail-type'].includes(event['detail-type']);
}

interface PutEventsEntry {
  Source?: unknown;
  DetailType?: unknown;
  Detail?: unknown;
  EventBusName?: unknown;
  Time?: unknown;
  Resources?: unknown;
}

const MAX_ENTRIES = 10;
const MAX_ENTRY_BYTES = 256 * 1024;

/** A bus name from a name or an ARN (`arn:aws:events:<region>:<account>:event-bus/<name>`). */
const busName = (nameOrArn: string): string =>
  nameOrArn.replace(/^arn:[^:]+:events:[^:]*:[^:]*:event-bus\//, '');

function lambdaContext(functionId: string) {
  return {
    functionName: functionId,
    functionVersion: '$LATEST',
    invokedFunctionArn: localFunctionArn(functionId),
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/local/${functionId}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
  res.end(JSON.stringify(body));
}

/** The emulator as a runtime service (`options.services` of `startLocalRuntime`). */
export function localEventBridge(options: LocalEventBridgeOptions): LocalServiceFactory {
  return async ({ declarations }) => startLocalEventBridge(declarations, options);
}

export async function startLocalEventBridge(
  declarations: LocalDeclarations,
  options: LocalEventBridgeOptions,
): Promise<LocalEventBridge> {
  const queues = new Map<string, { spec: QueueSpec; messages: QueuedMessage[] }>();
  for (const q of options.queues) queues.set(q.name, { spec: q, messages: [] });
  for (const q of options.queues) {
    if (q.redrive && !queues.has(q.redrive.deadLetterQueue))
      throw new Error(`queue ${q.name}: no dead-letter queue ${q.redrive.deadLetterQueue}`);
    if (q.consumer && !declarations.functions.some((f) => f.id === q.consumer?.functionId))
      throw new Error(`queue ${q.name}: no function ${q.consumer.functionId}`);
  }
  for (const r of options.rules) {
    if (!queues.has(r.targetQueue)) throw new Error(`rule ${r.name}: no queue ${r.targetQueue}`);
    if (!options.buses.includes(r.eventBusName)) throw new Error(`rule ${r.name}: no bus ${r.eventBusName}`);
  }
  const events: { bus: string; envelope: Record<string, unknown> }[] = [];

  const enqueue = (queue: string, body: string) => {
    queues.get(queue)?.messages.push({
      messageId: randomUUID(),
      body,
      sentAt: Date.now(),
      receiveCount: 0,
      visibleAt: Date.now(),
    });
  };

  const putEvents = (input: { Entries?: unknown }) => {
    const entries = Array.isArray(input.Entries) ? (input.Entries as PutEventsEntry[]) : [];
    if (entries.length === 0 || entries.length > MAX_ENTRIES) {
      return {
        status: 400,
        body: {
          __type: 'ValidationException',
          message: `Entries must hold 1 to ${MAX_ENTRIES} entries`,
        },
      };
    }
    let failed = 0;
    const results = entries.map((e) => {
      const fail = (code: string, message: string) => {
        failed++;
        return { ErrorCode: code, ErrorMessage: message };
      };
      if (typeof e.Source !== 'string' || e.Source === '')
        return fail('InvalidArgument', 'Parameter Source is not valid.');
      if (typeof e.DetailType !== 'string' || e.DetailType === '')
        return fail('InvalidArgument', 'Parameter DetailType is not valid.');
      if (typeof e.Detail !== 'string') return fail('InvalidArgument', 'Parameter Detail is not valid.');
      let detail: unknown;
      try {
        detail = JSON.parse(e.Detail);
      } catch {
        return fail('MalformedDetail', 'Detail is malformed.');
      }
      if (typeof detail !== 'object' || detail === null || Array.isArray(detail))
        return fail('MalformedDetail', 'Detail is malformed.');
      if (Buffer.byteLength(JSON.stringify(e), 'utf8') > MAX_ENTRY_BYTES)
        return fail('InvalidArgument', 'Event too large.');
      const bus = busName(typeof e.EventBusName === 'string' && e.EventBusName ? e.EventBusName : 'default');
      if (!options.buses.includes(bus))
        return fail('ResourceNotFoundException', `Event bus ${bus} does not exist.`);
      const id = randomUUID();
      const time =
        typeof e.Time === 'string' || typeof e.Time === 'number'
          ? new Date(typeof e.Time === 'number' ? e.Time * 1000 : e.Time)
              .toISOString()
              .replace(/\.\d{3}Z$/, 'Z')
          : new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      const envelope = {
        version: '0',
        id,
        'detail-type': e.DetailType,
        source: e.Source,
        account: LOCAL_ACCOUNT,
        time,
        region: process.env.AWS_REGION ?? LOCAL_REGION,
        resources: Array.isArray(e.Resources) ? e.Resources : [],
        detail,
      };
      events.push({ bus, envelope });
      for (const r of options.rules)
        if (
          r.eventBusName === bus &&
          matchesPattern(r.pattern, { source: e.Source, 'detail-type': e.DetailType })
        )
          enqueue(r.targetQueue, JSON.stringify(envelope));
      return { EventId: id };
    });
    return { status: 200, body: { FailedEntryCount: failed, Entries: results } };
  };

  const server = createServer((req, res) => {
    void (async () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const text = await readBody(req);
      if (req.method !== 'POST' || target !== 'AWSEvents.PutEvents') {
        answer(res, 400, {
          __type: 'UnknownOperationException',
          message: `${target || req.method} is not emulated`,
        });
        return;
      }
      let input: { Entries?: unknown };
      try {
        input = JSON.parse(text) as { Entries?: unknown };
      } catch {
        answer(res, 400, { __type: 'SerializationException', message: 'the body is not JSON' });
        return;
      }
      const out = putEvents(input);
      answer(res, out.status, out.body);
    })().catch((err: unknown) => answer(res, 500, { __type: 'InternalException', message: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // The event source mappings.
  const busy = new Set<string>();
  let stopped = false;
  const poll = async (name: string) => {
    const q = queues.get(name);
    const consumer = q?.spec.consumer;
    if (!q || !consumer || busy.has(name) || stopped) return;
    const now = Date.now();
    const batch: QueuedMessage[] = [];
    for (const m of [...q.messages]) {
      if (batch.length >= consumer.batchSize) break;
      if (m.visibleAt > now) continue;
      const redrive = q.spec.redrive;
      if (redrive && m.receiveCount >= redrive.maxReceiveCount) {
        q.messages.splice(q.messages.indexOf(m), 1);
        queues.get(redrive.deadLetterQueue)?.messages.push({ ...m, visibleAt: now });
        continue;
      }
      m.receiveCount++;
      m.visibleAt = now + q.spec.visibilityTimeoutMs;
      batch.push(m);
    }
    if (batch.length === 0) return;
    busy.add(name);
    try {
      const fn = declarations.functions.find((f) => f.id === consumer.functionId);
      const handler: LambdaHandler = await handlerOf(fn!);
      const event = {
        Records: batch.map((m) => ({
          messageId: m.messageId,
          receiptHandle: `${m.messageId}#${m.receiveCount}`,
          body: m.body,
          attributes: {
            ApproximateReceiveCount: String(m.receiveCount),
            SentTimestamp: String(m.sentAt),
            ApproximateFirstReceiveTimestamp: String(now),
          },
          messageAttributes: {},
          eventSource: 'aws:sqs',
          eventSourceARN: `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${name}`,
          awsRegion: LOCAL_REGION,
        })),
      };
      let stays: Set<string>;
      try {
        const out = (await handler(event, lambdaContext(consumer.functionId) as never)) as
          | { batchItemFailures?: { itemIdentifier?: unknown }[] }
          | undefined;
        if (!consumer.reportBatchItemFailures) stays = new Set();
        else {
          const ids = (out?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
          const inBatch = new Set(batch.map((m) => m.messageId));
          stays = ids.every((id) => typeof id === 'string' && inBatch.has(id))
            ? new Set(ids as string[])
            : inBatch; // an identifier Lambda cannot match fails the whole batch
        }
      } catch (err) {
        console.error(`${consumer.functionId} failed on a batch of ${name}: ${(err as Error).message}`);
        stays = new Set(batch.map((m) => m.messageId));
      }
      for (const m of batch) if (!stays.has(m.messageId)) q.messages.splice(q.messages.indexOf(m), 1);
    } finally {
      busy.delete(name);
    }
  };
  const consumed = options.queues.filter((q) => q.consumer).map((q) => q.name);
  const timer = setInterval(() => {
    for (const name of consumed) void poll(name);
  }, options.pollMs ?? 25);
  timer.unref();

  return {
    name: options.name ?? 'eventbridge',
    url,
    env: { AWS_ENDPOINT_URL_EVENTBRIDGE: url },
    events,
    messages: (queue) => [...(queues.get(queue)?.messages ?? [])],
    async drain(timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (consumed.some((n) => (queues.get(n)?.messages.length ?? 0) > 0) || busy.size > 0) {
        if (Date.now() > until) throw new Error(`queues not drained in ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (busy.size > 0) await new Promise((r) => setTimeout(r, 10));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
