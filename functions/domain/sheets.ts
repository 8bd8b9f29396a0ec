/**
 * Spreadsheets of the office (issue 13): the columns of the item and progress sheets with
 * their Chinese and English headers, how a row of text cells becomes a command's input (or
 * per-row errors naming the column), the row key that makes an import idempotent, and the
 * columns of every export. Pure: text in, inputs and errors out; the files themselves are
 * read and written in functions/lib/sheet-files.ts, the data in functions/app/sheets.ts.
 */
import { createHash } from 'node:crypto';
import { CreateItemInput, ProgressInput } from './commands.ts';
import type {
  CATEGORIES,
  COMMENDATION_GRADES,
  INQUIRY_TRIGGERS,
  ITEM_STATUSES,
  ItemKind,
  ORDER_STATUSES,
  ORDER_TYPES,
  STAGES,
} from './model.ts';
import { IMPORT_LIMITS } from './sheet-limits.ts';

export type SheetLang = 'zh' | 'en';

/** One error of one row: the sheet's row number (the header is row 1), the column's header. */
export interface RowError {
  readonly row: number;
  /** The column's header as the sheet has it (or the documented Chinese one); `''` for the whole row. */
  readonly column: string;
  readonly code: string;
  readonly message: string;
}

// ---------------------------------------------------------------------------------------------
// Value vocabularies: every enumerated cell is accepted in Chinese or as the API's own code.

const KIND_ZH: Record<ItemKind, string> = { task: '任务', project: '重大项目', reform: '重要改革' };
const CATEGORY_ZH: Record<(typeof CATEGORIES)[number], string> = {
  strategic: '战略争夺',
  siege: '攻城拔寨',
  'bottom-line': '守住底线',
};
const STAGE_ZH: Record<(typeof STAGES)[number], string> = {
  construction: '在建',
  preliminary: '前期',
  planning: '谋划',
};
const STATUS_ZH: Record<(typeof ITEM_STATUSES)[number], string> = {
  draft: '草稿',
  published: '揭榜中',
  claims_closed: '待挂帅',
  unclaimed: '无人揭榜',
  awarded: '待签收',
  in_progress: '推进中',
  completion_reported: '待验收',
  completed: '已销号',
};
const ORDER_TYPE_ZH: Record<(typeof ORDER_TYPES)[number], string> = {
  responsibility: '责任令',
  commendation: '嘉许令',
  inquiry: '问询令',
};
const ORDER_STATUS_ZH: Record<(typeof ORDER_STATUSES)[number], string> = {
  issued: '已签发',
  acknowledged: '已签收',
  fulfilled: '已履行',
  answered: '已答复',
  rectified: '已整改销号',
  escalated: '已问责',
  superseded: '已改派',
};
const GRADE_ZH: Record<(typeof COMMENDATION_GRADES)[number], string> = {
  first: '一等',
  second: '二等',
  third: '三等',
};
const TRIGGER_ZH: Record<(typeof INQUIRY_TRIGGERS)[number], string> = {
  lagging_progress: '进度滞后',
  lagging_rank: '排名靠后',
  overdue_milestone: '节点逾期',
  missed_deadline: '逾期未完成',
  late_acknowledgement: '逾期未签收',
  violation: '违规违纪',
  not_achieved: '未达预期',
};

export const VOCABULARY = {
  kind: KIND_ZH,
  category: CATEGORY_ZH,
  stage: STAGE_ZH,
  status: STATUS_ZH,
  orderType: ORDER_TYPE_ZH,
  orderStatus: ORDER_STATUS_ZH,
  grade: GRADE_ZH,
  trigger: TRIGGER_ZH,
} as const;

/** A code or its Chinese word as the code; undefined when neither. */
function codeOf<K extends string>(words: Record<K, string>, cell: string): K | undefined {
  const v = cell.trim();
  for (const [code, zh] of Object.entries(words) as [K, string][]) {
    if (v === code || v === zh || v.toLowerCase() === code) return code;
  }
  return undefined;
}

/** A code in the sheet's language. */
export function word<K extends string>(
  words: Record<K, string>,
  code: K | undefined,
  lang: SheetLang,
): string {
  if (code === undefined) return '';
  return lang === 'zh' ? (words[code] ?? code) : code;
}

// ---------------------------------------------------------------------------------------------
// Columns

