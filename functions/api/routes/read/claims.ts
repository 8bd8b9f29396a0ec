/** ApiRead (signed-in reads) routes — claiming (揭榜), awarding (挂帅), direct assignment and reopening. */
import { HQ, route } from '../../route.ts';
import { params, READ } from '../../schemas.ts';

export const claimsRoutes = [
  route({
    method: 'GET',
    path: '/v1/items/{id}/claims',
    operationId: 'listClaims',
    summary: 'Claims of an item',
    auth: [...HQ, 'unit'],
    function: 'ApiRead',
    params: params.itemId,
    response: {
      status: 200,
      schema: 'ClaimList',
      description: 'The claims of the item.',
    },
    errors: READ,
  }),
] as const;
