/** ApiOffice routes — supporting units (协办) report on their part of an item. */
import * as z from 'zod/mini';
import { SupportReportInput } from '#domain/supervision.ts';
import { ALL, route } from '../../route.ts';
import { params, query, READ, WRITE } from '../../schemas.ts';

export const supportReportsRoutes = [
  route({
    method: 'POST',
    path: '/v1/items/{id}/support-reports',
    operationId: 'reportSupport',
    summary: 'A supporting unit (协办单位) reports on its part of an item',
    auth: ['unit'],
    function: 'ApiOffice',
    get params() {
      return params.itemId;
    },
    get body() {
      return SupportReportInput.clone().register(z.globalRegistry, { id: 'SupportReportInput' });
    },
    example: { text: '已完成管线迁改方案会审，配合施工单位进场。', percentOfPart: 60 },
    response: {
      status: 201,
      schema: 'SupportReport',
      description:
        'The report, stored as a new record (never overwritten) and recorded on the item’s trail (`support.reported`). Only a unit the item names as supporting files (403 `auth.not_supporting_unit`), while the item is in progress (422 `support.item_not_in_progress`).',
    },
    errors: WRITE,
  }),
  route({
    method: 'GET',
    path: '/v1/items/{id}/support-reports',
    operationId: 'listSupportReports',
    summary: 'Supporting units’ reports on an item',
    auth: ALL,
    function: 'ApiOffice',
    get params() {
      return params.itemId;
    },
    get query() {
      return z.strictObject({ limit: query.Limit, cursor: query.Cursor });
    },
    response: {
      status: 200,
      schema: 'SupportReportPage',
      description:
        'A page of the supporting units’ reports, oldest first, read as the item’s progress is: who filed it (`reportedBy`) only for HQ, inspectors, the lead unit and the reporting unit; a draft is 404.',
    },
    errors: READ,
  }),
] as const;
