import { describe, expect, it } from 'vitest';
import type { RuleViolation } from '../../../functions/domain/errors.ts';
import {
  confirmationTooLate,
  confirmDeadline,
  EVIDENCE_MAX_BYTES,
  type EvidenceFile,
  EvidenceUploadInput,
  evidenceKey,
  evidenceUploadKey,
  FileIds,
  isEvidenceType,
  referencedFiles,
  sanitiseFileName,
  storedAsDeclared,
  storedFile,
  UPLOAD_CONFIRM_SECONDS,
  UPLOADS_PREFIX,
  uploadConditions,
} from '../../../functions/domain/evidence.ts';
import { UPLOADS_PREFIX as BUCKET_UPLOADS_PREFIX, evidenceBucket } from '../../../infra/resources/buckets.ts';

describe('evidence file names and keys', () => {
  it.each([
    ['现场照片.jpg', 'image/jpeg', '现场照片.jpg'],
    ['../../etc/passwd', 'application/pdf', 'passwd.pdf'],
    ['C:\\Users\\a\\报告 终稿 (2).PDF', 'application/pdf', '报告_终稿_2.pdf'],
    ['x.html', 'image/png', 'x_html.png'],
    ['\u202Eevil\u0000.png', 'image/png', 'evil.png'],
    ['...', 'image/webp', 'file.webp'],
    [
      'e\u0301te\u0301.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'été.docx',
    ],
  ] as const)('%j as %s → %s', (name, type, expected) => {
    expect(sanitiseFileName(name, type)).toBe(expected);
  });

  it('keeps at most 100 characters before the extension, under the item and file prefix', () => {
    const key = evidenceKey('2022-T-1', 'file-1', `${'长'.repeat(300)}.jpg`, 'image/jpeg');
    expect(key).toBe(`items/2022-T-1/file-1/${'长'.repeat(100)}.jpg`);
  });

  it('signs exactly the key, the type and the size range', () => {
    expect(uploadConditions('items/i/f/a.pdf', 'application/pdf')).toEqual([
      ['eq', '$key', 'items/i/f/a.pdf'],
      ['eq', '$Content-Type', 'application/pdf'],
      ['content-length-range', 1, EVIDENCE_MAX_BYTES],
    ]);
  });
});

describe('uploads expire unless confirmed', () => {
  const issued: EvidenceFile = {
    itemId: '2022-T-1',
    fileId: 'file-1',
    key: 'items/2022-T-1/file-1/a.png',
    uploadKey: 'uploads/2022-T-1/file-1/a.png',
    name: 'a.png',
    contentType: 'image/png',
    size: 4,
    status: 'issued',
    issuedAt: '2022-07-01T01:00:00.000Z',
    issuedBy: 'p-1',
    confirmBy: confirmDeadline('2022-07-01T01:00:00.000Z'),
    version: 0,
  };

  it('the form uploads under the prefix the bucket expires, the file is stored under the item', () => {
    expect(UPLOADS_PREFIX).toBe(BUCKET_UPLOADS_PREFIX);
    expect(evidenceBucket.lifecycle.expire).toContainEqual(
      expect.objectContaining({ prefix: UPLOADS_PREFIX, days: 1 }),
    );
    expect(evidenceUploadKey('2022-T-1', 'file-1', 'a b.png', 'image/png')).toBe(
      'uploads/2022-T-1/file-1/a_b.png',
    );
    expect(evidenceKey('2022-T-1', 'file-1', 'a b.png', 'image/png')).toBe('items/2022-T-1/file-1/a_b.png');
  });

  it('an hour after the form, and not a second more', () => {
    expect(UPLOAD_CONFIRM_SECONDS).toBe(3600);
    expect(issued.confirmBy).toBe('2022-07-01T02:00:00.000Z');
    expect(confirmationTooLate(issued, new Date('2022-07-01T01:59:59.999Z'))).toBeUndefined();
    expect(confirmationTooLate(issued, new Date('2022-07-01T02:00:00.000Z'))).toBeUndefined();
    const late = confirmationTooLate(issued, new Date('2022-07-01T02:00:00.001Z'));
    expect(late?.rule).toBe('evidence.upload_expired');
    expect(late?.details).toEqual([expect.objectContaining({ path: 'fileId' })]);
  });

  it('a record issued without a deadline has the same window from its issue', () => {
    const { confirmBy: _c, ...old } = issued;
    expect(confirmationTooLate(old, new Date('2022-07-01T02:00:00.000Z'))).toBeUndefined();
    expect(confirmationTooLate(old, new Date('2022-07-01T02:00:01.000Z'))?.rule).toBe(
      'evidence.upload_expired',
    );
  });

  it('stored, the file keeps no deadline', () => {
    const stored = storedFile(issued, '2022-07-01T01:05:00.000Z');
    expect(stored).toMatchObject({ status: 'stored', storedAt: '2022-07-01T01:05:00.000Z', key: issued.key });
    expect(stored).not.toHaveProperty('confirmBy');
  });
});

