/**
 * Item queries (functions/data/items.ts listItems): by year, kind, status, class, category,
 * lead unit and manager, page by page with cursors. Every matching item comes back exactly
 * once, pages never exceed the limit, and nothing of another year leaks in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assign } from '#app/commands/claims.ts';
import { setWorkflowPort } from '#app/ports.ts';
import { CursorInvalid } from '#data/db.ts';
import { type ItemFilter, itemsOfYear, listItems } from '#data/items.ts';
import { listOrders } from '#data/orders.ts';
import { listUnits } from '#data/units.ts';
import { DomainError } from '#domain/errors.ts';
import type { Item } from '#domain/model.ts';
import { coverTestYears } from '../../support/calendar.ts';
import {
  commander,
  createUnits,
  installRecordingPort,
  managerOf,
  newItem,
  publish,
  TestClock,
} from '../../support/fixtures.ts';
import { freshTables } from '../../support/tables.ts';

const YEAR = 2035;
const UNITS = ['meilin', 'xiangmihu'];
const KINDS = ['task', 'project', 'reform'] as const;
const CATEGORIES = ['strategic', 'siege', 'bottom-line'] as const;

let clock: TestClock;
/** The items of YEAR as they stand after setup. */
let expected: Item[] = [];

beforeAll(async () => {
  await freshTables();
  // Its clock is in the 2030s, which the package does not cover: test tables, not official ones.
  await coverTestYears(2027, 2040);
  installRecordingPort();
  clock = new TestClock('2035-02-01T02:00:00Z');
  await createUnits(UNITS);
  // 24 items of the year: every kind, class and category; class B ones led by their unit.
  const created = await Promise.all(
    Array.from({ length: 24 }, (_, i) => {
      const itemClass = i % 4 === 3 ? ('B' as const) : ('A' as const);
      return newItem({
        year: YEAR,
        kind: KINDS[i % 3]!,
        itemClass,
        category: CATEGORIES[Math.floor(i / 3) % 3]!,
        title: `Invented demo item ${i}`,
        ...(itemClass === 'B' ? { leadUnitId: UNITS[Math.floor(i / 4) % 2]! } : {}),
      });
    }),
  );
  // Items of other years must not show up.
  await Promise.all([newItem({ year: YEAR - 1 }), newItem({ year: YEAR + 1, leadUnitId: 'meilin' })]);
  // Ten published, four of those (class A) then assigned: three statuses in play.
  const published = created.slice(0, 10);
  await publish(
    clock,
    YEAR,
    published.map((i) => i.itemId),
  );
  const toAssign = published.filter((i) => i.itemClass === 'A').slice(0, 4);
  for (const [n, item] of toAssign.entries()) {
    const unitId = UNITS[n % 2]!;
    await assign({ actor: commander }, item.itemId, { unitId, managerId: managerOf(unitId) });
  }
  expected = [];
  for await (const item of itemsOfYear(YEAR)) expected.push(item);
});

afterAll(() => {
  setWorkflowPort(undefined);
  TestClock.restore();
});

/** Walks every page of a query; checks the page sizes and that the walk ends. */
async function walk(filter: ItemFilter, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listItems(filter, limit, cursor);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    for (const item of page.items) ids.push(item.itemId);
    cursor = page.nextCursor;
    pages++;
    expect(pages, 'the cursor walk does not end').toBeLessThan(200);
  } while (cursor);
  return { ids, pages };
}

function idsWhere(pred: (i: Item) => boolean): string[] {
  return expected
    .filter(pred)
    .map((i) => i.itemId)
    .sort();
}

