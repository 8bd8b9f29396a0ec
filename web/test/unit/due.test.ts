import { describe, expect, it } from 'vitest';
import { dueLight } from '../../src/lib/due.ts';

describe('the light of an inbox entry', () => {
  it('is red overdue, yellow within 3 working days, green further off, none without a limit', () => {
    expect(dueLight({ dueDate: '2022-06-01', overdue: true, workingDaysLeft: -2 })).toBe('red');
    expect(dueLight({ dueDate: '2022-06-08', overdue: false, workingDaysLeft: 3 })).toBe('yellow');
    expect(dueLight({ dueDate: '2022-06-08', overdue: false, workingDaysLeft: 0 })).toBe('yellow');
    expect(dueLight({ dueDate: '2022-06-09', overdue: false, workingDaysLeft: 4 })).toBe('green');
    // A limit beyond the calendar's years: no count, not alarming.
    expect(dueLight({ dueDate: '2099-01-05', overdue: false, workingDaysLeft: null })).toBe('green');
    expect(dueLight({ dueDate: null, overdue: false, workingDaysLeft: null })).toBe('none');
  });
});
