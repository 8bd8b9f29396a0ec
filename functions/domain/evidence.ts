/**
 * Evidence files (issue 13): photos and documents that progress and completion reports carry.
 * The API hands out a presigned POST form per file (an exact key under the item's prefix, a
 * type from the allowlist, a declared size limit, a short expiry), records the file as
 * `issued`, confirms it `stored` once the object is there as declared, and a report may then
 * reference it. Pure rules: no AWS import.
 */
import * as z from 'zod/mini';
import { RuleViolation } from './errors.ts';
import { EvidenceRef, FileBytes, Id, IsoDateTime, Line, NUMBER_LIMITS } from './model.ts';

export { FileIds, MAX_FILES_PER_REPORT, referencedFiles } from './evidence-refs.ts';
export { EvidenceRef };

/** The largest evidence file: 20 MiB (a phone photo, a scanned document). */
export const EVIDENCE_MAX_BYTES = NUMBER_LIMITS.fileBytes.max;
/** How long an upload form is valid. */
export const UPLOAD_FORM_SECONDS = 10 * 60;
/**
 * How long after its form an issued file may be confirmed: the form's 10 minutes and an upload
 * of 20 MiB on a slow link. Later the confirmation is refused (`evidence.upload_expired`), the
 * record expires through the table's TTL and the uploaded object through the bucket's lifecycle
 * (`uploads/`, a day): an upload never confirmed leaves nothing behind.
 */
export const UPLOAD_CONFIRM_SECONDS = 60 * 60;
/** Where the browser uploads (the bucket expires it, buckets.ts `UPLOADS_PREFIX`). */
export const UPLOADS_PREFIX = 'uploads/';
/** How long a download link is valid. */
export const DOWNLOAD_LINK_SECONDS = 5 * 60;

/** The types an evidence file may have, with the extension its stored name gets. */
export const EVIDENCE_TYPES = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
} as const;
export type EvidenceType = keyof typeof EVIDENCE_TYPES;
export const EVIDENCE_TYPE_LIST = Object.keys(EVIDENCE_TYPES) as [EvidenceType, ...EvidenceType[]];

export const isEvidenceType = (t: string): t is EvidenceType => Object.hasOwn(EVIDENCE_TYPES, t);

/** An evidence file's id (made by the API: `file-<time><random>`). */
export const FileId = Id;

/** What the uploader declares before the form is signed. */
export const EvidenceUploadInput = z.strictObject({
  get name() {
    return Line(200);
  },
  get contentType() {
    return z.enum(EVIDENCE_TYPE_LIST, { error: 'a JPEG, PNG or WebP image, a PDF, DOCX or XLSX file' });
  },
  size: FileBytes,
});
export type EvidenceUploadInput = z.infer<typeof EvidenceUploadInput>;

export const EvidenceStatus = z.enum(['issued', 'stored']);

/** The record of an evidence file, in its item's partition (keys.ts `evidenceFile`). */
export const EvidenceFile = z.object({
  itemId: Id,
  fileId: FileId,
  /** The object key once stored: `items/<itemId>/<fileId>/<sanitised name>`. */
  get key() {
    return z.string();
  },
  /**
   * Where the form uploads: `uploads/<itemId>/<fileId>/<sanitised name>`, copied to `key` at
   * confirmation (absent on records issued before uploads had their own prefix: uploaded to `key`).
   */
  get uploadKey() {
    return z.optional(z.string());
  },
  get name() {
    return z.string();
  },
  get contentType() {
    return z.enum(EVIDENCE_TYPE_LIST);
  },
  get size() {
    return z.number().check(z.int());
  },
  status: EvidenceStatus,
  issuedAt: IsoDateTime,
  get issuedBy() {
    return z.string();
  },
  get storedAt() {
    return z.optional(IsoDateTime);
  },
  /** Issued: confirmed by then or never (the record's TTL); a stored file has none. */
  get confirmBy() {
    return z.optional(IsoDateTime);
  },
  get version() {
    return z.number().check(z.int(), z.gte(0));
  },
});
export type EvidenceFile = z.infer<typeof EvidenceFile>;

/** A file as the API answers it (no key, no bookkeeping). */
export const EvidenceFileView = z.extend(EvidenceRef, {
  itemId: Id,
  status: EvidenceStatus,
  issuedAt: IsoDateTime,
  get storedAt() {
    return z.optional(IsoDateTime);
  },
});
export type EvidenceFileView = z.infer<typeof EvidenceFileView>;

