/** Proposals (keys declared in keys.ts: `proposal`); by year and status (GSI1), by unit (GSI2). */
import type { NewAuditEvent } from '#domain/audit.ts';
import { NotFound } from '#domain/errors.ts';
import type { Proposal } from '#domain/model.ts';
import { type AuditHead, appendAudit, NEW_TRAIL } from './audit.ts';
import { getRecord, keyQuery, type Page, queryPage, type Row, type UnitOfWork } from './db.ts';
import { proposal as proposalKeys, proposalPk, rowOf } from './keys.ts';

export { proposalPk };

type Stored = Proposal & AuditHead;

const row = (p: Stored): Row => rowOf(proposalKeys, p);

export async function getProposal(id: string): Promise<Stored> {
  const p = await getRecord<Stored>(proposalKeys.key({ proposalId: id }));
  if (!p) throw new NotFound('proposal', id);
  return p;
}

export function createProposal(uow: UnitOfWork, p: Proposal, events: readonly NewAuditEvent[]): void {
  const head = appendAudit(uow, proposalPk(p.proposalId), NEW_TRAIL, p.declaredAt, events);
  uow.create(row({ ...p, ...head }), `proposal ${p.proposalId}`);
}

export function saveProposal(
  uow: UnitOfWork,
  before: Stored,
  after: Proposal,
  at: string,
  events: readonly NewAuditEvent[],
): void {
  const head = appendAudit(uow, proposalPk(before.proposalId), before, at, events);
  uow.replace(
    row({ ...after, ...head, version: before.version + 1 }) as Row & { version: number },
    before.version,
  );
}

export async function listProposals(
  filter: { year: number; status?: string; unitId?: string },
  limit: number,
  cursor?: string,
): Promise<Page<Proposal>> {
  const key = keyQuery(
    filter.unitId
      ? proposalKeys.queries.ofUnit(filter.unitId, filter.year)
      : proposalKeys.queries.ofYear(filter.year, filter.status),
  );
  const filtered = Boolean(filter.unitId && filter.status);
  return queryPage<Proposal>(
    {
      ...key,
      ...(filtered ? { FilterExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' } } : {}),
      ExpressionAttributeValues: {
        ...key.ExpressionAttributeValues,
        ...(filtered ? { ':s': filter.status } : {}),
      },
    },
    limit,
    cursor,
  );
}
