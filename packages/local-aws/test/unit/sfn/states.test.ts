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
      stateName: 'Describe',
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
      stateName: 'Describe',
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

describe('Wait', () => {
  it('waits 30 days of virtual time, not 1 ms, and keeps its input', async () => {
    const env = frozenEngine();
    engine = env.engine;
    const { clock } = env;
    const arn = engine.createStateMachine({ name: 'Wait30', definition: fixture('wait-30-days') });
    const { executionArn } = await engine.startExecution({ stateMachineArn: arn, input: { itemId: 'I-1' } });

    const waiting = await engine.waitForState(executionArn, { stateName: 'WaitThirtyDays' });
    expect(waiting).toMatchObject({ waitingFor: 'timer', since: new Date(ORIGIN) });
    expect(clock.nextTimer()?.getTime()).toBe(ORIGIN + 30 * DAY);

    clock.advance(30 * DAY - SECOND);
    await new Promise((r) => setTimeout(r, 20));
    expect((await engine.describeExecution({ executionArn })).status).toBe('RUNNING');
    expect(engine.currentState(executionArn)?.stateName).toBe('WaitThirtyDays');

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
      'WaitStateEntered',
      'WaitStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    const entered = history[3];
    const exited = history[4];
    expect(entered?.stateEnteredEventDetails?.name).toBe('WaitThirtyDays');
    expect(exited?.stateExitedEventDetails?.name).toBe('WaitThirtyDays');
    expect((exited?.timestamp?.getTime() ?? 0) - (entered?.timestamp?.getTime() ?? 0)).toBe(30 * DAY);
    expect(engine.currentState(executionArn)).toBeUndefined();
  });

  it('waits 30 days at a high time scale in real milliseconds', async () => {
    const clock = new EngineClock({ origin: ORIGIN, timeScale: (30 * DAY) / 150 });
    engine = new LocalStepFunctions({ clock });
    const arn = engine.createStateMachine({ name: 'Wait30', definition: fixture('wait-30-days') });
    const realStart = performance.now();
    const { executionArn } = await engine.startExecution({ stateMachineArn: arn });
    const done = await engine.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect((done.stopDate?.getTime() ?? 0) - (done.startDate?.getTime() ?? 0)).toBeGreaterThanOrEqual(
      30 * DAY,
    );
    expect(performance.now() - realStart).toBeLessThan(5000);
  });

  it('waits until TimestampPath (virtual now), then SecondsPath with InputPath/OutputPath', async () => {
    const env = frozenEngine();
    engine = env.engine;
    const { clock } = env;
    const arn = engine.createStateMachine({ name: 'WaitPaths', definition: fixture('wait-paths') });
    const deadline = new Date(ORIGIN + 45 * DAY).toISOString();
    const { executionArn } = await engine.startExecution({
      stateMachineArn: arn,
      input: { deadline, payload: { delay: 90, data: { kept: true } } },
    });
    await engine.waitForState(executionArn, { stateName: 'UntilDeadline' });
    expect(clock.nextTimer()?.toISOString()).toBe(deadline);
    clock.advanceToNextTimer();
    await engine.waitForState(executionArn, { stateName: 'ThenSeconds' });
    expect(clock.nextTimer()?.getTime()).toBe(ORIGIN + 45 * DAY + 90 * SECOND);
    clock.advanceToNextTimer();
    const done = await engine.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done)).toEqual({ kept: true });
    expect(done.stopDate?.getTime()).toBe(ORIGIN + 45 * DAY + 90 * SECOND);
  });

  it('passes at once for a timestamp in the past', async () => {
    engine = frozenEngine().engine;
    const arn = engine.createStateMachine({ name: 'WaitPaths', definition: fixture('wait-paths') });
    const { executionArn } = await engine.startExecution({
      stateMachineArn: arn,
      input: { deadline: '2001-01-01T00:00:00Z', payload: { delay: 0, data: 1 } },
    });
    const done = await engine.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.stopDate?.getTime()).toBe(ORIGIN);
  });

  it('fails with States.Runtime on a timestamp that is not RFC3339', async () => {
    engine = frozenEngine().engine;
    const arn = engine.createStateMachine({ name: 'WaitPaths', definition: fixture('wait-paths') });
    const { executionArn } = await engine.startExecution({
      stateMachineArn: arn,
      input: { deadline: 'next tuesday', payload: { delay: 0, data: 1 } },
    });
    const done = await engine.waitForExecution(executionArn);
    expect(done).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(done.cause).toContain('next tuesday');
  });

  it('times the whole execution out on its TimeoutSeconds, on the engine clock', async () => {
    const env = frozenEngine();
    engine = env.engine;
    const arn = engine.createStateMachine({ name: 'TooLong', definition: fixture('execution-timeout') });
    const { executionArn } = await engine.startExecution({ stateMachineArn: arn });
    await engine.waitForState(executionArn, { stateName: 'TooLong' });
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
      'WaitStateEntered',
      'WaitStateAborted',
      'ExecutionTimedOut',
    ]);
  });
});

describe('Map and Parallel', () => {
  it('runs nested Task and Wait states through the engine', async () => {
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
    await engine.waitForState(executionArn, { stateName: 'Sleep', waitingFor: 'timer' });
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
    expect(types).toContain('WaitStateExited');
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
  const longWait = {
    StartAt: 'Sleep',
    States: { Sleep: { Type: 'Wait', Seconds: 400 * 24 * 3600, End: true } },
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
