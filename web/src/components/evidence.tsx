/**
 * Evidence files on a progress or completion report (issue 13): choose files, each gets an
 * upload form from the API (a presigned S3 POST), is sent straight to the bucket with its
 * progress shown (XMLHttpRequest's upload events), then confirmed; the stored files' ids go
 * with the report, and each can be downloaded through a short-lived link. The API decides
 * what is allowed (types, size, who): the console only refuses early what it would refuse.
 */
import { useState } from 'preact/hooks';
import { api, must } from '../api/client.ts';
import { useT } from '../i18n/index.ts';
import { itemFiles } from '../lib/item-files.ts';
import { session } from '../lib/session.ts';
import { useAsync } from '../lib/use-async.ts';

/** The types and size the API takes (functions/domain/evidence.ts). */
export const EVIDENCE_ACCEPT = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;
export const MAX_FILES = 10;

interface Upload {
  readonly key: string;
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
  state: 'signing' | 'uploading' | 'confirming' | 'stored' | 'failed';
  percent: number;
  fileId?: string;
  error?: string;
}

/** POSTs the presigned form to the bucket, telling the percentage sent. */
function postForm(
  url: string,
  fields: Record<string, string>,
  file: File,
  onProgress: (percent: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.append(k, v);
    data.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300
        ? resolve()
        : reject(
            new Error(`S3 ${xhr.status}: ${/<Message>([^<]*)<\/Message>/.exec(xhr.responseText)?.[1] ?? ''}`),
          );
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(data);
  });
}

/** Opens a stored file through its short-lived link. */
export async function openEvidence(itemId: string, fileId: string): Promise<void> {
  const link = await must(
    api.GET('/v1/items/{id}/evidence/{fileId}', { params: { path: { id: itemId, fileId } } }),
  );
  const a = document.createElement('a');
  a.href = link.url;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

/** A download button of one stored file (name, type, size). */
export function EvidenceLink(props: {
  itemId: string;
  file: { fileId: string; name: string; size: number };
}) {
  const { t } = useT();
  const [error, setError] = useState<string>();
  return (
    <span class="evidence-file" data-file={props.file.fileId}>
      <button
        type="button"
        class="link"
        onClick={() => openEvidence(props.itemId, props.file.fileId).catch((e: Error) => setError(e.message))}
      >
        {props.file.name}
      </button>{' '}
      <span class="muted">{t('evidence.size', { kb: Math.max(1, Math.round(props.file.size / 1024)) })}</span>
      {error ? (
        <span role="alert" class="error">
          {' '}
          {t('evidence.downloadFailed', { message: error })}
        </span>
      ) : null}
    </span>
  );
}

/**
 * The item's stored files with a download button each, for those the API lets read them
 * (GET /v1/items/{id}/files); to anyone else, signed out included, nothing at all.
 */
export function ItemFilesSection(props: { itemId: string }) {
  const { t } = useT();
  const files = useAsync(
    () =>
      itemFiles(Boolean(session.get()), (cursor) =>
        must(
          api.GET('/v1/items/{id}/files', {
            params: { path: { id: props.itemId }, query: { limit: 100, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      ),
    [props.itemId],
  );
  if (files.error)
    return (
      <p role="alert" class="error">
        {t('evidence.listFailed', { message: files.error.message })}
      </p>
    );
  const data = files.data;
  if (!data) return null;
  return (
    <section aria-labelledby="files-h" class="item-files">
      <h2 id="files-h">{t('evidence.files')}</h2>
      {data.files.length === 0 ? <p class="muted">{t('evidence.noFiles')}</p> : null}
      <ul>
        {data.files.map((f) => (
          <li key={f.fileId}>
            <EvidenceLink itemId={props.itemId} file={f} />
          </li>
        ))}
      </ul>
      {data.more ? <p class="muted">{t('evidence.moreFiles', { n: data.files.length })}</p> : null}
    </section>
  );
}

/** The file chooser of a report form; `onChange` gets the ids of the files stored so far. */
export function EvidenceUpload(props: { itemId: string; id: string; onChange: (fileIds: string[]) => void }) {
  const { t } = useT();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const update = (key: string, change: Partial<Upload>) =>
    setUploads((list) => {
      const next = list.map((u) => (u.key === key ? { ...u, ...change } : u));
      props.onChange(next.filter((u) => u.state === 'stored' && u.fileId).map((u) => u.fileId!));
      return next;
    });

  async function send(file: File, key: string) {
    try {
      const form = await must(
        api.POST('/v1/items/{id}/evidence', {
          params: { path: { id: props.itemId } },
          body: { name: file.name, contentType: file.type as never, size: file.size },
        }),
      );
      update(key, { state: 'uploading', fileId: form.fileId });
      await postForm(form.url, form.fields, file, (percent) => update(key, { percent }));
      update(key, { state: 'confirming', percent: 100 });
      await must(
        api.POST('/v1/items/{id}/evidence/{fileId}/confirmation', {
          params: { path: { id: props.itemId, fileId: form.fileId } },
        }),
      );
      update(key, { state: 'stored' });
    } catch (err) {
      update(key, { state: 'failed', error: (err as Error).message });
    }
  }

  function choose(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const chosen = [...(input.files ?? [])];
    input.value = '';
    const added: Upload[] = [];
    for (const file of chosen) {
      const key = `${file.name}-${file.size}-${Math.random()}`;
      const u: Upload = {
        key,
        name: file.name,
        size: file.size,
        contentType: file.type,
        state: 'signing',
        percent: 0,
      };
      if (!EVIDENCE_ACCEPT.includes(file.type))
        Object.assign(u, { state: 'failed', error: t('evidence.wrongType') });
      else if (file.size > EVIDENCE_MAX_BYTES)
        Object.assign(u, { state: 'failed', error: t('evidence.tooLarge') });
      else if (uploads.length + added.length >= MAX_FILES)
        Object.assign(u, { state: 'failed', error: t('evidence.tooMany', { n: MAX_FILES }) });
      added.push(u);
      if (u.state === 'signing') void send(file, key);
    }
    setUploads((list) => [...list, ...added]);
  }

  return (
    <span class="field grow evidence">
      <label for={props.id}>{t('evidence.choose')}</label>
      <input id={props.id} type="file" multiple accept={EVIDENCE_ACCEPT.join(',')} onChange={choose} />
      {uploads.length ? (
        <ul class="evidence-uploads">
          {uploads.map((u) => (
            <li key={u.key} data-state={u.state}>
              {u.state === 'stored' && u.fileId ? (
                <EvidenceLink itemId={props.itemId} file={{ fileId: u.fileId, name: u.name, size: u.size }} />
              ) : (
                <span>{u.name}</span>
              )}{' '}
              {u.state === 'uploading' || u.state === 'confirming' ? (
                <progress max={100} value={u.percent} aria-label={t('evidence.progress', { name: u.name })} />
              ) : null}{' '}
              {u.state === 'failed' ? (
                <span role="alert" class="error">
                  {t('evidence.failed', { message: u.error ?? '' })}
                </span>
              ) : (
                <span class="muted">{t(`evidence.state.${u.state}`)}</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </span>
  );
}
