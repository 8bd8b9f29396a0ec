/**
 * What a report needs of evidence files (commands/work.ts, in ApiWrite, whose bundle has no
 * room to spare): the bounded list of ids its input takes and the check of the records read
 * beside the item. Kept apart from evidence.ts (the upload rules, Documents only). A repeated
 * id reads the same record and is listed once.
 */
import * as z from 'zod/mini';
import { RuleViolation } from './errors.ts';
import { type EvidenceRef, Id } from './model.ts';

/** The most files one report references. */
export const MAX_FILES_PER_REPORT = 10;

export const FileIds = z.array(Id).check(z.maxLength(MAX_FILES_PER_REPORT));

/**
 * The files a report references, as read beside the item: each a stored file of that item
 * (422 `evidence.unknown_file` or `evidence.not_stored`, naming `files.<i>`); answers them as
 * the report carries them.
 */
export function referencedFiles(
  itemId: string,
  fileIds: readonly string[],
  found: readonly ((EvidenceRef & { itemId: string; status: string }) | undefined)[],
): EvidenceRef[] {
  const out = new Map<string, EvidenceRef>();
  fileIds.forEach((fileId, i) => {
    const f = found[i];
    const wrong = f?.itemId !== itemId ? 'unknown_file' : f.status !== 'stored' ? 'not_stored' : '';
    if (wrong)
      throw new RuleViolation(`evidence.${wrong}`, `file ${fileId}: ${wrong}`, [
        { path: `files.${i}`, message: wrong },
      ]);
    out.set(fileId, { fileId, name: f!.name, contentType: f!.contentType, size: f!.size });
  });
  return [...out.values()];
}
