/** Evidence files of an item, in its partition (keys.ts: `evidenceFile`). */
import type { EvidenceFile } from '#domain/evidence.ts';
import { getRecord, type Row, type UnitOfWork } from './db.ts';
import { evidenceFile as fileKeys, rowOf } from './keys.ts';

export const evidenceFileKey = (itemId: string, fileId: string) => fileKeys.key({ itemId, fileId });

export function findEvidenceFile(itemId: string, fileId: string): Promise<EvidenceFile | undefined> {
  return getRecord<EvidenceFile>(evidenceFileKey(itemId, fileId));
}

/** A new file record (its id is new: a second create of it is a defect, refused). */
export function createEvidenceFile(uow: UnitOfWork, file: EvidenceFile): void {
  uow.create(rowOf(fileKeys, file), `evidence ${file.fileId}`);
}

/** Saves a changed file record if nobody changed it since `before` was read. */
export function saveEvidenceFile(uow: UnitOfWork, before: EvidenceFile, after: EvidenceFile): EvidenceFile {
  const saved = { ...after, version: before.version + 1 };
  uow.replace(
    rowOf(fileKeys, saved) as Row & { version: number },
    before.version,
    `evidence ${before.fileId}`,
  );
  return saved;
}
