/**
 * Path and query schemas of the Documents routes (functions/api/documents.ts), apart from the
 * operations so that the contract reads them without loading exceljs or pdfkit.
 */
import * as z from 'zod';
import { fromText, Id, ItemKind, Period, Year } from '#domain/model.ts';
import { EXPORT_DATASETS } from '#domain/sheet-limits.ts';

const Format = z.enum(['xlsx', 'csv']);

export const documentQuerySchemas = {
  importTemplate: z.strictObject({ format: Format.default('xlsx') }),
  exportDataset: z.strictObject({
    format: Format.default('xlsx'),
    lang: z.enum(['zh', 'en']).default('zh'),
    year: fromText(Year).optional(),
    period: Period.optional(),
    unit: Id.optional(),
    kind: ItemKind.optional(),
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
