/**
 * Discipline inspection: report a suspected violation on an item of the list (it leads to an
 * inquiry order), and follow the inquiries violations started.
 */
import { api, must, type Schemas } from '../api/client.ts';
import { PrintLink } from '../components/files.tsx';
import { CommandForm, Field, Refusal, str } from '../components/work.tsx';
import { useT } from '../i18n/index.ts';
import { unitName, useMeta } from '../lib/context.ts';
import { dateTime } from '../lib/format.ts';
import { useAsync } from '../lib/use-async.ts';
import { loadList } from './Board.tsx';

export function Inspector() {
  const { t, lang } = useT();
  const { year, units } = useMeta();
  const list = useAsync(
    async () =>
      (await loadList(year)).items.filter((i) => i.status === 'in_progress' || i.status === 'awarded'),
    [year],
  );
  const inquiries = useAsync(
    async () =>
      (
        (await must(api.GET('/v1/orders', { params: { query: { year, type: 'inquiry', limit: 100 } } })))
          .items as Schemas['Order'][]
      )
        .filter((o) => o.trigger === 'violation')
        .sort((a, b) => b.issuedAt.localeCompare(a.issuedAt)),
    [year],
  );
  return (
    <section aria-labelledby="in-h">
      <h1 id="in-h">{t('work.inspectorHeading')}</h1>
      <h2>{t('work.reportViolation')}</h2>
      {list.error ? <Refusal error={list.error} /> : null}
      <CommandForm
        submit={t('work.reportViolation')}
        done={t('work.violationReported')}
        after={inquiries.reload}
        send={(f) => {
          const reference = str(f, 'reference');
          return must(
            api.POST('/v1/items/{id}/violations', {
              params: { path: { id: str(f, 'itemId') } },
              body: { description: str(f, 'description'), ...(reference ? { reference } : {}) },
            }),
          );
        }}
      >
        <span class="field grow">
          <label for="vi-item">{t('work.item')}</label>
          <select id="vi-item" name="itemId" required>
            {(list.data ?? []).map((i) => (
              <option key={i.itemId} value={i.itemId}>
                {i.title}
                {i.leadUnitId ? `（${unitName(units, i.leadUnitId, lang)}）` : ''}
              </option>
            ))}
          </select>
        </span>
        <Field id="vi-desc" name="description" label={t('work.violationText')} long />
        <Field id="vi-ref" name="reference" label={t('work.reference')} required={false} max={200} />
      </CommandForm>
      <h2 id="vf-h">{t('work.followInquiries')}</h2>
      {inquiries.error ? <Refusal error={inquiries.error} /> : null}
      {inquiries.data?.length === 0 ? <p class="muted">{t('work.noInquiries')}</p> : null}
      <ul class="items">
        {(inquiries.data ?? []).map((o) => (
          <li key={o.orderId} class="item-row wrap inquiry" data-order={o.orderId}>
            <span />
            <div class="item-main">
              <strong>{o.displayNumber}</strong> {o.itemTitle} <PrintLink orderId={o.orderId} />
              <div class="item-meta">
                <span>{unitName(units, o.unitId, lang)}</span>
                <span class="tag">{t(`orderStatus.${o.status}`)}</span>
                <span>{dateTime(o.issuedAt, lang)}</span>
              </div>
              {o.answer ? <p>{o.answer.rectificationPlan}</p> : null}
              {o.decision ? <p>{o.decision.note}</p> : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
