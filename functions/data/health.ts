/** The health check's read: one GetItem of a fixed key (keys.ts: `health`, never written). */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { Unavailable } from '#domain/errors.ts';
import { documentClient, mainTableName } from './db.ts';
import { health } from './keys.ts';

/** Long enough for a cold connection, short enough for a health check. */
const PROBE_TIMEOUT_MS = 3_000;

/** Resolves when the table answers a read; an `Unavailable` (503) when it does not. */
export async function probeTable(): Promise<void> {
  try {
    await documentClient().send(new GetCommand({ TableName: mainTableName(), Key: health.key() }), {
      abortSignal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
  } catch (err) {
    throw new Unavailable(
      'service.table_unavailable',
      `the table cannot be read (${(err as { name?: string }).name ?? 'error'}): retry later`,
    );
  }
}
