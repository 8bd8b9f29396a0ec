/**
 * The operations of the Documents function (issue 13): spreadsheet imports and templates,
 * exports, printable orders. Their own function and bundle: exceljs and pdfkit (about 2 MB
 * minified) stay out of the API functions' 250 kB bundles.
 */
import { confirmUpload, evidenceDownload, issueUploadForm, listItemFiles } from '#app/evidence.ts';
import { EXPORT_LINK_SECONDS, exportDataset, exportInlineLimit } from '#app/exports.ts';
import { orderPdf } from '#app/order-pdf.ts';
import { importItems, importProgress, importTemplate } from '#app/sheets.ts';
import { downloadLink, putObject } from '#app/storage.ts';
import { getOrder } from '#data/orders.ts';
import { findUnit } from '#data/units.ts';
import { orderView } from '#domain/access.ts';
import { beijingDate } from '#domain/calendar.ts';
import { now } from '#lib/clock.ts';
import { newId } from '#lib/ids.ts';
import { EXPORTS_PREFIX } from '#resources/buckets.ts';
import { MEDIA_TYPES } from './document-schemas.ts';
import { FileAnswer } from './http.ts';
import type { OperationsOf } from './route.ts';
import type { DeclaredRoute } from './routes/index.ts';

export const documentOperations: OperationsOf<DeclaredRoute, 'Documents'> = {
  importTemplate: async ({ params, query }) =>
    new FileAnswer(
      MEDIA_TYPES[query.format],
      `${params.sheet === 'items' ? '事项导入模板' : '进展导入模板'}.${query.format}`,
      await importTemplate(query.format, params.sheet),
    ),
  importItems: async ({ actor, body }) => importItems({ actor }, body),
  importProgress: async ({ actor, body }) => importProgress({ actor }, body),
  exportDataset: async ({ actor, params, query: v }) => {
    const file = await exportDataset(actor, {
      dataset: params.dataset,
      format: v.format,
      lang: v.lang,
      year: v.year ?? Number(beijingDate(now()).slice(0, 4)),
      period: v.period,
      unit: v.unit,
      kind: v.kind,
    });
    if (file.bytes.length <= exportInlineLimit())
      return new FileAnswer(MEDIA_TYPES[v.format], file.filename, file.bytes);
    // Too large for an answer (Lambda's 6 MB, base64): to the bucket, for a day, behind a link.
    const key = `${EXPORTS_PREFIX}${beijingDate(now())}/${newId('export')}/${file.filename}`;
    await putObject(key, file.bytes, MEDIA_TYPES[v.format]);
    return {
      url: await downloadLink(key, file.filename, MEDIA_TYPES[v.format], EXPORT_LINK_SECONDS),
      expiresAt: new Date(now().getTime() + EXPORT_LINK_SECONDS * 1000).toISOString(),
      filename: file.filename,
      bytes: file.bytes.length,
    };
  },
  issueEvidenceUpload: async ({ actor, params, body }) => issueUploadForm(actor, params.id, body),
  confirmEvidenceUpload: async ({ actor, params }) => confirmUpload(actor, params.id, params.fileId),
  listItemFiles: async ({ actor, params, query }) =>
    listItemFiles(actor, params.id, query.limit, query.cursor),
  evidenceDownload: async ({ actor, params }) => evidenceDownload(actor, params.id, params.fileId),
  orderPdf: async ({ actor, params }) => {
    const order = await getOrder(params.id);
    const unit = await findUnit(order.unitId);
    const bytes = await orderPdf({
      order: orderView(actor, order),
      unitName: unit?.nameZh || unit?.name || order.unitId,
    });
    return new FileAnswer('application/pdf', `${order.displayNumber}.pdf`, bytes);
  },
};
