/**
 * A public notice in the reader's language, with unit names, not ids. The API's notice
 * carries its facts: kind, outcome, the order's official number, the unit, the item and the
 * period (its title and body are the published Chinese text). The console writes the
 * sentence from those facts in Chinese or English.
 */
export interface NoticeFacts {
  readonly kind: 'commendation' | 'inquiry' | 'ranking';
  readonly outcome?: GradedOutcome;
  readonly orderNumber?: string;
  readonly title: string;
  readonly unitId?: string;
  readonly itemId?: string;
  readonly period?: string;
}

/** The grading rules' outcomes, as the API names them. */
export type GradedOutcome =
  | 'commendation:first'
  | 'commendation:second'
  | 'commendation:third'
  | 'inquiry:rectified'
  | 'inquiry:escalated';

export type Outcome = 'first' | 'second' | 'third' | 'rectified' | 'escalated';

const outcomeKey = (o: GradedOutcome): Outcome => o.slice(o.indexOf(':') + 1) as Outcome;

export interface NoticeText {
  readonly headline: string;
  readonly text: string;
}

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

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
  const number = n.orderNumber ?? n.title;
  const unit = n.unitId ? unitName(n.unitId) : '';
  const item = (n.itemId && itemTitle(n.itemId)) || '';
  const what = n.outcome ? t(`notice.outcome.${outcomeKey(n.outcome)}`) : n.title;
  return {
    headline: n.outcome ? `${number} · ${what}` : n.title,
    text: t(n.kind === 'commendation' ? 'notice.commendationText' : 'notice.inquiryText', {
      unit,
      item,
      outcome: what,
    }),
  };
}
