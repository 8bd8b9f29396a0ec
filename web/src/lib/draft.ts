/**
 * The office's draft form as plain logic: money typed in 万元 or 亿元 to whole yuan (and back),
 * the form's values to the API's create and edit bodies, non-blocking hints, and the API's 4xx
 * field errors to the field they belong to. The API stays the authority: a hint never stops a
 * submit, and what the API refuses is shown beside the field it names.
 */
import type { Schemas } from '../api/client.ts';

export type MoneyUnit = 'wan' | 'yi';
/** Decimal places of a whole-yuan amount in each unit: 1 万元 = 10^4 yuan, 1 亿元 = 10^8. */
const PLACES: Record<MoneyUnit, number> = { wan: 4, yi: 8 };

export type Parsed = { ok: true; yuan: number } | { ok: false; code: 'money.format' | 'money.precision' };

/**
 * "12.5" 亿元 → 1,250,000,000 yuan, exactly (decimal digits shifted, no floating point). Blank,
 * negative or non-decimal text is `money.format`; digits finer than one yuan are `money.precision`.
 * Bounds are the API's to check (it names the field when the amount is too large).
 */
export function toYuan(text: string, unit: MoneyUnit): Parsed {
  const m = /^(\d{1,20})(?:\.(\d+))?$/.exec(text.trim().replaceAll(',', ''));
  if (!m) return { ok: false, code: 'money.format' };
  const places = PLACES[unit];
  const frac = m[2] ?? '';
  if (frac.replace(/0+$/, '').length > places) return { ok: false, code: 'money.precision' };
  const digits = `${m[1]}${frac.padEnd(places, '0').slice(0, places)}`.replace(/^0+(?=\d)/, '');
  return { ok: true, yuan: Number(digits) };
}

