/**
 * `Idempotency-Key` on POSTs: a retried request with the same key returns the first answer
 * instead of acting twice, even if the first died right after its commit; the same key with
 * another body is a 422.
 *
 * The key's record (functions/data/idempotency.ts) holds the answer and commits in the same
 * TransactWriteItems as the command's writes: the command passes its answer to its commit
 * (`UnitOfWork.commit(answer)`), and the record joins that transaction as a conditional Put.
 * So either both the effect and the record are there, or neither is. A duplicate running at
 * the same time loses at its commit (the record is there) or at its rules (the effect is
 * there), and answers with the first answer either way. A request that fails after its
 * commit (a workflow start, a signal) answers with its committed answer. Only successful
 * answers are remembered: a refused attempt may be retried with the same key.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { type AnsweredRequest, answeringFor } from '#data/db.ts';
import {
  findRecord,
  type IdempotencyRecord,
  putRecord,
  type RecordScope,
  recordPut,
  type StoredAnswer,
} from '#data/idempotency.ts';
import { DomainError } from '#domain/errors.ts';
import { canonicalJson } from '#lib/canonical-json.ts';
import { now } from '#lib/clock.ts';
import type { Answer } from './http.ts';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'one-list-api' });

export const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

/** How long a key's answer is kept (and a retry answered from it). */
export const KEY_TTL_SECONDS = 24 * 3600;

export interface KeyScope {
  sub: string;
  /** Method and actual path, not the template: one key on two items is two requests. */
  request: string;
  key: string;
  body: unknown;
  operationId: string;
  /** The status of the operation's success (the route's `successStatus`), recorded with its answer. */
  successStatus: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

function keyReused(): DomainError {
  return new DomainError(
    'rule',
    'idempotency.key_reused',
    'this Idempotency-Key was used with a different request body',
    [{ path: 'headers.idempotency-key', message: 'reused with another body' }],
  );
}

function replay(record: IdempotencyRecord, fingerprint: string): Answer {
  if (record.fingerprint !== fingerprint) throw keyReused();
  return record.answer;
}

/** The request as the unit of work sees it: it records the answer of the commit that has one. */
class KeyedRequest implements AnsweredRequest {
  recordedAnswer: StoredAnswer | undefined;
  /** A step ran `withoutAnswering`: recording the answer after the operation is expected. */
  recordsAfter = false;
  constructor(
    readonly scope: RecordScope,
    private readonly status: number,
  ) {}
  get recorded() {
    return this.recordedAnswer !== undefined;
  }
  entry(body: unknown) {
    return { Put: recordPut(this.scope, { status: this.status, body }) };
  }
  deferred() {
    this.recordsAfter = true;
  }
  committed(body: unknown) {
    // What a replay reads back: the body as JSON carries it.
    this.recordedAnswer = { status: this.status, body: JSON.parse(JSON.stringify(body) ?? 'null') };
  }
}

const running = new AsyncLocalStorage<string>();

/**
 * Runs `operation` at most once per (caller, method and path, key) and answers every retry
 * with its first answer.
 */
export async function once(scope: KeyScope, operation: () => Promise<Answer>): Promise<Answer> {
  if (!KEY_PATTERN.test(scope.key)) {
    throw new DomainError(
      'validation',
      'idempotency.key_invalid',
      'Idempotency-Key must be 8–128 letters, digits or ._:-',
      [{ path: 'headers.idempotency-key', message: 'invalid' }],
    );
  }
  const id = sha256(JSON.stringify([scope.sub, scope.request, scope.key]));
  const fingerprint = sha256(canonicalJson(scope.body));
  const at = now();
  const prior = await findRecord(id, at);
  if (prior) return replay(prior, fingerprint);

  const request = new KeyedRequest(
    {
      id,
      fingerprint,
      sub: scope.sub,
      request: scope.request,
      createdAt: at,
      expiresAt: new Date(at.getTime() + KEY_TTL_SECONDS * 1000),
    },
    scope.successStatus,
  );
  let answer: Answer;
  try {
    answer = await running.run(id, () => answeringFor(request, operation));
  } catch (err) {
    // This request committed and then failed (a later step), or a duplicate with the same key
    // answered first (its record failed this commit, or its effect failed these rules).
    if (request.recordedAnswer) {
      logger.error('failed after its commit: answering with the committed answer', { error: err as Error });
      return request.recordedAnswer;
    }
    const first = await findRecord(id, now());
    if (first) {
      // A refusal or a lost race is the duplicate's normal way out; anything else is logged.
      if (!(err instanceof DomainError)) {
        logger.error('failed after a commit: answering with the committed answer', { error: err as Error });
      }
      return replay(first, fingerprint);
    }
    throw err;
  }
  if (request.recordedAnswer) {
    // The command's answer and the operation's must be one (a replay sends the recorded one):
    // a difference is a defect, which tests comparing a replay with the first answer show.
    if (canonicalJson(request.recordedAnswer) !== canonicalJson(JSON.parse(JSON.stringify(answer)))) {
      logger.error('the committed answer differs from the answer sent', { operationId: scope.operationId });
    }
    return answer;
  }
  // No commit carried an answer (an operation idempotent by itself): record it now.
  if (!request.recordsAfter) {
    // A command whose commit passes no answer: a crash after it would act again on retry.
    logger.error('no commit carried the answer: recorded after the operation', {
      operationId: scope.operationId,
    });
  }
  if (await putRecord(request.scope, answer)) return answer;
  const first = await findRecord(id, now());
  return first ? replay(first, fingerprint) : answer;
}

/**
 * The hash that names the running keyed request (stable across its retries), for an effect
 * outside DynamoDB that must happen once, such as a workflow execution's name.
 */
export function currentKeyId(): string | undefined {
  return running.getStore();
}