export interface Column<F extends string = string> {
  readonly field: F;
  readonly zh: string;
  readonly en: string;
  readonly required: boolean;
  /** For the template's second sheet. */
  readonly noteZh: string;
  readonly noteEn: string;
}

const col = <F extends string>(
  field: F,
  zh: string,
  en: string,
  required: boolean,
  noteZh: string,
  noteEn: string,
): Column<F> => ({ field, zh, en, required, noteZh, noteEn });

/** Lists inside one cell: `;` or `；` between entries, `|` between an entry's parts. */
const LIST = /[;；\n]/;
const PARTS = '|';

export const ITEM_COLUMNS = [
  col(
    'importKey',
    '导入编号',
    'Import key',
    false,
    '本文件内唯一；重复导入同一编号不会重复建项（空则按“年度+名称”）',
    'Unique in the file; re-importing a key creates nothing new (empty: year + title)',
  ),
  col('year', '年度', 'Year', true, '如 2022', 'e.g. 2022'),
  col('kind', '类型', 'Kind', true, '任务 / 重大项目 / 重要改革', 'task / project / reform'),
  col('itemClass', '分类', 'Class', true, 'A（自上而下）或 B（自下而上）', 'A (top-down) or B (bottom-up)'),
  col(
    'category',
    '战线',
    'Category',
    true,
    '战略争夺 / 攻城拔寨 / 守住底线',
    'strategic / siege / bottom-line',
  ),
  col('title', '名称', 'Title', true, '一行，最多 200 字', 'One line, at most 200 characters'),
  col('description', '内容', 'Description', false, '最多 4000 字', 'At most 4,000 characters'),
  col('leadLeader', '牵头领导', 'Lead leader', false, '最多 100 字', 'At most 100 characters'),
  col(
    'leadUnitId',
    '牵头单位编号',
    'Lead unit id',
    false,
    '已登记单位的编号，如 meilin',
    'The id of a registered unit, e.g. meilin',
  ),
  col(
    'supportingUnitIds',
    '协办单位编号',
    'Supporting unit ids',
    false,
    '用分号分隔，最多 20 个',
    'Separated by semicolons, at most 20',
  ),
  col('deadline', '完成时限', 'Deadline', true, 'YYYY-MM-DD', 'YYYY-MM-DD'),
  col(
    'stage',
    '项目阶段',
    'Stage',
    false,
    '重大项目必填：在建 / 前期 / 谋划',
    'Projects only: construction / preliminary / planning',
  ),
  col(
    'totalInvestment',
    '总投资（元）',
    'Total investment (yuan)',
    false,
    '重大项目必填，整数',
    'Projects only, whole yuan',
  ),
  col(
    'annualInvestmentTarget',
    '年度计划投资（元）',
    'Annual investment target (yuan)',
    false,
    '重大项目必填，整数，不超过总投资',
    'Projects only, whole yuan, at most the total',
  ),
  col(
    'milestones',
    '节点',
    'Milestones',
    false,
    '每个节点“编号|名称|日期|权重”，分号分隔，权重合计 100',
    '“id|title|date|weight” each, separated by semicolons; weights add up to 100',
  ),
  col(
    'targets',
    '目标',
    'Targets',
    false,
    '每个目标“指标|目标值|单位”，分号分隔',
    '“indicator|value|unit” each, separated by semicolons',
  ),
] as const;
export type ItemField = (typeof ITEM_COLUMNS)[number]['field'];

/** Columns an export of the list adds (read by nobody on import: ignored, as documented). */
export const ITEM_EXPORT_ONLY_COLUMNS = [
  col(
    'itemId',
    '事项编号',
    'Item id',
    false,
    '导出时填写，导入时忽略',
    'Written by the export, ignored on import',
  ),
  col(
    'status',
    '状态',
    'Status',
    false,
    '导出时填写，导入时忽略',
    'Written by the export, ignored on import',
  ),
  col(
    'percentComplete',
    '完成进度（%）',
    'Percent complete',
    false,
    '导出时填写，导入时忽略',
    'Written by the export, ignored on import',
  ),
  col(
    'investmentCompleted',
    '已完成投资（元）',
    'Investment completed (yuan)',
    false,
    '导出时填写，导入时忽略',
    'Written by the export, ignored on import',
  ),
] as const;

