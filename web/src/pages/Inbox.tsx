/**
 * The signed-in start page, by role: a unit or project manager sees its items (and reports
 * progress on one), the office and commanders the drafts. The API decides what each may
 * read and do; this page only picks what to ask for.
 */
import { useState } from 'preact/hooks';
import { api, type Item, must } from '../api/client.ts';
import { Failed, LightDot, Link, Loading, ProgressBar } from '../components/ui.tsx';
import { useT } from '../i18n/index.ts';
import { unitName, useMeta } from '../lib/context.ts';
import { date } from '../lib/format.ts';
import type { Session } from '../lib/session.ts';
import { useAsync } from '../lib/use-async.ts';

function ProgressForm({ item, done }: { item: Item; done: () => void }) {
  const { t } = useT();
  const [percent, setPercent] = useState(String(item.percentComplete));
  const [narrative, setNarrative] = useState('');
  const [error, setError] = useState<Error>();
  const [sent, setSent] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    setError(undefined);
    try {
      await must(
        api.POST('/v1/items/{id}/progress', {
          params: { path: { id: item.itemId } },
          body: { percentComplete: Number(percent), narrative },
        }),
      );
      setSent(true);
      done();
    } catch (err) {
      setError(err as Error);
    }
  }
  const pid = `p-${item.itemId}`;
  return (
    <form class="progress-form" onSubmit={submit}>
      <span class="field">
        <label for={`${pid}-pct`}>{t('inbox.percent')}</label>
        <input
          id={`${pid}-pct`}
          type="number"
          min={0}
          max={100}
          step={1}
          required
          value={percent}
          onInput={(e) => setPercent((e.currentTarget as HTMLInputElement).value)}
        />
      </span>
      <span class="field grow">
        <label for={`${pid}-txt`}>{t('inbox.narrative')}</label>
        <input
          id={`${pid}-txt`}
          required
          maxLength={4000}
          value={narrative}
          onInput={(e) => setNarrative((e.currentTarget as HTMLInputElement).value)}
        />
      </span>
      <button type="submit">{t('inbox.report')}</button>
      {sent ? <span role="status">{t('inbox.reported')}</span> : null}
      {error ? <Failed error={error} /> : null}
    </form>
  );
}

export function Inbox({ who }: { who: Session }) {
  const { t, lang } = useT();
  const { year, units } = useMeta();
  const hq = who.role === 'office' || who.role === 'commander';
  const items = useAsync(async () => {
    if (who.role === 'inspector') return [];
    const query =
      who.role === 'manager'
        ? { year, manager: who.personId, limit: 100 }
        : who.role === 'unit'
          ? { year, unit: who.unitId, limit: 100 }
          : { year, status: 'draft' as const, limit: 100 };
    return (await must(api.GET('/v1/items', { params: { query } }))).items;
  }, [who.token, year]);
  const canReport = who.role === 'unit' || who.role === 'manager';
  return (
    <section aria-labelledby="ib-h">
      <h1 id="ib-h">{t('inbox.heading')}</h1>
      <p class="muted">
        {t('app.signedInAs', { who: who.label })} · {t(`role.${who.role}`)}
        {who.unitId ? ` · ${unitName(units, who.unitId, lang)}` : ''}
      </p>
      <h2>{hq ? t('inbox.drafts') : t('inbox.items')}</h2>
      {items.loading && !items.data ? <Loading /> : null}
      {items.error ? <Failed error={items.error} retry={items.reload} /> : null}
      {items.data && items.data.length === 0 ? <p>{t('inbox.noItems')}</p> : null}
      <ul class="items">
        {(items.data ?? []).map((i) => (
          <li key={i.itemId} class="item-row wrap">
            {i.status === 'draft' ? null : <LightDot light={i.status === 'completed' ? 'green' : 'none'} />}
            <div class="item-main">
              {i.status === 'draft' ? (
                <span class="item-title">{i.title}</span>
              ) : (
                <Link href={`/items/${encodeURIComponent(i.itemId)}`} class="item-title">
                  {i.title}
                </Link>
              )}
              <div class="item-meta">
                <span class="tag">{t(`kind.${i.kind}`)}</span>
                <span class="tag">{t(`status.${i.status}`)}</span>
                <span>
                  {t('board.deadline')} {date(i.deadline, lang)}
                </span>
              </div>
            </div>
            <ProgressBar value={i.percentComplete} />
            {canReport && i.status === 'in_progress' ? <ProgressForm item={i} done={items.reload} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
