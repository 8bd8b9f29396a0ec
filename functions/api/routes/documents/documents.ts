/** Routes: spreadsheets in and out and printed orders (issue 13), served by the Documents function. */
import * as z from 'zod/mini';
import { ImportRequest } from '#domain/sheet-limits.ts';
import { documentPathSchemas, documentQuerySchemas, MEDIA_TYPES } from '../../document-schemas.ts';
import { ALL, route } from '../../route.ts';
import { params, READ, WRITE_NO_LOOKUP } from '../../schemas.ts';

const SHEETS = [MEDIA_TYPES.xlsx, MEDIA_TYPES.csv] as const;
const ImportBody = ImportRequest.clone().register(z.globalRegistry, { id: 'ImportRequest' });
const csv = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export const documentsRoutes = [
  route({
    method: 'GET',
    path: '/v1/imports/templates/{sheet}',
    operationId: 'importTemplate',
    summary:
      'The template of an import sheet (`items` or `progress`; `?format=xlsx` or `csv`): Chinese headers, one example row per kind, a sheet documenting the columns',
    auth: ['office', 'unit', 'manager'],
    function: 'Documents',
    get params() {
      return z.strictObject({
        get sheet() {
          return documentPathSchemas.sheet.clone().register(z.globalRegistry, {
            param: { name: 'sheet', in: 'path', description: 'Which sheet: `items` or `progress`.' },
          });
        },
      });
    },
    query: documentQuerySchemas.importTemplate,
    response: {
      status: 200,
      schema: 'File',
      mediaTypes: SHEETS,
      description:
        'The template (XLSX by default, or CSV): the sheet with Chinese headers and one example row per kind, and a second sheet documenting every column (Chinese and English headers, required, notes).',
    },
    errors: [400],
  }),
  route({
    method: 'POST',
    path: '/v1/imports/items',
    operationId: 'importItems',
    summary:
      'Import items as drafts from CSV or XLSX (base64 in JSON, ≤ 1 MiB, ≤ 2,000 rows); `dryRun: true` answers the per-row errors and writes nothing',
    auth: ['office'],
    function: 'Documents',
    body: ImportBody,
    // A CSV of one row (年度,类型,分类,战线,名称,完成时限 / 2022,任务,A,守住底线,老旧小区改造,2022-12-31), checked only.
    example: {
      format: 'csv',
      content: csv('年度,类型,分类,战线,名称,完成时限\n2022,任务,A,守住底线,老旧小区改造,2022-12-31\n'),
      dryRun: true,
    },
    response: {
      status: 200,
      schema: 'ImportAnswer',
      description:
        'Dry run: the per-row errors, nothing written. Real run: every row valid, the drafts created in transactions of at most 50 (or 422 `import.rows_invalid`, nothing written); re-running the same file creates only what is missing.',
    },
    errors: WRITE_NO_LOOKUP,
    maxBodyBytes: 2 * 1024 * 1024,
  }),
  route({
    method: 'POST',
    path: '/v1/imports/progress',
    operationId: 'importProgress',
    summary:
      "Import the month's progress of many items (one row per item) through the progress command; dry run as above",
    auth: ['unit', 'manager'],
    function: 'Documents',
    body: ImportBody,
    example: {
      format: 'csv',
      content: csv('事项编号,完成进度（%）,进展情况\n2022-T-lx0a1b2c3d4e5f6g7h9,35,完成设计招标\n'),
      dryRun: true,
    },
    response: {
      status: 200,
      schema: 'ImportAnswer',
      description:
        'Dry run: the per-row errors (the progress command’s rules), nothing written. Real run: one progress report per row through the progress command; a re-run skips rows already filed.',
    },
    errors: WRITE_NO_LOOKUP,
    maxBodyBytes: 2 * 1024 * 1024,
  }),
  route({
    method: 'GET',
    path: '/v1/exports/{dataset}',
    operationId: 'exportDataset',
    summary:
      '`items`, `orders`, `ledger` (`unit=`), `results` or `rankings` (`period=`) as XLSX or CSV (`format=`), Chinese headers unless `lang=en`; each row as the caller may read it',
    auth: ALL,
    function: 'Documents',
    get params() {
      return z.strictObject({
        get dataset() {
          return documentPathSchemas.dataset.clone().register(z.globalRegistry, {
            param: { name: 'dataset', in: 'path', description: 'What to export.' },
          });
        },
      });
    },
    query: documentQuerySchemas.exportDataset,
    response: {
      status: 200,
      schema: 'File',
      mediaTypes: SHEETS,
      description:
        'The dataset as a file (Chinese headers unless `lang=en`), each row as the caller may read it. At most 4 MiB inline; larger is a 413 asking for a narrower export.',
    },
    errors: [400, 403, 404, 413],
  }),
  route({
    method: 'GET',
    path: '/v1/orders/{id}/pdf',
    operationId: 'orderPdf',
    summary:
      "An order as a printable PDF (the district's heading, the official number, unit, item, targets, milestones, limit)",
    auth: ALL,
    function: 'Documents',
    get params() {
      return params.orderId;
    },
    response: {
      status: 200,
      schema: 'File',
      mediaTypes: ['application/pdf'],
      description:
        'The order as a PDF (Chinese, the district’s heading, the official number), with what the caller may read of it.',
    },
    errors: READ,
  }),
] as const;
