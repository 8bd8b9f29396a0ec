import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/sfn/json.ts';
import { rewriteDefinition } from '../../../src/sfn/rewrite.ts';
import { fixture } from './support.ts';

const DEFAULT_SLICE_MS = 2 ** 31 - 1 - 120_000;

function rewrite(name: string, subs: Record<string, string> = {}) {
  return rewriteDefinition(JSON.parse(fixture(name, subs)) as JsonObject, { realSliceMs: DEFAULT_SLICE_MS });
}

describe('rewriteDefinition (the in-memory copy the library runs)', () => {
  it('takes Retry and timeouts away from the library and replaces its 60 s default', () => {
    const { definition, states } = rewrite('callback');
    const task = definition.States.AwaitFirst as unknown as JsonObject;
    // The library's own timer must never fire first: just under setTimeout's limit.
    expect(task.TimeoutSeconds).toBeGreaterThan(24 * 86400);
    expect((task.TimeoutSeconds as number) * 1000).toBeLessThan(2 ** 31 - 1);
    expect(task.Retry).toEqual([expect.objectContaining({ ErrorEquals: ['LocalEngine.Continue'] })]);
    expect(task.Catch).toEqual([
      { ErrorEquals: ['Rejected'], ResultPath: '$.error', Next: 'WasRejected' },
      { ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'WasTimedOut' },
    ]);
    expect(states.get('AwaitFirst')).toMatchObject({
      type: 'Task',
      timeoutSeconds: 86400,
    });
  });

  it('wraps Parameters to also pass the effective input and TimeoutSecondsPath, and fixes the start time', () => {
    const { definition } = rewrite('timeout');
    expect((definition.States.FromInput as unknown as JsonObject).Parameters).toEqual({
      'input.$': '$',
      params: { FunctionName: 'Slow', Payload: {} },
      'timeout.$': '$.timeout',
    });
    const pass = rewrite('pass-choice').definition.States.Describe as unknown as JsonObject;
    expect(pass.Parameters).toMatchObject({
      'startedAt.$': '$$.LocalEngine.ExecutionStartTime',
      'machine.$': '$$.StateMachine.Name',
    });
  });

  it('moves top-level TimeoutSeconds to the engine', () => {
    const rewritten = rewrite('execution-timeout');
    expect(rewritten.timeoutSeconds).toBe(3600);
    expect((rewritten.definition as unknown as JsonObject).TimeoutSeconds).toBeUndefined();
  });
});
