/**
 * Working days after 2026, over real HTTP (local gateway, DynamoDB Local, local Step Functions
 * engine, a frozen clock). The bundled package has no data for 2027:
 *
 * - a workflow timer whose grace runs into 2027 fails its execution visibly (error
 *   `CalendarNotCovered`), logs the alarm's marker, and changes nothing;
 * - a command whose limit falls in 2027 answers 422 `calendar.not_covered` and writes nothing
 *   (before the fix it answered 201 with a limit that counted 1 October 2027 as a working day);
 * - only the office loads a year's table; bad tables are 400s naming the field;
 * - once loaded (as version 1, then 2, audited), the table is what counts: 2027-10-01 is a
 *   holiday and the make-up Saturday is a working day.
 *
 * The 2027 table is test data (test/support/calendar.ts), not the official 2027 arrangement.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readTrail } from '../../../functions/data/audit.ts';
import { calendarPk } from '../../../functions/data/calendar.ts';
import { getItem } from '../../../functions/data/items.ts';
import { verifyTrail } from '../../../functions/domain/audit.ts';
import { range, TEST_2027_BODY } from '../../support/calendar.ts';
import { checkResponse } from '../../support/contract.ts';
import {
  Api,
  codeOf,
  eventually,
  type HttpStack,
  itemExecutionArn,
  ok,
  type Reply,
  settleItem,
  showReply,
  startHttpStack,
  tokenFor,
} from '../../support/http.ts';

const MONDAY_28_DEC_2026 = new Date('2026-12-28T10:00:00+08:00');
const WEDNESDAY_29_SEP_2027 = new Date('2027-09-29T10:00:00+08:00');

let stack: HttpStack;
let api: Api;

beforeAll(async () => {
  stack = await startHttpStack({ prefix: 'cal', origin: MONDAY_28_DEC_2026 });
  api = new Api(stack.call, 2027);
  await api.unit('meilin');
  await api.person('meilin', 'p-meilin-1');
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

afterEach(() => {
  vi.restoreAllMocks();
});

const milestones = [{ id: 'm1', title: 'Works finished', dueDate: '2027-11-30', weight: 100 }];
const office = () => tokenFor('office');

function expectAnswer(operationId: string, r: Reply, status: number, code?: string) {
  const where = `${operationId}: ${showReply(r)}`;
  expect(() => checkResponse(operationId, r.status, r.body), where).not.toThrow();
  expect(r.status, where).toBe(status);
  if (code) expect(codeOf(r), where).toBe(code);
}

/** Whether the error log line the CloudWatch metric filter counts (`$.errorCode`) went out for `year`. */
const loggedNotCovered = (spy: { mock: { calls: unknown[][] } }, year: number) =>
  spy.mock.calls.some((c) =>
    String(c[0])
      .split('\n')
      .some((line) => {
        try {
          const l = JSON.parse(line) as { level?: string; errorCode?: string; year?: number };
          return l.level === 'ERROR' && l.errorCode === 'calendar.not_covered' && l.year === year;
        } catch {
          return false;
        }
      }),
  );

/** The log lines (Powertools writes errors to stderr, which Lambda sends to the function's log group). */
const logLines = () => vi.spyOn(process.stderr, 'write');