export const PROGRESS_COLUMNS = [
  col('itemId', '事项编号', 'Item id', true, '清单上的事项编号', 'The item id on the list'),
  col(
    'percentComplete',
    '完成进度（%）',
    'Percent complete',
    true,
    '0 到 100，最多一位小数',
    '0 to 100, one decimal',
  ),
  col(
    'milestonesDone',
    '已完成节点',
    'Milestones done',
    false,
    '节点编号，分号分隔；可写“编号|完成日期”',
    'Milestone ids separated by semicolons; “id|date done” allowed',
  ),
  col(
    'investmentCompleted',
    '已完成投资（元）',
    'Investment completed (yuan)',
    false,
    '仅重大项目，整数',
    'Projects only, whole yuan',
  ),
  col('narrative', '进展情况', 'Narrative', true, '最多 4000 字', 'At most 4,000 characters'),
  col(
    'correction',
    '更正原因',
    'Correction reason',
    false,
    '数字低于上次填报时必填',
    'Required when a figure is lower than the last report',
  ),
] as const;
export type ProgressField = (typeof PROGRESS_COLUMNS)[number]['field'];

export const header = (c: Column, lang: SheetLang) => (lang === 'zh' ? c.zh : c.en);

/** How the header row maps to fields: by Chinese or English header (either, per column). */
export function mapHeader<F extends string>(
  headerRow: readonly string[],
  columns: readonly Column<F>[],
  ignored: readonly Column[] = [],
): { fields: (F | undefined)[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const norm = (s: string) =>
    s.trim().replace(/\s+/g, ' ').replace(/\(/g, '（').replace(/\)/g, '）').toLowerCase();
  const byHeader = new Map<string, F>();
  for (const c of columns) {
    byHeader.set(norm(c.zh), c.field);
    byHeader.set(norm(c.en), c.field);
  }
  const ignore = new Set(ignored.flatMap((c) => [norm(c.zh), norm(c.en)]));
  const seen = new Set<F>();
  const fields = headerRow.map((h, i) => {
    if (h.trim() === '') return undefined;
    const f = byHeader.get(norm(h));
    if (f === undefined) {
      if (!ignore.has(norm(h)))
        errors.push({
          row: 1,
          column: h,
          code: 'import.unknown_column',
          message: `unknown column ${i + 1}: ${h}`,
        });
      return undefined;
    }
    if (seen.has(f)) {
      errors.push({
        row: 1,
        column: h,
        code: 'import.duplicate_column',
        message: `column ${h} appears twice`,
      });
      return undefined;
    }
    seen.add(f);
    return f;
  });
  for (const c of columns) {
    if (c.required && !seen.has(c.field)) {
      errors.push({
        row: 1,
        column: c.zh,
        code: 'import.missing_column',
        message: `the sheet has no column ${c.zh} (${c.en})`,
      });
    }
  }
  return { fields, errors };
}

/** A row's cells by field (empty cells omitted; a CSV's anti-formula apostrophe removed). */
export function cellsOf<F extends string>(
  row: readonly string[],
  fields: readonly (F | undefined)[],
): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  fields.forEach((f, i) => {
    const v = (row[i] ?? '').replace(/^'(?=[=+\-@])/, '').trim();
    if (f !== undefined && v !== '') out[f] = v;
  });
  return out;
}

/** A number as a spreadsheet writes it: plain decimal digits, thousands separators allowed. */
function numberOf(cell: string): number | undefined {
  const v = cell.replace(/[,，\s]/g, '');
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : undefined;
}

/** A date cell: YYYY-MM-DD, or YYYY/M/D as spreadsheets show it. */
function dateOf(cell: string): string {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(cell.trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : cell.trim();
}

const splitList = (cell: string) =>
  cell
    .split(LIST)
    .map((s) => s.trim())
    .filter((s) => s !== '');

interface Built<T> {
  readonly input?: T;
  readonly errors: RowError[];
}

function headerOf<F extends string>(
  columns: readonly Column<F>[],
  headerRow: readonly string[],
  fields: readonly (F | undefined)[],
  field: F,
): string {
  const i = fields.indexOf(field);
  return i >= 0 ? (headerRow[i] ?? '') : (columns.find((c) => c.field === field)?.zh ?? field);
}

/**
 * The row key of an item row: the import key if given, else year and title. The item id
 * follows from it, so re-running an import (after a failure between two transactions, or by
 * mistake) finds the items it created and creates only the missing ones.
 */
export function importedItemId(year: number, kind: ItemKind, rowKey: string): string {
  const digest = createHash('sha256').update(`${year}\u0000${rowKey}`).digest('hex').slice(0, 20);
  return `${year}-${kind.slice(0, 1).toUpperCase()}-imp-${digest}`;
}

export function itemRowKey(cells: Partial<Record<ItemField, string>>): string {
  return cells.importKey ? `key:${cells.importKey}` : `title:${cells.year ?? ''}:${cells.title ?? ''}`;
}

/** A row of the item sheet as CreateItemInput, or its errors (each naming its column). */
export function itemRowInput(
  rowNumber: number,
  cells: Partial<Record<ItemField, string>>,
  column: (f: ItemField) => string,
): Built<CreateItemInput> {
  const errors: RowError[] = [];
  const bad = (f: ItemField, code: string, message: string) =>
    errors.push({ row: rowNumber, column: column(f), code, message });
  const raw: Record<string, unknown> = {};
  const num = (f: ItemField) => {
    const cell = cells[f];
    if (cell === undefined) return undefined;
    const n = numberOf(cell);
    if (n === undefined) bad(f, 'import.not_a_number', `not a number: ${cell.slice(0, 40)}`);
    return n;
  };
  const year = num('year');
  if (year !== undefined) raw.year = year;
  if (cells.kind !== undefined) {
    const k = codeOf(KIND_ZH, cells.kind);
    if (k) raw.kind = k;
    else bad('kind', 'import.unknown_value', `kind is one of ${Object.values(KIND_ZH).join(', ')}`);
  }
  if (cells.itemClass !== undefined) {
    const c = cells.itemClass.trim().toUpperCase().slice(0, 1);
    raw.itemClass = c === 'A' || c === 'B' ? c : cells.itemClass;
  }
  if (cells.category !== undefined) {
    const c = codeOf(CATEGORY_ZH, cells.category);
    if (c) raw.category = c;
    else
      bad('category', 'import.unknown_value', `category is one of ${Object.values(CATEGORY_ZH).join(', ')}`);
  }
  for (const f of ['title', 'description', 'leadLeader', 'leadUnitId'] as const) {
    if (cells[f] !== undefined) raw[f] = cells[f];
  }
  if (cells.supportingUnitIds !== undefined)
    raw.supportingUnitIds = splitList(cells.supportingUnitIds.replace(/[,，、]/g, ';'));
  if (cells.deadline !== undefined) raw.deadline = dateOf(cells.deadline);
  const stageCell = cells.stage;
  const total = num('totalInvestment');
  const annual = num('annualInvestmentTarget');
  if (stageCell !== undefined || total !== undefined || annual !== undefined) {
    const stage = stageCell === undefined ? undefined : codeOf(STAGE_ZH, stageCell);
    if (stageCell !== undefined && !stage)
      bad('stage', 'import.unknown_value', `stage is one of ${Object.values(STAGE_ZH).join(', ')}`);
    raw.project = { stage, totalInvestment: total, annualInvestmentTarget: annual };
  }
  if (cells.milestones !== undefined) {
    raw.milestones = splitList(cells.milestones).map((entry) => {
      const [id, title, date, weight] = entry.split(PARTS).map((s) => s.trim());
      return {
        id,
        title,
        dueDate: date === undefined ? undefined : dateOf(date),
        weight: weight === undefined ? undefined : (numberOf(weight) ?? weight),
      };
    });
  }
  if (cells.targets !== undefined) {
    raw.targets = splitList(cells.targets).map((entry) => {
      const [indicator, value, unit] = entry.split(PARTS).map((s) => s.trim());
      return { indicator, targetValue: value === undefined ? undefined : (numberOf(value) ?? value), unit };
    });
  }
  if (errors.length > 0) return { errors };
  const parsed = CreateItemInput.safeParse(raw);
  if (!parsed.success) {
    // One error per column and code (a bad date is also "outside the year"): the messages joined.
    const byColumn = new Map<string, { f: ItemField; code: string; messages: string[] }>();
    for (const issue of parsed.error.issues) {
      const f = fieldOfPath(issue.path);
      const code =
        issue.code === 'invalid_type' && issue.input === undefined ? 'import.required' : 'import.invalid';
      const where = issue.path.length > 1 ? ` (${issue.path.slice(1).map(String).join('.')})` : '';
      const key = `${f} ${code}`;
      const e = byColumn.get(key) ?? { f, code, messages: [] };
      e.messages.push(`${issue.message}${where}`);
      byColumn.set(key, e);
    }
    for (const e of byColumn.values()) bad(e.f, e.code, e.messages.join('; '));
    return { errors };
  }
  return { input: parsed.data, errors };
}

/** The column of a CreateItemInput issue's path. */
function fieldOfPath(path: readonly PropertyKey[]): ItemField {
  const [first, second] = path.map(String);
  if (first === 'project') {
    if (second === 'stage' || second === 'totalInvestment' || second === 'annualInvestmentTarget')
      return second;
    return 'stage';
  }
  const known = ITEM_COLUMNS.find((c) => c.field === first);
  return known ? known.field : 'title';
}

/** A row of the progress sheet as (item id, ProgressInput), or its errors. */
export function progressRowInput(
  rowNumber: number,
  cells: Partial<Record<ProgressField, string>>,
  column: (f: ProgressField) => string,
): Built<{ itemId: string; input: ProgressInput }> {
  const errors: RowError[] = [];
  const bad = (f: ProgressField, code: string, message: string) =>
    errors.push({ row: rowNumber, column: column(f), code, message });
  const raw: Record<string, unknown> = {};
  if (cells.percentComplete !== undefined) {
    const n = numberOf(cells.percentComplete.replace(/%$/, ''));
    if (n === undefined)
      bad('percentComplete', 'import.not_a_number', `not a number: ${cells.percentComplete.slice(0, 40)}`);
    else raw.percentComplete = n;
  }
  if (cells.investmentCompleted !== undefined) {
    const n = numberOf(cells.investmentCompleted);
    if (n === undefined)
      bad(
        'investmentCompleted',
        'import.not_a_number',
        `not a number: ${cells.investmentCompleted.slice(0, 40)}`,
      );
    else raw.investmentCompleted = n;
  }
  if (cells.milestonesDone !== undefined) {
    raw.milestones = splitList(cells.milestonesDone.replace(/[,，、]/g, ';')).map((entry) => {
      const [milestoneId, doneOn] = entry.split(PARTS).map((s) => s.trim());
      return { milestoneId, done: true, ...(doneOn ? { doneOn: dateOf(doneOn) } : {}) };
    });
  }
  if (cells.narrative !== undefined) raw.narrative = cells.narrative;
  if (cells.correction !== undefined) raw.correction = { reason: cells.correction };
  const itemId = cells.itemId;
  if (itemId === undefined) bad('itemId', 'import.required', 'the item id is required');
  if (errors.length > 0 || itemId === undefined) return { errors };
  const parsed = ProgressInput.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const first = String(issue.path[0] ?? '');
      const f: ProgressField =
        first === 'milestones'
          ? 'milestonesDone'
          : first === 'correction'
            ? 'correction'
            : (PROGRESS_COLUMNS.find((c) => c.field === first)?.field ?? 'narrative');
      bad(
        f,
        issue.code === 'invalid_type' && issue.input === undefined ? 'import.required' : 'import.invalid',
        issue.message,
      );
    }
    return { errors };
  }
  return { input: { itemId, input: parsed.data }, errors };
}

