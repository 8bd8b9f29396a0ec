/**
 * Re-grading one period (§7): after a new version, only the ledger entries first graded in the
 * named month are re-graded, each audited on its item's trail and the run on the rules' trail;
 * a second run changes nothing; the whole year afterwards takes the rest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishRules, regradeYear } from '#app/commands/office.ts';
import { readTrail } from '#data/audit.ts';
import { itemPk } from '#data/items.ts';
import { RULES_SUBJECT } from '#data/keys.ts';
import { ledgerOf } from '#data/results.ts';
import { managerOf, office, rulesV2, type TestClock } from '../../support/fixtures.ts';
import { escalatedInquiry, itemOf, setUp, tearDown, YEAR } from './setup.ts';

let clock: TestClock;
let june: string;
let september: string;

const V2 = rulesV2(20);

const scores = async (unitId: string) =>
  (await ledgerOf({ type: 'unit', id: unitId }, YEAR)).map((e) => [e.ruleVersion, e.effect.performanceScore]);

beforeAll(async () => {
  clock = await setUp(['lead', 'other']);
  june = (await itemOf(clock, 'lead')).item.itemId;
  september = (await itemOf(clock, 'other')).item.itemId;
  await escalatedInquiry(june, 'lead'); // graded in June
  clock.set('2031-09-10T02:00:00Z');
  await escalatedInquiry(september, 'other'); // graded in September
  await publishRules({ actor: office }, V2);
});
afterAll(tearDown);

describe('re-grading a period', () => {
  it('re-grades only the entries graded in the period, audited', async () => {
    expect(await regradeYear({ actor: office }, YEAR, '2031-09')).toEqual({
      year: YEAR,
      period: '2031-09',
      version: 2,
      regraded: 1,
    });
    expect(await scores('other')).toEqual([[2, -8]]);
    const manager = await ledgerOf({ type: 'person', id: managerOf('other') }, YEAR);
    expect(manager.map((e) => e.ruleVersion)).toEqual([2]);
    // June's entry keeps the version it was graded under.
    expect(await scores('lead')).toEqual([[1, -5]]);

    const regraded = (await readTrail(itemPk(september))).filter((e) => e.type === 'ledger.regraded');
    expect(regraded.map((e) => e.data)).toEqual([
      { orderId: expect.any(String), from: 1, to: 2, period: '2031-09' },
    ]);
    expect((await readTrail(itemPk(june))).some((e) => e.type === 'ledger.regraded')).toBe(false);
    const rules = await readTrail(RULES_SUBJECT);
    expect(rules.map((e) => [e.type, e.data])).toEqual([
      ['rules.published', expect.objectContaining({ version: 2 })],
      ['rules.regraded', { year: YEAR, period: '2031-09', version: 2, regraded: 1 }],
    ]);
  });

  it('is idempotent: a second run changes nothing and audits nothing', async () => {
    expect(await regradeYear({ actor: office }, YEAR, '2031-09')).toEqual({
      year: YEAR,
      period: '2031-09',
      version: 2,
      regraded: 0,
    });
    expect(await scores('other')).toEqual([[2, -8]]);
    expect(await readTrail(RULES_SUBJECT)).toHaveLength(2);
    // A period without graded entries re-grades nothing either.
    expect((await regradeYear({ actor: office }, YEAR, '2031-07')).regraded).toBe(0);
    expect(await scores('lead')).toEqual([[1, -5]]);
  });

  it('the whole year then takes the rest', async () => {
    expect(await regradeYear({ actor: office }, YEAR)).toEqual({ year: YEAR, version: 2, regraded: 1 });
    expect(await scores('lead')).toEqual([[2, -8]]);
  });
});

describe('the lights follow the version in force', () => {
  it('the public list answers the serious lag of the version published', async () => {
    const { publicOperations } = await import('../../../functions/api/operations.ts');
    const list = async () =>
      (await publicOperations.publicList({
        actor: undefined,
        params: { year: YEAR },
        query: { limit: 100 } as never,
        body: undefined,
      })) as { lights: { seriousLagPoints: number; dueSoonWorkingDays: number } };
    expect((await list()).lights).toEqual({ seriousLagPoints: 20, dueSoonWorkingDays: 3 });
    await publishRules(
      { actor: office },
      { ...V2, version: 3, thresholds: { ...V2.thresholds, seriousLagPoints: 10 } },
    );
    expect((await list()).lights).toEqual({ seriousLagPoints: 10, dueSoonWorkingDays: 3 });
  });
});
