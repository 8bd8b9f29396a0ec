/** ApiRead (signed-in reads) routes — work items (drafts, reads, the audit trail) and the list of a year with its batches. */
import * as z from 'zod/mini';
import { Category, Id, ItemClass, ItemKind, ItemStatus } from '#domain/model.ts';
import { ALL, HQ, route } from '../../route.ts';
import { pageQuery, params, query, READ } from '../../schemas.ts';

export const itemsRoutes = [
  route({
    method: 'GET',
    path: '/v1/items',
    operationId: 'listItems',
    summary: 'Items, filtered, cursor-paginated',
    auth: ALL,
    function: 'ApiRead',
    get query() {
      return z.strictObject({
        get year() {
          return z.optional(query.YearParam);
        },
        get kind() {
          return z.optional(ItemKind);
        },
        get class() {
          return z.optional(ItemClass);
        },
        get category() {
          return z.optional(Category);
        },
        get status() {
          return z.optional(ItemStatus);
        },
        get unit() {
          return z.optional(Id);
        },
        get manager() {
          return z.optional(Id);
        },
        limit: query.Limit,
        cursor: query.Cursor,
      });
    },
    response: {
      status: 200,
      schema: 'ItemPage',
      description: 'A page of items (the current year unless `year` is given).',
    },
    errors: [400],
  }),
  route({
    method: 'GET',
    path: '/v1/items/{id}',
    operationId: 'getItem',
    summary: 'An item',
    auth: ALL,
    function: 'ApiRead',
    get params() {
      return params.itemId;
    },
    response: {
      status: 200,
      schema: 'ItemView',
      description: 'The item: in full for headquarters and its own unit, else as the public board shows it.',
    },
    errors: READ,
  }),
  route({
    method: 'GET',
    path: '/v1/items/{id}/history',
    operationId: 'itemHistory',
    summary: 'Audit trail with its verification',
    auth: [...HQ, 'inspector', 'unit', 'manager'],
    function: 'ApiRead',
    get params() {
      return params.itemId;
    },
    get query() {
      return pageQuery();
    },
    response: {
      status: 200,
      schema: 'ItemHistory',
      description:
        'A page of the item’s audit trail, oldest first, and whether its whole hash chain verifies (the chain is read whole to verify it; the page is bounded).',
    },
    errors: READ,
  }),
  route({
    method: 'GET',
    path: '/v1/lists/{year}',
    operationId: 'getList',
    summary: 'The list of a year: batches and items',
    auth: ALL,
    function: 'ApiRead',
    get params() {
      return params.year;
    },
    get query() {
      return pageQuery();
    },
    response: {
      status: 200,
      schema: 'YearList',
      description: 'A page of the batches of the year with their item ids, in number order.',
    },
    errors: [400],
  }),
] as const;
