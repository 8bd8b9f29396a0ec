/**
 * Notification delivery end to end on the local platform (issue 13 §5): settings set through
 * the API, every domain event type put on the local bus (PutEvents, as the relay does) → the
 * declared rule → the delivery queue → the Notify function → a webhook test server (WeCom,
 * DingTalk with its signature, generic) and the local SES catcher (aws-ses-v2-local). A failing
 * webhook is retried and its message lands in the dead-letter queue after the declared
 * receives, the other addresses told once; a redelivered event sends nothing twice.
 *
 * The webhook test server listens on 127.0.0.1, which the public-HTTPS rule refuses: the test
 * exempts its host and port the way a deployment does, through NOTIFY_WEBHOOK_ALLOWED_HOSTS
 * (the services' `webhookAllowedHosts`, context notifyWebhookAllowedHosts in CDK).
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { LocalEventBridge } from '@one-list/local-aws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DOMAIN_EVENT_SOURCE,
  DOMAIN_EVENT_TYPES,
  type DomainEvent,
} from '../../../functions/domain/events.ts';
import { renderMessage } from '../../../functions/domain/messages.ts';
import {
  type LocalSes,
  NOTIFY_DEAD_LETTER_QUEUE,
  NOTIFY_QUEUE,
  notificationServices,
} from '../../../infra/local/platform.ts';
import { DOMAIN_EVENT_BUS, delivery } from '../../../infra/resources/notifications.ts';
import { checkResponse } from '../../support/contract.ts';
import { sampleEvents } from '../../support/domain-events.ts';
import { Api, codeOf, type HttpStack, ok, showReply, startHttpStack, tokenFor } from '../../support/http.ts';

interface Hit {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
}
const hits: Hit[] = [];
let hooks: Server;
let base = '';
let stack: HttpStack;
let bus: LocalEventBridge;
let ses: LocalSes;
let events: EventBridgeClient;
const SECRET = 'SECtest0123456789abcdef';

interface StoredEmail {
  readonly subject: string;
  readonly destination: { readonly to: string[] };
  readonly body: { readonly text?: string };
}
const mails = async (): Promise<StoredEmail[]> =>
  ((await (await fetch(`${ses.url}/store`)).json()) as { emails: StoredEmail[] }).emails;

const put = (list: readonly DomainEvent[]) =>
  events.send(
    new PutEventsCommand({
      Entries: list.map((e) => ({
        EventBusName: DOMAIN_EVENT_BUS.localName,
        Source: DOMAIN_EVENT_SOURCE,
        DetailType: e.type,
        Detail: JSON.stringify(e),
      })),
    }),
  );

const eventIdOf = (h: Hit): string | undefined => {
  const b = h.body as { eventId?: string; markdown?: { content?: string; text?: string } };
  return b.eventId;
};

beforeAll(async () => {
  hooks = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      hits.push({
        path: url.pathname,
        query: url.searchParams,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>,
      });
      if (url.pathname.startsWith('/fail')) {
        res.writeHead(503).end('down');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', r));
  const { port } = hooks.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  stack = await startHttpStack({
    prefix: 'notify',
    services: notificationServices({ retryDelayMs: 40, pollMs: 5, webhookAllowedHosts: `127.0.0.1:${port}` }),
  });
  bus = stack.rt.services.get('eventbridge') as LocalEventBridge;
  ses = stack.rt.services.get('ses') as LocalSes;
  events = new EventBridgeClient({});
  const api = new Api(stack.call, 2022);
  for (const u of ['meilin', 'huafu']) await api.unit(u);

  const office = await tokenFor('office');
  const set = async (path: string, body: unknown, token = office) => {
    const r = await stack.call('POST', path, { token, body });
    expect(() =>
      checkResponse(
        path.includes('desks') ? 'replaceDeskNotifications' : 'replaceUnitNotifications',
        r.status,
        r.body,
      ),
    ).not.toThrow();
    return ok<Record<string, unknown>>(r, 200);
  };
  await set(
    '/v1/units/meilin/notifications',
    {
      emails: ['duban@meilin.example.gov.cn'],
      webhooks: [
        { kind: 'wecom', url: `${base}/wecom/meilin`, label: '项目群' },
        { kind: 'dingtalk', url: `${base}/dingtalk/meilin?access_token=t`, secret: SECRET },
        { kind: 'generic', url: `${base}/generic/meilin` },
      ],
    },
    await tokenFor('unit', { unitId: 'meilin' }),
  );
  await set('/v1/units/huafu/notifications', {
    emails: ['duban@huafu.example.gov.cn'],
    webhooks: [{ kind: 'generic', url: `${base}/fail/huafu` }],
  });
  await set('/v1/notifications/desks/office', {
    emails: ['office@hq.example.gov.cn'],
    webhooks: [{ kind: 'generic', url: `${base}/generic/office` }],
  });
}, 60_000);

afterAll(async () => {
  events?.destroy();
  await stack?.stop();
  await new Promise((r) => hooks?.close(r));
});

describe('notification settings', () => {
  it('a read shows the signing secret as a hint only; a replace without it keeps it', async () => {
    const token = await tokenFor('office');
    const r = await stack.call('GET', '/v1/units/meilin/notifications', { token });
    expect(() => checkResponse('getUnitNotifications', r.status, r.body)).not.toThrow();
    const v = ok<{ webhooks: { kind: string; secretHint?: string }[] }>(r, 200);
    expect(r.text).not.toContain(SECRET);
    expect(v.webhooks.find((w) => w.kind === 'dingtalk')?.secretHint).toBe('SEC••••ef');
  });

  it('refuses a webhook on a private address or another robot host, naming the field; changes nothing', async () => {
    const token = await tokenFor('office');
    for (const url of [
      'https://10.0.0.8/hook',
      'https://169.254.169.254/latest',
      `http://127.0.0.1:1/hook`,
    ]) {
      const r = await stack.call('POST', '/v1/units/huafu/notifications', {
        token,
        body: { emails: [], webhooks: [{ kind: 'generic', url }] },
      });
      expect(r.status, showReply(r)).toBe(400);
      expect(codeOf(r)).toBe('validation.failed');
      expect(JSON.stringify(r.body)).toContain('webhooks.0.url');
    }
    const wecom = await stack.call('POST', '/v1/units/huafu/notifications', {
      token,
      body: { emails: [], webhooks: [{ kind: 'wecom', url: 'https://hooks.example.com/wecom' }] },
    });
    expect(JSON.stringify(wecom.body)).toContain('webhook.wecom_host');
    const after = ok<{ webhooks: { url: string }[] }>(
      await stack.call('GET', '/v1/units/huafu/notifications', { token }),
      200,
    );
    expect(after.webhooks.map((w) => w.url)).toEqual([`${base}/fail/huafu`]);
  });

  it("a unit cannot read or set another unit's settings", async () => {
    const token = await tokenFor('unit', { unitId: 'huafu' });
    expect((await stack.call('GET', '/v1/units/meilin/notifications', { token })).status).toBe(403);
    const r = await stack.call('POST', '/v1/units/meilin/notifications', {
      token,
      body: { emails: [], webhooks: [] },
    });
    expect(r.status).toBe(403);
  });
});

describe('delivery through the local bus → queue → Notify', () => {
  const all = sampleEvents(['meilin'], ['office'], 'all');

  it('every event type reaches every webhook of its unit and desk and an e-mail each, once', async () => {
    const out = await put(all.slice(0, 5));
    const rest = await put(all.slice(5));
    expect((out.FailedEntryCount ?? 0) + (rest.FailedEntryCount ?? 0)).toBe(0);
    await bus.drain(20_000);
    const generic = hits.filter((h) => h.path === '/generic/meilin');
    expect(generic.map(eventIdOf).sort()).toEqual(all.map((e) => e.eventId).sort());
    expect(hits.filter((h) => h.path === '/generic/office')).toHaveLength(all.length);
    // The robots get each event's Chinese message as markdown.
    const wecom = hits.filter((h) => h.path === '/wecom/meilin');
    expect(wecom).toHaveLength(all.length);
    for (const e of all) {
      const title = renderMessage(e).title;
      expect(
        wecom.some((h) =>
          (h.body as { msgtype: string; markdown: { content: string } }).markdown.content.includes(title),
        ),
        e.type,
      ).toBe(true);
    }
    // DingTalk: signed with the secret (timestamp + sign in the query).
    const ding = hits.filter((h) => h.path === '/dingtalk/meilin');
    expect(ding).toHaveLength(all.length);
    for (const h of ding) {
      const ts = h.query.get('timestamp') ?? '';
      expect(h.query.get('access_token')).toBe('t');
      expect(h.query.get('sign')).toBe(
        createHmac('sha256', SECRET).update(`${ts}\n${SECRET}`).digest('base64'),
      );
      expect((h.body as { msgtype: string }).msgtype).toBe('markdown');
    }
    const sent = await mails();
    for (const to of ['duban@meilin.example.gov.cn', 'office@hq.example.gov.cn']) {
      const subjects = sent.filter((m) => m.destination.to.includes(to)).map((m) => m.subject);
      expect(subjects.sort(), to).toEqual(all.map((e) => renderMessage(e).title).sort());
    }
    expect(sent.find((m) => m.subject.includes('福田责〔2022〕3号'))?.body.text).toContain(
      '梅林片区城市更新',
    );
    expect(new Set(all.map((e) => e.type))).toEqual(new Set(DOMAIN_EVENT_TYPES));
  });

  it('a redelivered event sends nothing twice', async () => {
    const before = { hits: hits.length, mails: (await mails()).length };
    await put(all.slice(0, 3));
    await bus.drain(20_000);
    expect(hits.length).toBe(before.hits);
    expect((await mails()).length).toBe(before.mails);
  });

  it('a failing webhook is retried, then its message lands in the dead-letter queue; the other addresses are told once', async () => {
    const [urged] = sampleEvents(['huafu', 'meilin'], [], 'fail').filter((e) => e.type === 'ItemUrged');
    const before = {
      generic: hits.filter((h) => h.path === '/generic/meilin').length,
      mails: (await mails()).length,
    };
    await put([urged!]);
    await bus.drain(20_000);
    expect(hits.filter((h) => h.path === '/fail/huafu' && eventIdOf(h) === urged!.eventId)).toHaveLength(
      delivery.queue.maxReceiveCount,
    );
    expect(hits.filter((h) => h.path === '/generic/meilin').length).toBe(before.generic + 1);
    // Huafu's and Meilin's e-mails: one each, though the message was received five times.
    expect((await mails()).length).toBe(before.mails + 2);
    const dead = bus.messages(NOTIFY_DEAD_LETTER_QUEUE);
    expect(dead).toHaveLength(1);
    expect(JSON.parse(dead[0]!.body)).toMatchObject({
      source: 'one-list',
      'detail-type': 'ItemUrged',
      detail: { eventId: urged!.eventId },
    });
    expect(bus.messages(NOTIFY_QUEUE)).toEqual([]);
  });

  it('the test message goes to every address of the settings at once, and says which failed', async () => {
    const r = await stack.call('POST', '/v1/units/huafu/notifications/test', {
      token: await tokenFor('office'),
      body: {},
    });
    expect(() => checkResponse('testUnitNotifications', r.status, r.body)).not.toThrow();
    expect(ok(r, 200)).toEqual({
      sent: 1,
      failed: [{ channel: 'generic', target: base.slice(7), error: 'HTTP 503' }],
    });
    const desk = await stack.call('POST', '/v1/notifications/desks/office/test', {
      token: await tokenFor('office'),
      body: {},
    });
    expect(ok(desk, 200)).toEqual({ sent: 2, failed: [] });
    expect((await mails()).at(-1)?.subject).toBe('【测试消息】一单三令通知设置');
  });
});
