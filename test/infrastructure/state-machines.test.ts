import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { DefinitionBody, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { beforeAll, describe, expect, it } from 'vitest';
import { placeholders, stateNames } from '../../infra/constructs/asl.ts';
import { OneListFunction } from '../../infra/constructs/one-list-function.ts';
import { OneListStateMachine } from '../../infra/constructs/one-list-state-machine.ts';
import {
  definitionHash,
  type StateMachineDeclaration,
  stateMachines,
} from '../../infra/resources/state-machines.ts';
import { assertNoStartCycle, startOrder, stateMachineConstructId } from '../../infra/stack.ts';
import {
  asArray,
  type CfnResource,
  FIXTURE_ASL,
  FIXTURE_CHILD_ASL,
  fixtureChild,
  fixtureDeclarations,
  fixtureFunction,
  fixtureParent,
  logicalIdOf,
  machinePath,
  projectRoot,
  referencedLogicalIds,
  resourcesOfType,
  type Synthesised,
  stagedAsset,
  statementsOfRole,
  synthesise,
} from './support.ts';

interface AslState {
  readonly Type: string;
  readonly Resource?: string;
  readonly Next?: string;
  readonly Retry?: {
    ErrorEquals: string[];
    MaxAttempts?: number;
    JitterStrategy?: string;
    MaxDelaySeconds?: number;
  }[];
  readonly Catch?: { ErrorEquals: string[]; Next: string }[];
  readonly ItemProcessor?: { States: Record<string, AslState> };
}

/** Every Task state, nested ones (Map item processors) included. */
function allTasks(states: Record<string, AslState>): [string, AslState][] {
  return Object.entries(states).flatMap(([name, st]): [string, AslState][] => [
    ...(st.Type === 'Task' ? ([[name, st]] as [string, AslState][]) : []),
    ...(st.ItemProcessor ? allTasks(st.ItemProcessor.States) : []),
  ]);
}

const ALARM_METRICS = ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted', 'ExecutionThrottled'];

/** Everything a declared machine must look like in a synthesised OneListStack. */
function describeMachine(get: () => Synthesised, decl: StateMachineDeclaration): void {
  describe(decl.id, () => {
    let s: Synthesised;
    let smId: string;
    let sm: CfnResource;
    let props: Record<string, unknown>;
    const aslText = () => readFileSync(join(projectRoot, decl.file), 'utf8');
    beforeAll(() => {
      s = get();
      smId = logicalIdOf(s, machinePath(decl.id));
      sm = s.json.Resources[smId] as CfnResource;
      props = sm.Properties ?? {};
    });

    it('is a STANDARD machine with X-Ray tracing and no fixed name (CloudFormation names it)', () => {
      expect(sm.Type).toBe('AWS::StepFunctions::StateMachine');
      expect(props.StateMachineType).toBe('STANDARD');
      expect(props.TracingConfiguration).toEqual({ Enabled: true });
      expect(props).not.toHaveProperty('StateMachineName');
    });

    it('logs every event but no execution data (no task tokens or payloads) to its own log group', () => {
      const logging = props.LoggingConfiguration as {
        Level: string;
        IncludeExecutionData: boolean;
        Destinations: { CloudWatchLogsLogGroup: { LogGroupArn: unknown } }[];
      };
      expect(logging.Level).toBe('ALL');
      expect(logging.IncludeExecutionData).toBe(false);
      expect(logging.Destinations).toHaveLength(1);
      const logGroupId = logicalIdOf(s, `${stateMachineConstructId(decl.id)}/Logs`);
      expect(logging.Destinations[0]?.CloudWatchLogsLogGroup.LogGroupArn).toEqual({
        'Fn::GetAtt': [logGroupId, 'Arn'],
      });
      expect(s.json.Resources[logGroupId]?.Properties?.RetentionInDays).toEqual(expect.any(Number));
    });

    it('deploys the ASL file unchanged, with every one of its states', () => {
      const location = props.DefinitionS3Location as { Key: string };
      const deployed = stagedAsset(s.assembly, location.Key);
      expect(deployed).toBe(aslText());
      const names = stateNames(JSON.parse(aslText()));
      expect(names.length).toBeGreaterThan(0);
      const deployedNames = stateNames(JSON.parse(deployed));
      for (const name of names) expect(deployedNames).toContain(name);
    });

    it('substitutes every placeholder as declared', () => {
      const subs = props.DefinitionSubstitutions as Record<string, unknown> | undefined;
      expect(Object.keys(subs ?? {}).sort()).toEqual([...placeholders(aslText())].sort());
      for (const [name, sub] of Object.entries(decl.substitutions)) {
        const actual = subs?.[name];
        if ('function' in sub)
          expect(actual).toEqual({ 'Fn::GetAtt': [logicalIdOf(s, sub.function), 'Arn'] });
        else if ('stateMachine' in sub)
          expect(actual).toEqual({ Ref: logicalIdOf(s, machinePath(sub.stateMachine)) });
        else if ('integration' in sub)
          // The stack's partition, never a literal `aws`: the same template deploys to aws-cn.
          expect(actual).toEqual({
            'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:states:::${sub.integration}`]],
          });
        else if ('definitionHash' in sub)
          // The version of the deployed file: what its executions compare with the function's.
          expect(actual).toBe(definitionHash(aslText()));
        else expect(actual).toBe(sub.value);
      }
    });

    it('is granted exactly what it declares', () => {
      const roleRef = (props.RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const statements = statementsOfRole(s.json, roleRef);
      const targets = (prefix: string) =>
        [
          ...new Set(
            statements
              .filter((st) => asArray(st.Action).some((a) => a.startsWith(prefix)))
              .flatMap((st) => [...referencedLogicalIds(st.Resource)]),
          ),
        ].sort();
      expect(targets('lambda:')).toEqual(decl.invokes.map((f) => logicalIdOf(s, f)).sort());
      // No machine reads or writes a table itself: the functions it invokes do.
      expect(targets('dynamodb:')).toEqual([]);
      expect(targets('states:')).toEqual(decl.starts.map((m) => logicalIdOf(s, machinePath(m))).sort());
      const actions = statements.flatMap((st) => asArray(st.Action));
      const sync = /startExecution\.sync/.test(aslText());
      const syncActions = [
        'states:DescribeExecution',
        'states:StopExecution',
        'events:PutTargets',
        'events:PutRule',
        'events:DescribeRule',
      ];
      if (decl.starts.length > 0) expect(actions).toContain('states:StartExecution');
      else expect(actions).not.toContain('states:StartExecution');
      for (const a of syncActions) {
        if (decl.starts.length > 0 && sync) expect(actions).toContain(a);
        else expect(actions).not.toContain(a);
      }
    });

    it('has alarms on failed, timed-out, aborted and throttled executions', () => {
      const alarms = resourcesOfType(s.json, 'AWS::CloudWatch::Alarm').filter(([, a]) =>
        JSON.stringify(a.Properties?.Dimensions ?? null).includes(`"Ref":"${smId}"`),
      );
      const metrics = alarms.map(([, a]) => a.Properties?.MetricName).sort();
      expect(metrics).toEqual([...ALARM_METRICS].sort());
      for (const [, a] of alarms) {
        expect(a.Properties?.Namespace).toBe('AWS/States');
        expect(a.Properties?.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
        expect(a.Properties?.Threshold).toBe(1);
      }
    });

    it('outputs its ARN', () => {
      const outputs = Object.values(s.json.Outputs ?? {});
      expect(outputs.some((o) => JSON.stringify(o.Value) === JSON.stringify({ Ref: smId }))).toBe(true);
    });
  });
}

describe('ASL files of the declared machines (statemachines/)', () => {
  const aslText = (decl: StateMachineDeclaration) => readFileSync(join(projectRoot, decl.file), 'utf8');
  for (const decl of stateMachines) {
    describe(decl.file, () => {
      it('retries transient errors with backoff and jitter, never domain errors, and catches what is left', () => {
        const asl = JSON.parse(aslText(decl)) as { States: Record<string, AslState> };
        const tasks = allTasks(asl.States);
        expect(tasks.length).toBeGreaterThan(0);
        for (const [name, task] of tasks) {
          const retry = task.Retry ?? [];
          const first = (error: string) => retry.findIndex((r) => r.ErrorEquals.includes(error));
          const generic = first('States.TaskFailed');
          expect(generic, `${name} retries States.TaskFailed`).toBeGreaterThanOrEqual(0);
          const domain = String(task.Resource).includes('StartExecution')
            ? ['StepFunctions.ExecutionAlreadyExistsException']
            : ['RuleViolation', 'NotFound', 'ValidationFailed', 'ZodError'];
          for (const error of domain) {
            // The first matching retrier decides: a MaxAttempts 0 retrier before the generic one.
            expect(first(error), `${name}: ${error} before States.TaskFailed`).toBeLessThan(generic);
            expect(retry[first(error)]?.MaxAttempts, `${name}: ${error} not retried`).toBe(0);
          }
          if (!String(task.Resource).includes('StartExecution')) {
            for (const error of [
              'Lambda.Unknown',
              'Lambda.ServiceException',
              'Lambda.TooManyRequestsException',
            ]) {
              const r = retry[first(error)];
              expect(r?.MaxAttempts, `${name} retries ${error}`).toBeGreaterThanOrEqual(3);
              expect(r?.JitterStrategy).toBe('FULL');
              expect(r?.MaxDelaySeconds).toBeGreaterThan(0);
            }
            const throttle = retry[first('Lambda.TooManyRequestsException')];
            expect(throttle?.MaxAttempts).toBeGreaterThan(retry[first('Lambda.Unknown')]?.MaxAttempts ?? 0);
          }
        }
        // An evaluation is not reconciled: a run that fails ends with its own error and cause
        // (a refused period says RuleViolation with its code), which ExecutionsFailed reports.
        if (decl.id === 'Evaluation') {
          expect(tasks.every(([, t]) => t.Catch === undefined)).toBe(true);
          return;
        }
        for (const [name, state] of Object.entries(asl.States)) {
          if (state.Type !== 'Task' && state.Type !== 'Map') continue;
          const last = state.Catch?.at(-1);
          expect(last?.ErrorEquals, `${name} catches everything last`).toEqual(['States.ALL']);
          expect(asl.States[last?.Next ?? '']?.Next).toBe('LeftToReconciler');
        }
        expect(asl.States.LeftToReconciler).toMatchObject({ Type: 'Fail', Error: 'WorkflowStepFailed' });
      });

      it('names no partition: every service integration ARN is a substitution', () => {
        expect(aslText(decl)).not.toMatch(/arn:aws/);
        expect(aslText(decl)).toMatch(/"Resource": "\$\{(LambdaInvoke|StatesStartExecution)/);
      });
    });
  }
});

describe('declared state machines (infra/resources/state-machines.ts)', () => {
  let s: Synthesised;
  beforeAll(() => {
    s = synthesise({ stage: 'prod', bundle: false });
  });
  it('creates exactly the declared machines', () => {
    expect(resourcesOfType(s.json, 'AWS::StepFunctions::StateMachine')).toHaveLength(stateMachines.length);
  });
  for (const decl of stateMachines) describeMachine(() => s, decl);
});

describe('fixture machines in a OneListStack (test/fixtures/asl)', () => {
  let s: Synthesised;
  beforeAll(() => {
    // Template.fromStack (in synthesise) fails if the resources depend on each other in a cycle.
    s = synthesise({ stage: 'dev', bundle: false, declarations: fixtureDeclarations });
  });
  describeMachine(() => s, fixtureParent);
  describeMachine(() => s, fixtureChild);

  it('the function that signals the machines does not depend on them (no cycle)', () => {
    const fnId = logicalIdOf(s, 'FixtureStep');
    const fn = s.json.Resources[fnId] as CfnResource;
    // It may depend on the child it starts (its ARN is in the environment), never on the parent.
    const machineIds = [logicalIdOf(s, machinePath('CdkFixture'))];
    const deps = new Set([...referencedLogicalIds(fn.Properties), ...asArray(fn.DependsOn ?? [])]);
    // Transitively: nothing the function depends on may reference a machine.
    const seen = new Set<string>();
    const walk = (id: string): void => {
      if (seen.has(id)) return;
      seen.add(id);
      const r = s.json.Resources[id];
      if (!r) return;
      for (const d of [...referencedLogicalIds(r.Properties), ...asArray(r.DependsOn ?? [])]) walk(d);
    };
    for (const d of deps) walk(d);
    for (const m of machineIds) expect(seen.has(m)).toBe(false);
  });

  it('the function starts/stops/describes the machine it starts and signals the machines it signals', () => {
    const statements = statementsOfRole(s.json, logicalIdOf(s, 'FixtureStepRole'));
    const states = statements.filter((st) => asArray(st.Action).some((a) => a.startsWith('states:')));
    expect(states.flatMap((st) => asArray(st.Resource))).not.toContain('*');
    const byAction = (action: string) =>
      [
        ...new Set(
          states
            .filter((st) => asArray(st.Action).includes(action))
            .flatMap((st) => [...referencedLogicalIds(st.Resource)]),
        ),
      ].sort();
    const parent = logicalIdOf(s, machinePath('CdkFixture'));
    const child = logicalIdOf(s, machinePath('CdkFixtureChild'));
    for (const a of ['states:StartExecution', 'states:StopExecution', 'states:DescribeExecution']) {
      expect(byAction(a), a).toEqual([child]);
    }
    for (const a of ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat']) {
      expect(byAction(a), a).toEqual([parent, child].sort());
    }
    expect(byAction('states:ListExecutions')).toEqual([]);
    const fn = s.json.Resources[logicalIdOf(s, 'FixtureStep')] as CfnResource;
    const env = (fn.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment
      .Variables;
    expect(env.CDK_FIXTURE_CHILD_STATE_MACHINE_ARN).toEqual({ Ref: child });
    expect(env).not.toHaveProperty('CDK_FIXTURE_STATE_MACHINE_ARN');
  });

  it('a function that starts a machine which invokes it is rejected with the declarations named', () => {
    const looping = { ...fixtureFunction, starts: ['CdkFixture'] };
    expect(() =>
      synthesise({ bundle: false, declarations: { ...fixtureDeclarations, functions: [looping] } }),
    ).toThrow(
      /function FixtureStep starts a state machine that leads back to it \(FixtureStep → CdkFixture → FixtureStep\)/,
    );
  });
});

describe('OneListStateMachine built directly', () => {
  const build = (
    overrides: Partial<StateMachineDeclaration> = {},
    props: { createAlarms?: boolean; wrongInvokes?: boolean } = {},
  ) => {
    const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'Direct');
    const fn = new LambdaFunction(stack, 'FixtureStep', {
      runtime: Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: Code.fromInline('export const handler = async (e) => e;'),
    });
    const child = new StateMachine(stack, 'Child', {
      definitionBody: DefinitionBody.fromString(readFileSync(join(projectRoot, FIXTURE_CHILD_ASL), 'utf8')),
    });
    const machine = new OneListStateMachine(stack, 'CdkFixture', {
      declaration: { ...fixtureParent, ...overrides },
      resources: {
        functions: new Map([['FixtureStep', fn]]),
        stateMachines: new Map([['CdkFixtureChild', child]]),
      },
      createAlarms: props.createAlarms,
    });
    return { stack, machine, fn };
  };

  it('loads the fixture file, lists its states, and creates the four alarms by default', () => {
    const { stack, machine } = build();
    expect(machine.definitionFile).toBe(join(projectRoot, FIXTURE_ASL));
    expect(machine.stateNames).toEqual([
      'RecordToken',
      'Fork',
      'RunChild',
      'Settle',
      'Decide',
      'Missing',
      'Done',
    ]);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 2);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    expect(Object.keys(machine.alarms).sort()).toEqual([...ALARM_METRICS].sort());
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
      TracingConfiguration: { Enabled: true },
      DefinitionSubstitutions: { FixtureStage: 'fixture' },
    });
  });

  it('creates no alarm when createAlarms is false', () => {
    const { stack } = build({}, { createAlarms: false });
    Template.fromStack(stack).resourceCountIs('AWS::CloudWatch::Alarm', 0);
  });

  it('fails on a placeholder without substitution', () => {
    const withoutStage = Object.fromEntries(
      Object.entries(fixtureParent.substitutions).filter(([name]) => name !== 'FixtureStage'),
    );
    expect(() => build({ substitutions: withoutStage })).toThrow(
      /uses \$\{FixtureStage\} with no declared substitution/,
    );
  });

  it('fails on an undeclared function, or a substituted function missing from invokes', () => {
    expect(() => build({ invokes: ['FixtureStep', 'Nope'] })).toThrow(
      /function "Nope", which is not declared/,
    );
    expect(() => build({ invokes: [] })).toThrow(
      /FixtureStepArn refers to "FixtureStep", which is missing from its `invokes`/,
    );
  });

  it('fails on a missing ASL file', () => {
    expect(() => build({ file: 'statemachines/does-not-exist.asl.json' })).toThrow(/does not exist/);
  });

  it('orders machines so that started children come first, and rejects start cycles', () => {
    expect(startOrder([fixtureParent, fixtureChild]).map((d) => d.id)).toEqual([
      'CdkFixtureChild',
      'CdkFixture',
    ]);
    const a = { ...fixtureChild, id: 'A', starts: ['B'] };
    const b = { ...fixtureChild, id: 'B', starts: ['A'] };
    expect(() => startOrder([a, b])).toThrow(/cycle: A → B → A/);
  });

  it('a SendTask grant in the function role default policy would create a dependency cycle', () => {
    const app = new App({
      context: { 'aws:cdk:bundling-stacks': [] },
      builtinCloudFormationValidation: false,
    });
    const stack = new Stack(app, 'Cycle');
    const fn = new OneListFunction(stack, 'FixtureStep', {
      entry: 'test/infrastructure/fixtures/handler.ts',
    });
    const child = new StateMachine(stack, 'Child', {
      definitionBody: DefinitionBody.fromString(readFileSync(join(projectRoot, FIXTURE_CHILD_ASL), 'utf8')),
    });
    const machine = new OneListStateMachine(stack, 'CdkFixture', {
      declaration: fixtureParent,
      resources: {
        functions: new Map([['FixtureStep', fn]]),
        stateMachines: new Map([['CdkFixtureChild', child]]),
      },
    });
    // The naive grant: into the execution role's default policy, on which the function depends.
    fn.executionRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['states:SendTaskSuccess'],
        resources: [machine.stateMachine.stateMachineArn],
      }),
    );
    expect(() => Template.fromStack(stack)).toThrow(/cycl/i);
  });
});

describe('assertNoStartCycle', () => {
  const fn = (id: string, starts: string[] = []) => ({ ...fixtureFunction, id, starts, signals: [] });
  const sm = (id: string, invokes: string[], starts: string[] = []) => ({
    ...fixtureChild,
    id,
    invokes,
    starts,
  });

  it('accepts a function that starts a machine invoking other functions, and signalling loops', () => {
    expect(() => assertNoStartCycle([fn('A', ['M']), fn('B')], [sm('M', ['B'])])).not.toThrow();
    expect(() => assertNoStartCycle([{ ...fn('B'), signals: ['M'] }], [sm('M', ['B'])])).not.toThrow();
  });

  it('rejects a loop through a child machine or through another function that starts one', () => {
    expect(() => assertNoStartCycle([fn('A', ['P'])], [sm('P', [], ['C']), sm('C', ['A'])])).toThrow(
      /A → P → C → A/,
    );
    expect(() =>
      assertNoStartCycle([fn('A', ['M']), fn('B', ['N'])], [sm('M', ['B']), sm('N', ['A'])]),
    ).toThrow(/A → M → B → N → A/);
  });
});
