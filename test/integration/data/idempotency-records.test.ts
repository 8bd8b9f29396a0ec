/**
 * Idempotency-Key records on DynamoDB Local, which never deletes expired items (TTL on AWS
 * deletes them late): an expired record reads as absent and may be replaced; a live one may
 * not. A record is one conditional write of the command's transaction.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { AlreadyAnswered, answeringFor, UnitOfWork } from '../../../functions/data/db.ts';
import { findRecord, putRecord, type RecordScope, recordPut } from '../../../functions/data/idempotency.ts';
import { freshTables } from '../../support/tables.ts';

beforeAll(async () => {
  await freshTables();
});

const T = new Date('2022-07-01T01:00:00Z');
const at = (seconds: number) => new Date(T.getTime() + seconds * 1000);

function scope(id: string, createdAt: Date, ttlSeconds: number, fingerprint = 'f1'): RecordScope {
  return {
    id,
    fingerprint,
    sub: 'office-1',
    request: 'POST /v1/items',
    createdAt,
    expiresAt: new Date(createdAt.getTime() + ttlSeconds * 1000),
  };
}

describe('an Idempotency-Key record', () => {
  it('answers while it lives and reads as absent once expired', async () => {
    const s = scope('rec-live', T, 60);
    expect(await putRecord(s, { status: 201, body: { itemId: 'a', n: 1e15 } })).toBe(true);
    expect(await findRecord('rec-live', at(59))).toEqual({
      id: 'rec-live',
      fingerprint: 'f1',
      answer: { status: 201, body: { itemId: 'a', n: 1e15 } },
    });
    expect(await findRecord('rec-live', at(60))).toBeUndefined();
  });

  it('may not be replaced while it lives, and may be once expired', async () => {
    expect(await putRecord(scope('rec-x', T, 60), { status: 201, body: 'first' })).toBe(true);
    expect(await putRecord(scope('rec-x', at(30), 60, 'f2'), { status: 201, body: 'second' })).toBe(false);
    expect((await findRecord('rec-x', at(31)))?.answer.body).toBe('first');
    expect(await putRecord(scope('rec-x', at(61), 60, 'f2'), { status: 201, body: 'third' })).toBe(true);
    expect(await findRecord('rec-x', at(62))).toMatchObject({ fingerprint: 'f2', answer: { body: 'third' } });
  });

  it('in a transaction: a live record cancels it as AlreadyAnswered; nothing else is written', async () => {
    expect(await putRecord(scope('rec-tx', T, 60), { status: 200, body: 'first' })).toBe(true);
    const request = {
      recorded: false,
      entry: (answer: unknown) => ({
        Put: recordPut(scope('rec-tx', at(1), 60), { status: 200, body: answer }),
      }),
      committed: () => {
        request.recorded = true;
      },
      deferred: () => undefined,
    };
    const uow = new UnitOfWork().create({ PK: 'THING#rec-tx', SK: 'THING', entity: 'thing' });
    await expect(answeringFor(request, () => uow.commit('second'))).rejects.toBeInstanceOf(AlreadyAnswered);
    expect(request.recorded).toBe(false);
    expect((await findRecord('rec-tx', at(2)))?.answer.body).toBe('first');
    // The thing was not written: the same create commits now (outside any request).
    await new UnitOfWork().create({ PK: 'THING#rec-tx', SK: 'THING', entity: 'thing' }).commit('x');
  });
});
