/** The contract between the task runner and one service integration. */
import type { Context } from 'aws-lambda';
import type { StartExecutionOutput } from '../api-types.ts';
import type { EngineClock } from '../clock.ts';
import type { JsonValue } from '../json.ts';

/** A local Lambda function: the same handler export that runs on AWS. */
export type LocalFunction = (event: unknown, context: Context) => Promise<unknown> | unknown;

/** Functions by name or ARN, or a resolver that receives the name or ARN used by the workflow. */
export type FunctionRegistry =
  | ReadonlyMap<string, LocalFunction>
  | ((nameOrArn: string) => LocalFunction | undefined);

export interface ResolvedFunction {
  readonly name: string;
  readonly arn: string;
  readonly handler: LocalFunction;
  /** The function's configured timeout (Lambda's default is 3 s). */
  readonly timeoutSeconds: number;
}

/** Lambda's default function timeout, when none is configured. */
export const DEFAULT_FUNCTION_TIMEOUT_SECONDS = 3;

/** What integrations may use of the engine. */
export interface EngineServices {
  readonly clock: EngineClock;
  readonly region: string;
  readonly accountId: string;
  resolveFunction(nameOrArn: string): ResolvedFunction | undefined;
  startExecution(input: {
    stateMachineArn: string;
    name?: string;
    input?: string;
  }): Promise<StartExecutionOutput>;
}

export interface IntegrationContext {
  readonly services: EngineServices;
  /** Aborted when the attempt ends (timeout, stop): long work should give up. */
  readonly signal: AbortSignal;
  readonly executionArn: string;
  readonly stateName: string;
}

/** How the state waits, from the Resource suffix: none or `.waitForTaskToken`. */
export type IntegrationPattern = 'request' | 'callback';

export interface Integration {
  /** For history: e.g. resourceType "lambda", resource "invoke.waitForTaskToken". */
  readonly resourceType: string;
  readonly resource: string;
  readonly pattern: IntegrationPattern;
  call(params: JsonValue, context: IntegrationContext): Promise<JsonValue>;
}
