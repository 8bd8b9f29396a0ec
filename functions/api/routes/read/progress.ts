/** ApiRead (signed-in reads) routes — progress and completion reports, verification, suspected violations. */
import * as z from 'zod/mini';
import { ALL, route } from '../../route.ts';
import { params, query, READ } from '../../schemas.ts';

export const progressRoutes = [
  route({
    method: 'GET',
    path: '/v1/items/{id}/progress',
    operationId: 'listProgress',
    summary: 'Progress reports of an item',
    auth: ALL,
    function: 'ApiRead',
    get params() {
      return params.itemId;
    },
    get query() {
      return z.strictObject({ limit: query.Limit, cursor: query.Cursor });
    },
    response: {
      status: 200,
      schema: 'ProgressPage',
      description: 'A page of the item’s progress reports, oldest first.',
    },
    errors: READ,
  }),
] as const;
