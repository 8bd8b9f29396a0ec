import { afterEach, describe, expect, it } from 'vitest';
import type { LocalStepFunctions } from '../../../src/sfn/engine.ts';
import { SfnApiError } from '../../../src/sfn/errors.ts';
import { DAY, fixture, frozenEngine, historyOf, ORIGIN, outputOf, SECOND, typesOf } from './support.ts';

let engine: LocalStepFunctions | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

interface Notification {
  step: string;
  token: string;
  text?: string;
}

function setup() {
  const received: Notification[] = [];
  const env = frozenEngine({
    Notify: async (event) => {
      received.push(event as Notification);
      return { notified: true };
    },
  });
  engine = env.engine;
  const stateMachineArn = env.engine.createStateMachine({
    name: 'Callbacks',
    definition: fixture('callback'),
  });
  return { ...env, received, stateMachineArn };
}

async function expectApiError(promise: Promise<unknown>, code: string): Promise<void> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SfnApiError);
  expect((err as SfnApiError).name).toBe(code);
}

describe('waitForTaskToken', () => {
  it('issues a unique token per callback and resumes with the SendTaskSuccess output', async () => {
    const { engine, received, stateMachineArn } = setup();
    const { executionArn } = await engine.startExecution({ stateMachineArn, input: { item: 'I-1' } });

    const first = await engine.waitForState(executionArn, {
      stateName: 'AwaitFirst',
      waitingFor: 'callback',
    });
    expect(received).toHaveLength(1);
    const token1 = received[0]?.token ?? '';
    expect(received[0]).toEqual({ step: 'first', token: token1, item: 'I-1' });
    expect(token1).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(first.taskToken).toBe(token1);

    await engine.sendTaskSuccess({ taskToken: token1, output: JSON.stringify({ approved: true }) });
    const second = await engine.waitForState(executionArn, {
      stateName: 'AwaitSecond',
      waitingFor: 'callback',
    });
    const token2 = received[1]?.token ?? '';
    expect(token2).not.toBe(token1);
    expect(second.taskToken).toBe(token2);
    expect(received[1]?.text).toBe(`token=${token2}`);

    // A used token is closed, as on AWS.
    await expectApiError(engine.sendTaskSuccess({ taskToken: token1, output: '{}' }), 'TaskTimedOut');
    await expectApiError(engine.sendTaskSuccess({ taskToken: token2, output: 'not json' }), 'InvalidOutput');

    await engine.sendTaskSuccess({ taskToken: token2, output: '"second done"' });
    const done = await engine.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(outputOf(done)).toEqual({ item: 'I-1', first: { approved: true }, second: 'second done' });

    const history = await historyOf(engine, executionArn);
    expect(typesOf(history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    const scheduled = history[2]?.taskScheduledEventDetails;
    expect(scheduled).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
      region: 'local',
      timeoutInSeconds: 86400,
    });
    expect(JSON.parse(scheduled?.parameters ?? '{}').Payload.token).toBe(token1);
    expect(JSON.parse(history[4]?.taskSubmittedEventDetails?.output ?? '{}')).toMatchObject({
      Payload: { notified: true },
      StatusCode: 200,
    });
    expect(history[5]?.taskSucceededEventDetails?.output).toBe('{"approved":true}');
  });

  it('routes SendTaskFailure to the Catch for its error', async () => {
    const { engine, received, stateMachineArn } = setup();
    const { executionArn } = await engine.startExecution({ stateMachineArn, input: { item: 'I-2' } });
    await engine.waitForState(executionArn, { waitingFor: 'callback' });
    const token = received[0]?.token ?? '';
    await engine.sendTaskFailure({ taskToken: token, error: 'Rejected', cause: 'the owner said no' });
    const done = await engine.waitForExecution(executionArn);
    expect(outputOf(done)).toEqual({
      item: 'I-2',
      outcome: 'rejected',
      error: { Error: 'Rejected', Cause: 'the owner said no' },
    });
    const failed = (await historyOf(engine, executionArn)).find((e) => e.type === 'TaskFailed');
    expect(failed?.taskFailedEventDetails).toMatchObject({ error: 'Rejected', cause: 'the owner said no' });
    await expectApiError(engine.sendTaskFailure({ taskToken: token, error: 'Again' }), 'TaskTimedOut');
  });

  it('times out after TimeoutSeconds without a callback', async () => {
    const { engine, clock, received, stateMachineArn } = setup();
    const { executionArn } = await engine.startExecution({ stateMachineArn, input: { item: 'I-3' } });
    await engine.waitForState(executionArn, { waitingFor: 'callback' });
    const token = received[0]?.token ?? '';
    clock.advance(DAY - SECOND);
    await new Promise((r) => setTimeout(r, 10));
    expect((await engine.describeExecution({ executionArn })).status).toBe('RUNNING');
    clock.advance(SECOND);
    const done = await engine.waitForExecution(executionArn);
    expect(outputOf(done)).toMatchObject({ outcome: 'timed out', error: { Error: 'States.Timeout' } });
    expect(done.stopDate?.getTime()).toBe(ORIGIN + DAY);
    await expectApiError(engine.sendTaskSuccess({ taskToken: token, output: '{}' }), 'TaskTimedOut');
    expect(typesOf(await historyOf(engine, executionArn))).toContain('TaskTimedOut');
  });

  it('invalidates the token when the execution is stopped', async () => {
    const { engine, received, stateMachineArn } = setup();
    const { executionArn } = await engine.startExecution({ stateMachineArn, input: { item: 'I-5' } });
    await engine.waitForState(executionArn, { waitingFor: 'callback' });
    const { stopDate } = await engine.stopExecution({
      executionArn,
      error: 'Cancelled',
      cause: 'item withdrawn',
    });
    expect(stopDate?.getTime()).toBe(ORIGIN);
    await expectApiError(
      engine.sendTaskSuccess({ taskToken: received[0]?.token ?? '', output: '{}' }),
      'TaskTimedOut',
    );
    const done = await engine.describeExecution({ executionArn });
    expect(done).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'item withdrawn' });
    expect(engine.currentState(executionArn)).toBeUndefined();
    expect(typesOf(await historyOf(engine, executionArn)).slice(-2)).toEqual([
      'TaskStateAborted',
      'ExecutionAborted',
    ]);
  });

  it('refuses unknown and malformed tokens', async () => {
    const { engine } = setup();
    await expectApiError(
      engine.sendTaskSuccess({ taskToken: 'no-such-token', output: '{}' }),
      'TaskDoesNotExist',
    );
    await expectApiError(
      engine.sendTaskSuccess({ taskToken: 'x'.repeat(3000), output: '{}' }),
      'InvalidToken',
    );
    await expectApiError(engine.sendTaskFailure({ taskToken: '' }), 'InvalidToken');
  });

  it('accepts a callback that arrives while the notified function is still running', async () => {
    let engineRef!: LocalStepFunctions;
    const env = frozenEngine({
      Notify: async (event) => {
        const { token, step } = event as Notification;
        await engineRef.sendTaskSuccess({ taskToken: token, output: JSON.stringify({ step }) });
        return 'sent';
      },
    });
    engine = engineRef = env.engine;
    const stateMachineArn = engine.createStateMachine({ name: 'Callbacks', definition: fixture('callback') });
    const { executionArn } = await engine.startExecution({ stateMachineArn, input: { item: 'I-6' } });
    const done = await engine.waitForExecution(executionArn);
    expect(outputOf(done)).toEqual({ item: 'I-6', first: { step: 'first' }, second: { step: 'second' } });
  });
});
