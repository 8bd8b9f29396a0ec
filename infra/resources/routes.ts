/**
 * The one declaration of every HTTP route. CDK creates an API Gateway HTTP API route per
 * entry (JWT authorizer unless public) integrated with the named function; the local
 * gateway serves the same table; the OpenAPI document and the authorisation-matrix test
 * are generated from it.
 */
import type { Role } from '../../functions/domain/model.ts';

export type Method = 'GET' | 'POST' | 'PATCH';

export interface RouteDeclaration {
  readonly method: Method;
  /** API Gateway path syntax: `{name}` parameters. */
  readonly path: string;
  /** Stable name of the operation; the handler and the OpenAPI document key on it. */
  readonly operationId: string;
  readonly summary: string;
  /** Roles allowed; `public` routes take no token. */
  readonly auth: 'public' | readonly Role[];
  /** The declared function (infra/resources/functions.ts) that serves it. */
  readonly function: 'ApiPublic' | 'ApiRead' | 'ApiWrite' | 'Documents';
  /**
   * The status of a successful answer when it is not 200 (201 created, 202 accepted). The
   * contract declares it and an Idempotency-Key's record stores it with the answer.
   */
  readonly successStatus?: 201 | 202;
  /** The largest body the route accepts when it is not the API's 64 KiB (a spreadsheet upload). */
  readonly maxBodyBytes?: number;
}

const ALL: readonly Role[] = ['commander', 'office', 'unit', 'manager', 'inspector'];
const HQ: readonly Role[] = ['commander', 'office'];

