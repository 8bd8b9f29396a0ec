/**
 * ApiOffice routes — the verbs of supervision (督办) that move claims, orders and dates:
 * extension requests (延期申请) and their decision, reassignment (改派), claim withdrawal.
 */
import * as z from 'zod/mini';
import { Id } from '#domain/model.ts';
import {
  ExtensionDecisionInput,
  ExtensionInput,
  ExtensionStatus,
  ReassignInput,
  WithdrawClaimInput,
} from '#domain/verbs.ts';
import { HQ, route } from '../../route.ts';
import { params, query, WRITE } from '../../schemas.ts';

/** An extension request's path (the item's, then the request's id). */
const extensionParams = z.strictObject({
  get id() {
    return Id.clone().register(z.globalRegistry, {
      param: { name: 'id', in: 'path', description: 'Item id.' },
    });
  },
  get extensionId() {
    return Id.clone().register(z.globalRegistry, {
      param: { name: 'extensionId', in: 'path', description: 'Extension request id.' },
    });
  },
});

/** Named request bodies (components), declared here so that only ApiOffice bundles them. */
const bodies = {
  ExtensionInput: ExtensionInput.clone().register(z.globalRegistry, { id: 'ExtensionInput' }),
  ExtensionDecisionInput: ExtensionDecisionInput.clone().register(z.globalRegistry, {
    id: 'ExtensionDecisionInput',
  }),
  ReassignInput: ReassignInput.clone().register(z.globalRegistry, { id: 'ReassignInput' }),
  WithdrawClaimInput: WithdrawClaimInput.clone().register(z.globalRegistry, { id: 'WithdrawClaimInput' }),
};

export const verbsRoutes = [
  route({
    method: 'POST',
    path: '/v1/items/{id}/extensions',
    operationId: 'requestExtension',
    summary: 'Request an extension (延期申请) of a milestone or the deadline',
    auth: ['unit', 'manager'],
    function: 'ApiOffice',
    get params() {
      return params.itemId;
    },
    get body() {
      return bodies.ExtensionInput;
    },
    example: {
      target: 'deadline',
      to: '2023-03-31',
      reason: 'The land handover slipped by two months (invented example).',
    },
    response: {
      status: 201,
      schema: 'Extension',
      description: 'The request, pending a decision by the commander or the office.',
    },
    errors: WRITE,
  }),
  route({
    method: 'POST',
    path: '/v1/items/{id}/extensions/{extensionId}/decision',
    operationId: 'decideExtension',
    summary: 'Approve or reject an extension request (an approval moves the due date and the timers)',
    auth: HQ,
    function: 'ApiOffice',
    params: extensionParams,
    get body() {
      return bodies.ExtensionDecisionInput;
    },
    example: { approved: true, note: 'Agreed: the handover delay is documented.' },
    response: { status: 200, schema: 'Extension', description: 'The request as decided.' },
    errors: WRITE,
  }),
  route({
    method: 'GET',
    path: '/v1/items/{id}/extensions',
    operationId: 'listItemExtensions',
    summary: 'Extension requests of an item',
    auth: ['commander', 'office', 'inspector', 'unit', 'manager'],
    function: 'ApiOffice',
    get params() {
      return params.itemId;
    },
    response: {
      status: 200,
      schema: 'ExtensionList',
      description: 'The requests of the item, oldest first (a unit sees its own unit’s).',
    },
    errors: [400, 404],
  }),
  route({
    method: 'GET',
    path: '/v1/lists/{year}/extensions',
    operationId: 'listExtensions',
    summary: 'Extension requests of a year, by status (pending ones for the decision)',
    auth: [...HQ, 'inspector'],
    function: 'ApiOffice',
    get params() {
      return params.year;
    },
    get query() {
      return z.strictObject({
        get status() {
          return z.optional(ExtensionStatus);
        },
        limit: query.Limit,
        cursor: query.Cursor,
      });
    },
    response: {
      status: 200,
      schema: 'ExtensionPage',
      description: 'A page of the year’s requests, oldest first.',
    },
    errors: [400],
  }),
  route({
    method: 'POST',
    path: '/v1/items/{id}/reassignment',
    operationId: 'reassignItem',
    summary: 'Reassign an item to another unit or manager: a new responsibility order supersedes the old',
    auth: ['commander'],
    function: 'ApiOffice',
    get params() {
      return params.itemId;
    },
    get body() {
      return bodies.ReassignInput;
    },
    example: {
      unitId: 'huafu',
      managerId: 'p-huafu-001',
      reason: 'The works moved into Huafu’s area (invented example).',
    },
    response: {
      status: 201,
      schema: 'Order',
      description: 'The new responsibility order, to be acknowledged by the new unit.',
    },
    errors: WRITE,
  }),
  route({
    method: 'POST',
    path: '/v1/items/{id}/claims/{claimId}/withdrawal',
    operationId: 'withdrawClaim',
    summary: 'Withdraw your unit’s claim before the award',
    auth: ['unit'],
    function: 'ApiOffice',
    get params() {
      return params.claim;
    },
    get body() {
      return bodies.WithdrawClaimInput;
    },
    example: { reason: 'Our team is committed elsewhere this year.' },
    response: { status: 200, schema: 'Claim', description: 'The claim, withdrawn.' },
    errors: WRITE,
  }),
] as const;
