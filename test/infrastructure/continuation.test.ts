/**
 * Continue-as-new in the synthesised template and the ASL files: each continuing machine's
 * `DefinitionHash` substitution is the hash its workflow function holds in its environment
 * (one declaration, one computation), the production hand-over limits (300 days, 10,000
 * events) are set explicitly, the function may start the next generation without holding the
 * machine's ARN (no CloudFormation cycle), and HandOver is a Task with the retries and catch of
 * every other step. The behaviour itself: test/integration/workflows/continue-as-new.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HAND_OVER_DEFAULTS } from '../../functions/domain/continuation.ts';
import { functions } from '../../infra/resources/functions.ts';
import { definitionHash, HAND_OVER_ENV, stateMachines } from '../../infra/resources/state-machines.ts';
import {
  asArray,
  type CfnResource,
  logicalIdOf,
  machinePath,
  type PolicyStatementJson,
  projectRoot,
  referencedLogicalIds,
  resourcesOfType,
  type Synthesised,
  synthesise,
} from './support.ts';

interface AslState {
  Type: string;
  Next?: string;
  End?: boolean;
  Resource?: string;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Parameters?: { Payload?: Record<string, unknown> };
  Choices?: { Variable: string; BooleanEquals?: boolean; Next: string }[];
  Retry?: { ErrorEquals: string[]; MaxAttempts?: number }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
}

/** A `${Name}` definition-substitution placeholder. */
const ph = (name: string) => `\${${name}}`;

let s: Synthesised;
beforeAll(() => {
  s = synthesise({ bundle: false });
});

const continuing = stateMachines.filter((m) => m.definitionHashEnvVar);
const workflowStep = functions.find((f) => f.id === 'WorkflowStep')!;
const aslText = (file: string) => readFileSync(join(projectRoot, file), 'utf8');
const envOf = (fnId: string) =>
  (
    (s.json.Resources[logicalIdOf(s, fnId)] as CfnResource).Properties!.Environment as {
      Variables: Record<string, unknown>;
    }
  ).Variables;

describe('continue-as-new in the template', () => {
  it('the item and inquiry machines continue as new, through the workflow function', () => {
    expect(continuing.map((m) => m.id).sort()).toEqual(['Inquiry', 'ItemLifecycle']);
    expect([...(workflowStep.continues ?? [])].sort()).toEqual(['Inquiry', 'ItemLifecycle']);
  });

  it.each(continuing.map((m) => [m.id, m] as const))(
    '%s: the DefinitionHash substitution and the function environment agree, and are the hash of the file',
    (_id, m) => {
      const machine = s.json.Resources[logicalIdOf(s, machinePath(m.id))] as CfnResource;
      const subs = machine.Properties?.DefinitionSubstitutions as Record<string, unknown>;
      const hash = definitionHash(aslText(m.file));
      expect(hash).toMatch(/^[0-9a-f]{16}$/);
      expect(subs.DefinitionHash).toBe(hash);
      expect(envOf('WorkflowStep')[m.definitionHashEnvVar!]).toBe(hash);
      expect(aslText(m.file)).toContain(`"definitionHash": "${ph('DefinitionHash')}"`);
    },
  );

  it('the production hand-over limits are 300 days and 10,000 events, set on the function', () => {
    expect(HAND_OVER_DEFAULTS).toEqual({ afterDays: 300, afterEvents: 10_000 });
    const env = envOf('WorkflowStep');
    expect(env[HAND_OVER_ENV.afterDays]).toBe('300');
    expect(env[HAND_OVER_ENV.afterEvents]).toBe('10000');
  });

  it('the function may start the next generation and describe executions, without the machines’ ARNs in its environment', () => {
    const env = envOf('WorkflowStep');
    for (const m of continuing) expect(env).not.toHaveProperty(m.arnEnvVar);
    const role = logicalIdOf(s, 'WorkflowStepRole');
    const fn = s.json.Resources[logicalIdOf(s, 'WorkflowStep')] as CfnResource;
    const dependsOn = asArray(fn.DependsOn ?? []);
    const policies = resourcesOfType(s.json, 'AWS::IAM::Policy').filter(
      ([id, p]) => JSON.stringify(p.Properties?.Roles).includes(`"Ref":"${role}"`) && !dependsOn.includes(id),
    );
    const statements = policies.flatMap(
      ([, p]) =>
        (p.Properties as { PolicyDocument: { Statement: PolicyStatementJson[] } }).PolicyDocument.Statement,
    );
    const targets = (action: string) =>
      [
        ...new Set(
          statements
            .filter((st) => asArray(st.Action).includes(action))
            .flatMap((st) => [...referencedLogicalIds(st.Resource)]),
        ),
      ].sort();
    const machines = continuing.map((m) => logicalIdOf(s, machinePath(m.id))).sort();
    expect(targets('states:StartExecution')).toEqual(machines);
    expect(targets('states:DescribeExecution')).toEqual(machines);
    for (const st of statements.filter((x) => asArray(x.Action).includes('states:DescribeExecution')))
      expect(JSON.stringify(st.Resource)).toContain(':execution:');
  });
});

describe.each(continuing.map((m) => [m.id, m.file] as const))('%s definition', (_id, file) => {
  const states = (JSON.parse(aslText(file)) as { States: Record<string, AslState> }).States;

  it('Sync tells the function which execution, since when and on which definition', () => {
    const payload = states.Sync?.Parameters?.Payload as Record<string, unknown>;
    expect(payload.execution).toEqual({
      'name.$': '$$.Execution.Name',
      'startedAt.$': '$$.Execution.StartTime',
      definitionHash: ph('DefinitionHash'),
    });
    expect(payload['state.$']).toBe('$');
  });

  it('Route goes to HandOver first when Sync says so', () => {
    expect(states.Route?.Choices?.[0]).toEqual({
      Variable: '$.sync.value.handOver',
      BooleanEquals: true,
      Next: 'HandOver',
    });
  });

  it('HandOver is a Task with the retries and catch of the other steps, then HandedOver (Succeed)', () => {
    const h = states.HandOver!;
    expect(h.Type).toBe('Task');
    expect(h.Resource).toBe(ph('LambdaInvoke'));
    expect(h.Parameters?.Payload).toMatchObject({
      action: 'handOver',
      'executionName.$': '$$.Execution.Name',
      'stateMachineArn.$': '$$.StateMachine.Id',
      'reason.$': '$.sync.value.handOverReason',
    });
    expect(h.Retry).toEqual(states.Sync?.Retry);
    const transient = h.Retry?.find((r) => r.ErrorEquals.includes('Lambda.Unknown'));
    expect(transient?.ErrorEquals).toContain('States.TaskFailed');
    expect(transient?.MaxAttempts).toBeGreaterThan(0);
    expect(h.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'StepFailed' }]);
    expect(h.Next).toBe('HandedOver');
    expect(states.HandedOver?.Type).toBe('Succeed');
  });

  it('every waiting task ends by the hand-over: its timeout is the Sync’s waitSeconds, never a fixed year', () => {
    const waiting = Object.entries(states).filter(
      ([, st]) => st.Resource === ph('LambdaInvokeWaitForTaskToken'),
    );
    expect(waiting.length).toBeGreaterThan(0);
    for (const [name, st] of waiting) {
      expect(st.TimeoutSeconds, name).toBeUndefined();
      expect(st.TimeoutSecondsPath, name).toBe('$.sync.value.waitSeconds');
    }
  });
});
