/// <reference lib="dom" />
/**
 * Every role's work in real Chromium against the local system with the demo year (the one
 * system the e2e files share, global-system.ts; each file acts on subjects of its own): the
 * seed loop from a published batch to a commendation in the public notices and the unit's ledger; an inquiry from an inspector's report to its
 * close-out; what a unit's session cannot do; a manager's progress report on a phone.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { newPage, seriousViolations, useSystem } from './support.ts';

let base: string;
let browser: Browser;

useSystem((s) => {
  ({ base, browser } = s);
});

/** A fresh browser session signed in as the identity the sign-in page names `who`. */
async function as(
  who: string | RegExp,
  path = '/work',
  viewport = { width: 1280, height: 800 },
): Promise<Page> {
  const { page, errors } = await newPage(browser, viewport);
  open.add(page);
  await page.goto(`${base}/sign-in`);
  await page.waitForSelector('.identities button');
  await page.getByRole('button', { name: who, exact: typeof who === 'string' }).click();
  await page.waitForURL(/\/inbox$/);
  await page.goto(`${base}${path}`);
  await page.waitForSelector('main h1');
  expect(errors).toEqual([]);
  return page;
}

const open = new Set<Page>();
const close = async (page: Page) => {
  open.delete(page);
  await page.context().close();
};

// On a failure, what the open pages showed (the API's refusals among it).
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail')
    for (const p of open)
      console.error(
        `${p.url()}\n${await p
          .locator('main')
          .textContent()
          .catch(() => '')}`,
      );
  for (const p of open) await close(p);
});
const row = (page: Page, scope: string, title: string) =>
  page.locator(scope, { has: page.locator('.item-title', { hasText: title }) });

/**
 * Waits for what the workflows write after a command (orders, notices, ledger entries): reloads
 * the page until `find` matches, then gives the match.
 */
async function seen(page: Page, find: () => Locator): Promise<Locator> {
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      await find().first().waitFor({ timeout: 3000 });
      return find().first();
    } catch (e) {
      if (Date.now() > until) throw e;
      await page.reload();
      await page.waitForSelector('main h1');
    }
  }
}

/** Waits until nothing matches (a row leaves its list once its command went through). */
async function gone(l: Locator): Promise<void> {
  await expect.poll(() => l.count(), { timeout: 60_000, interval: 250 }).toBe(0);
}

