/**
 * An execution reaching the execution lifetime (Standard: one year; 30 days here, so that the
 * scenario stays short) ends TIMED_OUT with States.Timeout; the reconciler (daily on AWS)
 * gives the item its next generation, which carries the timers: they are recomputed from the
 * recorded state, so the claim window still closes at its recorded instant. Continue-as-new
 * (continue-as-new.test.ts) hands over before the limit; here the hand-over age keeps its
 * default of 300 days, so this is the fallback: an execution from before continue-as-new, or
 * one whose hand-over did not happen.
 */

import type { LocalRuntime } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcile } from '../../../functions/app/reconcile.ts';
import { getItem, itemPk } from '../../../functions/data/items.ts';
import type { Item } from '../../../functions/domain/model.ts';
import {
  DAY,
  itemExecutionArn,
  newItem,
  publish,
  seedUnits,
  settle,
  settleItem,
  startHarness,
} from '../../support/workflow-harness.ts';

const LIFETIME_DAYS = 30;
let rt: LocalRuntime;
let item: Item;
let closesAt: number;

beforeAll(async () => {
  rt = await startHarness({ executionLifetimeSeconds: LIFETIME_DAYS * 24 * 3600 });
  await seedUnits();
  item = await newItem();
  await publish(rt, item, 40);
  closesAt = new Date((await getItem(item.itemId)).claimWindow!.closesAt).getTime();
  await settleItem(rt, item, 'ClaimWindowOpen');
}, 60_000);
afterAll(async () => {
  await rt?.stop();
});

describe('execution lifetime', () => {
  it('at the limit the execution ends TIMED_OUT with States.Timeout, the item still published', async () => {
    rt.clock.advance(LIFETIME_DAYS * DAY + 1000);
    const done = await rt.engine.waitForExecution(itemExecutionArn(item));
    expect(done).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect((await getItem(item.itemId)).status).toBe('published');
  });

  it('the reconciler starts the next generation, which closes the window at its recorded instant', async () => {
    const r = await reconcile({ actor: { role: 'system', sub: 'test-lifetime' } });
    expect(r.items).toMatchObject({ found: 1, restarted: 1, gone: 0 });
    await settleItem(rt, item, 'ClaimWindowOpen', 2);
    rt.clock.advance(closesAt - rt.clock.now().getTime() - 60_000);
    await new Promise((res) => setTimeout(res, 50));
    expect((await getItem(item.itemId)).status).toBe('published');
    rt.clock.advance(2 * 60_000);
    await settle(rt, itemExecutionArn(item, 2), 'Unclaimed', itemPk(item.itemId));
    expect((await getItem(item.itemId)).status).toBe('unclaimed');
  });
});
