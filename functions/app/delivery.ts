/**
 * Notification delivery (issue 13 §5): a domain event to every address its recipients
 * registered — e-mail through SES v2 `SendEmail`, robots by HTTPS POST — once per (event,
 * channel, address): a delivery record is claimed conditionally before the send and marked
 * sent after it, so a redelivered event sends only what did not go out. A failed address fails
 * the event's message (the queue retries it, then dead-letters it); the others are not sent again.
 *
 * The SES client finds its endpoint in `AWS_ENDPOINT_URL_SESV2` (the local catcher), the sender
 * in `NOTIFY_SENDER`; webhooks go through `fetch` with a timeout and no redirect.
 */
import { createHmac } from 'node:crypto';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { claimDelivery, deliveryTarget, settingsOf, settleDelivery } from '#data/notifications.ts';
import type { DomainEvent } from '#domain/events.ts';
import { type Message, messageMarkdown, messageText, renderMessage, testMessage } from '#domain/messages.ts';
import {
  allowedHostsFrom,
  type Channel,
  channelsOf,
  DELIVERY_ENV,
  type NotificationSettings,
  type Recipient,
  recipientName,
  recipientOwner,
  type TestMessageResult,
  WEBHOOK_ALLOWED_HOSTS_ENV,
  webhookUrlProblem,
} from '#domain/notification-settings.ts';
import { now } from '#lib/clock.ts';

// Imported at the first e-mail, not at module load: the SES SDK costs about 50 ms of a cold
// start, and most invocations of the functions that bundle this module send no e-mail.
let sesSdk: Promise<typeof import('@aws-sdk/client-sesv2')> | undefined;
const sdk = () => {
  sesSdk ??= import('@aws-sdk/client-sesv2');
  return sesSdk;
};
let ses: SESv2Client | undefined;
const sesClient = async () => {
  const { SESv2Client } = await sdk();
  ses ??= new SESv2Client({});
  return ses;
};
/** Clients made for an earlier environment (a local runtime of the same process) are made again. */
export function resetDeliveryClients(): void {
  ses = undefined;
}

const numberEnv = (name: string, fallback: number): number => {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

async function sendEmail(to: string, m: Message): Promise<void> {
  const from = process.env[DELIVERY_ENV.sender];
  if (!from) throw new Error(`no sender address (${DELIVERY_ENV.sender} is not set)`);
  const { SendEmailCommand } = await sdk();
  await (await sesClient()).send(
    new SendEmailCommand({
      FromEmailAddress: from,
      Destination: { ToAddresses: [to] },
      Content: {
        Simple: {
          Subject: { Data: m.title, Charset: 'UTF-8' },
          Body: { Text: { Data: messageText(m), Charset: 'UTF-8' } },
        },
      },
    }),
  );
}

/** DingTalk's signature (加签): HMAC-SHA256 of `timestamp\nsecret` with the secret, base64, in the query. */
export function dingTalkSignedUrl(url: string, secret: string, timestamp: number): string {
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
  const u = new URL(url);
  u.searchParams.set('timestamp', String(timestamp));
  u.searchParams.set('sign', sign);
  return u.toString();
}

/** What each kind of robot is sent. */
export function webhookBody(kind: Channel['channel'], m: Message, payload: unknown): unknown {
  switch (kind) {
    case 'wecom':
      return { msgtype: 'markdown', markdown: { content: messageMarkdown(m) } };
    case 'dingtalk':
      return { msgtype: 'markdown', markdown: { title: m.title, text: messageMarkdown(m) } };
    default:
      return payload;
  }
}

async function postWebhook(c: Channel, m: Message, payload: unknown): Promise<void> {
  const problem = webhookUrlProblem(
    c.channel as 'wecom' | 'dingtalk' | 'generic',
    c.address,
    allowedHostsFrom(process.env[WEBHOOK_ALLOWED_HOSTS_ENV]),
  );
  if (problem) throw new Error(`refused URL (${problem})`);
  const secret = 'secret' in c ? c.secret : undefined;
  const url =
    c.channel === 'dingtalk' && secret ? dingTalkSignedUrl(c.address, secret, now().getTime()) : c.address;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'one-list-notify/1' },
    body: JSON.stringify(webhookBody(c.channel, m, payload)),
    redirect: 'error',
    signal: AbortSignal.timeout(numberEnv(DELIVERY_ENV.webhookTimeoutMs, 5000)),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  // WeCom and DingTalk answer 200 with an error code when they refuse.
  if (c.channel !== 'generic') {
    let code: unknown;
    try {
      code = (JSON.parse(text) as { errcode?: unknown }).errcode;
    } catch {
      code = undefined;
    }
    if (code !== undefined && code !== 0) throw new Error(`robot refused (errcode ${String(code)})`);
  }
}

