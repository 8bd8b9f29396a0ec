/**
 * Routes: evidence files of progress and completion reports (issue 13), served by the Documents
 * function (it alone carries the S3 SDK): the upload form, its confirmation, an item's stored
 * files, the download link.
 */
import * as z from 'zod/mini';
import { EVIDENCE_MAX_BYTES, EvidenceUploadInput } from '#domain/evidence.ts';
import { Id } from '#domain/model.ts';
import { ALL, route } from '../../route.ts';
import { query, READ, WRITE } from '../../schemas.ts';

const pathParam = (name: string, description: string) =>
  Id.clone().register(z.globalRegistry, { param: { name, in: 'path', description } });
const itemParams = z.strictObject({
  get id() {
    return pathParam('id', 'Item id.');
  },
});
const fileParams = z.strictObject({
  get id() {
    return pathParam('id', 'Item id.');
  },
  get fileId() {
    return pathParam('fileId', 'Evidence file id (as the upload form answered it).');
  },
});

export const evidenceRoutes = [
  route({
    method: 'POST',
    path: '/v1/items/{id}/evidence',
    operationId: 'issueEvidenceUpload',
    summary: `An upload form for one evidence file (presigned S3 POST: this key, this type, ≤ ${EVIDENCE_MAX_BYTES / 1024 / 1024} MiB, 10 minutes)`,
    auth: ['unit', 'manager'],
    function: 'Documents',
    params: itemParams,
    get body() {
      return EvidenceUploadInput.clone().register(z.globalRegistry, { id: 'EvidenceUploadInput' });
    },
    example: { name: '现场照片.jpg', contentType: 'image/jpeg', size: 2_400_000 },
    response: {
      status: 201,
      schema: 'EvidenceUploadForm',
      description:
        'The form: POST `fields` and then `file` (multipart/form-data) to `url` before `expiresAt`; then confirm within an hour of the form. The file is recorded as `issued`; unconfirmed, its record and upload expire.',
    },
    errors: WRITE,
  }),
  route({
    method: 'POST',
    path: '/v1/items/{id}/evidence/{fileId}/confirmation',
    operationId: 'confirmEvidenceUpload',
    summary: 'Confirm an uploaded evidence file: the object is there, of the declared size and type',
    auth: ['unit', 'manager'],
    function: 'Documents',
    params: fileParams,
    get body() {
      return z.strictObject({}).register(z.globalRegistry, { id: 'EvidenceConfirmation' });
    },
    example: {},
    response: {
      status: 200,
      schema: 'EvidenceFile',
      description:
        'The file, `stored` (audited on the item’s trail): reports may now reference it. 422 `evidence.not_uploaded`, `evidence.size_mismatch`, `evidence.type_mismatch` otherwise, and `evidence.upload_expired` more than an hour after the form.',
    },
    errors: WRITE,
  }),
  route({
    method: 'GET',
    path: '/v1/items/{id}/files',
    operationId: 'listItemFiles',
    summary: 'The stored evidence files of an item, oldest first',
    auth: ALL,
    function: 'Documents',
    params: itemParams,
    get query() {
      return z.strictObject({ limit: query.WideLimit, cursor: query.Cursor });
    },
    response: {
      status: 200,
      schema: 'EvidenceFilePage',
      description:
        'A page of the item’s `stored` files (an issued, unconfirmed upload is listed to nobody), for those who read the item’s progress in full (HQ, inspectors, the leading unit), who may download each (GET …/evidence/{fileId}); anyone else gets 404, as for the download.',
    },
    errors: READ,
  }),
  route({
    method: 'GET',
    path: '/v1/items/{id}/evidence/{fileId}',
    operationId: 'evidenceDownload',
    summary: 'A short-lived download link (presigned S3 GET, 5 minutes) of a stored evidence file',
    auth: ALL,
    function: 'Documents',
    params: fileParams,
    response: {
      status: 200,
      schema: 'EvidenceDownload',
      description:
        'The file and `url`, a presigned GET valid until `expiresAt`, for those who read the item’s progress in full (HQ, inspectors, the leading unit); anyone else gets 404.',
    },
    errors: READ,
  }),
] as const;
