/**
 * The API handlers against the DynamoDB call beneath them, on DynamoDB Local, in this process:
 * `GET /v1/items/{id}` (ApiRead, an office reader) against the same GetItem, and
 * `POST /v1/items/{id}/progress` (ApiWrite, the item's unit) against the same TransactWriteItems
 * (captured from the handler's own commit and replayed without its conditions, so every replay
 * writes the same records of the same sizes). The handlers get the claims API Gateway's JWT
 * authorizer hands on. Alternating calls after a warm-up, many iterations; p99 over p99.
 *
 * Also answers what one report costs in DynamoDB (requests, read and write units of the
 * handler's commands), for the cost rows (bench/cost.ts).
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { documentClient, mainTableName, resetClient } from '../functions/data/db.ts';
import { itemRow } from '../functions/data/items.ts';
import type { Item } from '../functions/domain/model.ts';
import { readHandler } from '../functions/handlers/api-read.ts';
import { writeHandler } from '../functions/handlers/api-write.ts';
import { setClock } from '../functions/lib/clock.ts';
import { createTables, startDynamoDbLocal } from '../infra/local/platform.ts';
import { countCapacity } from './capacity.ts';
import { benchItem, unitRow, writeRows } from './seed.ts';
import type { Row } from './table.ts';

export const MAX_READ_RATIO = 1.5;
export const MAX_WRITE_RATIO = 2;

const AT = '2022-05-01T01:00:00.000Z';
const office = { token_use: 'id', sub: 'office-1', 'cognito:groups': '[office]' };
const meilin = { token_use: 'id', sub: 'meilin-user', 'cognito:groups': '[unit]', 'custom:unitId': 'meilin' };

function event(method: string, routeKey: string, path: string, claims: object, body?: unknown) {
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    pathParameters: { id: path.split('/')[3] },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: '01/Jun/2022:00:00:00 +0000',
      timeEpoch: 0,
      authorizer: { jwt: { claims } },
    },
  } as never;
}
const context = { awsRequestId: 'bench', functionName: 'bench' } as Context;

const apiItem = (): Item =>
  benchItem('bench-api-item', 'meilin', AT, {
    title: 'Benchmark item (invented)',
    description: 'An item the benchmark reads and reports on.',
    managerId: 'p-meilin-1',
    targets: [{ indicator: 'Households served', targetValue: 1000, unit: 'households' }],
  });

const p = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const sortNum = (xs: number[]) => [...xs].sort((a, b) => a - b);

/** Runs `a` and `b` alternately `n` times after `warm` rounds; their latencies in ms. */
async function sideBySide(n: number, warm: number, a: () => Promise<unknown>, b: () => Promise<unknown>) {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < warm + n; i++) {
    const first = i % 2 === 0;
    for (const [f, out] of first
      ? ([
          [a, ta],
          [b, tb],
        ] as const)
      : ([
          [b, tb],
          [a, ta],
        ] as const)) {
      const t = performance.now();
      await f();
      if (i >= warm) out.push(performance.now() - t);
    }
  }
  return { a: sortNum(ta), b: sortNum(tb) };
}

export interface ReportCost {
  /** DynamoDB requests of one progress report in the handler. */
  requests: number;
  readUnits: number;
  writeUnits: number;
  /** p50 of the handler, ms. */
  handlerMs: number;
}

