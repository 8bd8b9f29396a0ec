/**
 * Evidence files (issue 13), in the Documents function: the upload form (a presigned POST for
 * one exact key under the expiring `uploads/` prefix; the record `issued`, expiring through
 * the table's TTL), its confirmation within the window (HeadObject: the object is there, of
 * the declared size and type; copied to its key under the item's prefix, checked again there;
 * recorded `stored`, audited on the item's trail), the item's stored files, and the
 * download link (a presigned GET, to those who may read the item's evidence). Reports
 * reference stored files by id (commands/work.ts, checked in the command's own read).
 */

import type { Page } from '#data/db.ts';
import { UnitOfWork } from '#data/db.ts';
import { createEvidenceFile, findEvidenceFile, listStoredFiles, saveEvidenceFile } from '#data/evidence.ts';
import { findItem, getItem, saveItem } from '#data/items.ts';
import { readsEvidence, requireItemActor } from '#domain/access.ts';
import { NotFound, RuleViolation } from '#domain/errors.ts';
import {
  confirmationTooLate,
  confirmDeadline,
  DOWNLOAD_LINK_SECONDS,
  EVIDENCE_MAX_BYTES,
  type EvidenceFile,
  type EvidenceFileView,
  EvidenceUploadInput,
  evidenceKey,
  evidenceUploadKey,
  storedAsDeclared,
  storedFile,
  toEvidenceFileView,
  UPLOAD_FORM_SECONDS,
  uploadConditions,
} from '#domain/evidence.ts';
import type { Actor } from '#domain/model.ts';
import { now } from '#lib/clock.ts';
import { newId } from '#lib/ids.ts';
import { copyObject, downloadLink, headObject, uploadForm } from './storage.ts';
import { isoNow, parse, withRetry } from './support.ts';

export interface UploadFormAnswer {
  readonly fileId: string;
  /** POST the form here (multipart/form-data): every field of `fields`, then `file` last. */
  readonly url: string;
  readonly fields: Record<string, string>;
  readonly expiresAt: string;
  readonly maxBytes: number;
  readonly file: EvidenceFileView;
}

/** Whoever may report progress or completion on the item gets an upload form for it. */
export async function issueUploadForm(
  actor: Actor,
  itemId: string,
  input: unknown,
): Promise<UploadFormAnswer> {
  const v = parse(EvidenceUploadInput, input);
  const item = await getItem(itemId);
  requireItemActor(actor, item);
  if (item.status !== 'in_progress') {
    throw new RuleViolation(
      'evidence.item_not_in_progress',
      `item ${itemId} is ${item.status}: evidence is uploaded for progress and completion reports of an item in progress`,
    );
  }
  const fileId = newId('file');
  const key = evidenceKey(itemId, fileId, v.name, v.contentType);
  const uploadKey = evidenceUploadKey(itemId, fileId, v.name, v.contentType);
  const at = isoNow();
  const form = await uploadForm(
    uploadKey,
    v.contentType,
    uploadConditions(uploadKey, v.contentType),
    UPLOAD_FORM_SECONDS,
  );
  const file: EvidenceFile = {
    itemId,
    fileId,
    key,
    uploadKey,
    name: v.name,
    contentType: v.contentType,
    size: v.size,
    status: 'issued',
    issuedAt: at,
    issuedBy: actor.sub,
    confirmBy: confirmDeadline(at),
    version: 0,
  };
  const uow = new UnitOfWork();
  createEvidenceFile(uow, file);
  await uow.commit();
  return {
    fileId,
    url: form.url,
    fields: form.fields,
    expiresAt: new Date(now().getTime() + UPLOAD_FORM_SECONDS * 1000).toISOString(),
    maxBytes: EVIDENCE_MAX_BYTES,
    file: toEvidenceFileView(file),
  };
}

/**
 * The uploader confirms the upload within the window (else 422 `evidence.upload_expired`): the
 * object must be there as declared (S3 enforces the form's conditions; checked again here, so
 * a store that does not — s3rver — refuses the same), it is copied to its stored key and the
 * copy checked again (the form is still valid: the upload may have been replaced meanwhile).
 * Recorded `stored` (without expiry) with an `evidence.stored` event on the item's trail;
 * confirming a stored file again answers it unchanged.
 */
export async function confirmUpload(actor: Actor, itemId: string, fileId: string): Promise<EvidenceFileView> {
  return withRetry(async () => {
    const item = await getItem(itemId);
    requireItemActor(actor, item);
    const file = await findEvidenceFile(itemId, fileId);
    if (!file) throw new NotFound('evidence', fileId);
    if (file.status === 'stored') return toEvidenceFileView(file);
    const late = confirmationTooLate(file, now());
    if (late) throw late;
    const from = file.uploadKey ?? file.key;
    const found = await headObject(from);
    if (!found) {
      throw new RuleViolation('evidence.not_uploaded', `nothing has been uploaded for file ${fileId}`);
    }
    const wrong = storedAsDeclared(file, found);
    if (wrong) throw wrong;
    if (from !== file.key) {
      await copyObject(from, file.key);
      const copied = await headObject(file.key);
      const changed = copied
        ? storedAsDeclared(file, copied)
        : new RuleViolation('evidence.not_uploaded', `nothing has been uploaded for file ${fileId}`);
      if (changed) throw changed;
    }
    const at = isoNow();
    const uow = new UnitOfWork();
    const saved = saveEvidenceFile(uow, file, storedFile(file, at));
    saveItem(uow, item, { ...item, updatedAt: at }, [
      {
        type: 'evidence.stored',
        actor,
        data: { fileId, name: file.name, contentType: file.contentType, size: file.size },
      },
    ]);
    await uow.commit();
    return toEvidenceFileView(saved);
  });
}

/**
 * A page of the item's stored files (issued ones are the uploader's unfinished business: its
 * form answered them; they are listed to nobody), to those who may read the item's evidence;
 * to anyone else the item has no files to show: 404, as for the download.
 */
export async function listItemFiles(
  reader: Actor,
  itemId: string,
  limit: number,
  cursor?: string,
): Promise<Page<EvidenceFileView>> {
  const item = await findItem(itemId);
  if (!item || !readsEvidence(reader, item)) throw new NotFound('item', itemId);
  const page = await listStoredFiles(itemId, limit, cursor);
  return { ...page, items: page.items.map(toEvidenceFileView) };
}

export interface DownloadAnswer extends EvidenceFileView {
  /** A presigned GET of the file, valid until `expiresAt`. */
  readonly url: string;
  readonly expiresAt: string;
}

/**
 * A short-lived link to a stored file, for those who may read the item's evidence; to anyone
 * else (and for a file not stored) the file does not exist.
 */
export async function evidenceDownload(
  reader: Actor,
  itemId: string,
  fileId: string,
): Promise<DownloadAnswer> {
  const item = await findItem(itemId);
  if (!item || !readsEvidence(reader, item)) throw new NotFound('evidence', fileId);
  const file = await findEvidenceFile(itemId, fileId);
  if (file?.status !== 'stored') throw new NotFound('evidence', fileId);
  const url = await downloadLink(file.key, file.name, file.contentType, DOWNLOAD_LINK_SECONDS);
  return {
    ...toEvidenceFileView(file),
    url,
    expiresAt: new Date(now().getTime() + DOWNLOAD_LINK_SECONDS * 1000).toISOString(),
  };
}