describe('listItems', () => {
  it('the setup produced the mix the queries need', () => {
    expect(expected).toHaveLength(24);
    const statuses = new Set(expected.map((i) => i.status));
    expect([...statuses].sort()).toEqual(['awarded', 'draft', 'published']);
    expect(expected.every((i) => i.year === YEAR)).toBe(true);
  });

  const cases: [string, ItemFilter, (i: Item) => boolean][] = [
    ['the whole year', { year: YEAR }, () => true],
    ['a kind', { year: YEAR, kind: 'project' }, (i) => i.kind === 'project'],
    [
      'a kind and a status',
      { year: YEAR, kind: 'task', status: 'published' },
      (i) => i.kind === 'task' && i.status === 'published',
    ],
    ['a status without a kind', { year: YEAR, status: 'draft' }, (i) => i.status === 'draft'],
    ['a status nobody has', { year: YEAR, status: 'completed' }, () => false],
    ['a class', { year: YEAR, itemClass: 'B' }, (i) => i.itemClass === 'B'],
    ['a category', { year: YEAR, category: 'strategic' }, (i) => i.category === 'strategic'],
    ['a lead unit', { year: YEAR, unitId: 'meilin' }, (i) => i.leadUnitId === 'meilin'],
    [
      'a lead unit and a status',
      { year: YEAR, unitId: 'xiangmihu', status: 'awarded' },
      (i) => i.leadUnitId === 'xiangmihu' && i.status === 'awarded',
    ],
    [
      'a lead unit and a kind',
      { year: YEAR, unitId: 'meilin', kind: 'reform' },
      (i) => i.leadUnitId === 'meilin' && i.kind === 'reform',
    ],
    ['a manager', { year: YEAR, managerId: managerOf('meilin') }, (i) => i.managerId === managerOf('meilin')],
  ];

  it.each(cases)(
    'by %s: every item exactly once, across pages of 1, 4 and 100',
    async (_name, filter, pred) => {
      const want = idsWhere(pred);
      for (const limit of [1, 4, 100]) {
        const { ids, pages } = await walk(filter, limit);
        expect(ids.length, `limit ${limit}: duplicates`).toBe(new Set(ids).size);
        expect([...ids].sort(), `limit ${limit}`).toEqual(want);
        if (limit === 1) expect(pages).toBeGreaterThanOrEqual(want.length);
      }
    },
  );

  it('the by-year filters are not empty by accident', () => {
    for (const [name, , pred] of cases.slice(1, 4)) expect(idsWhere(pred).length, name).toBeGreaterThan(0);
    expect(idsWhere((i) => i.leadUnitId === 'meilin').length).toBeGreaterThan(2);
    expect(idsWhere((i) => i.managerId === managerOf('meilin')).length).toBeGreaterThan(0);
  });

  it('returns the stored items themselves, without storage keys', async () => {
    const { items } = await listItems({ year: YEAR, kind: 'task' }, 100);
    for (const item of items) {
      expect(item).not.toHaveProperty('PK');
      expect(item).not.toHaveProperty('GSI1PK');
      expect(item).toEqual(expected.find((e) => e.itemId === item.itemId));
    }
  });

  it('rejects a cursor it did not issue', async () => {
    await expect(listItems({ year: YEAR }, 5, 'not-a-cursor')).rejects.toBeInstanceOf(CursorInvalid);
  });

  // Fixed on 2026-11-25; the bug was: CursorInvalid (functions/data/db.ts) is a plain Error, not a DomainError, so the API
  // (functions/api/router.ts apiHandler) answers a client's bad cursor with a 500 "something
  // went wrong on our side"; a well-formed but forged cursor ('e30' = {}) reaches DynamoDB and
  // fails with its ValidationException, also a 500. Both are the caller's mistake: a 400.
  it('a cursor it did not issue is a validation error the API answers with 400', async () => {
    for (const cursor of ['not-a-cursor', 'e30']) {
      const err = await listItems({ year: YEAR }, 5, cursor).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, cursor).toBeInstanceOf(DomainError);
      expect((err as DomainError).kind, cursor).toBe('validation');
    }
  });
});

/** The JSON inside a cursor, and a cursor made of JSON. */
const inside = (cursor: string) =>
  JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { q: string; k: Record<string, unknown> };
const cursorOf = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const refusedWith = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: unknown) => (e instanceof CursorInvalid ? 'cursor_invalid' : `other: ${(e as Error).message}`),
  );