/** Whether a progress row says what the item's last report already says (a re-run of the same file). */
export function sameReport(
  last: { percentComplete: number; narrative: string; investmentCompleted?: number | undefined } | undefined,
  row: ProgressInput,
): boolean {
  return (
    last !== undefined &&
    last.percentComplete === row.percentComplete &&
    last.narrative === row.narrative &&
    (row.investmentCompleted === undefined || last.investmentCompleted === row.investmentCompleted)
  );
}

/** The cells of an item on the list, in ITEM_COLUMNS order then ITEM_EXPORT_ONLY_COLUMNS (the import reads them back). */
export function itemCells(
  item: {
    itemId: string;
    year: number;
    kind: ItemKind;
    itemClass: string;
    category: (typeof CATEGORIES)[number];
    title: string;
    description?: string;
    leadLeader?: string;
    leadUnitId?: string;
    supportingUnitIds?: readonly string[];
    deadline: string;
    project?: { stage: (typeof STAGES)[number]; totalInvestment: number; annualInvestmentTarget: number };
    milestones?: readonly { id: string; title: string; dueDate: string; weight: number }[];
    targets?: readonly { indicator: string; targetValue: number; unit: string }[];
    status: (typeof ITEM_STATUSES)[number];
    percentComplete?: number;
    investmentCompleted?: number;
  },
  lang: SheetLang,
): (string | number)[] {
  return [
    item.itemId,
    item.year,
    word(KIND_ZH, item.kind, lang),
    item.itemClass,
    word(CATEGORY_ZH, item.category, lang),
    item.title,
    item.description ?? '',
    item.leadLeader ?? '',
    item.leadUnitId ?? '',
    (item.supportingUnitIds ?? []).join(';'),
    item.deadline,
    item.project ? word(STAGE_ZH, item.project.stage, lang) : '',
    item.project ? item.project.totalInvestment : '',
    item.project ? item.project.annualInvestmentTarget : '',
    (item.milestones ?? []).map((m) => [m.id, m.title, m.dueDate, m.weight].join(PARTS)).join(';'),
    (item.targets ?? []).map((t) => [t.indicator, t.targetValue, t.unit].join(PARTS)).join(';'),
    word(STATUS_ZH, item.status, lang),
    item.percentComplete ?? '',
    item.project ? (item.investmentCompleted ?? 0) : '',
  ];
}

