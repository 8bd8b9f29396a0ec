/**
 * Notification settings (issue 13 §5): who is told, and where. A unit sets its own e-mail
 * addresses and robot webhooks (WeCom, DingTalk with its signing secret, generic HTTPS) and
 * sends itself a test message; the office does the same for any unit and for the
 * headquarters desks (commander, office). The API decides what is allowed and which URLs pass.
 */
import { useEffect, useState } from 'preact/hooks';
import { type ApiError, api, must, type Schemas } from '../api/client.ts';
import { Loading } from '../components/ui.tsx';
import { useT } from '../i18n/index.ts';
import type { Session } from '../lib/session.ts';

type Settings = Schemas['NotificationSettings'];
type TestResult = Schemas['NotificationTestResult'];
type Kind = 'wecom' | 'dingtalk' | 'generic';
interface Row {
  kind: Kind;
  url: string;
  label: string;
  /** A new secret; empty keeps the stored one. */
  secret: string;
  secretHint?: string;
  clearSecret: boolean;
}
type Target = { unitId: string } | { desk: 'commander' | 'office' };

const MAX = 5;

const load = (target: Target): Promise<Settings> =>
  'unitId' in target
    ? must(api.GET('/v1/units/{unitId}/notifications', { params: { path: { unitId: target.unitId } } }))
    : must(api.GET('/v1/notifications/desks/{desk}', { params: { path: { desk: target.desk } } }));

