/** ApiPublic (public, unauthenticated reads) routes — what anyone may read without a token: the published list, notices, statistics, rankings, units, an item. */
import * as z from 'zod/mini';
import { Category, fromText, Id, ItemClass, ItemKind, ItemStatus, PageSize } from '#domain/model.ts';
import { PUBLIC_CACHE_SECONDS, route } from '../../route.ts';
import { pageQuery, params, query, READ } from '../../schemas.ts';

export const boardRoutes = [
  route({
    method: 'GET',
    path: '/v1/public/lists/{year}',
    operationId: 'publicList',
    summary: 'The published list of a year with claimants and status, a page at a time',
    auth: 'public',
    function: 'ApiPublic',
    cacheSeconds: PUBLIC_CACHE_SECONDS,
    get params() {
      return params.year;
    },
    get query() {
      return z.strictObject({
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
        get limit() {
          return z._default(fromText(PageSize), 100);
        },
        cursor: query.Cursor,
      });
    },
    response: {
      status: 200,
      schema: 'PublicList',
      description:
        'A page of the published list of the year (at most 100 items: batch after batch, then the items assigned without a batch; filtered, in the filter index’s order) with the batches of its items; each filter is served by an index key.',
    },
    errors: [400],
  }),
  route({
    method: 'GET',
    path: '/v1/public/notices',
    operationId: 'publicNotices',
    summary: 'Public notices',
    auth: 'public',
    function: 'ApiPublic',
    cacheSeconds: PUBLIC_CACHE_SECONDS,
    get query() {
      return z.strictObject({
        get year() {
          return z.optional(query.YearParam);
        },
        limit: query.Limit,
        cursor: query.Cursor,
      });
    },
    response: {
      status: 200,
      schema: 'NoticePage',
      description:
        'A page of the public notices of the year (the current year unless `year` is given), newest first.',
    },
    errors: [400],
  }),
  route({
    method: 'GET',
    path: '/v1/public/stats/{year}',
    operationId: 'publicStats',
    summary: 'Statistics of a year',
    auth: 'public',
    function: 'ApiPublic',
    cacheSeconds: PUBLIC_CACHE_SECONDS,
    get params() {
      return params.year;
    },
    response: {
      status: 200,
      schema: 'YearStats',
      description: 'Counts, investment and completion of the year.',
    },
    errors: [400],
  }),
  route({
    method: 'GET',
    path: '/v1/public/rankings/{period}',
    operationId: 'publicRankings',
    summary: 'Rankings of an evaluation period',
    auth: 'public',
    function: 'ApiPublic',
    cacheSeconds: PUBLIC_CACHE_SECONDS,
    get params() {
      return params.period;
    },
    get query() {
      return pageQuery();
    },
    response: {
      status: 200,
      schema: 'Rankings',
      description:
        'Unit rankings within peer groups (every ranked unit: one record, bounded by the number of units) and a page of the item ranks of the period, in item order.',
    },
    errors: READ,
  }),
  route({
    method: 'GET',
    path: '/v1/public/units',
    operationId: 'publicUnits',
    summary: 'Units with their names (Chinese and English)',
    auth: 'public',
    function: 'ApiPublic',
    cacheSeconds: PUBLIC_CACHE_SECONDS,
    get query() {
      return pageQuery();
    },
    response: {
      status: 200,
      schema: 'PublicUnits',
      description:
        'A page of the units with their English and Chinese names and their peer group, in peer group and id order.',
    },
    errors: [400],
  }),
  route({
    method: 'GET',
    path: '/v1/public/items/{id}',
    operationId: 'publicItem',
    summary: 'An item of the published list: plan, milestones, targets, progress, orders in summary',
    auth: 'public',
    function: 'ApiPublic',
    cacheSeconds: PUBLIC_CACHE_SECONDS,
    get params() {
      return params.itemId;
    },
    response: {
      status: 200,
      schema: 'PublicItemPage',
      description:
        'An item on the published list: plan, milestones, targets, progress and orders in summary.',
    },
    errors: READ,
  }),
] as const;
