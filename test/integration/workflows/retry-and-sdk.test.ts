/**
 * Retry policy of the real ASL, and the Step Functions API of the local engine driven by
 * `@aws-sdk/client-sfn` exactly as against AWS (endpoint from the runtime).
 */
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { type LocalRuntime, localStateMachineArn } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getItem, itemPk } from '../../../functions/data/items.ts';
import { findWait } from '../../../functions/data/waits.ts';
import { listExecutionRows } from '../../../infra/ops/executions.ts';
import {
  itemExecutionArn,
  newItem,
  publish,
  seedUnits,
  settleItem,
  startHarness,
} from '../../support/workflow-harness.ts';

let rt: LocalRuntime;
let sfn: SFNClient;
/** Items whose first two syncItem steps fail like a throttled Lambda service. */
const flaky = new Map<string, number>();
let syncCalls = 0;

beforeAll(async () => {
  rt = await startHarness({
    intercept: async (fnId, event, next) => {
      const e = event as { action?: string; itemId?: string };
      if (fnId === 'WorkflowStep' && e.action === 'syncItem' && e.itemId && flaky.has(e.itemId)) {
        syncCalls++;
        const left = flaky.get(e.itemId) ?? 0;
        if (left > 0) {
          flaky.set(e.itemId, left - 1);
          const err = new Error('Rate exceeded');
          err.name = 'Lambda.TooManyRequestsException';
          throw err;
        }
      }
      return next();
    },
  });
  await seedUnits();
  sfn = new SFNClient({
    endpoint: rt.sfnEndpoint,
    region: 'local',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
});
afterAll(async () => {
  sfn?.destroy();
  await rt?.stop();
});

describe('retry policy', () => {
  it('a task that fails twice then succeeds is retried and the item ends right', async () => {
    const item = await newItem();
    flaky.set(item.itemId, 2);
    await publish(rt, item);
    // Retries back off on the engine's (frozen) clock: move it along until the item rests.
    const arn = itemExecutionArn(item);
    const deadline = Date.now() + 10_000;
    while (rt.engine.currentState(arn)?.stateName !== 'ClaimWindowOpen' && Date.now() < deadline) {
      rt.clock.advance(5_000);
      await new Promise((r) => setTimeout(r, 20));
    }
    await settleItem(rt, item, 'ClaimWindowOpen');
    const events = (await rt.engine.getExecutionHistory({ executionArn: arn })).events ?? [];
    const syncResults = events
      .filter((e) => e.type === 'TaskFailed' || e.type === 'TaskSucceeded')
      .slice(0, 3)
      .map((e) => (e.type === 'TaskFailed' ? e.taskFailedEventDetails?.error : 'ok'));
    expect(syncResults).toEqual(['Lambda.TooManyRequestsException', 'Lambda.TooManyRequestsException', 'ok']);
    expect(syncCalls).toBeGreaterThanOrEqual(3);
    expect((await getItem(item.itemId)).status).toBe('published');
    expect((await rt.engine.describeExecution({ executionArn: arn })).status).toBe('RUNNING');
  });
});

describe('@aws-sdk/client-sfn against the local endpoint', () => {
  it('starts, lists, describes, reads history and sends task success', async () => {
    const item = await newItem();
    await publish(rt, item);
    await settleItem(rt, item, 'ClaimWindowOpen');

    // An operator stops it and starts the next generation by hand, through the SDK.
    await sfn.send(new StopExecutionCommand({ executionArn: itemExecutionArn(item), cause: 'by hand' }));
    const started = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: localStateMachineArn('ItemLifecycle'),
        name: `${item.itemId}--g2`,
        input: JSON.stringify({ itemId: item.itemId, generation: 2 }),
      }),
    );
    expect(started.executionArn).toBe(itemExecutionArn(item, 2));

    const listed = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: localStateMachineArn('ItemLifecycle') }),
    );
    const byName = new Map(listed.executions?.map((e) => [e.name, e.status]));
    expect(byName.get(`${item.itemId}--g1`)).toBe('ABORTED');
    expect(byName.get(`${item.itemId}--g2`)).toBe('RUNNING');

    const described = await sfn.send(
      new DescribeExecutionCommand({ executionArn: itemExecutionArn(item, 2) }),
    );
    expect(described.status).toBe('RUNNING');
    expect(described.startDate).toBeInstanceOf(Date);
    expect(JSON.parse(described.input ?? '{}')).toEqual({ itemId: item.itemId, generation: 2 });

    await settleItem(rt, item, 'ClaimWindowOpen', 2);
    const history = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn: itemExecutionArn(item, 2), reverseOrder: true }),
    );
    expect(history.events?.find((e) => e.type === 'TaskStateEntered')?.stateEnteredEventDetails?.name).toBe(
      'ClaimWindowOpen',
    );

    // Resume it with the token recorded in DynamoDB, as a command would.
    const wait = await findWait(itemPk(item.itemId));
    expect(wait?.token).toBe(rt.engine.currentState(itemExecutionArn(item, 2))?.taskToken);
    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: wait!.token, output: JSON.stringify({ reason: 'operator' }) }),
    );
    const deadline = Date.now() + 5000;
    while (
      rt.engine.currentState(itemExecutionArn(item, 2))?.taskToken === wait!.token &&
      Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await settleItem(rt, item, 'ClaimWindowOpen', 2);
    const after =
      (await sfn.send(new GetExecutionHistoryCommand({ executionArn: itemExecutionArn(item, 2) }))).events ??
      [];
    expect(
      after.filter(
        (e) => e.type === 'TaskSucceeded' && e.taskSucceededEventDetails?.output?.includes('operator'),
      ),
    ).toHaveLength(1);

    // The operators' listing reads the same API.
    const rows = await listExecutionRows(sfn, { status: 'RUNNING', subject: item.itemId });
    expect(rows).toEqual([
      expect.objectContaining({
        subject: `item ${item.itemId}`,
        stateMachine: 'ItemLifecycle',
        state: 'ClaimWindowOpen',
        waitingFor: 'claims or an award until the claim window closes',
      }),
    ]);
  });
});