export function SettingsForm({ target }: { target: Target }) {
  const { t } = useT();
  const [emails, setEmails] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<string>();
  /** The API's refusals by field (`webhooks.0.url`…), each shown beside its field. */
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string>();
  const [tested, setTested] = useState<TestResult>();
  const [busy, setBusy] = useState(false);
  /** Which settings the form shows: none until they are read (what is typed before would be overwritten). */
  const [loadedKey, setLoadedKey] = useState<string>();
  const key = 'unitId' in target ? `u-${target.unitId}` : `d-${target.desk}`;

  const show = (s: Settings) => {
    setEmails(s.emails.join('\n'));
    setRows(
      s.webhooks.map((w) => ({
        kind: w.kind,
        url: w.url,
        label: w.label ?? '',
        secret: '',
        clearSecret: false,
        ...(w.secretHint ? { secretHint: w.secretHint } : {}),
      })),
    );
  };

  useEffect(() => {
    setError(undefined);
    setStatus(undefined);
    setTested(undefined);
    setLoadedKey(undefined);
    load(target)
      .then((s) => {
        show(s);
        setLoadedKey(key);
      })
      .catch((e: Error) => setError(e.message));
  }, [key]);

  const problemText = (message: string) =>
    message.startsWith('webhook.') ? t(`delivery.problem.${message}`) : message;
  const explain = (e: ApiError) =>
    [e.message, ...(e.details ?? []).map((d) => `${d.path}: ${problemText(d.message)}`)].join('；');

  async function save() {
    setBusy(true);
    setError(undefined);
    setProblems({});
    setStatus(undefined);
    const body = {
      emails: emails
        .split(/[\s,;，；]+/)
        .map((e) => e.trim())
        .filter(Boolean),
      webhooks: rows.map((r) => ({
        kind: r.kind,
        url: r.url.trim(),
        ...(r.label.trim() ? { label: r.label.trim() } : {}),
        ...(r.kind === 'dingtalk' && r.secret ? { secret: r.secret } : {}),
        ...(r.clearSecret ? { secret: null } : {}),
      })),
    };
    try {
      const s =
        'unitId' in target
          ? await must(
              api.POST('/v1/units/{unitId}/notifications', {
                params: { path: { unitId: target.unitId } },
                body,
              }),
            )
          : await must(
              api.POST('/v1/notifications/desks/{desk}', { params: { path: { desk: target.desk } }, body }),
            );
      show(s);
      setStatus(t('delivery.saved'));
    } catch (e) {
      setError(explain(e as ApiError));
      setProblems(
        Object.fromEntries(((e as ApiError).details ?? []).map((d) => [d.path, problemText(d.message)])),
      );
    } finally {
      setBusy(false);
    }
  }

  async function test() {
    setBusy(true);
    setError(undefined);
    setTested(undefined);
    try {
      setTested(
        'unitId' in target
          ? await must(
              api.POST('/v1/units/{unitId}/notifications/test', {
                params: { path: { unitId: target.unitId } },
                body: {},
              }),
            )
          : await must(
              api.POST('/v1/notifications/desks/{desk}/test', {
                params: { path: { desk: target.desk } },
                body: {},
              }),
            ),
      );
    } catch (e) {
      setError(explain(e as ApiError));
    } finally {
      setBusy(false);
    }
  }

  const set = (i: number, patch: Partial<Row>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const id = (what: string, i?: number) => `nt-${key}-${what}${i === undefined ? '' : `-${i}`}`;
  /** The refusal of row i's field, beside it (the input names it as its description). */
  const problemOf = (field: 'url' | 'secret', i: number) => problems[`webhooks.${i}.${field}`];
  const described = (field: 'url' | 'secret', i: number) =>
    problemOf(field, i) ? { 'aria-invalid': true, 'aria-describedby': id(`${field}-problem`, i) } : {};
  const problemNote = (field: 'url' | 'secret', i: number) =>
    problemOf(field, i) ? (
      <span class="error" id={id(`${field}-problem`, i)}>
        {problemOf(field, i)}
      </span>
    ) : null;

  if (loadedKey !== key) return error ? <p role="alert">{error}</p> : <Loading />;
  return (
    <form
      class="notification-settings"
      aria-label={t('delivery.formOf', {
        who: 'unitId' in target ? target.unitId : t(`delivery.desk.${target.desk}`),
      })}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <span class="field">
        <label for={id('emails')}>{t('delivery.emails', { max: MAX })}</label>
        <textarea
          id={id('emails')}
          rows={3}
          value={emails}
          onInput={(e) => setEmails(e.currentTarget.value)}
        />
      </span>
      <fieldset>
        <legend>{t('delivery.webhooks', { max: MAX })}</legend>
        <p class="hint">{t('delivery.webhookHint')}</p>
        {rows.map((r, i) => (
          <div class="webhook" key={i}>
            <span class="field">
              <label for={id('kind', i)}>{t('delivery.kind')}</label>
              <select
                id={id('kind', i)}
                value={r.kind}
                onChange={(e) => set(i, { kind: e.currentTarget.value as Kind })}
              >
                {(['wecom', 'dingtalk', 'generic'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(`delivery.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </span>
            <span class="field">
              <label for={id('url', i)}>{t('delivery.url')}</label>
              <input
                id={id('url', i)}
                type="url"
                required
                maxLength={1000}
                value={r.url}
                onInput={(e) => set(i, { url: e.currentTarget.value })}
                {...described('url', i)}
              />
              {problemNote('url', i)}
            </span>
            <span class="field">
              <label for={id('label', i)}>{t('delivery.label')}</label>
              <input
                id={id('label', i)}
                maxLength={60}
                value={r.label}
                onInput={(e) => set(i, { label: e.currentTarget.value })}
              />
            </span>
            {r.kind === 'dingtalk' ? (
              <span class="field">
                <label for={id('secret', i)}>{t('delivery.secret')}</label>
                <input
                  id={id('secret', i)}
                  type="password"
                  autocomplete="off"
                  maxLength={200}
                  placeholder={r.secretHint ? t('delivery.secretKept', { hint: r.secretHint }) : ''}
                  value={r.secret}
                  onInput={(e) => set(i, { secret: e.currentTarget.value, clearSecret: false })}
                  {...described('secret', i)}
                />
                {problemNote('secret', i)}
                {r.secretHint ? (
                  <label>
                    <input
                      type="checkbox"
                      checked={r.clearSecret}
                      onChange={(e) => set(i, { clearSecret: e.currentTarget.checked, secret: '' })}
                    />{' '}
                    {t('delivery.clearSecret')}
                  </label>
                ) : null}
              </span>
            ) : null}
            <button type="button" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              {t('delivery.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          disabled={rows.length >= MAX}
          onClick={() =>
            setRows([...rows, { kind: 'wecom', url: '', label: '', secret: '', clearSecret: false }])
          }
        >
          {t('delivery.add')}
        </button>
      </fieldset>
      <p>
        <button type="submit" disabled={busy}>
          {t('delivery.save')}
        </button>{' '}
        <button type="button" disabled={busy} onClick={() => void test()}>
          {t('delivery.test')}
        </button>
      </p>
      {error ? <p role="alert">{error}</p> : null}
      {status ? <p role="status">{status}</p> : null}
      {tested ? (
        <div role="status">
          <p>{t('delivery.tested', { sent: tested.sent, failed: tested.failed.length })}</p>
          {tested.failed.length ? (
            <ul>
              {tested.failed.map((f, i) => (
                <li key={i}>
                  {t(`delivery.channels.${f.channel}`)} {f.target}: {f.error}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

export function NotificationSettingsPage({ who }: { who: Session }) {
  const { t } = useT();
  const [unitId, setUnitId] = useState(who.unitId ?? '');
  const [shown, setShown] = useState(who.role === 'unit' ? who.unitId : undefined);
  return (
    <section aria-labelledby="nt-h" class="notifications">
      <h1 id="nt-h">{t('delivery.heading')}</h1>
      <p>{t('delivery.intro')}</p>
      {who.role === 'office' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setShown(unitId.trim() || undefined);
          }}
        >
          <span class="field">
            <label for="nt-unit">{t('delivery.unit')}</label>
            <input
              id="nt-unit"
              value={unitId}
              maxLength={64}
              onInput={(e) => setUnitId(e.currentTarget.value)}
            />
          </span>{' '}
          <button type="submit">{t('delivery.open')}</button>
        </form>
      ) : null}
      {shown ? (
        <section aria-labelledby="nt-unit-h">
          <h2 id="nt-unit-h">{t('delivery.unitHeading', { unitId: shown })}</h2>
          <SettingsForm target={{ unitId: shown }} />
        </section>
      ) : null}
      {who.role === 'office'
        ? (['commander', 'office'] as const).map((desk) => (
            <section key={desk} aria-labelledby={`nt-${desk}-h`}>
              <h2 id={`nt-${desk}-h`}>{t('delivery.deskHeading', { desk: t(`delivery.desk.${desk}`) })}</h2>
              <SettingsForm target={{ desk }} />
            </section>
          ))
        : null}
    </section>
  );
}
