import { describe, expect, it } from 'vitest';
import { DOMAIN_EVENT_TYPES } from '../../../functions/domain/events.ts';
import { messageMarkdown, messageText, renderMessage } from '../../../functions/domain/messages.ts';
import {
  allowedHostsFrom,
  mergeSecrets,
  NotificationSettingsView,
  settingsProblems,
  settingsView,
  webhookUrlProblem,
} from '../../../functions/domain/notification-settings.ts';
import { sampleEvents } from '../../support/domain-events.ts';

describe('messages (one per event type, in Chinese)', () => {
  const events = sampleEvents(['meilin'], ['office'], 't');
  it('covers every event type', () => {
    expect(events.map((e) => e.type).sort()).toEqual([...DOMAIN_EVENT_TYPES].sort());
  });
  const expected: Record<string, RegExp[]> = {
    OrderIssued: [/责任令/, /福田责〔2022〕3号/, /签收期限：2022年7月20日/],
    ReminderDue: [/红灯/, /完成时限已到期/, /2022年12月31日/],
    InquiryAnswerDue: [/福田问〔2022〕1号/, /答复期限：2022年7月22日/],
    InquiryAnswerOverdue: [/逾期/, /福田问〔2022〕1号/],
    ClaimWindowClosing: [/揭榜即将截止/, /2022年7月1日 18:00/],
    AwardDecided: [/meilin 牵头/, /huafu/, /福田责〔2022〕3号/],
    ExtensionDecided: [/已批准/, /由2022年12月31日延至2023年3月31日/],
    ItemUrged: [/第2次催办/, /请本周内提交进度/],
    AwardWaiting: [/3份揭榜申请/, /2022年7月2日 09:00/],
  };
  for (const e of events) {
    it(`${e.type}: title and text name the item and what is due`, () => {
      const m = renderMessage(e);
      const text = messageText(m);
      expect(text).toContain('梅林片区城市更新');
      for (const re of expected[e.type] ?? []) expect(text).toMatch(re);
      expect(messageMarkdown(m)).toMatch(/^### 【/);
    });
  }
  it('a rejected extension and a yellow reminder say so', () => {
    const [, reminder, , , , , ext] = events;
    expect(messageText(renderMessage({ ...reminder!, color: 'yellow' } as never))).toMatch(
      /黄灯.*\n.*即将到期/,
    );
    expect(messageText(renderMessage({ ...ext!, approved: false } as never))).toMatch(
      /未获批准，仍按2022年12月31日/,
    );
  });
});

describe('webhook URLs', () => {
  it('robots only on their official hosts, HTTPS only', () => {
    expect(
      webhookUrlProblem('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc'),
    ).toBeUndefined();
    expect(
      webhookUrlProblem('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=x'),
    ).toBeUndefined();
    expect(webhookUrlProblem('wecom', 'https://evil.example.com/cgi-bin/webhook/send')).toBe(
      'webhook.wecom_host',
    );
    expect(webhookUrlProblem('dingtalk', 'http://oapi.dingtalk.com/robot/send')).toBe(
      'webhook.https_required',
    );
    expect(webhookUrlProblem('generic', 'not a url')).toBe('webhook.url_invalid');
    expect(webhookUrlProblem('generic', 'https://u:p@hooks.example.com/')).toBe('webhook.url_credentials');
    expect(webhookUrlProblem('generic', `https://hooks.example.com/${'a'.repeat(1000)}`)).toBe(
      'webhook.url_too_long',
    );
  });
  it('generic: public hosts only, by literal', () => {
    expect(webhookUrlProblem('generic', 'https://hooks.example.com/one-list')).toBeUndefined();
    expect(webhookUrlProblem('generic', 'https://8.8.8.8/x')).toBeUndefined();
    for (const host of [
      'localhost',
      'app.localhost',
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '0.0.0.0',
      '100.64.0.1',
      '2130706433',
      '0x7f.1',
      '[::1]',
      '[fd00::1]',
      '[fe80::1]',
      '[::ffff:127.0.0.1]',
    ]) {
      expect(webhookUrlProblem('generic', `https://${host}/x`), host).toBe('webhook.host_not_public');
    }
  });
  it('the hosts the deployment exempts pass, over http too; no other', () => {
    const allowed = allowedHostsFrom(' 127.0.0.1:4321 , gateway.district.internal');
    expect(webhookUrlProblem('generic', 'http://127.0.0.1:4321/hook', allowed)).toBeUndefined();
    expect(webhookUrlProblem('wecom', 'http://127.0.0.1:4321/cgi-bin/webhook/send', allowed)).toBeUndefined();
    expect(webhookUrlProblem('generic', 'http://127.0.0.1:4322/hook', allowed)).toBe(
      'webhook.https_required',
    );
    expect(webhookUrlProblem('generic', 'https://gateway.district.internal/x', allowed)).toBeUndefined();
    expect(allowedHostsFrom(undefined)).toEqual([]);
  });
  it('settings: a secret on a non-DingTalk robot and a duplicate URL are refused', () => {
    const url = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k';
    expect(
      settingsProblems(
        {
          webhooks: [
            { kind: 'wecom', url, secret: 'SECabc' },
            { kind: 'wecom', url },
          ],
        },
        [],
      ),
    ).toEqual([
      { path: 'webhooks.0.secret', message: 'webhook.secret_dingtalk_only' },
      { path: 'webhooks.1.url', message: 'webhook.duplicate' },
    ]);
  });
});

describe('secrets', () => {
  const url = 'https://oapi.dingtalk.com/robot/send?access_token=t';
  const stored = {
    emails: [],
    webhooks: [{ kind: 'dingtalk' as const, url, secret: 'SEC0123456789abcdef' }],
  };
  it('a replace without the secret keeps it; null removes it; a new one replaces it', () => {
    expect(
      mergeSecrets({ emails: [], webhooks: [{ kind: 'dingtalk', url }] }, stored).webhooks[0]?.secret,
    ).toBe('SEC0123456789abcdef');
    expect(
      mergeSecrets({ emails: [], webhooks: [{ kind: 'dingtalk', url, secret: null }] }, stored).webhooks[0],
    ).toEqual({ kind: 'dingtalk', url });
    expect(
      mergeSecrets({ emails: [], webhooks: [{ kind: 'dingtalk', url, secret: 'SECnew' }] }, stored)
        .webhooks[0]?.secret,
    ).toBe('SECnew');
  });
  it('a read shows a hint, never the secret', () => {
    const v = settingsView({ unitId: 'meilin' }, stored);
    expect(JSON.stringify(v)).not.toContain('0123456789');
    expect(v.webhooks[0]?.secretHint).toBe('SEC••••ef');
    expect(NotificationSettingsView.parse(v)).toEqual(v);
  });
});
