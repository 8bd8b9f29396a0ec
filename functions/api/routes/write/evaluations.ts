/** ApiWrite (commands) routes — periodic evaluations and rankings. */

import { bodies } from '../../bodies.ts';
import { HQ, route } from '../../route.ts';
import { WRITE } from '../../schemas.ts';

export const evaluationsRoutes = [
  route({
    method: 'POST',
    path: '/v1/evaluations',
    operationId: 'runEvaluation',
    summary: 'Run an evaluation now',
    auth: HQ,
    function: 'ApiWrite',
    get body() {
      return bodies.EvaluationRequest;
    },
    example: { period: '2022-05' },
    response: {
      status: 202,
      schema: 'EvaluationRun',
      description:
        'Starts the Evaluation workflow for the period, as the monthly schedule does (a re-run of a period gives the same results), or confirms inquiry drafts at once. Only an ended period (a month whose last Beijing day is over) is evaluated: the current or a future month is 422 `evaluation.period_not_ended`.',
    },
    errors: WRITE,
  }),
] as const;
