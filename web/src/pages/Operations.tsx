/**
 * The office's operations page: the items and inquiry orders of the year, and for the one chosen
 * its workflow (GET /v1/ops/workflows/{id}: execution status, current state, what it waits for
 * and since when), its history (paged) and a restart. Everything goes through the API; the
 * console never talks to Step Functions.
 */
import { useState } from 'preact/hooks';
import { api, must } from '../api/client.ts';
import { Failed, Loading } from '../components/ui.tsx';
import { useT } from '../i18n/index.ts';
import { useMeta } from '../lib/context.ts';
import { dateTime } from '../lib/format.ts';
import { useAsync } from '../lib/use-async.ts';

function Workflow({ subjectId }: { subjectId: string }) {
  const { t, lang } = useT();
  const wf = useAsync(
    async () => must(api.GET('/v1/ops/workflows/{subjectId}', { params: { path: { subjectId } } })),
    [subjectId],
  );
  const [events, setEvents] = useState<{ id: number; type: string; timestamp: string; state?: string }[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [note, setNote] = useState<string>();
  const [error, setError] = useState<Error>();
  async function history(next?: string) {
    try {
      const page = await must(
        api.GET('/v1/ops/workflows/{subjectId}/history', {
          params: { path: { subjectId }, query: { limit: 25, ...(next ? { cursor: next } : {}) } },
        }),
      );
      setEvents(next ? [...events, ...page.events] : page.events);
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err as Error);
    }
  }
  async function restart() {
    try {
      const r = await must(
        api.POST('/v1/ops/workflows/{subjectId}/restart', { params: { path: { subjectId } }, body: {} }),
      );
      setNote(t('ops.restarted', { n: r.generation, name: r.executionName }));
      wf.reload();
    } catch (err) {
      setError(err as Error);
    }
  }
  if (wf.loading && !wf.data) return <Loading />;
  if (wf.error) return <Failed error={wf.error} retry={wf.reload} />;
  const w = wf.data!;
  const ex = w.execution;
  return (
    <div class="ops-detail">
      <h3>{w.title}</h3>
      {w.executionName === null ? <p>{t('ops.none')}</p> : null}
      <dl class="item-people">
        <dt>{t('ops.execution')}</dt>
        <dd>
          {w.executionName ?? t('common.none')} {ex ? `(${ex.status})` : ''}
        </dd>
        <dt>{t('ops.state')}</dt>
        <dd>{ex?.state ?? t('common.none')}</dd>
        <dt>{t('ops.waitingFor')}</dt>
        <dd>{ex?.waitingFor ?? t('common.none')}</dd>
        <dt>{t('ops.since')}</dt>
        <dd>{ex?.since ? dateTime(ex.since, lang) : t('common.none')}</dd>
      </dl>
      {w.executionName !== null ? (
        <p>
          <button type="button" onClick={() => void history()}>
            {t('ops.history')}
          </button>{' '}
          <button type="button" onClick={() => void restart()}>
            {t('ops.restart')}
          </button>
        </p>
      ) : null}
      {note ? <p role="status">{note}</p> : null}
      {error ? <Failed error={error} /> : null}
      {events.length > 0 ? (
        <ol class="ops-history">
          {events.map((e) => (
            <li key={e.id}>
              {dateTime(e.timestamp, lang)} · {e.type}
              {e.state ? ` · ${e.state}` : ''}
            </li>
          ))}
        </ol>
      ) : null}
      {cursor ? (
        <button type="button" onClick={() => void history(cursor)}>
          {t('ops.more')}
        </button>
      ) : null}
    </div>
  );
}

export function Operations() {
  const { t } = useT();
  const { year } = useMeta();
  const [chosen, setChosen] = useState<string>();
  const lists = useAsync(async () => {
    const [items, inquiries] = await Promise.all([
      must(api.GET('/v1/items', { params: { query: { year, limit: 100 } } })),
      must(api.GET('/v1/orders', { params: { query: { year, type: 'inquiry', limit: 100 } } })),
    ]);
    return { items: items.items, inquiries: inquiries.items };
  }, [year]);
  return (
    <section aria-labelledby="ops-h">
      <h1 id="ops-h">{t('ops.heading')}</h1>
      <p class="muted">{t('ops.intro')}</p>
      {lists.loading && !lists.data ? <Loading /> : null}
      {lists.error ? <Failed error={lists.error} retry={lists.reload} /> : null}
      {chosen ? <Workflow key={chosen} subjectId={chosen} /> : null}
      {lists.data ? (
        <>
          <h2>{t('ops.items')}</h2>
          <ul class="items">
            {lists.data.items.map((i) => (
              <li key={i.itemId} class="item-row">
                <span />
                <div class="item-main">
                  <span class="item-title">{i.title}</span>
                  <div class="item-meta">
                    <span class="tag">{t(`status.${i.status}`)}</span>
                  </div>
                </div>
                <button type="button" onClick={() => setChosen(i.itemId)}>
                  {t('ops.show')}
                </button>
              </li>
            ))}
          </ul>
          <h2>{t('ops.inquiries')}</h2>
          <ul class="items">
            {lists.data.inquiries.map((o) => (
              <li key={o.orderId} class="item-row">
                <span />
                <div class="item-main">
                  <span class="item-title">
                    {o.displayNumber} {o.itemTitle}
                  </span>
                  <div class="item-meta">
                    <span class="tag">{o.status}</span>
                  </div>
                </div>
                <button type="button" onClick={() => setChosen(o.orderId)}>
                  {t('ops.show')}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
