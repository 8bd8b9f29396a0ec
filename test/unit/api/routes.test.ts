/**
 * The route declarations (functions/api/routes/*.ts): each is served by the operation of its
 * own function, and each function's operations are exactly its routes (every API bundle
 * carries its own operations and no others); the roles of the commands are the product's role
 * table, and the router refuses every other role before anything runs.
 */
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { documentOperations } from '../../../functions/api/documents.ts';
import type { HttpEvent, HttpResult } from '../../../functions/api/http.ts';
import { officeOperations } from '../../../functions/api/office.ts';
import { publicOperations, readOperations, writeOperations } from '../../../functions/api/operations.ts';
import { route } from '../../../functions/api/route.ts';
import { documentsRoutes } from '../../../functions/api/routes/documents/index.ts';
import { officeRoutes } from '../../../functions/api/routes/office/index.ts';
import { publicRoutes } from '../../../functions/api/routes/public/index.ts';
import { readRoutes } from '../../../functions/api/routes/read/index.ts';
import { writeRoutes } from '../../../functions/api/routes/write/index.ts';
import { ROLES } from '../../../functions/domain/model.ts';
import { documentsHandler } from '../../../functions/handlers/api-documents.ts';
import { officeHandler } from '../../../functions/handlers/api-office.ts';
import { publicHandler } from '../../../functions/handlers/api-public.ts';
import { readHandler } from '../../../functions/handlers/api-read.ts';
import { writeHandler } from '../../../functions/handlers/api-write.ts';
import { lazily } from '../../../functions/lib/lazily.ts';
import { type RouteDeclaration, routeKey, routes } from '../../../infra/resources/routes.ts';

const byFunction: Record<RouteDeclaration['function'], object> = {
  ApiPublic: publicOperations,
  ApiRead: readOperations,
  ApiWrite: writeOperations,
  ApiOffice: officeOperations,
  Documents: documentOperations,
};

/** What each function's handler serves (and bundles): its folder's list. */
const listOf: Record<RouteDeclaration['function'], readonly RouteDeclaration[]> = {
  ApiPublic: publicRoutes,
  ApiRead: readRoutes,
  ApiWrite: writeRoutes,
  ApiOffice: officeRoutes,
  Documents: documentsRoutes,
};

describe.each(Object.entries(byFunction))('%s', (fn, ops) => {
  const served = routes.filter((r) => r.function === fn).map((r) => r.operationId);

  it('has an operation for each of its routes and none for another function’s', () => {
    expect(Object.keys(ops).sort()).toEqual(served.sort());
  });

  it('serves the routes of its folder, which are exactly the routes declaring it', () => {
    const list = listOf[fn as RouteDeclaration['function']];
    expect(list.map((r) => r.operationId).sort()).toEqual([...served].sort());
  });
});

describe('every declaration', () => {
  it('is in the list of all routes once, and the list holds nothing else', () => {
    expect(routes).toHaveLength(
      publicRoutes.length +
        readRoutes.length +
        writeRoutes.length +
        officeRoutes.length +
        documentsRoutes.length,
    );
  });

  it('has a unique route key and operationId, and declares every path parameter', () => {
    expect(new Set(routes.map(routeKey)).size).toBe(routes.length);
    expect(new Set(routes.map((r) => r.operationId)).size).toBe(routes.length);
    for (const r of routes) {
      const inPath = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(Object.keys(r.params?.shape ?? {}).sort(), r.operationId).toEqual(inPath);
    }
  });

  it('takes a body exactly when it is a POST or PATCH, with a valid example', () => {
    for (const r of routes) {
      expect(r.body !== undefined, r.operationId).toBe(r.method !== 'GET');
      if (r.body) expect(r.body.safeParse(r.example).success, r.operationId).toBe(true);
    }
  });
});

/** The role table of the product brief (domain.md) for the commands, written out independently. */
const COMMAND_ROLES: Record<string, readonly string[]> = {
  createUnit: ['office'],
  createPerson: ['office', 'unit'],
  createItem: ['office'],
  editItem: ['office'],
  declareProposal: ['unit'],
  decideProposal: ['office', 'commander'],
  publishBatch: ['office'],
  claimItem: ['unit', 'office', 'commander'],
  awardClaim: ['commander', 'office'],
  assignItem: ['commander', 'office'],
  reopenItem: ['office'],
  acknowledgeOrder: ['unit'],
  reportProgress: ['unit', 'manager'],
  reportCompletion: ['unit', 'manager'],
  verifyCompletion: ['office', 'commander'],
  reportViolation: ['inspector'],
  answerInquiry: ['unit'],
  decideInquiry: ['office', 'commander'],
  runEvaluation: ['office', 'commander'],
  loadCalendarYear: ['office'],
  opsRestartWorkflow: ['office'],
  reconcileWorkflows: ['office'],
  // Issue 13: the office imports items (drafts); a unit or manager reports progress, in bulk too.
  importItems: ['office'],
  importProgress: ['unit', 'manager'],
  // Issue 13, the verbs of supervision: the lead unit (or its manager) asks for an extension,
  // headquarters decides; the commander reassigns; a unit withdraws its own claim.
  requestExtension: ['unit', 'manager'],
  decideExtension: ['commander', 'office'],
  reassignItem: ['commander'],
  withdrawClaim: ['unit'],
  // Issue 13 §6–7: urging, supporting reports, referrals; the rules as data.
  urgeUnit: ['office', 'commander'],
  reportSupport: ['unit'],
  referInquiry: ['office', 'commander'],
  closeReferral: ['office', 'commander'],
  publishRules: ['office'],
  regradeLedgers: ['office'],
  // Evidence files: whoever reports on the item asks for a form and confirms the upload.
  issueEvidenceUpload: ['unit', 'manager'],
  confirmEvidenceUpload: ['unit', 'manager'],
  // Issue 13 §5: a unit sets (and tests) its own notifications, the office any unit's and the desks'.
  replaceUnitNotifications: ['office', 'unit'],
  testUnitNotifications: ['office', 'unit'],
  replaceDeskNotifications: ['office'],
  testDeskNotifications: ['office'],
};

