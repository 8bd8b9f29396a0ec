/**
 * The reconciler over a mix of executions on the local engine (the runtime's Step Functions
 * port between the commands and the engine): one RUNNING, one FAILED after a domain error,
 * one FAILED because its subject is gone (`NotFound`), one TIMED_OUT, and one missing
 * because StartExecution failed after the publication committed. The publication stands,
 * the reconciler starts what is missing or ended, and leaves the gone one alone — also when
 * run again. StartExecution finding an ended execution of the name is not "already started".
 */

import { type LocalRuntime, localStateMachineArn } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ExecutionEnded,
  setWorkflowPort,
  stepFunctionsPort,
  type WorkflowPort,
} from '../../../functions/app/ports.ts';
import { lostWorkflows, type ReconcileReport, reconcile } from '../../../functions/app/reconcile.ts';
import { readTrail } from '../../../functions/data/audit.ts';
import { getItem, itemPk } from '../../../functions/data/items.ts';
import { NotFound, RuleViolation } from '../../../functions/domain/errors.ts';
import type { Item } from '../../../functions/domain/model.ts';
import { metrics as reconcileMetrics } from '../../../functions/handlers/reconcile.ts';
import {
  itemExecutionArn,
  newItem,
  publish,
  seedUnits,
  settleItem,
  startHarness,
} from '../../support/workflow-harness.ts';

const system = { actor: { role: 'system' as const, sub: 'test-reconcile' } };
/** WorkflowStep faults by item id: thrown once on its first sync. */
const faults = new Map<string, () => Error>();
/** Execution names whose StartExecution fails (throttled) once. */
const failStart = new Set<string>();
/** Execution names described as TIMED_OUT (the one-year limit, which the engine does not model). */
const timedOut = new Set<string>();

const port: WorkflowPort = {
  ...stepFunctionsPort,
  async start(machine, name, input) {
    if (failStart.delete(name)) {
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    }
    return stepFunctionsPort.start(machine, name, input);
  },
  async describe(machine, name) {
    if (timedOut.has(name)) return { status: 'TIMED_OUT' };
    return stepFunctionsPort.describe!(machine, name);
  },
};

let rt: LocalRuntime;
let running: Item;
let failed: Item;
let gone: Item;
let expired: Item;
let lost: Item;
let first: ReconcileReport;

async function runningNames(): Promise<string[]> {
  const { executions } = await rt.engine.listExecutions({
    stateMachineArn: localStateMachineArn('ItemLifecycle'),
    statusFilter: 'RUNNING',
    maxResults: 1000,
  });
  return executions.map((e) => e.name).sort();
}

beforeAll(async () => {
  rt = await startHarness({
    intercept: async (fnId, event, next) => {
      const e = event as { action?: string; itemId?: string };
      const fault = fnId === 'WorkflowStep' && e.action === 'syncItem' && e.itemId && faults.get(e.itemId);
      if (!fault) return next();
      faults.delete(e.itemId!);
      throw fault();
    },
  });
  setWorkflowPort(port);
  await seedUnits();
  [running, failed, gone, expired, lost] = [
    await newItem(),
    await newItem(),
    await newItem(),
    await newItem(),
    await newItem(),
  ] as [Item, Item, Item, Item, Item];
  faults.set(failed.itemId, () => new RuleViolation('test.injected', 'injected domain error'));
  faults.set(gone.itemId, () => new NotFound('unit', 'meilin'));
  failStart.add(`${lost.itemId}--g1`);
  for (const item of [running, failed, gone, expired]) await publish(rt, item);
  await settleItem(rt, running, 'ClaimWindowOpen');
  await settleItem(rt, expired, 'ClaimWindowOpen');
  expect((await rt.engine.waitForExecution(itemExecutionArn(failed))).status).toBe('FAILED');
  expect((await rt.engine.waitForExecution(itemExecutionArn(gone))).cause).toMatch(/^NotFound: /);
  timedOut.add(`${expired.itemId}--g1`);
  await publish(rt, lost);
  first = await reconcile(system);
}, 60_000);

afterAll(async () => {
  setWorkflowPort(undefined);
  await rt?.stop();
});

