/**
 * The signed-in start page, by role, on GET /v1/me/inbox. The API decides what waits for
 * whom and what each may do; this page shows it and offers the one-click actions.
 */
import { useState } from 'preact/hooks';
import { api, type Item, must, type Schemas } from '../api/client.ts';

import { Failed, LightDot, Link, Loading } from '../components/ui.tsx';
import { inboxKindLabel } from '../components/verbs.tsx';
import { useT } from '../i18n/index.ts';
import { unitName, useMeta } from '../lib/context.ts';
import { dueLight } from '../lib/due.ts';
import { date, dateTime } from '../lib/format.ts';
import type { Session } from '../lib/session.ts';
import { useAsync } from '../lib/use-async.ts';

type InboxEntry = Schemas['InboxEntry'];

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

/** A claim form (plan and project manager) for an item open for claims. */
function ClaimForm({
  itemId,
  people,
}: {
  itemId: string;
  people: readonly { personId: string; name: string }[];
}) {
  const { t } = useT();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<Error>();
  async function claim(e: Event) {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    try {
      await must(
        api.POST('/v1/items/{id}/claims', {
          params: { path: { id: itemId } },
          body: { plan: String(form.get('plan') ?? ''), managerId: String(form.get('managerId') ?? '') },
        }),
      );
      setSent(true);
    } catch (err) {
      setError(err as Error);
    }
  }
  if (sent) return <p role="status">{t('orders.claimed')}</p>;
  return (
    <form class="progress-form" onSubmit={(e) => void claim(e)}>
      <span class="field grow">
        <label for={`c-${itemId}-plan`}>{t('orders.plan')}</label>
        <input id={`c-${itemId}-plan`} name="plan" required maxLength={4000} />
      </span>
      <span class="field">
        <label for={`c-${itemId}-m`}>{t('orders.manager')}</label>
        <select id={`c-${itemId}-m`} name="managerId" required>
          {people.map((p) => (
            <option key={p.personId} value={p.personId}>
              {p.name}
            </option>
          ))}
        </select>
      </span>
      <button type="submit">{t('orders.claim')}</button>
      {error ? <Failed error={error} /> : null}
    </form>
  );
}

function AcknowledgeButton({ orderId, done }: { orderId: string; done: () => void }) {
  const { t } = useT();
  const [error, setError] = useState<Error>();
  async function acknowledge() {
    try {
      await must(
        api.POST('/v1/orders/{id}/acknowledgement', { params: { path: { id: orderId } }, body: {} }),
      );
      done();
    } catch (err) {
      setError(err as Error);
    }
  }
  return (
    <>
      <button type="button" onClick={() => void acknowledge()}>
        {t('orders.acknowledge')}
      </button>
      {error ? <Failed error={error} /> : null}
    </>
  );
}

const SECTION_ORDER: readonly InboxEntry['kind'][] = [
  'inquiry_to_answer',
  'order_to_acknowledge',
  'item_to_report',
  'urged',
  'claim_open',
  'claims_to_award',
  'unclaimed',
  'escalation',
  'completion_to_verify',
  'inquiry_to_decide',
  'inquiry_draft',
  'proposal_to_review',
  'draft',
  'inquiry_followed',
  'reminder_due',
  'award_waiting',
  'extension_to_decide',
  'extension_decided',
];

/** Section heading ids the pages and tests find (the open-for-claims one as before). */
const SECTION_ID: Partial<Record<InboxEntry['kind'], string>> = {
  claim_open: 'oc-h',
  order_to_acknowledge: 'ack-h',
};

/**
 * The signed-in start page of every role: GET /v1/me/inbox (what waits for the caller, due
 * soonest first, with the working days left), grouped by what waits, with the action at hand
 * where it is one click (report progress, acknowledge, claim).
 */
