import { describe, expect, it } from 'vitest';
import { type LightInput, lightOf } from '../../src/lib/light.ts';

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
  it('are the domain’s (the serious lag of the evaluation, the due-soon days of the sweep)', async () => {
    const light = await import('../../src/lib/light.ts');
    const domain = await import('../../../functions/domain/evaluation.ts');
    expect(light.SERIOUS_LAG_POINTS).toBe(domain.DEFAULT_THRESHOLDS.seriousLagPoints);
    expect(light.DUE_SOON_WORKING_DAYS).toBe(domain.DUE_SOON_WORKING_DAYS);
  });
});
