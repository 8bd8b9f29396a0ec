/** ApiRead (signed-in reads) routes — claiming (揭榜), awarding (挂帅), direct assignment and reopening. */
import { HQ, route } from '../../route.ts';
import { pageQuery, params, READ } from '../../schemas.ts';

export const claimsRoutes = [
  route({
    method: 'GET',
    path: '/v1/items/{id}/claims',
    operationId: 'listClaims',
    summary: 'Claims of an item',
    auth: [...HQ, 'unit'],
    function: 'ApiRead',
    get params() {
      return params.itemId;
    },
    get query() {
      return pageQuery();
    },
    response: {
      status: 200,
      schema: 'ClaimList',
      description: 'A page of the claims of the item, in unit order (a unit sees its own).',
    },
    errors: READ,
  }),
] as const;
