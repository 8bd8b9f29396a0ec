/**
 * Numbers, money and dates as the console shows them. Money arrives in yuan; Chinese readers
 * read it in 亿元 (10^8) and 万元 (10^4), English readers in billions and millions. Every time
 * is shown in Beijing time (Asia/Shanghai), whatever the browser's zone.
 */
export type Lang = 'zh-CN' | 'en';

const YI = 100_000_000;
const WAN = 10_000;

function grouped(n: number, lang: Lang, digits: number): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  }).format(n);
}

/** 750 billion yuan → "7,500亿元" (zh-CN) or "CNY 750 bn" (en). */
export function money(yuan: number, lang: Lang): string {
  const abs = Math.abs(yuan);
  if (lang === 'en') {
    if (abs >= 1e9) return `CNY ${grouped(yuan / 1e9, lang, 2)} bn`;
    if (abs >= 1e6) return `CNY ${grouped(yuan / 1e6, lang, 2)} m`;
    return `CNY ${grouped(yuan, lang, 0)}`;
  }
  if (abs >= YI) return `${grouped(yuan / YI, lang, 2)}亿元`;
  if (abs >= WAN) return `${grouped(yuan / WAN, lang, 2)}万元`;
  return `${grouped(yuan, lang, 0)}元`;
}

/** Yuan in 亿元 as a plain number (charts' axes). */
export const toYi = (yuan: number) => Math.round((yuan / YI) * 100) / 100;

export function count(n: number, lang: Lang): string {
  return grouped(n, lang, 0);
}

/** A 0–1 share as a percentage: 0.2857 → "28.57%". */
export function share(s: number, lang: Lang): string {
  return `${grouped(s * 100, lang, 2)}%`;
}

/** A 0–100 percentage: 42.5 → "42.5%". */
export function percent(p: number, lang: Lang): string {
  return `${grouped(p, lang, 1)}%`;
}

/** A calendar date (YYYY-MM-DD, already a Beijing date): "2022年6月30日" / "Jun 30, 2022". */
export function date(isoDate: string, lang: Lang): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'zh-CN', {
    timeZone: 'UTC',
    year: 'numeric',
    month: lang === 'en' ? 'short' : 'long',
    day: 'numeric',
  }).format(d);
}

/** An instant in Beijing time: "2022年6月30日 17:00" / "Jun 30, 2022, 17:00". */
export function dateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: lang === 'en' ? 'short' : 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d);
}

/** The Beijing calendar date of an instant. */
export function beijingDate(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The evaluation period before the one containing `isoDate` ("2022-07-01" → "2022-06"). */
export function previousPeriod(isoDate: string): string {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
