/**
 * The verbs of supervision (督办) in the console: a unit's extension request (延期申请) and
 * claim withdrawal, headquarters' decision on pending extension requests, the commander's
 * reassignment. The API decides who may; these forms only send what it would accept.
 */
import { useState } from 'preact/hooks';
import { api, type Item, must, type Schemas } from '../api/client.ts';
import type { T } from '../i18n/index.ts';
import { useT } from '../i18n/index.ts';
import { unitName, useMeta } from '../lib/context.ts';
import { date } from '../lib/format.ts';
import { useAsync } from '../lib/use-async.ts';
import { UnitAndManagerFields } from './people.tsx';
import { Loading } from './ui.tsx';
import { CommandForm, Field, Refusal, str } from './work.tsx';

type Extension = Schemas['Extension'];

/** A claim's status as the unit reads it (withdrawn is the verbs' own). */
export function claimStatusLabel(t: T, status: string): string {
  return status === 'withdrawn' ? t('verbs.withdrawn') : t(`work.claimStatus.${status}`);
}

/** The label of an inbox kind: the verbs' kinds are in their own section. */
export function inboxKindLabel(t: T, kind: string): string {
  return kind === 'award_waiting' || kind.startsWith('extension_')
    ? t(`verbs.kind.${kind}`)
    : t(`inboxKind.${kind}`);
}

function targetLabel(t: T, item: Pick<Item, 'milestones'> | undefined, target: string, lang: string) {
  if (target === 'deadline') return t('verbs.deadline');
  const m = item?.milestones?.find((x) => x.id === target);
  return m ? t('verbs.milestone', { title: m.title, date: date(m.dueDate, lang as 'zh-CN') }) : target;
}

/** The lead unit (or its manager) asks to move the deadline or a milestone not yet done. */
export function ExtensionRequest({ item, after }: { item: Item; after?: () => void }) {
  const { t, lang } = useT();
  const p = `ex-${item.itemId}`;
  const open = (item.milestones ?? []).filter((m) => !item.milestonesDone?.[m.id]);
  return (
    <CommandForm
      submit={t('verbs.request')}
      done={t('verbs.requested')}
      {...(after ? { after } : {})}
      send={(f) =>
        must(
          api.POST('/v1/items/{id}/extensions', {
            params: { path: { id: item.itemId } },
            body: { target: str(f, 'target'), to: str(f, 'to'), reason: str(f, 'reason') },
          }),
        )
      }
    >
      <span class="field">
        <label for={`${p}-t`}>{t('verbs.target')}</label>
        <select id={`${p}-t`} name="target" required>
          <option value="deadline">
            {t('verbs.deadline')} ({date(item.deadline, lang)})
          </option>
          {open.map((m) => (
            <option key={m.id} value={m.id}>
              {t('verbs.milestone', { title: m.title, date: date(m.dueDate, lang) })}
            </option>
          ))}
        </select>
      </span>
      <span class="field">
        <label for={`${p}-d`}>{t('verbs.to')}</label>
        <input id={`${p}-d`} name="to" type="date" required />
      </span>
      <Field id={`${p}-r`} name="reason" label={t('verbs.reason')} long max={2000} />
    </CommandForm>
  );
}

