import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../functions/domain/calendar.ts';
import {
  INBOX_SOURCES,
  type InboxCandidate,
  inbox,
  itemCandidate,
  nextDue,
  orderCandidate,
} from '../../../functions/domain/inbox.ts';
import type { Item, Order } from '../../../functions/domain/model.ts';

const calendar = new WorkingCalendar();
const c = (subjectId: string, due?: string, since?: string): InboxCandidate => ({
  kind: 'item_to_report',
  subjectType: 'item',
  subjectId,
  title: subjectId,
  status: 'in_progress',
  ...(due ? { due } : {}),
  ...(since ? { since } : {}),
});

describe('an inbox', () => {
  it('puts the soonest limit first, those without one last (oldest waiting first), and counts working days', () => {
    const { entries, truncated } = inbox(
      [
        c('later', '2022-10-10'),
        c('none-new', undefined, '2022-09-20T00:00:00Z'),
        c('soon', '2022-09-30'),
        c('none-old', undefined, '2022-09-01T00:00:00Z'),
        c('overdue', '2022-09-26'),
      ],
      '2022-09-28',
      calendar,
    );
    expect(entries.map((e) => e.subjectId)).toEqual(['overdue', 'soon', 'later', 'none-old', 'none-new']);
    expect(truncated).toBe(false);
    // Thu 29, Fri 30 September 2022.
    expect(entries[1]).toMatchObject({ dueDate: '2022-09-30', workingDaysLeft: 2, overdue: false });
    // National Day week: 1–7 October are holidays, 8 and 9 October make-up workdays; 10 October a Monday.
    expect(entries[2]).toMatchObject({ dueDate: '2022-10-10', workingDaysLeft: 5 });
    // Tue 27 and Wed 28 September back from the 26th: two working days late.
    expect(entries[0]).toMatchObject({ workingDaysLeft: -2, overdue: true });
    expect(entries[3]).toMatchObject({ dueDate: null, workingDaysLeft: null, overdue: false });
  });

  it('reads a limit given as an instant on its Beijing day', () => {
    const [e] = inbox([c('x', '2022-09-29T17:00:00.000Z')], '2022-09-28', calendar).entries;
    expect(e!.dueDate).toBe('2022-09-30');
  });

  it('is capped and says so', () => {
    const many = Array.from({ length: 5 }, (_, i) => c(`i${i}`, `2022-09-${10 + i}`));
    const r = inbox(many, '2022-09-01', calendar, 3);
    expect(r.entries.map((e) => e.subjectId)).toEqual(['i0', 'i1', 'i2']);
    expect(r.truncated).toBe(true);
  });

  it('answers null working days where the calendar does not cover the years', () => {
    const [e] = inbox([c('far', '2099-01-05')], '2022-09-28', calendar).entries;
    expect(e).toMatchObject({ dueDate: '2099-01-05', workingDaysLeft: null });
  });

  it('gathers for each role what waits for it', () => {
    expect(INBOX_SOURCES.unit).toEqual([
      'claim_open',
      'order_to_acknowledge',
      'item_to_report',
      'inquiry_to_answer',
      'extension_decided',
      'urged',
      'reminder_due',
    ]);
    expect(INBOX_SOURCES.commander).toContain('extension_to_decide');
    expect(INBOX_SOURCES.office).toContain('extension_to_decide');
    expect(INBOX_SOURCES.manager).toEqual(['item_to_report']);
    expect(INBOX_SOURCES.inspector).toEqual(['inquiry_followed']);
    expect(INBOX_SOURCES.office).toContain('inquiry_draft');
    expect(INBOX_SOURCES.commander).toContain('claims_to_award');
  });

  it('takes the limit by kind: next undone milestone, claim window, answer limit, acknowledgement limit', () => {
    const item = {
      itemId: 'i1',
      title: 'T',
      status: 'in_progress',
      leadUnitId: 'meilin',
      deadline: '2022-12-31',
      milestones: [
        { id: 'a', title: 'A', dueDate: '2022-06-30', weight: 50 },
        { id: 'b', title: 'B', dueDate: '2022-09-30', weight: 50 },
      ],
      milestonesDone: { a: '2022-06-20' },
      claimWindow: { opensAt: '2022-03-01T00:00:00Z', closesAt: '2022-03-31T16:00:00Z' },
      updatedAt: '2022-06-20T00:00:00Z',
    } as unknown as Item;
    expect(nextDue(item)).toBe('2022-09-30');
    expect(nextDue({ ...item, milestonesDone: { a: 'x', b: 'y' } })).toBe('2022-12-31');
    expect(itemCandidate('item_to_report', item).due).toBe('2022-09-30');
    expect(itemCandidate('claim_open', { ...item, status: 'published' })).toMatchObject({
      due: '2022-03-31T16:00:00Z',
    });
    expect(itemCandidate('claim_open', { ...item, status: 'published' })).not.toHaveProperty('unitId');
    const order = {
      orderId: '2022-INQ-0001',
      displayNumber: '福田询〔2022〕1号',
      itemId: 'i1',
      itemTitle: 'T',
      unitId: 'meilin',
      status: 'issued',
      issuedAt: '2022-06-01T00:00:00Z',
      answerDueAt: '2022-06-09T15:59:59.999Z',
    } as unknown as Order;
    expect(orderCandidate('inquiry_to_answer', order)).toMatchObject({
      due: '2022-06-09T15:59:59.999Z',
      title: '福田询〔2022〕1号 T',
      since: '2022-06-01T00:00:00Z',
    });
    expect(orderCandidate('order_to_acknowledge', order, '2022-06-03T15:59:59.999Z').due).toBe(
      '2022-06-03T15:59:59.999Z',
    );
  });
});
