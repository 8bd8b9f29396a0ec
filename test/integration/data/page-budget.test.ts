/**
 * The byte budget of a page (issue 12 §3, `PAGE_BYTE_BUDGET` in functions/data/db.ts): on
 * DynamoDB Local, records big enough that 100 of them exceed 1 MB come in pages that stay
 * within the budget, and the pages together hold every record once, in key order — on the
 * table and on an index, with a filter, and when one record is bigger than the budget.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  documentClient,
  keyQuery,
  mainTableName,
  PAGE_BYTE_BUDGET,
  pageOfList,
  type Query,
  queryPage,
} from '../../../functions/data/db.ts';
import { freshTables } from '../../support/tables.ts';

/** About 60 kB of Chinese text (3 bytes a character). */
const BIG = '督办'.repeat(10_000);
const N = 40;

interface Rec {
  n: number;
  note: string;
  odd: boolean;
}

async function put(rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 25) {
    await documentClient().send(
      new BatchWriteCommand({
        RequestItems: { [mainTableName()]: rows.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  }
}

const sk = (n: number) => `R#${String(n).padStart(4, '0')}`;

beforeAll(async () => {
  await freshTables();
  await put(
    Array.from({ length: N }, (_, n) => ({
      PK: 'BUDGET#big',
      SK: sk(n),
      GSI1PK: 'BUDGET#index',
      GSI1SK: sk(n),
      n,
      note: BIG,
      odd: n % 2 === 1,
    })),
  );
});

/** Every page of the query (a safety stop at 100 pages), with each page's JSON size. */
async function pages(query: Query, limit: number, budget?: number) {
  const out: { ns: number[]; bytes: number }[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage<Rec>(query, limit, cursor, budget);
    out.push({ ns: page.items.map((r) => r.n), bytes: Buffer.byteLength(JSON.stringify(page.items)) });
    cursor = page.nextCursor;
  } while (cursor && out.length < 100);
  return out;
}

const all = Array.from({ length: N }, (_, n) => n);

describe('a page within its byte budget', () => {
  it('the table: 40 records of 60 kB (2.4 MB) in pages under the budget, each record once, in order', async () => {
    const got = await pages(keyQuery({ pk: 'BUDGET#big', skPrefix: 'R#' }), 100);
    expect(got.length).toBeGreaterThan(2);
    for (const p of got) expect(p.bytes).toBeLessThanOrEqual(PAGE_BYTE_BUDGET);
    expect(got.flatMap((p) => p.ns)).toEqual(all);
  });

  it('an index, filtered: only the odd records, each once, in order', async () => {
    const q = keyQuery({ index: 'GSI1', pk: 'BUDGET#index', skPrefix: 'R#' });
    const got = await pages(
      {
        ...q,
        FilterExpression: 'odd = :odd',
        ExpressionAttributeValues: { ...q.ExpressionAttributeValues, ':odd': true },
      },
      100,
    );
    for (const p of got) expect(p.bytes).toBeLessThanOrEqual(PAGE_BYTE_BUDGET);
    expect(got.flatMap((p) => p.ns)).toEqual(all.filter((n) => n % 2 === 1));
  });

  it('every cut position, filtered, across DynamoDB’s 1 MB responses: each record once, in order', async () => {
    // DynamoDB returns at most 1 MB a request (about 17 of these records): a page of the odd
    // records spans requests, and one budget or another cuts at each position, a request's
    // first record included (the page resumes where that request started).
    const q = keyQuery({ index: 'GSI1', pk: 'BUDGET#index', skPrefix: 'R#' });
    const odd = {
      ...q,
      FilterExpression: 'odd = :odd',
      ExpressionAttributeValues: { ...q.ExpressionAttributeValues, ':odd': true },
    };
    for (let k = 1; k <= 14; k++) {
      const got = await pages(odd, 100, k * 60_100 + 50);
      expect(
        got.flatMap((p) => p.ns),
        `budget of ${k} records`,
      ).toEqual(all.filter((n) => n % 2 === 1));
      expect(Math.max(...got.map((p) => p.ns.length))).toBeLessThanOrEqual(k);
    }
    const few = await pages(keyQuery({ pk: 'BUDGET#big', skPrefix: 'R#' }), 7);
    expect(few.flatMap((p) => p.ns)).toEqual(all);
    expect(Math.max(...few.map((p) => p.ns.length))).toBe(7);
  });

  it('a record bigger than the budget comes alone on its page, and the next page follows it', async () => {
    const got = await pages(keyQuery({ pk: 'BUDGET#big', skPrefix: 'R#' }), 100, 1_000);
    expect(got.every((p) => p.ns.length === 1)).toBe(true);
    expect(got.flatMap((p) => p.ns)).toEqual(all);
  });

  it('a list read whole (pageOfList) is cut the same way', () => {
    const list = all.map((n) => ({ key: sk(n), note: BIG }));
    const ids: string[] = [];
    let cursor: string | undefined;
    let count = 0;
    do {
      const page = pageOfList({ test: 'budget' }, list, (e) => e.key, 100, cursor);
      expect(Buffer.byteLength(JSON.stringify(page.items))).toBeLessThanOrEqual(PAGE_BYTE_BUDGET);
      ids.push(...page.items.map((e) => e.key));
      cursor = page.nextCursor;
      count++;
    } while (cursor && count < 100);
    expect(count).toBeGreaterThan(2);
    expect(ids).toEqual(list.map((e) => e.key));
  });
});
