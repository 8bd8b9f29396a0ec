/**
 * The rules as data (§7): the office publishes a new version (grading effects and evaluation
 * thresholds) conditionally on the version it read, lists the versions, re-grades a year under
 * the version in force (idempotent); the next evaluation flags by the published thresholds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishRules, regradeYear } from '#app/commands/office.ts';
import { reportProgress } from '#app/commands/work.ts';
import { evaluationOf, runEvaluation } from '#app/evaluation.ts';
import { rulesInForce } from '#app/rules.ts';
import { readTrail } from '#data/audit.ts';
import { RULES_SUBJECT } from '#data/keys.ts';
import { ledgerOf, ruleSetVersions } from '#data/results.ts';
import { SYSTEM } from '#domain/model.ts';
import { expectDomainError, office, rulesV2, type TestClock, unitActor } from '../../support/fixtures.ts';
import { escalatedInquiry, itemOf, setUp, tearDown, YEAR } from './setup.ts';

let clock: TestClock;
let itemId: string;

const V2 = rulesV2(10);

beforeAll(async () => {
  clock = await setUp(['lead']);
  // Awarded on 2 June, due 31 December, no milestones: linear, about 56% expected by 30 September.
  itemId = (await itemOf(clock, 'lead')).item.itemId;
  await reportProgress({ actor: unitActor('lead') }, itemId, { percentComplete: 40, narrative: 'Behind.' });
  await escalatedInquiry(itemId, 'lead');
  clock.set('2031-10-02T02:00:00Z');
});
afterAll(tearDown);

const flagsOf = async (period: string) =>
  (await evaluationOf(period)).items.find((r) => r.itemId === itemId)?.flags ?? [];

describe('the rules as data', () => {
  it('a published threshold changes the next evaluation’s flags', async () => {
    await runEvaluation({ actor: SYSTEM }, '2031-09');
    // About 16 points behind: not a serious lag under the default 20.
    expect(await flagsOf('2031-09')).not.toContain('lagging_progress');

    const published = await publishRules({ actor: office }, V2);
    expect(published.version).toBe(2);
    const rules = await rulesInForce(YEAR);
    expect(rules.version).toBe(2);
    expect(rules.evaluation.thresholds).toEqual(V2.thresholds);
    expect(rules.grading.effects['inquiry:escalated'].performanceScore).toBe(-8);

    await runEvaluation({ actor: SYSTEM }, '2031-09');
    expect(await flagsOf('2031-09')).toContain('lagging_progress');
  });

  it('a publication from a stale read is refused; the versions are listed', async () => {
    await expectDomainError(publishRules({ actor: office }, V2), 'rule', 'rules.version_not_next');
    await expectDomainError(
      publishRules({ actor: office }, { ...V2, version: 4 }),
      'rule',
      'rules.version_not_next',
    );
    const versions = await ruleSetVersions(25);
    expect(versions.items.map((v) => [v.version, v.publishedBy])).toEqual([[2, 'office-1']]);
    const trail = await readTrail(RULES_SUBJECT);
    expect(trail.map((e) => [e.type, e.data.version])).toEqual([['rules.published', 2]]);
  });

  it('re-grades the year under the version in force, once', async () => {
    const before = await ledgerOf({ type: 'unit', id: 'lead' }, YEAR);
    expect(before.map((e) => [e.ruleVersion, e.effect.performanceScore])).toEqual([[1, -5]]);
    expect(await regradeYear({ actor: office }, YEAR)).toEqual({ year: YEAR, version: 2, regraded: 1 });
    const after = await ledgerOf({ type: 'unit', id: 'lead' }, YEAR);
    expect(after.map((e) => [e.ruleVersion, e.effect.performanceScore])).toEqual([[2, -8]]);
    expect(await regradeYear({ actor: office }, YEAR)).toEqual({ year: YEAR, version: 2, regraded: 0 });
    const trail = await readTrail(RULES_SUBJECT);
    expect(trail.map((e) => e.type)).toEqual(['rules.published', 'rules.regraded']);
  });
});
