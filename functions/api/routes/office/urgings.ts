/** ApiOffice routes — urging (催办): the office or a commander urges a unit on an item. */
import * as z from 'zod/mini';
import { UrgeInput } from '#domain/supervision.ts';
import { ALL, HQ, route } from '../../route.ts';
import { params, query, READ, WRITE } from '../../schemas.ts';

export const urgingsRoutes = [
  route({
    method: 'POST',
    path: '/v1/items/{id}/urgings',
    operationId: 'urgeUnit',
    summary: 'Urge (催办) a unit on an item, or on one of its pending orders',
    auth: HQ,
    function: 'ApiOffice',
    get params() {
      return params.itemId;
    },
    get body() {
      return UrgeInput.clone().register(z.globalRegistry, { id: 'UrgeInput' });
    },
    example: { unitId: 'meilin', orderId: '2022-RES-0003', note: '请于本周内签收责任令并报送推进计划。' },
    response: {
      status: 201,
      schema: 'Urging',
      description:
        'The urging, numbered on the item (`urgeNo`), recorded on its trail (`item.urged`), counted on the item (`urgeCount`) and in the unit’s ledger, and shown in the unit’s inbox. The unit must lead or support the item, the item be awarded or in progress (422 `urge.item_not_active`, `urge.unit_not_on_item`), a named order be the unit’s and pending (422 `urge.order_not_pending`); a unit is urged on an item at most once a Beijing day (422 `urge.already_today`).',
    },
    errors: WRITE,
  }),
  route({
    method: 'GET',
    path: '/v1/items/{id}/urgings',
    operationId: 'listUrgings',
    summary: 'Urgings of an item',
    auth: ALL,
    function: 'ApiOffice',
    get params() {
      return params.itemId;
    },
    get query() {
      return z.strictObject({ limit: query.Limit, cursor: query.Cursor });
    },
    response: {
      status: 200,
      schema: 'UrgingPage',
      description:
        'A page of the item’s urgings, oldest first: all of them for HQ, inspectors and the lead unit’s people; a supporting unit’s own; another unit is refused (403 `auth.not_your_item`), a draft is 404.',
    },
    errors: READ,
  }),
] as const;
