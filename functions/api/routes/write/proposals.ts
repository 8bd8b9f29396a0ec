import { bodies } from '../../bodies.ts';
import { HQ, route } from '../../route.ts';
import { params, WRITE, WRITE_NO_LOOKUP } from '../../schemas.ts';

export const proposalsRoutes = [
  route({
    method: 'POST',
    path: '/v1/proposals',
    operationId: 'declareProposal',
    summary: 'Declare a class B proposal',
    auth: ['unit'],
    function: 'ApiWrite',
    get body() {
      return bodies.DeclareProposalInput;
    },
    example: {
      year: 2022,
      kind: 'task',
      category: 'bottom-line',
      title: 'Renovate the old residential compounds of Huafu Street',
      deadline: '2022-12-31',
      milestones: [
        { id: 'survey', title: 'Survey and residents’ consultation', dueDate: '2022-06-30', weight: 30 },
        { id: 'works', title: 'Renovation works', dueDate: '2022-12-15', weight: 70 },
      ],
      targets: [{ indicator: 'Compounds renovated', targetValue: 12, unit: 'compounds' }],
    },
    response: {
      status: 201,
      schema: 'Proposal',
      description: 'The proposal declared (pending review).',
    },
    errors: WRITE_NO_LOOKUP,
  }),
  route({
    method: 'POST',
    path: '/v1/proposals/{id}/decision',
    operationId: 'decideProposal',
    summary: 'Accept or reject a proposal',
    auth: HQ,
    function: 'ApiWrite',
    get params() {
      return params.proposalId;
    },
    get body() {
      return bodies.DecideProposalInput;
    },
    example: { decision: 'accept', category: 'bottom-line' },
    response: {
      status: 200,
      schema: 'ProposalDecision',
      description: 'The proposal decided and, when accepted, the class B item it became.',
    },
    errors: WRITE,
  }),
] as const;
