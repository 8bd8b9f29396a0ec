/**
 * The public list reads its batches' items in ceil(n / 100) BatchGetItem requests, not one
 * GetItem an item (the bench's "first list rows" row found the board waiting on hundreds of
 * sequential reads), and answers them in batch order.
 */
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { publicOperations } from '../../../functions/api/operations.ts';
import { perInvocation } from '../../../functions/app/calendar.ts';
import { BATCH_GET_KEYS, documentClient } from '../../../functions/data/db.ts';
import { getItems } from '../../../functions/data/items.ts';
import { NotFound } from '../../../functions/domain/errors.ts';
import type { Item } from '../../../functions/domain/model.ts';
import { coverTestYears } from '../../support/calendar.ts';
import { createUnits, installRecordingPort, newItem, publish, TestClock } from '../../support/fixtures.ts';
import { freshTables } from '../../support/tables.ts';

let clock: TestClock;
const batches: Item[][] = [];

beforeAll(async () => {
  await freshTables();
  await coverTestYears(2027, 2040);
  installRecordingPort();
  clock = new TestClock('2031-04-22T01:00:00Z');
  await createUnits(['meilin']);
  // Three batches of 49 (a batch's limit): 147 items, more than one BatchGetItem takes.
  for (let b = 0; b < 3; b++) {
    const items: Item[] = [];
    for (let i = 0; i < 49; i++) items.push(await newItem({ year: 2031 }));
    await publish(
      clock,
      2031,
      items.map((i) => i.itemId),
    );
    batches.push(items);
  }
}, 180_000);
afterAll(() => TestClock.restore());

/** The DynamoDB commands sent while `fn` runs, by name. */
async function commandsDuring(fn: () => Promise<unknown>): Promise<Map<string, number>> {
  const client = documentClient();
  const counts = new Map<string, number>();
  const send = client.send.bind(client);
  const spy = vi.spyOn(client, 'send').mockImplementation(((command: { constructor: { name: string } }) => {
    const name = command.constructor.name;
    counts.set(name, (counts.get(name) ?? 0) + 1);
    return send(command as never);
  }) as never);
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return counts;
}

describe('the public list', () => {
  it('reads 147 items of three batches in two BatchGetItem requests, no GetItem an item', async () => {
    let answer:
      | { batches: { batchNo: number }[]; items: { itemId: string; batchNo: number | null }[] }
      | undefined;
    // As the handler runs it: one invocation (the calendar's tables are read once in it).
    const counts = await commandsDuring(() =>
      perInvocation(async () => {
        const r = await publicOperations.publicList({
          actor: undefined,
          params: { year: 2031 },
          query: {},
          body: undefined,
        });
        answer = r as typeof answer;
      }),
    );
    expect(counts.get(BatchGetCommand.name)).toBe(Math.ceil(147 / BATCH_GET_KEYS));
    // Only the calendar's tables (the year and the next), read once.
    expect(counts.get(GetCommand.name) ?? 0).toBeLessThanOrEqual(2);
    // In batch order, each with its batch number.
    const listed = answer!.items.filter((i) => i.batchNo !== null);
    expect(listed.map((i) => i.itemId)).toEqual(batches.flat().map((i) => i.itemId));
    expect(answer!.batches.map((b) => b.batchNo)).toEqual(listed.length ? [1, 2, 3] : []);
  });

  it('getItems answers in the order asked, repeats included, and names a missing item', async () => {
    const ids = [batches[2]![5]!.itemId, batches[0]![0]!.itemId, batches[2]![5]!.itemId];
    expect((await getItems(ids)).map((i) => i.itemId)).toEqual(ids);
    await expect(getItems([ids[0]!, 'no-such-item'])).rejects.toThrow(NotFound);
  });
});
