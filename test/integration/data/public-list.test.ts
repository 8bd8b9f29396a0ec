/**
 * The public list answers pages of at most 100 items, each page one Query of an index that
 * holds exactly the list's items (GSI5–GSI8 are sparse: only items on the list carry their
 * keys) plus one BatchGetItem for the page's batches and managers — never a GetItem an item,
 * never the year read to filter it. Filters (kind, class, category, status, unit) choose the
 * index; the pages together are the board in order: batch after batch, then the items
 * assigned without a batch. A cursor is opaque and checked: a forged one is a 400.
 */
import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { publicOperations } from '../../../functions/api/operations.ts';
import { boardRoutes as publicRoutes } from '../../../functions/api/routes/public/board.ts';
import { perInvocation } from '../../../functions/app/calendar.ts';
import { assign } from '../../../functions/app/commands/claims.ts';
import { parse } from '../../../functions/app/support.ts';
import { documentClient } from '../../../functions/data/db.ts';
import { getItems } from '../../../functions/data/items.ts';
import { DomainError, NotFound } from '../../../functions/domain/errors.ts';
import type { Item } from '../../../functions/domain/model.ts';
import { coverTestYears } from '../../support/calendar.ts';
import {
  createUnits,
  installRecordingPort,
  managerOf,
  newItem,
  office,
  publish,
  TestClock,
} from '../../support/fixtures.ts';
import { freshTables } from '../../support/tables.ts';

let clock: TestClock;
const batches: Item[][] = [];
const assigned: Item[] = [];
const drafts: Item[] = [];

const KINDS = ['task', 'project', 'reform'] as const;
const CATEGORIES = ['strategic', 'siege', 'bottom-line'] as const;
const spec = (n: number) => ({
  year: 2031,
  kind: KINDS[n % 3]!,
  itemClass: (n % 2 ? 'B' : 'A') as 'A' | 'B',
  category: CATEGORIES[Math.floor(n / 3) % 3]!,
});

beforeAll(async () => {
  await freshTables();
  await coverTestYears(2027, 2040);
  installRecordingPort();
  clock = new TestClock('2031-04-22T01:00:00Z');
  await createUnits(['meilin', 'huafu']);
  // Three batches of 45: 135 listed items, more than a page.
  let n = 0;
  for (let b = 0; b < 3; b++) {
    const items: Item[] = [];
    for (let i = 0; i < 45; i++) {
      items.push(await newItem(spec(n++)));
      clock.advance(1000);
    }
    await publish(
      clock,
      2031,
      items.map((i) => i.itemId),
    );
    batches.push(items);
  }
  // Assigned without a claim round: on the list, after the batches.
  for (let i = 0; i < 4; i++) {
    // Class B items are assigned only after a claim round: these are class A.
    const item = await newItem({ ...spec(n++), itemClass: 'A' });
    clock.advance(1000);
    const unitId = i % 2 ? 'huafu' : 'meilin';
    await assign({ actor: office }, item.itemId, { unitId, managerId: managerOf(unitId) });
    assigned.push(item);
  }
  // Drafts, one of them with a lead unit already: never on the public list.
  drafts.push(await newItem(spec(n++)), await newItem({ ...spec(n++), leadUnitId: 'meilin' }));
}, 300_000);
afterAll(() => TestClock.restore());

interface Sent {
  name: string;
  index?: string;
}

/** The DynamoDB commands sent while `fn` runs. */
async function commandsDuring(fn: () => Promise<unknown>): Promise<Sent[]> {
  const client = documentClient();
  const sent: Sent[] = [];
  const send = client.send.bind(client);
  const spy = vi.spyOn(client, 'send').mockImplementation(((command: {
    constructor: { name: string };
    input?: { IndexName?: string };
  }) => {
    sent.push({
      name: command.constructor.name,
      ...(command.input?.IndexName ? { index: command.input.IndexName } : {}),
    });
    return send(command as never);
  }) as never);
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return sent;
}

interface ListPage {
  batches: { batchNo: number; title: string }[];
  items: {
    itemId: string;
    batchNo: number | null;
    kind: string;
    itemClass: string;
    category: string;
    status: string;
    leadUnitId: string | null;
    managerName: string | null;
  }[];
  nextCursor?: string;
}

const listRoute = publicRoutes.find((r) => r.operationId === 'publicList')!;
type ListQuery = Parameters<typeof publicOperations.publicList>[0]['query'];

/** One page as the handler answers it: one invocation (the calendar is read once in it). */
async function page(query: Record<string, string> = {}): Promise<{ body: ListPage; sent: Sent[] }> {
  let body: ListPage | undefined;
  const sent = await commandsDuring(() =>
    perInvocation(async () => {
      // The query as the router hands it over: parsed with the route's declared schema.
      const r = await publicOperations.publicList({
        actor: undefined,
        params: { year: 2031 },
        query: parse(listRoute.query, query) as ListQuery,
        body: undefined,
      });
      body = r as ListPage;
    }),
  );
  return { body: body!, sent };
}

