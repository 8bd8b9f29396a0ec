/**
 * The office's desk: the year's drafts (search by title, filter by kind), creating and editing
 * them (tasks, projects with stage and investment, reforms; milestones and targets), and
 * publishing a batch of them with a claim window. Only the office opens it (the API refuses
 * anyone else all the same).
 */
import { useState } from 'preact/hooks';
import { api, type Item, must } from '../api/client.ts';
import { DraftForm } from '../components/DraftForm.tsx';
import { ExportButtons } from '../components/files.tsx';
import { Failed, Loading, Select } from '../components/ui.tsx';
import { useT } from '../i18n/index.ts';
import { useMeta } from '../lib/context.ts';
import { filterDrafts } from '../lib/draft.ts';
import { date, money } from '../lib/format.ts';
import { useAsync } from '../lib/use-async.ts';

/** PublishBatchInput's limit (functions/domain/commands.ts): one transaction. */
const MAX_BATCH = 48;

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
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState('');
  /** The draft being edited, `new` for a new one, undefined when the form is closed. */
  const [editing, setEditing] = useState<Item | 'new'>();
  const [savedNote, setSavedNote] = useState<string>();
  const shown = drafts.data ? filterDrafts(drafts.data as Item[], search, kind) : [];
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
      <p class="exports-bar">
        <ExportButtons dataset="items" query={{ year }} label={t('sheets.exportList')} />{' '}
        <ExportButtons dataset="orders" query={{ year }} label={t('sheets.exportOrders')} />{' '}
        <a href="/imports">{t('sheets.itemsHeading')}</a>
      </p>
      <h2 id="dr-h">{t('inbox.drafts')}</h2>
      <search class="filters" aria-labelledby="dr-h">
        <span class="field grow">
          <label for="dr-search">{t('drafts.search')}</label>
          <input
            id="dr-search"
            type="search"
            maxLength={200}
            value={search}
            onInput={(e) => setSearch((e.currentTarget as HTMLInputElement).value)}
          />
        </span>
        <Select
          id="dr-kind"
          label={t('drafts.label.kind')}
          value={kind}
          onChange={setKind}
          options={(['task', 'project', 'reform'] as const).map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <button
          type="button"
          onClick={() => {
            setSavedNote(undefined);
            setEditing('new');
          }}
        >
          {t('drafts.new')}
        </button>
      </search>
      {editing ? (
        <DraftForm
          key={editing === 'new' ? 'new' : editing.itemId}
          item={editing === 'new' ? undefined : editing}
          onSaved={(item) => {
            setSavedNote(t(editing === 'new' ? 'drafts.created' : 'drafts.saved', { title: item.title }));
            setEditing(item);
            drafts.reload();
          }}
          onCancel={() => setEditing(undefined)}
        />
      ) : null}
      {savedNote ? (
        <p role="status" class="saved-note">
          {savedNote}
        </p>
      ) : null}
      {drafts.loading && !drafts.data ? <Loading /> : null}
      {drafts.error ? <Failed error={drafts.error} retry={drafts.reload} /> : null}
      {drafts.data && shown.length === 0 ? <p>{t('inbox.noItems')}</p> : null}
      {drafts.data && shown.length > 0 ? (
        <form class="publish" onSubmit={publish}>
          <fieldset>
            <legend>{t('office.choose', { max: MAX_BATCH })}</legend>
            <ul class="items">
              {shown.map((i) => (
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
                      {i.project ? (
                        <>
                          <span class="tag">{t(`stage.${i.project.stage}`)}</span>
                          <span>
                            {t('projects.total')} {money(i.project.totalInvestment, lang)} ·{' '}
                            {t('projects.annual')} {money(i.project.annualInvestmentTarget, lang)}
                          </span>
                        </>
                      ) : null}
                      <span>
                        {t('board.deadline')} {date(i.deadline, lang)}
                      </span>
                    </span>
                  </label>
                  <button
                    type="button"
                    class="edit-draft"
                    aria-label={t('drafts.editLabel', { title: i.title })}
                    onClick={() => {
                      setSavedNote(undefined);
                      setEditing(i as Item);
                    }}
                  >
                    {t('drafts.edit')}
                  </button>
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
