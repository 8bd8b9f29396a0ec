import { afterEach, describe, expect, it } from 'vitest';
import type { LocalStepFunctions } from '../../../src/sfn/engine.ts';
import { SfnApiError } from '../../../src/sfn/errors.ts';
import { DAY, fixture, frozenEngine, historyOf, MINUTE, ORIGIN, outputOf, typesOf } from './support.ts';

let engine: LocalStepFunctions | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

async function apiError(promise: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (err) {
    expect(err).toBeInstanceOf(SfnApiError);
    return (err as SfnApiError).name;
  }
  throw new Error('expected an API error');
}

describe('execution names', () => {
  it('follows AWS: same name and input while running is idempotent, anything else ExecutionAlreadyExists', async () => {
    const env = frozenEngine();
    engine = env.engine;
    const stateMachineArn = engine.createStateMachine({
      name: 'Await30',
      definition: fixture('await-30-days'),
    });
    const first = await engine.startExecution({
      stateMachineArn,
      name: 'item-I-1',
      input: '{"itemId":"I-1"}',
    });
    const again = await engine.startExecution({
      stateMachineArn,
      name: 'item-I-1',
      input: '{"itemId":"I-1"}',
    });
    expect(again).toEqual(first);
    expect(
      await apiError(engine.startExecution({ stateMachineArn, name: 'item-I-1', input: '{"itemId":"I-2"}' })),
    ).toBe('ExecutionAlreadyExists');
    expect((await engine.listExecutions({ stateMachineArn })).executions).toHaveLength(1);

    await engine.waitForState(first.executionArn, { stateName: 'AwaitThirtyDays', waitingFor: 'callback' });
    env.clock.advance(30 * DAY);
    await engine.waitForExecution(first.executionArn);
    expect(
      await apiError(engine.startExecution({ stateMachineArn, name: 'item-I-1', input: '{"itemId":"I-1"}' })),
    ).toBe('ExecutionAlreadyExists');
    // Names are per state machine.
    const other = engine.createStateMachine({ name: 'Other', definition: fixture('await-30-days') });
    const elsewhere = await engine.startExecution({ stateMachineArn: other, name: 'item-I-1' });
    expect(elsewhere.executionArn).toBe('arn:aws:states:local:000000000000:execution:Other:item-I-1');
  });

  it('refuses invalid names and inputs, unknown machines and executions', async () => {
    engine = frozenEngine().engine;
    const stateMachineArn = engine.createStateMachine({
      name: 'Await30',
      definition: fixture('await-30-days'),
    });
    expect(await apiError(engine.startExecution({ stateMachineArn, name: 'has space' }))).toBe('InvalidName');
    expect(await apiError(engine.startExecution({ stateMachineArn, name: 'x'.repeat(81) }))).toBe(
      'InvalidName',
    );
    expect(await apiError(engine.startExecution({ stateMachineArn, input: '{not json' }))).toBe(
      'InvalidExecutionInput',
    );
    expect(await apiError(engine.startExecution({ stateMachineArn: `${stateMachineArn}X` }))).toBe(
      'StateMachineDoesNotExist',
    );
    expect(await apiError(engine.startExecution({ stateMachineArn: 'not-an-arn' }))).toBe('InvalidArn');
    const unknown = 'arn:aws:states:local:000000000000:execution:Await30:nope';
    expect(await apiError(engine.describeExecution({ executionArn: unknown }))).toBe('ExecutionDoesNotExist');
    expect(await apiError(engine.stopExecution({ executionArn: unknown }))).toBe('ExecutionDoesNotExist');
    expect(await apiError(engine.getExecutionHistory({ executionArn: unknown }))).toBe(
      'ExecutionDoesNotExist',
    );
    expect(await apiError(engine.waitForExecution(unknown))).toBe('ExecutionDoesNotExist');
  });
});

