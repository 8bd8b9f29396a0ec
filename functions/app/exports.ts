/**
 * Exports (issue 13): the year's list, orders, a unit's ledger, an evaluation's results and
 * rankings, as CSV or XLSX, headers in Chinese unless English is asked for. Each row is what
 * the reader may read (the read rules of functions/domain/access.ts), through the same
 * queries as the JSON routes. Answered inline up to EXPORT_MAX_BYTES (Lambda answers at most
 * 6 MB, and a binary answer travels base64): a larger file is written to the evidence bucket
 * under `exports/` (expires after a day) and answered as a presigned link (`exportLink`). What
 * is read is bounded too (EXPORT_READ_MAX_BYTES of records): beyond it, a 413 asking for a
 * narrower export (one unit, one kind).
 */
import { evaluationOf } from '#app/evaluation.ts';
import { listItems } from '#data/items.ts';
import { listOrders } from '#data/orders.ts';
import { ledgerOf } from '#data/results.ts';
import { getUnit } from '#data/units.ts';
import { itemView, orderView, type Reader, requireLedgerReader, resultView } from '#domain/access.ts';
import { beijingDate } from '#domain/calendar.ts';
import { DomainError, NotFound } from '#domain/errors.ts';
import type { Item, ItemKind } from '#domain/model.ts';
import {
  type EXPORT_DATASETS,
  itemCells,
  itemExportHeader,
  type SheetLang,
  VOCABULARY,
  word,
} from '#domain/sheets.ts';
import { type SheetFormat, writeSheets } from '#lib/sheet-files.ts';

/** The largest file answered inline: base64 of it stays under Lambda's 6 MB answer. */
export const EXPORT_MAX_BYTES = 4 * 1024 * 1024;
/** The most record bytes an export reads (memory and time of one invocation). */
export const EXPORT_READ_MAX_BYTES = 16 * 1024 * 1024;
/** Tests lower the inline bound through this variable (to hand out a link without 4 MB of data). */
export const EXPORT_INLINE_ENV = 'EXPORT_INLINE_MAX_BYTES';
/** How long an export's link is valid (the object itself expires after a day). */
export const EXPORT_LINK_SECONDS = 15 * 60;

/** The largest export answered inline. */
export function exportInlineLimit(): number {
  const n = Number(process.env[EXPORT_INLINE_ENV]);
  return Number.isInteger(n) && n > 0 && n < EXPORT_MAX_BYTES ? n : EXPORT_MAX_BYTES;
}

export type Dataset = (typeof EXPORT_DATASETS)[number];

export interface ExportRequest {
  readonly dataset: Dataset;
  readonly format: SheetFormat;
  readonly lang: SheetLang;
  readonly year: number;
  readonly period?: string | undefined;
  readonly unit?: string | undefined;
  readonly kind?: ItemKind | undefined;
}

export interface ExportFile {
  readonly filename: string;
  readonly bytes: Buffer;
}

type Cell = string | number;
const h = (lang: SheetLang, zh: string, en: string) => (lang === 'zh' ? zh : en);
const dateOf = (iso: string | undefined) => (iso ? beijingDate(new Date(iso)) : '');

async function allPages<T>(
  page: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string }>,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  let bytes = 0;
  do {
    const p = await page(cursor);
    out.push(...p.items);
    bytes += JSON.stringify(p.items).length;
    if (bytes > EXPORT_READ_MAX_BYTES) throw tooLarge();
    cursor = p.nextCursor;
  } while (cursor);
  return out;
}

const tooLarge = () =>
  new DomainError(
    'too_large',
    'export.too_large',
    `the export reads more than ${EXPORT_READ_MAX_BYTES} bytes of records: narrow it (unit=…, kind=…)`,
    [{ path: 'query', message: 'narrow the export with unit or kind' }],
  );

