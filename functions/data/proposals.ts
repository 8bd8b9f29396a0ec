/** Proposals: `PK = PROPOSAL#<id>, SK = PROPOSAL`; by year and status (GSI1), by unit (GSI2). */
import type { NewAuditEvent } from '#domain/audit.ts';
import { NotFound } from '#domain/errors.ts';
import type { Proposal } from '#domain/model.ts';
import { type AuditHead, appendAudit, NEW_TRAIL } from './audit.ts';
import { getRecord, type Page, queryPage, type Row, type UnitOfWork } from './db.ts';

export const proposalPk = (id: string) => `PROPOSAL#${id}`;
type Stored = Proposal & AuditHead;

function row(p: Stored): Row {
  return {
    PK: proposalPk(p.proposalId),
    SK: 'PROPOSAL',
    entity: 'proposal',
    GSI1PK: `PROPOSALS#${p.year}`,
    GSI1SK: `${p.status}#${p.proposalId}`,
    GSI2PK: `UNIT#${p.unitId}`,
    GSI2SK: `PROPOSAL#${p.year}#${p.proposalId}`,
    ...p,
  };
}

export async function getProposal(id: string): Promise<Stored> {
  const p = await getRecord<Stored>(proposalPk(id), 'PROPOSAL');
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
  const byUnit = Boolean(filter.unitId);
  return queryPage<Proposal>(
    {
      IndexName: byUnit ? 'GSI2' : 'GSI1',
      KeyConditionExpression: byUnit
        ? 'GSI2PK = :pk AND begins_with(GSI2SK, :sk)'
        : filter.status
          ? 'GSI1PK = :pk AND begins_with(GSI1SK, :sk)'
          : 'GSI1PK = :pk',
      ...(byUnit && filter.status
        ? { FilterExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' } }
        : {}),
      ExpressionAttributeValues: byUnit
        ? {
            ':pk': `UNIT#${filter.unitId}`,
            ':sk': `PROPOSAL#${filter.year}#`,
            ...(filter.status ? { ':s': filter.status } : {}),
          }
        : { ':pk': `PROPOSALS#${filter.year}`, ...(filter.status ? { ':sk': `${filter.status}#` } : {}) },
    },
    limit,
    cursor,
  );
}
