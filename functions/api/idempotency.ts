/**
 * `Idempotency-Key` on POSTs (Powertools idempotency, DynamoDB persistence): a retried
 * request with the same key returns the first answer instead of acting twice; the same key
 * with another body is a 422; a replay while the first is still running is a 409.
 */
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { canonicalJson } from '#domain/audit.ts';
import { DomainError } from '#domain/errors.ts';
import { idempotencyTable } from '#resources/tables.ts';
import type { Answer } from './operations.ts';

let store: DynamoDBPersistenceLayer | undefined;
let storeTable: string | undefined;

function persistence(): DynamoDBPersistenceLayer {
  const tableName = process.env[idempotencyTable.envVar];
  if (!tableName) throw new Error(`${idempotencyTable.envVar} is not set`);
  if (!store || storeTable !== tableName) {
    store = new DynamoDBPersistenceLayer({ tableName });
    storeTable = tableName;
  }
  return store;
}

const config = () =>
  new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    payloadValidationJmesPath: 'fingerprint',
    expiresAfterSeconds: 24 * 3600,
    throwOnNoIdempotencyKey: true,
  });

export const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * Runs `operation` at most once per (caller, route, key). Only successful answers are
 * remembered; a failed attempt may be retried with the same key.
 */
export async function once(
  scope: { sub: string; routeKey: string; key: string; body: unknown; context?: Context },
  operation: () => Promise<Answer>,
): Promise<Answer> {
  if (!KEY_PATTERN.test(scope.key)) {
    throw new DomainError(
      'validation',
      'idempotency.key_invalid',
      'Idempotency-Key must be 8–128 letters, digits or ._:-',
      [{ path: 'headers.idempotency-key', message: 'invalid' }],
    );
  }
  const cfg = config();
  // With the invocation's remaining time, a request that dies mid-run frees its key when the
  // function would have timed out, not only when the record expires.
  if (scope.context?.getRemainingTimeInMillis) cfg.registerLambdaContext(scope.context);
  const run = makeIdempotent(async (_input: { key: string; fingerprint: string }) => operation(), {
    persistenceStore: persistence(),
    config: cfg,
  });
  try {
    return await run({
      key: `${scope.sub}|${scope.routeKey}|${scope.key}`,
      fingerprint: canonicalJson(scope.body),
    });
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'IdempotencyValidationError') {
      throw new DomainError(
        'rule',
        'idempotency.key_reused',
        'this Idempotency-Key was used with a different request body',
        [{ path: 'headers.idempotency-key', message: 'reused with another body' }],
      );
    }
    if (name === 'IdempotencyAlreadyInProgressError') {
      throw new DomainError(
        'conflict',
        'idempotency.in_progress',
        'the first request with this Idempotency-Key is still running',
      );
    }
    throw err;
  }
}
