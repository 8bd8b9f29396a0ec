import { afterEach, describe, expect, it } from 'vitest';
import { EngineClock } from '../../../src/sfn/clock.ts';
import { LocalStepFunctions } from '../../../src/sfn/engine.ts';
import { DAY, fixture, frozenEngine, HOUR, historyOf, ORIGIN, outputOf, SECOND, typesOf } from './support.ts';

let engine: LocalStepFunctions | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

describe('Pass, Choice, Succeed and Fail', () => {
  it('routes on Choice and succeeds, with AWS-shaped history and context object', async () => {
    const env = frozenEngine();
    engine = env.engine;
    const arn = engine.createStateMachine({ name: 'Routing', definition: fixture('pass-choice') });
    expect(arn).toBe('arn:aws:states:local:000000000000:stateMachine:Routing');
    const { executionArn, startDate } = await engine.startExecution({
      stateMachineArn: arn,
      name: 'good-1',
      input: '{"kind":"good"}',
    });
    expect(executionArn).toBe('arn:aws:states:local:000000000000:execution:Routing:good-1');
    expect(startDate?.getTime()).toBe(ORIGIN);

    const done = await engine.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done)).toEqual({
      kind: 'good',
      executionId: executionArn,
      executionName: 'good-1',
      startedAt: new Date(ORIGIN).toISOString(),
      machine: 'Routing',
    });

    const history = await historyOf(engine, executionArn);
    expect(typesOf(history)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    history.forEach((event, i) => {
      expect(event.id).toBe(i + 1);
      expect(event.previousEventId).toBe(i);
      expect(event.timestamp).toEqual(new Date(ORIGIN));
    });
    expect(history[0]?.executionStartedEventDetails?.input).toBe('{"kind":"good"}');
    expect(history[1]?.stateEnteredEventDetails).toMatchObject({
      name: 'Describe',
      input: '{"kind":"good"}',
    });
    expect(JSON.parse(history[2]?.stateExitedEventDetails?.output ?? 'null')).toMatchObject({
      machine: 'Routing',
    });
    expect(history[3]?.stateEnteredEventDetails?.name).toBe('Route');
    expect(history[5]?.stateEnteredEventDetails?.name).toBe('Done');
  });

  it('fails through a Fail state with its Error and Cause', async () => {
    engine = frozenEngine().engine;
    const arn = engine.createStateMachine({ name: 'Routing', definition: fixture('pass-choice') });
    const { executionArn } = await engine.startExecution({ stateMachineArn: arn, input: { kind: 'bad' } });
    const done = await engine.waitForExecution(executionArn);
    expect(done).toMatchObject({ status: 'FAILED', error: 'BadKind', cause: 'kind was bad' });
    const history = await historyOf(engine, executionArn);
    expect(typesOf(history).slice(-2)).toEqual(['FailStateEntered', 'ExecutionFailed']);
    expect(history.at(-1)?.executionFailedEventDetails).toEqual({ error: 'BadKind', cause: 'kind was bad' });
  });

  it('reports no error for a Fail state without Error/Cause, as AWS does', async () => {
    engine = frozenEngine().engine;
    const arn = engine.createStateMachine({ name: 'Routing', definition: fixture('pass-choice') });
    const { executionArn } = await engine.startExecution({ stateMachineArn: arn, input: { kind: 'other' } });
    const done = await engine.waitForExecution(executionArn);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBeUndefined();
    expect(done.cause).toBeUndefined();
  });
});

