/**
 * Every answer ≤ 1 MB (issue 12 §3). For every GET route of the declarations (routes/index.ts)
 * that answers JSON, the worst case its page can hold is built from the response schema
 * (responses.ts): every optional field present, every array at its declared maximum, every
 * text at its declared maximum in 3-byte characters (Chinese), every number at its longest;
 * the serialized body must fit in 1 MB. An array without a declared maximum is a failure
 * naming its path: a new list route (or a new list inside an answer) without a bound fails
 * here. Texts with no declared bound count at UNBOUNDED_TEXT (what the stored record's own
 * input schema allows: titles, names and notes are bounded where they are written).
 */
import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { responses } from '../../../functions/api/responses.ts';
import { routes } from '../../../functions/api/routes/index.ts';
import { PAGE_BYTE_BUDGET } from '../../../functions/data/db.ts';
import { DRAFT_PAGE_BYTES, RESULT_PAGE_BYTES } from '../../../functions/data/evaluations.ts';

const MB = 1024 * 1024;
/** A text the response schema does not bound: at most what the longest input text (Prose 4,000) allows. */
const UNBOUNDED_TEXT = 200;
/**
 * Arrays (and records) inside the answers that are bounded by the domain rather than by their
 * response schema, by the end of their path, with the bound and where it comes from.
 */
const DOMAIN_BOUNDS: [suffix: string, bound: number][] = [
  ['.milestonesDone{}', 50], // an item has at most 50 milestones (CreateItemInput)
  ['.milestones', 50],
  ['.overdueMilestones', 50],
  ['.targets', 20], // at most 20 targets
  ['.completion.results', 20],
  ['.openInquiryIds', 100], // inquiries open on one item: no schema bound (see report)
  ['PublicItemPage.progress', 200], // every report of the item: no bound (see report)
  ['PublicItemPage.orders', 100], // listOrders' page of 100
  ['.flags', 7], // the evaluation's triggers
  ['.flagged{}', 7],
  ['.thresholds{}', 20],
  ['Rankings.units', 2000], // one record of ≤ 400 KB: the units ranked
  ['Evaluation.units', 2000],
  ['ItemHistory.events[].data{}', 20], // an audit event's data: a few named fields
  ['YearList.batches[].itemIds', 48], // a batch publishes at most 48 items
  ['.meritRecommendations', 100], // one per ledger entry of the year
  ['.cadreNotes', 100],
  ['Inbox.entries', 200], // 100 per source, 200 in all (domain/inbox.ts)
  ['.holidays', 60], // CalendarTableInput
  ['.makeUpWorkdays', 20],
  ['.versions', 20], // loaded versions of a year's table: no schema bound (see report)
  ['OpsWorkflowHistory.events', 100], // the route's limit
  ['.evidence', 20], // ProgressInput: at most 20 evidence links
  ['.draft{}', 20], // a proposal's draft item: the fields of CreateItemInput
];
const domainBound = (path: string) => DOMAIN_BOUNDS.find(([suffix]) => path.endsWith(suffix))?.[1];

/**
 * Pages cut by bytes (`PAGE_BYTE_BUDGET`, functions/data/db.ts, or a smaller budget where an
 * answer carries two pages): the route's pages of records (the fields named here, with their
 * budgets) come from `queryPage`, which stops before the stored rows pass the budget. Their views are field subsets of the stored rows (functions/domain/access.ts:
 * `itemView`, `orderView`, `progressView` pick or drop fields), so the answer is at most the
 * envelope plus the budgets. test/integration/data/page-budget.test.ts shows the cut on
 * DynamoDB Local.
 */
const BYTE_BUDGETED: Record<string, Record<string, number>> = {
  '/v1/items': { items: PAGE_BYTE_BUDGET }, // listItems → data/items.ts queryPage
  '/v1/orders': { items: PAGE_BYTE_BUDGET }, // listOrders → data/orders.ts queryPage
  '/v1/items/{id}/progress': { items: PAGE_BYTE_BUDGET }, // progressOf → data/progress.ts queryPage
  '/v1/lists/{year}': { batches: PAGE_BYTE_BUDGET }, // batchPage → data/batches.ts queryPage
  // getEvaluation → data/evaluations.ts resultPage and draftPage, beside the unit rankings
  '/v1/evaluations/{period}': { items: RESULT_PAGE_BYTES, drafts: DRAFT_PAGE_BYTES },
};

/**
 * Answers whose worst case exceeds 1 MB today, with the worst case this test computes (bytes):
 * answers made of several lists, each bounded by its count but not together by bytes. A
 * route here that comes under 1 MB fails the test until it is taken off the list; a route not
 * here that exceeds 1 MB fails.
 */
const OVER_BUDGET: Record<string, number> = {};