/** The header of the list's export: the import key column holds the item id (a re-import finds them by it). */
export function itemExportHeader(lang: SheetLang): string[] {
  return [
    ...ITEM_COLUMNS.map((c) => header(c, lang)),
    ...ITEM_EXPORT_ONLY_COLUMNS.slice(1).map((c) => header(c, lang)),
  ];
}

/** The documentation sheet of a template: column, required, notes, in both languages. */
export function columnsDoc(columns: readonly Column[]): string[][] {
  return [
    ['列名', 'Column', '必填', 'Required', '说明', 'Notes'],
    ...columns.map((c) => [
      c.zh,
      c.en,
      c.required ? '是' : '否',
      c.required ? 'yes' : 'no',
      c.noteZh,
      c.noteEn,
    ]),
  ];
}

/** One example row per kind (task, project, reform), in Chinese, for the template. */
export const ITEM_EXAMPLES: readonly (readonly string[])[] = [
  [
    '2022-示例-001',
    '2022',
    '任务',
    'A',
    '守住底线',
    '老旧小区改造（示例）',
    '完成华富街道 12 个老旧小区改造',
    '区领导（示例）',
    '',
    '',
    '2022-12-31',
    '',
    '',
    '',
    'm1|完成设计|2022-04-30|30;m2|完工验收|2022-12-15|70',
    '改造小区|12|个',
  ],
  [
    '2022-示例-002',
    '2022',
    '重大项目',
    'A',
    '攻城拔寨',
    '学校新建工程（示例）',
    '新建九年一贯制学校一所',
    '',
    '',
    '',
    '2023-08-31',
    '在建',
    '320000000',
    '120000000',
    'm1|主体封顶|2022-10-31|60;m2|竣工|2023-08-15|40',
    '新增学位|2520|个',
  ],
  [
    '2022-示例-003',
    '2022',
    '重要改革',
    'B',
    '战略争夺',
    '工程建设审批改革（示例）',
    '审批时限压缩一半',
    '',
    '',
    '',
    '2022-11-30',
    '',
    '',
    '',
    '',
    '审批时限|40|工作日',
  ],
];

/** The example row of the progress template. */
export const PROGRESS_EXAMPLE: readonly string[] = [
  '2022-T-示例',
  '35',
  'm1',
  '',
  '完成设计招标，进入施工准备（示例）',
  '',
];

/** Bounds the answered errors. */
export function boundErrors(errors: RowError[]): { errors: RowError[]; truncated: boolean } {
  return errors.length > IMPORT_LIMITS.maxErrors
    ? { errors: errors.slice(0, IMPORT_LIMITS.maxErrors), truncated: true }
    : { errors, truncated: false };
}

export { EXPORT_DATASETS, IMPORT_LIMITS, ImportRequest } from './sheet-limits.ts';
export { headerOf };
