/**
 * Supporting units (协办) report on their part of an item in progress: new records each time,
 * on the item's trail; only a supporting unit files; everyone who reads the item's progress
 * reads them, who filed them only the lead unit, the reporting unit and HQ.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportSupport } from '#app/commands/office.ts';
import { reportCompletion } from '#app/commands/work.ts';
import { readTrail } from '#data/audit.ts';
import { itemPk } from '#data/items.ts';
import type { Item } from '#domain/model.ts';
import { officeOperations } from '../../../functions/api/office.ts';
import { expectDomainError, office, type TestClock, unitActor } from '../../support/fixtures.ts';
import { itemOf, setUp, tearDown } from './setup.ts';

let clock: TestClock;
let item: Item;

beforeAll(async () => {
  clock = await setUp(['lead', 'helper', 'stranger']);
  item = (await itemOf(clock, 'lead', ['helper'])).item;
});
afterAll(tearDown);

const list = async (actor: ReturnType<typeof unitActor>) =>
  (await officeOperations.listSupportReports({
    actor,
    params: { id: item.itemId },
    query: { limit: 25 },
  } as never)) as { items: Record<string, unknown>[] };

describe('supporting reports', () => {
  it('a supporting unit files them, as new records on the trail; nobody else does', async () => {
    const a = await reportSupport({ actor: unitActor('helper') }, item.itemId, {
      text: '管线迁改方案已会审。',
      percentOfPart: 40,
    });
    clock.advance(60_000);
    const b = await reportSupport({ actor: unitActor('helper') }, item.itemId, { text: '配合施工进场。' });
    expect(a).toMatchObject({ unitId: 'helper', percentOfPart: 40, reportedBy: 'u-helper' });
    expect(b.reportId).not.toBe(a.reportId);
    for (const actor of [unitActor('lead'), unitActor('stranger'), office])
      await expectDomainError(
        reportSupport({ actor }, item.itemId, { text: 'x' }),
        'forbidden',
        'auth.not_supporting_unit',
      );
    const events = (await readTrail(itemPk(item.itemId))).filter((e) => e.type === 'support.reported');
    expect(events.map((e) => e.data)).toEqual([
      { unitId: 'helper', reportId: a.reportId, percentOfPart: 40 },
      { unitId: 'helper', reportId: b.reportId },
    ]);
  });

  it('are read as progress is: who filed them only by the lead, the reporter and HQ', async () => {
    expect((await list(unitActor('lead'))).items.map((r) => r.text)).toEqual([
      '管线迁改方案已会审。',
      '配合施工进场。',
    ]);
    expect((await list(unitActor('helper'))).items[0]).toHaveProperty('reportedBy');
    const stranger = (await list(unitActor('stranger'))).items;
    expect(stranger).toHaveLength(2);
    for (const r of stranger) expect(r).not.toHaveProperty('reportedBy');
  });

  it('only while the item is in progress', async () => {
    await reportCompletion({ actor: unitActor('lead') }, item.itemId, { summary: 'Done.', results: [] });
    await expectDomainError(
      reportSupport({ actor: unitActor('helper') }, item.itemId, { text: 'late' }),
      'rule',
      'support.item_not_in_progress',
    );
  });
});
