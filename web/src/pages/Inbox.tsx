/**
 * The signed-in start page, by role: a unit or project manager sees its items (and reports
 * progress on one), the office and commanders the drafts. The API decides what each may
 * read and do; this page only picks what to ask for.
 */
import { useRef, useState } from 'preact/hooks';
import { api, type Item, must } from '../api/client.ts';
import { Failed, LightDot, Link, Loading, ProgressBar } from '../components/ui.tsx';
import { useT } from '../i18n/index.ts';
import { unitName, useMeta } from '../lib/context.ts';
import { date, dateTime } from '../lib/format.ts';
import { type Light, lightOf } from '../lib/light.ts';
import type { Session } from '../lib/session.ts';
import { useAsync } from '../lib/use-async.ts';
import { loadList } from './Board.tsx';

function ProgressForm({ item, done }: { item: Pick<Item, 'itemId' | 'percentComplete'>; done: () => void }) {
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

/** Responsibility orders the unit has to sign (签收), oldest first. */
function ToAcknowledge({ who }: { who: Session }) {
  const { t, lang } = useT();
  const { year } = useMeta();
  const orders = useAsync(
    async () =>
      (
        await must(
          api.GET('/v1/orders', {
            params: {
              query: { year, type: 'responsibility', unit: who.unitId, status: 'issued', limit: 100 },
            },
          }),
        )
      ).items,
    [who.token, year],
  );
  const [error, setError] = useState<Error>();
  async function acknowledge(orderId: string) {
    try {
      await must(
        api.POST('/v1/orders/{id}/acknowledgement', { params: { path: { id: orderId } }, body: {} }),
      );
      orders.reload();
    } catch (err) {
      setError(err as Error);
    }
  }
  return (
    <section aria-labelledby="ack-h">
      <h2 id="ack-h">{t('orders.toAcknowledge')}</h2>
      {orders.data && orders.data.length === 0 ? <p class="muted">{t('orders.none')}</p> : null}
      <ul class="items">
        {(orders.data ?? []).map((o) => (
          <li key={o.orderId} class="item-row">
            <span />
            <div class="item-main">
              <strong>{o.displayNumber}</strong> {o.itemTitle}
              <div class="item-meta">{dateTime(o.issuedAt, lang)}</div>
            </div>
            <button type="button" onClick={() => void acknowledge(o.orderId)}>
              {t('orders.acknowledge')}
            </button>
          </li>
        ))}
      </ul>
      {error ? <Failed error={error} /> : null}
    </section>
  );
}

/** Items of the list still open for claims, with a claim form (plan and project manager). */
function OpenForClaims({ who }: { who: Session }) {
  const { t } = useT();
  const { year } = useMeta();
  const open = useAsync(async () => {
    const [list, unit] = await Promise.all([
      loadList(year),
      must(api.GET('/v1/units/{unitId}', { params: { path: { unitId: who.unitId ?? '' } } })),
    ]);
    return { items: list.items.filter((i) => i.status === 'published'), people: unit.people };
  }, [who.token, year]);
  const [sent, setSent] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<Error>();
  async function claim(e: Event, itemId: string) {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    try {
      await must(
        api.POST('/v1/items/{id}/claims', {
          params: { path: { id: itemId } },
          body: { plan: String(form.get('plan') ?? ''), managerId: String(form.get('managerId') ?? '') },
        }),
      );
      setSent(new Set([...sent, itemId]));
    } catch (err) {
      setError(err as Error);
    }
  }
  return (
    <section aria-labelledby="oc-h">
      <h2 id="oc-h">{t('orders.openForClaims')}</h2>
      {open.data && open.data.items.length === 0 ? <p class="muted">{t('orders.noOpen')}</p> : null}
      <ul class="items">
        {(open.data?.items ?? []).map((i) => (
          <li key={i.itemId} class="item-row wrap">
            <span />
            <div class="item-main">
              <span class="item-title">{i.title}</span>
            </div>
            <span />
            {sent.has(i.itemId) ? (
              <p role="status">{t('orders.claimed')}</p>
            ) : (
              <form class="progress-form" onSubmit={(e) => void claim(e, i.itemId)}>
                <span class="field grow">
                  <label for={`c-${i.itemId}-plan`}>{t('orders.plan')}</label>
                  <input id={`c-${i.itemId}-plan`} name="plan" required maxLength={4000} />
                </span>
                <span class="field">
                  <label for={`c-${i.itemId}-m`}>{t('orders.manager')}</label>
                  <select id={`c-${i.itemId}-m`} name="managerId" required>
                    {(open.data!.people ?? []).map((p) => (
                      <option key={p.personId} value={p.personId}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </span>
                <button type="submit">{t('orders.claim')}</button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {error ? <Failed error={error} /> : null}
    </section>
  );
}

export function Inbox({ who }: { who: Session }) {
  const { t, lang } = useT();
  const { year, units } = useMeta();
  const hq = who.role === 'office' || who.role === 'commander';
  const lights = useRef<ReadonlyMap<string, Light>>(new Map());
  const items = useAsync(async () => {
    if (who.role === 'inspector') return [];
    const query =
      who.role === 'manager'
        ? { year, manager: who.personId, limit: 100 }
        : who.role === 'unit'
          ? { year, unit: who.unitId, limit: 100 }
          : { year, status: 'draft' as const, limit: 100 };
    // The light from the public list's plan figures (the system's date), as on the board.
    const [page, list] = await Promise.all([
      must(api.GET('/v1/items', { params: { query } })),
      loadList(year),
    ]);
    lights.current = new Map(list.items.map((i) => [i.itemId, lightOf(i)]));
    const items = page.items;
    // A unit's or manager's work is what is on the list; drafts are the office's. Work that
    // waits on them first, then by deadline.
    const rank = (status: string) => (status === 'awarded' ? 0 : status === 'in_progress' ? 1 : 2);
    return (hq ? items : items.filter((i) => i.status !== 'draft')).sort(
      (a, b) => rank(a.status) - rank(b.status) || a.deadline.localeCompare(b.deadline),
    );
  }, [who.token, year]);
  const canReport = who.role === 'unit' || who.role === 'manager';
  return (
    <section aria-labelledby="ib-h">
      <h1 id="ib-h">{t('inbox.heading')}</h1>
      <p class="muted">
        {t('app.signedInAs', { who: who.label })} · {t(`role.${who.role}`)}
        {who.unitId ? ` · ${unitName(units, who.unitId, lang)}` : ''}
      </p>
      {who.role === 'unit' ? <ToAcknowledge who={who} /> : null}
      <h2>{hq ? t('inbox.drafts') : t('inbox.items')}</h2>
      {items.loading && !items.data ? <Loading /> : null}
      {items.error ? <Failed error={items.error} retry={items.reload} /> : null}
      {items.data && items.data.length === 0 ? <p>{t('inbox.noItems')}</p> : null}
      <ul class="items">
        {(items.data ?? []).map((i) => (
          <li key={i.itemId} class="item-row wrap">
            {i.status === 'draft' ? null : <LightDot light={lights.current.get(i.itemId) ?? 'none'} />}
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
      {who.role === 'unit' ? <OpenForClaims who={who} /> : null}
    </section>
  );
}
