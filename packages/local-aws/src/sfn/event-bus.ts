/**
 * Where `events:putEvents` tasks publish on one machine. There is no EventBridge locally:
 * the engine records each entry here, and tests or the local runtime read or subscribe.
 */
import { randomUUID } from 'node:crypto';
import type { JsonValue } from './json.ts';

export interface LocalEvent {
  readonly eventId: string;
  /** Engine clock time of publication. */
  readonly time: Date;
  readonly source?: string;
  readonly detailType?: string;
  /** `Detail` as given: an object, or the JSON text EventBridge would receive. */
  readonly detail?: JsonValue;
  readonly eventBusName?: string;
  readonly resources?: readonly string[];
  /** Execution whose task published the event. */
  readonly executionArn?: string;
}

export type LocalEventListener = (event: LocalEvent) => void;

export class LocalEventBus {
  readonly #entries: LocalEvent[] = [];
  readonly #listeners = new Set<LocalEventListener>();

  /** Every event published so far, oldest first. */
  get entries(): readonly LocalEvent[] {
    return this.#entries;
  }

  /** Calls `listener` for each event published from now on; returns the unsubscribe function. */
  onEvent(listener: LocalEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(event: Omit<LocalEvent, 'eventId'>): LocalEvent {
    const recorded: LocalEvent = { ...event, eventId: randomUUID() };
    this.#entries.push(recorded);
    for (const listener of this.#listeners) {
      try {
        listener(recorded);
      } catch {
        // A failing subscriber must not fail the workflow that published.
      }
    }
    return recorded;
  }

  clear(): void {
    this.#entries.length = 0;
  }
}
