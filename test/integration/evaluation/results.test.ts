/**
 * Results application on the local runtime: a verified completion produces a commendation
 * order, ledger entries for the unit and the project manager that point to it, and a public
 * notice in Chinese naming the unit; an inquiry escalated for want of an answer produces negative entries that withdraw
 * eligibility; re-grading under a new rule-set version replaces the entries, leaves a
 * `ledger.regraded` event on each item's (still verifiable) trail, and cannot be repeated.
 */

import type { LocalRuntime } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCompletion, reportViolation, verifyCompletion } from '#app/commands/work.ts';
import { regrade } from '#app/results.ts';
import { readTrail } from '#data/audit.ts';
import { getItem, itemPk } from '#data/items.ts';
import { getOrder } from '#data/orders.ts';
import { ledgerOf, noticesOf, ruleSet } from '#data/results.ts';
import { verifyTrail } from '#domain/audit.ts';
import { DEFAULT_RULES, type LedgerEntry, type RuleSet, totals } from '#domain/grading.ts';
import type { Item, Order } from '#domain/model.ts';
import { expectDomainError } from '../../support/fixtures.ts';
import {
  inspector,
  meilin,
  newItem,
  office,
  seedUnits,
  settleInquiry,
  settleItem,
  startHarness,
  toInProgress,
} from '../../support/workflow-harness.ts';

let rt: LocalRuntime;
let commended: Item;
let commendation: Order;
let inquired: Item;
let inquiry: Order;
let later: Item;

const UNIT = { type: 'unit', id: 'meilin' } as const;
const MANAGER = { type: 'person', id: 'p-meilin-1' } as const;

/** Version 2: every effect differs from version 1 (invented values). */
const V2: RuleSet = {
  version: 2,
  title: 'Revised grading rules (invented values)',
  effects: {
    ...DEFAULT_RULES.effects,
    'commendation:first': {
      ...DEFAULT_RULES.effects['commendation:first'],
      performanceScore: 8,
      brightSpotPoints: 4,
    },
    'commendation:second': { ...DEFAULT_RULES.effects['commendation:second'], performanceScore: 4 },
    'commendation:third': { ...DEFAULT_RULES.effects['commendation:third'], performanceScore: 2 },
    'inquiry:rectified': { ...DEFAULT_RULES.effects['inquiry:rectified'], performanceScore: -2 },
    'inquiry:escalated': {
      ...DEFAULT_RULES.effects['inquiry:escalated'],
      performanceScore: -10,
      restEligible: null,
    },
  },
};

const entryOf = (ledger: readonly LedgerEntry[], orderId: string) =>
  ledger.find((e) => e.orderId === orderId);

beforeAll(async () => {
  rt = await startHarness();
  await seedUnits();
  [commended, inquired, later] = await Promise.all([newItem(), newItem(), newItem()]);
  await Promise.all([toInProgress(rt, commended!), toInProgress(rt, inquired!), toInProgress(rt, later!)]);
});

afterAll(async () => {
  await rt?.stop();
});

