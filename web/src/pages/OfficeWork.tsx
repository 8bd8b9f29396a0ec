/**
 * The office's work beyond publishing: proposals to review, completions to verify with a
 * grade, inquiries to decide, an evaluation to run (ended periods only: the API refuses the
 * others) and its inquiry drafts to confirm, and the units with their people.
 */
import { useState } from 'preact/hooks';
import { api, type Item, must, type Schemas } from '../api/client.ts';
import { PrintLink } from '../components/files.tsx';
import { ItemsToSupervise } from '../components/supervision.tsx';
import { Loading } from '../components/ui.tsx';
import { CommandForm, Field, Refusal, str } from '../components/work.tsx';
import { useT } from '../i18n/index.ts';
import { unitName, useMeta } from '../lib/context.ts';
import { date, dateTime, previousPeriod } from '../lib/format.ts';
import { useAsync } from '../lib/use-async.ts';

type Order = Schemas['Order'];

function Proposals() {
  const { t, lang } = useT();
  const { year, units } = useMeta();
  const list = useAsync(
    async () =>
      (await must(api.GET('/v1/proposals', { params: { query: { year, status: 'pending', limit: 100 } } })))
        .items,
    [year],
  );
  return (
    <section aria-labelledby="pr-h">
      <h2 id="pr-h">{t('work.proposals')}</h2>
      {list.error ? <Refusal error={list.error} /> : null}
      {list.data?.length === 0 ? <p class="muted">{t('work.noProposals')}</p> : null}
      <ul class="items">
        {(list.data ?? []).map((p) => (
          <li key={p.proposalId} class="item-row wrap">
            <span />
            <div class="item-main">
              <span class="item-title">{String(p.draft.title ?? p.proposalId)}</span>
              <div class="item-meta">
                <span>{unitName(units, p.unitId, lang)}</span>
                <span>{dateTime(p.declaredAt, lang)}</span>
              </div>
            </div>
            <CommandForm
              submit={t('work.decide')}
              done={t('work.decided')}
              after={list.reload}
              send={(f) => {
                const reason = str(f, 'reason');
                return must(
                  api.POST('/v1/proposals/{id}/decision', {
                    params: { path: { id: p.proposalId } },
                    body:
                      f.get('decision') === 'reject'
                        ? { decision: 'reject', reason }
                        : { decision: 'accept' },
                  }),
                );
              }}
            >
              <span class="field">
                <label for={`pd-${p.proposalId}`}>{t('work.decision')}</label>
                <select id={`pd-${p.proposalId}`} name="decision">
                  <option value="accept">{t('work.accept')}</option>
                  <option value="reject">{t('work.reject')}</option>
                </select>
              </span>
              <Field
                id={`pr-${p.proposalId}`}
                name="reason"
                label={t('work.reason')}
                required={false}
                max={2000}
              />
            </CommandForm>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Completions() {
  const { t, lang } = useT();
  const { year, units } = useMeta();
  const list = useAsync(
    async () =>
      (
        await must(
          api.GET('/v1/items', { params: { query: { year, status: 'completion_reported', limit: 100 } } }),
        )
      ).items as Item[],
    [year],
  );
  return (
    <section aria-labelledby="vc-h">
      <h2 id="vc-h">{t('work.completions')}</h2>
      {list.error ? <Refusal error={list.error} /> : null}
      {list.data?.length === 0 ? <p class="muted">{t('work.noCompletions')}</p> : null}
      <ul class="items">
        {(list.data ?? []).map((i) => (
          <li key={i.itemId} class="item-row wrap verify" data-item={i.itemId}>
            <span />
            <div class="item-main">
              <span class="item-title">{i.title}</span>
              <div class="item-meta">
                {i.leadUnitId ? <span>{unitName(units, i.leadUnitId, lang)}</span> : null}
                <span>
                  {t('board.deadline')} {date(i.deadline, lang)}
                </span>
              </div>
            </div>
            <CommandForm
              submit={t('work.verify')}
              done={t('work.verified')}
              after={list.reload}
              send={(f) => {
                const grade = str(f, 'grade');
                return must(
                  api.POST('/v1/items/{id}/completion/verification', {
                    params: { path: { id: i.itemId } },
                    body:
                      grade === 'not_achieved'
                        ? { achieved: false, reason: str(f, 'note') }
                        : { achieved: true, grade: grade as 'first' | 'second' | 'third' },
                  }),
                );
              }}
            >
              <span class="field">
                <label for={`vg-${i.itemId}`}>{t('work.grade')}</label>
                <select id={`vg-${i.itemId}`} name="grade">
                  <option value="first">{t('notices.outcome.first')}</option>
                  <option value="second">{t('notices.outcome.second')}</option>
                  <option value="third">{t('notices.outcome.third')}</option>
                  <option value="not_achieved">{t('work.notAchieved')}</option>
                </select>
              </span>
              <Field id={`vn-${i.itemId}`} name="note" label={t('work.reason')} required={false} max={2000} />
            </CommandForm>
          </li>
        ))}
      </ul>
    </section>
  );
}

function InquiriesToDecide() {
  const { t, lang } = useT();
  const { year, units } = useMeta();
  const list = useAsync(
    async () =>
      (
        await must(
          api.GET('/v1/orders', {
            params: { query: { year, type: 'inquiry', status: 'answered', limit: 100 } },
          }),
        )
      ).items as Order[],
    [year],
  );
  return (
    <section aria-labelledby="qd-h">
      <h2 id="qd-h">{t('work.inquiriesToDecide')}</h2>
      {list.error ? <Refusal error={list.error} /> : null}
      {list.data?.length === 0 ? <p class="muted">{t('work.noInquiries')}</p> : null}
      <ul class="items">
        {(list.data ?? []).map((o) => (
          <li key={o.orderId} class="item-row wrap inquiry" data-order={o.orderId}>
            <span />
            <div class="item-main">
              <strong>{o.displayNumber}</strong> {o.itemTitle} <PrintLink orderId={o.orderId} />
              <div class="item-meta">
                <span>{unitName(units, o.unitId, lang)}</span>
                {o.trigger ? <span class="tag">{t(`trigger.${o.trigger}`)}</span> : null}
              </div>
              {o.answer ? (
                <dl class="answer">
                  <dt>{t('work.answerText')}</dt>
                  <dd>{o.answer.text}</dd>
                  <dt>{t('work.rectificationPlan')}</dt>
                  <dd>{o.answer.rectificationPlan}</dd>
                </dl>
              ) : null}
            </div>
            <CommandForm
              submit={t('work.decide')}
              done={t('work.decided')}
              after={list.reload}
              send={(f) =>
                must(
                  api.POST('/v1/orders/{id}/decision', {
                    params: { path: { id: o.orderId } },
                    body: { outcome: str(f, 'outcome') as 'rectified' | 'escalated', note: str(f, 'note') },
                  }),
                )
              }
            >
              <span class="field">
                <label for={`qo-${o.orderId}`}>{t('work.outcomeLabel')}</label>
                <select id={`qo-${o.orderId}`} name="outcome">
                  <option value="rectified">{t('orderStatus.rectified')}</option>
                  <option value="escalated">{t('orderStatus.escalated')}</option>
                </select>
              </span>
              <Field id={`qn-${o.orderId}`} name="note" label={t('work.note')} max={2000} />
            </CommandForm>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Evaluation() {
  const { t } = useT();
  const { today } = useMeta();
  const [period, setPeriod] = useState(today ? previousPeriod(today) : '');
  const [shown, setShown] = useState<string>();
  // Drafts a page (100) at a time: "load more" follows `nextDraftsCursor`.
  type Draft = NonNullable<typeof evaluation.data>['drafts'][number];
  const [more, setMore] = useState<{ drafts: Draft[]; next?: string | undefined }>({ drafts: [] });
  const evaluation = useAsync(async () => {
    if (!shown) return undefined;
    const first = await must(api.GET('/v1/evaluations/{period}', { params: { path: { period: shown } } }));
    setMore({ drafts: [], next: first.nextDraftsCursor });
    return first;
  }, [shown]);
  async function moreDrafts() {
    if (!shown || !more.next) return;
    const page = await must(
      api.GET('/v1/evaluations/{period}', {
        params: { path: { period: shown }, query: { draftsCursor: more.next } },
      }),
    );
    setMore({ drafts: [...more.drafts, ...page.drafts], next: page.nextDraftsCursor });
  }
  const drafts = [...(evaluation.data?.drafts ?? []), ...more.drafts].filter((d) => d.status === 'proposed');
  return (
    <section aria-labelledby="ev-h">
      <h2 id="ev-h">{t('work.evaluation')}</h2>
      <CommandForm
        submit={t('work.runEvaluation')}
        done={t('work.evaluationStarted')}
        send={(f) => must(api.POST('/v1/evaluations', { body: { period: str(f, 'period') } }))}
      >
        <span class="field">
          <label for="ev-period">{t('work.period')}</label>
          <input
            id="ev-period"
            name="period"
            required
            pattern="\d{4}-\d{2}"
            value={period}
            onInput={(e) => setPeriod((e.currentTarget as HTMLInputElement).value)}
          />
        </span>
      </CommandForm>
      <button type="button" onClick={() => setShown(period)}>
        {t('work.showEvaluation')}
      </button>
      {evaluation.loading && shown ? <Loading /> : null}
      {evaluation.error ? <Refusal error={evaluation.error} /> : null}
      {evaluation.data ? (
        <>
          <p>
            {t('work.evaluationSummary', {
              items: evaluation.data.summary.items,
              issued: evaluation.data.summary.inquiriesIssued,
              drafts: drafts.length,
            })}
          </p>
          {drafts.length ? (
            <CommandForm
              submit={t('work.confirmDrafts')}
              done={t('work.confirmed')}
              after={evaluation.reload}
              send={(f) =>
                must(
                  api.POST('/v1/evaluations', {
                    body: {
                      period: evaluation.data!.summary.period,
                      confirm: f.getAll('confirm').map(String),
                    },
                  }),
                )
              }
            >
              <fieldset>
                <legend>{t('work.drafts')}</legend>
                {drafts.map((d) => (
                  <label key={d.itemId} class="check">
                    <input type="checkbox" name="confirm" value={d.itemId} /> {d.itemId} ·{' '}
                    {t(`trigger.${d.trigger}`)} · {d.reason}
                  </label>
                ))}
              </fieldset>
            </CommandForm>
          ) : null}
          {more.next ? (
            <button type="button" onClick={() => void moreDrafts()}>
              {t('paging.more')}
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function UnitsAndPeople() {
  const { t, lang } = useT();
  const { units } = useMeta();
  const [open, setOpen] = useState<string>();
  const people = useAsync(
    async () =>
      open ? must(api.GET('/v1/units/{unitId}', { params: { path: { unitId: open } } })) : undefined,
    [open],
  );
  return (
    <section aria-labelledby="up-h">
      <h2 id="up-h">{t('work.units')}</h2>
      <ul class="unit-list">
        {[...units.values()].map((u) => (
          <li key={u.unitId}>
            <button
              type="button"
              class="linkish"
              aria-expanded={open === u.unitId}
              onClick={() => setOpen(u.unitId)}
            >
              {unitName(units, u.unitId, lang)}
            </button>{' '}
            <span class="muted">{t(`unitType.${u.unitType}`)}</span>
            {open === u.unitId && people.data ? (
              <ul>
                {((people.data as { people?: Schemas['Person'][] }).people ?? []).map((p) => (
                  <li key={p.personId}>
                    {p.name}
                    {p.title ? ` · ${p.title}` : ''}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      {people.error ? <Refusal error={people.error} /> : null}
    </section>
  );
}

export function OfficeWork() {
  const { t } = useT();
  return (
    <section aria-labelledby="ow-h">
      <h1 id="ow-h">{t('work.officeHeading')}</h1>
      <Proposals />
      <Completions />
      <InquiriesToDecide />
      <ItemsToSupervise />
      <Evaluation />
      <UnitsAndPeople />
    </section>
  );
}
