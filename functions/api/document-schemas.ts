/**
 * Path and query schemas of the Documents routes (functions/api/documents.ts), apart from the
 * operations so that the contract reads them without loading exceljs or pdfkit.
 */
import * as z from 'zod/mini';
import { fromText, Id, ItemKind, Period, Year } from '#domain/model.ts';
import { EXPORT_DATASETS } from '#domain/sheet-limits.ts';

const Format = z.enum(['xlsx', 'csv']);

export const documentQuerySchemas = {
  importTemplate: z.strictObject({ format: z._default(Format, 'xlsx') }),
  exportDataset: z.strictObject({
    format: z._default(Format, 'xlsx'),
    lang: z._default(z.enum(['zh', 'en']), 'zh'),
    year: z.optional(fromText(Year)),
    period: z.optional(Period),
    unit: z.optional(Id),
    kind: z.optional(ItemKind),
  }),
} as const;

export const documentPathSchemas = {
  sheet: z.enum(['items', 'progress']),
  dataset: z.enum(EXPORT_DATASETS),
};

/** The media type of each sheet format. */
export const MEDIA_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
