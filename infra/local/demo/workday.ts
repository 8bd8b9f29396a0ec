/**
 * One working day of the demo year: what headquarters, units, project managers and the
 * inspector do on it, decided from the stored state and the story (story.ts). The same
 * routine runs the first-start history through the application commands and the player
 * through the HTTP API; only the `DemoPort` differs, so both tell the same year.
 */
import type { z } from 'zod/mini';
import { beijingDate } from '../../../functions/domain/calendar.ts';
import type {
  CompletionInput,
  InquiryAnswerInput,
  InquiryDecisionInput,
  ProgressInput,
  VerificationInput,
  ViolationInput,
} from '../../../functions/domain/commands.ts';
import type { Item, Order } from '../../../functions/domain/model.ts';
import { DEMO_INDICATOR } from './catalog.ts';
import { inParallel } from './load.ts';
import {
  gradeOf,
  listedInvestment,
  listedPercent,
  milestonesReached,
  reportedPercent,
  storyOf,
  type TaskStory,
} from './story.ts';

export type ProgressBody = z.input<typeof ProgressInput>;
export type CompletionBody = z.input<typeof CompletionInput>;
export type VerificationBody = z.input<typeof VerificationInput>;
export type AnswerBody = z.input<typeof InquiryAnswerInput>;
export type DecisionBody = z.input<typeof InquiryDecisionInput>;
export type ViolationBody = z.input<typeof ViolationInput>;

/** What the day routine needs from the system, each call made by the role that would make it. */
export interface DemoPort {
  /** Every task of the 2022 list, as stored now. */
  tasks(): Promise<Item[]>;
  /** The projects and reforms of 2022 (assigned at the meeting), as stored now. */
  listed(): Promise<Item[]>;
  /** Inquiry orders of 2022 in a status. */
  inquiries(status: 'issued' | 'answered'): Promise<Order[]>;
  /** The orders of one item. */
  ordersOfItem(itemId: string): Promise<Order[]>;
  /** As the item's project manager. */
  reportProgress(item: Item, body: ProgressBody): Promise<void>;
  /** As the item's lead unit. */
  reportCompletion(item: Item, body: CompletionBody): Promise<void>;
  /** As the office. */
  verify(item: Item, body: VerificationBody): Promise<void>;
  /** As the unit the order is addressed to. */
  answer(order: Order, body: AnswerBody): Promise<void>;
  /** As the office. */
  decide(order: Order, body: DecisionBody): Promise<void>;
  /** As an inspector. */
  reportViolation(item: Item, body: ViolationBody): Promise<void>;
}

export interface DayPlan {
  /** Beijing date of the day. */
  readonly today: string;
  /** The monthly progress round: every task at work reports, finished ones report completion. */
  readonly progress?: boolean;
}

export interface DayTally {
  progress: number;
  completions: number;
  verified: number;
  notAchieved: number;
  answered: number;
  rectified: number;
  escalated: number;
  violations: number;
}

export const emptyTally = (): DayTally => ({
  progress: 0,
  completions: 0,
  verified: 0,
  notAchieved: 0,
  answered: 0,
  rectified: 0,
  escalated: 0,
  violations: 0,
});

export function addTally(into: DayTally, more: DayTally): DayTally {
  for (const k of Object.keys(into) as (keyof DayTally)[]) into[k] += more[k];
  return into;
}

const byTitle = (a: { title?: string; itemTitle?: string }, b: { title?: string; itemTitle?: string }) =>
  // One collation on every machine (not the process's locale): the titles are Chinese.
  (a.title ?? a.itemTitle ?? '').localeCompare(b.title ?? b.itemTitle ?? '', 'zh-CN');

function storyFor(title: string): TaskStory | undefined {
  return storyOf({ title });
}

/** Whether the office escalates an answered inquiry (violations are referred on; some answers fall short). */
function escalates(order: Order): boolean {
  return order.trigger === 'violation' || storyFor(order.itemTitle)?.inquiries === 'escalate';
}

/**
 * Runs the day: the office decides inquiries answered on earlier days, units answer the
 * open ones, the office verifies completions reported on earlier days, the inspector files
 * what is due, and on the progress day every task at work reports. Orders are issued one
 * at a time in title order, so their numbers follow the same sequence on every run.
 */