/** The system's Beijing date plus `days` (YYYY-MM-DD). */
async function systemDatePlus(days: number): Promise<string> {
  const h = (await (await fetch(`${base}/v1/health`)).json()) as { time: string };
  return new Date(new Date(h.time).getTime() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

describe('the seed loop through the console', () => {
  it('publish → two claims → award (the other declined) → acknowledge → progress with a milestone → completion → verification → commendation in the notices and the ledger', async () => {
    // The office accepts the demo's pending proposal (a class B draft now), then publishes it
    // with a claim window.
    const desk = await as('督查督办办公室');
    const proposal = desk.locator('section[aria-labelledby="pr-h"] .item-row').first();
    // By its title: other files' drafts may stand beside it on the shared system.
    const title = (await proposal.locator('.item-title').textContent()) ?? '';
    expect(title).not.toBe('');
    await proposal.getByLabel('审核意见').selectOption('accept');
    await proposal.getByRole('button', { name: '提交决定' }).click();
    await desk.getByText('暂无待审核的申报。').waitFor();
    await close(desk);
    const office = await as('督查督办办公室', '/office');
    await office.waitForSelector('.publish input[type="checkbox"]');
    await row(office, '.publish li', title).locator('input[type="checkbox"]').check();
    await office.getByLabel('批次名称').fill('第二批（端到端测试）');
    await office.getByLabel('揭榜截止日（北京时间）').fill(await systemDatePlus(10));
    await office.getByRole('button', { name: '发布 1 项' }).click();
    await office.waitForSelector('main [role="status"]');
    await close(office);

    // Two units claim it, each with a plan and a project manager.
    let managerName = '';
    for (const [unit, plan] of [
      ['香蜜湖街道', '香蜜湖：每周现场调度，年底前完成。'],
      ['园岭街道', '园岭：分三阶段推进。'],
    ] as const) {
      const u = await as(unit);
      const r = row(u, '.claim-row', title);
      await r.getByLabel('揭榜方案').fill(plan);
      if (unit === '香蜜湖街道')
        managerName = (await r.getByLabel('项目经理').locator('option:checked').textContent()) ?? '';
      await r.getByRole('button', { name: '揭榜' }).click();
      await r.locator('.claim-status', { hasText: '待挂帅' }).waitFor();
      await close(u);
    }
    expect(managerName).not.toBe('');

    // The commander sees both plans side by side and awards 香蜜湖.
    const cmd = await as('总指挥（指挥部）');
    const award = cmd.locator('.award', { has: cmd.locator('.item-title', { hasText: title }) });
    await award.locator('.claim-card').nth(1).waitFor();
    expect(await award.locator('.claim-card .plan').allInnerTexts()).toEqual(
      expect.arrayContaining(['香蜜湖：每周现场调度，年底前完成。', '园岭：分三阶段推进。']),
    );
    const card = award.locator('.claim-card', { hasText: '香蜜湖街道' });
    await card.getByRole('button', { name: '挂帅' }).click();
    // Awarded, it leaves the claims to award.
    await gone(award);
    await close(cmd);

    // 园岭 sees its claim declined.
    const other = await as('园岭街道');
    await seen(other, () => row(other, '.claim-row', title).locator('.claim-status', { hasText: '未获选' }));
    await close(other);

    // 香蜜湖 acknowledges the responsibility order.
    const unit = await as('香蜜湖街道');
    const mine = row(unit, '.work-item', title);
    await seen(unit, () => mine.getByRole('button', { name: '签收' }));
    await mine.getByRole('button', { name: '签收' }).click();
    await mine.locator('summary', { hasText: '进度与完成' }).waitFor();
    await close(unit);

    // Its project manager reports progress with a milestone done.
    const mgr = await as(`${managerName}（香蜜湖街道项目经理）`);
    const item = row(mgr, '.work-item', title);
    await seen(mgr, () => item.locator('summary', { hasText: '进度与完成' }));
    await item.locator('summary', { hasText: '进度与完成' }).click();
    const progress = item.locator('form.work-progress');
    await progress.getByLabel('完成百分比').fill('80');
    await progress.getByLabel('进展说明').fill('主体工程完成（端到端测试）');
    await progress.locator('.milestones input[type="checkbox"]').first().check();
    await progress.getByRole('button', { name: '提交进度反馈' }).click();
    await progress.locator('[role="status"]').waitFor();
    await close(mgr);

    // The unit reports completion.
    const unit2 = await as('香蜜湖街道');
    const done = row(unit2, '.work-item', title);
    await done.locator('summary', { hasText: '进度与完成' }).click();
    await done.getByLabel('完成情况').fill('全部目标达成（端到端测试）');
    await done.getByRole('button', { name: '报告完成' }).click();
    await done.locator('.tag', { hasText: '待验收' }).waitFor();
    await close(unit2);

    // The office verifies it with a grade.
    const office2 = await as('督查督办办公室');
    const v = row(office2, '.verify', title);
    await seen(office2, () => v);
    await v.getByLabel('核验结论').selectOption('second');
    await v.getByRole('button', { name: '核验' }).click();
    await gone(v);
    await close(office2);

    // The commendation in the public notices and in the unit's ledger.
    const pub = await browser.newPage();
    await pub.goto(`${base}/notices`);
    await pub.waitForSelector('main h1');
    await seen(pub, () => pub.locator('.notice', { hasText: title }));
    expect(await pub.locator('.notice', { hasText: title }).first().textContent()).toContain('二等嘉许');
    await pub.context().close();
    const unit3 = await as('香蜜湖街道');
    await seen(unit3, () => unit3.locator('.ledger-entry', { hasText: '二等嘉许' }));
    expect(await unit3.locator('.ledger-entry', { hasText: /福田嘉〔2022〕\d+号/ }).count()).toBeGreaterThan(
      0,
    );
    // Its project manager's ledger, opened from the unit's: the same commendation.
    const manager = unit3.locator('[data-person-ledger]', { hasText: managerName });
    await manager.locator('summary').click();
    await manager.locator('.ledger-entry', { hasText: '二等嘉许' }).first().waitFor();
    await close(unit3);
  });
});

describe('an inquiry through the console', () => {
  it('the inspector reports a violation → the unit answers with a rectification plan → the office closes it as rectified', async () => {
    const insp = await as('纪检监察');
    const select = insp.getByLabel('事项');
    const option = insp.locator('#vi-item option', { hasText: '香蜜湖街道' }).first();
    const itemId = (await option.getAttribute('value')) ?? '';
    const itemTitle = ((await option.textContent()) ?? '').replace(/（[^（]*）$/, '');
    await select.selectOption(itemId);
    await insp.getByLabel('情况说明').fill('工程款支付涉嫌违规（端到端测试）');
    await insp.getByRole('button', { name: '报告涉嫌违规' }).click();
    await insp.locator('[role="status"]').waitFor();
    // The inquiry appears to follow (the workflow issues it).
    await expect
      .poll(
        async () => {
          await insp.reload();
          await insp.waitForSelector('#vf-h');
          return insp.locator('.inquiry', { hasText: itemTitle }).count();
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    await close(insp);

    const unit = await as('香蜜湖街道');
    const found = await seen(unit, () =>
      unit
        .locator('.inquiry', { hasText: itemTitle })
        .filter({ hasText: '涉嫌违规' })
        .filter({ has: unit.locator('form') }),
    );
    const q = unit.locator(`.inquiry[data-order="${await found.getAttribute('data-order')}"]`);
    await q.getByLabel('书面答复').fill('已核查，情况属实。');
    await q.getByLabel('整改方案').fill('一周内完成整改并规范支付流程。');
    await q.getByRole('button', { name: '提交答复' }).click();
    await q.locator('.tag', { hasText: '已答复' }).waitFor();
    await close(unit);

    const office = await as('督查督办办公室');
    const d = await seen(office, () => office.locator('.inquiry', { hasText: itemTitle }));
    expect(await d.textContent()).toContain('一周内完成整改并规范支付流程。');
    await d.getByLabel('结论').selectOption('rectified');
    await d.getByLabel('意见').fill('整改到位，予以销号。');
    await d.getByRole('button', { name: '提交决定' }).click();
    // Decided, it leaves the inquiries to decide.
    await gone(d);
    await close(office);

    const insp2 = await as('纪检监察');
    await seen(insp2, () => insp2.locator('.inquiry', { hasText: itemTitle }).filter({ hasText: '已整改' }));
    await close(insp2);
  });

  it('shows the API’s refusal of an evaluation of a period not ended', async () => {
    const office = await as('督查督办办公室');
    const today = await systemDatePlus(0);
    await office.getByLabel('评估月份（YYYY-MM）').fill(today.slice(0, 7));
    await office.getByRole('button', { name: '运行评估' }).click();
    await office.locator('[role="alert"] code', { hasText: 'evaluation.period_not_ended' }).waitFor();
    expect(await seriousViolations(office)).toEqual([]);
    await close(office);
  });
});

describe('a unit’s session', () => {
  it('sees no office or headquarters work, and the API refuses those commands when tried directly', async () => {
    const page = await as('香蜜湖街道');
    expect(await page.locator('main h1').allInnerTexts()).toEqual(['工作台']);
    expect(await page.locator('#pr-h, #vc-h, #qd-h, #ev-h, #ca-h').count()).toBe(0);
    const statuses = await page.evaluate(async () => {
      const s = JSON.parse(localStorage.getItem('one-list.session') ?? '{}') as { token: string };
      const post = (path: string, body: unknown) =>
        fetch(path, {
          method: 'POST',
          headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then((r) => r.status);
      return [
        await post('/v1/evaluations', { period: '2022-05' }),
        await post('/v1/items/T-2022-001/completion/verification', { achieved: true, grade: 'first' }),
        await post('/v1/orders/2022-INQ-0001/decision', { outcome: 'rectified', note: 'x' }),
      ];
    });
    expect(statuses).toEqual([403, 403, 403]);
    // Its deadline reminders, as the API answers them, each named by its item's title.
    const reminders = await page.evaluate(async () => {
      const s = JSON.parse(localStorage.getItem('one-list.session') ?? '{}') as {
        token: string;
        unitId: string;
      };
      const r = await fetch(`/v1/units/${s.unitId}/reminders?limit=100`, {
        headers: { authorization: `Bearer ${s.token}` },
      });
      return ((await r.json()) as { items: { color: string }[] }).items.map((x) => x.color);
    });
    expect(reminders.length).toBeGreaterThan(0);
    await page.waitForSelector('#rm-h ~ ul [data-reminder]');
    expect(
      await page
        .locator('[data-reminder]')
        .evaluateAll((ls) => ls.map((l) => l.getAttribute('data-reminder'))),
    ).toEqual(reminders);
    const first = await page.locator('[data-reminder] a').first().textContent();
    expect(first).not.toMatch(/^[A-Z]-\d{4}-\d+$/);
    expect(await page.locator('[data-reminder]').first().textContent()).toMatch(/到期|完成时限/);
    await page.waitForSelector('.ledger .figures');
    expect(await seriousViolations(page)).toEqual([]);
    await close(page);
  });

  it('lets a project manager report progress from a phone (390×844)', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${base}/sign-in`);
    await page.waitForSelector('.identities button');
    await page.locator('.identities button', { hasText: '香蜜湖街道项目经理' }).first().click();
    await page.waitForURL(/\/inbox$/);
    await page.goto(`${base}/work`);
    const item = page
      .locator('.work-item', { has: page.locator('summary', { hasText: '进度与完成' }) })
      .first();
    await item.locator('summary', { hasText: '进度与完成' }).click();
    const form = item.locator('form.work-progress');
    const pct = form.getByLabel('完成百分比');
    await pct.fill(String(Math.min(100, Number(await pct.inputValue()) + 1)));
    await form.getByLabel('进展说明').fill('现场核查完成（手机端到端测试）');
    await form.getByRole('button', { name: '提交进度反馈' }).click();
    await form.locator('[role="status"]').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });
});

describe('the office’s drafts and rules', () => {
  it('creates a draft project with its stage and investment, edits it, and shows the API’s refusal beside the field', async () => {
    const office = await as('督查督办办公室', '/office');
    const title = `端到端测试项目 ${randomUUID().slice(0, 6)}`;
    await office.getByRole('button', { name: '新建草稿' }).click();
    const form = office.locator('form.draft-form');
    await form.getByLabel('类型').selectOption('project');
    await form.getByLabel('标题').fill(title);
    await form.getByLabel('项目阶段').selectOption('preliminary');
    await form.getByLabel('总投资').fill('12');
    await form.getByLabel('年度投资目标').fill('3000');
    await form.locator('[data-name="project.annualInvestmentTarget"] select').selectOption('wan');
    await form.getByRole('button', { name: '创建草稿' }).click();
    await office.locator('.saved-note', { hasText: `已创建草稿：${title}` }).waitFor();

    // In the drafts list (found by its title), with its stage and its money as the board reads it.
    await office.getByLabel('按标题搜索').fill(title);
    const draft = row(office, '.publish .item-row', title);
    await draft.waitFor();
    await expect.poll(() => office.locator('.publish .item-row').count()).toBe(1);
    expect(await draft.textContent()).toMatch(/前期.*总投资 12亿元 · 年度计划投资 3,000万元/);

    // Edited: the annual target to 4 亿元.
    await draft.getByRole('button', { name: `编辑“${title}”` }).click();
    const edit = office.locator('form.draft-form', { hasText: `编辑草稿：${title}` });
    await edit.getByLabel('年度投资目标').fill('4');
    await edit.locator('[data-name="project.annualInvestmentTarget"] select').selectOption('yi');
    await edit.getByRole('button', { name: '保存修改' }).click();
    await office.locator('.saved-note', { hasText: `已保存：${title}` }).waitFor();
    await draft.getByText('年度计划投资 4亿元').waitFor();

    // Above the total: the form hints, sends anyway, and the API's refusal shows beside the field.
    const again = office.locator('form.draft-form', { hasText: `编辑草稿：${title}` });
    await again.getByLabel('年度投资目标').fill('20');
    await again.getByText('提示：年度投资目标不应高于总投资。').waitFor();
    await again.getByRole('button', { name: '保存修改' }).click();
    const refusal = again.locator(
      '[data-name="project.annualInvestmentTarget"] .field-error[data-code="item.edit.inconsistent"]',
    );
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('“年度投资目标”与草稿的其他内容不一致');
    expect(await refusal.locator('code').textContent()).toBe('item.edit.inconsistent');
    // Nothing was written: the draft still reads 4 亿元.
    await office.reload();
    await office.getByLabel('按标题搜索').fill(title);
    await draft.getByText('年度计划投资 4亿元').waitFor();
    expect(await seriousViolations(office)).toEqual([]);
    await close(office);
  });

  it('shows the rules in force with the numbers of the configuration and the domain', async () => {
    const { limits } = await import('../../functions/app/config.ts');
    const { DEFAULT_THRESHOLDS, DUE_SOON_WORKING_DAYS } = await import(
      '../../functions/domain/evaluation.ts'
    );
    const { DEFAULT_RULES } = await import('../../functions/domain/grading.ts');
    const { packageTable } = await import('../../functions/domain/calendar.ts');
    const page = await as('督查督办办公室', '/rules');
    await page.locator('.rules-grading').waitFor();
    expect(await page.locator('main h1').textContent()).toBe('2022年现行规则');
    const rule = (name: string) => page.locator(`[data-rule="${name}"]`).first().textContent();
    const l = limits();
    expect(await rule('acknowledgementWorkingDays')).toBe(`${l.acknowledgementWorkingDays} 个工作日`);
    expect(await rule('acknowledgementGraceWorkingDays')).toBe(
      `${l.acknowledgementGraceWorkingDays} 个工作日`,
    );
    expect(await rule('inquiryAnswerWorkingDays')).toBe(`${l.inquiryAnswerWorkingDays} 个工作日`);
    expect(await rule('red')).toContain(`落后计划 ${DEFAULT_THRESHOLDS.seriousLagPoints} 个百分点`);
    expect(await rule('yellow')).toContain(`${DUE_SOON_WORKING_DAYS} 个工作日内到期`);
    const first = page.locator('tr[data-outcome="commendation:first"]');
    expect(await first.locator('[data-rule="performanceScore"]').textContent()).toBe(
      String(DEFAULT_RULES.effects['commendation:first'].performanceScore),
    );
    expect(await first.locator('[data-rule="brightSpotPoints"]').textContent()).toBe(
      String(DEFAULT_RULES.effects['commendation:first'].brightSpotPoints),
    );
    const escalated = page.locator('tr[data-outcome="inquiry:escalated"]');
    expect(await escalated.locator('[data-rule="performanceScore"]').textContent()).toBe(
      String(DEFAULT_RULES.effects['inquiry:escalated'].performanceScore),
    );
    // The calendar in force for 2022, and whether 2023's is there.
    const y2022 = page.locator('.calendar-year[data-year="2022"]');
    expect(await y2022.textContent()).toContain(`节假日（${packageTable(2022)?.holidays.length} 天）`);
    await page.locator('.calendar-year[data-year="2023"] .calendar-source').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await close(page);
  });
});
