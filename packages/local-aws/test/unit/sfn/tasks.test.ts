import { afterEach, describe, expect, it } from 'vitest';
import { EngineClock } from '../../../src/sfn/clock.ts';
import { LocalStepFunctions } from '../../../src/sfn/engine.ts';
import { fixture, frozenEngine, HOUR, historyOf, ORIGIN, outputOf, SECOND, typesOf } from './support.ts';

let engine: LocalStepFunctions | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

function namedError(name: string, message: string): Error {
  const err = new Error(message);
  err.name = name;
  return err;
}

describe('Retry', () => {
  it('retries a failing task on the engine clock with backoff, then succeeds', async () => {
    const payloads: unknown[] = [];
    const env = frozenEngine({
      Flaky: async (event) => {
        payloads.push(event);
        if (payloads.length <= 2) throw namedError('Transient', `attempt ${payloads.length} failed`);
        return { ok: true, attempts: payloads.length };
      },
    });
    engine = env.engine;
    const arn = engine.createStateMachine({
      name: 'Retry',
      definition: fixture('retry', { FlakyFunction: 'Flaky' }),
    });
    const { executionArn } = await engine.startExecution({ stateMachineArn: arn, input: { item: 'I-1' } });

    await engine.waitForState(executionArn, { waitingFor: 'timer' });
    expect(payloads).toHaveLength(1);
    expect(env.clock.nextTimer()?.getTime()).toBe(ORIGIN + 10 * SECOND);
    env.clock.advance(10 * SECOND);
    await new Promise((r) => setTimeout(r, 10));
    expect(payloads).toHaveLength(2);
    expect(env.clock.nextTimer()?.getTime()).toBe(ORIGIN + 30 * SECOND); // 10 s × BackoffRate 2
    env.clock.advance(20 * SECOND);

    const done = await engine.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done)).toEqual({ value: { ok: true, attempts: 3 } });
    expect(payloads).toEqual([{ item: 'I-1' }, { item: 'I-1' }, { item: 'I-1' }]);

    const history = await historyOf(engine, executionArn);
    expect(typesOf(history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    const failed = history.filter((e) => e.type === 'TaskFailed');
    expect(failed[0]?.taskFailedEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke',
      error: 'Transient',
    });
    expect(JSON.parse(failed[0]?.taskFailedEventDetails?.cause ?? '{}')).toEqual({
      errorMessage: 'attempt 1 failed',
      errorType: 'Transient',
    });
    const scheduled = history.filter((e) => e.type === 'TaskScheduled');
    expect(scheduled.map((e) => (e.timestamp?.getTime() ?? 0) - ORIGIN)).toEqual([
      0,
      10 * SECOND,
      30 * SECOND,
    ]);
    expect(JSON.parse(scheduled[0]?.taskScheduledEventDetails?.parameters ?? '{}')).toEqual({
      FunctionName: 'Flaky',
      Payload: { item: 'I-1' },
    });
    const succeeded = history.find((e) => e.type === 'TaskSucceeded');
    expect(JSON.parse(succeeded?.taskSucceededEventDetails?.output ?? '{}')).toEqual({
      ExecutedVersion: '$LATEST',
      Payload: { ok: true, attempts: 3 },
      StatusCode: 200,
    });
  });

  it('gives up after MaxAttempts and fails the execution with the last error', async () => {
    let calls = 0;
    const env = frozenEngine({
      Flaky: async () => {
        calls++;
        throw namedError('Transient', 'always');
      },
    });
    engine = env.engine;
    const arn = engine.createStateMachine({
      name: 'Retry',
      definition: fixture('retry', { FlakyFunction: 'Flaky' }),
    });
    const { executionArn } = await engine.startExecution({ stateMachineArn: arn });
    for (let i = 0; i < 3; i++) {
      await engine.waitForState(executionArn, { waitingFor: 'timer' });
      env.clock.advanceToNextTimer();
      await new Promise((r) => setTimeout(r, 5));
    }
    const done = await engine.waitForExecution(executionArn);
    expect(calls).toBe(4); // first attempt + MaxAttempts 3
    expect(done).toMatchObject({ status: 'FAILED', error: 'Transient' });
    expect(JSON.parse(done.cause ?? '{}')).toEqual({ errorMessage: 'always', errorType: 'Transient' });
  });
});

