/**
 * Where the identity provider sends the browser back (CALLBACK_PATH) with an authorization
 * code: lib/oidc.ts exchanges it, with the PKCE verifier, for the tokens; the ID token becomes
 * the session (its claims say role, unit and person) and is what the API is called with.
 */
import { useEffect, useState } from 'preact/hooks';
import { Link } from '../components/ui.tsx';
import { useT } from '../i18n/index.ts';
import { config } from '../lib/config.ts';
import { navigate } from '../lib/router.ts';
import { claimsOf, session, sessionFromToken } from '../lib/session.ts';

let started = false;

export function AuthCallback() {
  const { t } = useT();
  const [error, setError] = useState<Error>();
  useEffect(() => {
    const auth = config().auth;
    if (auth.kind !== 'oidc') {
      setError(new Error(t('signin.notOidc')));
      return;
    }
    // The code can be exchanged once: never twice, even if the page renders again.
    if (started) return;
    started = true;
    void (async () => {
      try {
        const { completeSignIn } = await import('../lib/oidc.ts');
        const { idToken, returnTo } = await completeSignIn(auth);
        const c = claimsOf(idToken);
        const label = [c.name, c.email].find((v): v is string => typeof v === 'string') ?? '';
        session.set(sessionFromToken(idToken, label, auth.claims));
        navigate(returnTo);
      } catch (e) {
        started = false;
        setError(e as Error);
      }
    })();
  }, [t]);
  return (
    <section aria-labelledby="cb-h">
      <h1 id="cb-h">{t('signin.callbackHeading')}</h1>
      {error ? (
        <>
          <p role="alert">{t('signin.failed', { message: error.message })}</p>
          <Link href="/sign-in">{t('signin.again')}</Link>
        </>
      ) : (
        <p class="muted">{t('common.loading')}</p>
      )}
    </section>
  );
}
