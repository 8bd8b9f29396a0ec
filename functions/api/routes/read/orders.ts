/** ApiRead (signed-in reads) routes — responsibility, commendation and inquiry orders, and what units do with them. */
import * as z from 'zod/mini';
import { Id, OrderStatus, OrderType } from '#domain/model.ts';
import { ALL, route } from '../../route.ts';
import { params, query, READ } from '../../schemas.ts';

export const ordersRoutes = [
  route({
    method: 'GET',
    path: '/v1/orders',
    operationId: 'listOrders',
    summary: 'Orders, filtered',
    auth: ALL,
    function: 'ApiRead',
    get query() {
      return z.strictObject({
        get year() {
          return z.optional(query.YearParam);
        },
        get type() {
          return z.optional(OrderType);
        },
        get unit() {
          return z.optional(Id);
        },
        get status() {
          return z.optional(OrderStatus);
        },
        get item() {
          return z.optional(Id);
        },
        limit: query.Limit,
        cursor: query.Cursor,
      });
    },
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
    get params() {
      return params.orderId;
    },
    response: {
      status: 200,
      schema: 'OrderView',
      description: 'The order: in full for headquarters and the addressed unit, else in summary.',
    },
    errors: READ,
  }),
] as const;
