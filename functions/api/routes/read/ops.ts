/** ApiRead (signed-in reads) routes — operating the workflows behind items and inquiries: state, history, restart, the reconciler. */
import * as z from 'zod/mini';
import { fromText, PageSize } from '#domain/model.ts';
import { route } from '../../route.ts';
import { params, query, READ } from '../../schemas.ts';

export const opsRoutes = [
  route({
    method: 'GET',
    path: '/v1/ops/workflows/{subjectId}',
    operationId: 'opsWorkflow',
    summary:
      "An item's or inquiry's workflow: its execution, current state, what it waits for and since when",
    auth: ['office'],
    function: 'ApiRead',
    get params() {
      return params.subjectId;
    },
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
    get params() {
      return params.subjectId;
    },
    get query() {
      return z.strictObject({
        get limit() {
          return z._default(fromText(PageSize), 100);
        },
        cursor: query.Cursor,
      });
    },
    response: {
      status: 200,
      schema: 'OpsWorkflowHistory',
      description: 'A page of the recorded execution’s history (GetExecutionHistory), newest first.',
    },
    errors: READ,
  }),
] as const;