/** The extension requests of an item the caller may read, with their outcome. */
export function ItemExtensions({ item }: { item: Item }) {
  const { t, lang } = useT();
  const list = useAsync(
    async () =>
      (await must(api.GET('/v1/items/{id}/extensions', { params: { path: { id: item.itemId } } }))).items,
    [item.itemId],
  );
  return (
    <div class="extensions" data-item={item.itemId}>
      <h4>{t('verbs.extensions')}</h4>
      {list.error ? <Refusal error={list.error} /> : null}
      {list.data?.length === 0 ? <p class="muted">{t('verbs.noExtensions')}</p> : null}
      <ul>
        {(list.data ?? []).map((r) => (
          <li key={r.extensionId} data-extension={r.extensionId}>
            {t('verbs.extensionLine', {
              target: targetLabel(t, item, r.target, lang),
              from: date(r.from, lang),
              to: date(r.to, lang),
            })}{' '}
            <span class="tag">{t(`verbs.status.${r.status}`)}</span> {r.note ?? ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The unit withdraws its own pending claim (before the award), with a reason. */
export function WithdrawClaim({
  itemId,
  claimId,
  after,
}: {
  itemId: string;
  claimId: string;
  after?: () => void;
}) {
  const { t } = useT();
  return (
    <CommandForm
      submit={t('verbs.withdraw')}
      done={t('verbs.withdrawnDone')}
      {...(after ? { after } : {})}
      send={(f) =>
        must(
          api.POST('/v1/items/{id}/claims/{claimId}/withdrawal', {
            params: { path: { id: itemId, claimId } },
            body: { reason: str(f, 'reason') },
          }),
        )
      }
    >
      <Field id={`wd-${claimId}`} name="reason" label={t('verbs.reason')} max={2000} />
    </CommandForm>
  );
}

function Decide({ r, after }: { r: Extension; after: () => void }) {
  const { t } = useT();
  const [approved, setApproved] = useState(true);
  const p = `xd-${r.extensionId}`;
  return (
    <CommandForm
      submit={approved ? t('verbs.approve') : t('verbs.reject')}
      done={t('verbs.decided')}
      after={after}
      send={(f) =>
        must(
          api.POST('/v1/items/{id}/extensions/{extensionId}/decision', {
            params: { path: { id: r.itemId, extensionId: r.extensionId } },
            body: { approved, ...(str(f, 'note') ? { note: str(f, 'note') } : {}) },
          }),
        )
      }
    >
      <span class="field">
        <label for={`${p}-a`}>{t('verbs.approve')}</label>
        <input
          id={`${p}-a`}
          type="checkbox"
          checked={approved}
          onChange={(e) => setApproved((e.currentTarget as HTMLInputElement).checked)}
        />
      </span>
      <Field id={`${p}-n`} name="note" label={t('verbs.note')} required={false} max={2000} />
    </CommandForm>
  );
}

/** Headquarters: the year's pending extension requests, each to approve or reject. */
export function PendingExtensions() {
  const { t, lang } = useT();
  const { year, units } = useMeta();
  const pending = useAsync(
    async () =>
      (
        await must(
          api.GET('/v1/lists/{year}/extensions', {
            params: { path: { year }, query: { status: 'pending', limit: 100 } },
          }),
        )
      ).items,
    [year],
  );
  return (
    <section aria-labelledby="xp-h">
      <h2 id="xp-h">{t('verbs.pendingHeading')}</h2>
      {pending.loading && !pending.data ? <Loading /> : null}
      {pending.error ? <Refusal error={pending.error} /> : null}
      {pending.data?.length === 0 ? <p class="muted">{t('verbs.noPending')}</p> : null}
      <ul class="items">
        {(pending.data ?? []).map((r) => (
          <li key={r.extensionId} class="item-row wrap" data-extension={r.extensionId}>
            <span />
            <div class="item-main">
              <span class="item-title">{r.itemTitle}</span>
              <div class="item-meta">
                <span>{unitName(units, r.unitId, lang)}</span>
                <span>
                  {t('verbs.extensionLine', {
                    target: r.target === 'deadline' ? t('verbs.deadline') : r.target,
                    from: date(r.from, lang),
                    to: date(r.to, lang),
                  })}
                </span>
              </div>
              <p>{r.reason}</p>
            </div>
            <Decide r={r} after={pending.reload} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The commander moves an item to another unit and manager, with a reason. */
export function Reassign({ item, after }: { item: Item; after?: () => void }) {
  const { t } = useT();
  const p = `ra-${item.itemId}`;
  return (
    <CommandForm
      submit={t('verbs.reassign')}
      done={t('verbs.reassigned')}
      {...(after ? { after } : {})}
      send={(f) =>
        must(
          api.POST('/v1/items/{id}/reassignment', {
            params: { path: { id: item.itemId } },
            body: { unitId: str(f, 'unitId'), managerId: str(f, 'managerId'), reason: str(f, 'reason') },
          }),
        )
      }
    >
      <UnitAndManagerFields p={p} />
      <Field id={`${p}-r`} name="reason" label={t('verbs.reason')} max={2000} />
    </CommandForm>
  );
}

/** The commander's page: items awarded or in progress, each with the reassignment form. */
export function Reassignments() {
  const { t, lang } = useT();
  const { year, units } = useMeta();
  const items = useAsync(async () => {
    const pages = await Promise.all(
      (['awarded', 'in_progress'] as const).map((status) =>
        must(api.GET('/v1/items', { params: { query: { year, status, limit: 100 } } })),
      ),
    );
    return pages.flatMap((p) => p.items as Item[]);
  }, [year]);
  return (
    <section aria-labelledby="ra-h">
      <h2 id="ra-h">{t('verbs.reassignSection')}</h2>
      {items.error ? <Refusal error={items.error} /> : null}
      {items.data?.length === 0 ? <p class="muted">{t('verbs.noReassignable')}</p> : null}
      <ul class="items">
        {(items.data ?? []).map((i) => (
          <li key={i.itemId} class="item-row wrap" data-item={i.itemId}>
            <span />
            <div class="item-main">
              <span class="item-title">{i.title}</span>
              <div class="item-meta">
                <span class="tag">{t(`status.${i.status}`)}</span>
                {i.leadUnitId ? <span>{unitName(units, i.leadUnitId, lang)}</span> : null}
              </div>
            </div>
            <details>
              <summary>{t('verbs.reassignHeading')}</summary>
              <Reassign item={i} after={items.reload} />
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
