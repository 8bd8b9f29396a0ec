/**
 * Transient failures do not end an item's workflow (statemachines/*.asl.json Retry/Catch on
 * the local engine): a waiting step whose function times out (Lambda.Unknown, from the
 * function's timeout) is retried and the item ends right; a domain error is not retried; a
 * failure that outlasts its retries ends the execution with one clear error, for the
 * reconciler, never silently.
 */

import type { LocalRuntime } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RuleViolation } from '../../../functions/domain/errors.ts';
import {
  itemExecutionArn,
  newItem,
  publish,
  seedUnits,
  settleItem,
  startHarness,
} from '../../support/workflow-harness.ts';

/** What the intercept does to a WorkflowStep call of an item, by action. */
type Fault = { kind: 'hang' | 'rule' | 'throttle'; times: number };
const faults = new Map<string, Fault>();
const calls = new Map<string, number>();
const key = (itemId: string, action: string) => `${itemId}/${action}`;

let rt: LocalRuntime;

beforeAll(async () => {
  rt = await startHarness({
    // A short timeout for the workflow function, so that a hanging call times out quickly.
    functionTimeoutSeconds: { WorkflowStep: 1 },
    intercept: async (fnId, event, next) => {
      const e = event as { action?: string; itemId?: string; id?: string };
      const itemId = e.itemId ?? e.id;
      if (fnId !== 'WorkflowStep' || !itemId || !e.action) return next();
      const k = key(itemId, e.action);
      calls.set(k, (calls.get(k) ?? 0) + 1);
      const fault = faults.get(k);
      if (!fault || fault.times === 0) return next();
      fault.times--;
      if (fault.kind === 'hang') return new Promise(() => {}); // times out: Lambda.Unknown
      if (fault.kind === 'rule') throw new RuleViolation('test.injected', 'injected domain error');
      const err = new Error('Rate exceeded');
      err.name = 'Lambda.TooManyRequestsException';
      throw err;
    },
  });
  await seedUnits();
});
afterAll(async () => {
  await rt?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Moves the frozen clock along (retry delays) until the execution rests or ends. */
async function driveUntil(arn: string, done: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${arn} did not get there in time`);
    if (rt.engine.currentState(arn)?.waitingFor === 'timer') rt.clock.advanceToNextTimer();
    await sleep(20);
  }
}

async function taskErrors(arn: string): Promise<string[]> {
  const events = (await rt.engine.getExecutionHistory({ executionArn: arn, maxResults: 1000 })).events ?? [];
  return events.filter((e) => e.type === 'TaskFailed').map((e) => e.taskFailedEventDetails?.error ?? '');
}

describe('transient failures', () => {
  it('a waiting step that times out twice (Lambda.Unknown) then succeeds: the item rests where it should', async () => {
    const item = await newItem();
    faults.set(key(item.itemId, 'awaitChange'), { kind: 'hang', times: 2 });
    await publish(rt, item);
    const arn = itemExecutionArn(item);
    await driveUntil(arn, async () => (calls.get(key(item.itemId, 'awaitChange')) ?? 0) >= 3);
    await settleItem(rt, item, 'ClaimWindowOpen');
    expect(await taskErrors(arn)).toEqual(['Lambda.Unknown', 'Lambda.Unknown']);
    expect((await rt.engine.describeExecution({ executionArn: arn })).status).toBe('RUNNING');
  }, 30_000);

  it('a domain error is not retried: the execution ends at once with WorkflowStepFailed naming it', async () => {
    const item = await newItem();
    faults.set(key(item.itemId, 'syncItem'), { kind: 'rule', times: 1 });
    await publish(rt, item);
    const arn = itemExecutionArn(item);
    const done = await rt.engine.waitForExecution(arn);
    expect(calls.get(key(item.itemId, 'syncItem'))).toBe(1);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('WorkflowStepFailed');
    expect(done.cause).toMatch(/^RuleViolation: /);
    expect(await taskErrors(arn)).toEqual(['RuleViolation']);
  });

  it('throttling that outlasts its ten retries is caught and ends the execution with one clear error', async () => {
    const item = await newItem();
    faults.set(key(item.itemId, 'syncItem'), { kind: 'throttle', times: 100 });
    await publish(rt, item);
    const arn = itemExecutionArn(item);
    await driveUntil(
      arn,
      async () => (await rt.engine.describeExecution({ executionArn: arn })).status !== 'RUNNING',
    );
    const done = await rt.engine.describeExecution({ executionArn: arn });
    expect(calls.get(key(item.itemId, 'syncItem'))).toBe(11); // first attempt + MaxAttempts 10
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('WorkflowStepFailed');
    expect(done.cause).toMatch(/^Lambda\.TooManyRequestsException: /);
  }, 30_000);
});
