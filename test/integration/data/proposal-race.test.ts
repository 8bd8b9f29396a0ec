/**
 * Accepting and rejecting one proposal at the same time, on DynamoDB Local: exactly one
 * decision lands, and the class B item exists if and only if the proposal was accepted (the
 * decision and the new item commit in one transaction; the item names its proposal).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideProposal, declareProposal } from '#app/commands/proposals.ts';
import { setWorkflowPort } from '#app/ports.ts';
import { readTrail } from '#data/audit.ts';
import { findItem } from '#data/items.ts';
import { getProposal, proposalPk } from '#data/proposals.ts';
import { registeredYears } from '#data/years.ts';
import { DomainError } from '#domain/errors.ts';
import {
  createUnits,
  installRecordingPort,
  itemInput,
  office,
  TestClock,
  unitActor,
} from '../../support/fixtures.ts';
import { freshTables } from '../../support/tables.ts';

const ROUNDS = 12;

beforeAll(async () => {
  await freshTables();
  installRecordingPort();
  new TestClock('2031-03-03T02:00:00Z');
  await createUnits(['meilin']);
});

afterAll(() => {
  setWorkflowPort(undefined);
  TestClock.restore();
});

describe('a proposal accepted and rejected at once', () => {
  it(`lands exactly one decision; the item exists iff accepted (${ROUNDS} rounds)`, async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { title: _t, itemClass: _c, ...draft } = itemInput({ year: 2031 });
      const p = await declareProposal(
        { actor: unitActor('meilin') },
        { ...draft, title: `Invented demo proposal, round ${round}` },
      );
      // Alternate who starts first, so both orders of arrival are raced.
      const accept = () => decideProposal({ actor: office }, p.proposalId, { decision: 'accept' });
      const reject = () =>
        decideProposal({ actor: office }, p.proposalId, { decision: 'reject', reason: 'Not this year.' });
      const settled = await Promise.allSettled(round % 2 ? [accept(), reject()] : [reject(), accept()]);
      const fulfilled = settled.filter((s) => s.status === 'fulfilled');
      expect(fulfilled, `round ${round}: one decision wins`).toHaveLength(1);
      for (const s of settled) {
        if (s.status === 'rejected') {
          expect(s.reason).toBeInstanceOf(DomainError);
          expect((s.reason as DomainError).code).toMatch(/^proposal\.decide\.not_allowed_when_/);
        }
      }
      const stored = await getProposal(p.proposalId);
      const item = await findItem(`${p.proposalId}-item`);
      outcomes.push(stored.status);
      if (stored.status === 'accepted') {
        expect(item, `round ${round}: accepted, the item exists`).toBeDefined();
        expect(item).toMatchObject({ proposalId: p.proposalId, itemClass: 'B', leadUnitId: 'meilin' });
        expect(stored.itemId).toBe(item!.itemId);
      } else {
        expect(stored.status).toBe('rejected');
        expect(item, `round ${round}: rejected, no item for it`).toBeUndefined();
      }
      const trail = await readTrail(proposalPk(p.proposalId));
      expect(
        trail.filter((e) => e.type === 'proposal.accepted' || e.type === 'proposal.rejected'),
      ).toHaveLength(1);
    }
    expect(outcomes.length).toBe(ROUNDS);
  });

  it('lists the year of an item accepted from a proposal, so the reconciler visits it (no other item of 2031 exists)', async () => {
    expect(await registeredYears()).toContain(2031);
  });

  it('an accepted proposal’s item carries its proposalId, and the item’s trail says where it came from', async () => {
    const { title: _t, itemClass: _c, ...draft } = itemInput({ year: 2031 });
    const p = await declareProposal(
      { actor: unitActor('meilin') },
      { ...draft, title: 'Invented demo proposal' },
    );
    const { proposal, item } = await decideProposal({ actor: office }, p.proposalId, { decision: 'accept' });
    expect(proposal.status).toBe('accepted');
    expect(item).toMatchObject({ proposalId: p.proposalId, status: 'draft', itemClass: 'B' });
    const trail = await readTrail(`ITEM#${item!.itemId}`);
    expect(trail[0]).toMatchObject({ type: 'item.created', data: { proposalId: p.proposalId } });
  });
});