describe('the allowlist and the declared size', () => {
  it('takes images, PDF, DOCX and XLSX up to the maximum; nothing else', () => {
    expect(isEvidenceType('image/jpeg')).toBe(true);
    expect(isEvidenceType('text/html')).toBe(false);
    expect(isEvidenceType('toString')).toBe(false);
    const ok = { name: 'a.pdf', contentType: 'application/pdf', size: EVIDENCE_MAX_BYTES };
    expect(EvidenceUploadInput.safeParse(ok).success).toBe(true);
    expect(EvidenceUploadInput.safeParse({ ...ok, size: EVIDENCE_MAX_BYTES + 1 }).success).toBe(false);
    expect(EvidenceUploadInput.safeParse({ ...ok, size: 0 }).success).toBe(false);
    expect(EvidenceUploadInput.safeParse({ ...ok, contentType: 'image/svg+xml' }).success).toBe(false);
  });

  it('the object found must be as declared', () => {
    const file = { fileId: 'f', size: 10, contentType: 'image/png' as const };
    expect(storedAsDeclared(file, { size: 10, contentType: 'image/png' })).toBeUndefined();
    expect(storedAsDeclared(file, { size: 11, contentType: 'image/png' })?.code).toBe(
      'evidence.size_mismatch',
    );
    expect(storedAsDeclared(file, { size: 10, contentType: 'text/html' })?.code).toBe(
      'evidence.type_mismatch',
    );
    expect(storedAsDeclared(file, { size: 10, contentType: undefined })?.code).toBe('evidence.type_mismatch');
  });
});

describe('files a report references', () => {
  const stored = {
    itemId: 'i',
    fileId: 'f1',
    name: 'a.png',
    contentType: 'image/png',
    size: 3,
    status: 'stored',
  };
  it('are stored files of the item, at most ten, each once', () => {
    expect(referencedFiles('i', ['f1'], [stored])).toEqual([
      { fileId: 'f1', name: 'a.png', contentType: 'image/png', size: 3 },
    ]);
    const wrong = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e as RuleViolation;
      }
      throw new Error('accepted');
    };
    expect(wrong(() => referencedFiles('j', ['f1'], [stored])).code).toBe('evidence.unknown_file');
    expect(wrong(() => referencedFiles('i', ['f1', 'f2'], [stored, undefined])).details[0]?.path).toBe(
      'files.1',
    );
    expect(wrong(() => referencedFiles('i', ['f1'], [{ ...stored, status: 'issued' }])).code).toBe(
      'evidence.not_stored',
    );
    // A repeated id is the same file, listed once.
    expect(referencedFiles('i', ['f1', 'f1'], [stored, stored])).toHaveLength(1);
    expect(FileIds.safeParse(Array.from({ length: 11 }, (_, i) => `f${i}`)).success).toBe(false);
  });
});
