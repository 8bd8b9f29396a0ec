/**
 * A public notice in the reader's language, with unit names, not ids. The API's notice
 * carries its kind, the order's number (the title's first part), the unit, the item and the
 * period; the outcome is one of the grading rules' fixed outcomes, named at the end of the
 * title. The console writes the sentence from those facts in Chinese or English.
 */
export interface NoticeFacts {
  readonly kind: 'commendation' | 'inquiry' | 'ranking';
  readonly title: string;
  readonly body: string;
  readonly unitId?: string;
  readonly itemId?: string;
  readonly period?: string;
}

export type Outcome = 'first' | 'second' | 'third' | 'rectified' | 'escalated';

const OUTCOMES: Record<string, Outcome> = {
  'first-grade commendation': 'first',
  'second-grade commendation': 'second',
  'third-grade commendation': 'third',
  'inquiry closed as rectified': 'rectified',
  'inquiry escalated': 'escalated',
};

export interface NoticeText {
  readonly headline: string;
  readonly text: string;
}

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** The order number and outcome of a notice title "福田嘉〔2022〕1号: first-grade commendation". */
export function parseTitle(title: string): { number: string; outcome?: Outcome } {
  const at = title.indexOf(': ');
  if (at < 0) return { number: title };
  const outcome = OUTCOMES[title.slice(at + 2).trim()];
  return { number: title.slice(0, at), ...(outcome ? { outcome } : {}) };
}

export function noticeText(
  n: NoticeFacts,
  t: Translate,
  unitName: (unitId: string) => string,
  itemTitle: (itemId: string) => string | undefined,
): NoticeText {
  if (n.kind === 'ranking') {
    return {
      headline: t('notice.rankingHeadline', { period: n.period ?? '' }),
      text: t('notice.rankingText', { period: n.period ?? '' }),
    };
  }
  const { number, outcome } = parseTitle(n.title);
  const unit = n.unitId ? unitName(n.unitId) : '';
  const item = (n.itemId && itemTitle(n.itemId)) || '';
  const what = outcome ? t(`notice.outcome.${outcome}`) : n.title;
  return {
    headline: `${number} · ${what}`,
    text: t(n.kind === 'commendation' ? 'notice.commendationText' : 'notice.inquiryText', {
      unit,
      item,
      outcome: what,
    }),
  };
}
