/** Bottom-up (class B) proposals: a unit declares, the office accepts (→ item) or rejects. */

import { UnitOfWork, withoutAnswering } from '#data/db.ts';
import { createProposal, getProposal, saveProposal } from '#data/proposals.ts';
import { requireRole } from '#domain/access.ts';
import { DecideProposalInput, DeclareProposalInput } from '#domain/commands.ts';
import { Forbidden, RuleViolation } from '#domain/errors.ts';
import type { Item, Proposal } from '#domain/model.ts';
import { newId } from '#lib/ids.ts';
import { type Ctx, isoNow, parse, withRetry } from '../support.ts';
import { createItem } from './items.ts';

export async function declareProposal(ctx: Ctx, input: unknown): Promise<Proposal> {
  requireRole(ctx.actor, 'declareProposal');
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
  requireRole(ctx.actor, 'decideProposal');
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
    // Item first under a deterministic id: a retry after a lost race finds it already there.
    const draft = {
      ...before.draft,
      ...(v.category ? { category: v.category } : {}),
      itemClass: 'B',
      leadUnitId: before.unitId,
    };
    let item: Item | undefined;
    try {
      item = await withoutAnswering(() =>
        createItem({ actor: { ...ctx.actor, role: 'system', sub: ctx.actor.sub } }, draft, itemId),
      );
    } catch (err) {
      if ((err as { code?: string }).code !== 'concurrent_change') throw err;
    }
    const after: Proposal = { ...before, status: 'accepted', decidedAt: at, itemId };
    const uow = new UnitOfWork();
    saveProposal(uow, before, after, at, [{ type: 'proposal.accepted', actor: ctx.actor, data: { itemId } }]);
    const answer = { proposal: after, ...(item ? { item } : {}) };
    await uow.commit(answer);
    return answer;
  });
}