describe('Catch', () => {
  const lookupFails = { Lookup: async () => Promise.reject(namedError('ItemNotFound', 'no item I-9')) };

  it.each(['ItemNotFound', 'States.TaskFailed', 'States.ALL'])(
    'catches a handler error with %s',
    async (caught) => {
      engine = frozenEngine(lookupFails).engine;
      const arn = engine.createStateMachine({
        name: 'Catch',
        definition: fixture('catch', { CaughtError: caught }),
      });
      const { executionArn } = await engine.startExecution({ stateMachineArn: arn, input: { id: 'I-9' } });
      const done = await engine.waitForExecution(executionArn);
      expect(done.status).toBe('SUCCEEDED');
      expect(outputOf(done)).toEqual({
        id: 'I-9',
        outcome: 'caught',
        error: {
          Error: 'ItemNotFound',
          Cause: JSON.stringify({ errorMessage: 'no item I-9', errorType: 'ItemNotFound' }),
        },
      });
    },
  );

  it('does not catch an error whose name is not listed', async () => {
    engine = frozenEngine(lookupFails).engine;
    const arn = engine.createStateMachine({
      name: 'Catch',
      definition: fixture('catch', { CaughtError: 'OtherError' }),
    });
    const { executionArn } = await engine.startExecution({ stateMachineArn: arn, input: { id: 'I-9' } });
    const done = await engine.waitForExecution(executionArn);
    expect(done).toMatchObject({ status: 'FAILED', error: 'ItemNotFound' });
  });

  it('reports a missing local function as Lambda.ResourceNotFoundException', async () => {
    engine = frozenEngine({}).engine;
    const arn = engine.createStateMachine({
      name: 'Catch',
      definition: fixture('catch', { CaughtError: 'States.ALL' }),
    });
    const { executionArn } = await engine.startExecution({ stateMachineArn: arn, input: {} });
    const output = outputOf(await engine.waitForExecution(executionArn)) as { error: { Error: string } };
    expect(output.error.Error).toBe('Lambda.ResourceNotFoundException');
  });
});

describe('Task timeouts', () => {
  function slowFunctions(clock: () => EngineClock, sleepMs: number) {
    return {
      Slow: async () => {
        await clock().sleep(sleepMs);
        return { slept: sleepMs };
      },
    };
  }

  it('raises States.Timeout after TimeoutSeconds of virtual time; States.TaskFailed does not catch it', async () => {
    let clock!: EngineClock;
    const env = frozenEngine(slowFunctions(() => clock, 10 * HOUR));
    clock = env.clock;
    engine = env.engine;
    const arn = engine.createStateMachine({ name: 'Timeouts', definition: fixture('timeout') });
    const { executionArn } = await engine.startExecution({
      stateMachineArn: arn,
      input: { mode: 'literal' },
    });
    await engine.waitForState(executionArn, { stateName: 'Literal', waitingFor: 'task' });
    clock.advance(29 * SECOND);
    await new Promise((r) => setTimeout(r, 10));
    expect((await engine.describeExecution({ executionArn })).status).toBe('RUNNING');
    clock.advance(SECOND);
    const done = await engine.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done)).toMatchObject({ outcome: 'timed out', error: { Error: 'States.Timeout' } });
    const history = await historyOf(engine, executionArn);
    const timedOut = history.find((e) => e.type === 'TaskTimedOut');
    expect(timedOut?.taskTimedOutEventDetails?.error).toBe('States.Timeout');
    expect((timedOut?.timestamp?.getTime() ?? 0) - ORIGIN).toBe(30 * SECOND);
    expect(history.find((e) => e.type === 'TaskScheduled')?.taskScheduledEventDetails?.timeoutInSeconds).toBe(
      30,
    );
  });

  it('reads TimeoutSecondsPath from the state input (not from Parameters)', async () => {
    let clock!: EngineClock;
    const env = frozenEngine(slowFunctions(() => clock, 10 * HOUR));
    clock = env.clock;
    engine = env.engine;
    const arn = engine.createStateMachine({ name: 'Timeouts', definition: fixture('timeout') });
    const { executionArn } = await engine.startExecution({
      stateMachineArn: arn,
      input: { mode: 'path', timeout: 45 },
    });
    await engine.waitForState(executionArn, { stateName: 'FromInput' });
    clock.advance(44 * SECOND);
    await new Promise((r) => setTimeout(r, 10));
    expect((await engine.describeExecution({ executionArn })).status).toBe('RUNNING');
    clock.advance(SECOND);
    const done = await engine.waitForExecution(executionArn);
    expect(outputOf(done)).toMatchObject({ outcome: 'timed out', error: { Error: 'States.Timeout' } });
    expect(done.stopDate?.getTime()).toBe(ORIGIN + 45 * SECOND);
  });

  it('never times out a task without TimeoutSeconds (here: 2 hours of virtual time)', async () => {
    let clock!: EngineClock;
    const env = frozenEngine(slowFunctions(() => clock, 2 * HOUR));
    clock = env.clock;
    engine = env.engine;
    const arn = engine.createStateMachine({ name: 'Timeouts', definition: fixture('timeout') });
    const { executionArn } = await engine.startExecution({ stateMachineArn: arn, input: { mode: 'none' } });
    await engine.waitForState(executionArn, { stateName: 'NoTimeout' });
    clock.advance(61 * SECOND);
    await new Promise((r) => setTimeout(r, 10));
    expect((await engine.describeExecution({ executionArn })).status).toBe('RUNNING');
    clock.advance(2 * HOUR);
    const done = await engine.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done)).toEqual({ slept: 2 * HOUR });
    expect(done.stopDate?.getTime()).toBe(ORIGIN + 61 * SECOND + 2 * HOUR);
  });

  it('hands long attempts back to the library in real-time slices without redoing them', async () => {
    let calls = 0;
    const clock = new EngineClock({ origin: ORIGIN, timeScale: 0 });
    engine = new LocalStepFunctions({
      clock,
      realSliceMs: 15,
      functions: new Map([
        [
          'Slow',
          async () => {
            calls++;
            await new Promise((r) => setTimeout(r, 120)); // eight slices of real time
            return { slept: 'long' };
          },
        ],
      ]),
    });
    const arn = engine.createStateMachine({ name: 'Timeouts', definition: fixture('timeout') });
    const { executionArn } = await engine.startExecution({ stateMachineArn: arn, input: { mode: 'none' } });
    const done = await engine.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done)).toEqual({ slept: 'long' });
    expect(calls).toBe(1);
    expect(typesOf(await historyOf(engine, executionArn)).filter((t) => t.startsWith('Task'))).toEqual([
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
    ]);
  });
});

