/**
 * A unit's deadline reminders (issue 13 §5: "reminders get a read route and appear in the
 * inboxes"): what the daily sweep recorded, yellow within 3 working days of a milestone or the
 * deadline, red once lapsed, newest due date first (`GET /v1/units/{unitId}/reminders`), each
 * named by its item and milestone. The API decides who may read them.
 */
import { api, type Item, must } from '../api/client.ts';
import { useT } from '../i18n/index.ts';
import { useMeta } from '../lib/context.ts';
import { date, dateTime } from '../lib/format.ts';
import { useAsync } from '../lib/use-async.ts';
import { Link } from './ui.tsx';
import { Refusal } from './work.tsx';

/** What a reminder is about: the deadline, or a milestone by its title (its id if unknown). */
export function reminderTarget(
  key: string,
  item: Pick<Item, 'milestones'> | undefined,
): {
  milestone?: string;
} {
  if (!key.startsWith('milestone:')) return {};
  const id = key.slice('milestone:'.length);
  return { milestone: item?.milestones.find((m) => m.id === id)?.title ?? id };
}

export function Reminders({ unitId }: { unitId: string }) {
  const { t, lang } = useT();
  const { year } = useMeta();
  const data = useAsync(async () => {
    const [reminders, items] = await Promise.all([
      must(api.GET('/v1/units/{unitId}/reminders', { params: { path: { unitId }, query: { limit: 100 } } })),
      must(api.GET('/v1/items', { params: { query: { year, unit: unitId, limit: 100 } } })),
    ]);
    return { reminders: reminders.items, items: new Map((items.items as Item[]).map((i) => [i.itemId, i])) };
  }, [unitId, year]);
  return (
    <section aria-labelledby="rm-h">
      <h2 id="rm-h">{t('reminders.heading')}</h2>
      {data.error ? <Refusal error={data.error} /> : null}
      {data.data?.reminders.length === 0 ? <p class="muted">{t('reminders.none')}</p> : null}
      <ul class="reminders">
        {(data.data?.reminders ?? []).map((r) => {
          const item = data.data?.items.get(r.itemId);
          const { milestone } = reminderTarget(r.key, item);
          return (
            <li key={`${r.itemId}:${r.key}:${r.dueDate}:${r.color}`} data-reminder={r.color}>
              <span class={`light light-${r.color}`} role="img" aria-label={t(`reminders.${r.color}`)} />{' '}
              <Link href={`/items/${encodeURIComponent(r.itemId)}`}>{item?.title ?? r.itemId}</Link>{' '}
              {milestone
                ? t('reminders.milestone', { milestone, date: date(r.dueDate, lang) })
                : t('reminders.deadline', { date: date(r.dueDate, lang) })}{' '}
              <span class="muted">{t('reminders.recorded', { at: dateTime(r.at, lang) })}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
