/**
 * Results application records (keys declared in keys.ts):
 * - rule sets, each version (`ruleSetVersion`) and the one in force (`ruleSetCurrent`)
 * - ledger entries of a unit or a person (`ledgerEntry`)
 * - public notices (`notice`)
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { NewAuditEvent } from '#domain/audit.ts';
import { DEFAULT_RULES, type LedgerEntry, type Notice, type RuleSet } from '#domain/grading.ts';
import { type AuditHead, appendAudit, NEW_TRAIL } from './audit.ts';
import {
  documentClient,
  keyQuery,
  mainTableName,
  type Page,
  queryAll,
  queryPage,
  stripKeys,
  type UnitOfWork,
} from './db.ts';
import {
  ledgerEntry,
  notice as noticeKeys,
  RULES_SUBJECT,
  rowOf,
  ruleSetCurrent,
  ruleSetVersion,
} from './keys.ts';

export async function ruleSet(version?: number): Promise<RuleSet> {
  const key = version ? ruleSetVersion.key({ version }) : ruleSetCurrent.key();
  const res = await documentClient().send(
    new GetCommand({ TableName: mainTableName(), Key: key, ConsistentRead: true }),
  );
  if (res.Item) return stripKeys<RuleSet & { version: number }>(res.Item);
  if (!version || version === DEFAULT_RULES.version) return DEFAULT_RULES;
  throw new Error(`no rule set version ${version}`);
}

/**
 * The rule set alone: without what its records carry besides (the audit head on CURRENT, who
 * published a version). Not in ruleSet, which every grading reads: ApiWrite's bundle is full.
 */
export function rulesOnly(row: object): RuleSet {
  const {
    auditSeq: _s,
    auditHead: _h,
    publishedAt: _a,
    publishedBy: _b,
    ...rules
  } = row as Record<string, unknown>;
  return rules as RuleSet;
}

/** The rule set in force and the head of the rules' audit trail (on the CURRENT record). */
export async function ruleSetAndHead(): Promise<{ rules: RuleSet; head: AuditHead }> {
  const row = (await ruleSet()) as RuleSet & Partial<AuditHead>;
  const head =
    typeof row.auditSeq === 'number'
      ? { auditSeq: row.auditSeq, auditHead: String(row.auditHead) }
      : NEW_TRAIL;
  return { rules: rulesOnly(row), head };
}

/** A version of the rules as listed: the rule set, when and by whom it was published. */
export type RuleSetVersion = RuleSet & { publishedAt?: string; publishedBy?: string };

/** Every stored version, oldest first (the default version 1 is stored only once replaced). */
export async function ruleSetVersions(limit: number, cursor?: string): Promise<Page<RuleSetVersion>> {
  return queryPage<RuleSetVersion>(
    { ...keyQuery(ruleSetVersion.queries.all()), ConsistentRead: true },
    limit,
    cursor,
  );
}

/** Who published a version and why it is audited: the rules' trail, whose head CURRENT carries. */
export interface RulesAudit {
  readonly head: AuditHead;
  readonly at: string;
  readonly events: readonly NewAuditEvent[];
  readonly by: string;
}

/**
 * Stores a new rule set version (never overwriting one) and makes it the one in force; with
 * `audit`, the events join the rules' trail (subject `RULES`) in the same transaction.
 */
export function putRuleSet(
  uow: UnitOfWork,
  rules: RuleSet,
  previousVersion: number,
  audit?: RulesAudit,
): void {
  const published = audit ? { publishedAt: audit.at, publishedBy: audit.by } : {};
  uow.create(rowOf(ruleSetVersion, rules, { ...rules, ...published }), `rules v${rules.version}`);
  const head = audit ? appendAudit(uow, RULES_SUBJECT, audit.head, audit.at, audit.events) : undefined;
  const values: Record<string, unknown> = {
    ':v': rules.version,
    ':t': rules.title,
    ':e': rules.effects,
    ':en': 'rules',
    ':prev': previousVersion,
  };
  const set = ['#v = :v', 'title = :t', 'effects = :e', 'entity = :en'];
  if (rules.thresholds) {
    set.push('thresholds = :th');
    values[':th'] = rules.thresholds;
  }
  if (head) {
    set.push('auditSeq = :seq', 'auditHead = :head');
    values[':seq'] = head.auditSeq;
    values[':head'] = head.auditHead;
  }
  // CURRENT moves only from the version the caller read (it is absent while the default rules rule).
  uow.update(
    {
      TableName: mainTableName(),
      Key: ruleSetCurrent.key(),
      UpdateExpression: `SET ${set.join(', ')}${rules.thresholds ? '' : ' REMOVE thresholds'}`,
      ConditionExpression: 'attribute_not_exists(PK) OR #v = :prev',
      ExpressionAttributeNames: { '#v': 'version' },
      ExpressionAttributeValues: values,
    },
    'rules current',
  );
}

/**
 * Appends events to the rules' trail without a new version (a re-grading): the head on
 * CURRENT moves only from the version and head read. While the default rules rule (no
 * CURRENT yet) there is nothing to carry the head: the caller publishes first.
 */
export function appendRulesAudit(uow: UnitOfWork, version: number, audit: Omit<RulesAudit, 'by'>): void {
  const head = appendAudit(uow, RULES_SUBJECT, audit.head, audit.at, audit.events);
  uow.update(
    {
      TableName: mainTableName(),
      Key: ruleSetCurrent.key(),
      UpdateExpression: 'SET auditSeq = :seq, auditHead = :head',
      ConditionExpression: '#v = :v',
      ExpressionAttributeNames: { '#v': 'version' },
      ExpressionAttributeValues: { ':seq': head.auditSeq, ':head': head.auditHead, ':v': version },
    },
    'rules current audit',
  );
}

export function putLedgerEntry(
  uow: UnitOfWork,
  entry: LedgerEntry,
  replace?: { previousRuleVersion: number },
): void {
  const row = rowOf(ledgerEntry, entry);
  if (!replace) {
    uow.create(row, `ledger ${entry.subject.id} ${entry.orderId}`);
    return;
  }
  uow.update(
    {
      TableName: mainTableName(),
      Key: { PK: row.PK, SK: row.SK },
      UpdateExpression: 'SET ruleVersion = :v, effect = :e, regradedAt = :at',
      ConditionExpression: 'ruleVersion = :prev',
      ExpressionAttributeValues: {
        ':v': entry.ruleVersion,
        ':e': entry.effect,
        ':at': entry.at,
        ':prev': replace.previousRuleVersion,
      },
    },
    `ledger ${entry.subject.id} ${entry.orderId} regrade`,
  );
}

export async function ledgerOf(subject: LedgerEntry['subject'], year?: number): Promise<LedgerEntry[]> {
  return queryAll<LedgerEntry>({ ...keyQuery(ledgerEntry.queries.of(subject, year)), ConsistentRead: true });
}

export type { Notice };

export function putNotice(uow: UnitOfWork, notice: Notice): void {
  uow.create(rowOf(noticeKeys, notice), `notice ${notice.noticeId}`);
}

/** Newest first. */
export async function noticesOf(year: number, limit: number, cursor?: string): Promise<Page<Notice>> {
  return queryPage<Notice>(
    { ...keyQuery(noticeKeys.queries.ofYear(year)), ScanIndexForward: false },
    limit,
    cursor,
  );
}
