/**
 * LocalStepFunctions: the Step Functions API on one machine. Method names, inputs, outputs
 * and error names follow the AWS API (and `@aws-sdk/client-sfn`'s types), so the HTTP
 * server is a thin translation and in-process callers read like SDK calls.
 */
import { randomUUID } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import type {
  DescribeExecutionOutput,
  DescribeStateMachineOutput,
  ExecutionStatus,
  GetExecutionHistoryOutput,
  HistoryEvent,
  ListExecutionsOutput,
  ListStateMachinesOutput,
  StartExecutionOutput,
  StopExecutionOutput,
} from './api-types.ts';
import { EngineClock } from './clock.ts';
import { SfnApiError } from './errors.ts';
import { Execution, type StateMachineRecord, type StateMatch } from './execution.ts';
import { resolveFromRegistry } from './integrations/lambda.ts';
import type { EngineServices, FunctionRegistry } from './integrations/types.ts';
import type { JsonValue } from './json.ts';
import { rewriteDefinition } from './rewrite.ts';
import type { CurrentState } from './task-runner.ts';
import { TaskTokens } from './tokens.ts';
import { validateDefinition } from './validate.ts';

export type { CurrentState, StateMatch };

export interface LocalStepFunctionsOptions {
  /** The engine's time; share it with the application (`setClock`). @default real time */
  readonly clock?: EngineClock;
  /** Local Lambda functions, by name or ARN, or a resolver. */
  readonly functions?: FunctionRegistry;
  /**
   * Each function's configured timeout in seconds, by function name (the declared
   * `timeoutSeconds`). An invocation running longer fails as Lambda reports it to Step
   * Functions: `Lambda.Unknown`, "Task timed out after N seconds".
   * @default Lambda's default, 3 seconds
   */
  readonly functionTimeoutSeconds?: (name: string) => number | undefined;
  /** @default 'local' */
  readonly region?: string;
  /** @default '000000000000' */
  readonly accountId?: string;
  /** Role reported in descriptions and history. */
  readonly roleArn?: string;
  /**
   * Real milliseconds one task attempt may stay with the library before being handed back
   * (the library's timers cannot count past 24.8 days). Only tests change this.
   * @default about 24.8 days
   */
  readonly realSliceMs?: number;
  /**
   * The longest an execution may run, in seconds of engine time (Standard: one year,
   * 31,536,000 s), after which it ends TIMED_OUT with `States.Timeout` whatever its
   * definition says. @default no bound
   */
  readonly executionLifetimeSeconds?: number;
}

export interface CreateStateMachineInput {
  readonly name: string;
  /** ASL as JSON text or object, substitutions already applied. */
  readonly definition: string | object;
  readonly roleArn?: string;
}

export interface StartExecutionInput {
  readonly stateMachineArn: string;
  /** Unique per state machine. @default a UUID */
  readonly name?: string;
  /** JSON text, as on AWS; any other value is serialized. @default "{}" */
  readonly input?: string | JsonValue;
}

export interface ListExecutionsInput {
  readonly stateMachineArn: string;
  readonly statusFilter?: ExecutionStatus;
  readonly maxResults?: number;
  readonly nextToken?: string;
}

export interface GetExecutionHistoryInput {
  readonly executionArn: string;
  readonly reverseOrder?: boolean;
  readonly maxResults?: number;
  readonly nextToken?: string;
  /** @default true */
  readonly includeExecutionData?: boolean;
}

const MAX_INPUT_BYTES = 256 * 1024;
const DEFAULT_SLICE_MS = 2 ** 31 - 1 - 120_000;
// AWS: 1-80 characters, no whitespace, brackets, wildcards, special or control characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const INVALID_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

function checkName(name: string, what: string): void {
  if (name.length < 1 || name.length > 80 || INVALID_NAME.test(name)) {
    throw new SfnApiError('InvalidName', `Invalid Name: '${name}' is not a valid ${what} name`);
  }
}

/** includeExecutionData: false drops inputs and outputs from the event details. */
function withoutData(event: HistoryEvent): HistoryEvent {
  const copy: Record<string, unknown> = { ...event };
  for (const [key, value] of Object.entries(copy)) {
    if (key.endsWith('EventDetails') && typeof value === 'object' && value !== null) {
      const { input: _input, output: _output, ...rest } = value as Record<string, unknown>;
      copy[key] = rest;
    }
  }
  return copy as unknown as HistoryEvent;
}

function page<T>(items: readonly T[], maxResults: number | undefined, nextToken: string | undefined) {
  const size = maxResults && maxResults > 0 ? Math.min(maxResults, 1000) : 100;
  let offset = 0;
  if (nextToken) {
    const decoded = Number.parseInt(Buffer.from(nextToken, 'base64url').toString('utf8'), 10);
    if (!Number.isInteger(decoded) || decoded < 0) throw new SfnApiError('InvalidToken', 'Invalid nextToken');
    offset = decoded;
  }
  const slice = items.slice(offset, offset + size);
  const next =
    offset + size < items.length ? Buffer.from(String(offset + size)).toString('base64url') : undefined;
  return { slice, nextToken: next };
}

