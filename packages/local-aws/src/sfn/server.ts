/**
 * The engine over HTTP, speaking the Step Functions wire protocol (AWS JSON 1.0), so
 * `@aws-sdk/client-sfn` pointed at it (`endpoint`, or AWS_ENDPOINT_URL_SFN) works unchanged:
 * POST /, `X-Amz-Target: AWSStepFunctions.<Operation>`, JSON bodies, dates as epoch seconds,
 * errors as HTTP 400 `{"__type": "<Code>", "message": "..."}`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExecutionStatus } from './api-types.ts';
import type { LocalStepFunctions } from './engine.ts';
import { SfnApiError } from './errors.ts';
import { isJsonObject, type JsonObject, type JsonValue } from './json.ts';

export interface SfnServerOptions {
  /** @default 0 (any free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
}

export interface SfnServer {
  /** Base URL for `endpoint` / AWS_ENDPOINT_URL_SFN, e.g. http://127.0.0.1:4583 */
  readonly url: string;
  close(): Promise<void>;
}

type Operation = (engine: LocalStepFunctions, body: JsonObject) => Promise<unknown>;

const MAX_BODY_BYTES = 2 * 1024 * 1024;

function str(body: JsonObject, key: string, required: true): string;
function str(body: JsonObject, key: string, required?: false): string | undefined;
function str(body: JsonObject, key: string, required = false): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) {
    if (required)
      throw new SfnApiError('ValidationException', `1 validation error detected: '${key}' must not be null`);
    return undefined;
  }
  if (typeof value !== 'string') throw new SfnApiError('ValidationException', `'${key}' must be a string`);
  return value;
}

function int(body: JsonObject, key: string): number | undefined {
  const value = body[key];
  return typeof value === 'number' ? value : undefined;
}

const operations: Readonly<Record<string, Operation>> = {
  StartExecution: (e, b) =>
    e.startExecution({
      stateMachineArn: str(b, 'stateMachineArn', true),
      name: str(b, 'name'),
      input: str(b, 'input'),
    }),
  DescribeExecution: (e, b) => e.describeExecution({ executionArn: str(b, 'executionArn', true) }),
  ListExecutions: (e, b) =>
    e.listExecutions({
      stateMachineArn: str(b, 'stateMachineArn', true),
      statusFilter: str(b, 'statusFilter') as ExecutionStatus | undefined,
      maxResults: int(b, 'maxResults'),
      nextToken: str(b, 'nextToken'),
    }),
  ListStateMachines: (e, b) =>
    e.listStateMachines({ maxResults: int(b, 'maxResults'), nextToken: str(b, 'nextToken') }),
  DescribeStateMachine: (e, b) =>
    e.describeStateMachine({ stateMachineArn: str(b, 'stateMachineArn', true) }),
  GetExecutionHistory: (e, b) =>
    e.getExecutionHistory({
      executionArn: str(b, 'executionArn', true),
      reverseOrder: b.reverseOrder === true,
      maxResults: int(b, 'maxResults'),
      nextToken: str(b, 'nextToken'),
      includeExecutionData: b.includeExecutionData !== false,
    }),
  SendTaskSuccess: (e, b) =>
    e.sendTaskSuccess({ taskToken: str(b, 'taskToken', true), output: str(b, 'output', true) }),
  SendTaskFailure: (e, b) =>
    e.sendTaskFailure({
      taskToken: str(b, 'taskToken', true),
      error: str(b, 'error'),
      cause: str(b, 'cause'),
    }),
  StopExecution: (e, b) =>
    e.stopExecution({
      executionArn: str(b, 'executionArn', true),
      error: str(b, 'error'),
      cause: str(b, 'cause'),
    }),
};

/** SDK output → wire JSON: Dates as epoch seconds, undefined members left out. */
export function toWire(value: unknown): JsonValue {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (typeof value === 'object' && value !== null) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toWire(v);
    return out;
  }
  return (value ?? null) as JsonValue;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new SfnApiError('ValidationException', 'request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: JsonValue): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.0',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': crypto.randomUUID(),
  });
  res.end(text);
}

async function handle(engine: LocalStepFunctions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    if (req.method !== 'POST') {
      send(res, 405, { __type: 'UnknownOperationException', message: 'POST only' });
      return;
    }
    const target = String(req.headers['x-amz-target'] ?? '');
    const [prefix, name] = target.split('.');
    const operation = prefix === 'AWSStepFunctions' && name ? operations[name] : undefined;
    if (!operation)
      throw new SfnApiError('UnknownOperationException', `Unknown or unsupported operation: '${target}'`);
    const text = await readBody(req);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      throw new SfnApiError('ValidationException', 'request body is not JSON');
    }
    if (!isJsonObject(body))
      throw new SfnApiError('ValidationException', 'request body must be a JSON object');
    send(res, 200, toWire(await operation(engine, body)));
  } catch (err) {
    if (err instanceof SfnApiError) send(res, 400, { __type: err.name, message: err.message });
    else
      send(res, 500, {
        __type: 'InternalFailure',
        message: err instanceof Error ? err.message : String(err),
      });
  }
}

/** Serves `engine` over HTTP; resolves once listening. */
export function startSfnServer(
  engine: LocalStepFunctions,
  options: SfnServerOptions = {},
): Promise<SfnServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    void handle(engine, req, res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
