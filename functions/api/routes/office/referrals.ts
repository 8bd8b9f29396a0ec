/** ApiOffice routes — the referral (移送) of an escalated inquiry, and its outcome. */

import * as z from 'zod/mini';
import { ReferralInput, ReferralOutcomeInput } from '#domain/supervision.ts';
import { HQ, route } from '../../route.ts';
import { params, WRITE } from '../../schemas.ts';

export const referralsRoutes = [
  route({
    method: 'POST',
    path: '/v1/orders/{id}/referral',
    operationId: 'referInquiry',
    summary: 'Record to whom an escalated inquiry was referred',
    auth: HQ,
    function: 'ApiOffice',
    get params() {
      return params.orderId;
    },
    get body() {
      return ReferralInput.clone().register(z.globalRegistry, { id: 'ReferralInput' });
    },
    example: { to: '区纪委监委', referredOn: '2022-07-04', note: '移送追责问责。' },
    response: {
      status: 200,
      schema: 'Order',
      description:
        'The inquiry order with its `referral` stamp (to whom, when, a note), recorded on the item’s trail (`order.inquiry.referred`) and shown in the unit’s ledger. Only an escalated inquiry is referred (422 `referral.not_escalated`), once (422 `referral.already_recorded`), not on a future date (422 `referral.in_future`).',
    },
    errors: WRITE,
  }),
  route({
    method: 'POST',
    path: '/v1/orders/{id}/referral/outcome',
    operationId: 'closeReferral',
    summary: 'Record the outcome of a referred inquiry',
    auth: HQ,
    function: 'ApiOffice',
    get params() {
      return params.orderId;
    },
    get body() {
      return ReferralOutcomeInput.clone().register(z.globalRegistry, { id: 'ReferralOutcomeInput' });
    },
    example: { outcome: '对相关责任人予以诫勉谈话。', closedOn: '2022-08-15' },
    response: {
      status: 200,
      schema: 'Order',
      description:
        'The inquiry order, its referral closed with the outcome and the closing date (`order.inquiry.referral_closed`). The referral must be open (422 `referral.not_open`), the date from the referral’s to today (422 `referral.closed_on_out_of_range`).',
    },
    errors: WRITE,
  }),
] as const;
