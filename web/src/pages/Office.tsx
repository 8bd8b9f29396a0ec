/**
 * The office's desk: the year's drafts, and publishing a batch of them with a claim window.
 * Only the office opens it (the API refuses anyone else all the same).
 */
import { useState } from 'preact/hooks';
import { api, must } from '../api/client.ts';
import { Failed, Loading } from '../components/ui.tsx';
import { useT } from '../i18n/index.ts';
import { useMeta } from '../lib/context.ts';
import { date } from '../lib/format.ts';
import { useAsync } from '../lib/use-async.ts';

const MAX_BATCH = 49;

export function Office() {
  const { t, lang } = useT();
  const { year } = useMeta();
  const drafts = useAsync(
    async () =>
      (await must(api.GET('/v1/items', { params: { query: { year, status: 'draft', limit: 100 } } }))).items,
    [year],
  );
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [title, setTitle] = useState('');
  const [closes, setCloses] = useState('');
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<Error>();
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else if (next.size < MAX_BATCH) next.add(id);
    setChosen(next);
  };
  async function publish(e: Event) {
    e.preventDefault();
    setError(undefined);
    try {
      const batch = await must(
        api.POST('/v1/lists/{year}/batches', {
          params: { path: { year } },
          body: {
            ...(title ? { title } : {}),
            itemIds: [...chosen],
            // The window closes at the end of the chosen Beijing day.
            claimWindow: { closesAt: `${closes}T23:59:59+08:00` },
          },
        }),
      );
      setDone(t('office.published', { no: batch.batchNo, n: batch.counts.total }));
      setChosen(new Set());
      drafts.reload();
    } catch (err) {
      setError(err as Error);
    }
  }
  return (
    <section aria-labelledby="of-h">
      <h1 id="of-h">{t('office.heading')}</h1>
      <h2>{t('inbox.drafts')}</h2>
      {drafts.loading && !drafts.data ? <Loading /> : null}
      {drafts.error ? <Failed error={drafts.error} retry={drafts.reload} /> : null}
      {drafts.data && drafts.data.length === 0 ? <p>{t('inbox.noItems')}</p> : null}
      {drafts.data && drafts.data.length > 0 ? (
        <form class="publish" onSubmit={publish}>
          <fieldset>
            <legend>{t('office.choose', { max: MAX_BATCH })}</legend>
            <ul class="items">
              {drafts.data.map((i) => (
                <li key={i.itemId} class="item-row draft">
                  <input
                    type="checkbox"
                    id={`d-${i.itemId}`}
                    checked={chosen.has(i.itemId)}
                    onChange={() => toggle(i.itemId)}
                  />
                  <label for={`d-${i.itemId}`} class="item-main">
                    <span class="item-title">{i.title}</span>
                    <span class="item-meta">
                      <span class="tag">{t(`kind.${i.kind}`)}</span>
                      <span class="tag">{i.itemClass}</span>
                      <span class="tag">{t(`category.${i.category}`)}</span>
                      <span>
                        {t('board.deadline')} {date(i.deadline, lang)}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <div class="progress-form">
            <span class="field grow">
              <label for="pb-title">{t('office.batchTitle')}</label>
              <input
                id="pb-title"
                maxLength={200}
                value={title}
                onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)}
              />
            </span>
            <span class="field">
              <label for="pb-closes">{t('office.closes')}</label>
              <input
                id="pb-closes"
                type="date"
                required
                value={closes}
                onInput={(e) => setCloses((e.currentTarget as HTMLInputElement).value)}
              />
            </span>
            <button type="submit" disabled={chosen.size === 0}>
              {t('office.publish', { n: chosen.size })}
            </button>
          </div>
        </form>
      ) : null}
      {done ? <p role="status">{done}</p> : null}
      {error ? <Failed error={error} /> : null}
    </section>
  );
}
