/**
 * Where the running local system answers: `npm start` writes `.data/endpoints.json` (the
 * gateway URL, the Step Functions and DynamoDB endpoints, table names, state machine ARNs)
 * when it is up and removes it when it stops; the operator tools (`npm run executions`,
 * `npm run evaluate`, `npm run reconcile`) read it when no AWS environment is set, so they
 * never need a port pasted (the local Step Functions port changes every start).
 * `ONE_LIST_DATA_DIR` moves the data folder (tests).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../resources/project-root.ts';

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

export const dataDir = () => process.env.ONE_LIST_DATA_DIR ?? join(projectRoot, '.data');
export const endpointsFile = () => join(dataDir(), 'endpoints.json');

export function writeEndpoints(e: Omit<LocalEndpoints, 'pid' | 'writtenAt'>): string {
  const file = endpointsFile();
  mkdirSync(dataDir(), { recursive: true });
  // Names and ARNs only: never credentials (AWS_* may hold the caller's own).
  const env = Object.fromEntries(Object.entries(e.env).filter(([k]) => !k.startsWith('AWS_')));
  const record: LocalEndpoints = { ...e, env, pid: process.pid, writtenAt: new Date().toISOString() };
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(tmp, file);
  return file;
}

/** Removes the file if this process wrote it. */
export function removeEndpoints(): void {
  const e = readEndpoints();
  if (e?.pid === process.pid) rmSync(endpointsFile(), { force: true });
}

export function readEndpoints(): LocalEndpoints | undefined {
  const file = endpointsFile();
  if (!existsSync(file)) return undefined;
  try {
    const e = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalEndpoints>;
    if (typeof e.sfnEndpoint !== 'string' || typeof e.dynamoDbEndpoint !== 'string') return undefined;
    return { env: {}, pid: 0, writtenAt: '', ...e } as LocalEndpoints;
  } catch {
    return undefined;
  }
}
