/** Routes: Responsibility, commendation and inquiry orders, and what units do with them. */
import * as z from 'zod';
import { Id, OrderStatus, OrderType } from '#domain/model.ts';
import { ALL, HQ, route } from '../route.ts';
import { bodies, Cursor, Limit, params, READ, WRITE, YearParam } from '../schemas.ts';

export const ordersRoutes = [
  route({
    method: 'GET',
    path: '/v1/orders',
    operationId: 'listOrders',
    summary: 'Orders, filtered',
    auth: ALL,
    function: 'ApiRead',
    query: z.strictObject({
      year: YearParam.optional(),
      type: OrderType.optional(),
      unit: Id.optional(),
      status: OrderStatus.optional(),
      item: Id.optional(),
      limit: Limit,
      cursor: Cursor,
    }),
    response: {
      status: 200,
      schema: 'OrderPage',
      description: 'A page of orders (the current year unless `year` is given).',
    },
    errors: [400],
  }),
  route({
    method: 'GET',
    path: '/v1/orders/{id}',
    operationId: 'getOrder',
    summary: 'An order',
    auth: ALL,
    function: 'ApiRead',
    params: params.orderId,
    response: {
      status: 200,
      schema: 'OrderView',
      description: 'The order: in full for headquarters and the addressed unit, else in summary.',
    },
    errors: READ,
  }),
  route({
    method: 'POST',
    path: '/v1/orders/{id}/acknowledgement',
    operationId: 'acknowledgeOrder',
    summary: 'Acknowledge (签收) a responsibility order',
    auth: ['unit'],
    function: 'ApiWrite',
    params: params.orderId,
    body: bodies.AcknowledgeInput,
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
    params: params.orderId,
    body: bodies.InquiryAnswerInput,
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
    params: params.orderId,
    body: bodies.InquiryDecisionInput,
    example: { outcome: 'rectified', note: 'Back on schedule as of the last report.' },
    response: {
      status: 200,
      schema: 'Order',
      description: 'The inquiry order, closed as rectified or escalated.',
    },
    errors: WRITE,
  }),
] as const;
