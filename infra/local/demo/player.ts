/**
 * The demo player (`npm run demo`): plays the rest of 2022 month by month through the
 * HTTP API, as the people of the story would — project managers report progress, units
 * report completion and answer inquiries, the office verifies and decides, an inspector
 * reports a violation — each with a token of their role, while the real workflows keep
 * time on the frozen engine clock. On the 1st of every month the scheduled evaluation runs
 * and the player reads its outcome back through the API: the summary, the rankings, the
 * orders issued and the new public notices.
 *
 * The lines it writes to `out` depend only on the story, so two runs print the same year;
 * timings go to `log`.
 */

import type { LocalRuntime } from '@one-list/local-aws';
import type { YearStats } from '../../../functions/app/stats.ts';
import type { EvaluationSummary } from '../../../functions/data/evaluations.ts';
import type { Notice } from '../../../functions/data/results.ts';
import { beijingDate } from '../../../functions/domain/calendar.ts';
import type { UnitRanking } from '../../../functions/domain/evaluation.ts';
import {
  type Item,
  ORDER_TYPES,
  type Order,
  type OrderType,
  type Role,
} from '../../../functions/domain/model.ts';
import { mintToken } from '../identity.ts';
import { DEMO_YEAR } from './catalog.ts';
import { advanceTo, beijing, type DriveOptions, waitForRest } from './time.ts';
import { addTally, type DayTally, type DemoPort, emptyTally, workday } from './workday.ts';

/** An answer other than 2xx: what the API said, so a failed demo says why. */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    body: unknown,
  ) {
    const e = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    super(`${method} ${path} → ${status}${e ? ` ${e.code}: ${e.message}` : ''}`);
    this.name = 'ApiError';
  }
}

interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** A small client of the local API with minted tokens, one per role (and unit, and person). */
export class DemoClient {
  readonly #tokens = new Map<string, Promise<string>>();
  constructor(readonly baseUrl: string) {}

  token(role: Role, unitId?: string, personId?: string): Promise<string> {
    const key = [role, unitId, personId].join('|');
    let t = this.#tokens.get(key);
    if (!t) {
      t = mintToken({
        role,
        sub: ['demo', role, unitId, personId].filter(Boolean).join('-'),
        ...(unitId ? { unitId } : {}),
        ...(personId ? { personId } : {}),
      });
      this.#tokens.set(key, t);
    }
    return t;
  }

  async call<T>(method: 'GET' | 'POST', path: string, token?: Promise<string>, body?: unknown): Promise<T> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${await token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new ApiError(method, path, res.status, parsed);
    return parsed as T;
  }