export function Inbox({ who }: { who: Session }) {
  const { t, lang } = useT();
  const { year, units } = useMeta();
  const box = useAsync(async () => {
    const [inbox, unit] = await Promise.all([
      must(api.GET('/v1/me/inbox', { params: { query: { year } } })),
      who.role === 'unit' && who.unitId
        ? must(api.GET('/v1/units/{unitId}', { params: { path: { unitId: who.unitId } } }))
        : Promise.resolve(undefined),
    ]);
    return { inbox, people: unit?.people ?? [] };
  }, [who.token, year]);
  const entries = box.data?.inbox.entries ?? [];
  // Sections in a fixed order (what is owed first, claims last); entries within by due date.
  const present = new Set(entries.map((e) => e.kind));
  const kinds = SECTION_ORDER.filter((k) => present.has(k));
  const canReport = who.role === 'unit' || who.role === 'manager';
  return (
    <section aria-labelledby="ib-h">
      <h1 id="ib-h">{t('inbox.heading')}</h1>
      <p class="muted">
        {t('app.signedInAs', { who: who.label })} · {t(`role.${who.role}`)}
        {who.unitId ? ` · ${unitName(units, who.unitId, lang)}` : ''}
      </p>
      {box.loading && !box.data ? <Loading /> : null}
      {box.error ? <Failed error={box.error} retry={box.reload} /> : null}
      {box.data && entries.length === 0 ? <p>{t('inbox.nothing')}</p> : null}
      {box.data?.inbox.truncated ? <p class="muted">{t('inbox.truncated', { n: entries.length })}</p> : null}
      {kinds.map((kind) => {
        const hid = SECTION_ID[kind] ?? `ib-${kind}`;
        return (
          <section key={kind} aria-labelledby={hid}>
            <h2 id={hid}>{inboxKindLabel(t, kind)}</h2>
            <ul class="items">
              {entries
                .filter((e) => e.kind === kind)
                .map((e) => (
                  <li key={`${e.kind}-${e.subjectId}`} class="item-row wrap">
                    <LightDot light={dueLight(e)} />
                    <div class="item-main">
                      {e.itemId && e.kind !== 'draft' ? (
                        <Link href={`/items/${encodeURIComponent(e.itemId)}`} class="item-title">
                          {e.title}
                        </Link>
                      ) : (
                        <span class="item-title">{e.title}</span>
                      )}
                      <div class="item-meta">
                        <span class="tag">{inboxKindLabel(t, e.kind)}</span>
                        {e.unitId ? <span>{unitName(units, e.unitId, lang)}</span> : null}
                        {e.move ? (
                          <span>
                            {t('inbox.move', {
                              target: t(
                                e.move.target === 'deadline' ? 'inbox.moveDeadline' : 'inbox.moveMilestone',
                              ),
                              from: date(e.move.from, lang),
                              to: date(e.move.to, lang),
                            })}
                          </span>
                        ) : null}
                        {e.dueDate ? (
                          <span>
                            {t('inbox.due', { date: date(e.dueDate, lang) })}
                            {e.workingDaysLeft !== null
                              ? ` · ${
                                  e.overdue
                                    ? t('inbox.overdueDays', { n: -e.workingDaysLeft })
                                    : t('inbox.daysLeft', { n: e.workingDaysLeft })
                                }`
                              : ''}
                          </span>
                        ) : e.since ? (
                          <span>{t('inbox.since', { date: dateTime(e.since, lang) })}</span>
                        ) : null}
                      </div>
                    </div>
                    <span />
                    {canReport && e.kind === 'item_to_report' ? (
                      <ProgressForm
                        item={{ itemId: e.subjectId, percentComplete: e.percentComplete ?? 0 }}
                        done={box.reload}
                      />
                    ) : null}
                    {e.kind === 'order_to_acknowledge' ? (
                      <AcknowledgeButton orderId={e.subjectId} done={box.reload} />
                    ) : null}
                    {e.kind === 'claim_open' && who.role === 'unit' ? (
                      <ClaimForm itemId={e.subjectId} people={box.data?.people ?? []} />
                    ) : null}
                  </li>
                ))}
            </ul>
          </section>
        );
      })}
    </section>
  );
}
