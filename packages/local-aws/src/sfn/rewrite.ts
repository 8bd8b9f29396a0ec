/**
 * Turns a deployed ASL definition into the in-memory definition the library runs.
 *
 * The files on disk go to AWS unchanged; only this copy is rewritten, so that the engine,
 * not the library, owns everything that involves time or AWS semantics the library lacks:
 * - Task states lose Retry and TimeoutSeconds(Path): the engine retries on its clock and
 *   enforces timeouts itself. Their Parameters are wrapped so the engine also receives the
 *   state's effective input and the value of TimeoutSecondsPath, resolved by the library
 *   against that input (as AWS resolves it).
 * - A hidden retrier and a long library timeout let one attempt outlive `setTimeout`'s
 *   24.8-day limit (see `ContinueSignal`).
 * - `$$.Execution.StartTime`, which the library fills with real time, points at the
 *   engine's virtual start time.
 * What the engine does not run (Wait, HeartbeatSeconds, `$$.State`, JSONata, variables,
 * distributed Map) is refused here, when the machine is created: README.md says why.
 */
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { ContinueSignal, SfnApiError } from './errors.ts';
import { isJsonObject, type JsonObject, type JsonValue } from './json.ts';
import { parseRetriers, type Retrier } from './retry.ts';

export type StateType = 'Task' | 'Wait' | 'Pass' | 'Choice' | 'Succeed' | 'Fail' | 'Map' | 'Parallel';

/** Context-object locations the rewritten paths point at (filled per execution). */
export const CONTEXT_KEY = 'LocalEngine';
export const TOKEN_SENTINEL = '\u0000local-engine:task-token\u0000';

export interface TaskInfo {
  readonly type: 'Task';
  readonly name: string;
  readonly resource: string;
  readonly retriers: readonly Retrier[];
  readonly timeoutSeconds?: number;
  readonly hasParameters: boolean;
}

export interface OtherStateInfo {
  readonly type: Exclude<StateType, 'Task' | 'Wait'>;
  readonly name: string;
  readonly retriers: readonly Retrier[];
  /** Fail states: whether Error/Cause are given (AWS reports none when absent). */
  readonly hasError?: boolean;
  readonly hasCause?: boolean;
}

export type StateInfo = TaskInfo | OtherStateInfo;

/** What the engine's task handler receives: the wrapped Parameters, resolved. */
export interface HandlerInput {
  /** The state's effective input (after InputPath). */
  readonly input: JsonValue;
  /** The resolved original Parameters, when the state had any. */
  readonly params?: JsonValue;
  readonly timeout?: JsonValue;
}

export interface RewriteOptions {
  /** Real milliseconds the library may hold one attempt before the engine re-attaches. */
  readonly realSliceMs: number;
}

export interface RewrittenDefinition {
  readonly definition: StateMachineDefinition;
  readonly states: ReadonlyMap<string, StateInfo>;
  /** Top-level TimeoutSeconds, enforced by the engine on its clock. */
  readonly timeoutSeconds?: number;
}

const MAX_TIMER_MS = 2 ** 31 - 1;
const NESTED_KEYS = new Set(['Iterator', 'ItemProcessor', 'Branches']);
const UNSUPPORTED_FIELDS = [
  'Assign',
  'Arguments',
  'Output',
  'Items',
  'ItemReader',
  'ResultWriter',
  'ItemBatcher',
];

function invalid(message: string): SfnApiError {
  return new SfnApiError('InvalidDefinition', message);
}

function num(value: JsonValue | undefined): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/**
 * Points `$$.Execution.StartTime` at the engine's virtual start time, in every string of a
 * state; refuses `$$.State` (which the library does not provide and no product file uses).
 */
function rewriteContextPaths(value: JsonValue, path: string): JsonValue {
  if (typeof value === 'string') {
    if (!value.includes('$$.')) return value;
    if (/\$\$\.State\b/.test(value)) {
      throw invalid(`${path}: $$.State is not provided by the local engine`);
    }
    return value.replace(/\$\$\.Execution\.StartTime\b/g, `$$$$.${CONTEXT_KEY}.ExecutionStartTime`);
  }
  if (Array.isArray(value)) return value.map((v) => rewriteContextPaths(v, path));
  if (isJsonObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = rewriteContextPaths(v, path);
    return out;
  }
  return value;
}

function withoutKeys(state: JsonObject, keys: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(state)) if (!keys.includes(k)) out[k] = v;
  return out;
}

function hiddenRetrier(): JsonObject {
  return {
    ErrorEquals: [ContinueSignal.errorName],
    IntervalSeconds: 0,
    BackoffRate: 1,
    MaxAttempts: Number.MAX_SAFE_INTEGER,
  };
}

class Rewriter {
  readonly states = new Map<string, StateInfo>();
  readonly #libraryTimeoutSeconds: number;