export const toEvidenceFileView = (f: EvidenceFile): EvidenceFileView => ({
  fileId: f.fileId,
  itemId: f.itemId,
  name: f.name,
  contentType: f.contentType,
  size: f.size,
  status: f.status,
  issuedAt: f.issuedAt,
  ...(f.storedAt ? { storedAt: f.storedAt } : {}),
});

/**
 * A file name as the object key holds it: NFC, the last path segment only, letters (any
 * script), digits, `.`, `-`, `_` kept, everything else (spaces, control, bidi, slashes,
 * quotes) one `_`; at most 100 characters before the extension, which is always the
 * declared type's own (`x.html` declared as a PNG is stored as `x_html.png`).
 */
export function sanitiseFileName(name: string, contentType: EvidenceType): string {
  const ext = EVIDENCE_TYPES[contentType];
  const last = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const dot = last.lastIndexOf('.');
  const stemRaw = dot > 0 && last.slice(dot + 1).toLowerCase() === ext ? last.slice(0, dot) : last;
  const stem = [...stemRaw.replace(/[^\p{L}\p{N}_-]+/gu, '_').replace(/^[_.]+|_+$/g, '')]
    .slice(0, 100)
    .join('');
  return `${stem || 'file'}.${ext}`;
}

/** The object key of an evidence file. */
export const evidenceKey = (itemId: string, fileId: string, name: string, contentType: EvidenceType) =>
  `items/${itemId}/${fileId}/${sanitiseFileName(name, contentType)}`;

/** The key the upload form is for: under the expiring uploads prefix. */
export const evidenceUploadKey = (itemId: string, fileId: string, name: string, contentType: EvidenceType) =>
  `${UPLOADS_PREFIX}${itemId}/${fileId}/${sanitiseFileName(name, contentType)}`;

/** The confirmation deadline of a file issued at `issuedAt`. */
export const confirmDeadline = (issuedAt: string): string =>
  new Date(new Date(issuedAt).getTime() + UPLOAD_CONFIRM_SECONDS * 1000).toISOString();

/**
 * An issued file confirmed at `at` after its deadline is refused: its form is long expired,
 * its record and object are (or soon will be) gone; the uploader asks for a new form.
 */
export function confirmationTooLate(
  file: Pick<EvidenceFile, 'fileId' | 'issuedAt' | 'confirmBy'>,
  at: Date,
): RuleViolation | undefined {
  const deadline = file.confirmBy ?? confirmDeadline(file.issuedAt);
  if (at.getTime() <= new Date(deadline).getTime()) return undefined;
  return new RuleViolation(
    'evidence.upload_expired',
    `file ${file.fileId} had to be confirmed by ${deadline}: ask for a new upload form`,
    [{ path: 'fileId', message: `not confirmed within ${UPLOAD_CONFIRM_SECONDS / 60} minutes of its form` }],
  );
}

/** The file recorded stored at `at`: no deadline any more (nor the record's expiry). */
export function storedFile(file: EvidenceFile, at: string): EvidenceFile {
  const { confirmBy: _deadline, ...rest } = file;
  return { ...rest, status: 'stored', storedAt: at };
}

/** The conditions of an upload form: the exact key, the declared type, sizes up to the maximum. */
export function uploadConditions(key: string, contentType: EvidenceType, maxBytes = EVIDENCE_MAX_BYTES) {
  return [
    ['eq', '$key', key],
    ['eq', '$Content-Type', contentType],
    ['content-length-range', 1, maxBytes],
  ] as const;
}

/**
 * The object as found at confirmation against what was declared: S3 enforces the form's
 * conditions; checked again so that a store that does not (an emulator) or a changed object
 * is refused the same way.
 */
export function storedAsDeclared(
  file: Pick<EvidenceFile, 'fileId' | 'size' | 'contentType'>,
  found: { size: number | undefined; contentType: string | undefined },
): RuleViolation | undefined {
  if (found.size === undefined || found.size > EVIDENCE_MAX_BYTES || found.size !== file.size) {
    return new RuleViolation(
      'evidence.size_mismatch',
      `file ${file.fileId} holds ${found.size ?? 'no'} bytes; ${file.size} were declared (at most ${EVIDENCE_MAX_BYTES})`,
      [{ path: 'size', message: 'the uploaded object differs from the declared size' }],
    );
  }
  const type = found.contentType?.split(';')[0]?.trim().toLowerCase();
  if (type !== file.contentType) {
    return new RuleViolation(
      'evidence.type_mismatch',
      `file ${file.fileId} is ${type ?? 'of no type'}; ${file.contentType} was declared`,
      [{ path: 'contentType', message: 'the uploaded object differs from the declared type' }],
    );
  }
  return undefined;
}
