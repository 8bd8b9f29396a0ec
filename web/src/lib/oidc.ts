/**
 * Sign-in with OpenID Connect on AWS: the authorization code flow with PKCE (S256), by
 * oidc-client-ts, against Cognito managed login or the district's own issuer (config.json).
 * Loaded only when config.json says `oidc` (a dynamic import): the public board's first load
 * carries none of it. The API wants the ID token (Cognito: `token_use` id), sent as Bearer.
 */
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { CALLBACK_PATH, type OidcAuth } from './config.ts';

let manager: UserManager | undefined;

function managerFor(auth: OidcAuth): UserManager {
  manager ??= new UserManager({
    authority: auth.authority,
    client_id: auth.clientId,
    redirect_uri: `${location.origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: auth.scope,
    // The PKCE verifier and state live in this tab only, for the round trip.
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    // No hidden iframes (the CSP allows none) and no userinfo call: the ID token says it all.
    automaticSilentRenew: false,
    monitorSession: false,
    loadUserInfo: false,
  });
  return manager;
}

/** To the identity provider's sign-in page; back at CALLBACK_PATH with a code. */
export async function signIn(auth: OidcAuth, returnTo: string): Promise<void> {
  await managerFor(auth).signinRedirect({ state: { returnTo } });
}

export interface SignedIn {
  readonly idToken: string;
  readonly returnTo: string;
}

/** At CALLBACK_PATH: exchanges the code (with the PKCE verifier) for the tokens. */
export async function completeSignIn(auth: OidcAuth): Promise<SignedIn> {
  const user = await managerFor(auth).signinRedirectCallback();
  if (!user.id_token) throw new Error('the identity provider returned no ID token');
  const state = user.state as { returnTo?: unknown } | undefined;
  const returnTo =
    typeof state?.returnTo === 'string' && state.returnTo.startsWith('/') && !state.returnTo.startsWith('//')
      ? state.returnTo
      : '/inbox';
  return { idToken: user.id_token, returnTo };
}

/** Forgets the tokens, then ends the provider's session (Cognito's /logout, or end_session_endpoint). */
export async function signOut(auth: OidcAuth): Promise<void> {
  const m = managerFor(auth);
  const user = await m.getUser();
  await m.removeUser();
  if (auth.signOutUrl) {
    const sep = auth.signOutUrl.includes('?') ? '&' : '?';
    location.assign(`${auth.signOutUrl}${sep}logout_uri=${encodeURIComponent(`${location.origin}/`)}`);
    return;
  }
  try {
    await m.signoutRedirect(user?.id_token ? { id_token_hint: user.id_token } : {});
  } catch {
    // The issuer names no end_session_endpoint: signed out of the console only.
    location.assign('/');
  }
}