export const routes: readonly RouteDeclaration[] = [
  {
    method: 'GET',
    path: '/v1/health',
    operationId: 'health',
    summary: 'Liveness',
    auth: 'public',
    function: 'ApiPublic',
  },
  {
    method: 'GET',
    path: '/v1/openapi.json',
    operationId: 'openapi',
    summary: 'This API as OpenAPI 3.1',
    auth: 'public',
    function: 'ApiPublic',
  },
  {
    method: 'GET',
    path: '/v1/public/lists/{year}',
    operationId: 'publicList',
    summary: 'The published list of a year with claimants and status',
    auth: 'public',
    function: 'ApiPublic',
  },
  {
    method: 'GET',
    path: '/v1/public/notices',
    operationId: 'publicNotices',
    summary: 'Public notices',
    auth: 'public',
    function: 'ApiPublic',
  },
  {
    method: 'GET',
    path: '/v1/public/stats/{year}',
    operationId: 'publicStats',
    summary: 'Statistics of a year',
    auth: 'public',
    function: 'ApiPublic',
  },
  {
    method: 'GET',
    path: '/v1/public/rankings/{period}',
    operationId: 'publicRankings',
    summary: 'Rankings of an evaluation period',
    auth: 'public',
    function: 'ApiPublic',
  },
  {
    method: 'GET',
    path: '/v1/public/units',
    operationId: 'publicUnits',
    summary: 'Units with their names',
    auth: 'public',
    function: 'ApiPublic',
  },
  {
    method: 'GET',
    path: '/v1/public/items/{id}',
    operationId: 'publicItem',
    summary: 'An item of the published list with its plan, progress and orders in summary',
    auth: 'public',
    function: 'ApiPublic',
  },

  {
    method: 'GET',
    path: '/v1/units',
    operationId: 'listUnits',
    summary: 'Units',
    auth: ALL,
    function: 'ApiRead',
  },
  {
    method: 'POST',
    path: '/v1/units',
    operationId: 'createUnit',
    summary: 'Create a unit',
    auth: ['office'],
    function: 'ApiWrite',
    successStatus: 201,
  },
  {
    method: 'GET',
    path: '/v1/units/{unitId}',
    operationId: 'getUnit',
    summary: 'A unit with its people',
    auth: ALL,
    function: 'ApiRead',
  },
  {
    method: 'POST',
    path: '/v1/units/{unitId}/people',
    operationId: 'createPerson',
    summary: 'Add a person (project manager) to a unit',
    auth: ['office', 'unit'],
    function: 'ApiWrite',
    successStatus: 201,
  },
  {
    method: 'GET',
    path: '/v1/me/inbox',
    operationId: 'myInbox',
    summary: 'What waits for the caller, by role, due soonest first',
    auth: ALL,
    function: 'ApiRead',
  },
  {
    method: 'GET',
    path: '/v1/units/{unitId}/ledger',
    operationId: 'unitLedger',
    summary: 'Results ledger of a unit',
    auth: ALL,
    function: 'ApiRead',
  },

  {
    method: 'POST',
    path: '/v1/proposals',
    operationId: 'declareProposal',
    summary: 'Declare a class B proposal',
    auth: ['unit'],
    function: 'ApiWrite',
    successStatus: 201,
  },
  {
    method: 'GET',
    path: '/v1/proposals',
    operationId: 'listProposals',
    summary: 'Proposals of a year',
    auth: [...HQ, 'unit'],
    function: 'ApiRead',
  },
  {
    method: 'POST',
    path: '/v1/proposals/{id}/decision',
    operationId: 'decideProposal',
    summary: 'Accept or reject a proposal',
    auth: HQ,
    function: 'ApiWrite',
  },

  {
    method: 'POST',
    path: '/v1/items',
    operationId: 'createItem',
    summary: 'Create an item (draft)',
    auth: ['office'],
    function: 'ApiWrite',
    successStatus: 201,
  },
  {
    method: 'GET',
    path: '/v1/items',
    operationId: 'listItems',
    summary: 'Items, filtered, cursor-paginated',
    auth: ALL,
    function: 'ApiRead',
  },
  {
    method: 'GET',
    path: '/v1/items/{id}',
    operationId: 'getItem',
    summary: 'An item',
    auth: ALL,
    function: 'ApiRead',
  },
  {
    method: 'PATCH',
    path: '/v1/items/{id}',
    operationId: 'editItem',
    summary: 'Edit a draft',
    auth: ['office'],
    function: 'ApiWrite',
  },
  {
    method: 'GET',
    path: '/v1/items/{id}/history',
    operationId: 'itemHistory',
    summary: 'Audit trail with its verification',
    auth: [...HQ, 'inspector', 'unit', 'manager'],
    function: 'ApiRead',
  },

  {
    method: 'POST',
    path: '/v1/lists/{year}/batches',
    operationId: 'publishBatch',
    summary: 'Publish a batch of the list',
    auth: ['office'],
    function: 'ApiWrite',
    successStatus: 201,
  },
  {
    method: 'GET',
    path: '/v1/lists/{year}',
    operationId: 'getList',
    summary: 'The list of a year: batches and items',
    auth: ALL,
    function: 'ApiRead',
  },

  {
    method: 'POST',
    path: '/v1/items/{id}/claims',
    operationId: 'claimItem',
    summary: 'Claim (揭榜) an item',
    auth: ['unit', 'office', 'commander'],
    function: 'ApiWrite',
    successStatus: 201,
  },
  {
    method: 'GET',
    path: '/v1/items/{id}/claims',
    operationId: 'listClaims',
    summary: 'Claims of an item',
    auth: [...HQ, 'unit'],
    function: 'ApiRead',
  },
  {
    method: 'POST',
    path: '/v1/items/{id}/claims/{claimId}/award',
    operationId: 'awardClaim',
    summary: 'Award (挂帅) a claim: issues the responsibility order',
    auth: HQ,
    function: 'ApiWrite',
    successStatus: 201,
  },
  {
    method: 'POST',
    path: '/v1/items/{id}/assignment',
    operationId: 'assignItem',
    summary: 'Assign directly: issues the responsibility order',
    auth: HQ,
    function: 'ApiWrite',
    successStatus: 201,
  },
  {
    method: 'POST',
    path: '/v1/items/{id}/reopening',
    operationId: 'reopenItem',
    summary: 'Reopen an unclaimed item for claims',
    auth: ['office'],
    function: 'ApiWrite',
  },

  {
    method: 'POST',
    path: '/v1/items/{id}/progress',
    operationId: 'reportProgress',
    summary: 'Report progress',
    auth: ['unit', 'manager'],
    function: 'ApiWrite',
    successStatus: 201,
  },
  {
    method: 'GET',
    path: '/v1/items/{id}/progress',
    operationId: 'listProgress',
    summary: 'Progress reports of an item',
    auth: ALL,
    function: 'ApiRead',
  },
  {
    method: 'POST',
    path: '/v1/items/{id}/completion',
    operationId: 'reportCompletion',
    summary: 'Report completion',
    auth: ['unit', 'manager'],
    function: 'ApiWrite',
  },
  {
    method: 'POST',
    path: '/v1/items/{id}/completion/verification',
    operationId: 'verifyCompletion',
    summary: 'Verify the expected effect',
    auth: HQ,
    function: 'ApiWrite',
    successStatus: 201,
  },
  {
    method: 'POST',
    path: '/v1/items/{id}/violations',
    operationId: 'reportViolation',
    summary: 'Report a suspected violation',
    auth: ['inspector'],
    function: 'ApiWrite',
    successStatus: 201,
  },

  {
    method: 'GET',
    path: '/v1/orders',
    operationId: 'listOrders',
    summary: 'Orders, filtered',
    auth: ALL,
    function: 'ApiRead',
  },
  {
    method: 'GET',
    path: '/v1/orders/{id}',
    operationId: 'getOrder',
    summary: 'An order',
    auth: ALL,
    function: 'ApiRead',
  },
  {
    method: 'POST',
    path: '/v1/orders/{id}/acknowledgement',
    operationId: 'acknowledgeOrder',
    summary: 'Acknowledge (签收) a responsibility order',
    auth: ['unit'],
    function: 'ApiWrite',
  },
  {
    method: 'POST',
    path: '/v1/orders/{id}/responses',
    operationId: 'answerInquiry',
    summary: 'Answer an inquiry order',
    auth: ['unit'],
    function: 'ApiWrite',
  },
  {
    method: 'POST',
    path: '/v1/orders/{id}/decision',
    operationId: 'decideInquiry',
    summary: 'Close an inquiry as rectified or escalate it',
    auth: HQ,
    function: 'ApiWrite',
  },

  {
    method: 'POST',
    path: '/v1/evaluations',
    operationId: 'runEvaluation',
    summary: 'Run an evaluation now',
    auth: HQ,
    function: 'ApiWrite',
    successStatus: 202,
  },
  {
    method: 'GET',
    path: '/v1/evaluations/{period}',
    operationId: 'getEvaluation',
    summary: 'Results of an evaluation period',
    auth: ALL,
    function: 'ApiRead',
  },

  {
    method: 'GET',
    path: '/v1/calendar/{year}',
    operationId: 'getCalendarYear',
    summary: 'The working-day calendar of a year: holidays, make-up workdays, source, versions',
    auth: ALL,
    function: 'ApiRead',
  },
  {
    method: 'POST',
    path: '/v1/calendar/{year}',
    operationId: 'loadCalendarYear',
    summary: "Load a year's official holiday table (a new version, used ahead of the package)",
    auth: ['office'],
    function: 'ApiWrite',
    successStatus: 201,
  },
  {
    method: 'GET',
    path: '/v1/rules',
    operationId: 'rulesInForce',
    summary: 'The rules in force: working-day limits, lights, evaluation thresholds, grading, calendar',
    auth: ALL,
    function: 'ApiRead',
  },
  {
    method: 'GET',
    path: '/v1/ops/workflows/{subjectId}',
    operationId: 'opsWorkflow',
    summary:
      "An item's or inquiry's workflow: its execution, current state, what it waits for and since when",
    auth: ['office'],
    function: 'ApiRead',
  },
  {
    method: 'GET',
    path: '/v1/ops/workflows/{subjectId}/history',
    operationId: 'opsWorkflowHistory',
    summary: "The history of an item's or inquiry's workflow execution, newest first",
    auth: ['office'],
    function: 'ApiRead',
  },
  {
    method: 'POST',
    path: '/v1/ops/workflows/{subjectId}/restart',
    operationId: 'opsRestartWorkflow',
    summary: "Restart an item's or inquiry's workflow as its next generation",
    auth: ['office'],
    function: 'ApiWrite',
  },
  {
    method: 'POST',
    path: '/v1/ops/reconcile',
    operationId: 'reconcileWorkflows',
    summary: 'Run the reconciler now: every waiting record gets a running workflow',
    auth: ['office'],
    function: 'ApiWrite',
    successStatus: 202,
  },
  // Spreadsheets and printable orders (issue 13), served by the Documents function (exceljs, pdfkit).
  {
    method: 'GET',
    path: '/v1/imports/templates/{sheet}',
    operationId: 'importTemplate',
    summary:
      'The template of an import sheet (items or progress): Chinese headers, examples, a sheet of column notes',
    auth: ['office', 'unit', 'manager'],
    function: 'Documents',
  },
  {
    method: 'POST',
    path: '/v1/imports/items',
    operationId: 'importItems',
    summary: 'Import items as drafts from CSV or XLSX (dry run: the per-row errors, nothing written)',
    auth: ['office'],
    function: 'Documents',
    maxBodyBytes: 2 * 1024 * 1024,
  },
  {
    method: 'POST',
    path: '/v1/imports/progress',
    operationId: 'importProgress',
    summary: "Import the month's progress of many items from CSV or XLSX (dry run: the per-row errors)",
    auth: ['unit', 'manager'],
    function: 'Documents',
    maxBodyBytes: 2 * 1024 * 1024,
  },
  {
    method: 'GET',
    path: '/v1/exports/{dataset}',
    operationId: 'exportDataset',
    summary: "Export the year's list, orders, a ledger, an evaluation's results or rankings as CSV or XLSX",
    auth: ALL,
    function: 'Documents',
  },
  {
    method: 'GET',
    path: '/v1/orders/{id}/pdf',
    operationId: 'orderPdf',
    summary: 'An order as a printable PDF with its official number',
    auth: ALL,
    function: 'Documents',
  },
];

export const routeKey = (r: Pick<RouteDeclaration, 'method' | 'path'>) => `${r.method} ${r.path}`;
