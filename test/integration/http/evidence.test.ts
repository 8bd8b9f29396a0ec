/**
 * Evidence files end to end over real HTTP (local gateway, DynamoDB Local, the local engine)
 * and a local S3 (s3rver, started by the test's runtime), issue 13: an upload form → the
 * browser's multipart POST (fetch + FormData) → confirmation → a progress report referencing
 * it → the download link gives the same bytes; the signed POST policy holds the exact key,
 * the type and the size range (s3rver does not enforce it: the confirmation checks size and
 * type itself); wrong type or oversize refused; another unit gets 404; a report referencing
 * another item's file or an unconfirmed one is a 422; a large export handed out as a link.
 * Uploads go under `uploads/` (the bucket expires them) and the confirmation copies them to
 * `items/`; an issued record carries the table's TTL, a stored one not; a confirmation after the
 * window is a 422; the item's files list only stored ones, to those who may download them.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_INLINE_ENV } from '../../../functions/app/exports.ts';
import { documentClient, mainTableName } from '../../../functions/data/db.ts';
import { evidenceFileKey } from '../../../functions/data/evidence.ts';
import { EVIDENCE_MAX_BYTES, UPLOAD_CONFIRM_SECONDS } from '../../../functions/domain/evidence.ts';
import { checkResponse } from '../../support/contract.ts';
import { Api, type HttpStack, showReply, startHttpStack, tokenFor } from '../../support/http.ts';

let stack: HttpStack;
let api: Api;
let itemId: string;
let otherItemId: string;
const unit = () => tokenFor('unit', { unitId: 'meilin' });

beforeAll(async () => {
  stack = await startHttpStack({ prefix: 'evid' });
  api = new Api(stack.call);
  await api.unit('meilin');
  await api.person('meilin', 'p-meilin-1');
  await api.unit('huafu');
  await api.person('huafu', 'p-huafu-1');
  itemId = (await api.inProgress('meilin', 'p-meilin-1')).itemId;
  otherItemId = (await api.inProgress('meilin', 'p-meilin-1')).itemId;
}, 120_000);

afterAll(async () => {
  delete process.env[EXPORT_INLINE_ENV];
  await stack?.stop();
});

interface Form {
  fileId: string;
  file: { issuedAt: string };
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
  maxBytes: number;
}

async function form(item: string, body: Record<string, unknown>, token?: string) {
  const r = await stack.call('POST', `/v1/items/${item}/evidence`, { token: token ?? (await unit()), body });
  checkResponse('issueEvidenceUpload', r.status, r.body);
  return r;
}

/** What a browser does with the form: every field, then the file, multipart. */
async function upload(f: Form, bytes: Uint8Array, fields: Record<string, string> = {}) {
  const data = new FormData();
  for (const [k, v] of Object.entries({ ...f.fields, ...fields })) data.append(k, v);
  data.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), 'upload.bin');
  return fetch(f.url, { method: 'POST', body: data });
}

async function confirm(item: string, fileId: string) {
  const r = await stack.call('POST', `/v1/items/${item}/evidence/${fileId}/confirmation`, {
    token: await unit(),
  });
  checkResponse('confirmEvidenceUpload', r.status, r.body);
  return r;
}

const photo = new Uint8Array(Buffer.from(`\xff\xd8\xff\xe0 a site photo ${'x'.repeat(2000)}`, 'latin1'));

