/** Buttons that fetch a file from the API: an export (XLSX, CSV) and the print of an order (PDF). */
import { useState } from 'preact/hooks';
import { useT } from '../i18n/index.ts';
import { download } from '../lib/files.ts';

function useDownload() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function run(path: string, query: Record<string, string | number>) {
    setBusy(true);
    setError(undefined);
    try {
      await download(path, query);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

/** “Export XLSX · CSV” for a dataset, with the console's language for the headers. */
export function ExportButtons(props: {
  dataset: 'items' | 'orders' | 'ledger' | 'results' | 'rankings';
  query: Record<string, string | number>;
  label?: string;
}) {
  const { t, lang } = useT();
  const { busy, error, run } = useDownload();
  const query = { ...props.query, lang: lang === 'en' ? 'en' : 'zh' };
  return (
    <span class="exports" data-export={props.dataset}>
      <span class="muted">{props.label ?? t('sheets.export')}</span>{' '}
      <button
        type="button"
        disabled={busy}
        onClick={() => run(`/v1/exports/${props.dataset}`, { ...query, format: 'xlsx' })}
      >
        XLSX
      </button>{' '}
      <button
        type="button"
        disabled={busy}
        onClick={() => run(`/v1/exports/${props.dataset}`, { ...query, format: 'csv' })}
      >
        CSV
      </button>
      {error ? (
        <span role="alert" class="error">
          {' '}
          {t('sheets.downloadFailed', { message: error })}
        </span>
      ) : null}
    </span>
  );
}

/** “Print” an order: its PDF with the official number. */
export function PrintLink({ orderId }: { orderId: string }) {
  const { t } = useT();
  const { busy, error, run } = useDownload();
  return (
    <span class="print">
      <button
        type="button"
        class="link"
        disabled={busy}
        data-print={orderId}
        onClick={() => run(`/v1/orders/${orderId}/pdf`, {})}
      >
        {t('sheets.print')}
      </button>
      {error ? (
        <span role="alert" class="error">
          {' '}
          {t('sheets.downloadFailed', { message: error })}
        </span>
      ) : null}
    </span>
  );
}
