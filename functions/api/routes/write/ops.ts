import { bodies } from '../../bodies.ts';
import { route } from '../../route.ts';
import { params, WRITE } from '../../schemas.ts';

export const opsRoutes = [
  route({
    method: 'POST',
    path: '/v1/ops/workflows/{subjectId}/restart',
    operationId: 'opsRestartWorkflow',
    summary: "Restart an item's or inquiry's workflow as its next generation",
    auth: ['office'],
    function: 'ApiWrite',
    get params() {
      return params.subjectId;
    },
    get body() {
      return bodies.RestartInput;
    },
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
    get body() {
      return bodies.ReconcileRequest;
    },
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
