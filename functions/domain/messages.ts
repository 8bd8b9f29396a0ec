/**
 * The message each domain event becomes (issue 13 §5), in Chinese: a title and a few lines
 * naming the item, the order's official number, the date that matters. The same text goes by
 * e-mail (subject + plain body) and to the robots (WeCom/DingTalk markdown). Pure.
 */
import type { DomainEvent } from './events.ts';
import type { HqDesk, OrderType } from './model.ts';

export interface Message {
  readonly title: string;
  /** Lines of plain text (the e-mail body; each a markdown paragraph for the robots). */
  readonly lines: readonly string[];
}

const ORDER_NAMES: Readonly<Record<OrderType, string>> = {
  responsibility: '责任令',
  commendation: '嘉许令',
  inquiry: '问询令',
};

const DESK_NAMES: Readonly<Record<HqDesk, string>> = { commander: '总指挥', office: '指挥部办公室' };

/** 2022-07-15 → 2022年7月15日 */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** An instant in Beijing time: 2022-07-15 18:00. */
export function beijingTime(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const b = new Date(t.getTime() + 8 * 3600_000).toISOString();
  return `${chineseDate(b)} ${b.slice(11, 16)}`;
}

const whatName = (what: string): string =>
  what === 'deadline' ? '完成时限' : what === 'acknowledgement' ? '签收责任令' : `节点“${what}”`;

const extensionTarget = (target: string): string => (target === 'deadline' ? '完成时限' : `节点“${target}”`);

/** The message of an event. */
export function renderMessage(e: DomainEvent): Message {
  const item = `事项：${e.itemTitle}`;
  switch (e.type) {
    case 'OrderIssued': {
      const name = ORDER_NAMES[e.orderType];
      return {
        title: `【${name}】${e.orderNumber}`,
        lines: [
          `已签发${name} ${e.orderNumber}。`,
          item,
          ...(e.dueDate
            ? [`${e.orderType === 'inquiry' ? '书面答复' : '签收'}期限：${chineseDate(e.dueDate)}`]
            : []),
          ...(e.orderType === 'inquiry' && e.trigger ? [`问询事由：${e.trigger}`] : []),
        ],
      };
    }
    case 'ReminderDue':
      return {
        title: `【${e.color === 'red' ? '红灯' : '黄灯'}提醒】${e.itemTitle}`,
        lines: [
          e.color === 'red'
            ? `${whatName(e.what)}已到期或已逾期，请立即办理。`
            : `${whatName(e.what)}即将到期，请抓紧办理。`,
          item,
          `到期日期：${chineseDate(e.dueDate)}`,
        ],
      };
    case 'InquiryAnswerDue':
      return {
        title: `【问询令答复提醒】${e.orderNumber}`,
        lines: [
          `问询令 ${e.orderNumber} 的书面答复即将到期，请按时答复并提交整改方案。`,
          item,
          `答复期限：${chineseDate(e.dueDate)}`,
        ],
      };
    case 'InquiryAnswerOverdue':
      return {
        title: `【问询令答复逾期】${e.orderNumber}`,
        lines: [
          `问询令 ${e.orderNumber} 的书面答复已逾期，已报指挥部。`,
          item,
          `答复期限：${chineseDate(e.dueDate)}`,
        ],
      };
    case 'ClaimWindowClosing':
      return {
        title: `【揭榜即将截止】${e.itemTitle}`,
        lines: [`事项揭榜即将截止，有意牵头的单位请及时揭榜。`, item, `截止时间：${beijingTime(e.closesAt)}`],
      };
    case 'AwardDecided':
      return {
        title: `【揭榜结果】${e.itemTitle}`,
        lines: [
          `揭榜结果已确定：由 ${e.awardedUnitId} 牵头。`,
          item,
          ...(e.orderNumber ? [`责任令：${e.orderNumber}`] : []),
          ...(e.otherUnitIds.length ? [`未获选单位：${e.otherUnitIds.join('、')}`] : []),
        ],
      };
    case 'ExtensionDecided':
      return {
        title: `【延期申请${e.approved ? '已批准' : '未批准'}】${e.itemTitle}`,
        lines: [
          e.approved
            ? `${extensionTarget(e.target)}延期申请已批准：由${chineseDate(e.from)}延至${chineseDate(e.to)}。`
            : `${extensionTarget(e.target)}延期申请未获批准，仍按${chineseDate(e.from)}办理。`,
          item,
        ],
      };
    case 'ItemUrged':
      return {
        title: `【催办】${e.itemTitle}`,
        lines: [
          `指挥部办公室第${e.urgeNo}次催办，请抓紧推进。`,
          item,
          ...(e.note ? [`催办意见：${e.note}`] : []),
        ],
      };
    case 'AwardWaiting':
      return {
        title: `【待定榜】${e.itemTitle}`,
        lines: [
          `事项已有${e.claims}份揭榜申请，自${beijingTime(e.waitingSince)}起等待定榜。`,
          item,
          `请${DESK_NAMES.commander}尽快确定牵头单位。`,
        ],
      };
  }
}

/** The message of a test send, to check a recipient's settings. */
export function testMessage(recipient: string, at: string): Message {
  return {
    title: '【测试消息】一单三令通知设置',
    lines: [
      `这是一条测试消息：${recipient} 的通知设置可以收到一单三令的提醒。`,
      `发送时间：${beijingTime(at)}`,
    ],
  };
}

/** The plain text of a message (e-mail body, WeCom/DingTalk text). */
export const messageText = (m: Message): string => [m.title, ...m.lines].join('\n');

/** The markdown of a message (WeCom and DingTalk robots). */
export const messageMarkdown = (m: Message): string =>
  [`### ${m.title}`, ...m.lines.map((l) => `> ${l}`)].join('\n\n');
