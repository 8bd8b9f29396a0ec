/** ApiPublic (public, unauthenticated reads) routes — system: liveness and this document. */
import { route } from '../../route.ts';

export const systemRoutes = [
  route({
    method: 'GET',
    path: '/v1/health',
    operationId: 'health',
    summary: 'Liveness: reads the table, 503 when it cannot',
    auth: 'public',
    function: 'ApiPublic',
    response: {
      status: 200,
      schema: 'Health',
      description:
        'Alive and the table readable (one GetItem); the server’s clock. 503 when the table cannot be read.',
    },
    errors: [503],
  }),
  route({
    method: 'GET',
    path: '/v1/openapi.json',
    operationId: 'openapi',
    summary: 'This API as OpenAPI 3.1',
    auth: 'public',
    function: 'ApiPublic',
    response: {
      status: 200,
      schema: 'OpenApiDocument',
      description: 'This API as OpenAPI 3.1.',
    },
    errors: [],
  }),
] as const;
