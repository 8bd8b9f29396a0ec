/**
 * The operations of the Documents function (issue 13): spreadsheet imports and templates,
 * exports, printable orders. Their own function and bundle: exceljs and pdfkit (about 2 MB
 * minified) stay out of the API functions' 250 kB bundles.
 */
import type * as z from 'zod';
import { exportDataset } from '#app/exports.ts';
import { orderPdf } from '#app/order-pdf.ts';
import { importItems, importProgress, importTemplate } from '#app/sheets.ts';
import { parse } from '#app/support.ts';
import { getOrder } from '#data/orders.ts';
import { findUnit } from '#data/units.ts';
import { orderView } from '#domain/access.ts';
import { beijingDate } from '#domain/calendar.ts';
import { OrderId } from '#domain/model.ts';
import { now } from '#lib/clock.ts';
import { documentPathSchemas, documentQuerySchemas, MEDIA_TYPES } from './document-schemas.ts';
import type { Operation, Request } from './http.ts';

const query = <K extends keyof typeof documentQuerySchemas>(k: K, req: Request) =>
  parse(documentQuerySchemas[k], req.query) as z.infer<(typeof documentQuerySchemas)[K]>;

export const documentOperations: Readonly<Record<string, Operation>> = {
  importTemplate: async (req) => {
    const sheet = parse(documentPathSchemas.sheet, req.params.sheet);
    const { format } = query('importTemplate', req);
    return {
      status: 200,
      body: undefined,
      file: {
        contentType: MEDIA_TYPES[format],
        filename: `${sheet === 'items' ? '事项导入模板' : '进展导入模板'}.${format}`,
        bytes: await importTemplate(format, sheet),
      },
    };
  },
  importItems: async (req) => ({ status: 200, body: await importItems({ actor: req.actor! }, req.body) }),
  importProgress: async (req) => ({
    status: 200,
    body: await importProgress({ actor: req.actor! }, req.body),
  }),
  exportDataset: async (req) => {
    const dataset = parse(documentPathSchemas.dataset, req.params.dataset);
    const v = query('exportDataset', req);
    const file = await exportDataset(req.actor, {
      dataset,
      format: v.format,
      lang: v.lang,
      year: v.year ?? Number(beijingDate(now()).slice(0, 4)),
      period: v.period,
      unit: v.unit,
      kind: v.kind,
    });
    return { status: 200, body: undefined, file: { contentType: MEDIA_TYPES[v.format], ...file } };
  },
  orderPdf: async (req) => {
    const order = await getOrder(parse(OrderId, req.params.id));
    const unit = await findUnit(order.unitId);
    const bytes = await orderPdf({
      order: orderView(req.actor, order),
      unitName: unit?.nameZh || unit?.name || order.unitId,
    });
    return {
      status: 200,
      body: undefined,
      file: { contentType: 'application/pdf', filename: `${order.displayNumber}.pdf`, bytes },
    };
  },
};
