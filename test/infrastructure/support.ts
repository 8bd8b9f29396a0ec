/**
 * Shared helpers of the infrastructure tests: build the stack from declarations (with the
 * context of cdk.json, as `cdk synth` does), read what was synthesised (templates and staged
 * assets), and fixture declarations that exercise the constructs beyond the real declarations.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { FunctionDeclaration } from '../../infra/resources/functions.ts';
import { projectRoot } from '../../infra/resources/project-root.ts';
import type { StateMachineDeclaration } from '../../infra/resources/state-machines.ts';
import {
  DECLARATIONS,
  type Declarations,
  OneListStack,
  type StageName,
  stateMachineConstructId,
} from '../../infra/stack.ts';

export { projectRoot };

/**
 * A stand-in for web/dist (index.html and one asset): the templates do not depend on the
 * console's build, and tests never build it (the browser tests do, once).
 */
export const CONSOLE_FIXTURE = join(projectRoot, 'test/infrastructure/fixtures/console');

export interface Synthesised {
  readonly app: App;
  readonly stack: OneListStack;
  readonly assembly: CloudAssembly;
  readonly template: Template;
  /** The raw template JSON. */
  readonly json: CfnTemplate;
}

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: string | string[];
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}
export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
  readonly Outputs?: Record<string, { Value: unknown }>;
}

/** The `context` of cdk.json: what the CLI hands the app when nothing is overridden. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdk = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return { ...cdk.context };
}

export interface SynthesisOptions {
  stage?: StageName;
  bundle?: boolean;
  declarations?: Declarations;
  context?: Record<string, unknown>;
}

/**
 * The syntheses of the real declarations, by options: the infrastructure project runs its
 * files in one module graph per worker (vitest.config.ts, `isolate: false`), so files asking
 * for the same stack share one synthesis. The tests only read what was synthesised.
 */
const synthesised = new Map<string, Synthesised>();

/**
 * Synthesises a OneListStack (no cdk-nag: see nag.test.ts) with the cdk.json context, as
 * `cdk synth` would, plus `context` (what `-c key=value` adds). `bundle: false` skips esbuild
 * (assets are placeholders) for tests that only read the template.
 */
export function synthesise(options: SynthesisOptions): Synthesised {
  if (options.declarations) return synthesiseNew(options);
  const key = JSON.stringify([options.stage ?? 'dev', options.bundle ?? true, options.context ?? {}]);
  const known = synthesised.get(key);
  if (known) return known;
  const s = synthesiseNew(options);
  synthesised.set(key, s);
  return s;
}

function synthesiseNew(options: SynthesisOptions): Synthesised {
  const context: Record<string, unknown> = { ...cdkJsonContext(), ...options.context };
  if (options.bundle === false) context['aws:cdk:bundling-stacks'] = [];
  // CDK's built-in CloudFormation validation costs seconds per synthesis; nag.test.ts runs the
  // real app with it. Template.fromStack still rejects dependency cycles.
  const app = new App({ context, builtinCloudFormationValidation: false });
  const stack = new OneListStack(app, 'Test', {
    stage: options.stage ?? 'dev',
    declarations: options.declarations ?? DECLARATIONS,
    consoleAssetDir: CONSOLE_FIXTURE,
  });
  // Template.fromStack also fails on a dependency cycle between resources.
  const template = Template.fromStack(stack);
  const assembly = app.synth();
  return { app, stack, assembly, template, json: template.toJSON() as CfnTemplate };
}

/** `https://<the console distribution's domain>`, as the template spells the console's origin. */
export function consoleOrigin(json: CfnTemplate): unknown {
  const [id] = resourcesOfType(json, 'AWS::CloudFront::Distribution').map(([k]) => k);
  if (!id) throw new Error('no console distribution');
  return { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [id, 'DomainName'] }]] };
}

export function resourcesOfType(json: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(json.Resources).filter(([, r]) => r.Type === type);
}

/**
 * The Lambda functions of the declarations: every AWS::Lambda::Function but those CDK adds as
 * the provider of the after-deploy trigger (aws-cdk-lib/triggers) and as the console's
 * BucketDeployment handler.
 */
export function declaredFunctionResources(json: CfnTemplate): [string, CfnResource][] {
  return resourcesOfType(json, 'AWS::Lambda::Function').filter(
    ([id]) =>
      !id.startsWith('AWSCDKTriggerCustomResourceProvider') && !id.startsWith('CustomCDKBucketDeployment'),
  );
}

