/**
 * Evaluation results, in the period's partition (keys.ts): `evaluationResult` per item,
 * `evaluationUnits` for the unit rankings, `evaluationSummary`, `inquiryDraft` for inquiry
 * drafts the office confirms. Written with BatchWriteItem (25 at a time): a re-run overwrites with the
 * same values.
 *
 * A run's working records (the sharded evaluation, expiring after RUN_RECORD_DAYS through
 * `expiresAt`): the scores of chunk n, `PK = EVALRUN#<period>#<run>#C#<n>`, `SK = ITEM#<itemId>`;
 * the run's chunk tallies and outcomes, `PK = EVALRUN#<period>#<run>`, `SK = TALLY#<n>` and
 * `SK = DONE#<n>` (n zero-padded), and their merge, `SK = MERGED`.
 */
import { BatchWriteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { EvaluationSummary, InquiryDraft } from '#domain/answers.ts';
import type { ItemResult, ItemScore, ScoreTally, UnitRanking } from '#domain/evaluation.ts';
import {
  documentClient,
  getRecords,
  keyQuery,
  mainTableName,
  type Page,
  queryAll,
  queryPage,
  stripKeys,
} from './db.ts';
import {
  evaluationResult,
  evaluationResultRuns,
  evaluationRunMergedTally,
  evaluationRunOutcome,
  evaluationRunScore,
  evaluationRunTally,
  evaluationSummary,
  evaluationUnits,
  inquiryDraft,
  rowOf,
} from './keys.ts';

export type { EvaluationSummary, InquiryDraft };

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

export async function storeSummary(summary: EvaluationSummary): Promise<void> {
  await documentClient().send(
    new PutCommand({
      TableName: mainTableName(),
      Item: rowOf(evaluationSummary, summary),
    }),
  );
}

/**
 * The bytes a page of results and a page of drafts may hold (their stored rows as JSON): the
 * evaluation's answer (functions/api/responses.ts `Evaluation`) carries both beside the unit
 * rankings, one record of at most 400 KB in DynamoDB (≈ 734 KB as JSON at its worst, 2,000 units
 * ranked), so the two pages share what is left of 1 MB rather than each taking PAGE_BYTE_BUDGET
 * (test/unit/api/response-size.test.ts): 100 results of up to 2.3 kB each still make one page.
 */
export const RESULT_PAGE_BYTES = 230_000;
export const DRAFT_PAGE_BYTES = 60_000;

/** A page of the results of a period, in item order (one Query), at most RESULT_PAGE_BYTES. */
export async function resultPage(period: string, limit: number, cursor?: string): Promise<Page<ItemResult>> {
  const page = await queryPage<ItemResult & { period: string }>(
    keyQuery(evaluationResult.queries.ofPeriod(period)),
    limit,
    cursor,
    RESULT_PAGE_BYTES,
  );
  return { ...page, items: page.items.map(({ period: _p, ...rest }) => rest) };
}

/** A page of the inquiry drafts of a period (one Query), at most DRAFT_PAGE_BYTES. */
export async function draftPage(period: string, limit: number, cursor?: string): Promise<Page<InquiryDraft>> {
  return queryPage<InquiryDraft>(
    { ...keyQuery(inquiryDraft.queries.ofPeriod(period)), ConsistentRead: true },
    limit,
    cursor,
    DRAFT_PAGE_BYTES,
  );
}

export async function resultsOf(period: string): Promise<ItemResult[]> {
  const rows = await queryAll<ItemResult & { period: string }>(
    keyQuery(evaluationResult.queries.ofPeriod(period)),
  );
  return rows.map(({ period: _p, ...rest }) => rest);
}

// ---------------------------------------------------------------------------------------------
// The sharded run (functions/app/evaluation.ts): chunk scores, tallies, outcomes, results

/** Working records of a run expire a week after it (TTL): a run lasts minutes. */
export const RUN_RECORD_DAYS = 7;
const expiresAt = () => Math.floor(Date.now() / 1000) + RUN_RECORD_DAYS * 86_400;

/** An item's score as the first pass found it, with the keys its lapses are recorded under. */
export interface StagedScore extends ItemScore {
  /** The lapse key of the first overdue milestone, if any; of the deadline, if missed. */
  readonly overdueKey?: string;
  readonly deadlineKey?: string;
}

export interface ChunkOutcome {
  items: number;
  /** The items the chunk evaluated (at most MAX_CHUNK_SIZE ids of ≤ 64 characters: < 400 KB). */
  itemIds: string[];
  flagged: Record<string, number>;
  inquiriesIssued: number;
  draftsProposed: number;
}

/** Stores chunk n's scores and tally; a retried chunk writes the same records again. */
export async function stageChunk(
  period: string,
  run: string,
  chunk: number,
  scores: readonly StagedScore[],
  tally: ScoreTally,
): Promise<void> {
  const ttl = expiresAt();
  await batchWrite([
    ...scores.map((s) => ({
      PutRequest: { Item: rowOf(evaluationRunScore, { period, run, chunk, ...s }, { ...s, expiresAt: ttl }) },
    })),
    {
      PutRequest: {
        Item: rowOf(evaluationRunTally, { period, run, chunk }, { expiresAt: ttl, tally }),
      },
    },
  ]);
}

export async function stagedScores(period: string, run: string, chunk: number): Promise<StagedScore[]> {
  const rows = await queryAll<StagedScore & { expiresAt: number }>({
    ...keyQuery(evaluationRunScore.queries.ofChunk(period, run, chunk)),
    ConsistentRead: true,
  });
  return rows.map(({ expiresAt: _e, ...s }) => s);
}

/** The tallies of a run's chunks, in chunk order. */
export async function chunkTallies(period: string, run: string): Promise<ScoreTally[]> {
  const rows = await queryAll<{ tally: ScoreTally }>({
    ...keyQuery(evaluationRunTally.queries.ofRun(period, run)),
    ConsistentRead: true,
  });
  return rows.map((r) => r.tally);
}

/** The run's merged tally and the number of chunks it merged, once the first chunk stored it. */
export async function mergedTally(
  period: string,
  run: string,
): Promise<{ chunks: number; tally: ScoreTally } | undefined> {
  const res = await documentClient().send(
    new GetCommand({
      TableName: mainTableName(),
      Key: evaluationRunMergedTally.key({ period, run }),
      ConsistentRead: true,
    }),
  );
  return res.Item ? { chunks: res.Item.chunks as number, tally: res.Item.tally as ScoreTally } : undefined;
}

/**
 * Stores the run's merged tally unless a chunk ranked at the same time stored it first (the
 * merge of the same tallies: the same record).
 */
export async function putMergedTally(
  period: string,
  run: string,
  chunks: number,
  tally: ScoreTally,
): Promise<void> {
  try {
    await documentClient().send(
      new PutCommand({
        TableName: mainTableName(),
        Item: rowOf(evaluationRunMergedTally, { period, run }, { expiresAt: expiresAt(), chunks, tally }),
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (err) {
    if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
  }
}

export async function putChunkOutcome(
  period: string,
  run: string,
  chunk: number,
  outcome: ChunkOutcome,
): Promise<void> {
  await documentClient().send(
    new PutCommand({
      TableName: mainTableName(),
      Item: rowOf(evaluationRunOutcome, { period, run, chunk }, { expiresAt: expiresAt(), ...outcome }),
    }),
  );
}

export async function chunkOutcomes(period: string, run: string): Promise<ChunkOutcome[]> {
  const rows = await queryAll<ChunkOutcome & { expiresAt: number }>({
    ...keyQuery(evaluationRunOutcome.queries.ofRun(period, run)),
    ConsistentRead: true,
  });
  return rows.map(({ expiresAt: _e, ...o }) => o);
}

/** The previous period's results of these items, in ceil(n / 100) requests. */
export async function previousResultsOf(
  period: string,
  itemIds: readonly string[],
): Promise<Map<string, ItemResult>> {
  const rows = await getRecords<ItemResult>(
    itemIds.map((itemId) => evaluationResult.key({ period, itemId })),
  );
  return new Map(rows.flatMap((r) => (r ? [[r.itemId, r] as const] : [])));
}

/** Records that `run` writes results of the period (before it writes them; again on a retry). */
export async function addResultRun(period: string, run: string): Promise<void> {
  await documentClient().send(
    new UpdateCommand({
      TableName: mainTableName(),
      Key: evaluationResultRuns.key({ period }),
      UpdateExpression: 'ADD #runs :run',
      ExpressionAttributeNames: { '#runs': 'runs' },
      ExpressionAttributeValues: { ':run': new Set([run]) },
    }),
  );
}

/** Writes results of one chunk of a run: keyed by period and item, the same on a retry. */
export async function putResults(period: string, results: readonly ItemResult[]): Promise<void> {
  await batchWrite(
    results.map((r) => ({
      PutRequest: {
        Item: rowOf(evaluationResult, { period, ...r }),
      },
    })),
  );
}

/**
 * The period's unit rankings, and the end of a run's results: rows an earlier run wrote for
 * items this run did not evaluate (they left the active statuses) are deleted, so the period
 * holds one run's results. Two runs of a period at once evaluate the same items: neither
 * deletes the other's rows.
 */
export async function finishResults(
  period: string,
  run: string,
  evaluated: ReadonlySet<string>,
  units: readonly UnitRanking[],
): Promise<void> {
  // Only this run ever wrote results of the period (the runs recorded, and no summary of an
  // earlier run): every row is its own, none to clear, and the period's results are not read
  // back (that read was the run's one step that grew faster than its items on DynamoDB Local:
  // 100k items 19.5 s against 0.33 s at 10k; on DynamoDB, a read of every result).
  const [writers, summary] = await getRecords<{ runs?: Set<string> }>([
    evaluationResultRuns.key({ period }),
    evaluationSummary.key({ period }),
  ]);
  const runs = writers?.runs ?? new Set<string>();
  const onlyThisRun = runs.size === 1 && runs.has(run) && summary === undefined;
  const rows = onlyThisRun
    ? []
    : await queryAll<{ itemId: string }>({
        ...keyQuery(evaluationResult.queries.ofPeriod(period)),
        ProjectionExpression: 'itemId',
      });
  await batchWrite([
    { PutRequest: { Item: rowOf(evaluationUnits, { period, units }) } },
    ...rows
      .filter((r) => !evaluated.has(r.itemId))
      .map((r) => ({ DeleteRequest: { Key: evaluationResult.key({ period, itemId: r.itemId }) } })),
  ]);
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
