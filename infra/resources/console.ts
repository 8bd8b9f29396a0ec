/**
 * The one declaration of the web console as the infrastructure sees it: where its build is
 * (web/dist), how to build it when missing or stale, and the runtime `config.json` it reads at
 * start (the API's URL and how to sign in). On AWS the stack writes config.json into the
 * console's bucket at deploy (infra/constructs/one-list-console.ts); the local gateway answers
 * `/config.json` itself with `localConsoleConfig()` (infra/local/console.ts). The console reads
 * the same shape (web/src/lib/config.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../constructs/project-root.ts';
import { CLAIM_SETTINGS, type ClaimNames } from './auth.ts';

export const WEB_ROOT = join(projectRoot, 'web');
export const CONSOLE_DIR = join(WEB_ROOT, 'dist');

/** The path of the runtime configuration, beside index.html (never cached, never the SPA fallback). */
export const CONFIG_PATH = '/config.json';

/** The console's route the identity provider redirects back to with the authorization code. */
export const CALLBACK_PATH = '/auth/callback';

/** Scopes the console asks for: an ID token with the user's e-mail and name. */
export const OIDC_SCOPES = ['openid', 'email', 'profile'] as const;

/** Signs in with OpenID Connect: authorization code with PKCE (S256), in the browser. */
export interface OidcConsoleAuth {
  readonly kind: 'oidc';
  /** The issuer (its `/.well-known/openid-configuration` names the endpoints). */
  readonly authority: string;
  readonly clientId: string;
  /** Space-separated. */
  readonly scope: string;
  /** Where sign-out ends the identity provider's session (Cognito's /logout); else the discovery document's end_session_endpoint, if any. */
  readonly signOutUrl?: string;
  /** The ID token's claims naming role, unit and person (the API reads the same). */
  readonly claims: ClaimNames;
}

/** Signs in on the local gateway's page (/local/sign-in): npm start only. */
export interface LocalConsoleAuth {
  readonly kind: 'local';
  readonly claims: ClaimNames;
}

export interface ConsoleConfig {
  /** The API's base URL (`https://<id>.execute-api.<region>.amazonaws.com`); '' = the console's own origin. */
  readonly apiUrl: string;
  readonly auth: OidcConsoleAuth | LocalConsoleAuth;
}

export const COGNITO_CLAIMS: ClaimNames = {
  groups: CLAIM_SETTINGS.groups.cognito,
  unitId: CLAIM_SETTINGS.unitId.cognito,
  personId: CLAIM_SETTINGS.personId.cognito,
};

/** config.json on the local gateway: the API at the same origin, the local sign-in page. */
export function localConsoleConfig(): ConsoleConfig {
  return { apiUrl: '', auth: { kind: 'local', claims: COGNITO_CLAIMS } };
}

/** The newest modification time under `path` (files only), 0 when there is none. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of readdirSync(path)) max = Math.max(max, newest(join(path, e)));
  return max;
}

/** True when web/dist is missing or older than the console's sources or the API contract. */
export function consoleStale(): boolean {
  const built = existsSync(join(CONSOLE_DIR, 'index.html'))
    ? statSync(join(CONSOLE_DIR, 'index.html')).mtimeMs
    : 0;
  if (built === 0) return true;
  const sources = Math.max(
    newest(join(WEB_ROOT, 'src')),
    newest(join(WEB_ROOT, 'index.html')),
    newest(join(WEB_ROOT, 'vite.config.ts')),
    newest(join(projectRoot, 'functions', 'api', 'contract.ts')),
  );
  return sources > built;
}

/**
 * Builds the console when it is missing or stale (`npm run web:build`, offline); a no-op
 * otherwise. `npm start`, the browser tests and `cdk synth` call it, so what is served or
 * deployed is always built from the sources in the work tree.
 */
export function ensureConsoleBuilt(log: (line: string) => void = console.log): void {
  if (!consoleStale()) return;
  const t0 = performance.now();
  log('building the web console (web/dist is missing or older than its sources)…');
  const r = spawnSync('npm', ['run', '-s', 'web:build'], { cwd: projectRoot, stdio: 'inherit' });
  if (r.status !== 0) {
    throw new Error(
      `npm run web:build failed (exit ${r.status}): the console (web/dist) is needed to serve or deploy it`,
    );
  }
  log(`web console built in ${Math.round(performance.now() - t0)} ms`);
}