/** Every page of a query, following the cursors. */
async function allPages(query: Record<string, string> = {}): Promise<{ pages: ListPage[]; sent: Sent[][] }> {
  const pages: ListPage[] = [];
  const sent: Sent[][] = [];
  let cursor: string | undefined;
  do {
    const p = await page({ ...query, ...(cursor ? { cursor } : {}) });
    pages.push(p.body);
    sent.push(p.sent);
    cursor = p.body.nextCursor;
  } while (cursor);
  return { pages, sent };
}

describe('the public list', () => {
  it('answers the board in pages of at most 100: one Query and one BatchGetItem a page, calendar included', async () => {
    const { pages, sent } = await allPages();
    expect(pages.map((p) => p.items.length)).toEqual([100, 39]);
    for (const s of sent) {
      expect(s).toEqual([{ name: QueryCommand.name, index: 'GSI5' }, { name: BatchGetCommand.name }]);
      expect(s.filter((x) => x.name === GetCommand.name)).toEqual([]);
    }
    // Batch after batch in order, then the items assigned without a batch; no draft.
    const listed = pages.flatMap((p) => p.items);
    expect(listed.map((i) => i.itemId)).toEqual([...batches.flat(), ...assigned].map((i) => i.itemId));
    expect(listed.map((i) => i.batchNo)).toEqual([
      ...batches.flatMap((b, n) => b.map(() => n + 1)),
      ...assigned.map(() => null),
    ]);
    // Each page carries the batches of its items.
    expect(pages[0]!.batches.map((b) => b.batchNo)).toEqual([1, 2, 3]);
    expect(pages[1]!.batches.map((b) => b.batchNo)).toEqual([3]);
    // Managers' names of the assigned items, read in the page's one BatchGetItem.
    expect(pages[1]!.items.filter((i) => i.batchNo === null).map((i) => i.managerName)).toEqual(
      assigned.map((_, i) => `Manager of ${i % 2 ? 'huafu' : 'meilin'}`),
    );
  });

  it('serves every filter from an index key: the pages hold exactly the matching items', async () => {
    const { pages } = await allPages();
    const board = pages.flatMap((p) => p.items);
    const cases: [Record<string, string>, (i: ListPage['items'][number]) => boolean, string][] = [
      [{ kind: 'project' }, (i) => i.kind === 'project', 'GSI6'],
      [{ kind: 'task', category: 'siege' }, (i) => i.kind === 'task' && i.category === 'siege', 'GSI6'],
      [
        { kind: 'reform', category: 'strategic', class: 'B' },
        (i) => i.kind === 'reform' && i.category === 'strategic' && i.itemClass === 'B',
        'GSI6',
      ],
      [{ category: 'bottom-line' }, (i) => i.category === 'bottom-line', 'GSI7'],
      [{ category: 'siege', class: 'A' }, (i) => i.category === 'siege' && i.itemClass === 'A', 'GSI7'],
      [{ class: 'B' }, (i) => i.itemClass === 'B', 'GSI8'],
      [{ status: 'published' }, (i) => i.status === 'published', 'GSI4'],
      [{ status: 'awarded', kind: 'task' }, (i) => i.status === 'awarded' && i.kind === 'task', 'GSI4'],
      [{ unit: 'huafu' }, (i) => i.leadUnitId === 'huafu', 'GSI2'],
    ];
    for (const [query, match, index] of cases) {
      const expected = board.filter(match);
      expect(expected.length, JSON.stringify(query)).toBeGreaterThan(0);
      const got = await allPages({ ...query, limit: '20' });
      // In the index's order (category and class before the board order): the same items.
      expect(got.pages.flatMap((p) => p.items.map((i) => i.itemId)).sort(), JSON.stringify(query)).toEqual(
        expected.map((i) => i.itemId).sort(),
      );
      expect(
        got.sent.flat().filter((s) => s.name === QueryCommand.name),
        JSON.stringify(query),
      ).not.toContainEqual(expect.objectContaining({ index: expect.not.stringMatching(index) }));
    }
    // A draft is on no public page, whatever the filter; a unit leads nothing open for claims.
    expect((await page({ status: 'draft' })).body.items).toEqual([]);
    expect((await page({ unit: 'meilin', status: 'published' })).body.items).toEqual([]);
  });

  it('refuses a forged cursor, or another query’s, as a 400 naming the cursor', async () => {
    const first = (await page({ limit: '10' })).body;
    const forged = Buffer.from(JSON.stringify({ q: 'x', k: { PK: 'ITEM#a' } })).toString('base64url');
    for (const [query, cursor] of [
      [{}, 'not-base64-json'],
      [{}, forged],
      [{ kind: 'task' }, first.nextCursor!],
    ] as const) {
      const err = await page({ ...query, cursor }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({
        kind: 'validation',
        code: 'request.cursor_invalid',
        details: [{ path: 'cursor' }],
      });
    }
  });

  it('getItems answers in the order asked, repeats included, and names a missing item', async () => {
    const ids = [batches[2]![5]!.itemId, batches[0]![0]!.itemId, batches[2]![5]!.itemId];
    expect((await getItems(ids)).map((i) => i.itemId)).toEqual(ids);
    await expect(getItems([ids[0]!, 'no-such-item'])).rejects.toThrow(NotFound);
  });
});
