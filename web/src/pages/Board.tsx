import { useState } from 'preact/hooks';
import { api, must, type PublicList } from '../api/client.ts';
import { Failed, LightDot, Link, Loading, ProgressBar, Select } from '../components/ui.tsx';
import { useT } from '../i18n/index.ts';
import { unitName, useMeta } from '../lib/context.ts';
import { count, date } from '../lib/format.ts';
import { lightOf } from '../lib/light.ts';
import { useAsync } from '../lib/use-async.ts';

type ListQuery = {
  kind?: (typeof KINDS)[number];
  class?: (typeof CLASSES)[number];
  category?: (typeof CATEGORIES)[number];
  status?: (typeof STATUSES)[number];
  unit?: string;
  limit?: number;
  cursor?: string;
};

/** One page of the public list (at most 100 items), filtered by the server's index keys. */
export const loadListPage = (year: number, query: ListQuery = {}) =>
  must<PublicList>(api.GET('/v1/public/lists/{year}', { params: { path: { year }, query } }));

/** The whole list (every page): for the pages that look items up by id. */
export async function loadList(year: number, query: ListQuery = {}): Promise<PublicList> {
  const first = await loadListPage(year, query);
  const items = [...first.items];
  const batches = new Map(first.batches.map((b) => [b.batchNo, b]));
  for (let cursor = first.nextCursor; cursor; ) {
    const page = await loadListPage(year, { ...query, cursor });
    items.push(...page.items);
    for (const b of page.batches) batches.set(b.batchNo, b);
    cursor = page.nextCursor;
  }
  return { year: first.year, asOf: first.asOf, lights: first.lights, batches: [...batches.values()], items };
}

const KINDS = ['task', 'project', 'reform'] as const;
const CLASSES = ['A', 'B'] as const;
const CATEGORIES = ['strategic', 'siege', 'bottom-line'] as const;
const STATUSES = [
  'published',
  'claims_closed',
  'unclaimed',
  'awarded',
  'in_progress',
  'completion_reported',
  'completed',
] as const;

