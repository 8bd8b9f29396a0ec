import { describe, expect, it } from 'vitest';
import {
  EVENTS_PER_WAKE_UP,
  generationOf,
  HAND_OVER_DEFAULTS,
  handOverDueAt,
  handOverReason,
  MIN_AGE_FOR_UPGRADE_SECONDS,
} from '../../../functions/domain/continuation.ts';

const DAY = 24 * 3600_000;
const startedAt = new Date('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(startedAt.getTime() + ms);
const facts = (over: Partial<Parameters<typeof handOverReason>[0]> = {}) => ({
  startedAt,
  wakeUps: 1,
  definitionHash: 'aaaa',
  currentHash: 'aaaa',
  ...over,
});

describe('continue-as-new rules', () => {
  it('hands over at 300 days, well before the one-year limit, and not a moment before', () => {
    expect(handOverReason(facts(), at(300 * DAY - 1), HAND_OVER_DEFAULTS)).toBeUndefined();
    expect(handOverReason(facts(), at(300 * DAY), HAND_OVER_DEFAULTS)).toBe('lifetime');
    expect(handOverDueAt(startedAt, HAND_OVER_DEFAULTS)).toEqual(at(300 * DAY));
  });

  it('hands over once the estimated history reaches 10,000 events (400 wake-ups of 25)', () => {
    expect(EVENTS_PER_WAKE_UP).toBe(25);
    expect(handOverReason(facts({ wakeUps: 399 }), at(DAY), HAND_OVER_DEFAULTS)).toBeUndefined();
    expect(handOverReason(facts({ wakeUps: 400 }), at(DAY), HAND_OVER_DEFAULTS)).toBe('history');
  });

  it('never hands over for history at a generation’s first wake-up (no loop with a threshold set too low)', () => {
    const tiny = { afterDays: 300, afterEvents: 1 };
    expect(handOverReason(facts({ wakeUps: 1 }), at(0), tiny)).toBeUndefined();
    expect(handOverReason(facts({ wakeUps: 2 }), at(0), tiny)).toBe('history');
  });

  it('hands over to a changed definition, but not in the first hour of an execution', () => {
    const changed = facts({ currentHash: 'bbbb' });
    expect(
      handOverReason(changed, at(MIN_AGE_FOR_UPGRADE_SECONDS * 1000 - 1), HAND_OVER_DEFAULTS),
    ).toBeUndefined();
    expect(handOverReason(changed, at(MIN_AGE_FOR_UPGRADE_SECONDS * 1000), HAND_OVER_DEFAULTS)).toBe(
      'definition',
    );
    // The deployed hash unknown (no variable): nothing to compare, no hand-over.
    expect(
      handOverReason(facts({ currentHash: undefined }), at(30 * DAY), HAND_OVER_DEFAULTS),
    ).toBeUndefined();
  });

  it('reads the generation from the execution name', () => {
    expect(generationOf('2022-T-0001--g1')).toBe(1);
    expect(generationOf('2022-T-0001--g12')).toBe(12);
    expect(generationOf('inquiry-2022-INQ-0003')).toBe(1);
    expect(generationOf('inquiry-2022-INQ-0003--g2')).toBe(2);
  });
});
