/**
 * Evidence files of an item, in its partition (keys.ts: `evidenceFile`). An issued file carries
 * the table's TTL attribute (tables.ts `timeToLiveAttribute`, epoch seconds) at its confirmation
 * deadline, so a form never confirmed leaves no record; the stored file is written without it.
 */
import type { EvidenceFile } from '#domain/evidence.ts';
import { mainTable } from '#resources/tables.ts';
import { getRecord, keyQuery, type Page, queryPage, type Row, type UnitOfWork } from './db.ts';
import { evidenceFile as fileKeys, rowOf } from './keys.ts';

export const evidenceFileKey = (itemId: string, fileId: string) => fileKeys.key({ itemId, fileId });

const ttlAttribute = mainTable.timeToLiveAttribute ?? 'expiresAt';

/** The record without its TTL attribute (storage, not the record). */
function withoutTtl(row: EvidenceFile): EvidenceFile {
  const { [ttlAttribute]: _ttl, ...rest } = row as EvidenceFile & Record<string, unknown>;
  return rest as EvidenceFile;
}

/** The row of a file: an issued one expires at its confirmation deadline. */
function fileRow(file: EvidenceFile): Row {
  const attributes =
    file.status === 'issued' && file.confirmBy
      ? { ...file, [ttlAttribute]: Math.floor(new Date(file.confirmBy).getTime() / 1000) }
      : file;
  return rowOf(fileKeys, file, attributes);
}

export async function findEvidenceFile(itemId: string, fileId: string): Promise<EvidenceFile | undefined> {
  const file = await getRecord<EvidenceFile>(evidenceFileKey(itemId, fileId));
  return file && withoutTtl(file);
}

/**
 * A page (≤ `limit`) of an item's stored files, oldest first (file ids are time-ordered to the millisecond): one
 * Query of the item's partition, `FILE#` prefix, issued files filtered out.
 */
export async function listStoredFiles(
  itemId: string,
  limit: number,
  cursor?: string,
): Promise<Page<EvidenceFile>> {
  const q = keyQuery(fileKeys.queries.ofItem(itemId));
  const page = await queryPage<EvidenceFile>(
    {
      ...q,
      FilterExpression: '#status = :stored',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ...q.ExpressionAttributeValues, ':stored': 'stored' },
    },
    limit,
    cursor,
  );
  return { ...page, items: page.items.map(withoutTtl) };
}

/** A new file record (its id is new: a second create of it is a defect, refused). */
export function createEvidenceFile(uow: UnitOfWork, file: EvidenceFile): void {
  uow.create(fileRow(file), `evidence ${file.fileId}`);
}

/** Saves a changed file record if nobody changed it since `before` was read. */
export function saveEvidenceFile(uow: UnitOfWork, before: EvidenceFile, after: EvidenceFile): EvidenceFile {
  const saved = { ...after, version: before.version + 1 };
  uow.replace(fileRow(saved) as Row & { version: number }, before.version, `evidence ${before.fileId}`);
  return saved;
}
