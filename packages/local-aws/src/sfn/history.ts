/**
 * Execution history in the shape of the AWS GetExecutionHistory API.
 *
 * Two sources feed it: the library's event log (state entered/exited, Map iterations),
 * consumed asynchronously, and the engine's task handlers (TaskScheduled, TaskSucceeded...),
 * which run synchronously right after the library enters a state. `StateEntryGate` makes
 * a handler wait until the library's StateEntered for its state has been recorded, so the
 * history reads in the order things happened.
 */
import type { HistoryEvent as SdkHistoryEvent } from '@aws-sdk/client-sfn';
import type { StateMachine } from 'aws-local-stepfunctions';
import type { HistoryEvent, HistoryEventType } from './api-types.ts';
import type { Clock } from './clock.ts';
import { type JsonValue, stringify } from './json.ts';
import type { StateInfo, StateType } from './rewrite.ts';

export type { HistoryEvent, HistoryEventType };

/** The `*EventDetails` part of a history event. */
export type EventDetails = Omit<SdkHistoryEvent, 'timestamp' | 'type' | 'id' | 'previousEventId'>;

/** One event of the library's log (the library does not export the type). */
export type LibraryEvent =
  ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

export class History {
  readonly #events: HistoryEvent[] = [];
  readonly #clock: Clock;
  #closed = false;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  get events(): readonly HistoryEvent[] {
    return this.#events;
  }

  get closed(): boolean {
    return this.#closed;
  }

  add(type: HistoryEventType, details: EventDetails = {}): void {
    if (this.#closed) return;
    const id = this.#events.length + 1;
    this.#events.push({ timestamp: this.#clock.now(), type, id, previousEventId: id - 1, ...details });
  }

  /** Adds the execution's final event; nothing is recorded after it. */
  close(type: HistoryEventType, details: EventDetails = {}): void {
    this.add(type, details);
    this.#closed = true;
  }
}

/** History payloads are JSON text; AWS flags truncation above 256 KiB, which we never do. */
export function payload(value: JsonValue | undefined): { text: string; details: { truncated: boolean } } {
  return { text: stringify(value), details: { truncated: false } };
}

/**
 * Lets a task handler wait until the consumer of the library's log has recorded the
 * StateEntered event of the handler's state. Counts entries per state name, so a handler
 * that starts late still passes at once.
 */
export class StateEntryGate {
  readonly #credits = new Map<string, number>();
  readonly #waiters = new Map<string, Array<() => void>>();
  #open = false;

  entered(name: string): void {
    const waiters = this.#waiters.get(name);
    const next = waiters?.shift();
    if (next) next();
    else this.#credits.set(name, (this.#credits.get(name) ?? 0) + 1);
  }

  wait(name: string): Promise<void> {
    if (this.#open) return Promise.resolve();
    const credits = this.#credits.get(name) ?? 0;
    if (credits > 0) {
      this.#credits.set(name, credits - 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const list = this.#waiters.get(name) ?? [];
      list.push(resolve);
      this.#waiters.set(name, list);
    });
  }

  /** The log has ended: nobody will be recorded any more, let every waiter through. */
  openAll(): void {
    this.#open = true;
    for (const list of this.#waiters.values()) for (const resolve of list.splice(0)) resolve();
  }
}

function stateType(states: ReadonlyMap<string, StateInfo>, name: string, fallback: string): StateType {
  return states.get(name)?.type ?? (fallback as StateType);
}

/**
 * Records one library event. Execution-level events and failures are left out: the engine
 * records those itself, with AWS's names, when it knows how the execution ended.
 */
export function recordLibraryEvent(
  history: History,
  event: LibraryEvent,
  states: ReadonlyMap<string, StateInfo>,
  gate: StateEntryGate,
): void {
  switch (event.type) {
    case 'StateEntered': {
      const type = stateType(states, event.state.name, event.state.type);
      const input = payload(event.state.input);
      history.add(`${type}StateEntered` as HistoryEventType, {
        stateEnteredEventDetails: { name: event.state.name, input: input.text, inputDetails: input.details },
      });
      if (type === 'Map' || type === 'Parallel') history.add(`${type}StateStarted` as HistoryEventType);
      if (type === 'Task') gate.entered(event.state.name);
      return;
    }
    case 'StateExited': {
      const type = stateType(states, event.state.name, event.state.type);
      if (type === 'Fail') return;
      if (type === 'Map' || type === 'Parallel') history.add(`${type}StateSucceeded` as HistoryEventType);
      const output = payload(event.state.output);
      history.add(`${type}StateExited` as HistoryEventType, {
        stateExitedEventDetails: {
          name: event.state.name,
          output: output.text,
          outputDetails: output.details,
        },
      });
      return;
    }
    case 'StateFailed': {
      const type = stateType(states, event.state.name, event.state.type);
      if (type === 'Map' || type === 'Parallel') history.add(`${type}StateFailed` as HistoryEventType);
      return;
    }
    case 'MapIterationStarted':
      history.add('MapIterationStarted', {
        mapIterationStartedEventDetails: { name: event.parentState.name, index: event.index },
      });
      return;
    case 'MapIterationSucceeded':
      history.add('MapIterationSucceeded', {
        mapIterationSucceededEventDetails: { name: event.parentState.name, index: event.index },
      });
      return;
    case 'MapIterationFailed':
      history.add('MapIterationFailed', {
        mapIterationFailedEventDetails: { name: event.parentState.name, index: event.index },
      });
      return;
    default:
      return;
  }
}