describe('state machines', () => {
  it('validates definitions with asl-validator and refuses what the engine cannot run', async () => {
    engine = frozenEngine().engine;
    const broken = { StartAt: 'Missing', States: { Only: { Type: 'Pass', End: true } } };
    expect(await apiError(() => engine?.createStateMachine({ name: 'Broken', definition: broken }))).toBe(
      'InvalidDefinition',
    );
    expect(
      await apiError(() => engine?.createStateMachine({ name: 'Broken', definition: '{"StartAt":' })),
    ).toBe('InvalidDefinition');
    const jsonata = { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    expect(await apiError(() => engine?.createStateMachine({ name: 'Jsonata', definition: jsonata }))).toBe(
      'InvalidDefinition',
    );
    expect(
      await apiError(() => engine?.createStateMachine({ name: 'bad name', definition: fixture('child') })),
    ).toBe('InvalidName');
  });

  it('is idempotent for the same definition and describes and lists machines', async () => {
    engine = frozenEngine().engine;
    const arn = engine.createStateMachine({ name: 'Child', definition: fixture('child') });
    expect(engine.createStateMachine({ name: 'Child', definition: fixture('child') })).toBe(arn);
    expect(
      await apiError(() =>
        engine?.createStateMachine({ name: 'Child', definition: fixture('await-30-days') }),
      ),
    ).toBe('StateMachineAlreadyExists');
    const described = await engine.describeStateMachine({ stateMachineArn: arn });
    expect(described).toMatchObject({
      name: 'Child',
      status: 'ACTIVE',
      type: 'STANDARD',
      definition: fixture('child'),
    });
    expect(described.creationDate).toEqual(new Date(ORIGIN));
    const listed = await engine.listStateMachines();
    expect(listed.stateMachines?.map((s) => s.name)).toEqual(['Child']);
  });
});

describe('stopExecution', () => {
  it('aborts a waiting execution at once, with error and cause, and ends its history', async () => {
    const env = frozenEngine();
    engine = env.engine;
    const stateMachineArn = engine.createStateMachine({
      name: 'Await30',
      definition: fixture('await-30-days'),
    });
    const { executionArn } = await engine.startExecution({ stateMachineArn });
    await engine.waitForState(executionArn, { stateName: 'AwaitThirtyDays', waitingFor: 'callback' });
    env.clock.advance(DAY);
    await engine.stopExecution({ executionArn, error: 'Withdrawn', cause: 'the item was withdrawn' });
    const described = await engine.describeExecution({ executionArn });
    expect(described).toMatchObject({
      status: 'ABORTED',
      error: 'Withdrawn',
      cause: 'the item was withdrawn',
    });
    expect(described.stopDate?.getTime()).toBe(ORIGIN + DAY);
    expect(env.clock.pendingTimers).toBe(0);
    const history = await historyOf(engine, executionArn);
    expect(typesOf(history).slice(-3)).toEqual(['TaskSubmitted', 'TaskStateAborted', 'ExecutionAborted']);
    expect(history.at(-1)?.executionAbortedEventDetails).toEqual({
      error: 'Withdrawn',
      cause: 'the item was withdrawn',
    });
    // Stopping again is harmless; the status stays.
    await engine.stopExecution({ executionArn });
    expect((await engine.describeExecution({ executionArn })).status).toBe('ABORTED');
    env.clock.advance(60 * DAY);
    expect((await engine.describeExecution({ executionArn })).status).toBe('ABORTED');
  });
});

describe('listExecutions and getExecutionHistory', () => {
  it('lists newest first, filters by status and pages', async () => {
    const env = frozenEngine();
    engine = env.engine;
    const stateMachineArn = engine.createStateMachine({
      name: 'Routing',
      definition: fixture('pass-choice'),
    });
    const arns: string[] = [];
    for (const [i, kind] of ['good', 'bad', 'good'].entries()) {
      const { executionArn } = await engine.startExecution({
        stateMachineArn,
        name: `run-${i}`,
        input: { kind },
      });
      await engine.waitForExecution(executionArn);
      arns.push(executionArn);
      env.clock.advance(MINUTE);
    }
    const all = await engine.listExecutions({ stateMachineArn });
    expect(all.executions?.map((e) => e.name)).toEqual(['run-2', 'run-1', 'run-0']);
    const failed = await engine.listExecutions({ stateMachineArn, statusFilter: 'FAILED' });
    expect(failed.executions?.map((e) => e.executionArn)).toEqual([arns[1]]);
    const page1 = await engine.listExecutions({ stateMachineArn, maxResults: 2 });
    expect(page1.executions).toHaveLength(2);
    const page2 = await engine.listExecutions({ stateMachineArn, maxResults: 2, nextToken: page1.nextToken });
    expect(page2.executions?.map((e) => e.name)).toEqual(['run-0']);
    expect(page2.nextToken).toBeUndefined();

    const executionArn = arns[0] ?? '';
    const reversed = await engine.getExecutionHistory({ executionArn, reverseOrder: true, maxResults: 3 });
    expect(typesOf(reversed.events)).toEqual([
      'ExecutionSucceeded',
      'SucceedStateExited',
      'SucceedStateEntered',
    ]);
    const rest = await engine.getExecutionHistory({
      executionArn,
      reverseOrder: true,
      nextToken: reversed.nextToken,
    });
    expect(rest.events?.at(-1)?.type).toBe('ExecutionStarted');
    const lean = await engine.getExecutionHistory({ executionArn, includeExecutionData: false });
    expect(lean.events?.[0]?.executionStartedEventDetails?.input).toBeUndefined();
    expect(lean.events?.[1]?.stateEnteredEventDetails?.name).toBe('Describe');
  });
});

describe('child executions', () => {
  it('starts a child (request-response, the pattern the product uses) and returns its ARN and start', async () => {
    const env = frozenEngine();
    engine = env.engine;
    const childArn = engine.createStateMachine({ name: 'Child', definition: fixture('child') });
    const parentArn = engine.createStateMachine({
      name: 'Parent',
      definition: fixture('parent', { ChildArn: childArn }),
    });
    const { executionArn } = await engine.startExecution({
      stateMachineArn: parentArn,
      name: 'p-1',
      input: { who: 'parent' },
    });
    const done = await engine.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    const output = outputOf(done) as { started: { ExecutionArn: string; StartDate: number } };
    expect(output.started).toEqual({
      ExecutionArn: 'arn:aws:states:local:000000000000:execution:Child:child-of-p-1',
      StartDate: ORIGIN,
    });
    const child = await engine.waitForExecution(output.started.ExecutionArn);
    expect(JSON.parse(child.input)).toEqual({
      who: 'parent',
      AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: executionArn,
    });
    expect(outputOf(child)).toEqual({ greeting: 'hello parent' });
  });

  it('refuses what no product file uses, when the machine is created or the state runs', async () => {
    const env = frozenEngine();
    engine = env.engine;
    const refused = {
      Wait: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } },
      Heartbeat: {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
            Parameters: { FunctionName: 'Idle', 'Payload.$': '$$.Task.Token' },
            HeartbeatSeconds: 60,
            End: true,
          },
        },
      },
      StateContext: {
        StartAt: 'P',
        States: { P: { Type: 'Pass', Parameters: { 'n.$': '$$.State.Name' }, End: true } },
      },
    };
    for (const [name, definition] of Object.entries(refused)) {
      expect(await apiError(() => engine?.createStateMachine({ name, definition })), name).toBe(
        'InvalidDefinition',
      );
    }
    for (const resource of [
      'arn:aws:states:::states:startExecution.sync:2',
      'arn:aws:states:::states:startExecution.sync',
      'arn:aws:states:::dynamodb:getItem',
      'arn:aws:states:::events:putEvents',
    ]) {
      const arn = engine.createStateMachine({
        name: `R${resource.length}${resource.at(-1)}`,
        definition: { StartAt: 'T', States: { T: { Type: 'Task', Resource: resource, End: true } } },
      });
      const { executionArn } = await engine.startExecution({ stateMachineArn: arn });
      const done = await engine.waitForExecution(executionArn);
      expect(done, resource).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
      expect(done.cause).toContain(resource);
    }
  });
});
