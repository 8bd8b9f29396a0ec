/** Audit trails: append-only records in the subject's partition, `SK = AUDIT#<seq>`. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { chain, type NewAuditEvent } from '#domain/audit.ts';
import type { AuditEvent } from '#domain/model.ts';
import { documentClient, mainTableName, stripKeys, type UnitOfWork } from './db.ts';

export const auditSk = (seq: number) => `AUDIT#${String(seq).padStart(8, '0')}`;

export interface AuditHead {
  auditSeq: number;
  auditHead: string;
}

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
  for (const e of chained)
    uow.create({ PK: subjectPk, SK: auditSk(e.seq), entity: 'audit', ...e }, `${subjectPk} audit ${e.seq}`);
  const last = chained.at(-1);
  return last ? { auditSeq: last.seq, auditHead: last.hash } : head;
}

export async function readTrail(subjectPk: string): Promise<AuditEvent[]> {
  const out: AuditEvent[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await documentClient().send(
      new QueryCommand({
        TableName: mainTableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': subjectPk, ':p': 'AUDIT#' },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const row of res.Items ?? []) out.push(stripKeys<AuditEvent>(row));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}
