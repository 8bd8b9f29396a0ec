import { describe, expect, it } from 'vitest';
import { EngineClock } from '../../../src/sfn/clock.ts';
import { DAY, ORIGIN, SECOND } from './support.ts';

describe('EngineClock', () => {
  it('starts at its origin and stands still when frozen', async () => {
    const clock = new EngineClock({ origin: ORIGIN, timeScale: 0 });
    await new Promise((r) => setTimeout(r, 5));
    expect(clock.now().getTime()).toBe(ORIGIN);
  });

  it('runs scaled: 1000 virtual ms per real ms', async () => {
    const clock = new EngineClock({ origin: ORIGIN, timeScale: 1000 });
    await new Promise((r) => setTimeout(r, 20));
    const elapsed = clock.now().getTime() - ORIGIN;
    expect(elapsed).toBeGreaterThanOrEqual(15 * SECOND);
    expect(elapsed).toBeLessThan(10 * 60 * SECOND);
  });

  it('sleeps 40 days (past setTimeout’s 24.8-day limit) only when 40 days have passed', async () => {
    const clock = new EngineClock({ origin: ORIGIN, timeScale: 0 });
    let woke = false;
    const sleeping = clock.sleep(40 * DAY).then(() => {
      woke = true;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(woke).toBe(false);
    clock.advance(40 * DAY - 1);
    await Promise.resolve();
    expect(woke).toBe(false);
    clock.advance(1);
    await sleeping;
    expect(woke).toBe(true);
    expect(clock.now().getTime() - ORIGIN).toBe(40 * DAY);
  });

  it('sleeps a scaled 30 days in a few real milliseconds, not after 1 ms of virtual time', async () => {
    const clock = new EngineClock({ timeScale: (30 * DAY) / 100 }); // 30 days per 100 real ms
    const start = clock.nowMs();
    const realStart = performance.now();
    await clock.sleep(30 * DAY);
    expect(clock.nowMs() - start).toBeGreaterThanOrEqual(30 * DAY);
    expect(performance.now() - realStart).toBeGreaterThanOrEqual(90);
    expect(performance.now() - realStart).toBeLessThan(2000);
  });

  it('wakes sleepers in due order when advanced past several at once', async () => {
    const clock = new EngineClock({ origin: ORIGIN, timeScale: 0 });
    const order: string[] = [];
    const a = clock.sleep(3 * SECOND).then(() => order.push('3s'));
    const b = clock.sleepUntil(ORIGIN + SECOND).then(() => order.push('1s'));
    const c = clock.sleep(2 * SECOND).then(() => order.push('2s'));
    expect(clock.pendingTimers).toBe(3);
    expect(clock.nextTimer()?.getTime()).toBe(ORIGIN + SECOND);
    clock.advance(10 * SECOND);
    await Promise.all([a, b, c]);
    expect(order).toEqual(['1s', '2s', '3s']);
    expect(clock.pendingTimers).toBe(0);
  });

  it('jumps to the next timer', async () => {
    const clock = new EngineClock({ origin: ORIGIN, timeScale: 0 });
    const sleeping = clock.sleep(5 * DAY);
    expect(clock.advanceToNextTimer()).toBe(5 * DAY);
    await sleeping;
    expect(clock.advanceToNextTimer()).toBe(0);
  });

  it('rejects a sleep when its signal aborts and forgets the timer', async () => {
    const clock = new EngineClock({ origin: ORIGIN, timeScale: 0 });
    const controller = new AbortController();
    const sleeping = clock.sleep(DAY, controller.signal);
    controller.abort(new Error('stopped'));
    await expect(sleeping).rejects.toThrow('stopped');
    expect(clock.pendingTimers).toBe(0);
  });

  it('keeps virtual time continuous when the scale changes', () => {
    const clock = new EngineClock({ origin: ORIGIN, timeScale: 0 });
    clock.advance(DAY);
    clock.setTimeScale(0);
    expect(clock.now().getTime()).toBe(ORIGIN + DAY);
    expect(() => clock.setTimeScale(-1)).toThrow(RangeError);
  });
});
