/**
 * The real item-lifecycle ASL on the engine, with a stub workflow function: StartInquiry takes
 * an inquiry execution that already exists (a retried or restarted parent) as started, at once,
 * instead of retrying StepFunctions.ExecutionAlreadyExistsException as a States.TaskFailed.
 */
import { EngineClock, type LocalFunction, LocalStepFunctions, loadDefinition } from '@one-list/local-aws';
import { afterEach, expect, it } from 'vitest';
import { INTEGRATIONS, integrationArn } from '../../../infra/resources/state-machines.ts';

/** An engine on a frozen clock: virtual time moves only through `clock.advance()`. */
function frozenEngine(functions: Record<string, LocalFunction>) {
  const clock = new EngineClock({ origin: Date.parse('2025-03-01T08:00:00.000Z'), timeScale: 0 });
  return { clock, engine: new LocalStepFunctions({ clock, functions: new Map(Object.entries(functions)) }) };
}

const historyOf = async (engine: LocalStepFunctions, executionArn: string) =>
  (await engine.getExecutionHistory({ executionArn, maxResults: 1000 })).events;

let engine: LocalStepFunctions | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

it('StartInquiry: an inquiry execution that already exists counts as started, without retries', async () => {
  const calls: string[] = [];
  let marked = false;
  const env = frozenEngine({
    Idle: async () => ({}),
    WorkflowStep: async (event) => {
      const e = event as { action: string };
      calls.push(e.action);
      if (e.action === 'markInquiriesStarted') {
        marked = true;
        return { marked: 1 };
      }
      return marked
        ? {
            status: 'completed',
            version: 2,
            hasInquiriesToStart: false,
            inquiriesToStart: [],
            handOver: false,
          }
        : {
            status: 'in_progress',
            version: 1,
            hasInquiriesToStart: true,
            inquiriesToStart: ['o1'],
            handOver: false,
          };
    },
  });
  engine = env.engine;
  const inquiryArn = engine.createStateMachine({
    name: 'Inquiry',
    // Waits for a callback that never comes: the inquiry stays RUNNING.
    definition: {
      StartAt: 'W',
      States: {
        W: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'Idle', 'Payload.$': '$$.Task.Token' },
          End: true,
        },
      },
    },
  });
  // Started before: by an earlier generation of the item's execution.
  await engine.startExecution({ stateMachineArn: inquiryArn, name: 'inquiry-o1', input: '{}' });
  const subs = Object.fromEntries(
    Object.entries(INTEGRATIONS).map(([k, v]) => [k, integrationArn('aws', v.integration)]),
  );
  const itemArn = engine.createStateMachine({
    name: 'ItemLifecycle',
    definition: loadDefinition('statemachines/item-lifecycle.asl.json', {
      ...subs,
      WorkflowStepFunctionArn: 'WorkflowStep',
      InquiryStateMachineArn: inquiryArn,
      DefinitionHash: 'test',
    }),
  });
  const { executionArn } = await engine.startExecution({
    stateMachineArn: itemArn,
    name: 'item-1--g2',
    input: { itemId: 'item-1' },
  });
  // The clock is frozen: a retry would wait for it forever.
  const done = await engine.waitForExecution(executionArn);
  expect(done.status).toBe('SUCCEEDED');
  expect(calls).toEqual(['syncItem', 'markInquiriesStarted', 'syncItem']);
  const history = await historyOf(engine, executionArn);
  const starts = history.filter(
    (e) => e.type === 'TaskScheduled' && e.taskScheduledEventDetails?.resource === 'startExecution',
  );
  expect(starts).toHaveLength(1);
  const failed = history.filter((e) => e.type === 'TaskFailed').map((e) => e.taskFailedEventDetails?.error);
  expect(failed).toEqual(['StepFunctions.ExecutionAlreadyExistsException']);
}, 15_000);