export function Board() {
  const { t, lang } = useT();
  const { year, units } = useMeta();
  const [f, setF] = useState({ kind: '', itemClass: '', category: '', status: '', unit: '' });
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  // The filters go to the server (each served by an index key); pages accumulate on "load more".
  const query: ListQuery = {
    ...(f.kind ? { kind: f.kind as ListQuery['kind'] } : {}),
    ...(f.itemClass ? { class: f.itemClass as ListQuery['class'] } : {}),
    ...(f.category ? { category: f.category as ListQuery['category'] } : {}),
    ...(f.status ? { status: f.status as ListQuery['status'] } : {}),
    ...(f.unit ? { unit: f.unit } : {}),
  };
  const [pages, setPages] = useState<PublicList[]>([]);
  const [moreError, setMoreError] = useState<Error | undefined>();
  const list = useAsync(async () => {
    const page = await loadListPage(year, query);
    setPages([page]);
    setMoreError(undefined);
    return page;
  }, [year, f.kind, f.itemClass, f.category, f.status, f.unit]);
  const items = pages.flatMap((p) => p.items);
  const batches = [...new Map(pages.flatMap((p) => p.batches).map((b) => [b.batchNo, b])).values()].sort(
    (a, b) => a.batchNo - b.batchNo,
  );
  const next = pages.at(-1)?.nextCursor;
  async function more() {
    if (!next) return;
    try {
      const page = await loadListPage(year, { ...query, cursor: next });
      setPages([...pages, page]);
    } catch (err) {
      setMoreError(err instanceof Error ? err : new Error(String(err)));
    }
  }
  const assigned = items.filter((i) => i.batchNo === null);
  const unitOptions = [...units.values()].map((u) => ({
    value: u.unitId,
    label: unitName(units, u.unitId, lang),
  }));

  return (
    <section aria-labelledby="board-h">
      <h1 id="board-h">{t('board.heading', { year })}</h1>
      <p class="muted">{t('board.intro')}</p>
      {list.data ? <p class="muted">{t('app.asOf', { date: date(list.data.asOf, lang) })}</p> : null}
      <form class="filters" aria-label={t('board.filters')} onSubmit={(e) => e.preventDefault()}>
        <Select
          id="f-kind"
          label={t('board.kind')}
          value={f.kind}
          onChange={set('kind')}
          options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <Select
          id="f-class"
          label={t('board.class')}
          value={f.itemClass}
          onChange={set('itemClass')}
          options={CLASSES.map((k) => ({ value: k, label: t(`class.${k}`) }))}
        />
        <Select
          id="f-category"
          label={t('board.category')}
          value={f.category}
          onChange={set('category')}
          options={CATEGORIES.map((k) => ({ value: k, label: t(`category.${k}`) }))}
        />
        <Select
          id="f-status"
          label={t('board.status')}
          value={f.status}
          onChange={set('status')}
          options={STATUSES.map((k) => ({ value: k, label: t(`status.${k}`) }))}
        />
        <Select
          id="f-unit"
          label={t('board.unit')}
          value={f.unit}
          onChange={set('unit')}
          options={unitOptions}
        />
      </form>
      {list.loading && pages.length === 0 ? <Loading /> : null}
      {list.error ? <Failed error={list.error} retry={list.reload} /> : null}
      {list.data && !list.loading ? (
        <>
          <p class="muted" aria-live="polite">
            {t('common.count', { n: count(items.length, lang) })}
          </p>
          {batches.map((b) => {
            const of = items.filter((i) => i.batchNo === b.batchNo);
            if (of.length === 0) return null;
            return (
              <section key={b.batchNo} class="batch" aria-labelledby={`batch-${b.batchNo}`}>
                <h2 id={`batch-${b.batchNo}`}>{t('board.batch', { no: b.batchNo, title: b.title })}</h2>
                <p class="muted">
                  {t('board.batchCounts', { total: b.counts.total, a: b.counts.classA, b: b.counts.classB })}
                </p>
                <ul class="items">
                  {of.map((i) => (
                    <ItemRow key={i.itemId} i={i} lights={pages[0]!.lights} />
                  ))}
                </ul>
              </section>
            );
          })}
          {assigned.length > 0 ? (
            <section class="batch" aria-labelledby="batch-assigned">
              <h2 id="batch-assigned">{t('board.assigned')}</h2>
              <p class="muted">{t('board.assignedNote')}</p>
              <ul class="items">
                {assigned.map((i) => (
                  <ItemRow key={i.itemId} i={i} lights={pages[0]!.lights} />
                ))}
              </ul>
            </section>
          ) : null}
          {items.length === 0 ? <p>{t('board.empty')}</p> : null}
          {moreError ? <Failed error={moreError} retry={() => void more()} /> : null}
          {next ? (
            <button type="button" class="more" onClick={() => void more()}>
              {t('board.more')}
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** One item on the board: light, title, tags, claimant, manager, deadline and progress. */
function ItemRow({ i, lights }: { i: PublicList['items'][number]; lights: PublicList['lights'] }) {
  const { t, lang } = useT();
  const { units } = useMeta();
  return (
    <li class="item-row">
      <LightDot light={lightOf(i, lights)} />
      <div class="item-main">
        <Link href={`/items/${encodeURIComponent(i.itemId)}`} class="item-title">
          {i.title}
        </Link>
        <div class="item-meta">
          <span class="tag">{t(`kind.${i.kind}`)}</span>
          <span class="tag">{i.itemClass}</span>
          <span class="tag">{t(`category.${i.category}`)}</span>
          <span class="tag">{t(`status.${i.status}`)}</span>
        </div>
        <dl class="item-people">
          <dt>{t('board.claimant')}</dt>
          <dd>{i.leadUnitId ? unitName(units, i.leadUnitId, lang) : t('board.noClaimant')}</dd>
          <dt>{t('board.manager')}</dt>
          <dd>{i.managerName ?? t('common.none')}</dd>
          <dt>{t('board.deadline')}</dt>
          <dd>{date(i.deadline, lang)}</dd>
        </dl>
      </div>
      <ProgressBar value={i.percentComplete} expected={i.expectedPercent} />
    </li>
  );
}
