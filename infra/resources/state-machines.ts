/**
 * The one declaration of every Step Functions state machine. CDK deploys each `file`
 * unchanged with `DefinitionBody.fromFile` and these substitutions; the local engine
 * loads the same file and applies the same substitutions with local ARNs.
 */
export type Substitution =
  | { readonly function: string } // ARN of a declared function
  | { readonly stateMachine: string } // ARN of a declared state machine
  | { readonly table: string } // physical name of a declared table
  | { readonly value: string }; // a literal

export interface StateMachineDeclaration {
  readonly id: string;
  /** Environment variable through which functions learn the machine's ARN. */
  readonly arnEnvVar: string;
  /** ASL file, relative to the project root. */
  readonly file: string;
  readonly description: string;
  /** `${Name}` placeholders in the file and what replaces them. */
  readonly substitutions: Readonly<Record<string, Substitution>>;
  /** Functions (by id) the machine invokes. */
  readonly invokes: readonly string[];
  /** Tables (by logicalId) the machine reads or writes through service integrations. */
  readonly tables: readonly string[];
  /** State machines (by id) it starts as children. */
  readonly starts: readonly string[];
}

export const stateMachines: readonly StateMachineDeclaration[] = [
  {
    id: 'Inquiry',
    arnEnvVar: 'INQUIRY_STATE_MACHINE_ARN',
    file: 'statemachines/inquiry.asl.json',
    description: 'An inquiry order: answer within the limit, office decision, automatic escalation.',
    substitutions: { WorkflowStepFunctionArn: { function: 'WorkflowStep' } },
    invokes: ['WorkflowStep'],
    tables: [],
    starts: [],
  },
  {
    id: 'ItemLifecycle',
    arnEnvVar: 'ITEM_LIFECYCLE_STATE_MACHINE_ARN',
    file: 'statemachines/item-lifecycle.asl.json',
    description: 'The lifecycle of one work item from publication to commendation.',
    substitutions: {
      WorkflowStepFunctionArn: { function: 'WorkflowStep' },
      InquiryStateMachineArn: { stateMachine: 'Inquiry' },
    },
    invokes: ['WorkflowStep'],
    tables: [],
    starts: ['Inquiry'],
  },
  {
    id: 'Evaluation',
    arnEnvVar: 'EVALUATION_STATE_MACHINE_ARN',
    file: 'statemachines/evaluation.asl.json',
    description: 'Periodic evaluation and the daily deadline sweep, started by the schedules.',
    substitutions: { EvaluationFunctionArn: { function: 'Evaluation' } },
    invokes: ['Evaluation'],
    tables: [],
    starts: [],
  },
];

export function stateMachineById(id: string): StateMachineDeclaration {
  const sm = stateMachines.find((s) => s.id === id);
  if (!sm) throw new Error(`no state machine declared with id ${id}`);
  return sm;
}
