import { describe, expect, it } from 'vitest';
import { type LightInput, type LightThresholds, lightOf as lightUnder } from '../../src/lib/light.ts';

const DEFAULTS: LightThresholds = { seriousLagPoints: 20, dueSoonWorkingDays: 3 };
const lightOf = (i: LightInput) => lightUnder(i, DEFAULTS);

const running: LightInput = {
  status: 'in_progress',
  percentComplete: 50,
  expectedPercent: 50,
  workingDaysToNextDue: 10,
  overdue: false,
};

describe('the status light', () => {
  it('is green on track', () => {
    expect(lightOf(running)).toBe('green');
    expect(lightOf({ ...running, percentComplete: 60 })).toBe('green');
    expect(lightOf({ ...running, workingDaysToNextDue: 4 })).toBe('green');
  });

  it('is yellow behind plan or due within 3 working days', () => {
    expect(lightOf({ ...running, percentComplete: 49 })).toBe('yellow');
    expect(lightOf({ ...running, percentComplete: 30.1 })).toBe('yellow');
    expect(lightOf({ ...running, workingDaysToNextDue: 3 })).toBe('yellow');
    expect(lightOf({ ...running, workingDaysToNextDue: 0 })).toBe('yellow');
  });

  it('is red overdue or seriously lagging (20 points behind plan)', () => {
    expect(lightOf({ ...running, overdue: true })).toBe('red');
    expect(lightOf({ ...running, percentComplete: 30 })).toBe('red');
    expect(lightOf({ ...running, overdue: true, workingDaysToNextDue: 0, percentComplete: 90 })).toBe('red');
  });

  it('is off before the work starts, green once closed out', () => {
    for (const status of ['published', 'claims_closed', 'unclaimed', 'draft']) {
      expect(lightOf({ ...running, status, overdue: true })).toBe('none');
    }
    expect(lightOf({ ...running, status: 'completed', overdue: true, percentComplete: 0 })).toBe('green');
    expect(lightOf({ ...running, status: 'awarded', percentComplete: 0, expectedPercent: 0 })).toBe('green');
  });
});

describe('the lights’ thresholds', () => {
  it('follows the thresholds in force, not constants', () => {
    const stricter = { seriousLagPoints: 10, dueSoonWorkingDays: 5 };
    // 16 points behind: yellow under the default 20, red under a published 10.
    expect(lightUnder({ ...running, percentComplete: 34 }, DEFAULTS)).toBe('yellow');
    expect(lightUnder({ ...running, percentComplete: 34 }, stricter)).toBe('red');
    expect(lightUnder({ ...running, workingDaysToNextDue: 5 }, DEFAULTS)).toBe('green');
    expect(lightUnder({ ...running, workingDaysToNextDue: 5 }, stricter)).toBe('yellow');
  });
});
