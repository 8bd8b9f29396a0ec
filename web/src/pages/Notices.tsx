import { useState } from 'preact/hooks';
import { api, must, type Notice } from '../api/client.ts';
import { Failed, Link, Loading } from '../components/ui.tsx';
import { useT } from '../i18n/index.ts';
import { unitName, useMeta } from '../lib/context.ts';
import { dateTime } from '../lib/format.ts';
import { noticeText } from '../lib/notice.ts';
import { useAsync } from '../lib/use-async.ts';
import { loadList } from './Board.tsx';

export function Notices() {
  const { t, lang } = useT();
  const { year, units } = useMeta();
  const [pages, setPages] = useState<{ items: Notice[]; next?: string | null }[]>([]);
  const first = useAsync(async () => {
    const page = await must(api.GET('/v1/public/notices', { params: { query: { year, limit: 50 } } }));
    setPages([{ items: page.items, next: page.nextCursor }]);
    return page;
  }, [year]);
  const list = useAsync(() => loadList(year), [year]);
  const titles = new Map((list.data?.items ?? []).map((i) => [i.itemId, i.title]));
  const all = pages.flatMap((p) => p.items);
  const next = pages.at(-1)?.next;
  async function more() {
    if (!next) return;
    const page = await must(
      api.GET('/v1/public/notices', { params: { query: { year, limit: 50, cursor: next } } }),
    );
    setPages([...pages, { items: page.items, next: page.nextCursor }]);
  }
  return (
    <section aria-labelledby="nt-h">
      <h1 id="nt-h">{t('notices.heading')}</h1>
      {first.loading && pages.length === 0 ? <Loading /> : null}
      {first.error ? <Failed error={first.error} retry={first.reload} /> : null}
      {!first.loading && all.length === 0 && !first.error ? <p>{t('notices.empty')}</p> : null}
      <ul class="notices">
        {all.map((n) => {
          const text = noticeText(
            n,
            t,
            (id) => unitName(units, id, lang),
            (id) => titles.get(id),
          );
          return (
            <li key={n.noticeId} class={`notice notice-${n.kind}`}>
              <h2>{text.headline}</h2>
              <p>{text.text}</p>
              <p class="muted">
                {dateTime(n.at, lang)}
                {n.itemId ? (
                  <>
                    {' · '}
                    <Link href={`/items/${encodeURIComponent(n.itemId)}`}>
                      {titles.get(n.itemId) ?? n.itemId}
                    </Link>
                  </>
                ) : null}
                {n.kind === 'ranking' && n.period ? (
                  <>
                    {' · '}
                    <Link href={`/rankings/${n.period}`}>{t('nav.rankings')}</Link>
                  </>
                ) : null}
              </p>
            </li>
          );
        })}
      </ul>
      {next ? (
        <button type="button" onClick={() => void more()}>
          {t('notices.more')}
        </button>
      ) : null}
    </section>
  );
}
