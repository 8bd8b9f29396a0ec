import { describe, expect, it } from 'vitest';
import { errorMatches, RetryPolicy } from '../../../src/sfn/retry.ts';

describe('Retry matching and delays', () => {
  it('matches names, States.ALL and States.TaskFailed (not timeouts)', () => {
    expect(errorMatches('ItemNotFound', 'ItemNotFound')).toBe(true);
    expect(errorMatches('ItemNotFound', 'Other')).toBe(false);
    expect(errorMatches('States.ALL', 'States.Timeout')).toBe(true);
    expect(errorMatches('States.TaskFailed', 'ItemNotFound')).toBe(true);
    expect(errorMatches('States.TaskFailed', 'States.Timeout')).toBe(false);
    expect(errorMatches('States.Timeout', 'States.Timeout')).toBe(true);
  });

  it('uses the first matching retrier, with backoff, MaxDelaySeconds and MaxAttempts', () => {
    const policy = new RetryPolicy([
      { ErrorEquals: ['Throttled'], IntervalSeconds: 2, BackoffRate: 3, MaxDelaySeconds: 10, MaxAttempts: 4 },
      { ErrorEquals: ['States.ALL'], MaxAttempts: 1 },
    ]);
    expect([1, 2, 3, 4].map(() => policy.next('Throttled')?.delayMs)).toEqual([2000, 6000, 10_000, 10_000]);
    expect(policy.next('Throttled')).toBeUndefined(); // exhausted: goes to Catch, not to the next retrier
    expect(policy.next('Other')).toEqual({ delayMs: 1000 }); // defaults: 1 s
    expect(policy.next('Other')).toBeUndefined();
    expect(policy.retryCount).toBe(5);
  });

  it('applies FULL jitter and never retries with MaxAttempts 0', () => {
    const jittered = new RetryPolicy(
      [{ ErrorEquals: ['E'], IntervalSeconds: 10, JitterStrategy: 'FULL' }],
      () => 0.25,
    );
    expect(jittered.next('E')).toEqual({ delayMs: 2500 });
    expect(new RetryPolicy([{ ErrorEquals: ['E'], MaxAttempts: 0 }]).next('E')).toBeUndefined();
  });
});
