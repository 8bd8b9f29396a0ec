/** ApiWrite (commands) routes — claiming (揭榜), awarding (挂帅), direct assignment and reopening. */

import { bodies } from '../../bodies.ts';
import { HQ, route } from '../../route.ts';
import { params, WRITE } from '../../schemas.ts';

export const claimsRoutes = [
  route({
    method: 'POST',
    path: '/v1/items/{id}/claims',
    operationId: 'claimItem',
    summary: 'Claim (揭榜) an item',
    auth: ['unit', 'office', 'commander'],
    function: 'ApiWrite',
    get params() {
      return params.itemId;
    },
    get body() {
      return bodies.ClaimInput;
    },
    example: {
      plan: 'Lead with the district education bureau; monthly site meetings; phase 1 topped out by October.',
      managerId: 'p-futian-001',
    },
    response: {
      status: 201,
      schema: 'Claim',
      description: 'The claim filed (pending award).',
    },
    errors: WRITE,
  }),
  route({
    method: 'POST',
    path: '/v1/items/{id}/claims/{claimId}/award',
    operationId: 'awardClaim',
    summary: 'Award (挂帅) a claim: issues the responsibility order',
    auth: HQ,
    function: 'ApiWrite',
    get params() {
      return params.claim;
    },
    get body() {
      return bodies.AwardInput;
    },
    example: { note: 'Strongest plan and a named, experienced project manager.' },
    response: {
      status: 201,
      schema: 'Order',
      description: 'The responsibility order issued to the awarded unit.',
    },
    errors: WRITE,
  }),
  route({
    method: 'POST',
    path: '/v1/items/{id}/assignment',
    operationId: 'assignItem',
    summary: 'Assign directly: issues the responsibility order',
    auth: HQ,
    function: 'ApiWrite',
    get params() {
      return params.itemId;
    },
    get body() {
      return bodies.AssignInput;
    },
    example: { unitId: 'futian-subdistrict', managerId: 'p-futian-001' },
    response: {
      status: 201,
      schema: 'Order',
      description: 'The responsibility order issued to the assigned unit.',
    },
    errors: WRITE,
  }),
  route({
    method: 'POST',
    path: '/v1/items/{id}/reopening',
    operationId: 'reopenItem',
    summary: 'Reopen an unclaimed item for claims',
    auth: ['office'],
    function: 'ApiWrite',
    get params() {
      return params.itemId;
    },
    get body() {
      return bodies.ReopenInput;
    },
    example: { closesAt: '2022-04-30T16:00:00.000Z' },
    response: {
      status: 200,
      schema: 'Item',
      description: 'The item, published again with a new claim window.',
    },
    errors: WRITE,
  }),
] as const;
