/**
 * The HTTP contract of every route, derived from its declaration (routes/*.ts): what a caller
 * may send (path parameters, query, body, an example) and what it gets back, per status: the
 * declared success and errors, plus the errors every route of its kind can give. The OpenAPI
 * document (openapi.ts) is generated from it, and test/support/contract.ts checks real
 * responses against it. No Lambda imports it.
 */
import type * as z from 'zod/mini';
import { responses as bodies, ERRORS, type ResponseContract } from './responses.ts';
import type { RouteDeclaration } from './route.ts';
import { routes } from './routes/index.ts';
import type { ErrorStatus } from './schemas.ts';

export { ERRORS, ErrorBody, GatewayError, type ResponseContract } from './responses.ts';
export type { ErrorStatus } from './schemas.ts';

export interface OperationContract {
  readonly operationId: string;
  readonly request: {
    readonly params?: z.ZodMiniObject;
    readonly query?: z.ZodMiniObject;
    readonly body?: z.ZodMiniType;
    /** A valid body, shown in the document (and checked against `body` by the tests and the linter). */
    readonly example?: unknown;
  };
  /** By HTTP status. */
  readonly responses: Readonly<Record<number, ResponseContract>>;
}

/** The contract of one declared route. */
export function contractOfRoute(route: RouteDeclaration): OperationContract {
  const statuses = new Set<ErrorStatus>([...route.errors, 429, 500, 503]);
  if (route.auth !== 'public') {
    statuses.add(401);
    statuses.add(403);
  }
  if (route.method !== 'GET') {
    for (const s of [400, 409, 413, 422] as const) statuses.add(s);
  }
  const responses: Record<number, ResponseContract> = {
    [route.response.status]: {
      description: route.response.description,
      schema: bodies[route.response.schema],
      ...(route.response.mediaTypes ? { mediaTypes: route.response.mediaTypes } : {}),
    },
  };
  for (const s of [...statuses].sort((a, b) => a - b)) responses[s] = ERRORS[s];
  return {
    operationId: route.operationId,
    request: {
      ...(route.params ? { params: route.params } : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(route.body ? { body: route.body } : {}),
      ...(route.body && route.example !== undefined ? { example: route.example } : {}),
    },
    responses,
  };
}

/** The contract of every operation, by operationId. */
export const contract: Readonly<Record<string, OperationContract>> = Object.fromEntries(
  routes.map((r) => [r.operationId, contractOfRoute(r)]),
);

/** The declared example body of every route that takes one, by operationId. */
export const BODY_EXAMPLES: Readonly<Record<string, unknown>> = Object.fromEntries(
  routes.flatMap((r: RouteDeclaration) => (r.example === undefined ? [] : [[r.operationId, r.example]])),
);

export function contractOf(operationId: string): OperationContract {
  const c = contract[operationId];
  if (!c) throw new Error(`no operation ${operationId} in the contract`);
  return c;
}
