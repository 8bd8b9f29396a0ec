/**
 * Task tokens of `.waitForTaskToken` states: random, unguessable (whoever holds one can
 * complete the task, so it is as strong as AWS's), valid until first use, timeout or stop.
 */
import { randomBytes } from 'node:crypto';
import { SfnApiError } from './errors.ts';
import type { JsonValue } from './json.ts';

export interface CallbackHandlers {
  succeed(output: JsonValue): void;
  fail(error: string, cause: string): void;
}

interface TokenEntry {
  readonly executionArn: string;
  readonly stateName: string;
  handlers: CallbackHandlers | undefined;
}

const MAX_TOKEN_LENGTH = 2048;

export class TaskTokens {
  readonly #tokens = new Map<string, TokenEntry>();

  /** 48 random bytes, base64url: 64 characters. */
  issue(executionArn: string, stateName: string, handlers: CallbackHandlers): string {
    const token = randomBytes(48).toString('base64url');
    this.#tokens.set(token, { executionArn, stateName, handlers });
    return token;
  }

  /** The task is over (completed, failed, timed out, stopped): the token stops working. */
  close(token: string): void {
    const entry = this.#tokens.get(token);
    if (entry) entry.handlers = undefined;
  }

  /** Execution and state the token belongs to, while it is open. */
  owner(token: string): { executionArn: string; stateName: string } | undefined {
    const entry = this.#tokens.get(token);
    return entry?.handlers ? { executionArn: entry.executionArn, stateName: entry.stateName } : undefined;
  }

  succeed(token: string, output: string | undefined): void {
    let value: JsonValue;
    try {
      value = JSON.parse(output ?? '') as JsonValue;
    } catch {
      throw new SfnApiError('InvalidOutput', 'The provided JSON output data is invalid');
    }
    const handlers = this.#open(token);
    this.close(token);
    handlers.succeed(value);
  }

  fail(token: string, error: string | undefined, cause: string | undefined): void {
    if ((error?.length ?? 0) > 256)
      throw new SfnApiError('ValidationException', 'error is longer than 256 characters');
    if ((cause?.length ?? 0) > 32768)
      throw new SfnApiError('ValidationException', 'cause is longer than 32768 characters');
    const handlers = this.#open(token);
    this.close(token);
    handlers.fail(error ?? '', cause ?? '');
  }

  #open(token: string | undefined): CallbackHandlers {
    if (!token || token.length > MAX_TOKEN_LENGTH) throw new SfnApiError('InvalidToken', 'Invalid Token');
    const entry = this.#tokens.get(token);
    if (!entry) throw new SfnApiError('TaskDoesNotExist', 'Task does not exist: unknown task token');
    if (!entry.handlers)
      throw new SfnApiError('TaskTimedOut', 'Task Timed Out: the task of this token is closed');
    return entry.handlers;
  }
}
