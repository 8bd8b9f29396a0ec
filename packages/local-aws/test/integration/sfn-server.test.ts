import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClock } from '../../src/sfn/clock.ts';
import type { LocalStepFunctions } from '../../src/sfn/engine.ts';
import { type SfnServer, startSfnServer } from '../../src/sfn/server.ts';
import { fixture, frozenEngine, HOUR, ORIGIN } from '../unit/sfn/support.ts';

let engine: LocalStepFunctions;
let clock: EngineClock;
let server: SfnServer;
let client: SFNClient;
let stateMachineArn: string;
const tokens: string[] = [];
const previousEndpoint = process.env.AWS_ENDPOINT_URL_SFN;

beforeAll(async () => {
  ({ engine, clock } = frozenEngine({
    Notify: async (event) => {
      tokens.push((event as { token: string }).token);
      return null;
    },
  }));
  stateMachineArn = engine.createStateMachine({ name: 'Callbacks', definition: fixture('callback') });
  server = await startSfnServer(engine);
  // The way the application's clients find it: the SDK's service-specific endpoint variable.
  process.env.AWS_ENDPOINT_URL_SFN = server.url;
  client = new SFNClient({ maxAttempts: 1 });
});

afterAll(async () => {
  client.destroy();
  await engine.close();
  await server.close();
  if (previousEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL_SFN;
  else process.env.AWS_ENDPOINT_URL_SFN = previousEndpoint;
});

describe('Step Functions API over HTTP with @aws-sdk/client-sfn', () => {
  it('starts, lists, describes, signals and reads the history of an execution', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const started = await client.send(
      new StartExecutionCommand({ stateMachineArn, name: 'sdk-run', input: JSON.stringify({ item: 'I-7' }) }),
    );
    expect(started.executionArn).toBe('arn:aws:states:local:000000000000:execution:Callbacks:sdk-run');
    expect(started.startDate).toEqual(new Date(ORIGIN));
    const executionArn = started.executionArn ?? '';

    const listed = await client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING' }));
    expect(listed.executions?.map((e) => e.executionArn)).toEqual([executionArn]);
    expect(listed.executions?.[0]?.startDate).toBeInstanceOf(Date);

    await engine.waitForState(executionArn, { stateName: 'AwaitFirst', waitingFor: 'callback' });
    clock.advance(HOUR / 2);
    const running = await client.send(new DescribeExecutionCommand({ executionArn }));
    expect(running).toMatchObject({
      status: 'RUNNING',
      name: 'sdk-run',
      input: '{"item":"I-7"}',
      stateMachineArn,
    });
    expect(running.stopDate).toBeUndefined();

    await client.send(
      new SendTaskSuccessCommand({ taskToken: tokens[0], output: JSON.stringify({ ok: 1 }) }),
    );
    await engine.waitForState(executionArn, { stateName: 'AwaitSecond', waitingFor: 'callback' });
    await client.send(new SendTaskSuccessCommand({ taskToken: tokens[1], output: '{"ok":2}' }));
    await engine.waitForExecution(executionArn);

    const done = await client.send(new DescribeExecutionCommand({ executionArn }));
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '{}')).toEqual({ item: 'I-7', first: { ok: 1 }, second: { ok: 2 } });
    expect(done.stopDate).toEqual(new Date(ORIGIN + HOUR / 2));

    const history = await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 5 }));
    expect(history.events?.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
    ]);
    expect(history.events?.[0]?.timestamp).toEqual(new Date(ORIGIN));
    expect(history.events?.[1]?.stateEnteredEventDetails?.name).toBe('AwaitFirst');
    expect(history.nextToken).toBeDefined();
    const rest = await client.send(
      new GetExecutionHistoryCommand({ executionArn, nextToken: history.nextToken }),
    );
    expect(rest.events?.at(-1)?.type).toBe('ExecutionSucceeded');
    expect(rest.events?.at(-1)?.executionSucceededEventDetails?.output).toBe(done.output);

    // A used token is refused with the SDK's own exception class.
    await expect(
      client.send(new SendTaskSuccessCommand({ taskToken: tokens[0], output: '{}' })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('maps errors to the SDK exceptions and serves the remaining operations', async () => {
    await expect(
      client.send(
        new DescribeExecutionCommand({
          executionArn: `${stateMachineArn.replace('stateMachine', 'execution')}:nope`,
        }),
      ),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(
      client.send(new SendTaskFailureCommand({ taskToken: 'unknown-token' })),
    ).rejects.toBeInstanceOf(TaskDoesNotExist);
    const err = await client
      .send(new StartExecutionCommand({ stateMachineArn, input: 'nope' }))
      .catch((e: unknown) => e);
    expect((err as Error).name).toBe('InvalidExecutionInput');

    const machines = await client.send(new ListStateMachinesCommand({}));
    expect(machines.stateMachines?.map((m) => m.stateMachineArn)).toEqual([stateMachineArn]);
    const described = await client.send(new DescribeStateMachineCommand({ stateMachineArn }));
    expect(described).toMatchObject({ name: 'Callbacks', status: 'ACTIVE', type: 'STANDARD' });
    expect(JSON.parse(described.definition ?? '{}').StartAt).toBe('AwaitFirst');

    const { executionArn = '' } = await client.send(
      new StartExecutionCommand({ stateMachineArn, input: '{"item":"I-8"}' }),
    );
    await engine.waitForState(executionArn, { waitingFor: 'callback' });
    const stopped = await client.send(
      new StopExecutionCommand({ executionArn, error: 'Withdrawn', cause: 'by the test' }),
    );
    expect(stopped.stopDate).toBeInstanceOf(Date);
    const after = await client.send(new DescribeExecutionCommand({ executionArn }));
    expect(after).toMatchObject({ status: 'ABORTED', error: 'Withdrawn', cause: 'by the test' });
  });

  it('answers unknown operations and bad bodies with AWS-style errors', async () => {
    const post = (target: string, body: string) =>
      fetch(`${server.url}/`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': target },
        body,
      });
    // Activities, and heartbeats (no ASL file uses HeartbeatSeconds): not served.
    for (const operation of ['CreateActivity', 'SendTaskHeartbeat']) {
      const unknown = await post(`AWSStepFunctions.${operation}`, '{"taskToken":"t"}');
      expect(unknown.status, operation).toBe(400);
      expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });
    }
    const bad = await post('AWSStepFunctions.DescribeExecution', '{"executionArn":');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ __type: 'ValidationException' });
    const missing = await post('AWSStepFunctions.DescribeExecution', '{}');
    expect(await missing.json()).toMatchObject({ __type: 'ValidationException' });
  });
});
