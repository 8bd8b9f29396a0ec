/** ApiRead (signed-in reads) routes — class B proposals declared bottom-up by units and reviewed by the office. */
import * as z from 'zod/mini';
import { Id, ProposalStatus } from '#domain/model.ts';
import { HQ, route } from '../../route.ts';
import { query } from '../../schemas.ts';

export const proposalsRoutes = [
  route({
    method: 'GET',
    path: '/v1/proposals',
    operationId: 'listProposals',
    summary: 'Proposals of a year',
    auth: [...HQ, 'unit'],
    function: 'ApiRead',
    get query() {
      return z.strictObject({
        get year() {
          return z.optional(query.YearParam);
        },
        get status() {
          return z.optional(ProposalStatus);
        },
        get unit() {
          return z.optional(Id);
        },
        limit: query.Limit,
        cursor: query.Cursor,
      });
    },
    response: {
      status: 200,
      schema: 'ProposalPage',
      description: 'A page of proposals of the year (the current year unless `year` is given).',
    },
    errors: [400],
  }),
] as const;
