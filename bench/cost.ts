/**
 * The monthly AWS cost of running the year, from the figures measured in this run (the
 * progress report's capacity units, the item-year's wake-ups and state transitions, the
 * evaluation's capacity units and time) and list prices. Printed with its formula and prices.
 * Not counted: the public board's reads (bench/public.ts has their rows), storage, logs,
 * data transfer, Cognito, CloudFront; the free tiers are not deducted.
 */
import type { ReportCost } from './api.ts';
import type { EvaluationRun } from './evaluation.ts';
import type { ItemYear } from './history.ts';
import type { Row } from './table.ts';

/** USD, us-east-1 list prices as of 2026-12-02 (DynamoDB: the on-demand prices of issue 12). */
export const PRICES = {
  dynamoWritePerMillion: 0.625,
  dynamoReadPerMillion: 0.125,
  lambdaRequestPerMillion: 0.2,
  lambdaGbSecond: 0.0000166667,
  stepFunctionsTransitionPerMillion: 25,
  httpApiRequestPerMillion: 1.0,
} as const;

/** The article's district: 332 items. */
export const ARTICLE_ITEMS = 332;
export const LARGE_ITEMS = 100_000;

/** Assumed, not measured here: a workflow step's Lambda duration and memory (512 MB default). */
const WORKFLOW_STEP_MS = 20;
const WORKFLOW_STEP_GB = 0.5;
const API_GB = 0.5;
const EVALUATION_GB = 1;
/** The daily deadline sweep reads each in-progress item (≈2 KB) from GSI1, eventually consistent. */
const SWEEP_READ_UNITS_PER_ITEM_DAY = 0.25;

export interface MonthlyCost {
  total: number;
  parts: Record<string, number>;
}

export function monthlyCost(
  items: number,
  report: ReportCost,
  year: ItemYear,
  evaluation: EvaluationRun,
  evaluationChunkSize: number,
): MonthlyCost {
  const M = 1_000_000;
  const reports = items; // one progress report per item and month
  const wakeUps = (items * year.wakeUps) / 12;
  const transitions = (items * year.transitions) / 12;
  const perItem = (x: number) => x / evaluation.evaluated;
  const chunks = Math.ceil(items / evaluationChunkSize);
  const parts = {
    'API Gateway (reports)': (reports * PRICES.httpApiRequestPerMillion) / M,
    'Lambda (reports)':
      (reports * PRICES.lambdaRequestPerMillion) / M +
      reports * (report.handlerMs / 1000) * API_GB * PRICES.lambdaGbSecond,
    'DynamoDB (reports)':
      (reports * report.readUnits * PRICES.dynamoReadPerMillion +
        reports * report.writeUnits * PRICES.dynamoWritePerMillion) /
      M,
    // A wake-up: GetItem (1 read unit) and the wait's transaction (2 write + 2 read units).
    'DynamoDB (wake-ups)':
      (wakeUps * 3 * PRICES.dynamoReadPerMillion + wakeUps * 2 * PRICES.dynamoWritePerMillion) / M,
    'Lambda (wake-ups)':
      (wakeUps * 2 * PRICES.lambdaRequestPerMillion) / M +
      wakeUps * 2 * (WORKFLOW_STEP_MS / 1000) * WORKFLOW_STEP_GB * PRICES.lambdaGbSecond,
    'Step Functions (item workflows)': (transitions * PRICES.stepFunctionsTransitionPerMillion) / M,
    'DynamoDB (evaluation)':
      (items * perItem(evaluation.requests.readUnits) * PRICES.dynamoReadPerMillion +
        items * perItem(evaluation.requests.writeUnits) * PRICES.dynamoWritePerMillion) /
      M,
    'Lambda (evaluation)':
      ((2 * chunks + 1) * PRICES.lambdaRequestPerMillion) / M +
      items * perItem(evaluation.run / 1000) * EVALUATION_GB * PRICES.lambdaGbSecond,
    'Step Functions (evaluation)': ((4 * chunks + 6) * PRICES.stepFunctionsTransitionPerMillion) / M,
    'DynamoDB (daily sweep)': (items * 30 * SWEEP_READ_UNITS_PER_ITEM_DAY * PRICES.dynamoReadPerMillion) / M,
  };
  return { total: Object.values(parts).reduce((a, b) => a + b, 0), parts };
}

export const COST_FORMULA =
  'per month: N reports × (1 HTTP request + 1 Lambda request + p50 × 0.5 GB + measured read/write units) + ' +
  'N × wake-ups/12 × (2 Lambda × 20 ms × 0.5 GB + 3 read + 2 write units) + N × transitions/12 × $25/M + ' +
  'evaluation: N × measured units/item + N × s/item × 1 GB + (2·chunks+1) Lambda + (4·chunks+6) transitions + ' +
  'sweep: N × 30 × 0.25 read units';

export function costRows(
  report: ReportCost,
  year: ItemYear,
  evaluation: EvaluationRun,
  chunkSize: number,
): Row[] {
  const article = monthlyCost(ARTICLE_ITEMS, report, year, evaluation, chunkSize);
  const large = monthlyCost(LARGE_ITEMS, report, year, evaluation, chunkSize);
  const usd = (x: number) => `$${x < 1 ? x.toFixed(4) : x.toFixed(2)}`;
  const top = (c: MonthlyCost) =>
    Object.entries(c.parts)
      .sort(([, a], [, b]) => b - a)
      .slice(0, 3)
      .map(([k, v]) => `${k} ${usd(v)}`)
      .join(', ');
  const prices = `prices (USD, us-east-1, 2026-12-02): DynamoDB on-demand $${PRICES.dynamoWritePerMillion}/M writes, $${PRICES.dynamoReadPerMillion}/M reads; Lambda $${PRICES.lambdaRequestPerMillion}/M requests, $${PRICES.lambdaGbSecond}/GB-s; Step Functions Standard $${PRICES.stepFunctionsTransitionPerMillion}/M transitions; API Gateway HTTP $${PRICES.httpApiRequestPerMillion.toFixed(2)}/M`;
  const growth = large.total / article.total;
  const itemsRatio = LARGE_ITEMS / ARTICLE_ITEMS;
  return [
    {
      metric: `monthly AWS cost, ${ARTICLE_ITEMS} items (the article's district)`,
      measured: `${usd(article.total)} (${top(article)}); ${COST_FORMULA}; ${prices}`,
      goal: '—',
    },
    {
      metric: `monthly AWS cost, ${LARGE_ITEMS.toLocaleString('en')} items`,
      measured: `${usd(large.total)} (${top(large)})`,
      goal: '—',
    },
    {
      metric: `monthly AWS cost, ${LARGE_ITEMS.toLocaleString('en')} / ${ARTICLE_ITEMS} items`,
      measured: `${growth.toFixed(1)}× for ${itemsRatio.toFixed(1)}× items`,
      goal: `≤ ${itemsRatio.toFixed(1)}× (no faster than the items)`,
      ok: growth <= itemsRatio,
    },
  ];
}
