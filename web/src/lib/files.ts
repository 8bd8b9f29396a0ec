/**
 * Files to and from the API (issue 13): downloads of exports, templates and printed orders
 * (the token goes in the Authorization header, so a plain link cannot fetch them: the answer
 * is read as a Blob and saved under the name the API gives), a chosen file as base64 for an
 * import, and the dry run's errors as the rows of a table.
 */
import { config } from './config.ts';
import { session } from './session.ts';

/** The name the API gives a file (RFC 6266: the UTF-8 `filename*` first). */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (utf8?.[1]) {
    try {
      return decodeURIComponent(utf8[1]);
    } catch {
      // A malformed name: the plain one below.
    }
  }
  const plain = /filename="([^"]+)"/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/** Fetches a file route and saves it; rejects with the API's error message. */
export async function download(path: string, query: Record<string, string | number> = {}): Promise<void> {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  const token = session.get()?.token;
  const res = await fetch(`${config().apiUrl ?? ''}${path}${qs ? `?${qs}` : ''}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
    throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filenameOf(res.headers.get('content-disposition'), path.split('/').pop() ?? 'download');
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The largest file an import takes (the API's bound, before base64). */
export const MAX_IMPORT_BYTES = 1024 * 1024;

/** The format of a chosen file by its name, or undefined if it is neither CSV nor XLSX. */
export function formatOf(name: string): 'csv' | 'xlsx' | undefined {
  const ext = name.toLowerCase().split('.').pop();
  return ext === 'csv' || ext === 'xlsx' ? ext : undefined;
}

/** Bytes as base64, in chunks (a 1 MiB file would overflow String.fromCharCode's arguments). */
export function base64Of(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export interface RowError {
  readonly row: number;
  readonly column: string;
  readonly code: string;
  readonly message: string;
}

/** One row of the error table: a sheet row and its errors, by column. */
export interface ErrorRow {
  readonly row: number;
  readonly errors: readonly { column: string; code: string; message: string }[];
}

/** The dry run's errors grouped by sheet row, rows in order (the header, row 1, first), columns as they came. */
export function errorTable(errors: readonly RowError[]): ErrorRow[] {
  const byRow = new Map<number, { column: string; code: string; message: string }[]>();
  for (const e of errors) {
    const list = byRow.get(e.row) ?? [];
    list.push({ column: e.column, code: e.code, message: e.message });
    byRow.set(e.row, list);
  }
  return [...byRow.entries()].sort(([a], [b]) => a - b).map(([row, errs]) => ({ row, errors: errs }));
}
