/**
 * Spreadsheet files in and out: CSV (UTF-8, with or without a BOM) and XLSX (exceljs). A file
 * becomes a grid of text cells (its first sheet; every cell as the text it shows) and a grid
 * of text becomes a file. Bounds first: a file of more rows or columns than asked for, or one
 * that does not parse, is a SheetFileError (the caller turns it into a 400).
 *
 * exceljs loads at the first XLSX file and the CSV modules at the first CSV, not with the
 * Documents function: each is a file beside its bundle (infra/resources/functions.ts
 * `lazyPackages`; ARCHITECTURE.md, 2026-12-04 "Heavy packages beside the bundle").
 */
import type ExcelJS from 'exceljs';

export type SheetFormat = 'csv' | 'xlsx';

const excel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;
const parseCsv = async () => (await import('csv-parse/sync')).parse;
const stringifyCsv = async () => (await import('csv-stringify/sync')).stringify;

export class SheetFileError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SheetFileError';
  }
}

export interface ReadLimits {
  /** Rows including the header row. */
  readonly maxRows: number;
  readonly maxColumns: number;
  /** Longest cell, in UTF-16 code units. */
  readonly maxCellLength: number;
}

/** The text a cell shows: numbers as written, dates as YYYY-MM-DD, rich text joined, formulas' results. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

function bounded(rows: string[][], limits: ReadLimits): string[][] {
  // Trailing empty rows (a sheet's formatting) are not rows.
  while (rows.length > 0 && rows.at(-1)!.every((c) => c.trim() === '')) rows.pop();
  if (rows.length > limits.maxRows) {
    throw new SheetFileError('import.too_many_rows', `at most ${limits.maxRows - 1} rows after the header`);
  }
  for (const [r, row] of rows.entries()) {
    while (row.length > 0 && row.at(-1)!.trim() === '') row.pop();
    if (row.length > limits.maxColumns) {
      throw new SheetFileError(
        'import.too_many_columns',
        `row ${r + 1} has more than ${limits.maxColumns} columns`,
      );
    }
    for (const cell of row) {
      if (cell.length > limits.maxCellLength) {
        throw new SheetFileError(
          'import.cell_too_long',
          `row ${r + 1} has a cell longer than ${limits.maxCellLength} characters`,
        );
      }
    }
  }
  return rows;
}

/** The first sheet of `bytes` as text cells (row 1 first). */
export async function readSheet(format: SheetFormat, bytes: Buffer, limits: ReadLimits): Promise<string[][]> {
  if (format === 'csv') {
    // Loaded outside the try: a module that fails to load is not a file that fails to parse.
    const parse = await parseCsv();
    let rows: string[][];
    try {
      rows = parse(bytes, {
        bom: true,
        relax_column_count: true,
        skip_empty_lines: false,
        // One bound more than allowed: enough to say "too many".
        to_line: limits.maxRows + 1,
      }) as string[][];
    } catch (err) {
      throw new SheetFileError(
        'import.unreadable',
        `not a CSV file: ${(err as Error).message.slice(0, 200)}`,
      );
    }
    return bounded(rows, limits);
  }
  const book = new (await excel()).Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new SheetFileError(
      'import.unreadable',
      `not an XLSX file: ${(err as Error).message.slice(0, 200)}`,
    );
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new SheetFileError('import.unreadable', 'the workbook has no sheet');
  if (sheet.actualRowCount > limits.maxRows + 1000 || sheet.rowCount > limits.maxRows + 1000) {
    throw new SheetFileError('import.too_many_rows', `at most ${limits.maxRows - 1} rows after the header`);
  }
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    const n = Math.min(row.cellCount, limits.maxColumns + 1);
    for (let c = 1; c <= n; c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  }
  return bounded(rows, limits);
}

export interface SheetOut {
  readonly name: string;
  readonly rows: readonly (readonly (string | number)[])[];
  /** Column widths in characters (XLSX only). */
  readonly widths?: readonly number[];
}

/**
 * A file of `sheets` (CSV: the first sheet only, UTF-8 with a BOM so that Excel opens the
 * Chinese headers as such). Every cell is written as text or a number, never as a formula:
 * a cell starting with `=`, `+`, `-` or `@` gets a leading apostrophe in CSV (spreadsheet
 * formula injection) and is a plain string in XLSX.
 */
export async function writeSheets(format: SheetFormat, sheets: readonly SheetOut[]): Promise<Buffer> {
  if (format === 'csv') {
    const rows = (sheets[0]?.rows ?? []).map((row) =>
      row.map((c) => (typeof c === 'string' && /^[=+\-@\t\r]/.test(c) ? `'${c}` : c)),
    );
    const stringify = await stringifyCsv();
    return Buffer.concat([Buffer.from('\uFEFF', 'utf8'), Buffer.from(stringify(rows), 'utf8')]);
  }
  const book = new (await excel()).Workbook();
  for (const s of sheets) {
    const sheet = book.addWorksheet(s.name);
    for (const row of s.rows) sheet.addRow([...row]);
    s.widths?.forEach((w, i) => {
      sheet.getColumn(i + 1).width = w;
    });
    if (s.rows.length > 0) sheet.getRow(1).font = { bold: true };
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