export class LocalStepFunctions {
  readonly clock: EngineClock;
  readonly region: string;
  readonly accountId: string;

  readonly #machines = new Map<string, StateMachineRecord>();
  readonly #executions = new Map<string, Execution>();
  readonly #tokens = new TaskTokens();
  readonly #services: EngineServices;
  readonly #roleArn: string;
  readonly #realSliceMs: number;
  readonly #lifetimeSeconds: number | undefined;

  constructor(options: LocalStepFunctionsOptions = {}) {
    this.clock = options.clock ?? new EngineClock();
    this.region = options.region ?? 'local';
    this.accountId = options.accountId ?? '000000000000';
    this.#roleArn = options.roleArn ?? `arn:aws:iam::${this.accountId}:role/local-stepfunctions`;
    this.#realSliceMs = options.realSliceMs ?? DEFAULT_SLICE_MS;
    this.#lifetimeSeconds = options.executionLifetimeSeconds;
    const functions = options.functions;
    this.#services = {
      clock: this.clock,
      region: this.region,
      accountId: this.accountId,
      resolveFunction: (ref) =>
        functions
          ? resolveFromRegistry(functions, ref, this.region, this.accountId, options.functionTimeoutSeconds)
          : undefined,
      startExecution: (input) => this.startExecution(input),
    };
  }

  // --- state machines ------------------------------------------------------------------

  stateMachineArn(name: string): string {
    return `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${name}`;
  }

  /**
   * Validates (asl-validator, plus what the engine cannot run) and registers a state
   * machine; returns its ARN. Creating the same name with the same definition again is a
   * no-op, as on AWS; a different definition is StateMachineAlreadyExists (use
   * `updateStateMachine`).
   */
  createStateMachine(input: CreateStateMachineInput): string {
    checkName(input.name, 'state machine');
    const record = this.#record(input.name, input.definition, input.roleArn ?? this.#roleArn);
    const existing = this.#machines.get(record.arn);
    if (existing) {
      if (existing.definition === record.definition && existing.roleArn === record.roleArn)
        return existing.arn;
      throw new SfnApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${record.arn}'`);
    }
    this.#machines.set(record.arn, record);
    return record.arn;
  }

  /** Replaces a definition; running executions keep the one they started with. */
  updateStateMachine(input: { stateMachineArn: string; definition: string | object }): void {
    const existing = this.#machine(input.stateMachineArn);
    const record = this.#record(existing.name, input.definition, existing.roleArn);
    this.#machines.set(existing.arn, { ...record, creationDate: existing.creationDate });
  }

  #record(name: string, definition: string | object, roleArn: string): StateMachineRecord {
    const parsed = validateDefinition(definition);
    const rewritten = rewriteDefinition(parsed, { realSliceMs: this.#realSliceMs });
    return {
      arn: this.stateMachineArn(name),
      name,
      definition: typeof definition === 'string' ? definition : JSON.stringify(definition, null, 2),
      roleArn,
      creationDate: this.clock.now(),
      rewritten,
      machine: new StateMachine(rewritten.definition, { validationOptions: { noValidate: true } }),
    };
  }

  #machine(arn: string): StateMachineRecord {
    if (!/^arn:aws[\w-]*:states:[^:]+:\d+:stateMachine:[^:]+$/.test(arn ?? '')) {
      throw new SfnApiError('InvalidArn', `Invalid Arn: '${arn}'`);
    }
    const machine = this.#machines.get(arn);
    if (!machine) throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  async describeStateMachine(input: { stateMachineArn: string }): Promise<DescribeStateMachineOutput> {
    const sm = this.#machine(input.stateMachineArn);
    return {
      stateMachineArn: sm.arn,
      name: sm.name,
      status: 'ACTIVE',
      definition: sm.definition,
      roleArn: sm.roleArn,
      type: 'STANDARD',
      creationDate: sm.creationDate,
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
    };
  }

  async listStateMachines(
    input: { maxResults?: number; nextToken?: string } = {},
  ): Promise<ListStateMachinesOutput> {
    const all = [...this.#machines.values()].map((sm) => ({
      stateMachineArn: sm.arn,
      name: sm.name,
      type: 'STANDARD' as const,
      creationDate: sm.creationDate,
    }));
    const { slice, nextToken } = page(all, input.maxResults, input.nextToken);
    return { stateMachines: slice, nextToken };
  }

  // --- executions ----------------------------------------------------------------------

  async startExecution(input: StartExecutionInput): Promise<StartExecutionOutput> {
    const sm = this.#machine(input.stateMachineArn);
    const name = input.name ?? randomUUID();
    checkName(name, 'execution');
    const { text, value } = this.#parseInput(input.input);
    const arn = `arn:aws:states:${this.region}:${this.accountId}:execution:${sm.name}:${name}`;
    const existing = this.#executions.get(arn);
    if (existing) {
      // AWS: same name and input while running is the same request again; anything else is a clash.
      if (existing.status === 'RUNNING' && existing.inputText === text) {
        return { executionArn: existing.arn, startDate: existing.startDate };
      }
      throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const execution = new Execution(
      {
        clock: this.clock,
        region: this.region,
        services: this.#services,
        tokens: this.#tokens,
        realSliceMs: this.#realSliceMs,
        ...(this.#lifetimeSeconds !== undefined ? { lifetimeSeconds: this.#lifetimeSeconds } : {}),
      },
      sm,
      arn,
      name,
      text,
      value,
    );
    this.#executions.set(arn, execution);
    execution.start();
    return { executionArn: arn, startDate: execution.startDate };
  }

  #parseInput(input: string | JsonValue | undefined): { text: string; value: JsonValue } {
    const text = input === undefined ? '{}' : typeof input === 'string' ? input : JSON.stringify(input);
    if (Buffer.byteLength(text, 'utf8') > MAX_INPUT_BYTES) {
      throw new SfnApiError('InvalidExecutionInput', 'Invalid Execution Input: larger than 256 KiB');
    }
    try {
      return { text, value: JSON.parse(text) as JsonValue };
    } catch (err) {
      throw new SfnApiError('InvalidExecutionInput', `Invalid Execution Input: ${(err as Error).message}`);
    }
  }

  #execution(arn: string): Execution {
    if (!/^arn:aws[\w-]*:states:[^:]+:\d+:execution:[^:]+:[^:]+$/.test(arn ?? '')) {
      throw new SfnApiError('InvalidArn', `Invalid Arn: '${arn}'`);
    }
    const execution = this.#executions.get(arn);
    if (!execution) throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return execution;
  }

  async describeExecution(input: { executionArn: string }): Promise<DescribeExecutionOutput> {
    return this.#execution(input.executionArn).describe();
  }

  /** Newest first, like AWS. */
  async listExecutions(input: ListExecutionsInput): Promise<ListExecutionsOutput> {
    const sm = this.#machine(input.stateMachineArn);
    const all = [...this.#executions.values()]
      .filter(
        (e) => e.stateMachine.arn === sm.arn && (!input.statusFilter || e.status === input.statusFilter),
      )
      .reverse()
      .map((e) => e.listItem());
    const { slice, nextToken } = page(all, input.maxResults, input.nextToken);
    return { executions: slice, nextToken };
  }

  async getExecutionHistory(input: GetExecutionHistoryInput): Promise<GetExecutionHistoryOutput> {
    const execution = this.#execution(input.executionArn);
    let events = [...execution.history.events];
    if (input.reverseOrder) events.reverse();
    if (input.includeExecutionData === false) events = events.map(withoutData);
    const { slice, nextToken } = page(events, input.maxResults, input.nextToken);
    return { events: slice, nextToken };
  }

  async stopExecution(input: {
    executionArn: string;
    error?: string;
    cause?: string;
  }): Promise<StopExecutionOutput> {
    const execution = this.#execution(input.executionArn);
    await execution.stop(input.error, input.cause);
    return { stopDate: execution.stopDate ?? this.clock.now() };
  }

  /** Resolves with the final description once the execution has ended. */
  async waitForExecution(executionArn: string): Promise<DescribeExecutionOutput> {
    const execution = this.#execution(executionArn);
    await execution.done;
    return execution.describe();
  }

  /** Where a running execution waits now (undefined once it has ended). */
  currentState(executionArn: string): CurrentState | undefined {
    return this.#execution(executionArn).currentState();
  }

  /** Resolves when the execution waits in a matching state (rejects if it ends first). */
  waitForState(executionArn: string, match?: StateMatch): Promise<CurrentState> {
    return this.#execution(executionArn).waitForState(match);
  }

  // --- callbacks -----------------------------------------------------------------------

  async sendTaskSuccess(input: { taskToken: string; output: string }): Promise<Record<string, never>> {
    this.#tokens.succeed(input.taskToken, input.output);
    return {};
  }

  async sendTaskFailure(input: {
    taskToken: string;
    error?: string;
    cause?: string;
  }): Promise<Record<string, never>> {
    this.#tokens.fail(input.taskToken, input.error, input.cause);
    return {};
  }

  /** Stops every running execution (for shutdown and test teardown). */
  async close(): Promise<void> {
    const running = [...this.#executions.values()].filter((e) => e.status === 'RUNNING');
    await Promise.all(running.map((e) => e.stop('LocalEngine.Closed', 'The local engine was closed')));
  }
}
