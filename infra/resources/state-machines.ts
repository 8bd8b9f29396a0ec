/**
 * The one declaration of every Step Functions state machine. CDK deploys each `file`
 * unchanged with `DefinitionBody.fromFile` and these substitutions; the local engine
 * loads the same file and applies the same substitutions with local ARNs.
 */
import { createHash } from 'node:crypto';
import { HAND_OVER_ENV, STATE_MACHINE_ENV } from './state-machine-env.ts';

export type Substitution =
  | { readonly function: string } // ARN of a declared function
  | { readonly stateMachine: string } // ARN of a declared state machine
  | { readonly integration: string } // `arn:<partition>:states:::<integration>` (see below)
  | { readonly value: string } // a literal
  | { readonly definitionHash: true }; // `definitionHash` of the machine's own ASL file (see below)

/**
 * The version of a definition: the first 16 hex digits of the SHA-256 of the ASL file's text as
 * it is on disk (before substitution). Baked into the Sync payloads through the `DefinitionHash`
 * substitution and set in the environment of the functions the machine invokes
 * (`definitionHashEnvVar`): an execution whose Sync sees them differ runs an old definition and
 * hands over to the next generation, which starts on the deployed one (ARCHITECTURE.md,
 * "Continue-as-new"). CDK and the local runtime both compute it here, from the same file.
 */
export function definitionHash(aslText: string): string {
  return createHash('sha256').update(aslText, 'utf8').digest('hex').slice(0, 16);
}

export { HAND_OVER_ENV };

/**
 * Service integrations are named through substitutions, never spelled `arn:aws:states:::…` in
 * an ASL file: the partition is `aws` in commercial regions but `aws-cn` in China and
 * `aws-us-gov` in GovCloud. CDK fills in the stack's partition (`AWS::Partition`); the local
 * runtime fills in `aws`. (A whole-Resource placeholder, unlike `arn:${Partition}:…`, also keeps
 * `asl-validator` checking the files.)
 */
export const INTEGRATIONS = {
  LambdaInvoke: { integration: 'lambda:invoke' },
  LambdaInvokeWaitForTaskToken: { integration: 'lambda:invoke.waitForTaskToken' },
  StatesStartExecution: { integration: 'states:startExecution' },
} as const satisfies Readonly<Record<string, Substitution>>;

/** The integration ARN in a partition (`aws`, `aws-cn`, `aws-us-gov`, or a CDK token). */
export const integrationArn = (partition: string, integration: string): string =>
  `arn:${partition}:states:::${integration}`;

export interface StateMachineDeclaration {
  readonly id: string;
  /** Environment variable through which functions learn the machine's ARN. */
  readonly arnEnvVar: string;
  /**
   * Machines whose executions hand over to their next generation (continue-as-new): the
   * variable through which the functions it invokes learn the deployed definition's hash
   * (the file uses `${DefinitionHash}`).
   */
  readonly definitionHashEnvVar?: string;
  /** ASL file, relative to the project root. */
  readonly file: string;
  readonly description: string;
  /** `${Name}` placeholders in the file and what replaces them. */
  readonly substitutions: Readonly<Record<string, Substitution>>;
  /** Functions (by id) the machine invokes. */
  readonly invokes: readonly string[];
  /** State machines (by id) it starts as children. */
  readonly starts: readonly string[];
}

export const stateMachines: readonly StateMachineDeclaration[] = [
  {
    id: 'Inquiry',
    arnEnvVar: STATE_MACHINE_ENV.Inquiry.arn,
    definitionHashEnvVar: STATE_MACHINE_ENV.Inquiry.definitionHash,
    file: 'statemachines/inquiry.asl.json',
    description: 'An inquiry order: answer within the limit, office decision, automatic escalation.',
    substitutions: {
      WorkflowStepFunctionArn: { function: 'WorkflowStep' },
      LambdaInvoke: INTEGRATIONS.LambdaInvoke,
      LambdaInvokeWaitForTaskToken: INTEGRATIONS.LambdaInvokeWaitForTaskToken,
      DefinitionHash: { definitionHash: true },
    },
    invokes: ['WorkflowStep'],
    starts: [],
  },
  {
    id: 'ItemLifecycle',
    arnEnvVar: STATE_MACHINE_ENV.ItemLifecycle.arn,
    definitionHashEnvVar: STATE_MACHINE_ENV.ItemLifecycle.definitionHash,
    file: 'statemachines/item-lifecycle.asl.json',
    description: 'The lifecycle of one work item from publication to commendation.',
    substitutions: {
      WorkflowStepFunctionArn: { function: 'WorkflowStep' },
      InquiryStateMachineArn: { stateMachine: 'Inquiry' },
      LambdaInvoke: INTEGRATIONS.LambdaInvoke,
      LambdaInvokeWaitForTaskToken: INTEGRATIONS.LambdaInvokeWaitForTaskToken,
      StatesStartExecution: INTEGRATIONS.StatesStartExecution,
      DefinitionHash: { definitionHash: true },
    },
    invokes: ['WorkflowStep'],
    starts: ['Inquiry'],
  },
  {
    id: 'Evaluation',
    arnEnvVar: STATE_MACHINE_ENV.Evaluation.arn,
    file: 'statemachines/evaluation.asl.json',
    description: 'Periodic evaluation and the daily deadline sweep, started by the schedules.',
    substitutions: {
      EvaluationFunctionArn: { function: 'Evaluation' },
      LambdaInvoke: INTEGRATIONS.LambdaInvoke,
    },
    invokes: ['Evaluation'],
    starts: [],
  },
  {
    id: 'Reconcile',
    arnEnvVar: STATE_MACHINE_ENV.Reconcile.arn,
    file: 'statemachines/reconcile.asl.json',
    description:
      'The reconciler: daily by schedule, after each deploy and on demand from the office (POST /v1/ops/reconcile).',
    substitutions: {
      ReconcileFunctionArn: { function: 'Reconcile' },
      LambdaInvoke: INTEGRATIONS.LambdaInvoke,
    },
    invokes: ['Reconcile'],
    starts: [],
  },
];

export function stateMachineById(id: string): StateMachineDeclaration {
  const sm = stateMachines.find((s) => s.id === id);
  if (!sm) throw new Error(`no state machine declared with id ${id}`);
  return sm;
}
