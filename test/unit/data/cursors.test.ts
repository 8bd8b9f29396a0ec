/**
 * Cursor binding (functions/data/db.ts): a sealed cursor opens only for the identity it was
 * sealed for, and the key shape a query accepts comes from its key condition and tables.ts —
 * every condition form a Query may use, strings compared as DynamoDB does (UTF-8 bytes).
 */
import { describe, expect, it } from 'vitest';
import { CursorInvalid, keyBinding, openCursor, sealCursor } from '../../../functions/data/db.ts';

describe('sealed cursors', () => {
  it('open for the identity they were sealed for, whatever its key order', () => {
    const c = sealCursor({ year: 2022, status: 'issued' }, { t: 1, c: 'x' });
    expect(openCursor(c, { status: 'issued', year: 2022 })).toEqual({ t: 1, c: 'x' });
  });

  it('refuse any other identity, and text that is not a sealed cursor', () => {
    const c = sealCursor({ year: 2022 }, { t: 1 });
    for (const identity of [{ year: 2023 }, { year: 2022, status: 'issued' }, {}, null]) {
      expect(() => openCursor(c, identity), JSON.stringify(identity)).toThrow(CursorInvalid);
    }
    for (const bad of ['', 'not-a-cursor', 'e30', Buffer.from('[1]').toString('base64url'), 'bnVsbA']) {
      expect(() => openCursor(bad, { year: 2022 }), bad).toThrow(CursorInvalid);
    }
  });
});

describe('the key a query resumes from', () => {
  it('a table query: PK and SK, the partition, any sort key', () => {
    const b = keyBinding({
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': 'NOTICES#2022' },
    });
    expect(b.attributes).toEqual(['PK', 'SK']);
    expect(b.partition).toEqual({ name: 'PK', value: 'NOTICES#2022' });
    expect(b.sortAllows('anything')).toBe(true);
  });

  it('an index query with names, in either order, in parentheses', () => {
    const b = keyBinding({
      IndexName: 'GSI2',
      KeyConditionExpression: '(begins_with(#sk, :p)) AND (#pk = :pk)',
      ExpressionAttributeNames: { '#pk': 'GSI2PK', '#sk': 'GSI2SK' },
      ExpressionAttributeValues: { ':pk': 'UNIT#meilin', ':p': 'ITEM#2022#' },
    });
    expect(b.attributes).toEqual(['PK', 'SK', 'GSI2PK', 'GSI2SK']);
    expect(b.partition).toEqual({ name: 'GSI2PK', value: 'UNIT#meilin' });
    expect(b.sortName).toBe('GSI2SK');
    expect(b.sortAllows('ITEM#2022#x')).toBe(true);
    expect(b.sortAllows('ITEM#2023#x')).toBe(false);
  });

  it('comparisons and BETWEEN order strings by their UTF-8 bytes', () => {
    const q = (cond: string, values: Record<string, string>) =>
      keyBinding({
        IndexName: 'GSI1',
        KeyConditionExpression: `GSI1PK = :pk AND ${cond}`,
        ExpressionAttributeValues: { ':pk': 'P', ...values },
      });
    const between = q('GSI1SK BETWEEN :a AND :b', { ':a': 'b', ':b': 'd' });
    expect(['b', 'c', 'd'].map(between.sortAllows)).toEqual([true, true, true]);
    expect(['a', 'da', 'e'].map(between.sortAllows)).toEqual([false, false, false]);
    // U+FFFF sorts after U+1F600 in UTF-16 but before it in UTF-8, as DynamoDB sorts.
    const below = q('GSI1SK < :x', { ':x': '😀' });
    expect(below.sortAllows('\uffff')).toBe(true);
    expect(q('GSI1SK >= :x', { ':x': '😀' }).sortAllows('\uffff')).toBe(false);
    expect(q('GSI1SK = :x', { ':x': 'k' }).sortAllows('k')).toBe(true);
    expect(q('GSI1SK > :x', { ':x': 'k' }).sortAllows('k')).toBe(false);
    expect(q('GSI1SK <= :x', { ':x': 'k' }).sortAllows('k')).toBe(true);
  });

  it('a key condition it cannot read is a programming error, not a silent pass', () => {
    expect(() =>
      keyBinding({
        KeyConditionExpression: 'PK = :pk OR PK = :b',
        ExpressionAttributeValues: { ':pk': 'a', ':b': 'b' },
      }),
    ).toThrow();
    expect(() =>
      keyBinding({ KeyConditionExpression: 'begins_with(SK, :p)', ExpressionAttributeValues: { ':p': 'a' } }),
    ).toThrow();
    expect(() =>
      keyBinding({
        IndexName: 'GSI9',
        KeyConditionExpression: 'GSI9PK = :pk',
        ExpressionAttributeValues: { ':pk': 'a' },
      }),
    ).toThrow();
    expect(() =>
      keyBinding({ KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': 'a' } }),
    ).toThrow();
  });
});
