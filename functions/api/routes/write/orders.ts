import { bodies } from '../../bodies.ts';
import { HQ, route } from '../../route.ts';
import { params, WRITE } from '../../schemas.ts';

export const ordersRoutes = [
  route({
    method: 'POST',
    path: '/v1/orders/{id}/acknowledgement',
    operationId: 'acknowledgeOrder',
    summary: 'Acknowledge (签收) a responsibility order',
    auth: ['unit'],
    function: 'ApiWrite',
    get params() {
      return params.orderId;
    },
    get body() {
      return bodies.AcknowledgeInput;
    },
    example: { note: 'Received and signed.' },
    response: {
      status: 200,
      schema: 'Order',
      description: 'The responsibility order, acknowledged.',
    },
    errors: WRITE,
  }),
  route({
    method: 'POST',
    path: '/v1/orders/{id}/responses',
    operationId: 'answerInquiry',
    summary: 'Answer an inquiry order',
    auth: ['unit'],
    function: 'ApiWrite',
    get params() {
      return params.orderId;
    },
    get body() {
      return bodies.InquiryAnswerInput;
    },
    example: {
      text: 'The delay came from the late relocation of a substation.',
      rectificationPlan: 'Night shifts until the end of the month; weekly report to the office.',
    },
    response: {
      status: 200,
      schema: 'Order',
      description: 'The inquiry order, answered.',
    },
    errors: WRITE,
  }),
  route({
    method: 'POST',
    path: '/v1/orders/{id}/decision',
    operationId: 'decideInquiry',
    summary: 'Close an inquiry as rectified or escalate it',
    auth: HQ,
    function: 'ApiWrite',
    get params() {
      return params.orderId;
    },
    get body() {
      return bodies.InquiryDecisionInput;
    },
    example: { outcome: 'rectified', note: 'Back on schedule as of the last report.' },
    response: {
      status: 200,
      schema: 'Order',
      description: 'The inquiry order, closed as rectified or escalated.',
    },
    errors: WRITE,
  }),
] as const;