// Bug (2026-12-01, issue 8): a cursor was any base64 JSON of key attributes (functions/data/db.ts
// decodeCursor), handed to DynamoDB as the ExclusiveStartKey; a key of another partition or
// index fails there ("The provided starting key does not match the range key predicate",
// "Exclusive Start Key must have same size as table's key schema"): a 500 on seven routes.
describe('a cursor is bound to the query that issued it', () => {
  it('a well-formed key of another partition, index or shape is refused, never sent to DynamoDB', async () => {
    const page = await listItems({ year: YEAR }, 2);
    const real = inside(page.nextCursor!);
    expect(Object.keys(real.k).sort()).toEqual(['GSI1PK', 'GSI1SK', 'PK', 'SK']);
    const withKey = (k: Record<string, unknown>) => cursorOf({ q: real.q, k });
    const forged: Record<string, string> = {
      'a raw key, as cursors used to be': cursorOf(real.k),
      'the key of a table record': cursorOf({ PK: 'ITEM#x', SK: 'META' }),
      'another year': withKey({ ...real.k, GSI1PK: `ITEMS#${YEAR + 1}` }),
      'the table key only': withKey({ PK: real.k.PK, SK: real.k.SK }),
      'another index': withKey({ PK: real.k.PK, SK: real.k.SK, GSI2PK: 'UNIT#meilin', GSI2SK: 'ITEM#x' }),
      'an extra attribute': withKey({ ...real.k, GSI3PK: 'x' }),
      'a number for a string': withKey({ ...real.k, GSI1SK: 7 }),
      'an empty sort key': withKey({ ...real.k, GSI1SK: '' }),
      'a lone surrogate': withKey({ ...real.k, GSI1SK: 'task#\ud800' }),
      'a sort key over 1 KB': withKey({ ...real.k, SK: 'x'.repeat(1025) }),
      'another digest': cursorOf({ q: 'AAAAAAAAAAAAAAAAAAAAAA', k: real.k }),
      'an array': cursorOf([real.k]),
      'JSON null': cursorOf(null),
    };
    for (const [what, cursor] of Object.entries(forged)) {
      expect(await refusedWith(listItems({ year: YEAR }, 2, cursor)), what).toBe('cursor_invalid');
    }
    // A key of the query's own partition is a place to resume from, whoever wrote it.
    const resumed = await listItems({ year: YEAR }, 2, withKey({ ...real.k }));
    expect(resumed.items.map((i) => i.itemId)).toEqual(
      (await listItems({ year: YEAR }, 2, page.nextCursor)).items.map((i) => i.itemId),
    );
  });

  it('a cursor of another filter or another listing is refused', async () => {
    const ofYear = (await listItems({ year: YEAR }, 2)).nextCursor!;
    const ofKind = (await listItems({ year: YEAR, kind: 'task' }, 2)).nextCursor!;
    const ofUnit = (await listItems({ year: YEAR, unitId: 'meilin' }, 1)).nextCursor!;
    const ofUnits = (await listUnits(1)).nextCursor!;
    const cases: [string, Promise<unknown>][] = [
      ['year cursor on a kind', listItems({ year: YEAR, kind: 'task' }, 2, ofYear)],
      ['kind cursor on the year', listItems({ year: YEAR }, 2, ofKind)],
      ['kind cursor on another kind', listItems({ year: YEAR, kind: 'project' }, 2, ofKind)],
      ['year cursor with a category filter', listItems({ year: YEAR, category: 'siege' }, 2, ofYear)],
      ['year cursor on another year', listItems({ year: YEAR + 1 }, 2, ofYear)],
      ['unit cursor on another unit', listItems({ year: YEAR, unitId: 'xiangmihu' }, 1, ofUnit)],
      ['units cursor on items', listItems({ year: YEAR }, 2, ofUnits)],
      ['items cursor on units', listUnits(1, ofYear)],
      ['items cursor on orders', listOrders({ year: YEAR }, 1, ofYear)],
      ['items cursor on orders of a type', listOrders({ year: YEAR, type: 'inquiry' }, 1, ofYear)],
    ];
    for (const [what, p] of cases) expect(await refusedWith(p), what).toBe('cursor_invalid');
    // And each one resumes its own query.
    expect((await listItems({ year: YEAR, kind: 'task' }, 2, ofKind)).items.length).toBeGreaterThan(0);
  });
});
