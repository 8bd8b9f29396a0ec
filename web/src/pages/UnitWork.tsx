/**
 * A unit's and a project manager's work: each item in progress (a full progress report with
 * milestones, investment and evidence links; completion with results), the unit's inquiries to
 * answer with a rectification plan, and its ledger. The API decides what each may do.
 */

import { useState } from 'preact/hooks';
import { api, type Item, must, type Schemas } from '../api/client.ts';
import { EvidenceUpload } from '../components/evidence.tsx';
import { ExportButtons, PrintLink } from '../components/files.tsx';
import { Reminders } from '../components/reminders.tsx';
import { Supervision, SupportedItems } from '../components/supervision.tsx';
import { Loading, ProgressBar } from '../components/ui.tsx';
import { claimStatusLabel, ExtensionRequest, ItemExtensions, WithdrawClaim } from '../components/verbs.tsx';
import { CommandForm, Field, Refusal, str } from '../components/work.tsx';
import { useT } from '../i18n/index.ts';
import { unitName, useMeta } from '../lib/context.ts';
import { date, dateTime, money } from '../lib/format.ts';
import type { Session } from '../lib/session.ts';
import { useAsync } from '../lib/use-async.ts';
import { loadList } from './Board.tsx';

type Order = Schemas['Order'];

function ProgressReport({ item, after }: { item: Item; after: () => void }) {
  const { t, lang } = useT();
  const p = `wp-${item.itemId}`;
  const open = item.milestones.filter((m) => !item.milestonesDone[m.id]);
  const [files, setFiles] = useState<string[]>([]);
  return (
    <CommandForm
      class="work-progress"
      submit={t('work.reportProgress')}
      done={t('inbox.reported')}
      after={after}
      send={(f) => {
        const evidence = str(f, 'evidence');
        const inv = str(f, 'investment');
        return must(
          api.POST('/v1/items/{id}/progress', {
            params: { path: { id: item.itemId } },
            body: {
              percentComplete: Number(str(f, 'percent')),
              narrative: str(f, 'narrative'),
              ...(open.length
                ? {
                    milestones: open
                      .filter((m) => f.get(`ms-${m.id}`))
                      .map((m) => ({ milestoneId: m.id, done: true })),
                  }
                : {}),
              ...(inv ? { investmentCompleted: Math.round(Number(inv) * 10_000) } : {}),
              ...(evidence ? { evidence: evidence.split(/\s+/) } : {}),
              ...(files.length ? { files } : {}),
            },
          }),
        );
      }}
    >
      <span class="field">
        <label for={`${p}-pct`}>{t('inbox.percent')}</label>
        <input
          id={`${p}-pct`}
          name="percent"
          type="number"
          min={0}
          max={100}
          step={0.1}
          required
          value={String(item.percentComplete)}
        />
      </span>
      {item.project ? (
        <span class="field">
          <label for={`${p}-inv`}>
            {t('work.investmentWan', { done: money(item.investmentCompleted, lang) })}
          </label>
          <input id={`${p}-inv`} name="investment" type="number" min={0} step={1} />
        </span>
      ) : null}
      <Field id={`${p}-txt`} name="narrative" label={t('inbox.narrative')} long />
      <Field id={`${p}-ev`} name="evidence" label={t('work.evidence')} required={false} max={2000} />
      <EvidenceUpload itemId={item.itemId} id={`${p}-files`} onChange={setFiles} />
      {open.length ? (
        <fieldset class="milestones">
          <legend>{t('work.milestonesDone')}</legend>
          {open.map((m) => (
            <label key={m.id} class="check">
              <input type="checkbox" name={`ms-${m.id}`} value="1" /> {m.title}（{date(m.dueDate, lang)}）
            </label>
          ))}
        </fieldset>
      ) : null}
    </CommandForm>
  );
}

function CompletionReport({ item, after }: { item: Item; after: () => void }) {
  const { t } = useT();
  const p = `wc-${item.itemId}`;
  const [files, setFiles] = useState<string[]>([]);
  return (
    <CommandForm
      submit={t('work.reportCompletion')}
      done={t('work.completionSent')}
      after={after}
      send={(f) =>
        must(
          api.POST('/v1/items/{id}/completion', {
            params: { path: { id: item.itemId } },
            body: {
              summary: str(f, 'summary'),
              results: item.targets.map((g, i) => ({
                indicator: g.indicator,
                actualValue: Number(str(f, `r-${i}`)),
              })),
              ...(files.length ? { files } : {}),
            },
          }),
        )
      }
    >
      <Field id={`${p}-sum`} name="summary" label={t('work.completionSummary')} long />
      <EvidenceUpload itemId={item.itemId} id={`${p}-files`} onChange={setFiles} />
      {item.targets.map((g, i) => (
        <span class="field" key={g.indicator}>
          <label for={`${p}-r${i}`}>
            {t('work.actual', { indicator: g.indicator, target: g.targetValue, unit: g.unit })}
          </label>
          <input
            id={`${p}-r${i}`}
            name={`r-${i}`}
            type="number"
            step="any"
            required
            value={String(g.targetValue)}
          />
        </span>
      ))}
    </CommandForm>
  );
}

