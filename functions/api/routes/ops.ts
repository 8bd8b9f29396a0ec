/** Routes: Operating the workflows behind items and inquiries: state, history, restart, the reconciler. */
import * as z from 'zod';
import { fromText, PageSize } from '#domain/model.ts';
import { route } from '../route.ts';
import { bodies, Cursor, params, READ, WRITE } from '../schemas.ts';

export const opsRoutes = [
  route({
    method: 'GET',
    path: '/v1/ops/workflows/{subjectId}',
    operationId: 'opsWorkflow',
    summary:
      "An item's or inquiry's workflow: its execution, current state, what it waits for and since when",
    auth: ['office'],
    function: 'ApiRead',
    params: params.subjectId,
    response: {
      status: 200,
      schema: 'OpsWorkflow',
      description:
        'The workflow an item or an inquiry order (by its order id) records: DescribeExecution, and while it runs the current state, what it waits for and since when (from the newest history events).',
    },
    errors: READ,
  }),
  route({
    method: 'GET',
    path: '/v1/ops/workflows/{subjectId}/history',
    operationId: 'opsWorkflowHistory',
    summary: "The history of an item's or inquiry's workflow execution, newest first",
    auth: ['office'],
    function: 'ApiRead',
    params: params.subjectId,
    query: z.strictObject({
      limit: fromText(PageSize).default(100),
      cursor: Cursor,
    }),
    response: {
      status: 200,
      schema: 'OpsWorkflowHistory',
      description: 'A page of the recorded execution’s history (GetExecutionHistory), newest first.',
    },
    errors: READ,
  }),
  route({
    method: 'POST',
    path: '/v1/ops/workflows/{subjectId}/restart',
    operationId: 'opsRestartWorkflow',
    summary: "Restart an item's or inquiry's workflow as its next generation",
    auth: ['office'],
    function: 'ApiWrite',
    params: params.subjectId,
    body: bodies.RestartInput,
    example: { note: 'The execution was lost when the local engine stopped.' },
    response: {
      status: 200,
      schema: 'OpsRestart',
      description:
        'Starts the next generation of the subject’s workflow from its recorded state (the previous one stopped if it runs), with an audit event on the item, as the reconciler does.',
    },
    errors: WRITE,
  }),
  route({
    method: 'POST',
    path: '/v1/ops/reconcile',
    operationId: 'reconcileWorkflows',
    summary: 'Run the reconciler now: every waiting record gets a running workflow',
    auth: ['office'],
    function: 'ApiWrite',
    body: bodies.ReconcileRequest,
    example: { reason: 'After restoring the table from a backup.' },
    response: {
      status: 202,
      schema: 'ReconcileRun',
      description:
        'Starts the Reconcile workflow, as the daily schedule does: every active item and open inquiry whose recorded execution is not RUNNING gets the next generation, with an audit event; one that failed because its subject is gone is left alone and counted. Idempotent by itself (a second run finds everything running).',
    },
    errors: WRITE,
  }),
] as const;
