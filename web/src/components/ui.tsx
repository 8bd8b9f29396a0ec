import type { ComponentChildren } from 'preact';
import { useT } from '../i18n/index.ts';
import { percent } from '../lib/format.ts';
import type { Light } from '../lib/light.ts';
import { onLink } from '../lib/router.ts';

export function Link(props: {
  href: string;
  children: ComponentChildren;
  class?: string;
  current?: boolean;
}) {
  return (
    <a
      href={props.href}
      onClick={onLink}
      class={props.class}
      aria-current={props.current ? 'page' : undefined}
    >
      {props.children}
    </a>
  );
}

export function LightDot({ light }: { light: Light }) {
  const { t } = useT();
  const label = t(`light.${light}`);
  return <span class={`light light-${light}`} role="img" aria-label={label} title={label} />;
}

export function ProgressBar({ value, expected }: { value: number; expected?: number }) {
  const { t, lang } = useT();
  const v = Math.max(0, Math.min(100, value));
  return (
    <span class="progress">
      <span
        class="progress-track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={v}
        aria-label={t('board.progress')}
      >
        <span class="progress-fill" style={{ width: `${v}%` }} />
        {expected !== undefined && expected > 0 ? (
          <span class="progress-plan" style={{ left: `${Math.min(100, expected)}%` }} />
        ) : null}
      </span>
      <span class="progress-text">{percent(v, lang)}</span>
    </span>
  );
}

export function Loading() {
  const { t } = useT();
  return (
    <p class="muted" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}

export function Failed({ error, retry }: { error: Error; retry?: () => void }) {
  const { t } = useT();
  return (
    <div class="error" role="alert">
      <p>{t('common.error', { message: error.message })}</p>
      {retry ? (
        <button type="button" onClick={retry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

export function Select(props: {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (v: string) => void;
  id: string;
}) {
  const { t } = useT();
  return (
    <span class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        <option value="">{t('common.all')}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </span>
  );
}
