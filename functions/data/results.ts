/**
 * Results application records:
 * - rule sets: `PK = RULES, SK = V#<version>`; the one in force: `PK = RULES, SK = CURRENT`
 * - ledger entries: `PK = UNIT#<id> | PERSON#<id>, SK = LEDGER#<year>#<orderId>`
 * - public notices: `PK = NOTICES#<year>, SK = <at>#<noticeId>`
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_RULES, type LedgerEntry, type Outcome, type RuleSet } from '#domain/grading.ts';
import {
  documentClient,
  mainTableName,
  type Page,
  queryAll,
  queryPage,
  stripKeys,
  type UnitOfWork,
} from './db.ts';

const subjectPk = (s: LedgerEntry['subject']) => `${s.type === 'unit' ? 'UNIT' : 'PERSON'}#${s.id}`;
export const ledgerSk = (year: number, orderId: string) => `LEDGER#${year}#${orderId}`;

export async function ruleSet(version?: number): Promise<RuleSet> {
  const sk = version ? `V#${String(version).padStart(4, '0')}` : 'CURRENT';
  const res = await documentClient().send(
    new GetCommand({ TableName: mainTableName(), Key: { PK: 'RULES', SK: sk }, ConsistentRead: true }),
  );
  if (res.Item) return stripKeys<RuleSet & { version: number }>(res.Item);
  if (!version || version === DEFAULT_RULES.version) return DEFAULT_RULES;
  throw new Error(`no rule set version ${version}`);
}

/** Stores a new rule set version (never overwriting one) and makes it the one in force. */
export function putRuleSet(uow: UnitOfWork, rules: RuleSet, previousVersion: number): void {
  uow.create(
    { PK: 'RULES', SK: `V#${String(rules.version).padStart(4, '0')}`, entity: 'rules', ...rules },
    `rules v${rules.version}`,
  );
  // CURRENT moves only from the version the caller read (it is absent while the default rules rule).
  uow.update(
    {
      TableName: mainTableName(),
      Key: { PK: 'RULES', SK: 'CURRENT' },
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
  const row = {
    PK: subjectPk(entry.subject),
    SK: ledgerSk(entry.year, entry.orderId),
    entity: 'ledger',
    ...entry,
  };
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
  return queryAll<LedgerEntry>({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
    ExpressionAttributeValues: { ':pk': subjectPk(subject), ':p': year ? `LEDGER#${year}#` : 'LEDGER#' },
    ConsistentRead: true,
  });
}

export interface Notice {
  noticeId: string;
  year: number;
  at: string;
  kind: 'commendation' | 'inquiry' | 'ranking';
  /** The graded outcome (commendations and inquiries). */
  outcome?: Outcome;
  /** The order's official number (commendations and inquiries). */
  orderNumber?: string;
  /** In Chinese, as published. */
  title: string;
  body: string;
  unitId?: string;
  itemId?: string;
  orderId?: string;
  period?: string;
}

export function putNotice(uow: UnitOfWork, notice: Notice): void {
  uow.create(
    { PK: `NOTICES#${notice.year}`, SK: `${notice.at}#${notice.noticeId}`, entity: 'notice', ...notice },
    `notice ${notice.noticeId}`,
  );
}

/** Newest first. */
export async function noticesOf(year: number, limit: number, cursor?: string): Promise<Page<Notice>> {
  return queryPage<Notice>(
    {
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `NOTICES#${year}` },
      ScanIndexForward: false,
    },
    limit,
    cursor,
  );
}
