/**
 * The referral (移送) of an escalated inquiry: to whom and when, then the outcome and the
 * closing date — stamps on the order, events on the item's trail, shown in the unit's ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerInquiry } from '#app/commands/inquiries.ts';
import { closeInquiryReferral, referInquiry } from '#app/commands/office.ts';
import { reportViolation } from '#app/commands/work.ts';
import { readTrail } from '#data/audit.ts';
import { itemPk } from '#data/items.ts';
import { getOrder } from '#data/orders.ts';
import type { Order } from '#domain/model.ts';
import { readOperations } from '../../../functions/api/operations.ts';
import {
  commander,
  DAY,
  expectDomainError,
  inspector,
  office,
  type TestClock,
  unitActor,
} from '../../support/fixtures.ts';
import { escalatedInquiry, itemOf, setUp, tearDown, YEAR } from './setup.ts';

let clock: TestClock;
let escalated: Order;
let answered: Order;

beforeAll(async () => {
  clock = await setUp(['lead']);
  const { item } = await itemOf(clock, 'lead');
  escalated = await escalatedInquiry(item.itemId, 'lead');
  const other = await reportViolation({ actor: inspector }, item.itemId, {
    description: 'Another (invented).',
  });
  answered = await answerInquiry({ actor: unitActor('lead') }, other.orderId, {
    text: 'a',
    rectificationPlan: 'b',
  });
});
afterAll(tearDown);

describe('referral of an escalated inquiry', () => {
  it('is recorded once, then closed with its outcome; both on the trail and in the ledger', async () => {
    const referred = await referInquiry({ actor: office }, escalated.orderId, {
      to: '区纪委监委',
      note: '移送追责。',
    });
    expect(referred.referral).toMatchObject({
      to: '区纪委监委',
      referredOn: '2031-06-02',
      note: '移送追责。',
      by: 'office-1',
    });
    expect(referred.status).toBe('escalated');
    await expectDomainError(
      referInquiry({ actor: commander }, escalated.orderId, { to: '区委组织部' }),
      'rule',
      'referral.already_recorded',
    );
    await expectDomainError(
      referInquiry({ actor: office }, answered.orderId, { to: '区委组织部' }),
      'rule',
      'referral.not_escalated',
    );
    await expectDomainError(
      closeInquiryReferral({ actor: office }, escalated.orderId, { outcome: 'x', closedOn: '2031-07-01' }),
      'rule',
      'referral.closed_on_out_of_range',
    );

    clock.advance(30 * DAY);
    const closed = await closeInquiryReferral({ actor: commander }, escalated.orderId, {
      outcome: '对相关责任人予以诫勉谈话。',
      closedOn: '2031-06-30',
    });
    expect(closed.referral).toMatchObject({ outcome: '对相关责任人予以诫勉谈话。', closedOn: '2031-06-30' });
    expect((await getOrder(escalated.orderId)).referral?.closedOn).toBe('2031-06-30');
    await expectDomainError(
      closeInquiryReferral({ actor: office }, escalated.orderId, {
        outcome: 'again',
        closedOn: '2031-06-30',
      }),
      'rule',
      'referral.not_open',
    );

    const events = (await readTrail(itemPk(escalated.itemId))).filter((e) =>
      e.type.startsWith('order.inquiry.referr'),
    );
    expect(events.map((e) => [e.type, e.data.orderId, e.data.to])).toEqual([
      ['order.inquiry.referred', escalated.orderId, '区纪委监委'],
      ['order.inquiry.referral_closed', escalated.orderId, '区纪委监委'],
    ]);

    const ledger = (await readOperations.unitLedger({
      actor: unitActor('lead'),
      params: { unitId: 'lead' },
      query: { year: YEAR },
    } as never)) as { referrals: { orderId: string; referral: { outcome?: string } }[] };
    expect(ledger.referrals).toEqual([
      expect.objectContaining({
        orderId: escalated.orderId,
        referral: expect.objectContaining({ outcome: '对相关责任人予以诫勉谈话。' }),
      }),
    ]);
  });
});
