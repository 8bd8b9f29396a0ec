import { bodies } from '../../bodies.ts';
import { route } from '../../route.ts';
import { params, WRITE, WRITE_NO_LOOKUP } from '../../schemas.ts';

export const unitsRoutes = [
  route({
    method: 'POST',
    path: '/v1/units',
    operationId: 'createUnit',
    summary: 'Create a unit',
    auth: ['office'],
    function: 'ApiWrite',
    get body() {
      return bodies.CreateUnitInput;
    },
    example: {
      unitId: 'futian-subdistrict',
      name: 'Futian Subdistrict Office',
      nameZh: '福田街道办事处',
      unitType: 'subdistrict',
    },
    response: {
      status: 201,
      schema: 'Unit',
      description: 'The unit created.',
    },
    errors: WRITE_NO_LOOKUP,
  }),
  route({
    method: 'POST',
    path: '/v1/units/{unitId}/people',
    operationId: 'createPerson',
    summary: 'Add a person (project manager) to a unit',
    auth: ['office', 'unit'],
    function: 'ApiWrite',
    get params() {
      return params.unitId;
    },
    get body() {
      return bodies.CreatePersonInput;
    },
    example: { personId: 'p-futian-001', name: 'Li Ming', title: 'Deputy director' },
    response: {
      status: 201,
      schema: 'Person',
      description: 'The person added.',
    },
    errors: WRITE,
  }),
] as const;