  constructor(options: RewriteOptions) {
    this.#libraryTimeoutSeconds = Math.min(options.realSliceMs + 60_000, MAX_TIMER_MS - 1) / 1000;
  }

  machine(def: JsonObject, path: string): JsonObject {
    if (def.QueryLanguage !== undefined && def.QueryLanguage !== 'JSONPath') {
      throw invalid(
        `${path}: QueryLanguage ${String(def.QueryLanguage)} is not supported by the local engine (JSONPath only)`,
      );
    }
    const states = def.States;
    if (!isJsonObject(states)) throw invalid(`${path}: States must be an object`);
    const out: JsonObject = {};
    for (const [name, state] of Object.entries(states)) {
      if (!isJsonObject(state)) throw invalid(`${path}.States.${name} must be an object`);
      out[name] = this.state(name, state, `${path}.States.${name}`);
    }
    const rewritten: JsonObject = { ...withoutKeys(def, ['TimeoutSeconds', 'QueryLanguage']), States: out };
    return rewritten;
  }

  state(name: string, original: JsonObject, path: string): JsonObject {
    if (original.QueryLanguage !== undefined && original.QueryLanguage !== 'JSONPath') {
      throw invalid(
        `${path}: QueryLanguage ${String(original.QueryLanguage)} is not supported by the local engine`,
      );
    }
    for (const field of UNSUPPORTED_FIELDS) {
      if (original[field] !== undefined)
        throw invalid(`${path}: field ${field} is not supported by the local engine`);
    }
    const type = original.Type as StateType;
    // Nested machines are rewritten on their own (their states get their own names).
    const nested: JsonObject = {};
    const flat: JsonObject = {};
    for (const [k, v] of Object.entries(original)) {
      if (NESTED_KEYS.has(k)) nested[k] = v;
      else if (k !== 'QueryLanguage') flat[k] = v;
    }
    const state = rewriteContextPaths(flat, path) as JsonObject;
    switch (type) {
      case 'Task':
        return this.task(name, state, original, path);
      case 'Wait':
        // Its timers would be the library's real-time setTimeout, not the engine clock.
        throw invalid(`${path}: Wait states are not run by the local engine (README.md)`);
      case 'Map':
      case 'Parallel':
        return this.container(name, type, state, nested, path);
      default:
        this.states.set(name, {
          type,
          name,
          retriers: [],
          hasError: state.Error !== undefined || state.ErrorPath !== undefined,
          hasCause: state.Cause !== undefined || state.CausePath !== undefined,
        });
        return state;
    }
  }

  task(name: string, state: JsonObject, original: JsonObject, path: string): JsonObject {
    if (state.HeartbeatSeconds !== undefined || state.HeartbeatSecondsPath !== undefined) {
      throw invalid(`${path}: HeartbeatSeconds is not run by the local engine (README.md)`);
    }
    const params: JsonObject = { 'input.$': '$' };
    if (original.Parameters !== undefined) {
      params.params = rewriteContextPaths(original.Parameters, path);
    }
    if (typeof state.TimeoutSecondsPath === 'string') params['timeout.$'] = state.TimeoutSecondsPath;
    this.states.set(name, {
      type: 'Task',
      name,
      resource: String(state.Resource),
      retriers: parseRetriers(state.Retry),
      timeoutSeconds: num(state.TimeoutSeconds),
      hasParameters: original.Parameters !== undefined,
    });
    const rest = withoutKeys(state, [
      'Parameters',
      'Retry',
      'Catch',
      'TimeoutSeconds',
      'TimeoutSecondsPath',
      'Credentials',
    ]);
    return {
      ...rest,
      Parameters: params,
      TimeoutSeconds: this.#libraryTimeoutSeconds,
      Retry: [hiddenRetrier()],
      ...(state.Catch !== undefined ? { Catch: state.Catch } : {}),
    };
  }

  container(
    name: string,
    type: 'Map' | 'Parallel',
    state: JsonObject,
    nested: JsonObject,
    path: string,
  ): JsonObject {
    this.states.set(name, { type, name, retriers: parseRetriers(state.Retry) });
    const out: JsonObject = { ...state };
    for (const [key, value] of Object.entries(nested)) {
      if (key === 'Branches' && Array.isArray(value)) {
        out.Branches = value.map((b, i) => {
          if (!isJsonObject(b)) throw invalid(`${path}.Branches[${i}] must be an object`);
          return this.machine(b, `${path}.Branches[${i}]`);
        });
      } else if (isJsonObject(value)) {
        out[key] = this.machine(value, `${path}.${key}`);
      }
    }
    return out;
  }
}

export function rewriteDefinition(definition: JsonObject, options: RewriteOptions): RewrittenDefinition {
  const rewriter = new Rewriter(options);
  const machine = rewriter.machine(definition, '$');
  return {
    definition: machine as unknown as StateMachineDefinition,
    states: rewriter.states,
    timeoutSeconds: num(definition.TimeoutSeconds),
  };
}
