/**
 * Spreadsheets in and out (issue 13): the office imports items as drafts and units import
 * their monthly progress from CSV or XLSX; everyone exports what they may read; templates.
 *
 * Import semantics (ARCHITECTURE.md "Spreadsheets"): every row is checked before the first
 * write; a dry run answers the errors and writes nothing; a real run with any invalid row
 * writes nothing (422 with the errors). A valid item sheet is written as drafts in
 * transactions of at most 50 items (an item and its audit event each: 100 writes), through
 * the draft command's own builder (draftItem: the YEARS registry, the unit check) and the
 * item's audit event. The item id follows from the row key, so a run cut short between two
 * transactions is completed by running the same file again: the items already there are
 * skipped, the missing ones created, none twice. Progress rows go through the progress
 * command one by one (each its own transaction, its own audit event); a re-run skips the rows
 * whose item's last report already says the same.
 */
import { getRecords, UnitOfWork } from '#data/db.ts';
import { findItem, itemPk, createItem as storeItem } from '#data/items.ts';
import { allProgressOf } from '#data/progress.ts';
import { findUnit } from '#data/units.ts';
import { requireItemActor } from '#domain/access.ts';
import { beijingDate } from '#domain/calendar.ts';
import { DomainError, RuleViolation } from '#domain/errors.ts';
import { canApply, progressPlausible } from '#domain/lifecycle.ts';
import type { Actor, Item } from '#domain/model.ts';
import {
  boundErrors,
  cellsOf,
  columnsDoc,
  header,
  headerOf,
  IMPORT_LIMITS,
  ImportRequest,
  ITEM_COLUMNS,
  ITEM_EXAMPLES,
  ITEM_EXPORT_ONLY_COLUMNS,
  type ItemField,
  importedItemId,
  itemRowInput,
  itemRowKey,
  mapHeader,
  PROGRESS_COLUMNS,
  PROGRESS_EXAMPLE,
  type ProgressField,
  progressRowInput,
  type RowError,
  type SheetLang,
  sameReport,
} from '#domain/sheets.ts';
import { now } from '#lib/clock.ts';
import { readSheet, SheetFileError, type SheetFormat, type SheetOut, writeSheets } from '#lib/sheet-files.ts';
import { draftItem } from './commands/items.ts';
import { reportProgress } from './commands/work.ts';
import { type Ctx, isoNow, parse, withRetry } from './support.ts';

/** Items a transaction writes: each is its record and its `item.created` event (DynamoDB's 100). */
export const ITEMS_PER_TRANSACTION = 50;

export interface ImportAnswer {
  readonly dryRun: boolean;
  /** Data rows read (after the header). */
  readonly rows: number;
  readonly errors: RowError[];
  /** More errors than answered (IMPORT_LIMITS.maxErrors). */
  readonly truncated: boolean;
  /** Rows written by this run (0 on a dry run). */
  readonly created: number;
  /** Rows already written by an earlier run of the same file (skipped). */
  readonly existing: number;
  /** Per valid row: what it is or became. */
  readonly results: { row: number; itemId: string; status: 'valid' | 'created' | 'existing' }[];
}

async function rowsOf(v: ImportRequest): Promise<string[][]> {
  const bytes = Buffer.from(v.content, 'base64');
  if (bytes.length > IMPORT_LIMITS.maxFileBytes) {
    throw new DomainError(
      'too_large',
      'import.file_too_large',
      `the file exceeds ${IMPORT_LIMITS.maxFileBytes} bytes`,
    );
  }
  try {
    return await readSheet(v.format, bytes, {
      maxRows: IMPORT_LIMITS.maxRows + 1,
      maxColumns: IMPORT_LIMITS.maxColumns,
      maxCellLength: IMPORT_LIMITS.maxCellLength,
    });
  } catch (err) {
    if (err instanceof SheetFileError) {
      throw new DomainError('validation', err.code, err.message, [{ path: 'content', message: err.message }]);
    }
    throw err;
  }
}

/** A real run refused: 422 with each row's error as a detail (`rows.<row>.<column>`). */
function refuse(errors: RowError[]): never {
  const { errors: shown } = boundErrors(errors);
  throw new RuleViolation(
    'import.rows_invalid',
    `${errors.length} error${errors.length === 1 ? '' : 's'} in the sheet: nothing was written (run a dry run to see them)`,
    shown.map((e) => ({ path: `rows.${e.row}.${e.column}`, message: `${e.code}: ${e.message}` })),
  );
}

/** Looks units up once per run. */
function unitExists(): (unitId: string) => Promise<boolean> {
  const cache = new Map<string, Promise<boolean>>();
  return (unitId) => {
    let v = cache.get(unitId);
    if (!v) {
      v = findUnit(unitId).then((u) => u !== undefined);
      cache.set(unitId, v);
    }
    return v;
  };
}

