import { api, must, type YearStats } from '../api/client.ts';
import { Failed, Link, Loading, ProgressBar } from '../components/ui.tsx';
import { useT } from '../i18n/index.ts';
import { unitName, useMeta } from '../lib/context.ts';
import { count, money, share } from '../lib/format.ts';
import { useAsync } from '../lib/use-async.ts';
import { loadList } from './Board.tsx';

const STAGES = ['construction', 'preliminary', 'planning'] as const;

export const loadStats = (year: number) =>
  must<YearStats>(api.GET('/v1/public/stats/{year}', { params: { path: { year } } }));

export function Projects() {
  const { t, lang } = useT();
  const { year, units } = useMeta();
  const stats = useAsync(() => loadStats(year), [year]);
  const list = useAsync(() => loadList(year), [year]);
  if (stats.error) return <Failed error={stats.error} retry={stats.reload} />;
  if (!stats.data) return <Loading />;
  const s = stats.data.projects;
  const projects = (list.data?.items ?? []).filter((i) => i.kind === 'project' && i.project);
  return (
    <section aria-labelledby="pj-h">
      <h1 id="pj-h">{t('projects.heading', { year })}</h1>
      <p class="muted">{t('projects.intro')}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('projects.stage')}</th>
              <th scope="col">{t('projects.count')}</th>
              <th scope="col">{t('projects.total')}</th>
              <th scope="col">{t('projects.annual')}</th>
              <th scope="col">{t('projects.completed')}</th>
              <th scope="col">{t('projects.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {STAGES.map((st) => {
              const b = s.byStage[st];
              return (
                <tr key={st}>
                  <th scope="row">{t(`stage.${st}`)}</th>
                  <td>{count(b?.count ?? 0, lang)}</td>
                  <td>{money(b?.totalInvestment ?? 0, lang)}</td>
                  <td>{money(b?.annualInvestmentTarget ?? 0, lang)}</td>
                  <td>{money(b?.investmentCompleted ?? 0, lang)}</td>
                  <td>{share(b?.completionRate ?? 0, lang)}</td>
                </tr>
              );
            })}
            <tr class="sum">
              <th scope="row">{t('projects.sum')}</th>
              <td>
                {count(
                  STAGES.reduce((n, st) => n + (s.byStage[st]?.count ?? 0), 0),
                  lang,
                )}
              </td>
              <td>{money(s.totalInvestment, lang)}</td>
              <td>
                {money(
                  STAGES.reduce((n, st) => n + (s.byStage[st]?.annualInvestmentTarget ?? 0), 0),
                  lang,
                )}
              </td>
              <td>
                {money(
                  STAGES.reduce((n, st) => n + (s.byStage[st]?.investmentCompleted ?? 0), 0),
                  lang,
                )}
              </td>
              <td />
            </tr>
          </tbody>
        </table>
      </div>
      {projects.length > 0 ? (
        <>
          <h2>{t('projects.list')}</h2>
          {STAGES.map((st) => (
            <section key={st} aria-label={t(`stage.${st}`)}>
              <h3>{t(`stage.${st}`)}</h3>
              <ul class="items">
                {projects
                  .filter((p) => p.project?.stage === st)
                  .map((p) => (
                    <li key={p.itemId} class="item-row">
                      <div class="item-main">
                        <Link href={`/items/${encodeURIComponent(p.itemId)}`} class="item-title">
                          {p.title}
                        </Link>
                        <div class="item-meta">
                          {p.leadUnitId ? unitName(units, p.leadUnitId, lang) : t('board.noClaimant')} ·{' '}
                          {t('projects.total')} {money(p.project!.totalInvestment, lang)} ·{' '}
                          {t('projects.annual')} {money(p.project!.annualInvestmentTarget, lang)} ·{' '}
                          {t('projects.completed')} {money(p.project!.investmentCompleted, lang)}
                        </div>
                      </div>
                      <ProgressBar value={p.percentComplete} expected={p.expectedPercent} />
                    </li>
                  ))}
              </ul>
            </section>
          ))}
        </>
      ) : null}
    </section>
  );
}
