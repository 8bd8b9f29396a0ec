/** Audit trails: append-only records in the subject's partition (keys.ts: `audit`). */

import { chain, GENESIS, type NewAuditEvent } from '#domain/audit.ts';
import type { AuditEvent } from '#domain/model.ts';
import { keyQuery, queryAll, type UnitOfWork } from './db.ts';
import { audit as auditKeys, rowOf } from './keys.ts';

export const auditSk = (seq: number) => auditKeys.key({ subject: '', seq }).SK;

export interface AuditHead {
  auditSeq: number;
  auditHead: string;
}

/** The head of a trail that has no event yet. */
export const NEW_TRAIL: AuditHead = { auditSeq: 0, auditHead: GENESIS };

/**
 * Adds the events to the unit of work after the subject's head and returns the new head,
 * which the caller writes onto the subject record in the same transaction.
 */
export function appendAudit(
  uow: UnitOfWork,
  subjectPk: string,
  head: AuditHead,
  at: string,
  events: readonly NewAuditEvent[],
): AuditHead {
  const chained = chain(subjectPk, { seq: head.auditSeq, hash: head.auditHead }, at, events);
  for (const e of chained) uow.create(rowOf(auditKeys, e), `${subjectPk} audit ${e.seq}`);
  const last = chained.at(-1);
  return last ? { auditSeq: last.seq, auditHead: last.hash } : head;
}

export async function readTrail(subjectPk: string): Promise<AuditEvent[]> {
  return queryAll<AuditEvent>({ ...keyQuery(auditKeys.queries.trailOf(subjectPk)), ConsistentRead: true });
}
