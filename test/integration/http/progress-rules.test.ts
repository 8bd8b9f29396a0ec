/**
 * Implausible progress, over HTTP through the local gateway (clock frozen at 2022-07-01
 * 09:00 Beijing): a done date in 2099, the same milestone done and not done in one report,
 * investment completed above the project's total, 100 % then 20 %, and `javascript:`,
 * `data:`, `file:` and `http:` evidence are refused (400 for the shape, 422 against the
 * item's state, each naming the field) and leave nothing stored; a lower figure is accepted
 * as a correction with a reason, recorded as such on the report and its audit event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Api,
  codeOf,
  type HttpStack,
  ok,
  type Reply,
  startHttpStack,
  tokenFor,
  uniq,
} from '../../support/http.ts';

let stack: HttpStack;
let api: Api;
let itemId: string;
const unitId = `futian-${uniq()}`;
const managerId = `p-${unitId}`;

beforeAll(async () => {
  stack = await startHttpStack({ prefix: 'progress' });
  api = new Api(stack.call);
  await api.unit(unitId);
  await api.person(unitId, managerId);
  ({ itemId } = await api.inProgress(unitId, managerId, {
    kind: 'project',
    project: { stage: 'construction', totalInvestment: 1_000_000_000, annualInvestmentTarget: 200_000_000 },
  }));
});

afterAll(async () => {
  await stack?.stop();
});

const report = async (body: Record<string, unknown>) =>
  stack.call('POST', `/v1/items/${itemId}/progress`, {
    token: await tokenFor('unit', { unitId }),
    body: { narrative: 'Invented test report.', ...body },
  });
const reports = async () => api.all<Record<string, unknown>>(`/v1/items/${itemId}/progress`);
const refused = (r: Reply, status: number, code: string, path: string) => {
  expect({ status: r.status, code: codeOf(r) }, r.text).toEqual({ status, code });
  expect((r.body as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toContain(
    path,
  );
};

describe('implausible progress is refused', () => {
  it('a milestone done on 2099-01-01, or before the award: 422 at the milestone’s doneOn', async () => {
    refused(
      await report({
        percentComplete: 10,
        milestones: [{ milestoneId: 'm1', done: true, doneOn: '2099-01-01' }],
      }),
      422,
      'progress.done_in_future',
      'milestones.0.doneOn',
    );
    refused(
      await report({
        percentComplete: 10,
        milestones: [{ milestoneId: 'm1', done: true, doneOn: '2022-06-30' }],
      }),
      422,
      'progress.done_before_award',
      'milestones.0.doneOn',
    );
    expect(await reports()).toEqual([]);
  });

  it('the same milestone done and not done in one report: 400', async () => {
    refused(
      await report({
        percentComplete: 10,
        milestones: [
          { milestoneId: 'm1', done: true },
          { milestoneId: 'm1', done: false },
        ],
      }),
      400,
      'validation.failed',
      'milestones.1.milestoneId',
    );
  });

  it('investment completed above the project’s total: 422', async () => {
    refused(
      await report({ percentComplete: 10, investmentCompleted: 9_000_000_000 }),
      422,
      'progress.investment_above_total',
      'investmentCompleted',
    );
  });

  it('evidence other than https links: 400 at the link', async () => {
    for (const link of [
      'javascript:alert(document.cookie)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'file:///etc/passwd',
      'http://evidence.example.org/photo.jpg',
    ]) {
      refused(
        await report({ percentComplete: 10, evidence: ['https://evidence.example.org/ok.jpg', link] }),
        400,
        'validation.failed',
        'evidence.1',
      );
    }
    expect(await reports()).toEqual([]);
  });

  it('100 % then 20 %: refused unless sent as a correction with a reason, which is recorded', async () => {
    ok(await report({ percentComplete: 100, evidence: ['https://evidence.example.org/site.jpg'] }), 201);
    refused(await report({ percentComplete: 20 }), 422, 'progress.lower_than_last_report', 'percentComplete');
    refused(
      await report({ percentComplete: 20, correction: { reason: ' ' } }),
      400,
      'validation.failed',
      'correction.reason',
    );
    const corrected = ok(
      await report({
        percentComplete: 20,
        correction: { reason: 'The 100 % counted the design stage as the works.' },
      }),
      201,
    );
    expect(corrected).toMatchObject({
      percentComplete: 20,
      correction: {
        reason: 'The 100 % counted the design stage as the works.',
        previousPercentComplete: 100,
      },
    });
    const item = await api.get<{ percentComplete: number }>(`/v1/items/${itemId}`);
    expect(item.percentComplete).toBe(20);
    const stored = await reports();
    expect(stored).toHaveLength(2);
    expect(stored.filter((r) => r.correction)).toHaveLength(1);
    const history = await api.get<{ events: { type: string; data: Record<string, unknown> }[] }>(
      `/v1/items/${itemId}/history`,
    );
    const events = history.events.filter((e) => e.type === 'progress.reported');
    expect(events.map((e) => e.data.correction ?? null)).toEqual([
      null,
      expect.objectContaining({
        reason: 'The 100 % counted the design stage as the works.',
        previousPercentComplete: 100,
      }),
    ]);
  });
});
