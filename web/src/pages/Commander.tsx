/**
 * Headquarters' desk: claims to award with the applicants' plans side by side, direct
 * assignment of an item nobody was awarded, and escalated inquiries. The office sees it too.
 */
import { api, type Item, must, type Schemas } from '../api/client.ts';
import { PrintLink } from '../components/files.tsx';
import { peopleOf, UnitAndManagerFields } from '../components/people.tsx';
import { Referral } from '../components/supervision.tsx';
import { Loading } from '../components/ui.tsx';
import { claimStatusLabel, PendingExtensions, Reassignments } from '../components/verbs.tsx';
import { CommandForm, Refusal, str } from '../components/work.tsx';
import { useT } from '../i18n/index.ts';
import { unitName, useMeta } from '../lib/context.ts';
import { date, dateTime } from '../lib/format.ts';
import { useAsync } from '../lib/use-async.ts';

type Claim = Schemas['Claim'];

function ClaimCard({ claim, item, after }: { claim: Claim; item: Item; after: () => void }) {
  const { t, lang } = useT();
  const { units } = useMeta();
  const people = useAsync(() => peopleOf(claim.unitId), [claim.unitId]);
  const manager = people.data?.find((p) => p.personId === claim.managerId)?.name ?? claim.managerId;
  return (
    <article class="claim-card" data-unit={claim.unitId}>
      <h4>{unitName(units, claim.unitId, lang)}</h4>
      <p class="muted">
        {t('orders.manager')}：{manager} · {dateTime(claim.claimedAt, lang)}
      </p>
      <p class="plan">{claim.plan}</p>
      <p class="tag">{claimStatusLabel(t, claim.status)}</p>
      {claim.status === 'pending' ? (
        <CommandForm
          submit={t('work.award')}
          done={t('work.awarded')}
          after={after}
          send={() =>
            must(
              api.POST('/v1/items/{id}/claims/{claimId}/award', {
                params: { path: { id: item.itemId, claimId: claim.claimId } },
                body: {},
              }),
            )
          }
        >
          <span />
        </CommandForm>
      ) : null}
    </article>
  );
}

function Assign({ item, after }: { item: Item; after: () => void }) {
  const { t } = useT();
  const p = `as-${item.itemId}`;
  return (
    <CommandForm
      submit={t('work.assign')}
      done={t('work.assigned')}
      after={after}
      send={(f) =>
        must(
          api.POST('/v1/items/{id}/assignment', {
            params: { path: { id: item.itemId } },
            body: { unitId: str(f, 'unitId'), managerId: str(f, 'managerId') },
          }),
        )
      }
    >
      <UnitAndManagerFields p={p} />
    </CommandForm>
  );
}

function ClaimsToAward() {
  const { t, lang } = useT();
  const { year } = useMeta();
  const open = useAsync(async () => {
    const statuses = ['published', 'claims_closed', 'unclaimed'] as const;
    const pages = await Promise.all(
      statuses.map((status) =>
        must(api.GET('/v1/items', { params: { query: { year, status, limit: 100 } } })),
      ),
    );
    const items = pages.flatMap((p) => p.items as Item[]);
    return Promise.all(
      items.map(async (item) => ({
        item,
        claims: (await must(api.GET('/v1/items/{id}/claims', { params: { path: { id: item.itemId } } })))
          .items,
      })),
    );
  }, [year]);
  return (
    <section aria-labelledby="ca-h">
      <h2 id="ca-h">{t('work.claimsToAward')}</h2>
      {open.loading && !open.data ? <Loading /> : null}
      {open.error ? <Refusal error={open.error} /> : null}
      {open.data?.length === 0 ? <p class="muted">{t('work.noClaims')}</p> : null}
      {(open.data ?? []).map(({ item, claims }) => (
        <div key={item.itemId} class="award" data-item={item.itemId}>
          <h3 class="item-title">{item.title}</h3>
          <p class="muted">
            {t(`status.${item.status}`)}
            {item.claimWindow
              ? ` · ${t('work.closesAt', { at: dateTime(item.claimWindow.closesAt, lang) })}`
              : ''}
            {` · ${t('board.deadline')} ${date(item.deadline, lang)}`}
          </p>
          {claims.length ? (
            <div class="claims-side">
              {claims.map((c) => (
                <ClaimCard key={c.claimId} claim={c} item={item} after={open.reload} />
              ))}
            </div>
          ) : (
            <p class="muted">{t('work.noApplicants')}</p>
          )}
          <details>
            <summary>{t('work.assignDirectly')}</summary>
            <Assign item={item} after={open.reload} />
          </details>
        </div>
      ))}
    </section>
  );
}

/** Inquiries by status (escalated ones for headquarters, answered ones for the office to decide). */
export function Escalations() {
  const { t, lang } = useT();
  const { year, units } = useMeta();
  const orders = useAsync(
    async () =>
      (
        await must(
          api.GET('/v1/orders', {
            params: { query: { year, type: 'inquiry', status: 'escalated', limit: 100 } },
          }),
        )
      ).items as Schemas['Order'][],
    [year],
  );
  return (
    <section aria-labelledby="es-h">
      <h2 id="es-h">{t('work.escalations')}</h2>
      {orders.error ? <Refusal error={orders.error} /> : null}
      {orders.data?.length === 0 ? <p class="muted">{t('work.noEscalations')}</p> : null}
      <ul class="items">
        {(orders.data ?? []).map((o) => (
          <li key={o.orderId} class="item-row wrap">
            <span />
            <div class="item-main">
              <strong>{o.displayNumber}</strong> {o.itemTitle} <PrintLink orderId={o.orderId} />
              <div class="item-meta">
                <span>{unitName(units, o.unitId, lang)}</span>
                {o.decision ? <span>{dateTime(o.decision.decidedAt, lang)}</span> : null}
              </div>
              {o.decision ? <p>{o.decision.note}</p> : null}
              <Referral order={o} after={orders.reload} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Commander() {
  const { t } = useT();
  return (
    <section aria-labelledby="cm-h">
      <h1 id="cm-h">{t('work.commanderHeading')}</h1>
      <ClaimsToAward />
      <PendingExtensions />
      <Reassignments />
      <Escalations />
    </section>
  );
}

export { ClaimsToAward };