  /** Every page of a listing. */
  async all<T>(path: string, token?: Promise<string>): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | undefined;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page = await this.call<Page<T>>(
        'GET',
        `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        token,
      );
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }
}

const id = encodeURIComponent;

/** The day routine's port onto the HTTP API. */
export function httpPort(c: DemoClient): DemoPort {
  const office = () => c.token('office');
  return {
    tasks: () => c.all<Item>(`/v1/items?year=${DEMO_YEAR}&kind=task`, office()),
    listed: async () => [
      ...(await c.all<Item>(`/v1/items?year=${DEMO_YEAR}&kind=project`, office())),
      ...(await c.all<Item>(`/v1/items?year=${DEMO_YEAR}&kind=reform`, office())),
    ],
    inquiries: (status) =>
      c.all<Order>(`/v1/orders?year=${DEMO_YEAR}&type=inquiry&status=${status}`, office()),
    ordersOfItem: (itemId) => c.all<Order>(`/v1/orders?year=${DEMO_YEAR}&item=${id(itemId)}`, office()),
    async reportProgress(item, body) {
      const manager = c.token('manager', item.leadUnitId, item.managerId);
      await c.call('POST', `/v1/items/${id(item.itemId)}/progress`, manager, body);
    },
    async reportCompletion(item, body) {
      await c.call('POST', `/v1/items/${id(item.itemId)}/completion`, c.token('unit', item.leadUnitId), body);
    },
    async verify(item, body) {
      await c.call('POST', `/v1/items/${id(item.itemId)}/completion/verification`, office(), body);
    },
    async answer(order, body) {
      await c.call('POST', `/v1/orders/${id(order.orderId)}/responses`, c.token('unit', order.unitId), body);
    },
    async decide(order, body) {
      await c.call('POST', `/v1/orders/${id(order.orderId)}/decision`, office(), body);
    },
    async reportViolation(item, body) {
      await c.call('POST', `/v1/items/${id(item.itemId)}/violations`, c.token('inspector'), body);
    },
  };
}

export interface MonthReport {
  readonly period: string;
  /** When the scheduled evaluation ran (virtual time). */
  readonly evaluatedAt: string;
  readonly summary: EvaluationSummary;
  /** Top and bottom unit of each peer group. */
  readonly rankings: readonly { peerGroup: string; top: UnitRanking; bottom: UnitRanking }[];
  /** Orders issued since the previous report, by type. */
  readonly orders: Readonly<Record<OrderType, number>>;
  readonly notices: readonly Notice[];
  /** What the people of the story did during the month. */
  readonly work: DayTally;
}

export interface PlayOptions extends DriveOptions {
  readonly runtime: LocalRuntime;
  /** The local gateway. */
  readonly baseUrl: string;
  /** Months to play from the clock's month on. @default to the end of the year */
  readonly months?: number;
  /** Story lines (deterministic). */
  readonly out?: (line: string) => void;
}

/**
 * Days of each month on which people act; the 18th is the monthly progress round. No gap
 * is longer than seven days, so an inquiry issued on one is answered within its five
 * working days on the next (five working days never end within a week).
 */
const ACTION_DAYS = ['04', '11', '18', '25', '28'] as const;
const PROGRESS_DAY = '18';

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** `3 inquiries`, `1 inquiry`: plural by adding s, or the plural given. */
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');
const beijingTime = (iso: string | Date) =>
  new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

async function monthReport(
  c: DemoClient,
  period: string,
  since: Date,
  until: Date,
  seen: Set<string>,
  work: DayTally,
): Promise<MonthReport> {
  const office = c.token('office');
  const evaluation = await c.call<{ summary: EvaluationSummary }>('GET', `/v1/evaluations/${period}`, office);
  const public_ = await c.call<{ units: UnitRanking[] }>('GET', `/v1/public/rankings/${period}`);
  const groups = [...new Set(public_.units.map((u) => u.peerGroup))].sort();
  const rankings = groups.map((peerGroup) => {
    const of = public_.units.filter((u) => u.peerGroup === peerGroup).sort((a, b) => a.rank - b.rank);
    return { peerGroup, top: of[0]!, bottom: of[of.length - 1]! };
  });
  const orders = Object.fromEntries(ORDER_TYPES.map((t) => [t, 0])) as Record<OrderType, number>;
  for (const type of ORDER_TYPES) {
    for (const o of await c.all<Order>(`/v1/orders?year=${DEMO_YEAR}&type=${type}`, office)) {
      const t = new Date(o.issuedAt).getTime();
      // Half-open at the start: what the previous evaluation issued at its own instant was reported then.
      if (t > since.getTime() && t <= until.getTime()) orders[type]++;
    }
  }
  const notices = (await c.all<Notice>(`/v1/public/notices?year=${DEMO_YEAR}`))
    .filter((n) => !seen.has(n.noticeId))
    .sort(
      (a, b) =>
        new Date(a.at).getTime() - new Date(b.at).getTime() ||
        a.kind.localeCompare(b.kind) ||
        a.body.localeCompare(b.body),
    );
  for (const n of notices) seen.add(n.noticeId);
  return {
    period,
    evaluatedAt: until.toISOString(),
    summary: evaluation.summary,
    rankings,
    orders,
    notices,
    work,
  };
}

/** The lines `npm run demo` prints for a month. */
export function formatMonth(r: MonthReport): string[] {
  const w = r.work;
  const flags = Object.entries(r.summary.flagged)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k.replace(/_/g, ' ')} ${v}`)
    .join(', ');
  const lines = [
    `${r.period}  (evaluated ${beijingTime(r.evaluatedAt)} Beijing time)`,
    `  work        ${count(w.progress, 'progress report')} · ${count(w.completions, 'completion')} reported, ${w.verified} verified, ${w.notAchieved} not achieved · ${count(w.answered, 'inquiry', 'inquiries')} answered, ${w.rectified} closed as rectified, ${w.escalated} escalated · ${count(w.violations, 'violation')} reported`,
    `  evaluation  ${count(r.summary.items, 'item')} · flags: ${flags || 'none'} · ${count(r.summary.inquiriesIssued, 'inquiry', 'inquiries')} issued, ${count(r.summary.draftsProposed, 'draft')} for the office`,
    ...r.rankings.map(
      (g, i) =>
        `  ${i === 0 ? 'rankings   ' : '           '} ${g.peerGroup.padEnd(12)} top ${g.top.unitId} (${signed(g.top.score)}) · bottom ${g.bottom.unitId} (${signed(g.bottom.score)}) of ${g.top.groupSize}`,
    ),
    `  orders      ${ORDER_TYPES.map((t) => `${t} ${r.orders[t]}`).join(' · ')}`,
  ];
  if (r.notices.length === 0) lines.push('  notices     none');
  r.notices.forEach((n, i) => {
    lines.push(
      `  ${i === 0 ? 'notices    ' : '           '} [${n.kind}] ${n.kind === 'ranking' ? n.title : n.body}`,
    );
  });
  return lines;
}

