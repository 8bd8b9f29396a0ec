/** ApiRead (signed-in reads) routes — periodic evaluations and rankings. */
import { ALL, route } from '../../route.ts';
import { params, READ } from '../../schemas.ts';

export const evaluationsRoutes = [
  route({
    method: 'GET',
    path: '/v1/evaluations/{period}',
    operationId: 'getEvaluation',
    summary: 'Results of an evaluation period',
    auth: ALL,
    function: 'ApiRead',
    params: params.period,
    response: {
      status: 200,
      schema: 'Evaluation',
      description: 'The summary, rankings, item results and inquiry drafts of the period.',
    },
    errors: READ,
  }),
] as const;
