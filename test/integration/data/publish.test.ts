/** Publishing a batch is all or nothing: the batch record, every item and its audit event. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishBatch } from '../../../functions/app/commands/items.ts';
import { readTrail } from '../../../functions/data/audit.ts';
import { batchesOf } from '../../../functions/data/batches.ts';
import { getItem, itemPk } from '../../../functions/data/items.ts';
import { coverTestYears } from '../../support/calendar.ts';
import {
  createUnits,
  expectDomainError,
  installRecordingPort,
  itemInProgress,
  newItem,
  office,
  publish,
  type RecordingPort,
  TestClock,
} from '../../support/fixtures.ts';
import { freshTables } from '../../support/tables.ts';

let clock: TestClock;
let port: RecordingPort;

beforeAll(async () => {
  await freshTables();
  // Its clock is in the 2030s, which the package does not cover: test tables, not official ones.
  await coverTestYears(2027, 2040);
  port = installRecordingPort();
  clock = new TestClock('2031-04-22T01:00:00Z');
  await createUnits(['meilin']);
});
afterAll(() => TestClock.restore());

describe('publishBatch', () => {
  it('publishes nothing when one item may not be published', async () => {
    const fresh = await Promise.all([newItem({ year: 2031 }), newItem({ year: 2031 })]);
    const { item: busy } = await itemInProgress(clock, { year: 2031, unitId: 'meilin' });
    const batchesBefore = (await batchesOf(2031)).length;
    const startsBefore = port.starts.length;

    await expectDomainError(
      publish(clock, 2031, [fresh[0]!.itemId, busy.itemId, fresh[1]!.itemId]),
      'rule',
      'item.publish.not_allowed_when_in_progress',
    );

    expect(await batchesOf(2031)).toHaveLength(batchesBefore);
    for (const f of fresh) {
      expect((await getItem(f.itemId)).status).toBe('draft');
      expect((await readTrail(itemPk(f.itemId))).map((e) => e.type)).toEqual(['item.created']);
    }
    expect(port.starts.length).toBe(startsBefore);
  });

  it('publishes every item with the batch and starts each workflow once', async () => {
    const items = await Promise.all([1, 2, 3].map(() => newItem({ year: 2031 })));
    const batch = await publish(
      clock,
      2031,
      items.map((i) => i.itemId),
    );
    expect(batch.counts).toEqual({ total: 3, classA: 3, classB: 0 });
    for (const i of items) {
      const stored = await getItem(i.itemId);
      expect(stored.status).toBe('published');
      expect(stored.batchNo).toBe(batch.batchNo);
      expect(port.starts.filter((s) => s.name === `${i.itemId}--g1`)).toHaveLength(1);
    }
  });

  it('takes at most 48 items (one transaction)', async () => {
    const ids = Array.from({ length: 49 }, (_, n) => `x-${n}`);
    const err = await expectDomainError(
      publishBatch({ actor: office }, 2031, {
        itemIds: ids,
        claimWindow: { closesAt: clock.iso(86_400_000) },
      }),
      'validation',
    );
    expect(err.details.map((d) => d.path)).toContain('itemIds');
  });
});
