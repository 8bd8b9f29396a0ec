/**
 * The engine's notion of time.
 *
 * Step Functions workflows wait for days or months (callback timeouts, retry delays). The
 * library that interprets ASL uses plain `setTimeout`, which silently turns any delay above
 * 2^31-1 ms (24.8 days) into 1 ms and cannot be sped up. So the engine owns time: every
 * wait, timeout and retry delay sleeps on this clock, and the application's handlers read
 * the same clock (`now()`), so a test or a demo can run a 30-day workflow in milliseconds
 * and the code under test sees the same "today" as the workflow.
 *
 * Virtual time = origin + real elapsed × timeScale + everything `advance()` added.
 */

/** What application code needs from a clock (matches `functions/lib/clock.ts`'s `setClock`). */
export interface Clock {
  now(): Date;
}

export interface EngineClockOptions {
  /** Virtual time at construction. @default the real current time */
  readonly origin?: Date | number;
  /**
   * Virtual milliseconds per real millisecond. 1 = real time; 3600 = an hour per second;
   * 0 = frozen (time only moves through `advance()`, which makes tests deterministic).
   * @default 1
   */
  readonly timeScale?: number;
}

/** Largest delay `setTimeout` honours; anything above fires after 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Sleeper {
  readonly due: number;
  readonly seq: number;
  readonly resolve: () => void;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

export class EngineClock implements Clock {
  #timeScale: number;
  /** Virtual ms at the real instant `#realBase`. */
  #virtualBase: number;
  #realBase: number;
  #sleepers: Sleeper[] = [];
  #seq = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: EngineClockOptions = {}) {
    const scale = options.timeScale ?? 1;
    if (!Number.isFinite(scale) || scale < 0) throw new RangeError(`timeScale must be >= 0, got ${scale}`);
    this.#timeScale = scale;
    const origin = options.origin ?? Date.now();
    this.#virtualBase = typeof origin === 'number' ? origin : origin.getTime();
    this.#realBase = performance.now();
  }

  get timeScale(): number {
    return this.#timeScale;
  }

  /** Current virtual time. */
  now(): Date {
    return new Date(this.nowMs());
  }

  /** Current virtual time in epoch milliseconds. */
  nowMs(): number {
    return this.#virtualBase + (performance.now() - this.#realBase) * this.#timeScale;
  }

  /** Changes the speed from now on; virtual time stays continuous. */
  setTimeScale(scale: number): void {
    if (!Number.isFinite(scale) || scale < 0) throw new RangeError(`timeScale must be >= 0, got ${scale}`);
    this.#rebase();
    this.#timeScale = scale;
    this.#arm();
  }

  /**
   * Resolves after `ms` virtual milliseconds, however long that is; rejects with the
   * signal's reason when aborted.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.sleepUntil(this.nowMs() + Math.max(0, ms), signal);
  }

  /** Resolves when virtual time reaches `when` (immediately if it already has). */
  sleepUntil(when: Date | number, signal?: AbortSignal): Promise<void> {
    const due = typeof when === 'number' ? when : when.getTime();
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<void>((resolve, reject) => {
      let sleeper: Sleeper | undefined;
      const onAbort = () => {
        if (sleeper) this.#remove(sleeper);
        reject(abortReason(signal as AbortSignal));
      };
      sleeper = {
        due,
        seq: this.#seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#insert(sleeper);
      this.#fireDue();
      this.#arm();
    });
  }

  /**
   * Jumps virtual time forward by `ms` and wakes every sleeper that became due, in due
   * order. For tests and tools: `advance(30 * DAY)` finishes a 30-day Wait at once.
   */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance() needs a finite ms >= 0, got ${ms}`);
    this.#virtualBase += ms;
    this.#fireDue();
    this.#arm();
  }

  /** Jumps to the earliest pending sleeper's due time (no-op when none); returns the jump. */
  advanceToNextTimer(): number {
    const next = this.#sleepers[0];
    if (!next) return 0;
    const jump = Math.max(0, next.due - this.nowMs());
    this.advance(jump);
    return jump;
  }

  /** Due time of the earliest pending sleeper. */
  nextTimer(): Date | undefined {
    const next = this.#sleepers[0];
    return next ? new Date(next.due) : undefined;
  }

  /** Number of pending sleepers (for tests and diagnostics). */
  get pendingTimers(): number {
    return this.#sleepers.length;
  }

  #rebase(): void {
    const real = performance.now();
    this.#virtualBase += (real - this.#realBase) * this.#timeScale;
    this.#realBase = real;
  }

  #insert(sleeper: Sleeper): void {
    // Binary search keeps the list ordered by (due, seq): FIFO among equal due times.
    let lo = 0;
    let hi = this.#sleepers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.#sleepers[mid] as Sleeper;
      if (other.due < sleeper.due || (other.due === sleeper.due && other.seq < sleeper.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.#sleepers.splice(lo, 0, sleeper);
  }

  #remove(sleeper: Sleeper): void {
    const i = this.#sleepers.indexOf(sleeper);
    if (i >= 0) this.#sleepers.splice(i, 1);
    this.#arm();
  }

  #fireDue(): void {
    const now = this.nowMs();
    while (this.#sleepers.length > 0 && (this.#sleepers[0] as Sleeper).due <= now) {
      (this.#sleepers.shift() as Sleeper).resolve();
    }
  }

  /** One real timer for the earliest sleeper, in chunks `setTimeout` can represent. */
  #arm(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    const next = this.#sleepers[0];
    if (!next || this.#timeScale === 0) return;
    const realMs = Math.ceil((next.due - this.nowMs()) / this.#timeScale);
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#fireDue();
        this.#arm();
      },
      Math.min(Math.max(realMs, 1), MAX_TIMER_MS - 1),
    );
  }
}
