/**
 * Who is told, and where (issue 13 §5, the delivering half): the notification settings of a
 * unit or of a desk at headquarters — at most five e-mail addresses and five robot webhooks
 * (WeCom, DingTalk, or a generic HTTPS endpoint that receives the event's JSON).
 *
 * The webhook rule (`webhookUrlProblem`): HTTPS only; a WeCom robot on `qyapi.weixin.qq.com`,
 * a DingTalk robot on `oapi.dingtalk.com`; a generic URL on any public host — never localhost,
 * a private, loopback, link-local or unspecified address written as a literal (a host name is
 * not resolved here). The only exceptions are the hosts the deployment lists in its environment
 * (`NOTIFY_WEBHOOK_ALLOWED_HOSTS`, e.g. a district's robot gateway inside its own network, or a
 * test's local server): on those `http:` is accepted too. Pure: no I/O.
 */
import * as z from 'zod/mini';
import { HqDesk, Id, Line } from './model.ts';

export const MAX_EMAILS = 5;
export const MAX_WEBHOOKS = 5;
export const MAX_WEBHOOK_URL = 1000;
export const MAX_SECRET = 200;

/** The variable listing the hosts (`host` or `host:port`, comma-separated) exempt from the public-HTTPS rule. */
export const WEBHOOK_ALLOWED_HOSTS_ENV = 'NOTIFY_WEBHOOK_ALLOWED_HOSTS';

/** The variables the delivery reads (set on the senders by the stack from context, infra/resources/notifications.ts). */
export const DELIVERY_ENV = {
  /** The verified SES identity's address mail is sent from. */
  sender: 'NOTIFY_SENDER',
  /** A webhook's timeout, in milliseconds. @default 5000 */
  webhookTimeoutMs: 'NOTIFY_WEBHOOK_TIMEOUT_MS',
  /** A claim older than this many seconds was abandoned (the function timed out): claimed again. @default 120 */
  claimStaleSeconds: 'NOTIFY_CLAIM_STALE_SECONDS',
} as const;

