/**
 * The bounds of the spreadsheet routes and their request (issue 13), apart from the column
 * definitions of sheets.ts so that the route declarations every API bundle carries hold only
 * these few lines.
 */
import * as z from 'zod/mini';

/** What can be exported: the year's list, orders, a unit's ledger, an evaluation's results and rankings. */
export const EXPORT_DATASETS = ['items', 'orders', 'ledger', 'results', 'rankings'] as const;

/** The bounds of an import (ARCHITECTURE.md "Spreadsheets"). */
export const IMPORT_LIMITS = {
  /** Data rows after the header row. */
  maxRows: 2000,
  maxColumns: 40,
  /** The longest text of an item (its description) is 4,000; the milestones cell holds 50. */
  maxCellLength: 16_000,
  /** The uploaded file, before base64. */
  maxFileBytes: 1024 * 1024,
  /** Errors answered at most (a sheet with 2,000 bad rows needs fixing, not a 2,000-line list). */
  maxErrors: 500,
} as const;

export const ImportRequest = z.strictObject({
  get format() {
    return z.enum(['csv', 'xlsx']);
  },
  /** The file, base64 (at most 1 MiB before encoding). */
  get content() {
    return z
      .string()
      .check(
        z.minLength(1),
        z.maxLength(Math.ceil(IMPORT_LIMITS.maxFileBytes / 3) * 4),
        z.regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
      );
  },
  /** Check only: answers the errors and writes nothing. */
  get dryRun() {
    return z.boolean();
  },
});
export type ImportRequest = z.infer<typeof ImportRequest>;
