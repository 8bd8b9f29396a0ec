/**
 * One execution: drives the library's run of the rewritten definition, serves its Task
 * states through the task runner, records history, and owns the execution's end
 * (success, failure, stop, execution-level TimeoutSeconds on the engine clock).
 */

import {
  ExecutionAbortedError,
  ExecutionError,
  type RunOptions,
  type StateMachine,
} from 'aws-local-stepfunctions';
import type {
  DescribeExecutionOutput,
  ExecutionListItem,
  ExecutionStatus,
  HistoryEventType,
} from './api-types.ts';
import type { EngineClock } from './clock.ts';
import { ContinueSignal } from './errors.ts';
import { type EventDetails, History, payload, recordLibraryEvent, StateEntryGate } from './history.ts';
import type { EngineServices } from './integrations/types.ts';
import { type JsonValue, jsonEqual } from './json.ts';
import {
  CONTEXT_KEY,
  type HandlerInput,
  type RewrittenDefinition,
  type StateInfo,
  TOKEN_SENTINEL,
} from './rewrite.ts';
import { type CurrentState, type RunnerExecution, runTaskState } from './task-runner.ts';
import type { TaskTokens } from './tokens.ts';

export interface StateMachineRecord {
  readonly arn: string;
  readonly name: string;
  readonly definition: string;
  readonly roleArn: string;
  readonly creationDate: Date;
  readonly rewritten: RewrittenDefinition;
  readonly machine: StateMachine;
}

export interface ExecutionDeps {
  readonly clock: EngineClock;
  readonly region: string;
  readonly services: EngineServices;
  readonly tokens: TaskTokens;
  /** Real ms one library attempt may last before the handler re-attaches (setTimeout's limit). */
  readonly realSliceMs: number;
  /**
   * The longest an execution may run, in seconds of engine time, whatever its definition says
   * (a Standard execution: one year, then States.Timeout). Undefined: no bound.
   */
  readonly lifetimeSeconds?: number;
}

type TaskHandler = (input: JsonValue) => Promise<JsonValue>;
type Outcome =
  | { kind: 'succeeded'; output: JsonValue }
  | { kind: 'failed'; error?: string; cause?: string }
  | { kind: 'aborted'; error?: string; cause?: string }
  | { kind: 'timedout' };

interface InFlight {
  readonly input: JsonValue;
  readonly promise: Promise<JsonValue>;
  continuing: boolean;
  settled: boolean;
}

export interface StateMatch {
  readonly stateName?: string;
  readonly waitingFor?: CurrentState['waitingFor'];
}

export class Execution implements RunnerExecution {
  readonly arn: string;
  readonly name: string;
  readonly stateMachine: StateMachineRecord;
  readonly inputText: string;
  readonly startDate: Date;
  readonly history: History;
  readonly clock: EngineClock;
  readonly region: string;
  readonly services: EngineServices;
  readonly tokens: TaskTokens;
  status: ExecutionStatus = 'RUNNING';
  stopDate: Date | undefined;
  output: string | undefined;
  error: string | undefined;
  cause: string | undefined;
  /** Resolves once the execution has ended and its history is complete. */
  readonly done: Promise<void>;

  readonly #input: JsonValue;
  readonly #realSliceMs: number;
  readonly #lifetimeSeconds: number | undefined;
  readonly #controller = new AbortController();
  readonly #gate = new StateEntryGate();
  readonly #waiting = new Map<number, CurrentState>();
  #waitingSeq = 0;
  readonly #listeners = new Set<() => void>();
  readonly #inflight = new Map<string, InFlight[]>();
  #end: Outcome | undefined;
  /** Where the execution waited when it was stopped (handlers clear their marks as they unwind). */
  #stoppedIn: CurrentState[] = [];
  #libraryAbort: (() => void) | undefined;
  #lastFailState: string | undefined;
  #finished!: () => void;

