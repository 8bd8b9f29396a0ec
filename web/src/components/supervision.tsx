/**
 * The verbs of supervision in the console (issue 13 §6–7): an item's urgings (催办) and the
 * office's or a commander's urge form; the supporting units' (协办) reports and the form of a
 * supporting unit; the referral of an escalated inquiry and its outcome; the office's form that
 * publishes a new version of the rules and re-grades a year. The API decides who may: the forms
 * show only where it would accept them.
 */
import { useState } from 'preact/hooks';
import { api, type Item, must, type Schemas } from '../api/client.ts';
import { useT } from '../i18n/index.ts';
import { unitName, useMeta } from '../lib/context.ts';
import { date, dateTime } from '../lib/format.ts';
import { session } from '../lib/session.ts';
import { useAsync } from '../lib/use-async.ts';
import { CommandForm, Field, Refusal, str } from './work.tsx';

type Order = Schemas['Order'];
const HQ = (role?: string) => role === 'office' || role === 'commander';
const REFERRAL_BODIES = ['区纪委监委', '区委组织部', '区委督查室', '区政府督查室'];

/** An item's urgings and supporting reports; the urge form for HQ, the report form for a supporting unit. */
export function Supervision({
  item,
}: {
  item: Pick<Item, 'itemId' | 'status' | 'leadUnitId' | 'supportingUnitIds'>;
}) {
  const { t, lang } = useT();
  const { units } = useMeta();
  const who = session.get();
  const id = item.itemId;
  const urgings = useAsync(
    () => must(api.GET('/v1/items/{id}/urgings', { params: { path: { id }, query: { limit: 100 } } })),
    [id],
  );
  const reports = useAsync(
    () =>
      must(api.GET('/v1/items/{id}/support-reports', { params: { path: { id }, query: { limit: 100 } } })),
    [id],
  );
  const onItem = [item.leadUnitId, ...(item.supportingUnitIds ?? [])].filter((u): u is string => !!u);
  const active = item.status === 'awarded' || item.status === 'in_progress';
  const supporting =
    who?.role === 'unit' && !!who.unitId && (item.supportingUnitIds ?? []).includes(who.unitId);
  return (
    <div class="supervision" data-supervision={id}>
      <h3>{t('office2.urgings', { n: urgings.data?.items.length ?? 0 })}</h3>
      {urgings.error ? <Refusal error={urgings.error} /> : null}
      {urgings.data?.items.length === 0 ? <p class="muted">{t('office2.noUrgings')}</p> : null}
      <ul>
        {(urgings.data?.items ?? []).map((u) => (
          <li key={`${u.date}-${u.unitId}`} data-urge={u.urgeNo}>
            {t('office2.urgeNo', { n: u.urgeNo })} · {dateTime(u.at, lang)} ·{' '}
            {unitName(units, u.unitId, lang)}
            {u.orderId ? ` · ${u.orderId}` : ''} · {u.note}
          </li>
        ))}
      </ul>
      {HQ(who?.role) && active && onItem.length > 0 ? (
        <CommandForm
          submit={t('office2.urge')}
          done={t('office2.urged')}
          after={urgings.reload}
          send={(f) =>
            must(
              api.POST('/v1/items/{id}/urgings', {
                params: { path: { id } },
                body: {
                  unitId: str(f, 'unitId'),
                  note: str(f, 'note'),
                  ...(str(f, 'orderId') ? { orderId: str(f, 'orderId') } : {}),
                },
              }),
            )
          }
        >
          <span class="field">
            <label for={`urge-unit-${id}`}>{t('office2.urgeUnit')}</label>
            <select id={`urge-unit-${id}`} name="unitId">
              {onItem.map((u) => (
                <option key={u} value={u}>
                  {unitName(units, u, lang)}
                </option>
              ))}
            </select>
          </span>
          <Field
            id={`urge-order-${id}`}
            name="orderId"
            label={t('office2.urgeOrder')}
            required={false}
            max={40}
          />
          <Field id={`urge-note-${id}`} name="note" label={t('office2.urgeNote')} long max={500} />
        </CommandForm>
      ) : null}
      <h3>{t('office2.supportReports')}</h3>
      {reports.error ? <Refusal error={reports.error} /> : null}
      {reports.data?.items.length === 0 ? <p class="muted">{t('office2.noSupportReports')}</p> : null}
      <ul>
        {(reports.data?.items ?? []).map((r) => (
          <li key={r.reportId}>
            {dateTime(r.reportedAt, lang)} · {unitName(units, r.unitId, lang)}
            {r.percentOfPart !== undefined ? ` · ${r.percentOfPart}%` : ''} · {r.text}
          </li>
        ))}
      </ul>
      {supporting && item.status === 'in_progress' ? (
        <CommandForm
          submit={t('office2.reportSupport')}
          done={t('office2.supportReported')}
          after={reports.reload}
          send={(f) =>
            must(
              api.POST('/v1/items/{id}/support-reports', {
                params: { path: { id } },
                body: {
                  text: str(f, 'text'),
                  ...(str(f, 'percentOfPart') ? { percentOfPart: Number(str(f, 'percentOfPart')) } : {}),
                },
              }),
            )
          }
        >
          <Field id={`sup-text-${id}`} name="text" label={t('office2.supportText')} long max={2000} />
          <Field
            id={`sup-pct-${id}`}
            name="percentOfPart"
            label={t('office2.supportPercent')}
            required={false}
            max={5}
          />
        </CommandForm>
      ) : null}
    </div>
  );
}

