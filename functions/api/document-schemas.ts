/**
 * Path and query schemas of the Documents routes (functions/api/documents.ts), apart from the
 * operations so that the contract reads them without loading exceljs or pdfkit.
 */
import * as z from 'zod/mini';
import { fromText, Id, ItemKind, Period, Year } from '#domain/model.ts';
import { EXPORT_DATASETS } from '#domain/sheet-limits.ts';

const Format = z.enum(['xlsx', 'csv']);

export const documentQuerySchemas = {
  importTemplate: z.strictObject({
    get format() {
      return z._default(Format, 'xlsx');
    },
  }),
  exportDataset: z.strictObject({
    get format() {
      return z._default(Format, 'xlsx');
    },
    get lang() {
      return z._default(z.enum(['zh', 'en']), 'zh');
    },
    get year() {
      return z.optional(fromText(Year));
    },
    get period() {
      return z.optional(Period);
    },
    get unit() {
      return z.optional(Id);
    },
    get kind() {
      return z.optional(ItemKind);
    },
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