/** The office's import of items as drafts (CSV or XLSX; dry run or real run). */
export async function importItems(ctx: Ctx, input: unknown): Promise<ImportAnswer> {
  const v = parse(ImportRequest, input);
  const grid = await rowsOf(v);
  const [headerRow = [], ...data] = grid;
  const { fields, errors } = mapHeader<ItemField>(headerRow, ITEM_COLUMNS, ITEM_EXPORT_ONLY_COLUMNS);
  if (data.length === 0)
    errors.push({ row: 2, column: '', code: 'import.empty', message: 'the sheet has no rows' });
  const column = (f: ItemField) => headerOf(ITEM_COLUMNS, headerRow, fields, f);
  const valid: {
    row: number;
    itemId: string;
    input: NonNullable<ReturnType<typeof itemRowInput>['input']>;
  }[] = [];
  if (errors.length === 0) {
    const keys = new Map<string, number>();
    const exists = unitExists();
    for (const [i, row] of data.entries()) {
      const n = i + 2;
      if (row.every((c) => c.trim() === '')) continue;
      const cells = cellsOf(row, fields);
      const built = itemRowInput(n, cells, column);
      errors.push(...built.errors);
      if (!built.input) continue;
      const key = itemRowKey(cells);
      const first = keys.get(key);
      if (first !== undefined) {
        errors.push({
          row: n,
          column: column(cells.importKey ? 'importKey' : 'title'),
          code: 'import.duplicate_row',
          message: `the same row key as row ${first}`,
        });
        continue;
      }
      keys.set(key, n);
      const units = [built.input.leadUnitId, ...(built.input.supportingUnitIds ?? [])].filter(
        (u): u is string => !!u,
      );
      let unitsOk = true;
      for (const u of units) {
        if (!(await exists(u))) {
          unitsOk = false;
          errors.push({
            row: n,
            column: column(u === built.input.leadUnitId ? 'leadUnitId' : 'supportingUnitIds'),
            code: 'unit.not_found',
            message: `unit ${u} does not exist`,
          });
        }
      }
      if (unitsOk)
        valid.push({
          row: n,
          itemId: importedItemId(built.input.year, built.input.kind, key),
          input: built.input,
        });
    }
  }
  const rows = data.filter((r) => !r.every((c) => c.trim() === '')).length;
  if (v.dryRun || errors.length > 0) {
    if (!v.dryRun) refuse(errors);
    const existing = new Set(
      (await getRecords<Item>(valid.map((r) => ({ PK: itemPk(r.itemId), SK: 'ITEM' }))))
        .filter((x) => !!x)
        .map((x) => x!.itemId),
    );
    return {
      dryRun: true,
      rows,
      ...boundErrors(errors),
      created: 0,
      existing: valid.filter((r) => existing.has(r.itemId)).length,
      results: valid.map((r) => ({
        row: r.row,
        itemId: r.itemId,
        status: existing.has(r.itemId) ? 'existing' : 'valid',
      })),
    };
  }
  const results: ImportAnswer['results'] = [];
  for (let start = 0; start < valid.length; start += ITEMS_PER_TRANSACTION) {
    const chunk = valid.slice(start, start + ITEMS_PER_TRANSACTION);
    // A lost race (a concurrent run of the same file) re-reads which items exist and writes the rest.
    const outcome = await withRetry(async () => {
      const there = await getRecords<Item>(chunk.map((r) => ({ PK: itemPk(r.itemId), SK: 'ITEM' })));
      const at = isoNow();
      const uow = new UnitOfWork();
      const out: ImportAnswer['results'] = [];
      for (const [i, r] of chunk.entries()) {
        if (there[i]) {
          out.push({ row: r.row, itemId: r.itemId, status: 'existing' });
          continue;
        }
        const item = await draftItem(r.input, at, r.itemId);
        storeItem(uow, item, [
          {
            type: 'item.created',
            actor: ctx.actor,
            data: { title: item.title, itemClass: item.itemClass, importedFromRow: r.row },
          },
        ]);
        out.push({ row: r.row, itemId: r.itemId, status: 'created' });
      }
      await uow.commit();
      return out;
    }, 5);
    results.push(...outcome);
  }
  return {
    dryRun: false,
    rows,
    errors: [],
    truncated: false,
    created: results.filter((r) => r.status === 'created').length,
    existing: results.filter((r) => r.status === 'existing').length,
    results,
  };
}

