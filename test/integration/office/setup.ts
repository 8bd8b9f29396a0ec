/**
 * What the office's verb tests share (test/integration/office/*.test.ts): fresh tables, test
 * calendars for the 2030s, a recording workflow port, the application clock, units, and an
 * item with a lead and a supporting unit put in progress through the commands.
 */
import { award, claim } from '#app/commands/claims.ts';
import { answerInquiry, decideInquiry } from '#app/commands/inquiries.ts';
import { createItem } from '#app/commands/items.ts';
import { acknowledge, reportViolation } from '#app/commands/work.ts';
import { setWorkflowPort } from '#app/ports.ts';
import type { Item, Order } from '#domain/model.ts';
import { coverTestYears } from '../../support/calendar.ts';
import {
  commander,
  createUnits,
  inspector,
  installRecordingPort,
  itemInput,
  managerOf,
  office,
  publish,
  TestClock,
  unitActor,
} from '../../support/fixtures.ts';
import { freshTables } from '../../support/tables.ts';

export const YEAR = 2031;

export async function setUp(units: readonly string[]): Promise<TestClock> {
  await freshTables();
  await coverTestYears(2027, 2040);
  installRecordingPort();
  const clock = new TestClock('2031-06-02T02:00:00Z');
  await createUnits(units);
  return clock;
}

export function tearDown(): void {
  setWorkflowPort(undefined);
  TestClock.restore();
}

/** An item led by `unitId` with `supporting` units: awarded, and acknowledged unless told not to. */
export async function itemOf(
  clock: TestClock,
  unitId: string,
  supporting: readonly string[] = [],
  opts: { acknowledged?: boolean } = {},
): Promise<{ item: Item; order: Order }> {
  const item = await createItem(
    { actor: office },
    { ...itemInput({ year: YEAR }), supportingUnitIds: [...supporting] },
  );
  await publish(clock, YEAR, [item.itemId]);
  const c = await claim({ actor: unitActor(unitId) }, item.itemId, {
    plan: 'We lead it with two teams',
    managerId: managerOf(unitId),
  });
  const order = await award({ actor: commander }, item.itemId, c.claimId, {});
  if (opts.acknowledged !== false)
    await acknowledge({ actor: unitActor(unitId) }, order.orderId, { note: 'signed' });
  return { item, order };
}

/** An inquiry on the item, answered by the unit and escalated by the office. */
export async function escalatedInquiry(itemId: string, unitId: string): Promise<Order> {
  const inquiry = await reportViolation({ actor: inspector }, itemId, {
    description: 'Suspected splitting of a works contract (invented).',
  });
  await answerInquiry({ actor: unitActor(unitId) }, inquiry.orderId, {
    text: 'We explain.',
    rectificationPlan: 'We fix it.',
  });
  return decideInquiry({ actor: office }, inquiry.orderId, { outcome: 'escalated', note: 'Referred on.' });
}