describe('evidence files', () => {
  let fileId: string;

  it('form → multipart POST → confirmation → a progress report → the same bytes downloaded', async () => {
    const r = await form(itemId, {
      name: '../现场 照片<1>.JPG',
      contentType: 'image/jpeg',
      size: photo.length,
    });
    expect(r.status, showReply(r)).toBe(201);
    const f = r.body as Form;
    fileId = f.fileId;
    expect(f.maxBytes).toBe(EVIDENCE_MAX_BYTES);
    // The signed policy: exactly this key under the expiring uploads prefix, this type, the size range.
    const key = `uploads/${itemId}/${f.fileId}/现场_照片_1.jpg`;
    expect(f.fields.key).toBe(key);
    const policy = JSON.parse(Buffer.from(f.fields.Policy!, 'base64').toString('utf8')) as {
      expiration: string;
      conditions: unknown[];
    };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['eq', '$key', key],
        ['eq', '$Content-Type', 'image/jpeg'],
        ['content-length-range', 1, EVIDENCE_MAX_BYTES],
      ]),
    );
    const lifetime = new Date(policy.expiration).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(0);
    expect(lifetime).toBeLessThanOrEqual(10 * 60_000 + 5_000);

    // Not uploaded yet: neither confirmed nor referenced.
    expect((await confirm(itemId, fileId)).status).toBe(422);
    const early = await stack.call('POST', `/v1/items/${itemId}/progress`, {
      token: await unit(),
      body: { percentComplete: 10, narrative: 'Photos.', files: [fileId] },
    });
    expect(early.status, showReply(early)).toBe(422);
    expect((early.body as { error: { code: string } }).error.code).toBe('evidence.not_stored');

    const posted = await upload(f, photo);
    expect(posted.status, await posted.clone().text()).toBeLessThan(300);
    const c = await confirm(itemId, fileId);
    expect(c.status, showReply(c)).toBe(200);
    expect(c.body).toMatchObject({ fileId, status: 'stored', size: photo.length, contentType: 'image/jpeg' });
    expect((await confirm(itemId, fileId)).status).toBe(200); // again: unchanged

    const p = await stack.call('POST', `/v1/items/${itemId}/progress`, {
      token: await unit(),
      body: { percentComplete: 20, narrative: 'Foundations, with a photo.', files: [fileId] },
    });
    expect(p.status, showReply(p)).toBe(201);
    expect((p.body as { files: unknown[] }).files).toEqual([
      { fileId, name: '../现场 照片<1>.JPG', contentType: 'image/jpeg', size: photo.length },
    ]);

    // The report lists its files to the unit; another unit reads the progress without them.
    const own = await stack.call('GET', `/v1/items/${itemId}/progress`, { token: await unit() });
    expect(JSON.stringify(own.body)).toContain(fileId);
    const other = await stack.call('GET', `/v1/items/${itemId}/progress`, {
      token: await tokenFor('unit', { unitId: 'huafu' }),
    });
    expect(other.status).toBe(200);
    expect(JSON.stringify(other.body)).not.toContain(fileId);

    const d = await stack.call('GET', `/v1/items/${itemId}/evidence/${fileId}`, { token: await unit() });
    checkResponse('evidenceDownload', d.status, d.body);
    expect(d.status, showReply(d)).toBe(200);
    const got = await fetch((d.body as { url: string }).url);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(photo))).toBe(true);
    // Downloaded from its stored key (the copy), not from the upload the lifecycle removes.
    expect(decodeURIComponent(new URL((d.body as { url: string }).url).pathname)).toContain(
      `/items/${itemId}/${fileId}/现场_照片_1.jpg`,
    );
    const office = await stack.call('GET', `/v1/items/${itemId}/evidence/${fileId}`, {
      token: await tokenFor('office'),
    });
    expect(office.status).toBe(200);
  });

  it('another unit gets 404 for the download and 403 for a form; wrong type or oversize are refused', async () => {
    const huafu = await tokenFor('unit', { unitId: 'huafu' });
    const d = await stack.call('GET', `/v1/items/${itemId}/evidence/${fileId}`, { token: huafu });
    expect(d.status).toBe(404);
    const missing = await stack.call('GET', `/v1/items/${itemId}/evidence/file-none`, {
      token: await unit(),
    });
    expect(missing.status).toBe(404);
    expect((await form(itemId, { name: 'a.jpg', contentType: 'image/jpeg', size: 10 }, huafu)).status).toBe(
      403,
    );
    const html = await form(itemId, { name: 'a.html', contentType: 'text/html', size: 10 });
    expect(html.status).toBe(400);
    expect(JSON.stringify(html.body)).toContain('contentType');
    const big = await form(itemId, {
      name: 'a.pdf',
      contentType: 'application/pdf',
      size: EVIDENCE_MAX_BYTES + 1,
    });
    expect(big.status).toBe(400);
    expect(JSON.stringify(big.body)).toContain('size');
  });

  it('an object other than declared is refused at confirmation (what S3 would refuse at the POST)', async () => {
    const small = (await form(itemId, { name: 'scan.pdf', contentType: 'application/pdf', size: 10 }))
      .body as Form;
    await upload(small, new Uint8Array(50));
    const c = await confirm(itemId, small.fileId);
    expect(c.status).toBe(422);
    expect((c.body as { error: { code: string } }).error.code).toBe('evidence.size_mismatch');
    const typed = (await form(itemId, { name: 'p.png', contentType: 'image/png', size: 8 })).body as Form;
    await upload(typed, new Uint8Array(8), { 'Content-Type': 'text/html' });
    const t = await confirm(itemId, typed.fileId);
    expect(t.status).toBe(422);
    expect((t.body as { error: { code: string } }).error.code).toBe('evidence.type_mismatch');
  });

  it("a report referencing another item's file is a 422; a completion carries its files", async () => {
    const f = (await form(otherItemId, { name: 'other.png', contentType: 'image/png', size: 4 }))
      .body as Form;
    await upload(f, new Uint8Array([1, 2, 3, 4]));
    expect((await confirm(otherItemId, f.fileId)).status).toBe(200);
    const wrong = await stack.call('POST', `/v1/items/${itemId}/progress`, {
      token: await unit(),
      body: { percentComplete: 30, narrative: 'Borrowed photo.', files: [f.fileId] },
    });
    expect(wrong.status).toBe(422);
    expect((wrong.body as { error: { code: string; details: { path: string }[] } }).error).toMatchObject({
      code: 'evidence.unknown_file',
      details: [{ path: 'files.0' }],
    });
    const done = await stack.call('POST', `/v1/items/${otherItemId}/completion`, {
      token: await unit(),
      body: { summary: 'Done.', results: [{ indicator: 'Households', actualValue: 10 }], files: [f.fileId] },
    });
    expect(done.status, showReply(done)).toBe(200);
    expect((done.body as { completion: { files: { fileId: string }[] } }).completion.files[0]?.fileId).toBe(
      f.fileId,
    );
  });

  it('an issued record expires (TTL, epoch seconds); stored it does not; the item lists stored files only', async () => {
    const raw = async (id: string) =>
      (
        await documentClient().send(
          new GetCommand({ TableName: mainTableName(), Key: evidenceFileKey(itemId, id) }),
        )
      ).Item as Record<string, unknown>;
    const f = (await form(itemId, { name: 'plan.pdf', contentType: 'application/pdf', size: 6 }))
      .body as Form;
    const issued = await raw(f.fileId);
    expect(issued.status).toBe('issued');
    const ttl = issued.expiresAt as number;
    expect(Number.isInteger(ttl)).toBe(true);
    // The stack's clock, not the wall's: the record's issue time plus the window.
    const issuedAt = Math.floor(new Date(issued.issuedAt as string).getTime() / 1000);
    expect(ttl).toBe(issuedAt + UPLOAD_CONFIRM_SECONDS);
    expect(Math.floor(new Date(issued.confirmBy as string).getTime() / 1000)).toBe(ttl);
    await upload(f, new Uint8Array([37, 80, 68, 70, 45, 49]));

    // Uploaded, not confirmed: listed to nobody, the uploader included.
    const list = async (token: string) => {
      const r = await stack.call('GET', `/v1/items/${itemId}/files`, { token });
      checkResponse('listItemFiles', r.status, r.body);
      return r;
    };
    const before = await list(await unit());
    expect(before.status, showReply(before)).toBe(200);
    const ids = (r: { body: unknown }) =>
      (r.body as { items: { fileId: string }[] }).items.map((x) => x.fileId);
    expect(ids(before)).toContain(fileId);
    expect(ids(before)).not.toContain(f.fileId);
    expect(ids(await list(await tokenFor('office')))).not.toContain(f.fileId);

    const c = await confirm(itemId, f.fileId);
    expect(c.status, showReply(c)).toBe(200);
    const stored = await raw(f.fileId);
    expect(stored.status).toBe('stored');
    expect(stored).not.toHaveProperty('expiresAt');
    expect(stored).not.toHaveProperty('confirmBy');
    const after = await list(await tokenFor('office'));
    expect(ids(after)).toEqual(expect.arrayContaining([fileId, f.fileId]));
    // Oldest first: file ids are time-ordered on the stack's clock (in the same millisecond, either).
    if ((await raw(fileId)).issuedAt !== issued.issuedAt) {
      expect(ids(after).indexOf(fileId)).toBeLessThan(ids(after).indexOf(f.fileId));
    }
    for (const x of (after.body as { items: { status: string }[] }).items) expect(x.status).toBe('stored');

    // Paged: one a page, the cursor leads to the next.
    const one = await stack.call('GET', `/v1/items/${itemId}/files`, {
      token: await unit(),
      query: { limit: 1 },
    });
    expect(ids(one)).toHaveLength(1);
    const next = await stack.call('GET', `/v1/items/${itemId}/files`, {
      token: await unit(),
      query: { limit: 1, cursor: (one.body as { nextCursor: string }).nextCursor },
    });
    expect(next.status, showReply(next)).toBe(200);
    expect(ids(next)).toHaveLength(1);
    expect(ids(next)[0]).not.toBe(ids(one)[0]);

    // A reader who may not download gets 404 on the listing too.
    const other = await list(await tokenFor('unit', { unitId: 'huafu' }));
    expect(other.status).toBe(404);
    const none = await stack.call('GET', '/v1/items/item-none/files', { token: await tokenFor('office') });
    expect(none.status).toBe(404);
  });

  it('a confirmation after the upload window is refused: 422 evidence.upload_expired, nothing stored', async () => {
    const f = (await form(itemId, { name: 'late.png', contentType: 'image/png', size: 4 })).body as Form;
    await upload(f, new Uint8Array([1, 2, 3, 4]));
    // The window passed (as if more than an hour had gone by: DynamoDB's TTL deletes lazily, the
    // record may still be there; the stack's clock is fixed, so the deadline moves instead).
    const past = new Date(new Date(f.file.issuedAt).getTime() - 1000).toISOString();
    await documentClient().send(
      new UpdateCommand({
        TableName: mainTableName(),
        Key: evidenceFileKey(itemId, f.fileId),
        UpdateExpression: 'SET confirmBy = :past',
        ExpressionAttributeValues: { ':past': past },
      }),
    );
    const c = await confirm(itemId, f.fileId);
    expect(c.status, showReply(c)).toBe(422);
    expect((c.body as { error: { code: string; details: { path: string }[] } }).error).toMatchObject({
      code: 'evidence.upload_expired',
      details: [{ path: 'fileId' }],
    });
    const d = await stack.call('GET', `/v1/items/${itemId}/evidence/${f.fileId}`, { token: await unit() });
    expect(d.status).toBe(404);
  });

  it('an export larger than the inline bound is handed out as a presigned link', async () => {
    process.env[EXPORT_INLINE_ENV] = '100';
    try {
      const r = await stack.call('GET', '/v1/exports/items', {
        token: await tokenFor('office'),
        query: { year: 2022, format: 'csv' },
      });
      expect(r.status, showReply(r)).toBe(200);
      const link = r.body as { url: string; filename: string; bytes: number };
      expect(link.filename).toMatch(/\.csv$/);
      expect(link.bytes).toBeGreaterThan(100);
      const got = await fetch(link.url);
      expect(got.status).toBe(200);
      const text = Buffer.from(await got.arrayBuffer()).toString('utf8');
      expect(text).toContain(itemId);
      expect(new URL(link.url).pathname).toContain('/exports/');
    } finally {
      delete process.env[EXPORT_INLINE_ENV];
    }
  });
});
