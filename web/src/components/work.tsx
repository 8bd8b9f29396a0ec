/**
 * Small pieces the work pages share: a refusal shown as the API gave it (its message and its
 * machine-readable code), and a form that sends one command and says when it went through.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useT } from '../i18n/index.ts';

export function Refusal({ error }: { error: Error }) {
  const { t } = useT();
  const code = (error as Error & { code?: string }).code;
  return (
    <p class="error" role="alert">
      {t('work.refused', { message: error.message })}
      {code ? (
        <>
          {' '}
          <code>{code}</code>
        </>
      ) : null}
    </p>
  );
}

/** A form whose submit runs `send(form data)`; the API's refusal is shown beside it. */
export function CommandForm(props: {
  send: (form: FormData) => Promise<unknown>;
  submit: string;
  done: string;
  children: ComponentChildren;
  after?: () => void;
  class?: string;
}) {
  const [error, setError] = useState<Error>();
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  async function onSubmit(e: Event) {
    e.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      await props.send(new FormData(e.currentTarget as HTMLFormElement));
      setSent(true);
      props.after?.();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class={`progress-form ${props.class ?? ''}`} onSubmit={(e) => void onSubmit(e)}>
      {props.children}
      <button type="submit" disabled={busy}>
        {props.submit}
      </button>
      {sent ? <span role="status">{props.done}</span> : null}
      {error ? <Refusal error={error} /> : null}
    </form>
  );
}

/** A labelled text input or textarea (the label is what screen readers and tests find). */
export function Field(props: {
  id: string;
  name: string;
  label: string;
  long?: boolean;
  required?: boolean;
  max?: number;
  value?: string;
}) {
  return (
    <span class="field grow">
      <label for={props.id}>{props.label}</label>
      {props.long ? (
        <textarea
          id={props.id}
          name={props.name}
          required={props.required ?? true}
          maxLength={props.max ?? 4000}
          rows={2}
        />
      ) : (
        <input
          id={props.id}
          name={props.name}
          required={props.required ?? true}
          maxLength={props.max ?? 4000}
          value={props.value}
        />
      )}
    </span>
  );
}

export const str = (f: FormData, k: string) => String(f.get(k) ?? '').trim();