describe('reconciler over RUNNING, FAILED, TIMED_OUT and missing executions', () => {
  it('a StartExecution failing after the commit leaves the publication standing, its start recorded', async () => {
    const item = await getItem(lost.itemId);
    expect(item.status).toBe('published');
    expect(item.workflow?.executionName).toBe(`${lost.itemId}--g2`);
    expect(failStart.size).toBe(0);
  });

  it('restarts the failed, the timed-out and the missing one; leaves the running one and the gone one', () => {
    expect(first.items).toEqual({ found: 5, running: 1, restarted: 3, gone: 1 });
    expect(first.restarted).toEqual(
      [failed, expired, lost].map((i) => `item ${i.itemId} → ${i.itemId}--g2`).sort(),
    );
    expect(first.gone).toEqual([`item ${gone.itemId}: ${gone.itemId}--g1`]);
  });

  it('leaves exactly one running execution per item that can run, each resting where its state says', async () => {
    expect(await runningNames()).toEqual(
      [`${running.itemId}--g1`, ...[failed, expired, lost].map((i) => `${i.itemId}--g2`)].sort(),
    );
    for (const item of [failed, expired, lost]) await settleItem(rt, item, 'ClaimWindowOpen', 2);
    const trail = await readTrail(itemPk(lost.itemId));
    expect(trail.map((e) => e.type)).toContain('item.workflow_restarted');
  });

  it('run again, it restarts nothing and still does not restart the gone one', async () => {
    const again = await reconcile(system);
    expect(again.items).toEqual({ found: 5, running: 4, restarted: 0, gone: 1 });
    expect((await getItem(gone.itemId)).workflow?.generation).toBe(1);
  });

  it('the Reconcile state machine (the daily schedule, the office route) runs the same reconciler', async () => {
    const { executionArn } = await rt.engine.startExecution({
      stateMachineArn: localStateMachineArn('Reconcile'),
      name: 'DailyReconcile-test',
      input: JSON.stringify({ job: 'reconcile' }),
    });
    const done = await rt.engine.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    const out = JSON.parse(done.output ?? '{}') as { result: { report: ReconcileReport } };
    expect(out.result.report.items).toEqual({ found: 5, running: 4, restarted: 0, gone: 1 });
    expect(out.result.report.gone).toEqual([`item ${gone.itemId}: ${gone.itemId}--g1`]);
  });

  it('the Reconcile function publishes LostWorkflows = restarted + gone, in the namespace the alarm watches', async () => {
    // The function's own Metrics instance (the local engine runs the same module): what its
    // logMetrics middleware publishes at the end of the invocation is captured.
    const published: Record<string, unknown>[] = [];
    const publish = vi.spyOn(reconcileMetrics, 'publishStoredMetrics').mockImplementation(() => {
      if (reconcileMetrics.hasStoredMetrics()) published.push(reconcileMetrics.serializeMetrics() as never);
      reconcileMetrics.clearMetrics();
      reconcileMetrics.clearMetadata();
      return reconcileMetrics;
    });
    try {
      const { executionArn } = await rt.engine.startExecution({
        stateMachineArn: localStateMachineArn('Reconcile'),
        name: 'DailyReconcile-metric',
        input: JSON.stringify({ job: 'reconcile' }),
      });
      expect((await rt.engine.waitForExecution(executionArn)).status).toBe('SUCCEEDED');
    } finally {
      publish.mockRestore();
    }
    expect(lostWorkflows(first)).toBe(4);
    // Run again, the reconciler restarts nothing: only the gone one is still lost.
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: 'OneList',
            Dimensions: [['service']],
            Metrics: [{ Name: 'LostWorkflows', Unit: 'Count' }],
          },
        ],
      },
      LostWorkflows: 1,
    });
  });

  it('"already exists" is a started workflow only while that execution runs', async () => {
    await expect(
      stepFunctionsPort.start('ItemLifecycle', `${running.itemId}--g1`, {
        itemId: running.itemId,
        generation: 1,
      }),
    ).resolves.toBeUndefined();
    await expect(
      stepFunctionsPort.start('ItemLifecycle', `${failed.itemId}--g1`, {
        itemId: failed.itemId,
        generation: 1,
      }),
    ).rejects.toBeInstanceOf(ExecutionEnded);
  });
});
