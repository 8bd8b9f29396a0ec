/**
 * Evaluation results, in the period's partition (keys.ts): `evaluationResult` per item,
 * `evaluationUnits` for the unit rankings, `evaluationSummary`, `inquiryDraft` for inquiry
 * drafts the office confirms. Written with BatchWriteItem (25 at a time): a re-run overwrites with the
 * same values.
 */
import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { EvaluationTrigger, ItemResult, UnitRanking } from '#domain/evaluation.ts';
import { documentClient, keyQuery, mainTableName, queryAll, stripKeys } from './db.ts';
import { evaluationResult, evaluationSummary, evaluationUnits, inquiryDraft, rowOf } from './keys.ts';

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
      PutRequest: { Item: rowOf(evaluationResult, { period, ...r }) },
    })),
    { PutRequest: { Item: rowOf(evaluationUnits, { period, units }) } },
    ...stale.map((r) => ({ DeleteRequest: { Key: evaluationResult.key({ period, itemId: r.itemId }) } })),
  ]);
}

export async function storeSummary(summary: EvaluationSummary): Promise<void> {
  await documentClient().send(
    new PutCommand({
      TableName: mainTableName(),
      Item: rowOf(evaluationSummary, summary),
    }),
  );
}

export async function resultsOf(period: string): Promise<ItemResult[]> {
  const rows = await queryAll<ItemResult & { period: string }>(
    keyQuery(evaluationResult.queries.ofPeriod(period)),
  );
  return rows.map(({ period: _p, ...rest }) => rest);
}

export async function summaryOf(
  period: string,
): Promise<{ summary?: EvaluationSummary; units: UnitRanking[] }> {
  const [s, u] = await Promise.all(
    [evaluationSummary, evaluationUnits].map((keys) =>
      documentClient().send(
        new GetCommand({ TableName: mainTableName(), Key: keys.key({ period }), ConsistentRead: true }),
      ),
    ),
  );
  return {
    ...(s?.Item ? { summary: stripKeys<EvaluationSummary>(s.Item) } : {}),
    units: (u?.Item?.units as UnitRanking[] | undefined) ?? [],
  };
}

const draftRow = (draft: InquiryDraft) => rowOf(inquiryDraft, draft);

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
  return queryAll<InquiryDraft>({ ...keyQuery(inquiryDraft.queries.ofPeriod(period)), ConsistentRead: true });
}

export async function markDraftConfirmed(draft: InquiryDraft): Promise<void> {
  await documentClient().send(
    new PutCommand({
      TableName: mainTableName(),
      Item: draftRow({ ...draft, status: 'confirmed' }),
    }),
  );
}
