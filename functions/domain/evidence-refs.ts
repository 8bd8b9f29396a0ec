/**
 * What a report needs of evidence files (commands/work.ts, in ApiWrite): the bounded list of
 * ids its input takes and the check of the records read beside the item. Kept apart from
 * evidence.ts (the upload rules, Documents only) so the write bundle carries only this.
 */
import * as z from 'zod';
import { RuleViolation } from './errors.ts';
import { type EvidenceRef, Id } from './model.ts';

/** The most files one report references. */
export const MAX_FILES_PER_REPORT = 10;

/** The stored fields the check reads (an EvidenceFile record). */
interface FileRecord {
  readonly itemId: string;
  readonly fileId: string;
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly status: string;
}

/**
 * The files a report references, as read beside the item: each must be a stored file of that
 * item; answers them as the report carries them, or throws 422 naming the first wrong one.
 */
export function referencedFiles(
  itemId: string,
  fileIds: readonly string[],
  found: readonly (FileRecord | undefined)[],
  field = 'files',
): EvidenceRef[] {
  return fileIds.map((fileId, i) => {
    const f = found[i];
    if (!f || f.itemId !== itemId) {
      throw new RuleViolation(
        'evidence.unknown_file',
        `file ${fileId} is not an evidence file of item ${itemId}`,
        [{ path: `${field}.${i}`, message: 'not a file of this item' }],
      );
    }
    if (f.status !== 'stored') {
      throw new RuleViolation('evidence.not_stored', `file ${fileId} has not been confirmed as uploaded`, [
        { path: `${field}.${i}`, message: 'confirm the upload first' },
      ]);
    }
    return { fileId: f.fileId, name: f.name, contentType: f.contentType, size: f.size };
  });
}

/** A bounded list of distinct file ids, as report inputs take it. */
export const FileIds = z
  .array(Id)
  .max(MAX_FILES_PER_REPORT)
  .refine((ids) => new Set(ids).size === ids.length, 'a file appears once in a report');
