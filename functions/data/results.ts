/**
 * Results application records (keys declared in keys.ts):
 * - rule sets, each version (`ruleSetVersion`) and the one in force (`ruleSetCurrent`)
 * - ledger entries of a unit or a person (`ledgerEntry`)
 * - public notices (`notice`)
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_RULES, type LedgerEntry, type Notice, type RuleSet } from '#domain/grading.ts';
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
import { ledgerEntry, notice as noticeKeys, rowOf, ruleSetCurrent, ruleSetVersion } from './keys.ts';

export async function ruleSet(version?: number): Promise<RuleSet> {
  const key = version ? ruleSetVersion.key({ version }) : ruleSetCurrent.key();
  const res = await documentClient().send(
    new GetCommand({ TableName: mainTableName(), Key: key, ConsistentRead: true }),
  );
  if (res.Item) return stripKeys<RuleSet & { version: number }>(res.Item);
  if (!version || version === DEFAULT_RULES.version) return DEFAULT_RULES;
  throw new Error(`no rule set version ${version}`);
}

/** Stores a new rule set version (never overwriting one) and makes it the one in force. */
export function putRuleSet(uow: UnitOfWork, rules: RuleSet, previousVersion: number): void {
  uow.create(rowOf(ruleSetVersion, rules), `rules v${rules.version}`);
  // CURRENT moves only from the version the caller read (it is absent while the default rules rule).
  uow.update(
    {
      TableName: mainTableName(),
      Key: ruleSetCurrent.key(),
      UpdateExpression: 'SET #v = :v, title = :t, effects = :e, entity = :en',
      ConditionExpression: 'attribute_not_exists(PK) OR #v = :prev',
      ExpressionAttributeNames: { '#v': 'version' },
      ExpressionAttributeValues: {
        ':v': rules.version,
        ':t': rules.title,
        ':e': rules.effects,
        ':en': 'rules',
        ':prev': previousVersion,
      },
    },
    'rules current',
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