/** A unit's (or project manager's) monthly progress of many items in one sheet. */
export async function importProgress(ctx: Ctx, input: unknown): Promise<ImportAnswer> {
  const v = parse(ImportRequest, input);
  const grid = await rowsOf(v);
  const [headerRow = [], ...data] = grid;
  const { fields, errors } = mapHeader<ProgressField>(headerRow, PROGRESS_COLUMNS);
  if (data.length === 0)
    errors.push({ row: 2, column: '', code: 'import.empty', message: 'the sheet has no rows' });
  const column = (f: ProgressField) => headerOf(PROGRESS_COLUMNS, headerRow, fields, f);
  const today = beijingDate(now());
  const valid: {
    row: number;
    itemId: string;
    input: NonNullable<ReturnType<typeof progressRowInput>['input']>['input'];
    same: boolean;
  }[] = [];
  if (errors.length === 0) {
    const seen = new Map<string, number>();
    for (const [i, row] of data.entries()) {
      const n = i + 2;
      if (row.every((c) => c.trim() === '')) continue;
      const built = progressRowInput(n, cellsOf(row, fields), column);
      errors.push(...built.errors);
      if (!built.input) continue;
      const { itemId, input: report } = built.input;
      const first = seen.get(itemId);
      if (first !== undefined) {
        errors.push({
          row: n,
          column: column('itemId'),
          code: 'import.duplicate_row',
          message: `item ${itemId} is on row ${first} too`,
        });
        continue;
      }
      seen.set(itemId, n);
      const item = await findItem(itemId);
      if (!item || item.status === 'draft') {
        errors.push({
          row: n,
          column: column('itemId'),
          code: 'item.not_found',
          message: `item ${itemId} does not exist`,
        });
        continue;
      }
      const ruleError = checkProgressRow(ctx.actor, item, report, today);
      if (ruleError) {
        errors.push({
          row: n,
          column: column(ruleError.column),
          code: ruleError.code,
          message: ruleError.message,
        });
        continue;
      }
      const last = (await allProgressOf(itemId)).at(-1);
      valid.push({ row: n, itemId, input: report, same: sameReport(last, report) });
    }
  }
  const rows = data.filter((r) => !r.every((c) => c.trim() === '')).length;
  if (v.dryRun || errors.length > 0) {
    if (!v.dryRun) refuse(errors);
    return {
      dryRun: true,
      rows,
      ...boundErrors(errors),
      created: 0,
      existing: valid.filter((r) => r.same).length,
      results: valid.map((r) => ({ row: r.row, itemId: r.itemId, status: r.same ? 'existing' : 'valid' })),
    };
  }
  const results: ImportAnswer['results'] = [];
  for (const r of valid) {
    if (r.same) {
      results.push({ row: r.row, itemId: r.itemId, status: 'existing' });
      continue;
    }
    try {
      await reportProgress(ctx, r.itemId, r.input);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      // The item changed between the check and its turn: what was filed stays filed (each row
      // is its own report); a re-run of the file skips those rows and files the rest.
      throw new DomainError(
        err.kind,
        err.code,
        `row ${r.row} (item ${r.itemId}): ${err.message}; ${results.length} earlier row(s) were filed, re-run the file to file the rest`,
        err.details,
      );
    }
    results.push({ row: r.row, itemId: r.itemId, status: 'created' });
  }
  return {
    dryRun: false,
    rows,
    errors: [],
    truncated: false,
    created: results.filter((r) => r.status === 'created').length,
    existing: results.filter((r) => r.status === 'existing').length,
    results,
  };
}

/** The progress command's own checks, before any row is filed: who, when, plausibility. */
function checkProgressRow(
  actor: Actor,
  item: Item,
  report: Parameters<typeof progressPlausible>[1],
  today: string,
): { column: ProgressField; code: string; message: string } | undefined {
  try {
    requireItemActor(actor, item);
  } catch (err) {
    if (err instanceof DomainError) return { column: 'itemId', code: err.code, message: err.message };
    throw err;
  }
  const allowed = canApply(item, 'report_progress');
  if (!allowed.ok) return { column: 'itemId', code: allowed.error.code, message: allowed.error.message };
  const awardDate = item.awardedAt ? beijingDate(new Date(item.awardedAt)) : today;
  const plausible = progressPlausible(item, report, { awardDate, today });
  if (!plausible.ok) {
    const path = plausible.error.details[0]?.path ?? '';
    const column: ProgressField = path.startsWith('milestones')
      ? 'milestonesDone'
      : path.startsWith('investment')
        ? 'investmentCompleted'
        : path.startsWith('correction')
          ? 'correction'
          : 'percentComplete';
    return { column, code: plausible.error.code, message: plausible.error.message };
  }
  return undefined;
}

/** The template of a sheet: the columns (Chinese headers), one example row per kind, and a sheet documenting them. */
export async function importTemplate(format: SheetFormat, sheet: 'items' | 'progress'): Promise<Buffer> {
  const columns = sheet === 'items' ? ITEM_COLUMNS : PROGRESS_COLUMNS;
  const examples = sheet === 'items' ? ITEM_EXAMPLES : [PROGRESS_EXAMPLE];
  const sheets: SheetOut[] = [
    {
      name: sheet === 'items' ? '事项' : '进展',
      rows: [columns.map((c) => header(c, 'zh')), ...examples],
      widths: columns.map(() => 18),
    },
    {
      name: '列说明',
      rows: columnsDoc(sheet === 'items' ? [...ITEM_COLUMNS, ...ITEM_EXPORT_ONLY_COLUMNS] : PROGRESS_COLUMNS),
      widths: [18, 24, 6, 8, 40, 40],
    },
  ];
  return writeSheets(format, sheets);
}

export type { SheetLang };