export const WEBHOOK_KINDS = ['wecom', 'dingtalk', 'generic'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

/** The official host of each robot kind (generic: any public host). */
export const OFFICIAL_HOSTS: Readonly<Record<Exclude<WebhookKind, 'generic'>, string>> = {
  wecom: 'qyapi.weixin.qq.com',
  dingtalk: 'oapi.dingtalk.com',
};

export const EmailAddress = z
  .string()
  .check(
    z.maxLength(254),
    z.regex(
      /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$/,
      'an e-mail address',
    ),
  );

/** A webhook as stored (the secret in full). */
export const Webhook = z.strictObject({
  get kind() {
    return z.enum(WEBHOOK_KINDS);
  },
  get url() {
    return z.string().check(z.minLength(8), z.maxLength(MAX_WEBHOOK_URL));
  },
  /** A name the unit gives it (e.g. 项目群). */
  get label() {
    return z.optional(Line(60));
  },
  /** DingTalk's signing secret (加签), `SEC…`. */
  get secret() {
    return z.optional(
      z.string().check(z.minLength(1), z.maxLength(MAX_SECRET), z.regex(/^[\x21-\x7e]+$/, 'printable ASCII')),
    );
  },
});
export type Webhook = z.infer<typeof Webhook>;

/** The settings of one recipient (a unit or a desk). */
export const NotificationSettings = z.strictObject({
  get emails() {
    return z.array(EmailAddress).check(z.maxLength(MAX_EMAILS));
  },
  get webhooks() {
    return z.array(Webhook).check(z.maxLength(MAX_WEBHOOKS));
  },
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

/**
 * The body of a replace: as stored, except that a webhook's `secret` may be omitted to keep
 * the one stored for the same URL, or `null` to remove it (a read never shows it in full).
 */
export const ReplaceNotificationSettingsInput = z.strictObject({
  get emails() {
    return z.array(EmailAddress).check(z.maxLength(MAX_EMAILS));
  },
  get webhooks() {
    return z
      .array(
        z.extend(Webhook, {
          get secret() {
            return z.optional(z.nullable(Webhook.shape.secret.def.innerType));
          },
        }),
      )
      .check(z.maxLength(MAX_WEBHOOKS));
  },
});
export type ReplaceNotificationSettingsInput = z.infer<typeof ReplaceNotificationSettingsInput>;

/** Whose settings: a unit's or a desk's. */
export type Recipient = { readonly unitId: string } | { readonly desk: HqDesk };
export const recipientOwner = (r: Recipient): string =>
  'unitId' in r ? `UNIT#${r.unitId}` : `DESK#${r.desk}`;
export const recipientName = (r: Recipient): string => ('unitId' in r ? r.unitId : r.desk);

export const TestMessageInput = z.strictObject({
  /** Omitted: the unit's or desk's whole settings; else one channel. */
  get channel() {
    return z.optional(z.enum(['email', 'webhook']));
  },
});

/** The hosts exempt from the public-HTTPS rule, from the variable's value. */
export function allowedHostsFrom(value: string | undefined): readonly string[] {
  return (value ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
}

const ipv4 = (host: string): number[] | undefined => {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : undefined;
};

/** A literal address (or name) that is not a public Internet host. */
export function isNonPublicHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
  if (host.endsWith('.internal') || host === '') return true;
  const v4 = ipv4(host);
  if (v4) {
    const [a = 0, b = 0] = v4;
    return (
      a === 0 || // unspecified, "this network"
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
      (a === 169 && b === 254) || // link-local (cloud metadata)
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 192 && b === 0) ||
      (a === 198 && (b === 18 || b === 19)) ||
      a >= 224 // multicast, reserved, broadcast
    );
  }
  // Other numeric spellings of IPv4 (decimal, hex, octal: 2130706433, 0x7f.1) — refused.
  if (/^[0-9.]+$/.test(host) || /^0x[0-9a-f.x]+$/i.test(host)) return true;
  if (host.startsWith('[')) {
    const v6 = host.slice(1, -1);
    if (v6 === '::' || v6 === '::1') return true;
    if (/^f[cd]/.test(v6)) return true; // unique local
    if (/^fe[89ab]/.test(v6)) return true; // link-local
    if (/^ff/.test(v6)) return true; // multicast
    const mapped = /^::ffff:(.+)$/.exec(v6);
    if (mapped) return true; // IPv4-mapped: refused whatever it maps to
    return false;
  }
  return false;
}

/**
 * Why a webhook URL is refused (a message key), or undefined when it may be used. `allowed`:
 * the exempt hosts of the deployment (`allowedHostsFrom(process.env[WEBHOOK_ALLOWED_HOSTS_ENV])`).
 */
export function webhookUrlProblem(
  kind: WebhookKind,
  url: string,
  allowed: readonly string[] = [],
): string | undefined {
  if (url.length > MAX_WEBHOOK_URL) return 'webhook.url_too_long';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'webhook.url_invalid';
  }
  if (u.username || u.password) return 'webhook.url_credentials';
  const host = u.hostname.toLowerCase();
  const exempt = allowed.includes(host) || allowed.includes(u.host.toLowerCase());
  if (u.protocol !== 'https:' && !(exempt && u.protocol === 'http:')) return 'webhook.https_required';
  if (kind !== 'generic') {
    if (host !== OFFICIAL_HOSTS[kind] && !exempt) return `webhook.${kind}_host`;
    return undefined;
  }
  if (!exempt && isNonPublicHost(host)) return 'webhook.host_not_public';
  return undefined;
}

/** Each refused webhook of the settings: its index and why. */
export function settingsProblems(
  settings: Pick<NotificationSettings, 'webhooks'>,
  allowed: readonly string[],
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  settings.webhooks.forEach((w, i) => {
    const p = webhookUrlProblem(w.kind, w.url, allowed);
    if (p) problems.push({ path: `webhooks.${i}.url`, message: p });
    if (w.secret && w.kind !== 'dingtalk')
      problems.push({ path: `webhooks.${i}.secret`, message: 'webhook.secret_dingtalk_only' });
  });
  const seen = new Set<string>();
  settings.webhooks.forEach((w, i) => {
    if (seen.has(w.url)) problems.push({ path: `webhooks.${i}.url`, message: 'webhook.duplicate' });
    seen.add(w.url);
  });
  return problems;
}

/** The replace's settings: a secret omitted keeps the one stored for the same URL; `null` removes it. */
export function mergeSecrets(
  input: ReplaceNotificationSettingsInput,
  stored: NotificationSettings | undefined,
): NotificationSettings {
  const emails = [...new Set(input.emails.map((e) => e.trim()))];
  const webhooks = input.webhooks.map(({ secret, ...w }) => {
    const kept =
      secret === undefined
        ? stored?.webhooks.find((s) => s.url === w.url && s.kind === w.kind)?.secret
        : (secret ?? undefined);
    return kept ? { ...w, secret: kept } : w;
  });
  return { emails, webhooks };
}

/** A secret as a read shows it: its first three and last two characters. */
export const secretHint = (secret: string): string =>
  secret.length <= 8 ? '••••' : `${secret.slice(0, 3)}••••${secret.slice(-2)}`;

/** The settings as read: no secret in full. */
export function settingsView(
  owner: Recipient,
  s: NotificationSettings | undefined,
  updatedAt?: string,
): NotificationSettingsView {
  return {
    ...('unitId' in owner ? { unitId: owner.unitId } : { desk: owner.desk }),
    emails: s?.emails ?? [],
    webhooks: (s?.webhooks ?? []).map(({ secret, ...w }) => ({
      ...w,
      ...(secret ? { secretHint: secretHint(secret) } : {}),
    })),
    ...(updatedAt ? { updatedAt } : {}),
  };
}

export const WebhookView = z.extend(z.omit(Webhook, { secret: true }), {
  /** The signing secret's hint (its ends), when one is set; never the secret. */
  get secretHint() {
    return z.optional(z.string().check(z.maxLength(16)));
  },
});

export const NotificationSettingsView = z.strictObject({
  get unitId() {
    return z.optional(Id);
  },
  get desk() {
    return z.optional(HqDesk);
  },
  get emails() {
    return z.array(EmailAddress).check(z.maxLength(MAX_EMAILS));
  },
  get webhooks() {
    return z.array(WebhookView).check(z.maxLength(MAX_WEBHOOKS));
  },
  get updatedAt() {
    return z.optional(z.iso.datetime({ offset: true }));
  },
});
export type NotificationSettingsView = z.infer<typeof NotificationSettingsView>;

/** A delivery channel of one recipient: an e-mail address, or a webhook of a kind. */
export type Channel =
  | { readonly channel: 'email'; readonly address: string }
  | { readonly channel: WebhookKind; readonly address: string; readonly secret?: string };

/** The channels of the settings, one per address. */
export function channelsOf(s: NotificationSettings | undefined): Channel[] {
  if (!s) return [];
  return [
    ...s.emails.map((address) => ({ channel: 'email' as const, address })),
    ...s.webhooks.map((w) => ({
      channel: w.kind,
      address: w.url,
      ...(w.secret ? { secret: w.secret } : {}),
    })),
  ];
}

export const TestMessageResult = z.strictObject({
  get sent() {
    return z.number().check(z.int(), z.gte(0), z.lte(MAX_EMAILS + MAX_WEBHOOKS));
  },
  get failed() {
    return z.array(
      z.strictObject({
        get channel() {
          return z.enum(['email', ...WEBHOOK_KINDS]);
        },
        /** The e-mail address, or the webhook's host (never its path, which holds the robot's key). */
        get target() {
          return z.string().check(z.maxLength(254));
        },
        get error() {
          return z.string().check(z.maxLength(300));
        },
      }),
    );
  },
});
export type TestMessageResult = z.infer<typeof TestMessageResult>;
