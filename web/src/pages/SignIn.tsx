/**
 * The sign-in page. With config.json's `oidc` (AWS): one button to the identity provider
 * (authorization code with PKCE; lib/oidc.ts, loaded only then). With `local` (npm start):
 * the identities the local gateway offers (GET /local/sign-in) and a token for the chosen one
 * (POST /local/sign-in), served only by the local gateway, never deployed. That exchange is
 * not part of the API (nor of its OpenAPI document), so its two shapes are declared here.
 */
import { useState } from 'preact/hooks';
import { Failed, Loading } from '../components/ui.tsx';
import { useT } from '../i18n/index.ts';
import { config, type OidcAuth } from '../lib/config.ts';
import { navigate } from '../lib/router.ts';
import { session, sessionFromToken } from '../lib/session.ts';
import { useAsync } from '../lib/use-async.ts';

interface Identity {
  readonly role: 'commander' | 'office' | 'unit' | 'manager' | 'inspector';
  readonly unitId?: string;
  readonly personId?: string;
  readonly label: string;
  readonly labelZh: string;
}

async function identities(): Promise<Identity[]> {
  const r = await fetch('/local/sign-in', { headers: { accept: 'application/json' } });
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  return ((await r.json()) as { identities: Identity[] }).identities;
}

export function SignIn() {
  const auth = config().auth;
  const expired = new URLSearchParams(location.search).has('expired');
  return auth.kind === 'oidc' ? (
    <OidcSignIn auth={auth} expired={expired} />
  ) : (
    <LocalSignIn expired={expired} />
  );
}

function Expired() {
  const { t } = useT();
  return <p role="status">{t('signin.expired')}</p>;
}

function OidcSignIn({ auth, expired }: { auth: OidcAuth; expired: boolean }) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  async function go() {
    setBusy(true);
    try {
      const { signIn } = await import('../lib/oidc.ts');
      await signIn(auth, '/inbox');
    } catch (e) {
      setError(e as Error);
      setBusy(false);
    }
  }
  return (
    <section aria-labelledby="si-h">
      <h1 id="si-h">{t('signin.oidcHeading')}</h1>
      {expired ? <Expired /> : null}
      <p class="muted">{t('signin.oidcNote')}</p>
      {error ? <p role="alert">{t('signin.failed', { message: error.message })}</p> : null}
      <button type="button" class="primary" disabled={busy} onClick={() => void go()}>
        {t('signin.oidcButton')}
      </button>
    </section>
  );
}

function LocalSignIn({ expired }: { expired: boolean }) {
  const { t, lang } = useT();
  const list = useAsync(identities, []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  async function pick(id: Identity) {
    setBusy(true);
    try {
      const r = await fetch('/local/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: id.role, unitId: id.unitId, personId: id.personId }),
      });
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      const { token } = (await r.json()) as { token: string };
      session.set(sessionFromToken(token, lang === 'en' ? id.label : id.labelZh));
      navigate('/inbox');
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }
  const groups: [string, Identity[]][] = list.data
    ? [
        [t('signin.hq'), list.data.filter((i) => i.role !== 'unit' && i.role !== 'manager')],
        [t('signin.units'), list.data.filter((i) => i.role === 'unit')],
        [t('signin.managers'), list.data.filter((i) => i.role === 'manager')],
      ]
    : [];
  return (
    <section aria-labelledby="si-h">
      <h1 id="si-h">{t('signin.heading')}</h1>
      {expired ? <Expired /> : null}
      <p class="muted">{t('signin.note')}</p>
      {list.loading ? <Loading /> : null}
      {list.error ? <p role="alert">{t('signin.unavailable')}</p> : null}
      {error ? <Failed error={error} /> : null}
      {groups.map(([title, ids]) => (
        <section key={title}>
          <h2>{title}</h2>
          <ul class="identities">
            {ids.map((id) => (
              <li key={`${id.role}-${id.unitId ?? ''}-${id.personId ?? ''}`}>
                <button type="button" disabled={busy} onClick={() => void pick(id)}>
                  {lang === 'en' ? id.label : id.labelZh}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
