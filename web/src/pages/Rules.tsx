/**
 * `/rules`: the rules in force, as GET /v1/rules answers them (the deployment's limits, the
 * domain's thresholds, the grading rule set in the table, the calendar of the year and whether
 * the next year's is loaded). The page holds no number of its own.
 */
import { Fragment } from 'preact';
import { api, must, type Schemas } from '../api/client.ts';
import { RulesAdmin } from '../components/supervision.tsx';
import { Failed, Loading } from '../components/ui.tsx';
import { useT } from '../i18n/index.ts';
import { useMeta } from '../lib/context.ts';
import { date, dateTime, share } from '../lib/format.ts';
import { session } from '../lib/session.ts';
import { useAsync } from '../lib/use-async.ts';

type Rules = Schemas['RulesInForce'];
type CalendarYear = Rules['calendar']['current'];

const OUTCOMES = [
  'commendation:first',
  'commendation:second',
  'commendation:third',
  'inquiry:rectified',
  'inquiry:escalated',
] as const;

function Calendar({ c, heading }: { c: CalendarYear; heading: string }) {
  const { t, lang } = useT();
  return (
    <div class="calendar-year" data-year={c.year}>
      <h3>{heading}</h3>
      <p class="calendar-source">
        {c.covered ? t(`rules.source.${c.source}`) : t('rules.notLoaded', { year: c.year })}
        {c.version ? ` · ${t('rules.version', { n: c.version })}` : ''}
        {c.loadedAt ? ` · ${dateTime(c.loadedAt, lang)}` : ''}
      </p>
      {c.reference ? <p class="muted">{c.reference}</p> : null}
      {c.covered ? (
        <dl class="calendar-days">
          <dt>{t('rules.holidays', { n: c.holidays.length })}</dt>
          <dd>
            {c.holidays.length === 0
              ? t('common.none')
              : c.holidays.map((h) => `${date(h.date, lang)} ${h.name}`).join('、')}
          </dd>
          <dt>{t('rules.makeUpWorkdays', { n: c.makeUpWorkdays.length })}</dt>
          <dd>
            {c.makeUpWorkdays.length === 0
              ? t('common.none')
              : c.makeUpWorkdays.map((d) => date(d, lang)).join('、')}
          </dd>
        </dl>
      ) : null}
    </div>
  );
}

export function RulesPage() {
  const { t, lang } = useT();
  const { year } = useMeta();
  const rules = useAsync(() => must(api.GET('/v1/rules', { params: { query: { year } } })), [year]);
  const r = rules.data;
  const yesNo = (b: boolean | null) => (b === null ? t('rules.unchanged') : b ? t('work.yes') : t('work.no'));
  return (
    <section aria-labelledby="ru-h">
      <h1 id="ru-h">{t('rules.heading', { year })}</h1>
      <p class="muted">{t('rules.intro')}</p>
      {rules.loading && !r ? <Loading /> : null}
      {rules.error ? <Failed error={rules.error} retry={rules.reload} /> : null}
      {r ? (
        <>
          <h2>{t('rules.limits')}</h2>
          <dl class="rules-limits">
            <dt>{t('rules.acknowledgement')}</dt>
            <dd data-rule="acknowledgementWorkingDays">
              {t('rules.workingDays', { n: r.limits.acknowledgementWorkingDays })}
            </dd>
            <dt>{t('rules.acknowledgementGrace')}</dt>
            <dd data-rule="acknowledgementGraceWorkingDays">
              {t('rules.workingDays', { n: r.limits.acknowledgementGraceWorkingDays })}
            </dd>
            <dt>{t('rules.inquiryAnswer')}</dt>
            <dd data-rule="inquiryAnswerWorkingDays">
              {t('rules.workingDays', { n: r.limits.inquiryAnswerWorkingDays })}
            </dd>
          </dl>
          <h2>{t('rules.lights')}</h2>
          <ul class="rules-lights">
            <li data-rule="red">{t('rules.red', { points: r.lights.seriousLagPoints })}</li>
            <li data-rule="yellow">{t('rules.yellow', { n: r.lights.dueSoonWorkingDays })}</li>
            <li data-rule="green">{t('rules.green')}</li>
          </ul>
          <h2>{t('rules.evaluation')}</h2>
          <dl class="rules-evaluation">
            <dt>{t('rules.seriousLag')}</dt>
            <dd data-rule="seriousLagPoints">
              {t('rules.points', { n: r.evaluation.thresholds.seriousLagPoints })}
            </dd>
            <dt>{t('rules.bottom')}</dt>
            <dd data-rule="bottom">
              {t('rules.bottomValue', {
                share: share(r.evaluation.thresholds.bottomShare, lang),
                n: r.evaluation.thresholds.bottomPeriodsRunning,
              })}
            </dd>
            {Object.entries(r.evaluation.consequences).map(([trigger, c]) => (
              <Fragment key={trigger}>
                <dt>{t(`trigger.${trigger}`)}</dt>
                <dd>{t(`rules.consequence.${c}`)}</dd>
              </Fragment>
            ))}
          </dl>
          <h2>{t('rules.grading', { version: r.grading.version })}</h2>
          <p class="muted">{r.grading.title}</p>
          <div class="table-wrap">
            <table class="rules-grading">
              <thead>
                <tr>
                  <th scope="col">{t('rules.outcome')}</th>
                  <th scope="col">{t('work.score')}</th>
                  <th scope="col">{t('work.points')}</th>
                  <th scope="col">{t('work.excellence')}</th>
                  <th scope="col">{t('work.rest')}</th>
                  <th scope="col">{t('rules.merit')}</th>
                  <th scope="col">{t('rules.notice')}</th>
                </tr>
              </thead>
              <tbody>
                {OUTCOMES.map((o) => {
                  const e = r.grading.effects[o];
                  if (!e) return null;
                  return (
                    <tr key={o} data-outcome={o}>
                      <th scope="row">{t(`work.outcome.${o.replace(':', '_')}`)}</th>
                      <td data-rule="performanceScore">{e.performanceScore}</td>
                      <td data-rule="brightSpotPoints">{e.brightSpotPoints}</td>
                      <td>{yesNo(e.excellenceEligible)}</td>
                      <td>{yesNo(e.restEligible)}</td>
                      <td>{e.meritRecommendation ?? t('common.none')}</td>
                      <td>{t(`rules.publicNotice.${e.publicNotice}`)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <h2>{t('rules.calendar')}</h2>
          <Calendar
            c={r.calendar.current}
            heading={t('rules.calendarOf', { year: r.calendar.current.year })}
          />
          <Calendar c={r.calendar.next} heading={t('rules.calendarOf', { year: r.calendar.next.year })} />
          {session.get()?.role === 'office' ? <RulesAdmin rules={r} after={rules.reload} /> : null}
        </>
      ) : null}
    </section>
  );
}
