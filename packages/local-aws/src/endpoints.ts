/**
 * Where a running local system answers: a long-running runtime writes an endpoints file (the
 * gateway URL, the Step Functions and DynamoDB endpoints, table names, state machine ARNs)
 * when it is up and removes it when it stops; tools read it, so they never need a port pasted
 * (the local Step Functions port changes every start). The caller names the file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface LocalEndpoints {
  readonly gatewayUrl?: string;
  readonly sfnEndpoint: string;
  readonly dynamoDbEndpoint: string;
  /** The variables the handlers read: table names, state machine ARNs. */
  readonly env: Record<string, string>;
  /** Virtual ms per real ms of the local clock. */
  readonly timeScale?: number;
  readonly pid: number;
  readonly writtenAt: string;
}

export function writeEndpoints(file: string, e: Omit<LocalEndpoints, 'pid' | 'writtenAt'>): string {
  mkdirSync(dirname(file), { recursive: true });
  // Names and ARNs only: never credentials (AWS_* may hold the caller's own).
  const env = Object.fromEntries(Object.entries(e.env).filter(([k]) => !k.startsWith('AWS_')));
  const record: LocalEndpoints = { ...e, env, pid: process.pid, writtenAt: new Date().toISOString() };
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(tmp, file);
  return file;
}

/** Removes the file if this process wrote it. */
export function removeEndpoints(file: string): void {
  const e = readEndpoints(file);
  if (e?.pid === process.pid) rmSync(file, { force: true });
}

export function readEndpoints(file: string): LocalEndpoints | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const e = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalEndpoints>;
    if (typeof e.sfnEndpoint !== 'string' || typeof e.dynamoDbEndpoint !== 'string') return undefined;
    return { env: {}, pid: 0, writtenAt: '', ...e } as LocalEndpoints;
  } catch {
    return undefined;
  }
}
