/** ApiPublic (public, unauthenticated reads) routes — what anyone may read without a token: the published list, notices, statistics, rankings, units, an item. */
import * as z from 'zod';
import { route } from '../../route.ts';
import { Cursor, Limit, params, READ, YearParam } from '../../schemas.ts';

export const boardRoutes = [
  route({
    method: 'GET',
    path: '/v1/public/lists/{year}',
    operationId: 'publicList',
    summary: 'The published list of a year with claimants and status',
    auth: 'public',
    function: 'ApiPublic',
    params: params.year,
    response: {
      status: 200,
      schema: 'PublicList',
      description: 'The published batches of the year and their items.',
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
    query: z.strictObject({
      year: YearParam.optional(),
      limit: Limit,
      cursor: Cursor,
    }),
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
    params: params.year,
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
    params: params.period,
    response: {
      status: 200,
      schema: 'Rankings',
      description: 'Unit rankings within peer groups and item ranks of the period.',
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
    response: {
      status: 200,
      schema: 'PublicUnits',
      description: 'Every unit with its English and Chinese names and its peer group.',
    },
    errors: [],
  }),
  route({
    method: 'GET',
    path: '/v1/public/items/{id}',
    operationId: 'publicItem',
    summary: 'An item of the published list: plan, milestones, targets, progress, orders in summary',
    auth: 'public',
    function: 'ApiPublic',
    params: params.itemId,
    response: {
      status: 200,
      schema: 'PublicItemPage',
      description:
        'An item on the published list: plan, milestones, targets, progress and orders in summary.',
    },
    errors: READ,
  }),
] as const;
