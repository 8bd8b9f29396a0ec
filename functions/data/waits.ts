/**
 * Callback tokens of waiting workflow steps, in the subject's partition (keys.ts: `wait`). A workflow that
 * waits for a change of its subject (item or order) after version v records its token here;
 * a command that changes the subject reads the record after committing and signals it.
 * Registering then re-reading, and committing then reading, make the pair race-free.
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, mainTableName } from './db.ts';
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