describe('the roles of the commands', () => {
  const writes = routes.filter((r) => r.method !== 'GET');

  it('are the product’s role table: every write route, with its roles', () => {
    expect(writes.map((r) => r.operationId).sort()).toEqual(Object.keys(COMMAND_ROLES).sort());
    for (const r of writes) {
      expect(r.auth === 'public' ? [] : [...r.auth].sort(), r.operationId).toEqual(
        [...(COMMAND_ROLES[r.operationId] ?? [])].sort(),
      );
    }
  });

  it('an inspector only reports violations; a manager only reports (and asks for extensions)', () => {
    const allowing = (role: string) =>
      writes.filter((r) => r.auth !== 'public' && (r.auth as readonly string[]).includes(role));
    expect(allowing('inspector').map((r) => r.operationId)).toEqual(['reportViolation']);
    expect(
      allowing('manager')
        .map((r) => r.operationId)
        .sort(),
    ).toEqual([
      'confirmEvidenceUpload',
      'importProgress',
      'issueEvidenceUpload',
      'reportCompletion',
      'reportProgress',
      'requestExtension',
    ]);
  });
});

const handlers = {
  ApiPublic: publicHandler,
  ApiRead: readHandler,
  ApiWrite: writeHandler,
  ApiOffice: officeHandler,
  Documents: documentsHandler,
};
const context = { awsRequestId: 'req-routes-1', functionName: 'test' } as Context;

/** API Gateway's event for `route` from a caller of `role` (no database needed: refused first). */
function eventFor(route: RouteDeclaration, role: string): HttpEvent {
  const key = routeKey(route);
  return {
    version: '2.0',
    routeKey: key,
    rawPath: route.path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    body: '{"not":"read"}',
    isBase64Encoded: false,
    requestContext: {
      routeKey: key,
      http: { method: route.method, path: route.path },
      authorizer: { jwt: { claims: { token_use: 'id', sub: `${role}-1`, 'cognito:groups': `[${role}]` } } },
    },
  } as unknown as HttpEvent;
}

describe('the router', () => {
  // A manager's token is checked against the people table first: the matrix (HTTP) covers it.
  const refused = routes.flatMap((r) =>
    r.auth === 'public'
      ? []
      : ROLES.filter((role) => role !== 'manager' && !(r.auth as readonly string[]).includes(role)).map(
          (role) => [routeKey(r), role, r] as const,
        ),
  );

  it.each(refused)('%s as %s: 403 auth.role_not_allowed, before the body is read', async (_key, role, r) => {
    const res = (await handlers[r.function](eventFor(r, role), context)) as HttpResult;
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body)).toEqual({
      error: { code: 'auth.role_not_allowed', message: `role ${role} may not ${r.operationId}`, details: [] },
    });
  });
});

describe('a route whose schemas are getters', () => {
  it('builds each at its first read and keeps it', () => {
    let built = 0;
    const r = route({
      method: 'GET',
      path: '/v1/x',
      operationId: 'x',
      summary: 'x',
      auth: 'public',
      function: 'ApiPublic',
      get query() {
        built++;
        return z.strictObject({ q: z.optional(z.string()) });
      },
      response: { status: 200, schema: 'Health', description: 'x' },
      errors: [],
    });
    expect(built).toBe(0);
    const first = r.query;
    expect(r.query).toBe(first);
    expect({ ...r }.query).toBe(first);
    expect(built).toBe(1);
    expect(r.query.safeParse({ q: 'a' }).success).toBe(true);
  });

  it('shares lazily built members: built at their first read, then kept', () => {
    const built: string[] = [];
    const members = lazily({
      a: () => {
        built.push('a');
        return z.string();
      },
      b: () => {
        built.push('b');
        return z.number();
      },
    });
    expect(built).toEqual([]);
    const a = members.a;
    expect(members.a).toBe(a);
    expect(built).toEqual(['a']);
    expect(Object.keys(members)).toEqual(['a', 'b']);
  });
});