  constructor(
    deps: ExecutionDeps,
    sm: StateMachineRecord,
    arn: string,
    name: string,
    inputText: string,
    input: JsonValue,
  ) {
    this.clock = deps.clock;
    this.region = deps.region;
    this.services = deps.services;
    this.tokens = deps.tokens;
    this.#realSliceMs = deps.realSliceMs;
    this.#lifetimeSeconds = deps.lifetimeSeconds;
    this.stateMachine = sm;
    this.arn = arn;
    this.name = name;
    this.inputText = inputText;
    this.#input = input;
    this.startDate = deps.clock.now();
    this.history = new History(deps.clock);
    this.done = new Promise((resolve) => {
      this.#finished = resolve;
    });
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  // --- RunnerExecution -------------------------------------------------------------

  record(type: HistoryEventType, details?: EventDetails): void {
    if (!this.#controller.signal.aborted) this.history.add(type, details);
  }

  entered(stateName: string): Promise<void> {
    return this.#gate.wait(stateName);
  }

  waiting(state: CurrentState): () => void {
    const key = this.#waitingSeq++;
    this.#waiting.set(key, state);
    this.#notify();
    return () => {
      if (this.#waiting.delete(key)) this.#notify();
    };
  }

  // --- lifecycle ---------------------------------------------------------------------

  start(): void {
    this.history.add('ExecutionStarted', {
      executionStartedEventDetails: {
        input: this.inputText,
        inputDetails: { truncated: false },
        roleArn: this.stateMachine.roleArn,
      },
    });
    const run = this.stateMachine.machine.run(this.#input, this.#runOptions());
    this.#libraryAbort = run.abort;
    const states = this.stateMachine.rewritten.states;
    const consumer = (async () => {
      try {
        for await (const event of run.eventLogs) {
          if (event.type === 'StateEntered' && states.get(event.state.name)?.type === 'Fail') {
            this.#lastFailState = event.state.name;
          }
          recordLibraryEvent(this.history, event, states, this.#gate);
        }
      } finally {
        this.#gate.openAll();
      }
    })();
    const timeoutSeconds = this.#effectiveTimeoutSeconds();
    if (timeoutSeconds !== undefined) {
      this.clock.sleep(timeoutSeconds * 1000, this.signal).then(
        () => this.#terminate({ kind: 'timedout' }, 'TIMED_OUT'),
        () => {},
      );
    }
    void (async () => {
      let result: { ok: true; output: JsonValue } | { ok: false; err: unknown };
      try {
        result = { ok: true, output: await run.result };
      } catch (err) {
        result = { ok: false, err };
      }
      // The log tells which state failed the execution; read it to the end first.
      await consumer;
      const outcome: Outcome = result.ok
        ? { kind: 'succeeded', output: result.output }
        : this.#failure(result.err);
      this.#finalize(this.#end ?? outcome);
    })();
  }

  /** StopExecution: ABORTED at once; resolves when the history is complete. */
  async stop(error?: string, cause?: string): Promise<void> {
    this.#terminate({ kind: 'aborted', error, cause }, 'ABORTED');
    await this.done;
  }

  /** The definition's TimeoutSeconds or the execution lifetime, whichever is shorter. */
  #effectiveTimeoutSeconds(): number | undefined {
    const own = this.stateMachine.rewritten.timeoutSeconds;
    const life = this.#lifetimeSeconds;
    if (own === undefined) return life;
    return life === undefined ? own : Math.min(own, life);
  }

  #terminate(outcome: Outcome, status: ExecutionStatus): void {
    if (this.status !== 'RUNNING' || this.#end) return;
    this.#end = outcome;
    this.#stoppedIn = [...this.#waiting.values()];
    this.status = status;
    this.stopDate = this.clock.now();
    this.#libraryAbort?.();
    this.#controller.abort(new DOMException(`execution ${status.toLowerCase()}`, 'AbortError'));
    this.#notify();
  }

  #failure(err: unknown): Outcome {
    if (err instanceof ExecutionAbortedError) return { kind: 'aborted' };
    const cause = err instanceof ExecutionError ? err.cause : err;
    let error = cause instanceof Error ? cause.name : 'States.Runtime';
    let message: string | undefined = cause instanceof Error ? cause.message : String(cause);
    // A Fail state without Error/Cause reports none on AWS; the library invents defaults.
    const fail = this.#lastFailState
      ? this.stateMachine.rewritten.states.get(this.#lastFailState)
      : undefined;
    if (fail && fail.type === 'Fail' && error === 'FailStateError' && !fail.hasError) error = '';
    if (
      fail &&
      fail.type === 'Fail' &&
      !fail.hasCause &&
      message === 'Execution failed because of a Fail state'
    ) {
      message = undefined;
    }
    return { kind: 'failed', error: error || undefined, cause: message };
  }

  #finalize(outcome: Outcome): void {
    if (outcome.kind !== 'succeeded' && outcome.kind !== 'failed') {
      // The states the execution was in when it was stopped, as AWS reports them.
      const names = new Set(this.#stoppedIn.map((s) => s.stateName));
      for (const name of names) {
        const type = this.stateMachine.rewritten.states.get(name)?.type ?? 'Task';
        this.history.add(`${type}StateAborted` as HistoryEventType, { stateExitedEventDetails: { name } });
      }
    }
    this.#waiting.clear();
    this.stopDate ??= this.clock.now();
    switch (outcome.kind) {
      case 'succeeded': {
        const out = payload(outcome.output);
        this.status = 'SUCCEEDED';
        this.output = out.text;
        this.history.close('ExecutionSucceeded', {
          executionSucceededEventDetails: { output: out.text, outputDetails: out.details },
        });
        break;
      }
      case 'failed':
        this.status = 'FAILED';
        this.error = outcome.error;
        this.cause = outcome.cause;
        this.history.close('ExecutionFailed', {
          executionFailedEventDetails: { error: outcome.error, cause: outcome.cause },
        });
        break;
      case 'aborted':
        this.status = 'ABORTED';
        this.error = outcome.error;
        this.cause = outcome.cause;
        this.history.close('ExecutionAborted', {
          executionAbortedEventDetails: { error: outcome.error, cause: outcome.cause },
        });
        break;
      case 'timedout': {
        const own = this.stateMachine.rewritten.timeoutSeconds;
        const seconds = this.#effectiveTimeoutSeconds();
        this.status = 'TIMED_OUT';
        this.error = 'States.Timeout';
        this.cause =
          own !== undefined && own === seconds
            ? `The execution ran longer than its TimeoutSeconds (${seconds})`
            : `The execution reached the maximum execution duration (${seconds} seconds)`;
        this.history.close('ExecutionTimedOut', {
          executionTimedOutEventDetails: { error: this.error, cause: this.cause },
        });
        break;
      }
    }
    this.#controller.abort(new DOMException('execution ended', 'AbortError'));
    this.#notify();
    this.#finished();
  }

  // --- library wiring ----------------------------------------------------------------

  #runOptions(): RunOptions {
    const handlers: Record<string, TaskHandler> = {};
    const retryIntervals: Record<string, number[]> = {};
    const clock = this.clock;
    for (const info of this.stateMachine.rewritten.states.values()) {
      const handler = this.#handlerFor(info);
      if (handler) handlers[info.name] = handler;
      if ((info.type === 'Map' || info.type === 'Parallel') && info.retriers.length > 0) {
        // Map/Parallel retries stay with the library, which sleeps in real time: scale them.
        const scale = clock.timeScale;
        retryIntervals[info.name] = info.retriers.map((r) =>
          scale > 0 ? ((r.IntervalSeconds ?? 1) * 1000) / scale : 0,
        );
      }
    }
    return {
      overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides: retryIntervals },
      context: {
        Execution: { Id: this.arn, Name: this.name, RoleArn: this.stateMachine.roleArn, RedriveCount: 0 },
        StateMachine: { Id: this.stateMachine.arn, Name: this.stateMachine.name },
        Task: { Token: TOKEN_SENTINEL },
        [CONTEXT_KEY]: { ExecutionStartTime: this.startDate.toISOString() },
      },
    };
  }

  #handlerFor(info: StateInfo): TaskHandler | undefined {
    if (info.type === 'Task') return this.#sliced(info.name, (input) => runTaskState(this, info, input));
    return undefined;
  }

  /**
   * The library gives up on a task after its TimeoutSeconds of *real* time, at most
   * 24.8 days. Work that may last longer is handed back in slices: when a slice ends the
   * handler throws ContinueSignal, the hidden retrier calls it again at once, and the new
   * call re-attaches to the same in-flight work instead of starting it twice.
   */
  #sliced(name: string, run: (input: HandlerInput) => Promise<JsonValue>): TaskHandler {
    return (input) => {
      const list = this.#inflight.get(name) ?? [];
      this.#inflight.set(name, list);
      const continuing = list.filter((f) => f.continuing);
      let flight = continuing.length > 1 ? continuing.find((f) => jsonEqual(f.input, input)) : continuing[0];
      flight ??= continuing[0];
      if (flight) {
        flight.continuing = false;
      } else {
        const created: InFlight = {
          input,
          promise: run(input as unknown as HandlerInput),
          continuing: false,
          settled: false,
        };
        const settle = () => {
          created.settled = true;
          if (!created.continuing) list.splice(list.indexOf(created), 1);
        };
        created.promise.then(settle, settle);
        list.push(created);
        flight = created;
      }
      if (flight.settled) {
        list.splice(list.indexOf(flight), 1);
        return flight.promise;
      }
      const current = flight;
      return new Promise<JsonValue>((resolve, reject) => {
        const slice = setTimeout(() => {
          current.continuing = true;
          reject(new ContinueSignal());
        }, this.#realSliceMs);
        slice.unref();
        current.promise.then(
          (value) => {
            clearTimeout(slice);
            resolve(value);
          },
          (err: unknown) => {
            clearTimeout(slice);
            reject(err);
          },
        );
      });
    };
  }

  // --- observation -------------------------------------------------------------------

  /** The most recent place the execution waits in, while it runs. */
  currentState(): CurrentState | undefined {
    if (this.status !== 'RUNNING') return undefined;
    let last: CurrentState | undefined;
    for (const state of this.#waiting.values()) last = state;
    return last;
  }

  /** Resolves when the execution waits in a state matching `match`; rejects if it ends first. */
  waitForState(match: StateMatch = {}): Promise<CurrentState> {
    const find = () =>
      [...this.#waiting.values()]
        .reverse()
        .find(
          (s) =>
            (match.stateName === undefined || s.stateName === match.stateName) &&
            (match.waitingFor === undefined || s.waitingFor === match.waitingFor),
        );
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.status === 'RUNNING' ? find() : undefined;
        if (found) {
          this.#listeners.delete(check);
          resolve(found);
        } else if (this.status !== 'RUNNING') {
          this.#listeners.delete(check);
          reject(
            new Error(
              `execution ${this.arn} ended (${this.status}) before waiting in ${JSON.stringify(match)}`,
            ),
          );
        }
      };
      this.#listeners.add(check);
      check();
    });
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  describe(): DescribeExecutionOutput {
    return {
      executionArn: this.arn,
      stateMachineArn: this.stateMachine.arn,
      name: this.name,
      status: this.status,
      startDate: this.startDate,
      stopDate: this.status === 'RUNNING' ? undefined : this.stopDate,
      input: this.inputText,
      inputDetails: { included: true },
      output: this.output,
      outputDetails: this.output === undefined ? undefined : { included: true },
      error: this.error,
      cause: this.cause,
    };
  }

  listItem(): ExecutionListItem {
    return {
      executionArn: this.arn,
      stateMachineArn: this.stateMachine.arn,
      name: this.name,
      status: this.status,
      startDate: this.startDate,
      stopDate: this.status === 'RUNNING' ? undefined : this.stopDate,
    };
  }
}
