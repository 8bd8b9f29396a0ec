/**
 * Errors of two different worlds:
 * - `SfnApiError`: what the Step Functions *API* answers (ExecutionDoesNotExist, ...). Its
 *   `name` is the AWS error code, which the HTTP server sends as `__type` so that
 *   `@aws-sdk/client-sfn` raises its own exception class of the same name.
 * - `TaskError` and friends: what a *state* fails with inside an execution. Their `name` is
 *   the Step Functions error that Retry/Catch `ErrorEquals` match, their `message` the cause.
 */
import { StateMachine } from 'aws-local-stepfunctions';

export type SfnErrorCode =
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'InvalidArn'
  | 'InvalidDefinition'
  | 'InvalidExecutionInput'
  | 'InvalidName'
  | 'InvalidOutput'
  | 'InvalidToken'
  | 'StateMachineAlreadyExists'
  | 'StateMachineDoesNotExist'
  | 'TaskDoesNotExist'
  | 'TaskTimedOut'
  | 'ValidationException'
  | 'UnknownOperationException';

export class SfnApiError extends Error {
  override readonly name: SfnErrorCode;
  constructor(code: SfnErrorCode, message: string) {
    super(message);
    this.name = code;
  }
}

/** Flags the ASL library reads to decide whether Retry/Catch may match an error. */
interface RetryCatchFlags {
  readonly isRetryable: boolean;
  readonly isCatchable: boolean;
}

/** A state failed with `error` (matched by ErrorEquals) and `cause`. */
export class TaskError extends Error implements RetryCatchFlags {
  constructor(error: string, cause = '') {
    super(cause);
    this.name = error;
  }
  get isRetryable(): boolean {
    return true;
  }
  get isCatchable(): boolean {
    return true;
  }
}

/**
 * `States.Runtime`: a mistake in the workflow or its configuration (unsupported resource,
 * bad path, bad timeout value). As on AWS, neither Retry nor Catch can handle it.
 */
export class StatesRuntimeError extends TaskError {
  constructor(cause: string) {
    super('States.Runtime', cause);
  }
  override get isRetryable(): boolean {
    return false;
  }
  override get isCatchable(): boolean {
    return false;
  }
}

/**
 * Internal: thrown by a task handler whose attempt has been in the library's hands for as
 * long as a `setTimeout` can count. A hidden retrier re-invokes the handler at once, which
 * re-attaches to the same in-flight work. Never visible in results or history.
 */
export class ContinueSignal extends Error {
  static readonly errorName = 'LocalEngine.Continue';
  constructor() {
    super('attempt continues in a new slice of real time');
    this.name = ContinueSignal.errorName;
  }
}

export function isAbortError(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

type ErrorConstructorLike = new () => Error;
let timeoutClass: Promise<ErrorConstructorLike> | undefined;

/**
 * The library's own `StatesTimeoutError` class, which it does not export. Catch and Retry
 * in the library treat `States.TaskFailed` as "anything but a timeout" by `instanceof` on
 * that class, so the engine's timeouts must be instances of it. Obtained once by letting
 * the library time out a task after 1 ms.
 */
function libraryTimeoutClass(): Promise<ErrorConstructorLike> {
  timeoutClass ??= (async () => {
    const probe = new StateMachine(
      {
        StartAt: 'Probe',
        States: { Probe: { Type: 'Task', Resource: 'local:probe', TimeoutSeconds: 0.001, End: true } },
      },
      { validationOptions: { noValidate: true } },
    );
    const run = probe.run(
      {},
      { overrides: { taskResourceLocalHandlers: { Probe: () => new Promise(() => {}) } } },
    );
    try {
      await run.result;
    } catch (err) {
      const cause = err instanceof Error ? err.cause : undefined;
      if (cause instanceof Error && cause.name === 'States.Timeout') {
        return cause.constructor as ErrorConstructorLike;
      }
    }
    throw new Error('aws-local-stepfunctions did not time out the probe task: the engine needs an update');
  })();
  return timeoutClass;
}

/** A `States.Timeout` error that Catch ["States.TaskFailed"] does not match, as on AWS. */
export async function statesTimeoutError(cause: string): Promise<Error> {
  const Timeout = await libraryTimeoutClass();
  const err = new Timeout();
  err.message = cause;
  return err;
}