interface Walk {
  /** Arrays without a maximum, by path. */
  unbounded: string[];
}

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodMiniType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
/** The declared maximum length of a string or array (`.max(n)`, `.length(n)`), if any. */
function maxOf(s: z.ZodMiniType): number | undefined {
  const checks = (defOf(s).checks ?? []) as {
    _zod: { def: { check: string; maximum?: number; length?: number } };
  }[];
  const bounds = checks.flatMap(({ _zod: { def } }) =>
    def.check === 'max_length' && def.maximum !== undefined
      ? [def.maximum]
      : def.check === 'length_equals' && def.length !== undefined
        ? [def.length]
        : [],
  );
  return bounds.length ? Math.min(...bounds) : undefined;
}

/** The largest value the schema accepts (as far as size goes). */
function worst(s: z.ZodMiniType, path: string, w: Walk, depth = 0): unknown {
  if (depth > 40) return null;
  const def = defOf(s);
  switch (def.type) {
    case 'object': {
      const shape = (def.shape ?? {}) as Record<string, z.ZodMiniType>;
      return Object.fromEntries(
        Object.entries(shape).map(([k, v]) => [k, worst(v, `${path}.${k}`, w, depth + 1)]),
      );
    }
    case 'array': {
      const max = maxOf(s);
      const n = max ?? domainBound(path);
      if (n === undefined) {
        w.unbounded.push(path);
        return [];
      }
      const one = worst(def.element as z.ZodMiniType, `${path}[]`, w, depth + 1);
      return Array.from({ length: n }, () => one);
    }
    case 'string': {
      const max = maxOf(s) ?? UNBOUNDED_TEXT;
      return '汉'.repeat(max);
    }
    case 'number':
    case 'int':
      return -1.2345678901234567e300;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'literal':
      return (def.values as unknown[])[0];
    case 'enum': {
      const values = Object.values(def.entries as Record<string, string>);
      return values.reduce((a, b) => (String(b).length > String(a).length ? b : a));
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return worst(def.innerType as z.ZodMiniType, path, w, depth + 1);
    case 'pipe':
      return worst(def.out as z.ZodMiniType, path, w, depth + 1);
    case 'lazy':
      return worst((def.getter as () => z.ZodMiniType)(), path, w, depth + 1);
    case 'union': {
      const options = (def.options as z.ZodMiniType[]).map((o, i) => worst(o, `${path}|${i}`, w, depth + 1));
      return options.reduce((a, b) => (JSON.stringify(b).length > JSON.stringify(a).length ? b : a));
    }
    case 'intersection':
      return {
        ...(worst(def.left as z.ZodMiniType, path, w, depth + 1) as object),
        ...(worst(def.right as z.ZodMiniType, path, w, depth + 1) as object),
      };
    case 'record': {
      const keys = defOf(def.keyType as z.ZodMiniType);
      const value = worst(def.valueType as z.ZodMiniType, `${path}{}`, w, depth + 1);
      if (keys.type === 'enum') {
        return Object.fromEntries(
          Object.values(keys.entries as Record<string, string>).map((k) => [k, value]),
        );
      }
      const n = domainBound(`${path}{}`);
      if (n === undefined) {
        w.unbounded.push(`${path}{}`);
        return {};
      }
      return Object.fromEntries(
        Array.from({ length: n }, (_, i) => [`k${String(i).padStart(4, '0')}`, value]),
      );
    }
    default:
      return null;
  }
}

const jsonGets = routes.filter((r) => r.method === 'GET' && !r.response.mediaTypes);
/** The OpenAPI document is the one answer that is not data: its size is the build's. */
const NOT_DATA = new Set(['openapi']);

describe('every answer is at most 1 MB at the largest page it can hold', () => {
  it('covers every GET route that answers JSON', () => {
    expect(jsonGets.length).toBeGreaterThan(20);
  });
  for (const route of jsonGets.filter((r) => !NOT_DATA.has(r.operationId))) {
    it(`${route.method} ${route.path} (${route.response.schema})`, () => {
      const schema = (responses as Record<string, z.ZodMiniType>)[route.response.schema];
      expect(schema, `no response schema ${route.response.schema}`).toBeDefined();
      const w: Walk = { unbounded: [] };
      const answer = worst(schema!, route.response.schema, w) as Record<string, unknown>;
      expect(w.unbounded, 'arrays with no declared maximum').toEqual([]);
      const budgeted = Object.entries(BYTE_BUDGETED[route.path] ?? {});
      for (const [field] of budgeted) {
        expect(Array.isArray(answer[field]), `${field} is the page's list`).toBe(true);
        answer[field] = [];
      }
      const bytes =
        Buffer.byteLength(JSON.stringify(answer)) + budgeted.reduce((sum, [, budget]) => sum + budget, 0);
      const known = OVER_BUDGET[route.path];
      if (known === undefined) expect(bytes).toBeLessThanOrEqual(MB);
      else {
        expect(bytes, 'over budget as listed').toBeGreaterThan(MB);
        expect(bytes, 'grew past the listed worst case').toBeLessThanOrEqual(known);
      }
    });
  }
});