export async function measureApi(options: {
  iterations: number;
}): Promise<{ rows: Row[]; report: ReportCost }> {
  process.env.AWS_REGION ??= 'local';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  setClock({ now: () => new Date('2022-06-15T02:00:00+08:00') });
  const ddb = await startDynamoDbLocal();
  process.env.AWS_ENDPOINT_URL_DYNAMODB = ddb.endpoint;
  try {
    Object.assign(process.env, await createTables(ddb.endpoint, `benchapi-${randomUUID().slice(0, 6)}-`));
    resetClient();
    const item = apiItem();
    await writeRows([unitRow('meilin', AT, 'Meilin'), itemRow(item)]);

    // What the handlers send: captured at the client.
    const client = documentClient();
    const send = client.send.bind(client) as (...args: unknown[]) => Promise<unknown>;
    let captured: { name: string; input: Record<string, unknown> }[] | undefined;
    (client as { send: unknown }).send = (
      command: { constructor: { name: string }; input: never },
      ...rest: unknown[]
    ) => {
      captured?.push({ name: command.constructor.name, input: command.input });
      return send(command, ...rest);
    };

    const read = async () => {
      const r = (await readHandler(
        event('GET', 'GET /v1/items/{id}', `/v1/items/${item.itemId}`, office),
        context,
      )) as { statusCode: number };
      if (r.statusCode !== 200) throw new Error(`GET item answered ${r.statusCode}`);
    };
    const rawRead = () =>
      documentClient().send(
        new GetCommand({
          TableName: mainTableName(),
          Key: { PK: `ITEM#${item.itemId}`, SK: 'ITEM' },
          ConsistentRead: true,
        }),
      );
    let percent = 0;
    const write = async () => {
      percent = Math.min(100, percent + 0.1);
      const r = (await writeHandler(
        event('POST', 'POST /v1/items/{id}/progress', `/v1/items/${item.itemId}/progress`, meilin, {
          percentComplete: Math.round(percent * 10) / 10,
          narrative: 'Benchmark report (invented): works on schedule.',
        }),
        context,
      )) as { statusCode: number; body: string };
      if (r.statusCode !== 201) throw new Error(`POST progress answered ${r.statusCode}: ${r.body}`);
    };

    captured = [];
    await write();
    const commands = captured;
    captured = undefined;
    const tx = commands.find((c) => c.name === 'TransactWriteCommand');
    if (!tx) throw new Error('the progress handler wrote no transaction');
    const txItems = tx.input.TransactItems as {
      Put?: { Item: Record<string, unknown> };
      ConditionCheck?: object;
    }[];
    // Replayed as the same Puts without their conditions and the same condition checks, on a
    // shadow copy of the item's partition (the same records and sizes; the real item moves on).
    const shadow = <T>(x: T): T =>
      JSON.parse(JSON.stringify(x).replaceAll(`ITEM#${item.itemId}`, 'ITEM#bench-api-shadow')) as T;
    const replayItems = txItems.flatMap((e): object[] =>
      e.Put
        ? [{ Put: { TableName: mainTableName(), Item: shadow(e.Put.Item) } }]
        : e.ConditionCheck
          ? [{ ConditionCheck: shadow(e.ConditionCheck) }]
          : [],
    );
    const replay = () =>
      documentClient().send(new TransactWriteCommand({ TransactItems: replayItems as never }));
    // One more report, its capacity units counted as DynamoDB reports them.
    const consumed = countCapacity();
    await write();
    consumed.stop();
    const n = options.iterations;
    const reads = await sideBySide(n, Math.min(200, n), read, rawRead);
    const writes = await sideBySide(n, Math.min(200, n), write, replay);
    const rows: Row[] = [];
    const ratio = (x: { a: number[]; b: number[] }) => p(x.a, 0.99) / p(x.b, 0.99);
    const ms = (v: number) => `${v.toFixed(2)} ms`;
    rows.push({
      metric: 'API read (GET /v1/items/{id}) p99 / its GetItem p99',
      measured: `${ratio(reads).toFixed(2)} (${ms(p(reads.a, 0.99))} / ${ms(p(reads.b, 0.99))}; p50 ${ms(p(reads.a, 0.5))} / ${ms(p(reads.b, 0.5))}; ${n} each)`,
      goal: `≤ ${MAX_READ_RATIO}`,
      ok: ratio(reads) <= MAX_READ_RATIO,
    });
    rows.push({
      metric: 'API write (POST /v1/items/{id}/progress) p99 / its TransactWriteItems p99',
      measured: `${ratio(writes).toFixed(2)} (${ms(p(writes.a, 0.99))} / ${ms(p(writes.b, 0.99))}; p50 ${ms(p(writes.a, 0.5))} / ${ms(p(writes.b, 0.5))}; ${n} each)`,
      goal: `≤ ${MAX_WRITE_RATIO}`,
      ok: ratio(writes) <= MAX_WRITE_RATIO,
    });
    rows.push({
      metric: 'progress report: DynamoDB requests in the handler',
      measured: `${commands.length} (${commands.map((c) => c.name.replace('Command', '')).join(', ')})`,
      goal: '≤ 3',
      ok: commands.length <= 3,
    });
    return {
      rows,
      report: {
        requests: commands.length,
        readUnits: consumed.readUnits,
        writeUnits: consumed.writeUnits,
        handlerMs: p(writes.a, 0.5),
      },
    };
  } finally {
    await ddb.stop();
    setClock(undefined);
  }
}
