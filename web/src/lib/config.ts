/**
 * The console's runtime configuration, read once at start from /config.json: where the API is
 * and how to sign in. On AWS the deploy writes it into the console's bucket (CDK); the local
 * gateway answers it itself (local sign-in, the API at the same origin). Its shape is declared
 * in infra/resources/console.ts (`ConsoleConfig`); this is the console's reading of it, which
 * refuses anything else rather than guessing.
 */

/** The ID token's claims naming the caller's role (groups), unit and person. */
export interface ClaimNames {
  readonly groups: string;
  readonly unitId: string;
  readonly personId: string;
}

export interface OidcAuth {
  readonly kind: 'oidc';
  readonly authority: string;
  readonly clientId: string;
  readonly scope: string;
  /** Cognito's /logout (the console adds logout_uri); else the issuer's end_session_endpoint. */
  readonly signOutUrl?: string;
  readonly claims: ClaimNames;
}

export interface LocalAuth {
  readonly kind: 'local';
  readonly claims: ClaimNames;
}

export interface ConsoleConfig {
  /** The API's base URL, no trailing slash; '' = the console's own origin. */
  readonly apiUrl: string;
  readonly auth: OidcAuth | LocalAuth;
}

export const CONFIG_URL = '/config.json';
export const CALLBACK_PATH = '/auth/callback';

const COGNITO_CLAIMS: ClaimNames = {
  groups: 'cognito:groups',
  unitId: 'custom:unitId',
  personId: 'custom:personId',
};

let current: ConsoleConfig = { apiUrl: '', auth: { kind: 'local', claims: COGNITO_CLAIMS } };

/** The configuration in force (the local default until `loadConfig()` has read config.json). */
export const config = (): ConsoleConfig => current;

const isText = (v: unknown, max = 2048): v is string => typeof v === 'string' && v.length <= max;
const isHttpUrl = (v: unknown): v is string => isText(v) && /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(v);

function claimsOf(raw: unknown): ClaimNames {
  if (raw === undefined) return COGNITO_CLAIMS;
  const c = raw as Partial<Record<keyof ClaimNames, unknown>>;
  for (const k of ['groups', 'unitId', 'personId'] as const) {
    if (!isText(c?.[k], 128) || c[k] === '')
      throw new Error(`config.json: auth.claims.${k} must be a claim name`);
  }
  return c as ClaimNames;
}

/** A config.json document, checked; an Error naming the field otherwise. */
export function parseConfig(raw: unknown): ConsoleConfig {
  const doc = raw as { apiUrl?: unknown; auth?: Record<string, unknown> } | null;
  if (typeof doc !== 'object' || doc === null) throw new Error('config.json: not an object');
  const apiUrl = doc.apiUrl ?? '';
  if (apiUrl !== '' && !isHttpUrl(apiUrl))
    throw new Error('config.json: apiUrl must be an http(s) URL or ""');
  const auth = doc.auth;
  const claims = claimsOf(auth?.claims);
  const base = (apiUrl as string).replace(/\/+$/, '');
  if (auth?.kind === 'local') return { apiUrl: base, auth: { kind: 'local', claims } };
  if (auth?.kind === 'oidc') {
    if (!isHttpUrl(auth.authority)) throw new Error('config.json: auth.authority must be the issuer URL');
    if (!isText(auth.clientId, 256) || auth.clientId === '')
      throw new Error('config.json: auth.clientId is missing');
    if (!isText(auth.scope, 512) || !auth.scope.split(' ').includes('openid')) {
      throw new Error('config.json: auth.scope must include openid');
    }
    const signOut = auth.signOutUrl;
    if (signOut !== undefined && !(typeof signOut === 'string' && isHttpUrl(signOut.split('?')[0]))) {
      throw new Error('config.json: auth.signOutUrl must be an http(s) URL');
    }
    return {
      apiUrl: base,
      auth: {
        kind: 'oidc',
        authority: auth.authority.replace(/\/+$/, ''),
        clientId: auth.clientId,
        scope: auth.scope,
        ...(typeof auth.signOutUrl === 'string' ? { signOutUrl: auth.signOutUrl } : {}),
        claims,
      },
    };
  }
  throw new Error('config.json: auth.kind must be "oidc" or "local"');
}

/** Puts a configuration in force (loadConfig, and tests). */
export function setConfig(c: ConsoleConfig): void {
  current = c;
}

/** Reads /config.json (never from a cache: a deploy may have changed it). */
export async function loadConfig(): Promise<ConsoleConfig> {
  const r = await fetch(CONFIG_URL, { cache: 'no-store', headers: { accept: 'application/json' } });
  if (!r.ok) throw new Error(`config.json: HTTP ${r.status}`);
  setConfig(parseConfig(await r.json()));
  return current;
}