describe('long waits (a callback task with a timeout: how the product waits)', () => {
  it('waits 30 days of virtual time, not 1 ms, and keeps its input', async () => {
    const env = frozenEngine();
    engine = env.engine;
    const { clock } = env;
    const arn = engine.createStateMachine({ name: 'Await30', definition: fixture('await-30-days') });
    const { executionArn } = await engine.startExecution({ stateMachineArn: arn, input: { itemId: 'I-1' } });

    const waiting = await engine.waitForState(executionArn, {
      stateName: 'AwaitThirtyDays',
      waitingFor: 'callback',
    });
    expect(waiting).toMatchObject({ waitingFor: 'callback', since: new Date(ORIGIN) });
    expect(clock.nextTimer()?.getTime()).toBe(ORIGIN + 30 * DAY);

    clock.advance(30 * DAY - SECOND);
    await new Promise((r) => setTimeout(r, 20));
    expect((await engine.describeExecution({ executionArn })).status).toBe('RUNNING');
    expect(engine.currentState(executionArn)?.stateName).toBe('AwaitThirtyDays');

    clock.advance(SECOND);
    const done = await engine.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect((done.stopDate?.getTime() ?? 0) - (done.startDate?.getTime() ?? 0)).toBe(30 * DAY);
    expect(outputOf(done)).toEqual({ itemId: 'I-1', status: { stage: 'done' } });

    const history = await historyOf(engine, executionArn);
    expect(typesOf(history)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskTimedOut',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    const entered = history[3];
    const timedOut = history[7];
    expect(entered?.stateEnteredEventDetails?.name).toBe('AwaitThirtyDays');
    expect((timedOut?.timestamp?.getTime() ?? 0) - (entered?.timestamp?.getTime() ?? 0)).toBe(30 * DAY);
    expect(engine.currentState(executionArn)).toBeUndefined();
  });

  it('waits 30 days at a high time scale in real milliseconds', async () => {
    const clock = new EngineClock({ origin: ORIGIN, timeScale: (30 * DAY) / 150 });
    engine = new LocalStepFunctions({ clock, functions: new Map([['Idle', async () => null]]) });
    const arn = engine.createStateMachine({ name: 'Await30', definition: fixture('await-30-days') });
    const realStart = performance.now();
    const { executionArn } = await engine.startExecution({ stateMachineArn: arn });
    const done = await engine.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect((done.stopDate?.getTime() ?? 0) - (done.startDate?.getTime() ?? 0)).toBeGreaterThanOrEqual(
      30 * DAY,
    );
    expect(performance.now() - realStart).toBeLessThan(5000);
  });

  it('times the whole execution out on its TimeoutSeconds, on the engine clock', async () => {
    const env = frozenEngine();
    engine = env.engine;
    const arn = engine.createStateMachine({ name: 'TooLong', definition: fixture('execution-timeout') });
    const { executionArn } = await engine.startExecution({ stateMachineArn: arn });
    await engine.waitForState(executionArn, { stateName: 'TooLong', waitingFor: 'callback' });
    env.clock.advance(HOUR);
    const done = await engine.waitForExecution(executionArn);
    expect(done).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(done).toMatchObject({
      status: 'TIMED_OUT',
      cause: 'The execution ran longer than its TimeoutSeconds (3600)',
    });
    const history = await historyOf(engine, executionArn);
    expect(typesOf(history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskStateAborted',
      'ExecutionTimedOut',
    ]);
  });
});

describe('Map and Parallel', () => {
  it('runs nested Task states (a call, a callback with a timeout) through the engine', async () => {
    const calls: unknown[] = [];
    const env = frozenEngine({
      Double: async (event) => {
        calls.push(event);
        const { id, index } = event as { id: number; index: number };
        return { id, index, doubled: id * 2 };
      },
    });
    engine = env.engine;
    const arn = engine.createStateMachine({ name: 'MapParallel', definition: fixture('map-parallel') });
    const { executionArn } = await engine.startExecution({
      stateMachineArn: arn,
      input: { items: [1, 2, 3] },
    });
    await engine.waitForState(executionArn, { stateName: 'Sleep', waitingFor: 'callback' });
    expect(calls).toHaveLength(3);
    env.clock.advance(HOUR);
    const done = await engine.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done)).toEqual({
      items: [1, 2, 3],
      doubled: [
        { id: 1, index: 0, doubled: 2 },
        { id: 2, index: 1, doubled: 4 },
        { id: 3, index: 2, doubled: 6 },
      ],
      summary: { counted: 3 },
    });
    const types = typesOf(await historyOf(engine, executionArn));
    expect(types.filter((t) => t === 'MapIterationStarted')).toHaveLength(3);
    expect(types.filter((t) => t === 'TaskSucceeded')).toHaveLength(3);
    expect(types).toContain('TaskTimedOut');
    expect(types.slice(0, 3)).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted']);
    expect(types.slice(-2)).toEqual(['ParallelStateExited', 'ExecutionSucceeded']);
  });
});

describe('execution lifetime (Standard: one year, then States.Timeout)', () => {
  let lifetimeEngine: LocalStepFunctions | undefined;
  afterEach(async () => {
    await lifetimeEngine?.close();
    lifetimeEngine = undefined;
  });
  // A callback that never comes, with a timeout longer than a year.
  const longWait = {
    StartAt: 'Sleep',
    States: {
      Sleep: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: 'Idle', Payload: { 'token.$': '$$.Task.Token' } },
        TimeoutSeconds: 400 * 24 * 3600,
        End: true,
      },
    },
  };

  it('an execution reaching the configured lifetime ends TIMED_OUT with States.Timeout', async () => {
    const env = frozenEngine({}, { executionLifetimeSeconds: 365 * 24 * 3600 });
    lifetimeEngine = env.engine;
    const arn = env.engine.createStateMachine({ name: 'Forever', definition: longWait });
    const { executionArn } = await env.engine.startExecution({ stateMachineArn: arn });
    await env.engine.waitForState(executionArn, { stateName: 'Sleep' });
    env.clock.advance(364 * DAY);
    await new Promise((r) => setTimeout(r, 20));
    expect((await env.engine.describeExecution({ executionArn })).status).toBe('RUNNING');
    env.clock.advance(2 * DAY);
    const done = await env.engine.waitForExecution(executionArn);
    expect(done).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(done.cause).toBe('The execution reached the maximum execution duration (31536000 seconds)');
  });

  it('a definition TimeoutSeconds shorter than the lifetime still applies', async () => {
    const env = frozenEngine({}, { executionLifetimeSeconds: 365 * 24 * 3600 });
    lifetimeEngine = env.engine;
    const arn = env.engine.createStateMachine({
      name: 'Short',
      definition: { ...longWait, TimeoutSeconds: 3600 },
    });
    const { executionArn } = await env.engine.startExecution({ stateMachineArn: arn });
    await env.engine.waitForState(executionArn, { stateName: 'Sleep' });
    env.clock.advance(2 * HOUR);
    const done = await env.engine.waitForExecution(executionArn);
    expect(done).toMatchObject({
      status: 'TIMED_OUT',
      cause: 'The execution ran longer than its TimeoutSeconds (3600)',
    });
  });
});
