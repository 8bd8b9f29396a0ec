import { bodies } from '../../bodies.ts';
import { HQ, route } from '../../route.ts';
import { params, WRITE } from '../../schemas.ts';

export const progressRoutes = [
  route({
    method: 'POST',
    path: '/v1/items/{id}/progress',
    operationId: 'reportProgress',
    summary: 'Report progress',
    auth: ['unit', 'manager'],
    function: 'ApiWrite',
    get params() {
      return params.itemId;
    },
    get body() {
      return bodies.ProgressInput;
    },
    example: {
      percentComplete: 40,
      investmentCompleted: 120_000_000,
      milestones: [{ milestoneId: 'survey', done: true, doneOn: '2022-06-20' }],
      narrative: 'Foundations complete; steel structure under way.',
      evidence: ['https://example.org/evidence/site-photo-2022-06.jpg'],
    },
    response: {
      status: 201,
      schema: 'ProgressReport',
      description: 'The progress report recorded.',
    },
    errors: WRITE,
  }),
  route({
    method: 'POST',
    path: '/v1/items/{id}/completion',
    operationId: 'reportCompletion',
    summary: 'Report completion',
    auth: ['unit', 'manager'],
    function: 'ApiWrite',
    get params() {
      return params.itemId;
    },
    get body() {
      return bodies.CompletionInput;
    },
    example: {
      summary: 'Phase 1 delivered and in use since September.',
      results: [{ indicator: 'Annual investment completed', actualValue: 310_000_000 }],
    },
    response: {
      status: 200,
      schema: 'Item',
      description: 'The item, awaiting verification.',
    },
    errors: WRITE,
  }),
  route({
    method: 'POST',
    path: '/v1/items/{id}/completion/verification',
    operationId: 'verifyCompletion',
    summary: 'Verify the expected effect',
    auth: HQ,
    function: 'ApiWrite',
    get params() {
      return params.itemId;
    },
    get body() {
      return bodies.VerificationInput;
    },
    example: { achieved: true, grade: 'first', note: 'Target exceeded.' },
    response: {
      status: 201,
      schema: 'Order',
      description: 'The order issued: a commendation order if achieved, an inquiry order if not.',
    },
    errors: WRITE,
  }),
  route({
    method: 'POST',
    path: '/v1/items/{id}/violations',
    operationId: 'reportViolation',
    summary: 'Report a suspected violation',
    auth: ['inspector'],
    function: 'ApiWrite',
    get params() {
      return params.itemId;
    },
    get body() {
      return bodies.ViolationInput;
    },
    example: {
      description: 'Suspected splitting of a works contract to avoid tendering.',
      reference: 'AUD-2022-017',
    },
    response: {
      status: 201,
      schema: 'Order',
      description: 'The inquiry order issued.',
    },
    errors: WRITE,
  }),
] as const;
