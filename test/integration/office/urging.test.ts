/**
 * Urging (催办): the office or a commander urges a unit on an item or a pending order — once a
 * Beijing day per item and unit, numbered on the item, on its trail, counted in the unit's
 * ledger and shown in its inbox; read by HQ and the lead unit, a supporting unit its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { urge } from '#app/commands/office.ts';
import { inboxOf } from '#app/inbox.ts';
import { readTrail } from '#data/audit.ts';
import { getItem, itemPk } from '#data/items.ts';
import type { Item, Order } from '#domain/model.ts';
import { officeOperations } from '../../../functions/api/office.ts';
import { readOperations } from '../../../functions/api/operations.ts';
import {
  commander,
  DAY,
  expectDomainError,
  office,
  type TestClock,
  unitActor,
} from '../../support/fixtures.ts';
import { itemOf, setUp, tearDown, YEAR } from './setup.ts';

let clock: TestClock;
let running: { item: Item; order: Order };
let awarded: { item: Item; order: Order };

beforeAll(async () => {
  clock = await setUp(['lead', 'helper', 'stranger']);
  running = await itemOf(clock, 'lead', ['helper']);
  awarded = await itemOf(clock, 'lead', [], { acknowledged: false });
});
afterAll(tearDown);

describe('urging a unit', () => {
  it('numbers, records and counts each urging; once a day per item and unit', async () => {
    const id = running.item.itemId;
    const first = await urge({ actor: office }, id, { unitId: 'lead', note: '请加快进度。' });
    expect(first).toMatchObject({
      itemId: id,
      unitId: 'lead',
      urgeNo: 1,
      byRole: 'office',
      date: '2031-06-02',
    });
    await expectDomainError(
      urge({ actor: commander }, id, { unitId: 'lead', note: 'again' }),
      'rule',
      'urge.already_today',
    );
    const helper = await urge({ actor: commander }, id, { unitId: 'helper', note: '请配合。' });
    expect(helper).toMatchObject({ urgeNo: 2, byRole: 'commander' });
    clock.advance(DAY);
    expect((await urge({ actor: office }, id, { unitId: 'lead', note: '第二天' })).urgeNo).toBe(3);

    expect((await getItem(id)).urgeCount).toBe(3);
    const urged = (await readTrail(itemPk(id))).filter((e) => e.type === 'item.urged');
    expect(urged.map((e) => e.data)).toEqual([
      { unitId: 'lead', note: '请加快进度。', urgeNo: 1 },
      { unitId: 'helper', note: '请配合。', urgeNo: 2 },
      { unitId: 'lead', note: '第二天', urgeNo: 3 },
    ]);
    await expectDomainError(
      urge({ actor: office }, id, { unitId: 'stranger', note: 'x' }),
      'rule',
      'urge.unit_not_on_item',
    );
  });

  it('on an order only while it is pending', async () => {
    clock.advance(60_000);
    const u = await urge({ actor: office }, awarded.item.itemId, {
      unitId: 'lead',
      orderId: awarded.order.orderId,
      note: '请签收责任令。',
    });
    expect(u.orderId).toBe(awarded.order.orderId);
    await expectDomainError(
      urge({ actor: office }, running.item.itemId, {
        unitId: 'helper',
        orderId: running.order.orderId,
        note: 'x',
      }),
      'rule',
      'urge.order_not_pending',
    );
  });

  it('reaches the ledger and the inbox; a supporting unit reads only its own', async () => {
    const ledger = (await readOperations.unitLedger({
      actor: unitActor('lead'),
      params: { unitId: 'lead' },
      query: { year: YEAR },
    } as never)) as { urgings: { count: number; latest: { urgeNo: number }[] } };
    expect(ledger.urgings.count).toBe(3);
    expect(ledger.urgings.latest[0]).toMatchObject({ itemId: awarded.item.itemId });

    const inbox = await inboxOf(unitActor('lead'), YEAR);
    expect(
      inbox.entries
        .filter((e) => e.kind === 'urged')
        .map((e) => e.subjectId)
        .sort(),
    ).toEqual([running.item.itemId, awarded.item.itemId].sort());

    const list = (as: ReturnType<typeof unitActor>) =>
      officeOperations.listUrgings({
        actor: as,
        params: { id: running.item.itemId },
        query: { limit: 25 },
      } as never);
    expect(((await list(unitActor('lead'))) as { items: unknown[] }).items).toHaveLength(3);
    expect(
      ((await list(unitActor('helper'))) as { items: { unitId: string }[] }).items.map((u) => u.unitId),
    ).toEqual(['helper']);
    await expectDomainError(list(unitActor('stranger')), 'forbidden', 'auth.not_your_item');
  });
});