/** Items in progress (or awarded) of the year, each with its supervision block: the office's view. */
export function ItemsToSupervise() {
  const { t } = useT();
  const { year } = useMeta();
  const items = useAsync(async () => {
    const out: Item[] = [];
    for (const status of ['awarded', 'in_progress'] as const) {
      const page = await must(api.GET('/v1/items', { params: { query: { year, status, limit: 100 } } }));
      out.push(...(page.items as Item[]));
    }
    return out;
  }, [year]);
  return (
    <section aria-labelledby="sv-h">
      <h2 id="sv-h">{t('office2.itemsToSupervise')}</h2>
      {items.error ? <Refusal error={items.error} /> : null}
      {(items.data ?? []).map((i) => (
        <details key={i.itemId} class="work-forms">
          <summary>
            {i.title} · {t(`status.${i.status}`)}
            {i.urgeCount ? ` · ${t('office2.urgeNo', { n: i.urgeCount })}` : ''}
          </summary>
          <Supervision item={i} />
        </details>
      ))}
    </section>
  );
}

/** The items a unit supports (协办), in progress: found among the year's items in progress. */
export function SupportedItems({ unitId }: { unitId: string }) {
  const { t } = useT();
  const { year } = useMeta();
  const items = useAsync(async () => {
    const page = await must(
      api.GET('/v1/items', { params: { query: { year, status: 'in_progress', limit: 100 } } }),
    );
    return (page.items as Item[]).filter((i) => (i.supportingUnitIds ?? []).includes(unitId));
  }, [year, unitId]);
  return (
    <section aria-labelledby="si-h">
      <h2 id="si-h">{t('office2.supportedItems')}</h2>
      {items.error ? <Refusal error={items.error} /> : null}
      {items.data?.length === 0 ? <p class="muted">{t('office2.noSupportedItems')}</p> : null}
      {(items.data ?? []).map((i) => (
        <details key={i.itemId} class="work-forms">
          <summary>{i.title}</summary>
          <Supervision item={i} />
        </details>
      ))}
    </section>
  );
}

/** An escalated inquiry's referral: the stamp, and the forms HQ records it and its outcome with. */
export function Referral({ order, after }: { order: Order; after: () => void }) {
  const { t, lang } = useT();
  const who = session.get();
  const r = order.referral;
  const id = order.orderId;
  return (
    <div class="referral" data-referral={id}>
      {r ? (
        <p>
          {r.outcome
            ? t('office2.referralDone', {
                to: r.to,
                date: date(r.referredOn, lang),
                outcome: r.outcome,
                closed: date(r.closedOn ?? '', lang),
              })
            : t('office2.referralOpen', { to: r.to, date: date(r.referredOn, lang) })}
        </p>
      ) : null}
      {HQ(who?.role) && order.status === 'escalated' && !r ? (
        <CommandForm
          submit={t('office2.refer')}
          done={t('office2.referred')}
          after={after}
          send={(f) =>
            must(
              api.POST('/v1/orders/{id}/referral', {
                params: { path: { id } },
                body: {
                  to: str(f, 'to'),
                  ...(str(f, 'referredOn') ? { referredOn: str(f, 'referredOn') } : {}),
                  ...(str(f, 'note') ? { note: str(f, 'note') } : {}),
                },
              }),
            )
          }
        >
          <span class="field">
            <label for={`ref-to-${id}`}>{t('office2.referredTo')}</label>
            <input id={`ref-to-${id}`} name="to" list={`ref-bodies-${id}`} required maxLength={100} />
            <datalist id={`ref-bodies-${id}`}>
              {REFERRAL_BODIES.map((b) => (
                <option key={b} value={b} />
              ))}
            </datalist>
          </span>
          <span class="field">
            <label for={`ref-on-${id}`}>{t('office2.referredOn')}</label>
            <input id={`ref-on-${id}`} name="referredOn" type="date" />
          </span>
          <Field
            id={`ref-note-${id}`}
            name="note"
            label={t('office2.referralNote')}
            long
            required={false}
            max={1000}
          />
        </CommandForm>
      ) : null}
      {HQ(who?.role) && r && !r.outcome ? (
        <CommandForm
          submit={t('office2.closeReferral')}
          done={t('office2.referralClosed')}
          after={after}
          send={(f) =>
            must(
              api.POST('/v1/orders/{id}/referral/outcome', {
                params: { path: { id } },
                body: { outcome: str(f, 'outcome'), closedOn: str(f, 'closedOn') },
              }),
            )
          }
        >
          <Field id={`ref-out-${id}`} name="outcome" label={t('office2.outcome')} long max={1000} />
          <span class="field">
            <label for={`ref-closed-${id}`}>{t('office2.closedOn')}</label>
            <input id={`ref-closed-${id}`} name="closedOn" type="date" required />
          </span>
        </CommandForm>
      ) : null}
    </div>
  );
}

