/**
 * The office's draft form: create a task, a project (stage, total investment and annual
 * target in 万元/亿元) or a reform, or edit a draft; milestones and targets as rows. Hints show
 * as the office types; the API decides, and each field it refuses shows its code and a
 * translated message beside it.
 */
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { type ApiError, api, type Item, must } from '../api/client.ts';
import { useT } from '../i18n/index.ts';
import { unitName, useMeta } from '../lib/context.ts';
import {
  createBody,
  type DraftValues,
  emptyDraft,
  errorKeyOf,
  type FieldError,
  fieldErrors,
  formFields,
  hints,
  labelKeyOf,
  type MoneyUnit,
  patchBody,
  toYuan,
  valuesOf,
} from '../lib/draft.ts';
import { money } from '../lib/format.ts';

const KINDS = ['task', 'project', 'reform'] as const;
const CATEGORIES = ['strategic', 'siege', 'bottom-line'] as const;
const STAGES = ['construction', 'preliminary', 'planning'] as const;

export function DraftForm(props: { item?: Item; onSaved: (item: Item) => void; onCancel: () => void }) {
  const { t, lang } = useT();
  const { year, units } = useMeta();
  const initial = useMemo(() => (props.item ? valuesOf(props.item) : emptyDraft(year)), [props.item, year]);
  const [v, setV] = useState<DraftValues>(initial);
  const [errors, setErrors] = useState<Map<string, FieldError[]>>(new Map());
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const editing = props.item !== undefined;
  const hinted = hints(v);
  const set = <K extends keyof DraftValues>(k: K, value: DraftValues[K]) => {
    setSaved(false);
    setV((old) => ({ ...old, [k]: value }));
  };
  const p = `df-${props.item?.itemId ?? 'new'}`;

  async function submit(e: Event) {
    e.preventDefault();
    setErrors(new Map());
    setSaved(false);
    setBusy(true);
    try {
      let item: Item;
      if (props.item) {
        const body = patchBody(initial, v);
        if (!body) {
          setSaved(true);
          return;
        }
        item = await must(api.PATCH('/v1/items/{id}', { params: { path: { id: props.item.itemId } }, body }));
      } else {
        item = await must(api.POST('/v1/items', { body: createBody(v, year) }));
      }
      setSaved(true);
      props.onSaved(item);
    } catch (err) {
      const a = err as ApiError;
      setErrors(fieldErrors({ ...a, message: a.message }, formFields(v)));
    } finally {
      setBusy(false);
    }
  }

  /** The hint and the API's refusal of a field, beside it. */
  const note = (field: string) => {
    const hint = hinted.get(field);
    return (
      <>
        {hint ? <span class="hint">{t(`drafts.hint.${hint}`)}</span> : null}
        {(errors.get(field) ?? []).map((e) => (
          <span key={e.message} class="field-error" role="alert" data-field={field} data-code={e.code}>
            {t(`drafts.err.${errorKeyOf(e.code)}`, { field: t(`drafts.label.${labelKeyOf(field)}`) })}{' '}
            <code>{e.code}</code> <span class="muted">{e.message}</span>
          </span>
        ))}
      </>
    );
  };
  const field = (name: string, label: string, input: ComponentChildren, grow = false) => (
    <span class={`field${grow ? ' grow' : ''}`} data-name={name}>
      <label for={`${p}-${name}`}>{label}</label>
      {input}
      {note(name)}
    </span>
  );
  const text = (name: keyof DraftValues & string, label: string, max: number, required = false) =>
    field(
      name,
      label,
      <input
        id={`${p}-${name}`}
        value={v[name] as string}
        maxLength={max}
        required={required}
        onInput={(e) => set(name, (e.currentTarget as HTMLInputElement).value as never)}
      />,
      true,
    );
  const moneyField = (name: 'total' | 'annual', path: string, label: string) => {
    const unitKey = name === 'total' ? 'totalUnit' : 'annualUnit';
    const parsed = toYuan(v[name], v[unitKey]);
    return field(
      path,
      label,
      <span class="money-input">
        <input
          id={`${p}-${path}`}
          inputMode="decimal"
          value={v[name]}
          onInput={(e) => set(name, (e.currentTarget as HTMLInputElement).value)}
        />
        <select
          aria-label={t('drafts.label.moneyUnit')}
          value={v[unitKey]}
          onChange={(e) => set(unitKey, (e.currentTarget as HTMLSelectElement).value as MoneyUnit)}
        >
          <option value="wan">{t('drafts.wan')}</option>
          <option value="yi">{t('drafts.yi')}</option>
        </select>
        {parsed.ok ? <span class="muted money-preview">{money(parsed.yuan, lang)}</span> : null}
      </span>,
    );
  };

  return (
    <form class="draft-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${p}-h`} noValidate>
      <h3 id={`${p}-h`}>
        {editing ? t('drafts.editHeading', { title: props.item!.title }) : t('drafts.newHeading')}
      </h3>
      <div class="progress-form">
        {field(
          'kind',
          t('drafts.label.kind'),
          <select
            id={`${p}-kind`}
            value={v.kind}
            disabled={editing}
            onChange={(e) => set('kind', (e.currentTarget as HTMLSelectElement).value as DraftValues['kind'])}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>,
        )}
        {field(
          'itemClass',
          t('drafts.label.itemClass'),
          <select
            id={`${p}-itemClass`}
            value={v.itemClass}
            disabled={editing}
            onChange={(e) => set('itemClass', (e.currentTarget as HTMLSelectElement).value as 'A' | 'B')}
          >
            <option value="A">{t('class.A')}</option>
            <option value="B">{t('class.B')}</option>
          </select>,
        )}
        {field(
          'category',
          t('drafts.label.category'),
          <select
            id={`${p}-category`}
            value={v.category}
            onChange={(e) =>
              set('category', (e.currentTarget as HTMLSelectElement).value as DraftValues['category'])
            }
          >
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </select>,
        )}
      </div>
      <div class="progress-form">
        {text('title', t('drafts.label.title'), 200, true)}
        {field(
          'deadline',
          t('drafts.label.deadline'),
          <input
            id={`${p}-deadline`}
            type="date"
            value={v.deadline}
            onInput={(e) => set('deadline', (e.currentTarget as HTMLInputElement).value)}
          />,
        )}
      </div>
      <div class="progress-form">
        {text('leadLeader', t('drafts.label.leadLeader'), 100)}
        {field(
          'leadUnitId',
          t('drafts.label.leadUnitId'),
          <select
            id={`${p}-leadUnitId`}
            value={v.leadUnitId}
            disabled={editing}
            onChange={(e) => set('leadUnitId', (e.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">{t('drafts.noLeadUnit')}</option>
            {[...units.values()].map((u) => (
              <option key={u.unitId} value={u.unitId}>
                {unitName(units, u.unitId, lang)}
              </option>
            ))}
          </select>,
        )}
      </div>
      {field(
        'description',
        t('drafts.label.description'),
        <textarea
          id={`${p}-description`}
          rows={2}
          maxLength={4000}
          value={v.description}
          onInput={(e) => set('description', (e.currentTarget as HTMLTextAreaElement).value)}
        />,
        true,
      )}
      {v.kind === 'project' ? (
        <fieldset class="project-facts">
          <legend>{t('drafts.projectFacts')}</legend>
          {note('project')}
          <div class="progress-form">
            {field(
              'project.stage',
              t('drafts.label.stage'),
              <select
                id={`${p}-project.stage`}
                value={v.stage}
                onChange={(e) =>
                  set('stage', (e.currentTarget as HTMLSelectElement).value as DraftValues['stage'])
                }
              >
                {STAGES.map((s) => (
                  <option key={s} value={s}>
                    {t(`stage.${s}`)}
                  </option>
                ))}
              </select>,
            )}
            {moneyField('total', 'project.totalInvestment', t('drafts.label.totalInvestment'))}
            {moneyField('annual', 'project.annualInvestmentTarget', t('drafts.label.annualInvestmentTarget'))}
          </div>
        </fieldset>
      ) : null}
      <fieldset class="milestones-edit">
        <legend>{t('drafts.label.milestones')}</legend>
        {note('milestones')}
        {v.milestones.map((m, i) => {
          const put = (k: keyof typeof m, value: string) =>
            set(
              'milestones',
              v.milestones.map((x, j) => (j === i ? { ...x, [k]: value } : x)),
            );
          const f = (k: 'title' | 'dueDate' | 'weight', label: string, type: 'text' | 'date' = 'text') =>
            field(
              `milestones.${i}.${k}`,
              label,
              type === 'date' ? (
                <input
                  id={`${p}-milestones.${i}.${k}`}
                  type="date"
                  value={m[k]}
                  onInput={(e) => put(k, (e.currentTarget as HTMLInputElement).value)}
                />
              ) : (
                <input
                  id={`${p}-milestones.${i}.${k}`}
                  value={m[k]}
                  inputMode={k === 'weight' ? 'numeric' : undefined}
                  onInput={(e) => put(k, (e.currentTarget as HTMLInputElement).value)}
                />
              ),
              k === 'title',
            );
          return (
            <div class="progress-form row-edit" key={m.id}>
              {f('title', t('drafts.label.milestoneTitle'))}
              {f('dueDate', t('drafts.label.milestoneDue'), 'date')}
              {f('weight', t('drafts.label.milestoneWeight'))}
              {note(`milestones.${i}.id`)}
              <button
                type="button"
                onClick={() =>
                  set(
                    'milestones',
                    v.milestones.filter((_, j) => j !== i),
                  )
                }
              >
                {t('drafts.remove')}
              </button>
            </div>
          );
        })}
        <button
          type="button"
          disabled={v.milestones.length >= 50}
          onClick={() => {
            const ids = new Set(v.milestones.map((m) => m.id));
            let n = v.milestones.length + 1;
            while (ids.has(`m${n}`)) n++;
            set('milestones', [...v.milestones, { id: `m${n}`, title: '', dueDate: v.deadline, weight: '' }]);
          }}
        >
          {t('drafts.addMilestone')}
        </button>
      </fieldset>
      <fieldset class="targets-edit">
        <legend>{t('drafts.label.targets')}</legend>
        {note('targets')}
        {v.targets.map((tg, i) => {
          const put = (k: keyof typeof tg, value: string) =>
            set(
              'targets',
              v.targets.map((x, j) => (j === i ? { ...x, [k]: value } : x)),
            );
          const f = (k: keyof typeof tg, label: string) =>
            field(
              `targets.${i}.${k}`,
              label,
              <input
                id={`${p}-targets.${i}.${k}`}
                value={tg[k]}
                onInput={(e) => put(k, (e.currentTarget as HTMLInputElement).value)}
              />,
              k === 'indicator',
            );
          return (
            <div class="progress-form row-edit" key={i}>
              {f('indicator', t('drafts.label.indicator'))}
              {f('targetValue', t('drafts.label.targetValue'))}
              {f('unit', t('drafts.label.targetUnit'))}
              <button
                type="button"
                onClick={() =>
                  set(
                    'targets',
                    v.targets.filter((_, j) => j !== i),
                  )
                }
              >
                {t('drafts.remove')}
              </button>
            </div>
          );
        })}
        <button
          type="button"
          disabled={v.targets.length >= 20}
          onClick={() => set('targets', [...v.targets, { indicator: '', targetValue: '', unit: '' }])}
        >
          {t('drafts.addTarget')}
        </button>
      </fieldset>
      {note('(form)')}
      <div class="progress-form">
        <button type="submit" disabled={busy}>
          {editing ? t('drafts.save') : t('drafts.create')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('drafts.close')}
        </button>
        {saved ? <span role="status">{t('drafts.savedShort')}</span> : null}
      </div>
    </form>
  );
}