/** Whole yuan as typed in `unit`: 1,250,000,000 in 亿元 → "12.5". */
export function fromYuan(yuan: number, unit: MoneyUnit): string {
  const places = PLACES[unit];
  const s = String(Math.trunc(Math.abs(yuan))).padStart(places + 1, '0');
  const int = s.slice(0, s.length - places);
  const frac = s.slice(s.length - places).replace(/0+$/, '');
  return `${yuan < 0 ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** The unit a Chinese reader expects for an amount: 亿元 from 1 亿 up, else 万元. */
export const unitFor = (yuan: number): MoneyUnit => (yuan >= 100_000_000 ? 'yi' : 'wan');

export type Kind = Schemas['Item']['kind'];
type Stage = NonNullable<Schemas['Item']['project']>['stage'];

export interface MilestoneRow {
  id: string;
  title: string;
  dueDate: string;
  weight: string;
}
export interface TargetRow {
  indicator: string;
  targetValue: string;
  unit: string;
}

/** What the form holds: text as typed (numbers too), so what the API refuses can be shown as sent. */
export interface DraftValues {
  kind: Kind;
  itemClass: 'A' | 'B';
  category: Schemas['Item']['category'];
  title: string;
  description: string;
  leadLeader: string;
  leadUnitId: string;
  deadline: string;
  stage: Stage;
  total: string;
  totalUnit: MoneyUnit;
  annual: string;
  annualUnit: MoneyUnit;
  milestones: MilestoneRow[];
  targets: TargetRow[];
}

export function emptyDraft(year: number): DraftValues {
  return {
    kind: 'task',
    itemClass: 'A',
    category: 'strategic',
    title: '',
    description: '',
    leadLeader: '',
    leadUnitId: '',
    deadline: `${year}-12-31`,
    stage: 'construction',
    total: '',
    totalUnit: 'yi',
    annual: '',
    annualUnit: 'yi',
    milestones: [],
    targets: [],
  };
}

/** The form's values of a stored draft (money in the unit a reader expects). */
export function valuesOf(item: Schemas['Item']): DraftValues {
  const p = item.project;
  const totalUnit = unitFor(p?.totalInvestment ?? 0);
  const annualUnit = unitFor(p?.annualInvestmentTarget ?? 0);
  return {
    kind: item.kind,
    itemClass: item.itemClass,
    category: item.category,
    title: item.title,
    description: item.description ?? '',
    leadLeader: item.leadLeader ?? '',
    leadUnitId: item.leadUnitId ?? '',
    deadline: item.deadline,
    stage: p?.stage ?? 'construction',
    total: p ? fromYuan(p.totalInvestment, totalUnit) : '',
    totalUnit,
    annual: p ? fromYuan(p.annualInvestmentTarget, annualUnit) : '',
    annualUnit,
    milestones: (item.milestones ?? []).map((m) => ({ ...m, weight: String(m.weight) })),
    targets: (item.targets ?? []).map((t) => ({ ...t, targetValue: String(t.targetValue) })),
  };
}

/**
 * A number as typed, for the API to judge: a decimal becomes the number, anything else is
 * sent as the text (the API answers 400 naming the field: the form does not guess).
 */
const num = (s: string): number | string => (/^-?\d+(\.\d+)?$/.test(s.trim()) ? Number(s.trim()) : s);

function moneyOf(text: string, unit: MoneyUnit): number | string {
  const p = toYuan(text, unit);
  return p.ok ? p.yuan : text;
}

function parts(v: DraftValues) {
  return {
    category: v.category,
    title: v.title,
    description: v.description,
    ...(v.leadLeader.trim() ? { leadLeader: v.leadLeader } : {}),
    deadline: v.deadline,
    ...(v.kind === 'project'
      ? {
          project: {
            stage: v.stage,
            totalInvestment: moneyOf(v.total, v.totalUnit),
            annualInvestmentTarget: moneyOf(v.annual, v.annualUnit),
          },
        }
      : {}),
    milestones: v.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueDate: m.dueDate,
      weight: num(m.weight),
    })),
    targets: v.targets.map((t) => ({
      indicator: t.indicator,
      targetValue: num(t.targetValue),
      unit: t.unit,
    })),
  };
}

/** The body of POST /v1/items. */
export function createBody(v: DraftValues, year: number) {
  return {
    year,
    kind: v.kind,
    itemClass: v.itemClass,
    ...parts(v),
    ...(v.leadUnitId ? { leadUnitId: v.leadUnitId } : {}),
  } as unknown as Schemas['CreateItemInput'];
}

/** The body of PATCH /v1/items/{id}: only what changed (undefined when nothing did). */
export function patchBody(before: DraftValues, after: DraftValues): Schemas['PatchItemInput'] | undefined {
  const a = parts(before) as Record<string, unknown>;
  const b = parts(after) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(b)) if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) out[k] = b[k];
  return Object.keys(out).length ? (out as Schemas['PatchItemInput']) : undefined;
}

export type Hint = 'weights' | 'annualAboveTotal' | 'moneyFormat' | 'moneyPrecision' | 'afterDeadline';

/** What the form notices before sending (shown, never blocking: the API decides). */
export function hints(v: DraftValues): Map<string, Hint> {
  const out = new Map<string, Hint>();
  if (v.kind === 'project') {
    const total = toYuan(v.total, v.totalUnit);
    const annual = toYuan(v.annual, v.annualUnit);
    for (const [field, p, text] of [
      ['project.totalInvestment', total, v.total],
      ['project.annualInvestmentTarget', annual, v.annual],
    ] as const) {
      if (!p.ok && text.trim()) out.set(field, p.code === 'money.format' ? 'moneyFormat' : 'moneyPrecision');
    }
    if (total.ok && annual.ok && annual.yuan > total.yuan)
      out.set('project.annualInvestmentTarget', 'annualAboveTotal');
  }
  if (v.milestones.length) {
    const sum = v.milestones.reduce((s, m) => s + (Number(m.weight) || 0), 0);
    if (sum !== 100) out.set('milestones', 'weights');
    v.milestones.forEach((m, i) => {
      if (m.dueDate && v.deadline && m.dueDate > v.deadline)
        out.set(`milestones.${i}.dueDate`, 'afterDeadline');
    });
  }
  return out;
}

export interface FieldError {
  /** The API's machine-readable code (`validation.failed`, `item.edit.inconsistent`, …). */
  code: string;
  /** The API's message for the field, for people (English). */
  message: string;
}

/**
 * The API's refusal split by field: `details[].path` (dotted, as the API names it) → the code and
 * the message; what names no field of the form goes under `(form)`.
 */
export function fieldErrors(
  error: { code?: string; message?: string; details?: readonly { path: string; message: string }[] },
  fields: ReadonlySet<string>,
): Map<string, FieldError[]> {
  const out = new Map<string, FieldError[]>();
  const code = error.code ?? 'unknown';
  const add = (k: string, e: FieldError) => out.set(k, [...(out.get(k) ?? []), e]);
  const details = error.details ?? [];
  if (details.length === 0) add('(form)', { code, message: error.message ?? '' });
  for (const d of details) {
    // The nearest field of the form: `milestones.0.weight`, else `milestones`, else the form.
    let k = d.path;
    while (k && !fields.has(k)) k = k.includes('.') ? k.slice(0, k.lastIndexOf('.')) : '';
    add(k || '(form)', {
      code,
      message: d.path === k || d.path === '(body)' ? d.message : `${d.path}: ${d.message}`,
    });
  }
  return out;
}

/** The fields of the form an error can name (milestone and target rows by index). */
export function formFields(v: DraftValues): Set<string> {
  const f = new Set([
    'kind',
    'itemClass',
    'category',
    'title',
    'description',
    'leadLeader',
    'leadUnitId',
    'deadline',
    'project',
    'project.stage',
    'project.totalInvestment',
    'project.annualInvestmentTarget',
    'milestones',
    'targets',
  ]);
  v.milestones.forEach((_, i) => {
    for (const p of ['id', 'title', 'dueDate', 'weight']) f.add(`milestones.${i}.${p}`);
  });
  v.targets.forEach((_, i) => {
    for (const p of ['indicator', 'targetValue', 'unit']) f.add(`targets.${i}.${p}`);
  });
  return f;
}

/** Drafts whose title holds the search text (case- and width-insensitive) and of the kind, if one is chosen. */
export function filterDrafts<T extends { title: string; kind: string }>(
  drafts: readonly T[],
  search: string,
  kind: string,
): T[] {
  const q = search.normalize('NFKC').trim().toLowerCase();
  return drafts.filter(
    (d) => (!kind || d.kind === kind) && (!q || d.title.normalize('NFKC').toLowerCase().includes(q)),
  );
}

/** The label (a `drafts.label.*` key) of the field an API path names. */
export function labelKeyOf(path: string): string {
  const segs = path.split('.');
  const last = segs[segs.length - 1] ?? '';
  if (segs[0] === 'milestones' && segs.length === 3) {
    return (
      { id: 'milestoneId', title: 'milestoneTitle', dueDate: 'milestoneDue', weight: 'milestoneWeight' }[
        last
      ] ?? 'milestones'
    );
  }
  if (segs[0] === 'targets' && segs.length === 3) {
    return { indicator: 'indicator', targetValue: 'targetValue', unit: 'targetUnit' }[last] ?? 'targets';
  }
  if (segs[0] === 'project' && segs.length === 2) return last;
  return path === '(form)' ? 'form' : (segs[0] ?? 'form');
}

/** The `drafts.err.*` key of an API code: the codes a draft's save can meet, else `other`. */
export function errorKeyOf(code: string): string {
  if (code.startsWith('item.edit.not_allowed_when_')) return 'notDraft';
  return (
    (
      {
        'validation.failed': 'invalid',
        'item.edit.inconsistent': 'inconsistent',
        'unit.not_found': 'unknownUnit',
        'item.not_found': 'unknownItem',
      } as Record<string, string>
    )[code] ?? 'other'
  );
}
