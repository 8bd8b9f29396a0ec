/**
 * Retry policy of a Task state, evaluated by the engine rather than the library so that
 * the delays between attempts run on the engine clock (the library sleeps in real time).
 * Semantics follow the AWS documentation: the first retrier whose ErrorEquals matches
 * decides; once it has used its MaxAttempts the error goes on to Catch.
 */
import type { JsonValue } from './json.ts';
import { isJsonObject } from './json.ts';

export interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds?: number;
  readonly MaxAttempts?: number;
  readonly BackoffRate?: number;
  readonly MaxDelaySeconds?: number;
  readonly JitterStrategy?: 'FULL' | 'NONE';
}

/**
 * Whether `pattern` from ErrorEquals matches `error` in a Task state.
 * - `States.ALL` matches everything (non-retryable errors never get this far).
 * - `States.TaskFailed` matches everything except `States.Timeout`.
 */
export function errorMatches(pattern: string, error: string): boolean {
  if (pattern === error || pattern === 'States.ALL') return true;
  if (pattern === 'States.TaskFailed') return error !== 'States.Timeout';
  return false;
}

export function parseRetriers(value: JsonValue | undefined): Retrier[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isJsonObject).map((r) => r as unknown as Retrier);
}

export class RetryPolicy {
  readonly #retriers: readonly Retrier[];
  readonly #attempts: number[];
  readonly #random: () => number;

  constructor(retriers: readonly Retrier[], random: () => number = Math.random) {
    this.#retriers = retriers;
    this.#attempts = retriers.map(() => 0);
    this.#random = random;
  }

  /** Total retries granted so far. */
  get retryCount(): number {
    return this.#attempts.reduce((a, b) => a + b, 0);
  }

  /** The delay before the next attempt, or undefined when the error must go to Catch. */
  next(error: string): { delayMs: number } | undefined {
    for (const [i, retrier] of this.#retriers.entries()) {
      if (!retrier.ErrorEquals.some((pattern) => errorMatches(pattern, error))) continue;
      const used = this.#attempts[i] ?? 0;
      if (used >= (retrier.MaxAttempts ?? 3)) return undefined;
      this.#attempts[i] = used + 1;
      const interval = retrier.IntervalSeconds ?? 1;
      const backoff = retrier.BackoffRate ?? 2;
      let seconds = interval * backoff ** used;
      if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
      let delayMs = seconds * 1000;
      if (retrier.JitterStrategy === 'FULL') delayMs = this.#random() * delayMs;
      return { delayMs };
    }
    return undefined;
  }
}
