import { api, must, type PublicItem } from '../api/client.ts';
import { ItemFilesSection } from '../components/evidence.tsx';
import { Failed, LightDot, Link, Loading, ProgressBar } from '../components/ui.tsx';
import { useT } from '../i18n/index.ts';
import { unitName, useMeta } from '../lib/context.ts';
import { date, dateTime, money, percent } from '../lib/format.ts';
import { lightOf } from '../lib/light.ts';
import { useAsync } from '../lib/use-async.ts';

export function ItemPage({ id }: { id: string }) {
  const { t, lang } = useT();
  const { units } = useMeta();
  const item = useAsync(
    () => must<PublicItem>(api.GET('/v1/public/items/{id}', { params: { path: { id } } })),
    [id],
  );
  if (item.loading && !item.data) return <Loading />;
  if (item.error) {
    const notFound = (item.error as Error & { status?: number }).status === 404;
    return notFound ? (
      <p>
        {t('item.notFound')} <Link href="/">{t('common.back')}</Link>
      </p>
    ) : (
      <Failed error={item.error} retry={item.reload} />
    );
  }
  const i = item.data!;
  const light = lightOf(i, i.lights);
  return (
    <article aria-labelledby="item-h">
      <p>
        <Link href="/">← {t('common.back')}</Link>
      </p>
      <h1 id="item-h">
        <LightDot light={light} /> {i.title}
      </h1>
      <div class="item-meta">
        <span class="tag">{t(`kind.${i.kind}`)}</span>
        <span class="tag">{t(`class.${i.itemClass}`)}</span>
        <span class="tag">{t(`category.${i.category}`)}</span>
        <span class="tag">{t(`status.${i.status}`)}</span>
        <span class="tag">{t(`light.${light}`)}</span>
      </div>
      <dl class="facts">
        <dt>{t('board.claimant')}</dt>
        <dd>{i.leadUnitId ? unitName(units, i.leadUnitId, lang) : t('board.noClaimant')}</dd>
        <dt>{t('board.manager')}</dt>
        <dd>{i.managerName ?? t('common.none')}</dd>
        <dt>{t('board.deadline')}</dt>
        <dd>{date(i.deadline, lang)}</dd>
        <dt>{t('board.progress')}</dt>
        <dd>
          <ProgressBar value={i.percentComplete} expected={i.expectedPercent} />{' '}
          <span class="muted">
            {t('item.expected', { p: percent(i.expectedPercent, lang) })} ·{' '}
            {t('item.actual', { p: percent(i.percentComplete, lang) })}
          </span>
        </dd>
        {i.nextDueDate !== null && i.workingDaysToNextDue !== null ? (
          <>
            <dt>{t('item.milestones')}</dt>
            <dd>{t('item.nextDue', { date: date(i.nextDueDate, lang), n: i.workingDaysToNextDue })}</dd>
          </>
        ) : null}
        {i.project ? (
          <>
            <dt>{t('projects.stage')}</dt>
            <dd>{t(`stage.${i.project.stage}`)}</dd>
            <dt>{t('projects.total')}</dt>
            <dd>{money(i.project.totalInvestment, lang)}</dd>
            <dt>{t('projects.annual')}</dt>
            <dd>{money(i.project.annualInvestmentTarget, lang)}</dd>
            <dt>{t('projects.completed')}</dt>
            <dd>{money(i.project.investmentCompleted, lang)}</dd>
          </>
        ) : null}
      </dl>
      {i.description ? (
        <section>
          <h2>{t('item.description')}</h2>
          <p class="pre">{i.description}</p>
        </section>
      ) : null}
      <section aria-labelledby="ms-h">
        <h2 id="ms-h">{t('item.milestones')}</h2>
        {i.milestones.length === 0 ? <p class="muted">{t('item.noMilestones')}</p> : null}
        <ol class="timeline">
          {[...i.milestones]
            .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
            .map((m) => (
              <li key={m.id} class={m.doneOn ? 'done' : m.dueDate < i.asOf ? 'late' : ''}>
                <strong>{m.title}</strong>
                <span class="muted">
                  {' '}
                  {t('item.due', { date: date(m.dueDate, lang) })} · {t('item.weight', { w: m.weight })} ·{' '}
                  {m.doneOn ? t('item.done', { date: date(m.doneOn, lang) }) : t('item.notDone')}
                </span>
              </li>
            ))}
        </ol>
      </section>
      <section aria-labelledby="tg-h">
        <h2 id="tg-h">{t('item.targets')}</h2>
        <ul>
          {i.targets.map((g) => (
            <li key={g.indicator}>
              {t('item.target', { indicator: g.indicator, value: g.targetValue, unit: g.unit })}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="pg-h">
        <h2 id="pg-h">{t('item.progress')}</h2>
        {i.progress.length === 0 ? <p class="muted">{t('item.noProgress')}</p> : null}
        <ul>
          {i.progress.map((p) => (
            <li key={p.reportedAt}>
              {dateTime(p.reportedAt, lang)} · {percent(p.percentComplete, lang)}
              {p.investmentCompleted !== undefined
                ? ` · ${t('item.investment')} ${money(p.investmentCompleted, lang)}`
                : ''}
            </li>
          ))}
        </ul>
      </section>
      <ItemFilesSection itemId={id} />
      <section aria-labelledby="od-h">
        <h2 id="od-h">{t('item.orders')}</h2>
        {i.orders.length === 0 ? <p class="muted">{t('item.noOrders')}</p> : null}
        <ul>
          {i.orders.map((o) => (
            <li key={o.displayNumber}>
              <strong>{o.displayNumber}</strong> {t(`orderType.${o.orderType}`)} ·{' '}
              {unitName(units, o.unitId, lang)} · {t(`orderStatus.${o.status}`)} ·{' '}
              {dateTime(o.issuedAt, lang)}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
