/**
 * Spreadsheets and printed orders over real HTTP (local gateway, DynamoDB Local, the local
 * Step Functions engine), issue 13: the import round trip (export → import → the same items,
 * and a second run creating nothing), a crafted bad sheet's dry-run errors (row, column, code)
 * with nothing written, a real run of a bad sheet refused whole, the monthly progress import
 * through the progress command, the templates, and an order's PDF whose extracted text holds
 * its official number and the unit's name.
 */
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkResponse } from '../../support/contract.ts';
import { Api, type HttpStack, showReply, startHttpStack, tokenFor, uniq } from '../../support/http.ts';

const YEAR = 2022;
let stack: HttpStack;
let api: Api;

beforeAll(async () => {
  stack = await startHttpStack({ prefix: 'docs' });
  api = new Api(stack.call, YEAR);
  await api.unit('meilin');
  await api.person('meilin', 'p-meilin-1');
  await stack.call('POST', '/v1/units', {
    token: await tokenFor('office'),
    body: { unitId: 'huafu', name: 'Huafu Subdistrict', nameZh: '华富街道办事处', unitType: 'subdistrict' },
  });
  await api.person('huafu', 'p-huafu-1');
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

/** A file route: the bytes, the content type and the file name. */
async function download(path: string, token: string, query: Record<string, string> = {}) {
  const qs = new URLSearchParams(query).toString();
  const res = await fetch(`${stack.url}${path}${qs ? `?${qs}` : ''}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    disposition: res.headers.get('content-disposition') ?? '',
    bytes,
  };
}

async function importSheet(
  route: 'items' | 'progress',
  format: 'csv' | 'xlsx',
  bytes: Buffer,
  dryRun: boolean,
  token?: string,
) {
  const r = await stack.call('POST', `/v1/imports/${route}`, {
    token: token ?? (await tokenFor('office')),
    body: { format, content: bytes.toString('base64'), dryRun },
  });
  checkResponse(route === 'items' ? 'importItems' : 'importProgress', r.status, r.body);
  return r;
}

interface ImportAnswer {
  dryRun: boolean;
  rows: number;
  errors: { row: number; column: string; code: string; message: string }[];
  created: number;
  existing: number;
  results: { row: number; itemId: string; status: string }[];
}

async function sheetRows(bytes: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(String(row.getCell(c).value ?? ''));
    rows.push(cells);
  });
  return rows;
}

const csv = (rows: string[][]) =>
  Buffer.from(
    rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n'),
    'utf8',
  );

describe('import and export of the list', () => {
  it('round trip: export → import → the same items; a second run creates nothing', async () => {
    const year = 2031;
    const yearApi = new Api(stack.call, year);
    const project = await yearApi.item({
      kind: 'project',
      title: `河套学校新建工程 ${uniq()}`,
      category: 'strategic',
      leadUnitId: 'meilin',
      project: { stage: 'construction', totalInvestment: 320_000_000, annualInvestmentTarget: 120_000_000 },
      description: '新建九年一贯制学校，含 "引号" 与逗号, 的内容',
    });
    const task = await yearApi.item({
      title: `=SUM(A1) 看似公式的名称 ${uniq()}`,
      itemClass: 'B',
      kind: 'reform',
    });
    const office = await tokenFor('office');
    const first = await download('/v1/exports/items', office, { year: String(year) });
    expect(first.status, first.bytes.toString('utf8').slice(0, 300)).toBe(200);
    expect(first.type).toContain('spreadsheetml');
    expect(first.disposition).toContain('attachment');
    const exported = await sheetRows(first.bytes);
    expect(exported[0]?.slice(0, 3)).toEqual(['导入编号', '年度', '类型']);
    expect(exported).toHaveLength(3);

    // Import the export into the same year: two new drafts with the same fields.
    const dry = await importSheet('items', 'xlsx', first.bytes, true);
    expect(dry.status, showReply(dry)).toBe(200);
    const dryAnswer = dry.body as ImportAnswer;
    expect(dryAnswer).toMatchObject({ dryRun: true, rows: 2, errors: [], created: 0, existing: 0 });
    const before = await api.all('/v1/items', { year });
    expect(before).toHaveLength(2);

    const real = await importSheet('items', 'xlsx', first.bytes, false);
    expect(real.status, showReply(real)).toBe(200);
    expect(real.body).toMatchObject({ dryRun: false, created: 2, existing: 0 });
    const again = await importSheet('items', 'xlsx', first.bytes, false);
    expect(again.body).toMatchObject({ created: 0, existing: 2 });

    const items = await api.all<Record<string, unknown>>('/v1/items', { year });
    expect(items).toHaveLength(4);
    const strip = (i: Record<string, unknown>) => {
      const {
        itemId: _i,
        createdAt: _c,
        updatedAt: _u,
        auditHead: _h,
        auditSeq: _s,
        version: _v,
        ...rest
      } = i;
      return rest;
    };
    for (const original of [project, task]) {
      const o = items.find((i) => i.itemId === original.itemId)!;
      const copies = items.filter((i) => i.title === o.title && i.itemId !== o.itemId);
      expect(copies, String(o.title)).toHaveLength(1);
      expect(strip(copies[0]!)).toEqual(strip(o));
    }
    // Its audit trail says it was created, as the draft command records it.
    const imported = (real.body as ImportAnswer).results[0]!.itemId;
    const history = await api.get<{ events: { type: string }[] }>(`/v1/items/${imported}/history`);
    expect(history.events.map((e) => e.type)).toEqual(['item.created']);

    // CSV the same way, English headers.
    const asCsv = await download('/v1/exports/items', office, {
      year: String(year),
      format: 'csv',
      lang: 'en',
    });
    expect(asCsv.type).toContain('text/csv');
    expect(asCsv.bytes.toString('utf8').startsWith('\uFEFFImport key,Year,Kind')).toBe(true);
    // The originals' rows key to the copies made above (existing); the copies' rows are new.
    const csvRun = await importSheet('items', 'csv', asCsv.bytes, false);
    expect(csvRun.body, showReply(csvRun)).toMatchObject({ created: 2, existing: 2 });
    const csvAgain = await importSheet('items', 'csv', asCsv.bytes, true);
    expect(csvAgain.body).toMatchObject({ existing: 4, errors: [] });
    expect(await api.all('/v1/items', { year })).toHaveLength(6);
  });

  it("a crafted bad sheet: the dry run names each row's column and code, and nothing is written", async () => {
    const year = 2032;
    const rows = [
      [
        '导入编号',
        '年度',
        '类型',
        '分类',
        '战线',
        '名称',
        '完成时限',
        '牵头单位编号',
        '项目阶段',
        '总投资（元）',
        '年度计划投资（元）',
        '节点',
      ],
      ['k1', String(year), '任务', 'A', '守住底线', '合格的一行', `${year}-12-31`, '', '', '', '', ''],
      ['k2', String(year), '工程', 'A', '守住底线', '类型不对', `${year}-12-31`, '', '', '', '', ''],
      ['k3', String(year), '任务', 'A', '守住底线', '日期不对', '明年', '', '', '', '', ''],
      [
        'k4',
        String(year),
        '重大项目',
        'A',
        '攻城拔寨',
        '项目缺投资',
        `${year}-12-31`,
        '',
        '在建',
        '',
        '',
        '',
      ],
      ['k5', String(year), '任务', 'A', '守住底线', '没有的单位', `${year}-12-31`, 'nowhere', '', '', '', ''],
      [
        'k6',
        String(year),
        '任务',
        'A',
        '守住底线',
        '权重不足',
        `${year}-12-31`,
        '',
        '',
        '',
        '',
        `m1|一|${year}-05-01|30;m2|二|${year}-06-01|30`,
      ],
      ['k1', String(year), '任务', 'A', '守住底线', '重复编号', `${year}-12-31`, '', '', '', '', ''],
      ['k8', String(year), '任务', 'A', '守住底线', '', `${year}-12-31`, '', '', '', '', ''],
    ];
    const r = await importSheet('items', 'csv', csv(rows), true);
    expect(r.status, showReply(r)).toBe(200);
    const a = r.body as ImportAnswer;
    const byRow = new Map<number, { column: string; code: string }[]>();
    for (const e of a.errors)
      byRow.set(e.row, [...(byRow.get(e.row) ?? []), { column: e.column, code: e.code }]);
    expect(a.rows).toBe(8);
    expect(byRow.get(2)).toBeUndefined();
    expect(byRow.get(3)).toEqual([{ column: '类型', code: 'import.unknown_value' }]);
    expect(byRow.get(4)).toEqual([{ column: '完成时限', code: 'import.invalid' }]);
    expect(byRow.get(5)?.map((e) => e.column)).toEqual(expect.arrayContaining(['总投资（元）']));
    expect(byRow.get(6)).toEqual([{ column: '牵头单位编号', code: 'unit.not_found' }]);
    expect(byRow.get(7)).toEqual([{ column: '节点', code: 'import.invalid' }]);
    expect(byRow.get(8)).toEqual([{ column: '导入编号', code: 'import.duplicate_row' }]);
    expect(byRow.get(9)).toEqual([{ column: '名称', code: 'import.required' }]);
    expect(a.results.map((x) => x.row)).toEqual([2]);

    // The real run of the same sheet writes nothing, not even its one good row.
    const real = await importSheet('items', 'csv', csv(rows), false);
    expect(real.status, showReply(real)).toBe(422);
    expect((real.body as { error: { code: string } }).error.code).toBe('import.rows_invalid');
    expect(await api.all('/v1/items', { year })).toEqual([]);

    // A header the importer does not know is an error of row 1; a missing required column too.
    const header = await importSheet(
      'items',
      'csv',
      csv([
        ['年度', '名字'],
        [String(year), 'x'],
      ]),
      true,
    );
    const codes = (header.body as ImportAnswer).errors.map((e) => `${e.row}:${e.code}`);
    expect(codes).toContain('1:import.unknown_column');
    expect(codes).toContain('1:import.missing_column');
    // Not a spreadsheet at all: a 400 on the content.
    const junk = await importSheet('items', 'xlsx', Buffer.from('not a zip'), true);
    expect(junk.status).toBe(400);
    expect((junk.body as { error: { code: string } }).error.code).toBe('import.unreadable');
  });

  it('the templates: Chinese headers, one example per kind, a sheet documenting the columns; the template imports', async () => {
    const r = await download('/v1/imports/templates/items', await tokenFor('office'));
    expect(r.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['事项', '列说明']);
    const rows = await sheetRows(r.bytes);
    expect(rows[0]?.[5]).toBe('名称');
    expect(rows.slice(1).map((row) => row[2])).toEqual(['任务', '重大项目', '重要改革']);
    const dry = await importSheet('items', 'xlsx', r.bytes, true);
    expect(dry.body).toMatchObject({ rows: 3, errors: [] });
    const csvTemplate = await download(
      '/v1/imports/templates/progress',
      await tokenFor('unit', { unitId: 'meilin' }),
      { format: 'csv' },
    );
    expect(csvTemplate.bytes.toString('utf8')).toContain('事项编号,完成进度（%）');
  });
});

describe('the monthly progress import', () => {
  it('files one report per row through the progress command; a unit only for its own items; a re-run files nothing', async () => {
    const a = await api.inProgress('meilin', 'p-meilin-1');
    const b = await api.inProgress('meilin', 'p-meilin-1');
    const other = await api.inProgress('huafu', 'p-huafu-1');
    const meilin = await tokenFor('unit', { unitId: 'meilin' });
    const header = ['事项编号', '完成进度（%）', '已完成节点', '进展情况'];
    const bad = csv([
      header,
      [a.itemId, '30', 'm1', '设计完成'],
      [other.itemId, '10', '', '不是我们的'],
      [b.itemId, '120', '', '超过'],
      [b.itemId, '5', 'zz', '未知节点'],
      [a.itemId, '31', '', '重复'],
    ]);
    const dry = await importSheet('progress', 'csv', bad, true, meilin);
    const errors = (dry.body as ImportAnswer).errors.map((e) => [e.row, e.column, e.code]);
    expect(errors).toEqual([
      [3, '事项编号', 'auth.not_your_item'],
      [4, '完成进度（%）', 'import.invalid'],
      [5, '已完成节点', 'progress.unknown_milestone'],
      [6, '事项编号', 'import.duplicate_row'],
    ]);
    const refused = await importSheet('progress', 'csv', bad, false, meilin);
    expect(refused.status).toBe(422);
    expect(await api.all(`/v1/items/${a.itemId}/progress`)).toEqual([]);

    const good = csv([header, [a.itemId, '30', 'm1', '设计完成'], [b.itemId, '12.5', '', '准备开工']]);
    const run = await importSheet('progress', 'csv', good, false, meilin);
    expect(run.body, showReply(run)).toMatchObject({ created: 2, existing: 0 });
    const item = await api.get<{ percentComplete: number; milestonesDone: Record<string, string> }>(
      `/v1/items/${a.itemId}`,
    );
    expect(item.percentComplete).toBe(30);
    expect(Object.keys(item.milestonesDone)).toEqual(['m1']);
    const again = await importSheet('progress', 'csv', good, false, meilin);
    expect(again.body).toMatchObject({ created: 0, existing: 2 });
    expect(await api.all(`/v1/items/${a.itemId}/progress`)).toHaveLength(1);
  });
});

describe('printed orders', () => {
  it('a responsibility order as a PDF: its official number, the unit, the item and the milestones in the text', async () => {
    const { orderId } = await api.inProgress('huafu', 'p-huafu-1', { title: '华富片区老旧小区改造' });
    const order = await api.get<{ displayNumber: string }>(`/v1/orders/${orderId}`);
    expect(order.displayNumber).toMatch(/^福田责〔2022〕\d+号$/);
    const r = await download(`/v1/orders/${orderId}/pdf`, await tokenFor('unit', { unitId: 'huafu' }));
    expect(r.status, r.bytes.toString('utf8').slice(0, 300)).toBe(200);
    expect(r.type).toBe('application/pdf');
    expect(r.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // The font is embedded as a subset: the order stays small (the whole font is 1.5 MB).
    expect(r.bytes.length).toBeLessThan(100_000);
    const pdf = await getDocument({
      data: new Uint8Array(r.bytes),
      disableFontFace: true,
      useSystemFonts: false,
    }).promise;
    let text = '';
    for (let p = 1; p <= pdf.numPages; p++) {
      const content = await (await pdf.getPage(p)).getTextContent();
      text += content.items.map((i) => ('str' in i ? i.str : '')).join('');
    }
    expect(text).toContain(order.displayNumber);
    expect(text).toContain('华富街道办事处');
    expect(text).toContain('华富片区老旧小区改造');
    expect(text).toContain('责 任 令');
    expect(text).toContain('Plan approved');
    expect(text).toContain('2022年12月31日');

    // Another unit prints it in summary (the read rules): the number, not the milestones.
    const other = await download(`/v1/orders/${orderId}/pdf`, await tokenFor('unit', { unitId: 'meilin' }));
    expect(other.status).toBe(200);
    const otherPdf = await getDocument({
      data: new Uint8Array(other.bytes),
      disableFontFace: true,
      useSystemFonts: false,
    }).promise;
    const otherText = (await (await otherPdf.getPage(1)).getTextContent()).items
      .map((i) => ('str' in i ? i.str : ''))
      .join('');
    expect(otherText).toContain(order.displayNumber);
    expect(otherText).not.toContain('Plan approved');
  });
});