describe('results application', () => {
  it('a verified completion produces a commendation order, ledger entries and a public notice', async () => {
    await reportCompletion({ actor: meilin }, commended.itemId, {
      summary: 'All households served.',
      results: [{ indicator: 'Households served', actualValue: 1200 }],
    });
    await settleItem(rt, commended, 'AwaitingVerification');
    commendation = await verifyCompletion({ actor: office }, commended.itemId, {
      achieved: true,
      grade: 'first',
    });
    await settleItem(rt, commended, 'Closed');
    expect(commendation).toMatchObject({
      orderType: 'commendation',
      grade: 'first',
      unitId: 'meilin',
      managerId: 'p-meilin-1',
    });
    expect(commendation.displayNumber).toMatch(/^福田嘉〔2022〕\d+号$/);

    const expected = {
      year: 2022,
      orderId: commendation.orderId,
      displayNumber: commendation.displayNumber,
      itemId: commended.itemId,
      outcome: 'commendation:first',
      ruleVersion: 1,
      effect: DEFAULT_RULES.effects['commendation:first'],
      at: commendation.issuedAt,
    };
    expect(await ledgerOf(UNIT, 2022)).toEqual([{ ...expected, subject: UNIT }]);
    expect(await ledgerOf(MANAGER, 2022)).toEqual([{ ...expected, subject: MANAGER }]);
    expect(await ledgerOf(UNIT, 2023)).toEqual([]);
    expect(totals(await ledgerOf(UNIT, 2022))).toMatchObject({
      performanceScore: 5,
      brightSpotPoints: 3,
      excellenceEligible: true,
      restEligible: true,
      meritRecommendations: ['third-class merit (三等功)'],
    });

    const notices = (await noticesOf(2022, 50)).items;
    expect(notices).toEqual([
      {
        noticeId: `${commendation.orderId}-commendation-first`,
        year: 2022,
        at: commendation.issuedAt,
        kind: 'commendation',
        outcome: 'commendation:first',
        orderNumber: commendation.displayNumber,
        // Published in Chinese, naming the unit, not its id.
        title: `${commendation.displayNumber}：一等嘉许`,
        body: `梅林街道牵头的“${commended.title}”达到预期成效，获一等嘉许。`,
        unitId: 'meilin',
        itemId: commended.itemId,
        orderId: commendation.orderId,
      },
    ]);
  });

  it('an inquiry escalated for want of an answer: negative entries, eligibility withdrawn', async () => {
    inquiry = await reportViolation({ actor: inspector }, inquired.itemId, {
      description: 'Suspected bid rigging in the subcontract (invented).',
    });
    await settleInquiry(rt, inquiry.orderId, 'AwaitingAnswer');
    // Nothing is graded while the inquiry is open.
    expect(entryOf(await ledgerOf(UNIT, 2022), inquiry.orderId)).toBeUndefined();
    rt.clock.advance(new Date(inquiry.answerDueAt!).getTime() - rt.clock.now().getTime() + 1000);
    await settleInquiry(rt, inquiry.orderId, 'Escalated');
    const escalated = await getOrder(inquiry.orderId);
    expect(escalated.status).toBe('escalated');

    for (const subject of [UNIT, MANAGER]) {
      const ledger = await ledgerOf(subject, 2022);
      expect(ledger).toHaveLength(2);
      expect(entryOf(ledger, inquiry.orderId)).toEqual({
        subject,
        year: 2022,
        orderId: inquiry.orderId,
        displayNumber: inquiry.displayNumber,
        itemId: inquired.itemId,
        outcome: 'inquiry:escalated',
        ruleVersion: 1,
        effect: DEFAULT_RULES.effects['inquiry:escalated'],
        at: escalated.decision!.decidedAt,
      });
      expect(totals(ledger)).toMatchObject({
        performanceScore: 5 - 5,
        brightSpotPoints: 3,
        excellenceEligible: false,
        restEligible: false,
        entries: 2,
      });
    }
    // Inquiries are published in summary only: no details of the suspected violation.
    const notice = (await noticesOf(2022, 50)).items.find((n) => n.orderId === inquiry.orderId);
    expect(notice).toMatchObject({
      kind: 'inquiry',
      outcome: 'inquiry:escalated',
      orderNumber: inquiry.displayNumber,
      title: `${inquiry.displayNumber}：问询已问责`,
      body: `梅林街道，“${inquired.title}”：涉嫌违规；问询已问责。`,
    });
    expect(notice!.body).not.toMatch(/bid rigging/);
  });

  it('re-grading under version 2 replaces the entries and records it on each item’s trail', async () => {
    expect((await ruleSet()).version).toBe(1);
    const result = await regrade({ actor: office }, 2022, V2);
    expect(result).toEqual({ version: 2, regraded: 2 });
    expect(await ruleSet()).toMatchObject({ version: 2, effects: V2.effects });
    expect(await ruleSet(1)).toEqual(DEFAULT_RULES);
    expect(await ruleSet(2)).toMatchObject({ version: 2, title: V2.title });

    for (const subject of [UNIT, MANAGER]) {
      const ledger = await ledgerOf(subject, 2022);
      expect(ledger).toHaveLength(2);
      expect(entryOf(ledger, commendation.orderId)).toMatchObject({
        ruleVersion: 2,
        outcome: 'commendation:first',
        effect: V2.effects['commendation:first'],
        at: commendation.issuedAt,
      });
      expect(entryOf(ledger, inquiry.orderId)).toMatchObject({
        ruleVersion: 2,
        outcome: 'inquiry:escalated',
        effect: V2.effects['inquiry:escalated'],
      });
      expect(totals(ledger)).toMatchObject({
        performanceScore: 8 - 10,
        brightSpotPoints: 4,
        excellenceEligible: false,
        restEligible: true,
      });
    }

    for (const [item, order] of [
      [commended, commendation],
      [inquired, inquiry],
    ] as const) {
      const stored = await getItem(item.itemId);
      const trail = await readTrail(itemPk(item.itemId));
      const regraded = trail.filter((e) => e.type === 'ledger.regraded');
      expect(regraded.map((e) => e.data)).toEqual([{ orderId: order.orderId, from: 1, to: 2 }]);
      expect(regraded[0]!.actor).toEqual(office);
      expect(verifyTrail(trail, { seq: stored.auditSeq, hash: stored.auditHead })).toEqual({
        valid: true,
        events: trail.length,
      });
    }
  });

  it('re-grading with version 2 again resumes (nothing left to do); another version 2 is refused', async () => {
    const before = await Promise.all([ledgerOf(UNIT, 2022), ledgerOf(MANAGER, 2022)]);
    const trailBefore = await readTrail(itemPk(commended.itemId));
    // The same rule set resumes a re-grading that stopped part-way: here every entry is done.
    expect(await regrade({ actor: office }, 2022, V2)).toEqual({ version: 2, regraded: 0 });
    const err = await expectDomainError(
      regrade({ actor: office }, 2022, { ...V2, title: 'A different version 2' }),
      'rule',
      'rules.version_not_next',
    );
    expect(err.name).toBe('RuleViolation');
    // Skipping a version is refused too (who may re-grade is no route's: only scripts, as system).
    await expectDomainError(
      regrade({ actor: office }, 2022, { ...V2, version: 4 }),
      'rule',
      'rules.version_not_next',
    );
    expect(await Promise.all([ledgerOf(UNIT, 2022), ledgerOf(MANAGER, 2022)])).toEqual(before);
    const trail = await readTrail(itemPk(commended.itemId));
    expect(trail).toEqual(trailBefore);
    const stored = await getItem(commended.itemId);
    expect(verifyTrail(trail, { seq: stored.auditSeq, hash: stored.auditHead }).valid).toBe(true);
    expect((await ruleSet()).version).toBe(2);
  });

  it('an order graded after the re-grading gets the rules in force: version 2', async () => {
    await reportCompletion({ actor: meilin }, later.itemId, { summary: 'Done.', results: [] });
    await settleItem(rt, later, 'AwaitingVerification');
    const order = await verifyCompletion({ actor: office }, later.itemId, {
      achieved: true,
      grade: 'second',
    });
    await settleItem(rt, later, 'Closed');
    const entry = entryOf(await ledgerOf(UNIT, 2022), order.orderId);
    expect(entry).toMatchObject({
      outcome: 'commendation:second',
      ruleVersion: 2,
      effect: V2.effects['commendation:second'],
    });
    expect(totals(await ledgerOf(MANAGER, 2022)).performanceScore).toBe(8 - 10 + 4);
  });
});