/**
 * Plays `months` months from the month the clock is in, through the API at `baseUrl`,
 * on a runtime whose clock the player may drive (it freezes it while it plays).
 */
export async function playDemo(options: PlayOptions): Promise<MonthReport[]> {
  const rt = options.runtime;
  const out = options.out ?? (() => undefined);
  const log = options.log ?? (() => undefined);
  const c = new DemoClient(options.baseUrl);
  const port = httpPort(c);
  const scale = rt.clock.timeScale;
  rt.clock.setTimeScale(0);
  try {
    await waitForRest(rt, options);
    const first = beijingDate(rt.clock.now()).slice(0, 7);
    const months = options.months ?? 12 - Number(first.slice(5)) + 1;
    // Notices already on the board before the first month are not news.
    const seen = new Set(
      (await c.all<Notice>(`/v1/public/notices?year=${DEMO_YEAR}`)).map((n) => n.noticeId),
    );
    let since = rt.clock.now();
    const reports: MonthReport[] = [];
    let month = first;
    for (let i = 0; i < months; i++, month = nextMonth(month)) {
      const started = performance.now();
      const work = emptyTally();
      for (const dd of ACTION_DAYS) {
        const at = beijing(`${month}-${dd}T10:00`);
        if (at.getTime() <= rt.clock.nowMs()) continue;
        await advanceTo(rt, at, options);
        addTally(work, await workday(port, { today: `${month}-${dd}`, progress: dd === PROGRESS_DAY }));
      }
      // The 1st of the next month, 02:00 Beijing: the monthly schedule evaluates this month.
      await advanceTo(rt, beijing(`${nextMonth(month)}-01T02:00`), options);
      const until = rt.clock.now();
      const report = await monthReport(c, month, since, until, seen, work);
      since = until;
      reports.push(report);
      for (const line of formatMonth(report)) out(line);
      out('');
      log(`demo: ${month} played in ${Math.round(performance.now() - started)} ms`);
    }
    return reports;
  } finally {
    rt.clock.setTimeScale(scale);
  }
}

const bn = (yuan: number) => `${(yuan / 1e9).toFixed(1)} bn`;
const pct = (share: number) => `${(share * 100).toFixed(2)}%`;

/** The year's statistics, read from the public board (GET /v1/public/stats/{year}). */
export async function yearFigures(
  baseUrl: string,
  year = DEMO_YEAR,
): Promise<{ stats: YearStats; lines: string[] }> {
  const stats = await new DemoClient(baseUrl).call<YearStats>('GET', `/v1/public/stats/${year}`);
  const stage = (s: keyof YearStats['projects']['byStage']) => stats.projects.byStage[s];
  const statuses = Object.entries(stats.byStatus)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k.replace(/_/g, ' ')} ${n}`)
    .join(' · ');
  const lines = [
    `${year} in figures (GET /v1/public/stats/${year})`,
    `  list        ${stats.list.batches} batch, ${stats.list.items} tasks: ${stats.list.classA} class A, ${stats.list.classB} class B (bottom-up share ${pct(stats.list.bottomUpShare)})`,
    `  items       ${stats.items}: ${Object.entries(stats.byKind)
      .map(([k, n]) => `${n} ${k}s`)
      .join(', ')}`,
    `  projects    ${bn(stats.projects.totalInvestment)} yuan: ${(
      ['construction', 'preliminary', 'planning'] as const
    )
      .map(
        (s) =>
          `${s} ${stage(s).count} (${bn(stage(s).totalInvestment)}, ${bn(stage(s).annualInvestmentTarget)} this year)`,
      )
      .join(', ')}`,
    `  status      ${statuses}`,
    `  orders      ${ORDER_TYPES.map((t) => `${t} ${stats.orders[t] ?? 0}`).join(' · ')}`,
    `  completion  ${pct(stats.completionRate)} of the items started are completed`,
  ];
  return { stats, lines };
}