async function table(reader: Reader, r: ExportRequest): Promise<{ name: string; rows: Cell[][] }> {
  const { lang } = r;
  switch (r.dataset) {
    case 'items': {
      const items = await allPages((cursor) =>
        listItems(
          { year: r.year, ...(r.unit ? { unitId: r.unit } : {}), ...(r.kind ? { kind: r.kind } : {}) },
          100,
          cursor,
        ),
      );
      const rows: Cell[][] = [itemExportHeader(lang)];
      for (const i of items) {
        const view = itemView(reader, i) as Item | undefined;
        if (view) rows.push(itemCells(view, lang));
      }
      return { name: h(lang, `${r.year}年任务清单`, `List ${r.year}`), rows };
    }
    case 'orders': {
      const orders = await allPages((cursor) =>
        listOrders({ year: r.year, ...(r.unit ? { unitId: r.unit } : {}) }, 100, cursor),
      );
      const rows: Cell[][] = [
        [
          h(lang, '令号', 'Number'),
          h(lang, '编号', 'Order id'),
          h(lang, '类型', 'Type'),
          h(lang, '事项编号', 'Item id'),
          h(lang, '事项名称', 'Item'),
          h(lang, '单位编号', 'Unit id'),
          h(lang, '签发日期', 'Issued on'),
          h(lang, '状态', 'Status'),
          h(lang, '完成时限', 'Deadline'),
          h(lang, '答复期限', 'Answer due'),
          h(lang, '嘉许等级', 'Grade'),
          h(lang, '问询原因', 'Trigger'),
        ],
      ];
      for (const o of orders) {
        const v = orderView(reader, o);
        rows.push([
          v.displayNumber,
          v.orderId,
          word(VOCABULARY.orderType, v.orderType, lang),
          v.itemId,
          v.itemTitle,
          v.unitId,
          dateOf(v.issuedAt),
          word(VOCABULARY.orderStatus, v.status, lang),
          v.deadline ?? '',
          dateOf(v.answerDueAt),
          word(VOCABULARY.grade, v.grade, lang),
          word(VOCABULARY.trigger, v.trigger, lang),
        ]);
      }
      return { name: h(lang, `${r.year}年三令`, `Orders ${r.year}`), rows };
    }
    case 'ledger': {
      if (!r.unit) {
        throw new DomainError('validation', 'export.unit_required', 'a ledger export names its unit', [
          { path: 'unit', message: 'required for the ledger' },
        ]);
      }
      requireLedgerReader(reader, r.unit);
      await getUnit(r.unit);
      const entries = await ledgerOf({ type: 'unit', id: r.unit }, r.year);
      const rows: Cell[][] = [
        [
          h(lang, '令号', 'Number'),
          h(lang, '事项编号', 'Item id'),
          h(lang, '结果', 'Outcome'),
          h(lang, '绩效分', 'Performance score'),
          h(lang, '亮点分', 'Bright-spot points'),
          h(lang, '评优评先', 'Excellence eligible'),
          h(lang, '记功嘉奖', 'Merit recommendation'),
          h(lang, '规则版本', 'Rule version'),
          h(lang, '日期', 'Date'),
        ],
      ];
      const yesNo = (b: boolean | null) => (b === null ? '' : b ? h(lang, '是', 'yes') : h(lang, '否', 'no'));
      for (const e of entries) {
        rows.push([
          e.displayNumber,
          e.itemId,
          e.outcome,
          e.effect.performanceScore,
          e.effect.brightSpotPoints,
          yesNo(e.effect.excellenceEligible),
          e.effect.meritRecommendation ?? '',
          e.ruleVersion,
          dateOf(e.at),
        ]);
      }
      return { name: h(lang, `${r.unit}台账`, `Ledger ${r.unit}`), rows };
    }
    case 'results':
    case 'rankings': {
      if (!r.period) {
        throw new DomainError(
          'validation',
          'export.period_required',
          'name the evaluation period (YYYY-MM)',
          [{ path: 'period', message: 'required for results and rankings' }],
        );
      }
      const e = await evaluationOf(r.period);
      if (!e.summary) throw new NotFound('evaluation', r.period);
      if (r.dataset === 'rankings') {
        const rows: Cell[][] = [
          [
            h(lang, '单位编号', 'Unit id'),
            h(lang, '同类', 'Peer group'),
            h(lang, '事项数', 'Items'),
            h(lang, '得分', 'Score'),
            h(lang, '名次', 'Rank'),
            h(lang, '同类单位数', 'Group size'),
          ],
        ];
        for (const u of e.units) rows.push([u.unitId, u.peerGroup, u.items, u.score, u.rank, u.groupSize]);
        return { name: h(lang, `${r.period}排名`, `Rankings ${r.period}`), rows };
      }
      const rows: Cell[][] = [
        [
          h(lang, '事项编号', 'Item id'),
          h(lang, '单位编号', 'Unit id'),
          h(lang, '战线', 'Category'),
          h(lang, '计划进度', 'Expected'),
          h(lang, '实际进度', 'Actual'),
          h(lang, '战线内名次', 'Rank in category'),
          h(lang, '战线事项数', 'Category size'),
          h(lang, '同类名次', 'Rank in peer group'),
          h(lang, '同类事项数', 'Peer group size'),
          h(lang, '名次变化', 'Rank change'),
          h(lang, '滞后（百分点）', 'Lag (points)'),
        ],
      ];
      for (const res of e.items) {
        const v = resultView(reader, res) as Partial<typeof res> & Pick<typeof res, 'itemId' | 'unitId'>;
        rows.push([
          v.itemId,
          v.unitId,
          word(VOCABULARY.category, v.category, lang),
          v.expected ?? '',
          v.actual ?? '',
          v.rankInCategory ?? '',
          v.categorySize ?? '',
          v.rankInPeerGroup ?? '',
          v.peerGroupSize ?? '',
          v.rankChange ?? '',
          v.lag ?? '',
        ]);
      }
      return { name: h(lang, `${r.period}评估结果`, `Results ${r.period}`), rows };
    }
  }
}

/** The export as a file (the caller answers it inline or as a link, by its size), or 413 when it reads too much. */
export async function exportDataset(reader: Reader, r: ExportRequest): Promise<ExportFile> {
  const t = await table(reader, r);
  const bytes = await writeSheets(r.format, [
    { name: t.name.slice(0, 31), rows: t.rows, widths: t.rows[0]?.map(() => 16) },
  ]);
  const scope =
    r.dataset === 'results' || r.dataset === 'rankings' ? r.period : `${r.year}${r.unit ? `-${r.unit}` : ''}`;
  return { filename: `one-list-${r.dataset}-${scope}.${r.format}`, bytes };
}
