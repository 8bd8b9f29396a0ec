/**
 * DynamoDB Local: install check, start/stop/restart, and table creation from the declared
 * tables. Used by the runtime (in memory for tests, on disk for a long-running system).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableSpec } from './declarations.ts';

/** Where DynamoDB Local's jar is (`<dir>/DynamoDBLocal.jar`, `<dir>/DynamoDBLocal_lib`) and how to fetch it. */
export interface DynamoDbInstall {
  readonly dir: string;
  /** Called when the jar is missing; must leave it in `dir`. */
  readonly install?: () => void;
}

export class JavaMissingError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs Java 17 or later on PATH (`java -version` failed): install a JRE, e.g. `apt-get install openjdk-17-jre-headless`.',
    );
  }
}

/** The jar's path, after `install()` if it is not there yet. */
export function ensureInstalled(install: DynamoDbInstall): string {
  const jar = join(install.dir, 'DynamoDBLocal.jar');
  if (!existsSync(jar)) install.install?.();
  if (!existsSync(jar)) throw new Error(`DynamoDB Local is not installed: no ${jar}`);
  return jar;
}

export function checkJava(): void {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    throw new JavaMissingError();
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  /** The Java process's id (it changes on restart). */
  readonly pid: number | undefined;
  /** Called when the process exits without `stop()` (a crash, a kill, out of memory). */
  onUnexpectedExit(listener: (exit: DynamoDbExit) => void): void;
  /** Starts the process again on the same port and folder (after it exited). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface DynamoDbExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The end of what it printed. */
  readonly output: string;
}

export interface StartOptions {
  readonly install: DynamoDbInstall;
  /** Folder for the database file; omitted means in memory. */
  readonly dbPath?: string;
  readonly port?: number;
}

/** Spawns the jar and resolves once it answers (rejects if it exits or stays silent). */
async function spawnDynamoDb(
  installDir: string,
  jar: string,
  args: readonly string[],
  endpoint: string,
): Promise<{ child: ChildProcess; output: () => string }> {
  const child: ChildProcess = spawn('java', [...args], {
    cwd: installDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const client = new DynamoDBClient(localClientConfig(endpoint));
  const deadline = Date.now() + 90_000;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`DynamoDB Local (${jar}) exited with code ${child.exitCode}: ${output.slice(-500)}`);
      }
      try {
        await client.send(new DescribeTableCommand({ TableName: '__probe__' }));
        break;
      } catch (err) {
        if ((err as { name?: string }).name === 'ResourceNotFoundException') break;
        if (Date.now() > deadline) {
          child.kill('SIGKILL');
          throw new Error(`DynamoDB Local did not answer on ${endpoint}: ${output}`);
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  } finally {
    client.destroy();
  }
  return { child, output: () => output };
}

export async function startDynamoDbLocal(options: StartOptions): Promise<DynamoDbLocal> {
  checkJava();
  const installDir = options.install.dir;
  const jar = ensureInstalled(options.install);
  const port = options.port ?? (await freePort());
  const args = [
    `-Djava.library.path=${join(installDir, 'DynamoDBLocal_lib')}`,
    '-Xmx1g',
    '-jar',
    jar,
    '-port',
    String(port),
    '-sharedDb',
  ];
  if (options.dbPath) {
    mkdirSync(options.dbPath, { recursive: true });
    args.push('-dbPath', options.dbPath);
  } else {
    args.push('-inMemory');
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const listeners: ((exit: DynamoDbExit) => void)[] = [];
  let stopping = false;
  let current = await spawnDynamoDb(installDir, jar, args, endpoint);
  const watch = (proc: typeof current) => {
    proc.child.once('exit', (code, signal) => {
      if (stopping || proc !== current) return;
      for (const l of listeners) l({ code, signal, output: proc.output().slice(-500) });
    });
  };
  watch(current);
  return {
    endpoint,
    port,
    get pid() {
      return current.child.pid;
    },
    onUnexpectedExit(listener) {
      listeners.push(listener);
    },
    async restart() {
      const { child } = current;
      if (child.exitCode === null && child.signalCode === null) {
        throw new Error('DynamoDB Local is still running');
      }
      current = await spawnDynamoDb(installDir, jar, args, endpoint);
      watch(current);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        const { child } = current;
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** Static credentials and a region for local endpoints: DynamoDB Local accepts any. */
export function localClientConfig(endpoint: string) {
  return {
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
}

export function physicalTableName(decl: TableSpec, prefix: string): string {
  return `${prefix}${decl.logicalId}`;
}

export function createTableInput(decl: TableSpec, tableName: string): CreateTableCommandInput {
  const attributes = new Map<string, 'S' | 'N'>();
  const add = (k?: { name: string; type: 'S' | 'N' }) => {
    if (k) attributes.set(k.name, k.type);
  };
  add(decl.partitionKey);
  add(decl.sortKey);
  for (const gsi of decl.globalSecondaryIndexes) {
    add(gsi.partitionKey);
    add(gsi.sortKey);
  }
  const keySchema = (pk: { name: string }, sk?: { name: string }) => [
    { AttributeName: pk.name, KeyType: 'HASH' as const },
    ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType,
    })),
    KeySchema: keySchema(decl.partitionKey, decl.sortKey),
    ...(decl.globalSecondaryIndexes.length > 0
      ? {
          GlobalSecondaryIndexes: decl.globalSecondaryIndexes.map((gsi) => ({
            IndexName: gsi.indexName,
            KeySchema: keySchema(gsi.partitionKey, gsi.sortKey),
            Projection: { ProjectionType: 'ALL' },
          })),
        }
      : {}),
  };
}

/**
 * Creates every declared table that does not exist yet and returns the environment
 * (`envVar` → physical name) that handlers read.
 */
export async function createTables(
  tables: readonly TableSpec[],
  endpoint: string,
  prefix: string,
): Promise<Record<string, string>> {
  const client = new DynamoDBClient(localClientConfig(endpoint));
  const env: Record<string, string> = {};
  try {
    for (const decl of tables) {
      const name = physicalTableName(decl, prefix);
      env[decl.envVar] = name;
      try {
        await client.send(new CreateTableCommand(createTableInput(decl, name)));
        if (decl.timeToLiveAttribute) {
          await client.send(
            new UpdateTimeToLiveCommand({
              TableName: name,
              TimeToLiveSpecification: { AttributeName: decl.timeToLiveAttribute, Enabled: true },
            }),
          );
        }
      } catch (err) {
        if (!(err instanceof ResourceInUseException)) throw err;
      }
    }
  } finally {
    client.destroy();
  }
  return env;
}
