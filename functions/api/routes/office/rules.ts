/** ApiOffice routes — the rules as data: publishing a version, its versions, re-grading a year. */
import * as z from 'zod/mini';
import { Period, Year } from '#domain/model.ts';
import { PublishRulesInput } from '#domain/supervision.ts';
import { ALL, route } from '../../route.ts';
import { query, WRITE_NO_LOOKUP } from '../../schemas.ts';

const effect = (performanceScore: number, brightSpotPoints: number, publicNotice: string) => ({
  performanceScore,
  brightSpotPoints,
  excellenceEligible: performanceScore > 0 ? true : performanceScore < -2 ? false : null,
  restEligible: performanceScore > 0 ? true : performanceScore < -2 ? false : null,
  meritRecommendation: null,
  cadreNote: null,
  publicNotice,
});

export const rulesRoutes = [
  route({
    method: 'POST',
    path: '/v1/rules',
    operationId: 'publishRules',
    summary: 'Publish a new version of the rules: the grading rule set and the evaluation’s thresholds',
    auth: ['office'],
    function: 'ApiOffice',
    get body() {
      return PublishRulesInput.clone().register(z.globalRegistry, { id: 'PublishRulesInput' });
    },
    example: {
      version: 2,
      title: '2022年结果运用规则（第二版）',
      effects: {
        'commendation:first': effect(6, 3, 'full'),
        'commendation:second': effect(4, 2, 'full'),
        'commendation:third': effect(2, 1, 'full'),
        'inquiry:rectified': effect(-1, 0, 'summary'),
        'inquiry:escalated': effect(-6, 0, 'summary'),
      },
      thresholds: { seriousLagPoints: 15, bottomShare: 0.1, bottomPeriodsRunning: 2 },
    },
    response: {
      status: 201,
      schema: 'RuleSetVersion',
      description:
        'The new version, in force at once: the next evaluation flags by its thresholds and the next graded order earns its effects (re-grade the year for those already graded: POST /v1/rules/regrade). `version` must be the version in force (GET /v1/rules) plus one: a publication from a stale read is 422 `rules.version_not_next`. Audited on the rules’ trail (`rules.published`).',
    },
    errors: WRITE_NO_LOOKUP,
  }),
  route({
    method: 'GET',
    path: '/v1/rules/versions',
    operationId: 'listRuleVersions',
    summary: 'Published versions of the rules',
    auth: ALL,
    function: 'ApiOffice',
    get query() {
      return z.strictObject({ limit: query.Limit, cursor: query.Cursor });
    },
    response: {
      status: 200,
      schema: 'RuleSetVersionPage',
      description:
        'A page of the published versions, oldest first, each with when and by whom it was published (the built-in version 1 is listed once a later one replaced it).',
    },
    errors: [400],
  }),
  route({
    method: 'POST',
    path: '/v1/rules/regrade',
    operationId: 'regradeLedgers',
    summary: 'Re-grade the ledgers of a year, or of one period of it, under the rules in force',
    auth: ['office'],
    function: 'ApiOffice',
    get body() {
      return z
        .strictObject({
          year: Year,
          period: z.optional(Period).register(z.globalRegistry, {
            description:
              'An evaluation period (a month, YYYY-MM): only the entries of the year first graded in it (Beijing time). Absent: the whole year.',
          }),
        })
        .register(z.globalRegistry, { id: 'RegradeInput' });
    },
    example: { year: 2022, period: '2022-09' },
    response: {
      status: 200,
      schema: 'Regrade',
      description:
        'Every ledger entry of the year (of the period, when one is named: graded in that month) graded under an older version is replaced by what the version in force gives (each recorded on its item’s trail, `ledger.regraded`; the run on the rules’ trail, `rules.regraded`). Idempotent: a second call re-grades nothing. Only entries orders already earned are re-graded: none is added or withdrawn.',
    },
    errors: WRITE_NO_LOOKUP,
  }),
] as const;