/** Construct path (under the stack) of the resource of a declared state machine. */
export const machinePath = (id: string): string => `${stateMachineConstructId(id)}/Resource`;

/** The logical id of the resource created by the construct at `path` under the stack. */
export function logicalIdOf(s: Synthesised, constructPath: string): string {
  const node = s.stack.node.findChild(constructPath.split('/')[0] as string);
  let current = node;
  for (const part of constructPath.split('/').slice(1)) current = current.node.findChild(part);
  const child = current.node.defaultChild ?? current;
  return s.stack.resolve((child as unknown as { logicalId: string }).logicalId) as string;
}

/** Contents of a file asset staged in the cloud assembly, by its S3 object key. */
export function stagedAsset(assembly: CloudAssembly, objectKey: string): string {
  const path = join(assembly.directory, `asset.${objectKey}`);
  if (!existsSync(path)) throw new Error(`no staged asset ${path}`);
  return readFileSync(path, 'utf8');
}

/** Every IAM policy statement attached (inline policy resources) to the role with this logical id. */
export function statementsOfRole(json: CfnTemplate, roleLogicalId: string): PolicyStatementJson[] {
  const statements: PolicyStatementJson[] = [];
  for (const [, r] of resourcesOfType(json, 'AWS::IAM::Policy')) {
    const roles = (r.Properties?.Roles ?? []) as unknown[];
    if (!roles.some((ref) => JSON.stringify(ref) === JSON.stringify({ Ref: roleLogicalId }))) continue;
    const doc = r.Properties?.PolicyDocument as { Statement: PolicyStatementJson[] };
    statements.push(...doc.Statement);
  }
  return statements;
}

export interface PolicyStatementJson {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

export const asArray = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

/** Logical ids of resources referenced (Ref / Fn::GetAtt) anywhere inside `value`. */
export function referencedLogicalIds(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) referencedLogicalIds(v, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'Ref' && typeof v === 'string' && !v.startsWith('AWS::')) out.add(v);
      else if (k === 'Fn::GetAtt' && Array.isArray(v)) out.add(String(v[0]));
      else referencedLogicalIds(v, out);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fixture declarations: a function that is invoked by a machine *and* signals it (the cycle the
// stack must avoid) and starts another machine, a parent machine that starts a child with
// `.sync`, every substitution kind.

export const FIXTURE_ASL = 'test/fixtures/asl/cdk-fixture.asl.json';
export const FIXTURE_CHILD_ASL = 'test/fixtures/asl/cdk-fixture-child.asl.json';

export const fixtureFunction: FunctionDeclaration = {
  id: 'FixtureStep',
  entry: 'test/infrastructure/fixtures/handler.ts',
  handler: 'handler',
  description: 'Fixture: invoked by CdkFixture, starts CdkFixtureChild, signals both.',
  tables: ['MainTable'],
  access: 'readwrite',
  starts: ['CdkFixtureChild'],
  signals: ['CdkFixture', 'CdkFixtureChild'],
  timeoutSeconds: 10,
  memorySize: 256,
};

export const fixtureParent: StateMachineDeclaration = {
  id: 'CdkFixture',
  arnEnvVar: 'CDK_FIXTURE_STATE_MACHINE_ARN',
  file: FIXTURE_ASL,
  description: 'Fixture parent machine',
  substitutions: {
    FixtureStepArn: { function: 'FixtureStep' },
    ChildStateMachineArn: { stateMachine: 'CdkFixtureChild' },
    FixtureStage: { value: 'fixture' },
  },
  invokes: ['FixtureStep'],
  starts: ['CdkFixtureChild'],
};

export const fixtureChild: StateMachineDeclaration = {
  id: 'CdkFixtureChild',
  arnEnvVar: 'CDK_FIXTURE_CHILD_STATE_MACHINE_ARN',
  file: FIXTURE_CHILD_ASL,
  description: 'Fixture child machine',
  substitutions: {},
  invokes: [],
  starts: [],
};

/**
 * The real tables and roles with the fixture function and machines (parent listed first on
 * purpose), no route, no schedule.
 */
export const fixtureDeclarations: Declarations = {
  ...DECLARATIONS,
  functions: [fixtureFunction],
  stateMachines: [fixtureParent, fixtureChild],
  routes: [],
  buckets: [],
  schedules: [],
};

export const readJson = (file: string): unknown => JSON.parse(readFileSync(join(projectRoot, file), 'utf8'));
