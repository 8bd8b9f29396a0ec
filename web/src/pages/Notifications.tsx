import { useState } from 'preact/hooks';
import { api, must, type Schemas } from '../api/client.ts';
import { Failed, Link, Loading } from '../components/ui.tsx';
import { useT } from '../i18n/index.ts';
import { dateTime } from '../lib/format.ts';
import type { Session } from '../lib/session.ts';
import { useAsync } from '../lib/use-async.ts';

type Note = Schemas['Notification'];
type OutboxEntry = Schemas['OutboxEntry'];

/**
 * The domain events addressed to the caller's unit or desk (GET /v1/me/notifications), newest
 * first; for the office also the outbox (GET /v1/ops/outbox), pending or published.
 */
export function Notifications({ who }: { who: Session }) {
  const { t, lang } = useT();
  const [pages, setPages] = useState<{ items: Note[]; next?: string | undefined }[]>([]);
  const first = useAsync(async () => {
    const page = await must(api.GET('/v1/me/notifications', { params: { query: { limit: 50 } } }));
    setPages([{ items: page.items, next: page.nextCursor }]);
    return page;
  }, []);
  const all = pages.flatMap((p) => p.items);
  const next = pages.at(-1)?.next;
  async function more() {
    if (!next) return;
    const page = await must(
      api.GET('/v1/me/notifications', { params: { query: { limit: 50, cursor: next } } }),
    );
    setPages([...pages, { items: page.items, next: page.nextCursor }]);
  }
  return (
    <section aria-labelledby="nf-h">
      <h1 id="nf-h">{t('notify.heading')}</h1>
      <p class="muted">{t('notify.intro')}</p>
      {first.loading && pages.length === 0 ? <Loading /> : null}
      {first.error ? <Failed error={first.error} retry={first.reload} /> : null}
      {!first.loading && all.length === 0 && !first.error ? <p>{t('notify.empty')}</p> : null}
      <ul class="notices">
        {all.map((n) => (
          <li key={n.eventId} class="notice">
            <h2>{t(`notify.type.${n.type}`)}</h2>
            <p>
              <Link href={`/items/${encodeURIComponent(n.event.itemId)}`}>{n.event.itemTitle}</Link>
            </p>
            <p class="muted">{dateTime(n.at, lang)}</p>
          </li>
        ))}
      </ul>
      {next ? (
        <button type="button" onClick={more}>
          {t('notify.more')}
        </button>
      ) : null}
      {who.role === 'office' ? <Outbox /> : null}
    </section>
  );
}

function Outbox() {
  const { t, lang } = useT();
  const [status, setStatus] = useState<'pending' | 'published'>('pending');
  const box = useAsync(
    () => must(api.GET('/v1/ops/outbox', { params: { query: { status, limit: 50 } } })),
    [status],
  );
  return (
    <section aria-labelledby="ob-h">
      <h2 id="ob-h">{t('notify.outbox')}</h2>
      <p class="muted">{t('notify.outboxIntro')}</p>
      <fieldset>
        {(['pending', 'published'] as const).map((s) => (
          <button key={s} type="button" aria-pressed={status === s} onClick={() => setStatus(s)}>
            {t(`notify.${s}`)}
          </button>
        ))}
      </fieldset>
      {box.loading && !box.data ? <Loading /> : null}
      {box.error ? <Failed error={box.error} retry={box.reload} /> : null}
      {box.data && box.data.items.length === 0 ? <p>{t('notify.empty')}</p> : null}
      <ul class="items">
        {(box.data?.items ?? []).map((e: OutboxEntry) => (
          <li key={e.eventId} class="item-row wrap">
            <span class="tag">{t(`notify.type.${e.type}`)}</span>
            <span>{e.event?.itemTitle ?? e.auditType ?? e.eventId}</span>
            <span class="muted">
              {dateTime(e.publishedAt ?? e.at, lang)}
              {e.attempts > 0 ? ` · ${t('notify.attempts', { n: e.attempts })}` : ''}
              {e.lastError ? ` · ${e.lastError}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
