/**
 * The printable order (issue 13): a responsibility, commendation or inquiry order as a PDF in
 * Chinese, with the district's heading, the official number (福田责〔2022〕3号), the unit, the
 * item, targets, milestones and the limit, as the reader may see the order (the read rules of
 * functions/domain/access.ts decide the fields; a summary prints as a summary).
 *
 * The font is Noto Sans SC (SIL Open Font License) as @fontsource ships its "chinese-simplified"
 * slice: one WOFF file of 7,947 characters (GB 2312's 6,763 hanzi, ASCII and CJK punctuation),
 * 1.56 MB, beside the Documents bundle (copied by the stack), never inlined in it. pdfkit embeds
 * only the glyphs the order uses (a few kilobytes). WOFF, not WOFF2: fontkit cannot subset a
 * WOFF2 font's transformed glyph table and embeds it whole (measured: 1.35 MB an order); and
 * unwrapped once per process (functions/lib/woff.ts), since fontkit inflates a WOFF table at
 * every read.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { PublicOrder } from '#domain/access.ts';
import { beijingDate } from '#domain/calendar.ts';
import type { Order } from '#domain/model.ts';
import { VOCABULARY, word } from '#domain/sheets.ts';
import { woffToSfnt } from '#lib/woff.ts';

/** The font file's name beside the bundle (infra/resources/functions.ts `copies`). */
export const ORDER_FONT_FILE = 'noto-sans-sc-400.woff';
/** Where the stack copies it from. */
export const ORDER_FONT_SOURCE =
  '@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff';

let font: Buffer | undefined;

/**
 * The font: beside this module (the bundle), else from the package (the sources). node:module
 * is read here, at the first order printed, not at the Documents function's cold start.
 */
function orderFont(): Buffer {
  if (!font) {
    const beside = new URL(`./${ORDER_FONT_FILE}`, import.meta.url);
    const path = existsSync(beside)
      ? beside
      : process
          .getBuiltinModule('node:module')
          .createRequire(import.meta.url)
          .resolve(ORDER_FONT_SOURCE);
    font = woffToSfnt(readFileSync(path));
  }
  return font;
}

/** The heading every order carries: the issuing authority of the district (configurable). */
export function orderHeading(): string {
  const v = process.env.ORDER_HEADING?.trim();
  return v && v.length <= 100 ? v : '深圳市福田区“一单三令”工作指挥部办公室';
}

const TITLE: Record<Order['orderType'], string> = {
  responsibility: '责 任 令',
  commendation: '嘉 许 令',
  inquiry: '问 询 令',
};

const dateOf = (iso: string | undefined) => (iso ? beijingDate(new Date(iso)) : '');
const zhDate = (d: string) =>
  d ? `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日` : '';

export interface OrderPrint {
  readonly order: Order | PublicOrder;
  /** The addressed unit's name (Chinese if registered). */
  readonly unitName: string;
}

/** The PDF of an order. */
export async function orderPdf({ order, unitName }: OrderPrint): Promise<Buffer> {
  const full = order as Partial<Order> & PublicOrder;
  // pdfkit (and fontkit) load at the first order printed, not with the Documents function.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 72, bottom: 72, left: 80, right: 80 },
    // The embedded font from the start: no standard (Helvetica) font is loaded or written.
    font: orderFont() as unknown as string,
    info: {
      Title: `${full.displayNumber} ${full.itemTitle}`,
      Author: orderHeading(),
      Subject: TITLE[full.orderType],
    },
    lang: 'zh-CN',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const width = doc.page.width - 160;
  const red = '#c00000';

  doc.fillColor(red).fontSize(20).text(orderHeading(), { align: 'center', width });
  doc.moveDown(0.3);
  doc.fontSize(26).text(TITLE[full.orderType], { align: 'center', width });
  doc.moveDown(0.3);
  doc.fillColor('black').fontSize(13).text(full.displayNumber, { align: 'center', width });
  const y = doc.y + 6;
  doc
    .moveTo(80, y)
    .lineTo(80 + width, y)
    .lineWidth(1.5)
    .strokeColor(red)
    .stroke();
  doc.moveDown(1.2);

  const para = (text: string, size = 12) => {
    doc.fontSize(size).text(text, { width, lineGap: 4 });
    doc.moveDown(0.4);
  };
  para(`${unitName}：`, 13);
  para(`事项：${full.itemTitle}（编号 ${full.itemId}）`);

  if (full.orderType === 'responsibility') {
    para(
      '经“揭榜挂帅”，现将上述事项的责任交由你单位承担。请按下列目标、节点和时限推进落实，并在规定期限内签收本令。',
    );
    if (full.targets && full.targets.length > 0) {
      para('一、目标任务', 13);
      for (const [i, t] of full.targets.entries())
        para(`${i + 1}. ${t.indicator}：${t.targetValue} ${t.unit}`);
    }
    if (full.milestones && full.milestones.length > 0) {
      para('二、时间节点', 13);
      for (const [i, m] of full.milestones.entries()) {
        para(`${i + 1}. ${m.title}（${m.id}）：${zhDate(m.dueDate)}前完成，权重 ${m.weight}%`);
      }
    }
    if (full.deadline) para(`完成时限：${zhDate(full.deadline)}`, 13);
    if (full.acknowledgedAt) para(`签收日期：${zhDate(dateOf(full.acknowledgedAt))}`);
  } else if (full.orderType === 'commendation') {
    para(
      `你单位圆满完成上述事项，达到预期成效，经验收，予以${word(VOCABULARY.grade, full.grade, 'zh')}嘉许。`,
    );
  } else {
    const trigger = full.trigger ? word(VOCABULARY.trigger, full.trigger, 'zh') : '';
    para(`上述事项${trigger ? `因“${trigger}”` : ''}，现向你单位发出问询。`);
    if (full.reason) para(`问询事由：${full.reason}`);
    if (full.answerDueAt) para(`请于 ${zhDate(dateOf(full.answerDueAt))} 前书面答复，并提交整改方案。`, 13);
  }

  doc.moveDown(1.5);
  doc.fontSize(12).text(orderHeading(), { align: 'right', width });
  doc.text(zhDate(dateOf(full.issuedAt)), { align: 'right', width });
  doc.moveDown(1);
  doc
    .fontSize(9)
    .fillColor('#666666')
    .text(`状态：${word(VOCABULARY.orderStatus, full.status, 'zh')}　令号：${full.orderId}`, { width });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
