/**
 * Lambda: `arn:aws:states:::lambda:invoke` (result wrapped as AWS wraps it) and plain
 * function ARNs as Resource (result returned as is). Functions run in this process; a
 * thrown error becomes the Step Functions error named after it, as Lambda reports
 * unhandled errors (errorType = the error's name).
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { StatesRuntimeError, TaskError } from '../errors.ts';
import { isJsonObject, type JsonValue, toJson } from '../json.ts';
import {
  DEFAULT_FUNCTION_TIMEOUT_SECONDS,
  type EngineServices,
  type FunctionRegistry,
  type ResolvedFunction,
} from './types.ts';

const FUNCTION_ARN = /^arn:aws[\w-]*:lambda:([^:]*):([^:]*):function:([^:]+)(?::[^:]+)?$/;

/** Function name from a name, `name:qualifier`, partial or full ARN. */
export function functionName(nameOrArn: string): string {
  const arn = FUNCTION_ARN.exec(nameOrArn);
  if (arn) return arn[3] as string;
  const partial = /^(?:\d+:)?function:([^:]+)/.exec(nameOrArn);
  if (partial) return partial[1] as string;
  return nameOrArn.split(':')[0] as string;
}

export function resolveFromRegistry(
  registry: FunctionRegistry,
  nameOrArn: string,
  region: string,
  accountId: string,
  timeoutOf: (name: string) => number | undefined = () => undefined,
): ResolvedFunction | undefined {
  const name = functionName(nameOrArn);
  const handler =
    typeof registry === 'function'
      ? (registry(nameOrArn) ?? registry(name))
      : (registry.get(nameOrArn) ?? registry.get(name));
  if (!handler) return undefined;
  return {
    name,
    arn: `arn:aws:lambda:${region}:${accountId}:function:${name}`,
    handler,
    timeoutSeconds: timeoutOf(name) ?? DEFAULT_FUNCTION_TIMEOUT_SECONDS,
  };
}

function lambdaContext(fn: ResolvedFunction, deadline: number): Context {
  const noop = () => {};
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: fn.arn,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${fn.name}`,
    logStreamName: 'local',
    // Real time, as a Lambda timeout is about work in progress, not business time.
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: noop,
    fail: noop,
    succeed: noop,
  };
}

/** Lambda's report of an unhandled error: error = errorType, cause = the JSON Lambda returns. */
export function lambdaError(err: unknown): TaskError {
  const errorType = err instanceof Error && err.name ? err.name : 'Error';
  const errorMessage = err instanceof Error ? err.message : String(err);
  return new TaskError(errorType, JSON.stringify({ errorMessage, errorType }));
}

/**
 * An invocation that outlived the function's timeout, as Step Functions reports it: Lambda
 * answers with an unhandled error without an error type, which Step Functions names
 * `Lambda.Unknown` (the same error as an out-of-memory kill). Timeouts are measured in real
 * time, as Lambda measures them: they are about work in progress, not business time. Unlike
 * Lambda, the engine cannot kill the handler: it carries on in the background, and whatever it
 * still writes is written (on AWS the sandbox is frozen; a conditional write would be lost).
 */
export function functionTimedOut(requestId: string, timeoutSeconds: number): TaskError {
  const payload = JSON.stringify({
    errorMessage: `${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
    errorType: 'Sandbox.Timedout',
  });
  return new TaskError(
    'Lambda.Unknown',
    `The cause could not be determined because Lambda did not return an error type. Returned payload: ${payload}`,
  );
}

/**
 * Invokes a local function by name or ARN and returns its result as JSON; an invocation
 * longer than the function's timeout fails with `Lambda.Unknown` (see `functionTimedOut`).
 */
export async function invokeFunction(
  services: EngineServices,
  nameOrArn: string,
  payload: JsonValue,
): Promise<JsonValue> {
  const fn = services.resolveFunction(nameOrArn);
  if (!fn) {
    throw new TaskError(
      'Lambda.ResourceNotFoundException',
      `Function not found: ${nameOrArn} (no local function registered under this name)`,
    );
  }
  const timeoutMs = fn.timeoutSeconds * 1000;
  const context = lambdaContext(fn, Date.now() + timeoutMs);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(functionTimedOut(context.awsRequestId, fn.timeoutSeconds)), timeoutMs);
  });
  let result: unknown;
  try {
    result = await Promise.race([
      Promise.resolve(fn.handler(structuredClone(payload), context)).catch((err: unknown) => {
        throw lambdaError(err);
      }),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
  return toJson(result);
}

/** `arn:aws:states:::lambda:invoke` Parameters → the invoke result as Step Functions shows it. */
export async function lambdaInvoke(services: EngineServices, params: JsonValue): Promise<JsonValue> {
  if (!isJsonObject(params) || typeof params.FunctionName !== 'string') {
    throw new TaskError('States.TaskFailed', 'lambda:invoke needs Parameters.FunctionName (a string)');
  }
  const payload = params.Payload ?? {};
  const invocationType = params.InvocationType ?? 'RequestResponse';
  if (invocationType !== 'RequestResponse') {
    // Event and DryRun: no ASL file of the product uses them (README.md, "Trimmed").
    throw new StatesRuntimeError(
      `lambda:invoke InvocationType ${String(invocationType)} is not run by the local engine`,
    );
  }
  const result = await invokeFunction(services, params.FunctionName, payload);
  return { ExecutedVersion: '$LATEST', Payload: result, StatusCode: 200 };
}
