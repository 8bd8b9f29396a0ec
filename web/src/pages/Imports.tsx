/**
 * Imports (issue 13): the office's items as drafts, a unit's (or manager's) monthly progress.
 * Choose a CSV or XLSX file, check it (the dry run: a table of each row's errors by column,
 * nothing written), then import it; the template to fill in is a download away.
 */
import { useState } from 'preact/hooks';
import { api, must } from '../api/client.ts';
import { useT } from '../i18n/index.ts';
import { base64Of, download, errorTable, formatOf, MAX_IMPORT_BYTES, type RowError } from '../lib/files.ts';

interface Answer {
  dryRun: boolean;
  rows: number;
  errors: RowError[];
  truncated: boolean;
  created: number;
  existing: number;
}

/** The table of a dry run's errors: a row per sheet row, its errors by column. */
export function ErrorTable({ errors, truncated }: { errors: readonly RowError[]; truncated: boolean }) {
  const { t } = useT();
  const rows = errorTable(errors);
  return (
    <table class="import-errors" aria-label={t('sheets.errors', { n: errors.length })}>
      <caption>{t('sheets.errors', { n: errors.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('sheets.row')}</th>
          <th scope="col">{t('sheets.column')}</th>
          <th scope="col">{t('sheets.problem')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.flatMap((r) =>
          r.errors.map((e, i) => (
            <tr key={`${r.row}-${i}`} data-row={r.row}>
              {i === 0 ? (
                <th scope="row" rowSpan={r.errors.length}>
                  {r.row}
                </th>
              ) : null}
              <td>{e.column || t('common.none')}</td>
              <td>
                <code>{e.code}</code> {e.message}
              </td>
            </tr>
          )),
        )}
      </tbody>
      {truncated ? (
        <tfoot>
          <tr>
            <td colSpan={3}>{t('sheets.truncated')}</td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

export function Imports({ sheet }: { sheet: 'items' | 'progress' }) {
  const { t } = useT();
  const [file, setFile] = useState<{ name: string; format: 'csv' | 'xlsx'; content: string }>();
  const [answer, setAnswer] = useState<Answer>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function choose(e: Event) {
    setAnswer(undefined);
    setError(undefined);
    setFile(undefined);
    const f = (e.currentTarget as HTMLInputElement).files?.[0];
    if (!f) return;
    const format = formatOf(f.name);
    if (!format) return setError(t('sheets.wrongType'));
    if (f.size > MAX_IMPORT_BYTES) return setError(t('sheets.tooLarge'));
    setFile({ name: f.name, format, content: base64Of(new Uint8Array(await f.arrayBuffer())) });
  }

  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const body = { format: file.format, content: file.content, dryRun };
      const a =
        sheet === 'items'
          ? await must(api.POST('/v1/imports/items', { body }))
          : await must(api.POST('/v1/imports/progress', { body }));
      setAnswer(a as Answer);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const ready = answer?.dryRun && answer.errors.length === 0;
  return (
    <section aria-labelledby="im-h" class="imports">
      <h1 id="im-h">{t(sheet === 'items' ? 'sheets.itemsHeading' : 'sheets.progressHeading')}</h1>
      <p>{t(sheet === 'items' ? 'sheets.itemsIntro' : 'sheets.progressIntro')}</p>
      <p>
        {t('sheets.template')}{' '}
        <button
          type="button"
          onClick={() =>
            download(`/v1/imports/templates/${sheet}`, { format: 'xlsx' }).catch((e: Error) =>
              setError(e.message),
            )
          }
        >
          XLSX
        </button>{' '}
        <button
          type="button"
          onClick={() =>
            download(`/v1/imports/templates/${sheet}`, { format: 'csv' }).catch((e: Error) =>
              setError(e.message),
            )
          }
        >
          CSV
        </button>
      </p>
      <span class="field">
        <label for="im-file">{t('sheets.file')}</label>
        <input id="im-file" type="file" accept=".csv,.xlsx" onChange={choose} />
      </span>
      <p>
        <button type="button" disabled={!file || busy} onClick={() => run(true)}>
          {t('sheets.check')}
        </button>{' '}
        <button type="button" disabled={!ready || busy} onClick={() => run(false)}>
          {t('sheets.import')}
        </button>
      </p>
      {error ? <p role="alert">{error}</p> : null}
      {answer ? (
        <div role="status">
          {answer.dryRun ? (
            <p>
              {t('sheets.checked', {
                rows: answer.rows,
                errors: answer.errors.length,
                existing: answer.existing,
              })}
            </p>
          ) : (
            <p>{t('sheets.imported', { created: answer.created, existing: answer.existing })}</p>
          )}
          {answer.errors.length > 0 ? (
            <ErrorTable errors={answer.errors} truncated={answer.truncated} />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