/** An error's message and, for a failed fetch, its cause's code (ECONNREFUSED, a timeout…). */
const why = (err: unknown): string => {
  const e = err as { message?: string; cause?: { code?: string; message?: string } };
  return [e.message || String(err), e.cause?.code ?? e.cause?.message]
    .filter(Boolean)
    .join(': ')
    .slice(0, 300);
};

const send = (c: Channel, m: Message, payload: unknown): Promise<void> =>
  c.channel === 'email' ? sendEmail(c.address, m) : postWebhook(c, m, payload);

/** A target as reported (never a webhook's path or query, which hold the robot's key). */
const shown = (c: Channel): string => {
  if (c.channel === 'email') return c.address;
  try {
    return new URL(c.address).host;
  } catch {
    return '(invalid URL)';
  }
};

export interface DeliveryReport {
  readonly sent: number;
  /** Sent by an earlier delivery of the same event: not sent again. */
  readonly skipped: number;
  readonly failed: readonly { channel: string; target: string; error: string }[];
}

/** The recipients an event names: its units, then its desks. */
export const recipientsOf = (e: DomainEvent): Recipient[] => [
  ...[...new Set(e.units)].map((unitId) => ({ unitId })),
  ...[...new Set(e.hq)].map((desk) => ({ desk })),
];

/** Delivers an event to every address of its recipients, each at most once. */
export async function deliverEvent(event: DomainEvent): Promise<DeliveryReport> {
  const recipients = recipientsOf(event);
  const settings = await settingsOf(recipients.map(recipientOwner));
  const message = renderMessage(event);
  const channels = new Map<string, Channel>();
  for (const r of recipients)
    for (const c of channelsOf(settings.get(recipientOwner(r)))) channels.set(`${c.channel}#${c.address}`, c); // a shared address is told once
  let sent = 0;
  let skipped = 0;
  const failed: { channel: string; target: string; error: string }[] = [];
  const staleMs = numberEnv(DELIVERY_ENV.claimStaleSeconds, 120) * 1000;
  await Promise.all(
    [...channels.values()].map(async (c) => {
      const d = { eventId: event.eventId, channel: c.channel, target: deliveryTarget(c.address) };
      const at = now();
      const claim = await claimDelivery(d, at.toISOString(), new Date(at.getTime() - staleMs).toISOString());
      if (claim === 'sent') {
        skipped++;
        return;
      }
      if (claim === 'busy') {
        failed.push({ channel: c.channel, target: shown(c), error: 'being sent by another invocation' });
        return;
      }
      try {
        await send(c, message, event);
        await settleDelivery(d, { sentAt: now().toISOString() });
        sent++;
      } catch (err) {
        const error = why(err);
        await settleDelivery(d, { error });
        failed.push({ channel: c.channel, target: shown(c), error });
      }
    }),
  );
  return { sent, skipped, failed };
}

/** A test message to every address of one recipient's settings, sent now (no delivery record). */
export async function sendTestMessage(
  recipient: Recipient,
  settings: NotificationSettings | undefined,
): Promise<TestMessageResult> {
  const at = now().toISOString();
  const m = testMessage(recipientName(recipient), at);
  const payload = { type: 'TestMessage', at, recipient: recipientName(recipient), title: m.title };
  const failed: TestMessageResult['failed'] = [];
  let sent = 0;
  await Promise.all(
    channelsOf(settings).map(async (c) => {
      try {
        await send(c, m, payload);
        sent++;
      } catch (err) {
        failed.push({ channel: c.channel, target: shown(c), error: why(err) });
      }
    }),
  );
  return { sent, failed };
}
