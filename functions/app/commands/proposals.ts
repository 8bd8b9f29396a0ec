/** Bottom-up (class B) proposals: a unit declares, the office accepts (→ item) or rejects. */

import { UnitOfWork } from '#data/db.ts';
import { createItem as storeItem } from '#data/items.ts';
import { createProposal, getProposal, saveProposal } from '#data/proposals.ts';
import { CreateItemInput, DecideProposalInput, DeclareProposalInput } from '#domain/commands.ts';
import { Forbidden, RuleViolation } from '#domain/errors.ts';
import type { Item, Proposal } from '#domain/model.ts';
import { newId } from '#lib/ids.ts';
import { type Ctx, isoNow, parse, withRetry } from '../support.ts';
import { draftItem } from './items.ts';

export async function declareProposal(ctx: Ctx, input: unknown): Promise<Proposal> {
  const v = parse(DeclareProposalInput, input);
  if (!ctx.actor.unitId) throw new Forbidden('auth.no_unit', 'your token names no unit');
  const p: Proposal = {
    proposalId: newId(`P${v.year}`),
    year: v.year,
    unitId: ctx.actor.unitId,
    status: 'pending',
    draft: v,
    declaredAt: isoNow(),
    version: 0,
  };
  const uow = new UnitOfWork();
  createProposal(uow, p, [{ type: 'proposal.declared', actor: ctx.actor, data: { title: v.title } }]);
  await uow.commit(p);
  return p;
}

/**
 * Accepting creates the class B item (led by the declaring unit until the claim round
 * decides otherwise) and marks the proposal accepted; rejecting records the reason.
 */
export async function decideProposal(
  ctx: Ctx,
  proposalId: string,
  input: unknown,
): Promise<{ proposal: Proposal; item?: Item }> {
  const v = parse(DecideProposalInput, input);
  return withRetry(async () => {
    const before = await getProposal(proposalId);
    if (before.status !== 'pending') {
      throw new RuleViolation(
        `proposal.decide.not_allowed_when_${before.status}`,
        `proposal ${proposalId} is already ${before.status}`,
      );
    }
    const at = isoNow();
    if (v.decision === 'reject') {
      const after: Proposal = { ...before, status: 'rejected', decidedAt: at, reason: v.reason };
      const uow = new UnitOfWork();
      saveProposal(uow, before, after, at, [
        { type: 'proposal.rejected', actor: ctx.actor, data: { reason: v.reason } },
      ]);
      await uow.commit({ proposal: after });
      return { proposal: after };
    }
    const itemId = `${proposalId}-item`;
    // The stored draft was checked when declared; checked again (the rules may have moved).
    const checked = CreateItemInput.safeParse({
      ...before.draft,
      ...(v.category ? { category: v.category } : {}),
      itemClass: 'B',
      leadUnitId: before.unitId,
    });
    if (!checked.success) {
      throw new RuleViolation(
        'proposal.accept.invalid_draft',
        `proposal ${proposalId} does not make a valid item`,
        checked.error.issues.map((i) => ({ path: `draft.${i.path.join('.')}`, message: i.message })),
      );
    }
    const draft = checked.data;
    const item = await draftItem(draft, at, itemId, proposalId);
    const after: Proposal = { ...before, status: 'accepted', decidedAt: at, itemId };
    // One transaction: the decision and the item it creates. A concurrent rejection makes
    // the proposal's condition fail and nothing is written (the retry then answers 422).
    const uow = new UnitOfWork();
    const saved = storeItem(uow, item, [
      {
        type: 'item.created',
        actor: ctx.actor,
        data: { title: item.title, itemClass: item.itemClass, proposalId },
      },
    ]);
    saveProposal(uow, before, after, at, [{ type: 'proposal.accepted', actor: ctx.actor, data: { itemId } }]);
    const answer = { proposal: after, item: saved };
    await uow.commit(answer);
    return answer;
  });
}