export async function workday(port: DemoPort, plan: DayPlan): Promise<DayTally> {
  const tally = emptyTally();
  const { today } = plan;
  const month = today.slice(0, 7);

  const answered = (await port.inquiries('answered'))
    .filter((o) => o.answer && beijingDate(new Date(o.answer.answeredAt)) < today)
    .sort(byTitle);
  for (const o of answered) {
    const escalate = escalates(o);
    await port.decide(o, {
      outcome: escalate ? 'escalated' : 'rectified',
      note: escalate
        ? o.trigger === 'violation'
          ? '演示虚构决定：移交纪委监委。'
          : '演示虚构决定：整改方案未能解决进度滞后问题。'
        : '演示虚构决定：整改方案切实可行，正在落实。',
    });
    if (escalate) tally.escalated++;
    else tally.rectified++;
  }

  const open = (await port.inquiries('issued')).sort(byTitle);
  for (const o of open) {
    const story = storyFor(o.itemTitle);
    // This unit lets the inquiries of the June evaluation lapse: the workflow escalates them.
    if (story?.inquiries === 'ignore-july' && beijingDate(new Date(o.issuedAt)) <= '2022-07-31') continue;
    await port.answer(o, {
      text: `演示虚构答复：${o.reason ?? '所提问题'}——已会同项目团队分析原因。`,
      rectificationPlan: '演示虚构整改方案：单位负责人每周召开现场会，增派人手，两个月内追上进度。',
    });
    tally.answered++;
  }

  let tasks = await port.tasks();
  const toVerify = tasks
    .filter((t) => t.status === 'completion_reported' && t.completion)
    .filter((t) => beijingDate(new Date(t.completion!.reportedAt)) < today)
    // Close-out only when nothing is open: the office verifies once the inquiries are decided.
    .filter((t) => t.openInquiryIds.length === 0)
    .sort(byTitle);
  for (const t of toVerify) {
    const story = storyOf(t);
    if (!story) continue;
    const failedBefore = (await port.ordersOfItem(t.itemId)).some((o) => o.trigger === 'not_achieved');
    if (story.failsFirstVerification && !failedBefore) {
      await port.verify(t, {
        achieved: false,
        reason: '演示虚构核验：承诺的5家门店仅开业3家，未达到目标。',
      });
      tally.notAchieved++;
    } else {
      await port.verify(t, {
        achieved: true,
        grade: gradeOf(story, failedBefore),
        note: '演示虚构核验：经现场核实，预期成效已实现。',
      });
      tally.verified++;
    }
  }

  for (const t of tasks.sort(byTitle)) {
    const story = storyOf(t);
    if (story?.violationOn !== today) continue;
    if (!['awarded', 'in_progress', 'completion_reported'].includes(t.status)) continue;
    await port.reportViolation(t, {
      description: '演示虚构举报：涉嫌拆分工程合同以规避公开招标。',
      reference: `demo-inspection-${today}`,
    });
    tally.violations++;
  }

  if (plan.progress) {
    tasks = await port.tasks();
    const working = tasks.filter((t) => t.status === 'in_progress' && storyOf(t)).sort(byTitle);
    const finished: Item[] = [];
    // Reports change nothing but their own item: they may go out side by side.
    await inParallel(working, 6, async (t) => {
      const percent = reportedPercent(storyOf(t)!, t, month);
      const reached = milestonesReached(t, percent);
      await port.reportProgress(t, {
        percentComplete: percent,
        ...(reached.length > 0
          ? { milestones: reached.map((milestoneId) => ({ milestoneId, done: true })) }
          : {}),
        narrative: `演示虚构报告（${month}）：已完成${percent}%的工作${
          reached.length > 0 ? `；已达成里程碑 ${reached.join('、')}` : ''
        }。`,
      });
      if (percent === 100) finished.push(t);
    });
    tally.progress += working.length;
    // The projects and reforms report too: on plan, projects with the investment completed.
    const listed = (await port.listed()).filter((i) => i.status === 'in_progress').sort(byTitle);
    await inParallel(listed, 8, async (i) => {
      const percent = listedPercent(i, month);
      const investment = listedInvestment(i, percent);
      await port.reportProgress(i, {
        percentComplete: percent,
        ...(investment !== undefined ? { investmentCompleted: investment } : {}),
        narrative: `演示虚构报告（${month}）：已完成全年工作的${percent}%${
          investment !== undefined ? `，已完成投资${Math.round(investment / 1e4)}万元` : ''
        }。`,
      });
      if (percent === 100) finished.push(i);
    });
    tally.progress += listed.length;
    for (const t of finished.sort(byTitle)) {
      await port.reportCompletion(t, {
        summary: `演示虚构完成报告：“${t.title}”已完成。`,
        results: [{ indicator: DEMO_INDICATOR, actualValue: 100 }],
      });
      tally.completions++;
    }
  }
  return tally;
}