describe('working days in 2027 without an official table', () => {
  it('the calendar says 2027 is not covered; 2026 comes from the package', async () => {
    const r = await stack.call('GET', '/v1/calendar/2027', {
      token: await tokenFor('unit', { unitId: 'meilin' }),
    });
    expectAnswer('getCalendarYear', r, 200);
    expect(r.body).toMatchObject({ year: 2027, covered: false, source: 'none', holidays: [], versions: [] });
    const pkg = ok<{ covered: boolean; source: string; holidays: { date: string }[] }>(
      await stack.call('GET', '/v1/calendar/2026', { token: await office() }),
    );
    expect(pkg).toMatchObject({ covered: true, source: 'package' });
    expect(pkg.holidays.map((h) => h.date)).toContain('2026-10-01');
  });

  it('a workflow timer whose grace reaches into 2027 fails its execution visibly and changes nothing', async () => {
    const spy = logLines();
    const item = await api.item({ milestones });
    // Monday 28 December 2026: three working days → Thursday 31 December (the package's 2026).
    const order = await api.assign(item.itemId, 'meilin', 'p-meilin-1');
    const awarded = await api.get<{ acknowledgementDueAt: string }>(`/v1/items/${item.itemId}`);
    expect(awarded.acknowledgementDueAt).toBe('2026-12-31T15:59:59.999Z');
    await settleItem(stack.rt, item.itemId, 'AwaitingAcknowledgement');
    const awardedVersion = (await getItem(item.itemId)).version;

    // The limit passes unacknowledged: the reminder's two more working days would be in 2027.
    stack.rt.clock.advance(4 * 24 * 3600_000);
    const arn = itemExecutionArn(item.itemId);
    const failed = await eventually(
      'the execution to fail',
      async () => {
        stack.rt.clock.advance(60_000); // the step's retries wait on the engine's clock
        const d = await stack.rt.engine.describeExecution({ executionArn: arn });
        return d.status === 'RUNNING' ? undefined : d;
      },
      30_000,
    );
    // Not retried (a domain error) and caught into the one failure the reconciler and the
    // ExecutionsFailed alarm know, naming what failed.
    expect(failed).toMatchObject({ status: 'FAILED', error: 'WorkflowStepFailed' });
    expect(String(failed.cause)).toMatch(/^CalendarNotCovered: /);
    expect(String(failed.cause)).toContain('2027');
    expect(loggedNotCovered(spy, 2027)).toBe(true);

    // No reminder with a made-up limit, no inquiry order.
    const after = await api.get<{
      acknowledgementDueAt: string;
      acknowledgementReminded: boolean;
    }>(`/v1/items/${item.itemId}`);
    expect(after).toMatchObject({
      acknowledgementDueAt: awarded.acknowledgementDueAt,
      acknowledgementReminded: false,
    });
    // The stored item did not move (the API's view carries no version).
    expect((await getItem(item.itemId)).version).toBe(awardedVersion);
    const orders = await api.all<{ orderId: string }>('/v1/orders', { year: 2027, item: item.itemId });
    expect(orders.map((o) => o.orderId)).toEqual([order.orderId]);

    // On to late September 2027 for the rest of the file.
    stack.rt.clock.advance(WEDNESDAY_29_SEP_2027.getTime() - stack.rt.clock.now().getTime());
  }, 60_000);

  it('a command whose limit falls in 2027 is refused with 422 calendar.not_covered and writes nothing', async () => {
    const spy = logLines();
    const item = await api.item({ milestones });
    const before = await getItem(item.itemId);
    const r = await stack.call('POST', `/v1/items/${item.itemId}/assignment`, {
      token: await office(),
      body: { unitId: 'meilin', managerId: 'p-meilin-1' },
    });
    // Before the fix: 201, acknowledgement due 2027-10-04 (1 October counted as a working day).
    expectAnswer('assignItem', r, 422, 'calendar.not_covered');
    expect((r.body as { error: { message: string } }).error.message).toContain('2027');
    const after = await getItem(item.itemId);
    expect(after).toMatchObject({ version: before.version, auditSeq: before.auditSeq, status: 'draft' });
    expect(await api.all('/v1/orders', { year: 2027, item: item.itemId })).toEqual([]);
    expect(loggedNotCovered(spy, 2027)).toBe(true);
  });
});

