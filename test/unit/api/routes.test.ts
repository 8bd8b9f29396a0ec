/**
 * Each declared route is served by the operation of its own function, and each function's
 * operations are exactly its routes: every API bundle carries its own operations and no others.
 */
import { describe, expect, it } from 'vitest';
import { documentOperations } from '../../../functions/api/documents.ts';
import type { Operation } from '../../../functions/api/http.ts';
import { publicOperations, readOperations, writeOperations } from '../../../functions/api/operations.ts';
import { type RouteDeclaration, routes } from '../../../infra/resources/routes.ts';

const byFunction: Record<RouteDeclaration['function'], Readonly<Record<string, Operation>>> = {
  ApiPublic: publicOperations,
  ApiRead: readOperations,
  ApiWrite: writeOperations,
  Documents: documentOperations,
};

describe.each(Object.entries(byFunction))('%s', (fn, ops) => {
  it('has an operation for each of its routes and none for another function’s', () => {
    const served = routes.filter((r) => r.function === fn).map((r) => r.operationId);
    expect(Object.keys(ops).sort()).toEqual(served.sort());
  });
});
