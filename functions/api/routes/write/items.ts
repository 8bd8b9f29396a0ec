import { bodies } from '../../bodies.ts';
import { route } from '../../route.ts';
import { params, WRITE } from '../../schemas.ts';

export const itemsRoutes = [
  route({
    method: 'POST',
    path: '/v1/items',
    operationId: 'createItem',
    summary: 'Create an item (draft)',
    auth: ['office'],
    function: 'ApiWrite',
    get body() {
      return bodies.CreateItemInput;
    },
    example: {
      year: 2022,
      kind: 'project',
      itemClass: 'A',
      category: 'siege',
      title: 'Reconstruction and expansion of Futian Middle School',
      deadline: '2022-12-31',
      project: { stage: 'construction', totalInvestment: 1_200_000_000, annualInvestmentTarget: 300_000_000 },
      targets: [{ indicator: 'Annual investment completed', targetValue: 300_000_000, unit: 'yuan' }],
    },
    response: {
      status: 201,
      schema: 'Item',
      description: 'The draft item created.',
    },
    errors: WRITE,
  }),
  route({
    method: 'PATCH',
    path: '/v1/items/{id}',
    operationId: 'editItem',
    summary: 'Edit a draft',
    auth: ['office'],
    function: 'ApiWrite',
    get params() {
      return params.itemId;
    },
    get body() {
      return bodies.PatchItemInput;
    },
    example: { title: 'Reconstruction and expansion of Futian Middle School (phase 1)' },
    response: {
      status: 200,
      schema: 'Item',
      description: 'The draft as edited.',
    },
    errors: WRITE,
  }),
  route({
    method: 'POST',
    path: '/v1/lists/{year}/batches',
    operationId: 'publishBatch',
    summary: 'Publish a batch of the list',
    auth: ['office'],
    function: 'ApiWrite',
    get params() {
      return params.year;
    },
    get body() {
      return bodies.PublishBatchInput;
    },
    example: {
      title: '2022 list, first batch',
      itemIds: ['2022-P-lx0a1b2c3d4e5f6g7h8', '2022-T-lx0a1b2c3d4e5f6g7h9'],
      claimWindow: { closesAt: '2022-03-31T16:00:00.000Z' },
    },
    response: {
      status: 201,
      schema: 'Batch',
      description: 'The batch published.',
    },
    errors: WRITE,
  }),
] as const;