describe('loading a year table', () => {
  it('is for the office only', async () => {
    for (const [role, who] of [
      ['unit', { unitId: 'meilin' }],
      ['manager', { unitId: 'meilin', personId: 'p-meilin-1' }],
      ['commander', {}],
      ['inspector', {}],
    ] as const) {
      const r = await stack.call('POST', '/v1/calendar/2027', {
        token: await tokenFor(role, who),
        body: TEST_2027_BODY,
      });
      expectAnswer('loadCalendarYear', r, 403, 'auth.role_not_allowed');
    }
    const r = await stack.call('GET', '/v1/calendar/2027', { token: await office() });
    expect(r.body).toMatchObject({ covered: false, versions: [] });
  });

  it('refuses a bad table with a 400 naming the field, and stores nothing', async () => {
    const h = (date: string, name = '国庆节') => ({ date, name });
    const bad: [unknown, string][] = [
      [
        { ...TEST_2027_BODY, holidays: [...TEST_2027_BODY.holidays, h('2026-12-31', '元旦')] },
        'holidays.8.date',
      ],
      [{ ...TEST_2027_BODY, makeUpWorkdays: ['2028-01-08'] }, 'makeUpWorkdays.0'],
      [{ ...TEST_2027_BODY, holidays: [h('2027-10-01'), h('2027-10-01')] }, 'holidays.1.date'],
      [{ ...TEST_2027_BODY, makeUpWorkdays: ['2027-10-02'] }, 'makeUpWorkdays.0'], // also a holiday
      [{ ...TEST_2027_BODY, makeUpWorkdays: ['2027-10-08'] }, 'makeUpWorkdays.0'], // a Friday
      [{ ...TEST_2027_BODY, holidays: [h('2027-10-01', 'x'.repeat(51))] }, 'holidays.0.name'],
      [{ ...TEST_2027_BODY, holidays: [h('2027-10-01', 'National\u202eDay')] }, 'holidays.0.name'],
      [{ ...TEST_2027_BODY, holidays: range('2027-01-01', 61).map((d) => h(d)) }, 'holidays'],
      [{ ...TEST_2027_BODY, holidays: [] }, 'holidays'],
      [{ ...TEST_2027_BODY, year: 2027 }, 'year'],
      [{ holidays: TEST_2027_BODY.holidays, makeUpWorkdays: [] }, 'reference'],
    ];
    for (const [body, path] of bad) {
      const r = await stack.call('POST', '/v1/calendar/2027', { token: await office(), body });
      expectAnswer('loadCalendarYear', r, 400);
      const details = (r.body as { error: { details: { path: string }[] } }).error.details;
      expect(
        details.map((d) => d.path),
        showReply(r),
      ).toContain(path);
    }
    for (const year of ['1999', '2101', 'next', '2027.5']) {
      const r = await stack.call('POST', `/v1/calendar/${year}`, {
        token: await office(),
        body: TEST_2027_BODY,
      });
      expectAnswer('loadCalendarYear', r, 400);
    }
    const r = await stack.call('GET', '/v1/calendar/2027', { token: await office() });
    expect(r.body).toMatchObject({ covered: false, versions: [] });
  });

  it('once loaded, the table counts: 1 October 2027 is a holiday and the make-up Saturday a working day', async () => {
    const loaded = await stack.call('POST', '/v1/calendar/2027', {
      token: await office(),
      body: TEST_2027_BODY,
    });
    expectAnswer('loadCalendarYear', loaded, 201);
    expect(loaded.body).toMatchObject({
      year: 2027,
      covered: true,
      source: 'table',
      version: 1,
      reference: TEST_2027_BODY.reference,
      makeUpWorkdays: ['2027-09-26', '2027-10-09'],
    });
    const read = await stack.call('GET', '/v1/calendar/2027', {
      token: await tokenFor('unit', { unitId: 'meilin' }),
    });
    expectAnswer('getCalendarYear', read, 200);
    expect(read.body).toMatchObject({ version: 1, source: 'table' });
    expect((read.body as { holidays: { date: string }[] }).holidays.map((x) => x.date)).toContain(
      '2027-10-01',
    );

    // Wednesday 29 September 2027: 30 September, 8 October, Saturday 9 October (make-up).
    const item = await api.item({ milestones });
    const order = await api.assign(item.itemId, 'meilin', 'p-meilin-1');
    const awarded = await api.get<{ acknowledgementDueAt: string }>(`/v1/items/${item.itemId}`);
    expect(awarded.acknowledgementDueAt).toBe('2027-10-09T15:59:59.999Z');
    await api.acknowledge(order.orderId, 'meilin');

    // An inquiry order's five working days: 30 September, 8, 9, 11 and 12 October.
    const inquiry = await api.violation(item.itemId);
    const o = await api.get<{ answerDueAt: string }>(`/v1/orders/${inquiry.orderId}`);
    expect(o.answerDueAt).toBe('2027-10-12T15:59:59.999Z');

    // The load is on the year's audit trail, which verifies.
    const trail = await readTrail(calendarPk(2027));
    expect(trail.map((e) => [e.type, e.data.version])).toEqual([['calendar.loaded', 1]]);
    expect(verifyTrail(trail).valid).toBe(true);
  });

  it('a second load is version 2, in force at once; both versions are kept and audited', async () => {
    const corrected = {
      ...TEST_2027_BODY,
      reference: 'Test table, corrected (not the official 2027 notice)',
      holidays: [...TEST_2027_BODY.holidays, { date: '2027-10-08', name: '国庆节' }],
    };
    const r = await stack.call('POST', '/v1/calendar/2027', { token: await office(), body: corrected });
    expectAnswer('loadCalendarYear', r, 201);
    expect(r.body).toMatchObject({ version: 2, reference: corrected.reference });
    expect((r.body as { versions: { version: number }[] }).versions.map((v) => v.version)).toEqual([1, 2]);

    // 30 September, Saturday 9 October (make-up), Monday 11 October.
    const item = await api.item({ milestones });
    await api.assign(item.itemId, 'meilin', 'p-meilin-1');
    const awarded = await api.get<{ acknowledgementDueAt: string }>(`/v1/items/${item.itemId}`);
    expect(awarded.acknowledgementDueAt).toBe('2027-10-11T15:59:59.999Z');

    const trail = await readTrail(calendarPk(2027));
    expect(trail.map((e) => [e.type, e.data.version, e.data.previousVersion])).toEqual([
      ['calendar.loaded', 1, null],
      ['calendar.loaded', 2, 1],
    ]);
    expect(verifyTrail(trail).valid).toBe(true);
  });
});