const OUTCOMES = [
  'commendation:first',
  'commendation:second',
  'commendation:third',
  'inquiry:rectified',
  'inquiry:escalated',
] as const;

/** The office's part of the rules page: publish the next version, list the versions, re-grade the year. */
export function RulesAdmin({ rules, after }: { rules: Schemas['RulesInForce']; after: () => void }) {
  const { t, lang } = useT();
  const { year } = useMeta();
  const versions = useAsync(
    () => must(api.GET('/v1/rules/versions', { params: { query: { limit: 100 } } })),
    [rules.version],
  );
  const th = rules.evaluation.thresholds;
  const [regraded, setRegraded] = useState<number>();
  const label = (o: string) => t(`work.outcome.${o.replace(':', '_')}`);
  return (
    <section aria-labelledby="rp-h" class="rules-admin">
      <h2 id="rp-h">{t('office2.publishHeading')}</h2>
      <p class="muted">{t('office2.publishIntro')}</p>
      <CommandForm
        submit={t('office2.publish')}
        done={t('office2.published')}
        after={after}
        send={(f) => {
          const num = (k: string) => Number(str(f, k));
          const effects = Object.fromEntries(
            OUTCOMES.map((o) => [
              o,
              {
                ...rules.grading.effects[o]!,
                performanceScore: num(`score-${o}`),
                brightSpotPoints: num(`points-${o}`),
              },
            ]),
          );
          return must(
            api.POST('/v1/rules', {
              body: {
                version: rules.version + 1,
                title: str(f, 'title'),
                effects: effects as never,
                thresholds: {
                  seriousLagPoints: num('seriousLagPoints'),
                  bottomShare: num('bottomShare'),
                  bottomPeriodsRunning: num('bottomPeriodsRunning'),
                },
              },
            }),
          );
        }}
      >
        <span class="field">
          <label for="rp-version">{t('office2.version')}</label>
          <input id="rp-version" value={String(rules.version + 1)} readOnly />
        </span>
        <Field id="rp-title" name="title" label={t('office2.title')} max={200} value={rules.grading.title} />
        <NumberField
          id="rp-lag"
          name="seriousLagPoints"
          label={t('office2.seriousLag')}
          value={th.seriousLagPoints}
        />
        <NumberField
          id="rp-share"
          name="bottomShare"
          label={t('office2.bottomShare')}
          value={th.bottomShare}
          step="0.01"
        />
        <NumberField
          id="rp-periods"
          name="bottomPeriodsRunning"
          label={t('office2.bottomPeriods')}
          value={th.bottomPeriodsRunning}
        />
        {OUTCOMES.map((o) => (
          <span key={o}>
            <NumberField
              id={`rp-score-${o}`}
              name={`score-${o}`}
              label={t('office2.score', { outcome: label(o) })}
              value={rules.grading.effects[o]?.performanceScore ?? 0}
            />
            <NumberField
              id={`rp-points-${o}`}
              name={`points-${o}`}
              label={t('office2.points', { outcome: label(o) })}
              value={rules.grading.effects[o]?.brightSpotPoints ?? 0}
            />
          </span>
        ))}
      </CommandForm>
      <CommandForm
        submit={t('office2.regrade', { year })}
        done={t('office2.regraded', { n: regraded ?? 0 })}
        send={async (form) => {
          const period = String(form.get('period') ?? '');
          const body = period ? { year, period } : { year };
          const r = await must(api.POST('/v1/rules/regrade', { body }));
          setRegraded(r.regraded);
          return r;
        }}
      >
        <label>
          {t('office2.regradePeriod')}{' '}
          <select name="period">
            <option value="">{t('office2.wholeYear')}</option>
            {Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`).map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
      </CommandForm>
      <h2>{t('office2.versions')}</h2>
      {versions.error ? <Refusal error={versions.error} /> : null}
      {versions.data?.items.length === 0 ? <p class="muted">{t('office2.noVersions')}</p> : null}
      <ul>
        {(versions.data?.items ?? []).map((v) => (
          <li key={v.version}>
            {t('office2.versionRow', {
              v: v.version,
              title: v.title,
              at: v.publishedAt ? dateTime(v.publishedAt, lang) : '',
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

function NumberField(props: { id: string; name: string; label: string; value: number; step?: string }) {
  return (
    <span class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.name}
        type="number"
        step={props.step ?? 'any'}
        value={String(props.value)}
        required
      />
    </span>
  );
}
