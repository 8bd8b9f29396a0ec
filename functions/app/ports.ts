/**
 * What the application needs from the outside besides DynamoDB: a way to signal waiting
 * workflows and to start an item's workflow. The default speaks Step Functions through the
 * SDK (endpoint from `AWS_ENDPOINT_URL_SFN` locally); tests may install another.
 */
import type { ExecutionStatus, SFNClient } from '@aws-sdk/client-sfn';
import { STATE_MACHINE_ENV } from '#resources/state-machine-env.ts';

export type Machine = 'ItemLifecycle' | 'Inquiry' | 'Evaluation' | 'Reconcile';

export interface WorkflowPort {
  /** Resumes a waiting task. Resolves false when the token is no longer valid. */
  signal(token: string, output: Record<string, unknown>): Promise<boolean>;
  /** Starts (idempotently) the named execution of a declared state machine. */
  start(
    machine: Machine,
    name: string,
    input: Record<string, unknown>,
    options?: StartOptions,
  ): Promise<void>;
  /** Stops the named execution if it runs. */
  stop(machine: Machine, name: string, cause: string): Promise<void>;
  /** The named execution's status (DescribeExecution); undefined when there is none. */
  status(machine: Machine, name: string): Promise<ExecutionStatus | undefined>;
  /** The named execution's status with its error and cause (DescribeExecution); undefined when there is none. */
  describe?(machine: Machine, name: string): Promise<ExecutionDescription | undefined>;
}

export interface StartOptions {
  /**
   * The machine's ARN when the caller has it from the execution itself (`$$.StateMachine.Id`,
   * a hand-over): the workflow function is invoked by the machine, so the machine's ARN cannot
   * be in its environment (CloudFormation would find a cycle). @default the `arnEnvVar`
   */
  readonly stateMachineArn?: string;
}

/** A running execution continuing as new (its HandOver step): see `restartWorkflow`. */
export interface HandOver {
  /** The execution handing over (`$$.Execution.Name`). */
  readonly from: string;
  /** `lifetime`, `history` or `definition`. */
  readonly reason: string;
  /** Its state machine (`$$.StateMachine.Id`), where the next generation starts. */
  readonly stateMachineArn: string;
}

export interface ExecutionDescription {
  readonly status: ExecutionStatus;
  readonly error?: string;
  readonly cause?: string;
}

/**
 * StartExecution found an execution of that name that has ended: the name is spent, so the
 * record needs the next generation (the reconciler gives it), not "already started".
 */
export class ExecutionEnded extends Error {
  override readonly name = 'ExecutionEnded';
  constructor(
    readonly executionName: string,
    readonly status: string,
  ) {
    super(`execution ${executionName} already exists and has ended (${status})`);
  }
}

/** The description of the named execution, through `describe` when the port has it. */
export async function describeExecution(
  port: WorkflowPort,
  machine: Machine,
  name: string,
): Promise<ExecutionDescription | undefined> {
  if (port.describe) return port.describe(machine, name);
  const status = await port.status(machine, name);
  return status ? { status } : undefined;
}

function machineArn(machine: Machine): string {
  const envVar = STATE_MACHINE_ENV[machine].arn;
  const arn = process.env[envVar];
  if (!arn) throw new Error(`${envVar} is not set`);
  return arn;
}

/** Execution ARNs follow from the machine's: `...:execution:<machine name>:<execution name>`. */
export function executionArn(machine: Machine, name: string): string {
  return `${machineArn(machine).replace(':stateMachine:', ':execution:')}:${name}`;
}

let sdk: Promise<typeof import('@aws-sdk/client-sfn')> | undefined;
/**
 * The Step Functions SDK, loaded on first use: an invocation that starts, stops or signals no
 * workflow does not pay for loading it (bench/bundles.ts measures the cold start).
 */
export const sfnSdk = () => {
  sdk ??= import('@aws-sdk/client-sfn');
  return sdk;
};

let sfn: SFNClient | undefined;
const client = async () => {
  const { SFNClient } = await sfnSdk();
  sfn ??= new SFNClient({ maxAttempts: 3 });
  return sfn;
};
/** The Step Functions client the port speaks through (the operations routes read with it too). */
export const sfnClient = client;

async function statusOf(arn: string): Promise<ExecutionStatus | undefined> {
  const { DescribeExecutionCommand } = await sfnSdk();
  try {
    return (await (await client()).send(new DescribeExecutionCommand({ executionArn: arn }))).status;
  } catch (err) {
    if ((err as { name?: string }).name === 'ExecutionDoesNotExist') return undefined;
    throw err;
  }
}

export const stepFunctionsPort: WorkflowPort = {
  async signal(token, output) {
    const { SendTaskSuccessCommand } = await sfnSdk();
    try {
      await (await client()).send(
        new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }),
      );
      return true;
    } catch (err) {
      const name = (err as { name?: string }).name ?? '';
      if (['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken'].includes(name)) return false;
      throw err;
    }
  },
  async start(machine, name, input, options = {}) {
    const arn = options.stateMachineArn ?? machineArn(machine);
    const { StartExecutionCommand } = await sfnSdk();
    try {
      await (await client()).send(
        new StartExecutionCommand({ stateMachineArn: arn, name, input: JSON.stringify(input) }),
      );
    } catch (err) {
      if ((err as { name?: string }).name !== 'ExecutionAlreadyExists') throw err;
      // The same name exists: a success only while it runs (a retried start); one that has
      // ended cannot be started again under that name.
      const status = await statusOf(`${arn.replace(':stateMachine:', ':execution:')}:${name}`);
      if (status !== 'RUNNING') throw new ExecutionEnded(name, status ?? 'unknown');
    }
  },
  async stop(machine, name, cause) {
    const { StopExecutionCommand } = await sfnSdk();
    try {
      await (await client()).send(
        new StopExecutionCommand({ executionArn: executionArn(machine, name), cause }),
      );
    } catch (err) {
      if ((err as { name?: string }).name !== 'ExecutionDoesNotExist') throw err;
    }
  },
  status: (machine, name) => statusOf(executionArn(machine, name)),
  async describe(machine, name) {
    const { DescribeExecutionCommand } = await sfnSdk();
    try {
      const d = await (await client()).send(
        new DescribeExecutionCommand({ executionArn: executionArn(machine, name) }),
      );
      if (!d.status) return undefined;
      return {
        status: d.status,
        ...(d.error !== undefined ? { error: d.error } : {}),
        ...(d.cause !== undefined ? { cause: d.cause } : {}),
      };
    } catch (err) {
      if ((err as { name?: string }).name === 'ExecutionDoesNotExist') return undefined;
      throw err;
    }
  },
};

/** Drops the cached client (the endpoint changed: a new local runtime, a test). */
export function resetWorkflowClient(): void {
  sfn?.destroy();
  sfn = undefined;
}

let current: WorkflowPort = stepFunctionsPort;

export function workflows(): WorkflowPort {
  return current;
}

export function setWorkflowPort(port: WorkflowPort | undefined): void {
  current = port ?? stepFunctionsPort;
}
