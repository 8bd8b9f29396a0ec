/**
 * Callback tokens of waiting workflow steps, in the subject's partition (keys.ts: `wait`). A workflow that
 * waits for a change of its subject (item or order) after version v records its token here;
 * a command that changes the subject reads the record after committing and signals it.
 * Registering then re-reading, and committing then reading, make the pair race-free.
 */
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, getRecords, mainTableName, type UnitOfWork } from './db.ts';
import { rowOf, wait as waitKeys } from './keys.ts';

export interface Wait {
  subject: string;
  token: string;
  /** The subject's version the workflow last saw; any later version wakes it. */
  version: number;
  waitingFor: string;
  since: string;
  executionArn?: string;
}

export async function recordWait(wait: Wait): Promise<void> {
  await documentClient().send(
    new PutCommand({
      TableName: mainTableName(),
      Item: rowOf(waitKeys, wait),
    }),
  );
}

export async function findWait(subject: string): Promise<Wait | undefined> {
  const res = await documentClient().send(
    new GetCommand({ TableName: mainTableName(), Key: waitKeys.key({ subject }), ConsistentRead: true }),
  );
  return res.Item ? (res.Item as unknown as Wait) : undefined;
}

/** Removes the record if it still holds this token (another wait may have replaced it). */
export async function clearWait(subject: string, token: string): Promise<void> {
  try {
    await documentClient().send(
      new DeleteCommand({
        TableName: mainTableName(),
        Key: waitKeys.key({ subject }),
        ConditionExpression: '#t = :t',
        ExpressionAttributeNames: { '#t': 'token' },
        ExpressionAttributeValues: { ':t': token },
      }),
    );
  } catch (err) {
    if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
  }
}

/** A record and its subject's wait record in one request (BatchGetItem, consistent). */
export async function withWait<T>(
  subject: string,
  sk: string,
  more: readonly { PK: string; SK: string }[] = [],
): Promise<{ record?: T; wait?: Wait; more: unknown[] }> {
  const [record, wait, ...rest] = await getRecords<Record<string, unknown>>([
    { PK: subject, SK: sk },
    waitKeys.key({ subject }),
    ...more,
  ]);
  return {
    more: rest,
    ...(record ? { record: record as T } : {}),
    ...(wait ? { wait: { subject, ...wait } as unknown as Wait } : {}),
  };
}

/**
 * Joins a change of `subject` to version `version` with the wait record read beside it: the
 * commit fails (a lost race, retried) if a workflow recorded another wait since; a wait for an
 * older version is removed in the same commit and answered with the token to signal after it.
 */
export function consumeWait(
  uow: UnitOfWork,
  subject: string,
  wait: Wait | undefined,
  version: number,
): Wait | undefined {
  const Key = waitKeys.key({ subject });
  if (!wait) {
    uow.add(
      {
        ConditionCheck: { TableName: mainTableName(), Key, ConditionExpression: 'attribute_not_exists(PK)' },
      },
      `no wait on ${subject}`,
    );
    return undefined;
  }
  const unchanged = {
    TableName: mainTableName(),
    Key,
    ConditionExpression: '#t = :t',
    ExpressionAttributeNames: { '#t': 'token' },
    ExpressionAttributeValues: { ':t': wait.token },
  };
  if (wait.version >= version) {
    uow.add({ ConditionCheck: unchanged }, `wait on ${subject} unchanged`);
    return undefined;
  }
  uow.add({ Delete: unchanged }, `wait on ${subject} answered`);
  return wait;
}

/**
 * Records a wait only while the subject (its record `sk`) is still at `version` or older, in
 * one request: false if it changed since (nothing is recorded then).
 */
export async function recordWaitIfUnchanged(wait: Wait, sk: string): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await documentClient().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: mainTableName(),
                Item: rowOf(waitKeys, wait),
              },
            },
            {
              ConditionCheck: {
                TableName: mainTableName(),
                Key: { PK: wait.subject, SK: sk },
                ConditionExpression: '#v <= :v',
                ExpressionAttributeNames: { '#v': 'version' },
                ExpressionAttributeValues: { ':v': wait.version },
              },
            },
          ],
        }),
      );
      return true;
    } catch (err) {
      const e = err as { name?: string; CancellationReasons?: { Code?: string }[] };
      if (e.name !== 'TransactionCanceledException') throw err;
      if (e.CancellationReasons?.[1]?.Code === 'ConditionalCheckFailed') return false;
      // A command's transaction on the same records at the same moment: try again.
      if (attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}
