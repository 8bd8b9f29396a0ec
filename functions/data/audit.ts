/** Audit trails: append-only records in the subject's partition (keys.ts: `audit`). */

import { chain, GENESIS, type NewAuditEvent } from '#domain/audit.ts';
import type { AuditEvent } from '#domain/model.ts';
import { auditEventId, notifyingType } from '#domain/notifications.ts';
import { keyQuery, queryAll, type UnitOfWork } from './db.ts';
import { audit as auditKeys, outbox, rowOf } from './keys.ts';

export const auditSk = (seq: number) => auditKeys.key({ subject: '', seq }).SK;

export interface AuditHead {
  auditSeq: number;
  auditHead: string;
}

/** The head of a trail that has no event yet. */
export const NEW_TRAIL: AuditHead = { auditSeq: 0, auditHead: GENESIS };

/**
 * Adds the events to the unit of work after the subject's head and returns the new head,
 * which the caller writes onto the subject record in the same transaction. An event that is a
 * domain event (functions/domain/notifications.ts `notifyingType`) gets its outbox record in
 * the same transaction too, with the audit event's id: no command can forget to notify, nor
 * notify twice (a retry's audit event and outbox record both exist already).
 */
export function appendAudit(
  uow: UnitOfWork,
  subjectPk: string,
  head: AuditHead,
  at: string,
  events: readonly NewAuditEvent[],
): AuditHead {
  const chained = chain(subjectPk, { seq: head.auditSeq, hash: head.auditHead }, at, events);
  for (const e of chained) {
    uow.create(rowOf(auditKeys, e), `${subjectPk} audit ${e.seq}`);
    const type = notifyingType(e.type, e.data);
    if (!type) continue;
    const eventId = auditEventId(subjectPk, e.seq);
    uow.create(
      rowOf(outbox, {
        eventId,
        at,
        type,
        subject: subjectPk,
        seq: e.seq,
        auditType: e.type,
        data: e.data,
        attempts: 0,
      }),
      `outbox ${eventId}`,
    );
  }
  const last = chained.at(-1);
  return last ? { auditSeq: last.seq, auditHead: last.hash } : head;
}

export async function readTrail(subjectPk: string): Promise<AuditEvent[]> {
  return queryAll<AuditEvent>({ ...keyQuery(auditKeys.queries.trailOf(subjectPk)), ConsistentRead: true });
}