describe('Lambda function timeouts', () => {
  it('fails an invocation that outlives the function timeout with Lambda.Unknown, as Step Functions reports it', async () => {
    let calls = 0;
    const clock = new EngineClock({ origin: ORIGIN, timeScale: 0 });
    engine = new LocalStepFunctions({
      clock,
      functionTimeoutSeconds: (name) => (name === 'Hangs' ? 0.05 : undefined),
      functions: new Map([
        [
          'Hangs',
          async () => {
            calls++;
            await new Promise((r) => setTimeout(r, 10_000).unref());
            return { never: true };
          },
        ],
      ]),
    });
    const arn = engine.createStateMachine({
      name: 'LambdaTimeout',
      definition: fixture('retry', { FlakyFunction: 'Hangs' }),
    });
    const { executionArn } = await engine.startExecution({ stateMachineArn: arn });
    const done = await engine.waitForExecution(executionArn);
    expect(calls).toBe(1); // "Transient" does not match Lambda.Unknown: no retry
    expect(done).toMatchObject({ status: 'FAILED', error: 'Lambda.Unknown' });
    expect(done.cause).toContain('Lambda did not return an error type');
    expect(done.cause).toContain('Task timed out after 0.05 seconds');
    const failed = (await historyOf(engine, executionArn)).find((e) => e.type === 'TaskFailed');
    expect(failed?.taskFailedEventDetails?.error).toBe('Lambda.Unknown');
  });
});

describe('unsupported resources', () => {
  it('fails with States.Runtime naming a resource it does not run: a plain function ARN, SQS', async () => {
    engine = frozenEngine({ Echo: async (event) => ({ echo: event }) }).engine;
    for (const resource of [
      'arn:aws:lambda:local:000000000000:function:Echo',
      'arn:aws:states:::sqs:sendMessage',
    ]) {
      const arn = engine.createStateMachine({
        name: `R${resource.length}`,
        definition: { StartAt: 'T', States: { T: { Type: 'Task', Resource: resource, End: true } } },
      });
      const { executionArn } = await engine.startExecution({ stateMachineArn: arn });
      const done = await engine.waitForExecution(executionArn);
      expect(done, resource).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
      expect(done.cause).toContain(`'${resource}'`);
    }
  });
});
