/**
 * Pins what the engine relies on in aws-local-stepfunctions (3.0.0) beyond its documented
 * API (README.md, "Where it depends on aws-local-stepfunctions' internals"). Each test talks
 * to the library directly, without the engine: when an upgrade changes one of these, this
 * file fails and names the dependency, instead of a workflow misbehaving somewhere else.
 */
import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
import { StatesRuntimeError, statesTimeoutError, TaskError } from '../../src/sfn/errors.ts';
import type { LibraryEvent } from '../../src/sfn/history.ts';

type Handler = (input: unknown) => Promise<unknown>;

function machine(states: Record<string, unknown>, startAt = Object.keys(states)[0]) {
  return new StateMachine({ StartAt: startAt, States: states } as never, {
    validationOptions: { noValidate: true },
  });
}

async function run(
  sm: StateMachine,
  handlers: Record<string, Handler>,
  context: Record<string, unknown> = {},
): Promise<{ output?: unknown; error?: unknown; events: LibraryEvent[] }> {
  const execution = sm.run({}, { overrides: { taskResourceLocalHandlers: handlers as never }, context });
  const events: LibraryEvent[] = [];
  const consumed = (async () => {
    for await (const e of execution.eventLogs) events.push(e);
  })();
  try {
    const output = await execution.result;
    await consumed;
    return { output, events };
  } catch (error) {
    await consumed;
    return { error, events };
  }
}

const task = (catchers: string[]) => ({
  Type: 'Task',
  Resource: 'local:task',
  Catch: catchers.map((e) => ({ ErrorEquals: [e], ResultPath: '$.caught', Next: 'Caught' })),
  End: true,
});
const caught = { Type: 'Pass', End: true };

describe('aws-local-stepfunctions internals the engine depends on', () => {
  it('its unexported StatesTimeoutError is what the engine obtains by probing (errors.ts libraryTimeoutClass)', async () => {
    const err = await statesTimeoutError('late');
    expect(err.name).toBe('States.Timeout');
    expect(err.message).toBe('late');
    // The library's own timeout of a task, for comparison: the same class.
    const sm = machine({ T: { Type: 'Task', Resource: 'local:task', TimeoutSeconds: 0.001, End: true } });
    const { error } = await run(sm, { T: () => new Promise(() => {}) });
    expect(error).toBeInstanceOf(ExecutionError);
    expect((error as ExecutionError).cause).toBeInstanceOf(err.constructor);
  });

  it('Catch ["States.TaskFailed"] skips errors by `instanceof` that class, so only its instances count as timeouts', async () => {
    const sm = machine({ T: task(['States.TaskFailed']), Caught: caught });
    const timedOut = await run(sm, { T: async () => Promise.reject(await statesTimeoutError('late')) });
    expect(timedOut.error).toBeInstanceOf(ExecutionError);
    // A plain error named States.Timeout is (wrongly, for AWS) caught: hence the class.
    const named = await run(sm, { T: async () => Promise.reject(new TaskError('States.Timeout', 'late')) });
    expect(named.output).toMatchObject({ caught: { Error: 'States.Timeout' } });
    const byName = machine({ T: task(['States.Timeout']), Caught: caught });
    const real = await run(byName, { T: async () => Promise.reject(await statesTimeoutError('late')) });
    expect(real.output).toMatchObject({ caught: { Error: 'States.Timeout', Cause: 'late' } });
  });

  it('reads `isCatchable` / `isRetryable` on thrown errors (States.Runtime is neither caught nor retried)', async () => {
    let calls = 0;
    const sm = machine({
      T: {
        ...task(['States.ALL']),
        Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 0, MaxAttempts: 2 }],
      },
      Caught: caught,
    });
    const { error } = await run(sm, {
      T: async () => {
        calls++;
        throw new StatesRuntimeError('a mistake in the workflow');
      },
    });
    expect(calls).toBe(1);
    expect((error as ExecutionError).cause).toMatchObject({ name: 'States.Runtime' });
  });

  it('invents an error and cause for a Fail state without them (execution.ts drops them, as AWS reports none)', async () => {
    const { error } = await run(machine({ F: { Type: 'Fail' } }), {});
    const cause = (error as ExecutionError).cause as Error;
    expect(cause.name).toBe('FailStateError');
    expect(cause.message).toBe('Execution failed because of a Fail state');
  });

  it('merges the run `context` into $$ (the engine keeps its virtual start time there)', async () => {
    const sm = machine({
      P: {
        Type: 'Pass',
        Parameters: { 'at.$': '$$.LocalEngine.ExecutionStartTime', 'id.$': '$$.Execution.Id' },
        End: true,
      },
    });
    const { output } = await run(
      sm,
      {},
      { LocalEngine: { ExecutionStartTime: '2025-03-01T08:00:00.000Z' }, Execution: { Id: 'x' } },
    );
    expect(output).toEqual({ at: '2025-03-01T08:00:00.000Z', id: 'x' });
  });

  it('logs events in the shape history.ts reads (type, state.name/type/input/output, parentState, index)', async () => {
    const sm = machine({
      M: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } },
        End: true,
      },
    });
    const execution = sm.run({ items: [7] });
    const events: LibraryEvent[] = [];
    for await (const e of execution.eventLogs) events.push(e);
    await execution.result;
    const entered = events.find((e) => e.type === 'StateEntered');
    expect(entered).toMatchObject({ state: { name: 'M', type: 'Map', input: { items: [7] } } });
    const exited = events.find((e) => e.type === 'StateExited' && e.state.name === 'M');
    expect(exited).toMatchObject({ state: { output: [7] } });
    expect(events.find((e) => e.type === 'MapIterationStarted')).toMatchObject({
      parentState: { name: 'M' },
      index: 0,
    });
  });
});
