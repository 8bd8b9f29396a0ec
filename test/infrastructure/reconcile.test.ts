/**
 * The reconciler on AWS: the Reconcile state machine started daily by the DailyReconcile
 * schedule (Asia/Shanghai), the Reconcile function invoked once after a deploy that changes
 * its code or a definition (a trigger), the office route starting the machine, and the
 * function's least-privilege policy.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_ACTIONS } from '../../infra/resources/functions.ts';
import { routes } from '../../infra/resources/routes.ts';
import { stateMachines } from '../../infra/resources/state-machines.ts';
import { DEFINITIONS_VERSION_ENV, definitionsVersion } from '../../infra/stack.ts';
import {
  asArray,
  type CfnResource,
  logicalIdOf,
  machinePath,
  referencedLogicalIds,
  resourcesOfType,
  type Synthesised,
  statementsOfRole,
  synthesise,
} from './support.ts';

let s: Synthesised;
let fnId: string;
let roleId: string;
beforeAll(() => {
  s = synthesise({ bundle: false });
  fnId = logicalIdOf(s, 'Reconcile');
  const fn = s.json.Resources[fnId] as CfnResource;
  roleId = [...referencedLogicalIds(fn.Properties?.Role)][0] as string;
});

const machineId = (id: string) => logicalIdOf(s, machinePath(id));

describe('reconciler on AWS', () => {
  it('a daily schedule in Asia/Shanghai starts the Reconcile state machine', () => {
    const schedule = s.json.Resources[logicalIdOf(s, 'Schedules/DailyReconcile')] as CfnResource;
    const p = schedule.Properties as {
      ScheduleExpression: string;
      ScheduleExpressionTimezone: string;
      Target: { Arn: unknown; Input: string };
    };
    expect(p.ScheduleExpression).toBe('cron(30 3 * * ? *)');
    expect(p.ScheduleExpressionTimezone).toBe('Asia/Shanghai');
    expect([...referencedLogicalIds(p.Target.Arn)]).toEqual([machineId('Reconcile')]);
    expect(JSON.parse(p.Target.Input)).toEqual({ job: 'reconcile' });
  });

  it('the Reconcile machine invokes the Reconcile function', () => {
    const machine = s.json.Resources[machineId('Reconcile')] as CfnResource;
    expect([...referencedLogicalIds(machine.Properties?.DefinitionSubstitutions)]).toContain(fnId);
  });

  it('runs after each deploy that changes its code or a definition: a trigger, after the table and machines', () => {
    const triggers = resourcesOfType(s.json, 'Custom::Trigger');
    expect(triggers).toHaveLength(1);
    const [, trigger] = triggers[0] as [string, CfnResource];
    const p = trigger.Properties as { HandlerArn: unknown; InvocationType: string };
    // The function's current version: a new version (code or configuration) runs it again.
    const [version] = [...referencedLogicalIds(p.HandlerArn)];
    const v = s.json.Resources[version as string] as CfnResource;
    expect(v.Type).toBe('AWS::Lambda::Version');
    expect([...referencedLogicalIds(v.Properties?.FunctionName)]).toEqual([fnId]);
    // Asynchronous: a deploy neither waits for it nor rolls back because of it.
    expect(p.InvocationType).toBe('Event');
    const dependsOn = asArray(trigger.DependsOn ?? []);
    for (const m of stateMachines) expect(dependsOn).toContain(machineId(m.id));
    expect(dependsOn).toContain(logicalIdOf(s, 'MainTable'));
    // The definitions' hash is in its configuration: a changed ASL file makes a new version.
    const fnProps = (s.json.Resources[fnId] as CfnResource).Properties ?? {};
    const env = (fnProps.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env[DEFINITIONS_VERSION_ENV]).toBe(definitionsVersion(stateMachines));
    expect(definitionsVersion(stateMachines)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('the Reconcile function may do only what reconciling needs', () => {
    const statements = statementsOfRole(s.json, roleId);
    const actions = statements.flatMap((st) => asArray(st.Action));
    const states = actions.filter((a) => a.startsWith('states:')).sort();
    expect([...new Set(states)]).toEqual([
      'states:DescribeExecution',
      'states:StartExecution',
      'states:StopExecution',
    ]);
    const starts = statements.filter((st) => asArray(st.Action).includes('states:StartExecution'));
    expect(starts.flatMap((st) => [...referencedLogicalIds(st.Resource)]).sort()).toEqual(
      [machineId('Inquiry'), machineId('ItemLifecycle')].sort(),
    );
    // Executions of those two machines only (by machine name), never the Evaluation's.
    const onExecutions = statements.filter((st) => asArray(st.Action).includes('states:DescribeExecution'));
    expect(onExecutions.flatMap((st) => [...referencedLogicalIds(st.Resource)]).sort()).toEqual(
      [machineId('Inquiry'), machineId('ItemLifecycle')].sort(),
    );
    const dynamo = [...new Set(actions.filter((a) => a.startsWith('dynamodb:')))].sort();
    expect(dynamo).toEqual([...TABLE_ACTIONS.readwrite].sort());
    expect(actions.filter((a) => /Scan|\*$|^states:SendTask/.test(a))).toEqual([]);
  });

  it('the office starts it with POST /v1/ops/reconcile (ApiWrite may start the Reconcile machine)', () => {
    const route = routes.find((r) => r.operationId === 'reconcileWorkflows');
    expect(route).toMatchObject({ method: 'POST', path: '/v1/ops/reconcile', auth: ['office'] });
    const apiWrite = s.json.Resources[logicalIdOf(s, 'ApiWrite')] as CfnResource;
    const apiRole = [...referencedLogicalIds(apiWrite.Properties?.Role)][0] as string;
    const starts = statementsOfRole(s.json, apiRole).filter((st) =>
      asArray(st.Action).includes('states:StartExecution'),
    );
    expect(starts.flatMap((st) => [...referencedLogicalIds(st.Resource)])).toContain(machineId('Reconcile'));
  });
});
