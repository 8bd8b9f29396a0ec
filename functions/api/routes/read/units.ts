/** ApiRead (signed-in reads) routes — responsible units and their people, their ledger, and what waits for the caller (the inbox). */
import * as z from 'zod/mini';
import { UnitType } from '#domain/model.ts';
import { ALL, route } from '../../route.ts';
import { pageQuery, params, query, READ } from '../../schemas.ts';

export const unitsRoutes = [
  route({
    method: 'GET',
    path: '/v1/units',
    operationId: 'listUnits',
    summary: 'Units',
    auth: ALL,
    function: 'ApiRead',
    get query() {
      return z.strictObject({
        get type() {
          return z.optional(UnitType);
        },
        limit: query.Limit,
        cursor: query.Cursor,
      });
    },
    response: {
      status: 200,
      schema: 'UnitPage',
      description: 'A page of units.',
    },
    errors: [400],
  }),
  route({
    method: 'GET',
    path: '/v1/units/{unitId}',
    operationId: 'getUnit',
    summary: 'A unit with its people',
    auth: ALL,
    function: 'ApiRead',
    get params() {
      return params.unitId;
    },
    get query() {
      return pageQuery();
    },
    response: {
      status: 200,
      schema: 'UnitWithPeople',
      description: 'The unit and a page of its people (for its own unit and headquarters), in id order.',
    },
    errors: READ,
  }),
  route({
    method: 'GET',
    path: '/v1/me/inbox',
    operationId: 'myInbox',
    summary: 'What waits for the caller, by role, due soonest first',
    auth: ALL,
    function: 'ApiRead',
    get query() {
      return z.strictObject({
        get year() {
          return z.optional(query.YearParam);
        },
      });
    },
    response: {
      status: 200,
      schema: 'Inbox',
      description:
        'What waits for the caller in the year (the current one unless `year` is given), due soonest first, with the working days left. A unit: items open for claims, responsibility orders to sign, its items in progress (next milestone or deadline), inquiries to answer. A manager: the items they manage in progress. A commander: claims to award, unclaimed items, escalated inquiries. The office: drafts, proposals to review, completions to verify, inquiry drafts of the latest ended period, answered inquiries to decide. An inspector: the inquiries from their reports. At most 100 per source and 200 in all (`truncated` says when more waited).',
    },
    errors: [400],
  }),
  route({
    method: 'GET',
    path: '/v1/units/{unitId}/ledger',
    operationId: 'unitLedger',
    summary: 'Results ledger of a unit',
    auth: ALL,
    function: 'ApiRead',
    get params() {
      return params.unitId;
    },
    get query() {
      return z.strictObject({
        get year() {
          return z.optional(query.YearParam);
        },
        limit: query.WideLimit,
        cursor: query.Cursor,
      });
    },
    response: {
      status: 200,
      schema: 'UnitLedger',
      description:
        'The graded results of the unit in the year (the current year unless `year` is given): its totals over the year and a page of its entries in order number order; on the first page (no `cursor`) its people with entries and their scores (a person’s entries: `GET /v1/units/{unitId}/people/{personId}/ledger`), its urgings and the referrals of its escalated inquiries (the latest 20).',
    },
    errors: READ,
  }),
  route({
    method: 'GET',
    path: '/v1/units/{unitId}/people/{personId}/ledger',
    operationId: 'personLedger',
    summary: 'Results ledger of one of a unit’s people',
    auth: ALL,
    function: 'ApiRead',
    get params() {
      return params.unitPerson;
    },
    get query() {
      return z.strictObject({
        get year() {
          return z.optional(query.YearParam);
        },
        limit: query.WideLimit,
        cursor: query.Cursor,
      });
    },
    response: {
      status: 200,
      schema: 'PersonLedger',
      description:
        'The graded results of a project manager of the unit in the year (the current year unless `year` is given): the totals over the year (merit recommendations and cadre notes included) and a page of the entries in order number order. Read by whoever reads the unit’s ledger; 404 when the person is not the unit’s.',
    },
    errors: READ,
  }),
] as const;
