import { useState } from 'preact/hooks';
import { api, must, type Rankings as RankingsT } from '../api/client.ts';
import { ExportButtons } from '../components/files.tsx';
import { Failed, Link, Loading } from '../components/ui.tsx';
import { useT } from '../i18n/index.ts';
import { unitName, useMeta } from '../lib/context.ts';
import { navigate } from '../lib/router.ts';
import { session } from '../lib/session.ts';
import { useAsync } from '../lib/use-async.ts';
import { loadList } from './Board.tsx';

/** The periods of the year up to `upTo` (YYYY-MM), newest first. */
export function periodsUpTo(year: number, upTo: string): string[] {
  const out: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const p = `${year}-${String(m).padStart(2, '0')}`;
    if (p <= upTo) out.unshift(p);
  }
  return out;
}

function Change({ n }: { n: number | undefined }) {
  const { t } = useT();
  if (n === undefined) return <span class="muted">{t('rankings.new')}</span>;
  if (n > 0) return <span class="up">↑ {t('rankings.up', { n })}</span>;
  if (n < 0) return <span class="down">↓ {t('rankings.down', { n: -n })}</span>;
  return <span class="muted">{t('rankings.same')}</span>;
}

export function Rankings({ period, latest }: { period: string; latest: string }) {
  const { t, lang } = useT();
  const { year, units } = useMeta();
  // The unit rankings come whole with every page; the item ranks a page (100) at a time.
  const [more, setMore] = useState<{ items: RankingsT['items']; next?: string | undefined }>({ items: [] });
  const r = useAsync(async () => {
    const first = await must<RankingsT>(
      api.GET('/v1/public/rankings/{period}', { params: { path: { period } } }),
    );
    setMore({ items: [], next: first.nextCursor });
    return first;
  }, [period]);
  async function loadMore() {
    if (!more.next) return;
    const page = await must<RankingsT>(
      api.GET('/v1/public/rankings/{period}', { params: { path: { period }, query: { cursor: more.next } } }),
    );
    setMore({ items: [...more.items, ...page.items], next: page.nextCursor });
  }
  const rankedItems = [...(r.data?.items ?? []), ...more.items];
  const list = useAsync(() => loadList(year), [year]);
  const titles = new Map((list.data?.items ?? []).map((i) => [i.itemId, i.title]));
  const periods = periodsUpTo(year, latest);
  const groups = ['subdistrict', 'department', 'enterprise'] as const;
  return (
    <section aria-labelledby="rk-h">
      <h1 id="rk-h">{t('rankings.heading', { period })}</h1>
      <p class="muted">{t('rankings.intro')}</p>
      <span class="field">
        <label for="rk-period">{t('rankings.period')}</label>
        <select
          id="rk-period"
          value={period}
          onChange={(e) => navigate(`/rankings/${(e.currentTarget as HTMLSelectElement).value}`)}
        >
          {periods.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </span>
      {r.loading && !r.data ? <Loading /> : null}
      {r.error ? (
        (r.error as Error & { status?: number }).status === 404 ? (
          <p>{t('rankings.noData')}</p>
        ) : (
          <Failed error={r.error} retry={r.reload} />
        )
      ) : null}
      {r.data && !r.error ? (
        <>
          {session.get() ? (
            // Exports need a token (each row as the caller may read it); the public reads the page.
            <p class="exports-bar">
              <ExportButtons dataset="rankings" query={{ period }} label={t('sheets.exportRankings')} />{' '}
              <ExportButtons dataset="results" query={{ period }} label={t('sheets.exportResults')} />
            </p>
          ) : null}
          <h2>{t('rankings.units')}</h2>
          {groups.map((g) => {
            const rows = r.data!.units.filter((u) => u.peerGroup === g).sort((a, b) => a.rank - b.rank);
            if (rows.length === 0) return null;
            return (
              <div key={g} class="table-wrap">
                <table>
                  <caption>
                    {t('rankings.peerGroup')}：{t(`unitType.${g}`)}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('rankings.rank')}</th>
                      <th scope="col">{t('rankings.unit')}</th>
                      <th scope="col">{t('rankings.score')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((u) => (
                      <tr key={u.unitId}>
                        <td>
                          {u.rank}/{u.groupSize}
                        </td>
                        <th scope="row">{unitName(units, u.unitId, lang)}</th>
                        <td>{u.score > 0 ? `+${u.score}` : u.score}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          })}
          <h2>{t('rankings.items')}</h2>
          {(['strategic', 'siege', 'bottom-line'] as const).map((c) => {
            const rows = rankedItems
              .filter((i) => i.category === c)
              .sort((a, b) => a.rankInCategory - b.rankInCategory);
            if (rows.length === 0) return null;
            return (
              <div key={c} class="table-wrap">
                <table>
                  <caption>{t(`category.${c}`)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('rankings.categoryRank')}</th>
                      <th scope="col">{t('rankings.item')}</th>
                      <th scope="col">{t('rankings.unit')}</th>
                      <th scope="col">{t('rankings.peerRank')}</th>
                      <th scope="col">{t('rankings.rankChange')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((i) => (
                      <tr key={i.itemId}>
                        <td>
                          {i.rankInCategory}/{i.categorySize}
                        </td>
                        <th scope="row">
                          <Link href={`/items/${encodeURIComponent(i.itemId)}`}>
                            {titles.get(i.itemId) ?? i.itemId}
                          </Link>
                        </th>
                        <td>{unitName(units, i.unitId, lang)}</td>
                        <td>
                          {i.rankInPeerGroup}/{i.peerGroupSize}
                        </td>
                        <td>
                          <Change n={i.rankChange} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          })}
          {more.next ? (
            <p>
              <button type="button" onClick={() => void loadMore()}>
                {t('paging.more')}
              </button>
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