function MyItems({ who }: { who: Session }) {
  const { t, lang } = useT();
  const { year } = useMeta();
  const items = useAsync(async () => {
    const query = who.role === 'manager' ? { year, manager: who.personId } : { year, unit: who.unitId };
    const page = await must(api.GET('/v1/items', { params: { query: { ...query, limit: 100 } } }));
    return (page.items as Item[])
      .filter(
        (i) => i.status === 'in_progress' || i.status === 'completion_reported' || i.status === 'awarded',
      )
      .sort((a, b) => a.deadline.localeCompare(b.deadline));
  }, [who.token, year]);
  return (
    <section aria-labelledby="wi-h">
      <h2 id="wi-h">{who.role === 'manager' ? t('work.managed') : t('inbox.items')}</h2>
      {items.loading && !items.data ? <Loading /> : null}
      {items.error ? <Refusal error={items.error} /> : null}
      {items.data?.length === 0 ? <p class="muted">{t('inbox.noItems')}</p> : null}
      <ul class="items">
        {(items.data ?? []).map((i) => (
          <li key={i.itemId} class="item-row wrap work-item" data-item={i.itemId}>
            <span />
            <div class="item-main">
              <span class="item-title">{i.title}</span>
              <div class="item-meta">
                <span class="tag">{t(`status.${i.status}`)}</span>
                <span>
                  {t('board.deadline')} {date(i.deadline, lang)}
                </span>
              </div>
            </div>
            <ProgressBar value={i.percentComplete} />
            {i.status === 'awarded' && i.responsibilityOrderId && who.role === 'unit' ? (
              <CommandForm
                submit={t('orders.acknowledge')}
                done={t('orders.acknowledged')}
                after={items.reload}
                send={() =>
                  must(
                    api.POST('/v1/orders/{id}/acknowledgement', {
                      params: { path: { id: i.responsibilityOrderId ?? '' } },
                      body: {},
                    }),
                  )
                }
              >
                <span>{i.responsibilityOrderId}</span>
              </CommandForm>
            ) : null}
            {i.status === 'in_progress' ? (
              <details class="work-forms">
                <summary>{t('work.report')}</summary>
                <ProgressReport item={i} after={items.reload} />
                <CompletionReport item={i} after={items.reload} />
              </details>
            ) : null}
            {i.status === 'in_progress' || i.status === 'awarded' ? (
              <>
                <details class="work-forms">
                  <summary>
                    {t('office2.supervision')}
                    {i.urgeCount ? ` · ${t('office2.urgeNo', { n: i.urgeCount })}` : ''}
                  </summary>
                  <Supervision item={i} />
                </details>
                <details class="work-forms extension-forms">
                  <summary>{t('verbs.extensionHeading')}</summary>
                  <ExtensionRequest item={i} after={items.reload} />
                  <ItemExtensions item={i} />
                </details>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Inquiry orders issued to the unit, to answer in writing with a rectification plan. */
function InquiriesToAnswer({ who }: { who: Session }) {
  const { t, lang } = useT();
  const { year } = useMeta();
  const orders = useAsync(
    async () =>
      (
        await must(
          api.GET('/v1/orders', {
            params: { query: { year, type: 'inquiry', unit: who.unitId, limit: 100 } },
          }),
        )
      ).items as Order[],
    [who.token, year],
  );
  const list = (orders.data ?? []).sort((a, b) => (a.answerDueAt ?? '').localeCompare(b.answerDueAt ?? ''));
  return (
    <section aria-labelledby="wq-h">
      <h2 id="wq-h">{t('work.inquiries')}</h2>
      {orders.error ? <Refusal error={orders.error} /> : null}
      {orders.data && list.length === 0 ? <p class="muted">{t('work.noInquiries')}</p> : null}
      <ul class="items">
        {list.map((o) => (
          <li key={o.orderId} class="item-row wrap inquiry" data-order={o.orderId}>
            <span />
            <div class="item-main">
              <strong>{o.displayNumber}</strong> {o.itemTitle} <PrintLink orderId={o.orderId} />
              <div class="item-meta">
                <span class="tag">{t(`orderStatus.${o.status}`)}</span>
                {o.trigger ? <span class="tag">{t(`trigger.${o.trigger}`)}</span> : null}
                {o.answerDueAt ? (
                  <span>{t('work.answerDue', { at: dateTime(o.answerDueAt, lang) })}</span>
                ) : null}
              </div>
              {o.reason ? <p>{o.reason}</p> : null}
            </div>
            {o.status === 'issued' ? (
              <CommandForm
                submit={t('work.answer')}
                done={t('work.answered')}
                after={orders.reload}
                send={(f) =>
                  must(
                    api.POST('/v1/orders/{id}/responses', {
                      params: { path: { id: o.orderId } },
                      body: { text: str(f, 'text'), rectificationPlan: str(f, 'plan') },
                    }),
                  )
                }
              >
                <Field id={`qa-${o.orderId}-t`} name="text" label={t('work.answerText')} long max={8000} />
                <Field
                  id={`qa-${o.orderId}-p`}
                  name="plan"
                  label={t('work.rectificationPlan')}
                  long
                  max={8000}
                />
              </CommandForm>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The current claim round (the list's latest batch): claim an item still open with a plan and
 * a project manager, and see how the unit's own claims were decided.
 */
function ClaimRound({ who }: { who: Session }) {
  const { t } = useT();
  const { year } = useMeta();
  const round = useAsync(async () => {
    const [list, unit] = await Promise.all([
      loadList(year),
      must(api.GET('/v1/units/{unitId}', { params: { path: { unitId: who.unitId ?? '' } } })),
    ]);
    const latest = Math.max(0, ...list.items.map((i) => i.batchNo ?? 0));
    const items = list.items.filter((i) => i.batchNo === latest && latest > 1);
    const withClaims = await Promise.all(
      items.map(async (i) => ({
        item: i,
        mine: (
          await must(api.GET('/v1/items/{id}/claims', { params: { path: { id: i.itemId } } }))
        ).items.filter((c) => c.unitId === who.unitId),
      })),
    );
    return { items: withClaims, people: (unit as { people?: Schemas['Person'][] }).people ?? [] };
  }, [who.token, year]);
  return (
    <section aria-labelledby="wr-h">
      <h2 id="wr-h">{t('work.claimRound')}</h2>
      {round.error ? <Refusal error={round.error} /> : null}
      {round.data?.items.length === 0 ? <p class="muted">{t('orders.noOpen')}</p> : null}
      <ul class="items">
        {(round.data?.items ?? []).map(({ item, mine }) => (
          <li key={item.itemId} class="item-row wrap claim-row" data-item={item.itemId}>
            <span />
            <div class="item-main">
              <span class="item-title">{item.title}</span>
              <div class="item-meta">
                <span class="tag">{t(`status.${item.status}`)}</span>
                {mine.map((c) => (
                  <span key={c.claimId} class="tag claim-status">
                    {t('work.myClaim', { status: claimStatusLabel(t, c.status) })}
                  </span>
                ))}
              </div>
            </div>
            {mine
              .filter((c) => c.status === 'pending' && who.role === 'unit')
              .map((c) => (
                <WithdrawClaim
                  key={c.claimId}
                  itemId={item.itemId}
                  claimId={c.claimId}
                  after={round.reload}
                />
              ))}
            {item.status === 'published' && mine.length === 0 ? (
              <CommandForm
                submit={t('orders.claim')}
                done={t('orders.claimed')}
                after={round.reload}
                send={(f) =>
                  must(
                    api.POST('/v1/items/{id}/claims', {
                      params: { path: { id: item.itemId } },
                      body: { plan: str(f, 'plan'), managerId: str(f, 'managerId') },
                    }),
                  )
                }
              >
                <Field id={`wr-${item.itemId}-p`} name="plan" label={t('orders.plan')} long />
                <span class="field">
                  <label for={`wr-${item.itemId}-m`}>{t('orders.manager')}</label>
                  <select id={`wr-${item.itemId}-m`} name="managerId" required>
                    {(round.data?.people ?? []).map((p) => (
                      <option key={p.personId} value={p.personId}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </span>
              </CommandForm>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Ledger({ unitId }: { unitId: string }) {
  const { t, lang } = useT();
  const { year, units } = useMeta();
  const ledger = useAsync(
    () => must(api.GET('/v1/units/{unitId}/ledger', { params: { path: { unitId }, query: { year } } })),
    [unitId, year],
  );
  const yes = (b: boolean) => (b ? t('work.yes') : t('work.no'));
  return (
    <section aria-labelledby="wl-h" class="ledger">
      <h2 id="wl-h">{t('work.ledger', { unit: unitName(units, unitId, lang) })}</h2>
      <ExportButtons dataset="ledger" query={{ year, unit: unitId }} label={t('sheets.exportLedger')} />
      {ledger.error ? <Refusal error={ledger.error} /> : null}
      {ledger.data ? (
        <>
          <dl class="figures">
            <div data-figure="score">
              <dt>{t('work.score')}</dt>
              <dd>{ledger.data.totals.performanceScore}</dd>
            </div>
            <div data-figure="points">
              <dt>{t('work.points')}</dt>
              <dd>{ledger.data.totals.brightSpotPoints}</dd>
            </div>
            <div data-figure="excellence">
              <dt>{t('work.excellence')}</dt>
              <dd>{yes(ledger.data.totals.excellenceEligible)}</dd>
            </div>
            <div data-figure="rest">
              <dt>{t('work.rest')}</dt>
              <dd>{yes(ledger.data.totals.restEligible)}</dd>
            </div>
          </dl>
          <p data-figure="urgings">{t('office2.urgingsCount', { n: ledger.data.urgings.count })}</p>
          {ledger.data.referrals.length > 0 ? (
            <>
              <h3>{t('office2.referralsInLedger')}</h3>
              <ul>
                {ledger.data.referrals.map((r) => (
                  <li key={r.orderId}>
                    <strong>{r.displayNumber}</strong>{' '}
                    {r.referral.outcome
                      ? t('office2.referralDone', {
                          to: r.referral.to,
                          date: date(r.referral.referredOn, lang),
                          outcome: r.referral.outcome,
                          closed: date(r.referral.closedOn ?? '', lang),
                        })
                      : t('office2.referralOpen', {
                          to: r.referral.to,
                          date: date(r.referral.referredOn, lang),
                        })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {ledger.data.entries.length === 0 ? <p class="muted">{t('work.noEntries')}</p> : null}
          <LedgerEntries entries={ledger.data.entries} />
          {ledger.data.people.length > 0 ? (
            <>
              <h3>{t('work.peopleLedgers')}</h3>
              {ledger.data.people.map((p) => (
                <PersonLedger key={p.personId} unitId={unitId} person={p} year={year} />
              ))}
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

type LedgerEntry = Schemas['LedgerEntry'];

function LedgerEntries({ entries }: { entries: readonly LedgerEntry[] }) {
  const { t, lang } = useT();
  return (
    <ul class="items">
      {entries.map((e) => (
        <li key={e.orderId} class="ledger-entry">
          <strong>{e.displayNumber}</strong> {t(`work.outcome.${e.outcome.replace(':', '_')}`)} ·{' '}
          {t('work.effect', { score: e.effect.performanceScore, points: e.effect.brightSpotPoints })} ·{' '}
          {dateTime(e.at, lang)}
        </li>
      ))}
    </ul>
  );
}

/** One of the unit's people: the scores, and the entries and notes once opened (their own route). */
function PersonLedger({
  unitId,
  person,
  year,
}: {
  unitId: string;
  person: Schemas['UnitLedger']['people'][number];
  year: number;
}) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  return (
    <details
      class="work-forms"
      data-person-ledger={person.personId}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>
        {t('work.personScore', {
          name: person.name,
          score: person.totals.performanceScore,
          points: person.totals.brightSpotPoints,
          n: person.totals.entries,
        })}
      </summary>
      {open ? <PersonEntries unitId={unitId} personId={person.personId} year={year} /> : null}
    </details>
  );
}

function PersonEntries({ unitId, personId, year }: { unitId: string; personId: string; year: number }) {
  const { t } = useT();
  const ledger = useAsync(
    () =>
      must(
        api.GET('/v1/units/{unitId}/people/{personId}/ledger', {
          params: { path: { unitId, personId }, query: { year } },
        }),
      ),
    [unitId, personId, year],
  );
  if (ledger.error) return <Refusal error={ledger.error} />;
  if (!ledger.data) return <Loading />;
  const notes = [...ledger.data.totals.meritRecommendations, ...ledger.data.totals.cadreNotes];
  return (
    <>
      <LedgerEntries entries={ledger.data.entries} />
      {notes.length > 0 ? (
        <>
          <h4>{t('work.personNotes')}</h4>
          <ul>
            {notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

export function UnitWork({ who }: { who: Session }) {
  const { t } = useT();
  return (
    <section aria-labelledby="uw-h">
      <h1 id="uw-h">{t('work.heading')}</h1>
      <MyItems who={who} />
      {who.role === 'unit' && who.unitId ? (
        <>
          <ClaimRound who={who} />
          <InquiriesToAnswer who={who} />
          <Reminders unitId={who.unitId} />
          <SupportedItems unitId={who.unitId} />
          <Ledger unitId={who.unitId} />
        </>
      ) : null}
    </section>
  );
}
