/**
 * Implausible dates and text over HTTP through the local gateway: titles with NUL, a
 * right-to-left override, ANSI escapes or only zero-width characters, deadlines of
 * 0001-01-01 or 9999-12-31 and milestones in 1900 on a 2022 item, an annual target above the
 * total investment are refused (400 naming the field, or 422 when an edit makes a stored draft
 * inconsistent), on items and proposals alike; nothing is stored and nothing reaches the public
 * board. Accepted text is stored NFC-normalised.
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
const unitId = `shatou-${uniq()}`;

beforeAll(async () => {
  stack = await startHttpStack({ prefix: 'text' });
  api = new Api(stack.call);
  await api.unit(unitId);
});

afterAll(async () => {
  await stack?.stop();
});

const ITEM = {
  year: 2022,
  kind: 'task',
  itemClass: 'A',
  category: 'siege',
  deadline: '2022-12-31',
};
const create = async (body: Record<string, unknown>) =>
  stack.call('POST', '/v1/items', { token: await tokenFor('office'), body: { ...ITEM, ...body } });
const declare = async (body: Record<string, unknown>) =>
  stack.call('POST', '/v1/proposals', {
    token: await tokenFor('unit', { unitId }),
    body: { year: 2022, kind: 'task', category: 'bottom-line', deadline: '2022-12-31', ...body },
  });
const refused = (r: Reply, status: number, path: string) => {
  expect(r.status, r.text).toBe(status);
  expect((r.body as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toContain(
    path,
  );
};
const allTitles = async () =>
  (await api.all<{ title: string }>('/v1/items', { year: 2022 })).map((i) => i.title);

const HOSTILE_TITLES: Readonly<Record<string, string>> = {
  NUL: 'Futian Middle School\u0000 expansion',
  'right-to-left override': 'Futian Middle School \u202eexpansion',
  'ANSI escape': '\u001b[2J\u001b[31mFutian Middle School expansion',
  'zero-width only': '\u200b\u200c\u200d\ufeff',
  blank: '   ',
};

describe('hostile text', () => {
  it('item titles: 400 at title, nothing stored', async () => {
    for (const [what, title] of Object.entries(HOSTILE_TITLES)) {
      const r = await create({ title });
      expect(codeOf(r), what).toBe('validation.failed');
      refused(r, 400, 'title');
    }
    expect(await allTitles()).toEqual([]);
  });

  it('proposal titles and descriptions: 400', async () => {
    refused(await declare({ title: HOSTILE_TITLES['right-to-left override'] }), 400, 'title');
    refused(
      await declare({ title: 'Street lights', description: 'Bright\u001b[5m lights' }),
      400,
      'description',
    );
    const list = await api.get<{ items: unknown[] }>('/v1/proposals?year=2022');
    expect(list.items).toEqual([]);
  });

  it('free text of other commands: a violation report with a bidi isolate is refused', async () => {
    const { itemId } = await (async () => {
      await api.person(unitId, `p-${unitId}`);
      return api.inProgress(unitId, `p-${unitId}`);
    })();
    const r = await stack.call('POST', `/v1/items/${itemId}/violations`, {
      token: await tokenFor('inspector'),
      body: { description: 'Suspected \u2067splitting\u2069 of a contract.' },
    });
    refused(r, 400, 'description');
    const orders = await api.get<{ items: unknown[] }>(`/v1/orders?year=2022&type=inquiry&item=${itemId}`);
    expect(orders.items).toEqual([]);
  });

  it('accepted text is stored NFC-normalised', async () => {
    const created = ok<{ itemId: string; title: string }>(
      await create({ title: 'Cafe\u0301 street renewal' }),
      201,
    );
    expect(created.title).toBe('Caf\u00e9 street renewal');
    const stored = await api.get<{ title: string }>(`/v1/items/${created.itemId}`);
    expect(stored.title).toBe('Caf\u00e9 street renewal');
  });
});

describe('implausible dates and figures on a 2022 item', () => {
  it('deadlines of 0001-01-01 and 9999-12-31: 400 at deadline', async () => {
    refused(await create({ title: 'Deadline in year 1', deadline: '0001-01-01' }), 400, 'deadline');
    refused(await create({ title: 'Deadline in 9999', deadline: '9999-12-31' }), 400, 'deadline');
    refused(await declare({ title: 'Proposal due in 9999', deadline: '9999-12-31' }), 400, 'deadline');
  });

  it('a milestone in 1900: 400 at its due date', async () => {
    refused(
      await create({
        title: 'Milestone in 1900',
        milestones: [{ id: 'm1', title: 'Design', dueDate: '1900-06-30', weight: 100 }],
      }),
      400,
      'milestones.0.dueDate',
    );
  });

  it('an annual target above the total investment: 400', async () => {
    refused(
      await create({
        title: 'Project with a large annual target',
        kind: 'project',
        project: { stage: 'construction', totalInvestment: 100_000_000, annualInvestmentTarget: 900_000_000 },
      }),
      400,
      'project.annualInvestmentTarget',
    );
  });

  it('a multi-year project to 2030 is fine; an edit moving a milestone to 1900 is 422 at the field', async () => {
    const created = ok<{ itemId: string }>(
      await create({ title: 'Multi-year renewal', deadline: '2030-12-31' }),
      201,
    );
    const r = await stack.call('PATCH', `/v1/items/${created.itemId}`, {
      token: await tokenFor('office'),
      body: { milestones: [{ id: 'm1', title: 'Design', dueDate: '1900-06-30', weight: 100 }] },
    });
    expect(codeOf(r)).toBe('item.edit.inconsistent');
    refused(r, 422, 'milestones.0.dueDate');
    expect((await api.get<{ milestones: unknown[] }>(`/v1/items/${created.itemId}`)).milestones).toEqual([]);
    expect(await allTitles()).toEqual(expect.arrayContaining(['Multi-year renewal']));
    expect(await allTitles()).not.toEqual(expect.arrayContaining(['Milestone in 1900']));
  });
});
