/**
 * The public notices (通报) as the district publishes them: in Chinese, naming the unit, the
 * item and the order's official number. Each notice also carries its facts (kind, outcome,
 * order number, unit, item, period) so a reader in another language, or a feed, writes its
 * own sentence from them instead of parsing this text.
 */
import type { Effect, Outcome } from './grading.ts';
import type { InquiryTrigger, Order, Unit, UnitType } from './model.ts';

/** The outcome as the notice names it. */
export const OUTCOME_ZH: Readonly<Record<Outcome, string>> = {
  'commendation:first': '一等嘉许',
  'commendation:second': '二等嘉许',
  'commendation:third': '三等嘉许',
  'inquiry:rectified': '问询已整改销号',
  'inquiry:escalated': '问询已问责',
};

/** Why the inquiry order was issued, in a few words. */
export const TRIGGER_ZH: Readonly<Record<InquiryTrigger, string>> = {
  lagging_progress: '进度严重滞后',
  lagging_rank: '排名靠后',
  overdue_milestone: '节点逾期',
  missed_deadline: '超过时限',
  late_acknowledgement: '未按时签收',
  violation: '涉嫌违规',
  not_achieved: '未达预期成效',
};

const UNIT_TYPE_ZH: Readonly<Record<UnitType, string>> = {
  department: '区直部门',
  subdistrict: '街道',
  enterprise: '企业',
};

/** The unit's Chinese name, else its name, else (a unit since removed) its id. */
export function unitNameZh(
  unit: Pick<Unit, 'unitId' | 'name' | 'nameZh'> | undefined,
  unitId: string,
): string {
  return unit?.nameZh ?? unit?.name ?? unitId;
}

export interface OrderNoticeText {
  readonly kind: 'commendation' | 'inquiry';
  readonly outcome: Outcome;
  readonly orderNumber: string;
  readonly title: string;
  readonly body: string;
}

/**
 * The notice an order's outcome warrants under `effect` (`none` → no notice). Inquiries in
 * summary say who, which item, why in a few words and the outcome, no details.
 */
export function orderNotice(
  order: Pick<Order, 'orderType' | 'displayNumber' | 'itemTitle' | 'trigger'>,
  outcome: Outcome,
  effect: Pick<Effect, 'publicNotice'>,
  unitName: string,
): OrderNoticeText | undefined {
  if (effect.publicNotice === 'none') return undefined;
  const what = OUTCOME_ZH[outcome];
  const why = order.trigger ? TRIGGER_ZH[order.trigger] : '问询';
  const kind = order.orderType === 'inquiry' ? 'inquiry' : 'commendation';
  const body =
    kind === 'commendation'
      ? `${unitName}牵头的“${order.itemTitle}”达到预期成效，获${what}。`
      : effect.publicNotice === 'full'
        ? `${unitName}牵头的“${order.itemTitle}”因${why}被发出问询令，结果：${what}。`
        : `${unitName}，“${order.itemTitle}”：${why}；${what}。`;
  return { kind, outcome, orderNumber: order.displayNumber, title: `${order.displayNumber}：${what}`, body };
}

export interface RankedUnit {
  readonly unitId: string;
  readonly peerGroup: UnitType;
  readonly rank: number;
  readonly groupSize: number;
  readonly score: number;
}

/** The monthly ranking notice: each unit's place among its peers, by name. */
export function rankingNotice(
  period: string,
  units: readonly RankedUnit[],
  nameOf: (unitId: string) => string,
): { title: string; body: string } {
  return {
    title: `${period} 月度排名通报`,
    body: units
      .map(
        (u) =>
          `${UNIT_TYPE_ZH[u.peerGroup]}第${u.rank}/${u.groupSize}名：${nameOf(u.unitId)}（${u.score >= 0 ? '+' : ''}${u.score}）`,
      )
      .join('；'),
  };
}
