/**
 * Evaluation results: `PK = EVAL#<period>`, `SK = ITEM#<itemId>` per item, `SK = UNITS` for
 * the unit rankings, `SK = SUMMARY`, `SK = DRAFT#<itemId>#<trigger>` for inquiry drafts the
 * office confirms. Written with BatchWriteItem (25 at a time): a re-run overwrites with the
 * same values.
 */
import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { EvaluationTrigger, ItemResult, UnitRanking } from '#domain/evaluation.ts';
import { documentClient, mainTableName, queryAll, stripKeys } from './db.ts';

const pk = (period: string) => `EVAL#${period}`;

export interface EvaluationSummary {
  period: string;
  date: string;
  year: number;
  items: number;
  flagged: Record<string, number>;
  inquiriesIssued: number;
  draftsProposed: number;
  ranAt: string;
  thresholds: Record<string, number>;
}

export interface InquiryDraft {
  period: string;
  itemId: string;
  trigger: EvaluationTrigger;
  reason: string;
  status: 'proposed' | 'confirmed';
}

type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

async function batchWrite(all: WriteRequest[]): Promise<void> {
  for (let i = 0; i < all.length; i += 25) {
    let requests = all.slice(i, i + 25);
    for (let attempt = 0; requests.length > 0; attempt++) {
      const res = await documentClient().send(
        new BatchWriteCommand({ RequestItems: { [mainTableName()]: requests } }),
      );
      requests = (res.UnprocessedItems?.[mainTableName()] ?? []) as typeof requests;
      if (requests.length > 0) {
        if (attempt > 8) throw new Error('DynamoDB kept throttling the evaluation writes');
        await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
  }
}

/**
 * Stores a run's results as the period's: rows of items no longer in the run (they left the
 * active statuses since an earlier run) are deleted, so the period holds one run's results.
 */
export async function storeResults(
  period: string,
  results: readonly ItemResult[],
  units: readonly UnitRanking[],
): Promise<void> {
  const keep = new Set(results.map((r) => r.itemId));
  const stale = (await resultsOf(period)).filter((r) => !keep.has(r.itemId));
  await batchWrite([
    ...results.map((r) => ({
      PutRequest: { Item: { PK: pk(period), SK: `ITEM#${r.itemId}`, entity: 'evaluation', period, ...r } },
    })),
    { PutRequest: { Item: { PK: pk(period), SK: 'UNITS', entity: 'evaluation', period, units } } },
    ...stale.map((r) => ({ DeleteRequest: { Key: { PK: pk(period), SK: `ITEM#${r.itemId}` } } })),
  ]);
}

export async function storeSummary(summary: EvaluationSummary): Promise<void> {
  await documentClient().send(
    new PutCommand({
      TableName: mainTableName(),
      Item: { PK: pk(summary.period), SK: 'SUMMARY', entity: 'evaluation', ...summary },
    }),
  );
}

export async function resultsOf(period: string): Promise<ItemResult[]> {
  const rows = await queryAll<ItemResult & { period: string }>({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
    ExpressionAttributeValues: { ':pk': pk(period), ':p': 'ITEM#' },
  });
  return rows.map(({ period: _p, ...rest }) => rest);
}

export async function summaryOf(
  period: string,
): Promise<{ summary?: EvaluationSummary; units: UnitRanking[] }> {
  const [s, u] = await Promise.all(
    ['SUMMARY', 'UNITS'].map((SK) =>
      documentClient().send(
        new GetCommand({ TableName: mainTableName(), Key: { PK: pk(period), SK }, ConsistentRead: true }),
      ),
    ),
  );
  return {
    ...(s?.Item ? { summary: stripKeys<EvaluationSummary>(s.Item) } : {}),
    units: (u?.Item?.units as UnitRanking[] | undefined) ?? [],
  };
}

const draftRow = (draft: InquiryDraft) => ({
  PK: pk(draft.period),
  SK: `DRAFT#${draft.itemId}#${draft.trigger}`,
  entity: 'draft',
  ...draft,
});

/** Proposes a draft once; a re-run leaves an existing draft (and its status) alone. */
export async function proposeDraft(draft: InquiryDraft): Promise<boolean> {
  try {
    await documentClient().send(
      new PutCommand({
        TableName: mainTableName(),
        Item: draftRow(draft),
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (err) {
    if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

export async function draftsOf(period: string): Promise<InquiryDraft[]> {
  return queryAll<InquiryDraft>({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
    ExpressionAttributeValues: { ':pk': pk(period), ':p': 'DRAFT#' },
    ConsistentRead: true,
  });
}

export async function markDraftConfirmed(draft: InquiryDraft): Promise<void> {
  await documentClient().send(
    new PutCommand({
      TableName: mainTableName(),
      Item: draftRow({ ...draft, status: 'confirmed' }),
    }),
  );
}
