/**
 * The application's clock. On AWS it is the system clock; the local runtime installs the
 * Step Functions engine's clock so that a time scale speeds up commands and workflows alike.
 */
export interface Clock {
  now(): Date;
}

const systemClock: Clock = { now: () => new Date() };
let current: Clock = systemClock;

export function now(): Date {
  return current.now();
}

export function setClock(clock: Clock | undefined): void {
  current = clock ?? systemClock;
}
