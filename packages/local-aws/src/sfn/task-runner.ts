/**
 * What the engine does when the library reaches a (rewritten) Task state: the service call,
 * Retry with delays on the engine clock, TimeoutSeconds on the engine clock, task tokens, and
 * the history events AWS records for a task.
 */
import type { HistoryEventType } from './api-types.ts';
import type { EngineClock } from './clock.ts';
import { isAbortError, StatesRuntimeError, statesTimeoutError, TaskError } from './errors.ts';
import type { EventDetails } from './history.ts';
import { payload } from './history.ts';
import { type Integration, resolveIntegration, unsupportedResource } from './integrations/index.ts';
import type { EngineServices } from './integrations/types.ts';
import { type JsonValue, replaceInStrings } from './json.ts';
import { RetryPolicy } from './retry.ts';
import { type HandlerInput, type TaskInfo, TOKEN_SENTINEL } from './rewrite.ts';
import type { TaskTokens } from './tokens.ts';

export type WaitingFor = 'callback' | 'timer' | 'task';

/** Where an execution is paused: for tools, tests and `currentState()`. */
export interface CurrentState {
  readonly stateName: string;
  readonly since: Date;
  readonly waitingFor: WaitingFor;
  readonly taskToken?: string;
}

/** The part of an execution the runner works with. */
export interface RunnerExecution {
  readonly arn: string;
  readonly clock: EngineClock;
  readonly region: string;
  readonly services: EngineServices;
  readonly tokens: TaskTokens;
  /** Aborted when the execution is stopped or times out. */
  readonly signal: AbortSignal;
  /** Records a history event unless the execution has been stopped meanwhile. */
  record(type: HistoryEventType, details?: EventDetails): void;
  /** Resolves once the library's StateEntered for this state is in the history. */
  entered(stateName: string): Promise<void>;
  /** Marks where the execution waits; returns the function that clears the mark. */
  waiting(state: CurrentState): () => void;
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : 'Error';
}

function errorCause(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isRetryable(err: unknown): boolean {
  const flag = (err as { isRetryable?: unknown } | null)?.isRetryable;
  return flag !== false && !isAbortError(err);
}

function positiveInteger(value: JsonValue | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new StatesRuntimeError(`${field} must resolve to a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

function abortPromise(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** History events of one task attempt (Task*, as AWS records them for service integrations). */
class AttemptHistory {
  readonly #exec: RunnerExecution;
  readonly #integration: Integration;

  constructor(exec: RunnerExecution, integration: Integration) {
    this.#exec = exec;
    this.#integration = integration;
  }

  get #resource() {
    return { resourceType: this.#integration.resourceType, resource: this.#integration.resource };
  }

  scheduled(params: JsonValue, timeoutSeconds?: number): void {
    this.#exec.record('TaskScheduled', {
      taskScheduledEventDetails: {
        ...this.#resource,
        region: this.#exec.region,
        parameters: JSON.stringify(params),
        timeoutInSeconds: timeoutSeconds,
      },
    });
    this.#exec.record('TaskStarted', { taskStartedEventDetails: this.#resource });
  }

  submitted(output: JsonValue): void {
    const out = payload(output);
    this.#exec.record('TaskSubmitted', {
      taskSubmittedEventDetails: { ...this.#resource, output: out.text, outputDetails: out.details },
    });
  }

  succeeded(output: JsonValue): void {
    const out = payload(output);
    this.#exec.record('TaskSucceeded', {
      taskSucceededEventDetails: { ...this.#resource, output: out.text, outputDetails: out.details },
    });
  }

  failed(err: unknown, timedOut: boolean): void {
    const error = errorName(err);
    const cause = errorCause(err);
    if (timedOut) {
      this.#exec.record('TaskTimedOut', { taskTimedOutEventDetails: { ...this.#resource, error, cause } });
    } else {
      this.#exec.record('TaskFailed', { taskFailedEventDetails: { ...this.#resource, error, cause } });
    }
  }
}

interface Callback {
  readonly token: string;
  readonly result: Promise<JsonValue>;
}

/** One attempt of a Task state: call, callback wait, timeouts. */
async function runAttempt(exec: RunnerExecution, info: TaskInfo, input: HandlerInput): Promise<JsonValue> {
  const integration = resolveIntegration(info.resource);
  if (!integration) throw unsupportedResource(info.resource);
  const timeoutSeconds = info.timeoutSeconds ?? positiveInteger(input.timeout, 'TimeoutSecondsPath');
  const history = new AttemptHistory(exec, integration);
  const attempt = new AbortController();
  const stopAttempt = () => attempt.abort(exec.signal.reason);
  exec.signal.addEventListener('abort', stopAttempt, { once: true });

  let callback: Callback | undefined;
  if (integration.pattern === 'callback') {
    let resolve!: (v: JsonValue) => void;
    let reject!: (e: unknown) => void;
    const result = new Promise<JsonValue>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const token = exec.tokens.issue(exec.arn, info.name, {
      succeed: resolve,
      fail: (error, cause) => reject(new TaskError(error, cause)),
    });
    callback = { token, result };
  }

  const replacements = new Map<string, JsonValue>();
  if (callback) replacements.set(TOKEN_SENTINEL, callback.token);
  const params = replaceInStrings(info.hasParameters ? (input.params ?? null) : input.input, replacements);

  history.scheduled(params, timeoutSeconds);
  let clearWaiting = exec.waiting({ stateName: info.name, since: exec.clock.now(), waitingFor: 'task' });
  const work = (async () => {
    const output = await integration.call(params, {
      services: exec.services,
      signal: attempt.signal,
      executionArn: exec.arn,
      stateName: info.name,
    });
    if (!callback) return output;
    history.submitted(output);
    clearWaiting();
    clearWaiting = exec.waiting({
      stateName: info.name,
      since: exec.clock.now(),
      waitingFor: 'callback',
      taskToken: callback.token,
    });
    return callback.result;
  })();

  const racers: Promise<JsonValue>[] = [work, abortPromise(attempt.signal)];
  if (timeoutSeconds !== undefined) {
    racers.push(
      exec.clock.sleep(timeoutSeconds * 1000, attempt.signal).then(async () => {
        throw await statesTimeoutError(`Task '${info.name}' timed out after ${timeoutSeconds} seconds`);
      }),
    );
  }
  try {
    const output = await Promise.race(racers);
    history.succeeded(output);
    return output;
  } catch (err) {
    if (!exec.signal.aborted) {
      const name = errorName(err);
      history.failed(err, name === 'States.Timeout');
    }
    throw err;
  } finally {
    exec.signal.removeEventListener('abort', stopAttempt);
    attempt.abort(new DOMException('attempt over', 'AbortError'));
    if (callback) exec.tokens.close(callback.token);
    clearWaiting();
  }
}

/** A Task state: attempts under its Retry policy, delays on the engine clock. */
export async function runTaskState(
  exec: RunnerExecution,
  info: TaskInfo,
  input: HandlerInput,
): Promise<JsonValue> {
  await exec.entered(info.name);
  const policy = new RetryPolicy(info.retriers);
  for (;;) {
    try {
      return await runAttempt(exec, info, input);
    } catch (err) {
      if (exec.signal.aborted || !isRetryable(err)) throw err;
      const decision = policy.next(errorName(err));
      if (!decision) throw err;
      const clear = exec.waiting({ stateName: info.name, since: exec.clock.now(), waitingFor: 'timer' });
      try {
        await exec.clock.sleep(decision.delayMs, exec.signal);
      } finally {
        clear();
      }
    }
  }
}
