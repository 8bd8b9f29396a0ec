import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../functions/domain/calendar.ts';
import type { Item } from '../../../functions/domain/model.ts';
import { publicPlan as planOn } from '../../../functions/domain/public.ts';

/** On the bundled package's calendar (2022 is covered). */
const publicPlan = (i: Parameters<typeof planOn>[0], asOf: string) => planOn(i, asOf, new WorkingCalendar());

const item = (over: Partial<Item> = {}) =>
  ({
    status: 'in_progress',
    awardedAt: '2022-05-01T02:00:00.000Z',
    deadline: '2022-12-31',
    milestones: [
      { id: 'm1', title: 'Approvals', dueDate: '2022-06-30', weight: 40 },
      { id: 'm2', title: 'Works', dueDate: '2022-12-31', weight: 60 },
    ],
    milestonesDone: {},
    ...over,
  }) as Pick<Item, 'status' | 'awardedAt' | 'deadline' | 'milestones' | 'milestonesDone'>;

describe('the public plan of an item', () => {
  it('expects the milestones due by the date and counts working days to the next one', () => {
    const p = publicPlan(item(), '2022-06-27');
    expect(p.nextDueDate).toBe('2022-06-30');
    // Tue 28, Wed 29, Thu 30 June 2022.
    expect(p.workingDaysToNextDue).toBe(3);
    expect(p.overdue).toBe(false);
    expect(p.expectedPercent).toBeGreaterThan(30);
    expect(p.expectedPercent).toBeLessThan(40);
  });

  it('skips the statutory holiday: from Fri 30 Sep 2022 to Sat 8 Oct (a make-up workday) is 1 working day', () => {
    const p = publicPlan(
      item({ milestones: [{ id: 'm1', title: 'x', dueDate: '2022-10-08', weight: 100 }] }),
      '2022-09-30',
    );
    expect(p.workingDaysToNextDue).toBe(1);
  });

  it('is overdue when the next milestone passed undone, and moves on once it is done', () => {
    expect(publicPlan(item(), '2022-07-01').overdue).toBe(true);
    const done = publicPlan(item({ milestonesDone: { m1: '2022-06-29' } }), '2022-07-01');
    expect(done.overdue).toBe(false);
    expect(done.nextDueDate).toBe('2022-12-31');
  });

  it('has no plan before the award and none left once completion is reported', () => {
    expect(publicPlan(item({ status: 'published', awardedAt: undefined }), '2022-07-01')).toEqual({
      expectedPercent: 0,
      nextDueDate: null,
      workingDaysToNextDue: null,
      overdue: false,
    });
    const reported = publicPlan(item({ status: 'completion_reported' }), '2022-07-01');
    expect(reported.nextDueDate).toBeNull();
    expect(reported.overdue).toBe(false);
  });

  it('leaves the working days unknown where the calendar does not cover the years to the date', () => {
    const p = publicPlan(item({ deadline: '2027-12-31', milestones: [] }), '2026-12-01');
    expect(p.nextDueDate).toBe('2027-12-31');
    expect(p.workingDaysToNextDue).toBeNull();
  });
});
