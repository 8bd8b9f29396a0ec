/** A unit's people, and the unit-then-manager choice of the assignment and reassignment forms. */
import { useState } from 'preact/hooks';
import { api, must, type Schemas } from '../api/client.ts';
import { useT } from '../i18n/index.ts';
import { unitName, useMeta } from '../lib/context.ts';
import { useAsync } from '../lib/use-async.ts';

type Person = Schemas['Person'];

/** The people of a unit (GET /v1/units/{unitId}). */
export async function peopleOf(unitId: string): Promise<readonly Person[]> {
  const u = await must(api.GET('/v1/units/{unitId}', { params: { path: { unitId } } }));
  return (u as { people?: Person[] }).people ?? [];
}

/** Two fields, `unitId` and `managerId`: the managers offered are the chosen unit's people. */
export function UnitAndManagerFields({ p }: { p: string }) {
  const { t, lang } = useT();
  const { units } = useMeta();
  const [unitId, setUnitId] = useState('');
  const people = useAsync(async () => (unitId ? peopleOf(unitId) : []), [unitId]);
  return (
    <>
      <span class="field">
        <label for={`${p}-u`}>{t('work.unit')}</label>
        <select
          id={`${p}-u`}
          name="unitId"
          required
          value={unitId}
          onChange={(e) => setUnitId((e.currentTarget as HTMLSelectElement).value)}
        >
          <option value="">—</option>
          {[...units.values()].map((u) => (
            <option key={u.unitId} value={u.unitId}>
              {unitName(units, u.unitId, lang)}
            </option>
          ))}
        </select>
      </span>
      <span class="field">
        <label for={`${p}-m`}>{t('orders.manager')}</label>
        <select id={`${p}-m`} name="managerId" required>
          {(people.data ?? []).map((m) => (
            <option key={m.personId} value={m.personId}>
              {m.name}
            </option>
          ))}
        </select>
      </span>
    </>
  );
}
