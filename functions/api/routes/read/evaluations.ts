/** ApiRead (signed-in reads) routes — periodic evaluations and rankings. */
import * as z from 'zod/mini';
import { ALL, route } from '../../route.ts';
import { params, query, READ } from '../../schemas.ts';

export const evaluationsRoutes = [
  route({
    method: 'GET',
    path: '/v1/evaluations/{period}',
    operationId: 'getEvaluation',
    summary: 'Results of an evaluation period',
    auth: ALL,
    function: 'ApiRead',
    get params() {
      return params.period;
    },
    get query() {
      return z.strictObject({ limit: query.WideLimit, cursor: query.Cursor, draftsCursor: query.Cursor });
    },
    response: {
      status: 200,
      schema: 'Evaluation',
      description:
        'The summary and unit rankings of the period (one record, bounded by the number of units ranked), a page of its item results (`cursor` → `nextCursor`) and a page of its inquiry drafts (`draftsCursor` → `nextDraftsCursor`).',
    },
    errors: READ,
  }),
] as const;
