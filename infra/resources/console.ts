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
import { CLAIM_SETTINGS, type ClaimNames } from './auth.ts';
import { projectRoot } from './project-root.ts';

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
  // Always the production build: under vitest NODE_ENV is `test`, which Vite would honour.
  const r = spawnSync('npm', ['run', '-s', 'web:build'], {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) {
    throw new Error(
      `npm run web:build failed (exit ${r.status}): the console (web/dist) is needed to serve or deploy it`,
    );
  }
  log(`web console built in ${Math.round(performance.now() - t0)} ms`);
}

/** CDK context keys of the console's hosting and sign-in (cdk.json, `-c key=value`). */
export const CONSOLE_CONTEXT = {
  /** A custom domain name for the console (with `consoleCertificateArn`). */
  domain: 'consoleDomain',
  /** ACM certificate for `consoleDomain`, in us-east-1 (CloudFront's region). */
  certificateArn: 'consoleCertificateArn',
  /** More sign-in callback URLs (`https://…/auth/callback`; a developer's `http://localhost:5173/auth/callback` in dev). */
  callbackUrls: 'callbackUrls',
  /** The Cognito domain's prefix (`<prefix>.auth.<region>.amazoncognito.com`). */
  cognitoDomainPrefix: 'cognitoDomainPrefix',
  /** With `oidcIssuer`: the console's client id at that issuer (default: the only `oidcAudience`). */
  oidcClientId: 'oidcClientId',
} as const;

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/** The custom domain from context: both keys, or neither. */
export function consoleDomainFromContext(
  context: Readonly<Record<string, unknown>>,
): { domainName: string; certificateArn: string } | undefined {
  const domainName = context[CONSOLE_CONTEXT.domain];
  const certificateArn = context[CONSOLE_CONTEXT.certificateArn];
  if (!present(domainName) && !present(certificateArn)) return undefined;
  if (!present(domainName) || !present(certificateArn)) {
    throw new Error('context "consoleDomain" and "consoleCertificateArn" go together: set both, or neither');
  }
  if (
    typeof domainName !== 'string' ||
    !/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domainName)
  ) {
    throw new Error(
      `context "consoleDomain" must be a lower-case DNS name (got ${JSON.stringify(domainName)})`,
    );
  }
  if (
    typeof certificateArn !== 'string' ||
    !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]{1,128}$/.test(certificateArn)
  ) {
    throw new Error(
      `context "consoleCertificateArn" must be the ARN of an ACM certificate in us-east-1, where CloudFront reads certificates (got ${JSON.stringify(certificateArn)})`,
    );
  }
  return { domainName, certificateArn };
}

/** Extra callback URLs from context: a list (cdk.json) or a comma-separated string; each an http(s) URL, at most 20. */
export function callbackUrlsFromContext(context: Readonly<Record<string, unknown>>): string[] {
  const raw = context[CONSOLE_CONTEXT.callbackUrls];
  if (!present(raw)) return [];
  let list: unknown = raw;
  if (typeof raw === 'string') {
    const text = raw.trim();
    list = text.startsWith('[') ? (JSON.parse(text) as unknown) : text.split(',').map((s) => s.trim());
  }
  if (!Array.isArray(list) || !list.every((u): u is string => typeof u === 'string')) {
    throw new Error(`context "callbackUrls" must be a list of URLs (got ${JSON.stringify(raw)})`);
  }
  const urls = list.filter((u) => u.length > 0);
  if (urls.length > 20) throw new Error('context "callbackUrls": at most 20 URLs');
  for (const u of urls) {
    if (!/^https?:\/\/[^/\s?#]+\/[^\s?#]*$/.test(u) || u.length > 1024) {
      throw new Error(
        `context "callbackUrls": "${u}" is not an http(s) URL with a path, no query or fragment`,
      );
    }
  }
  return urls;
}

/** The origin of an http(s) URL: `scheme://host[:port]`. */
export const originOfUrl = (url: string): string => {
  const m = /^(https?:\/\/[^/\s?#]+)/.exec(url);
  if (!m?.[1]) throw new Error(`${url} is not an http(s) URL`);
  return m[1];
};

/**
 * The Cognito domain prefix: from context, else `<stack name, lower case>-<account id>`
 * (unique in the account and region; the account id is a deploy-time value).
 */
export function cognitoDomainPrefixFromContext(
  context: Readonly<Record<string, unknown>>,
  fallback: string,
): string {
  const raw = context[CONSOLE_CONTEXT.cognitoDomainPrefix];
  if (!present(raw)) return fallback;
  if (
    typeof raw !== 'string' ||
    !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(raw) ||
    /aws|amazon|cognito/.test(raw)
  ) {
    throw new Error(
      `context "cognitoDomainPrefix" must be 1-63 lower-case letters, digits and hyphens, without "aws", "amazon" or "cognito" (got ${JSON.stringify(raw)})`,
    );
  }
  return raw;
}

/** The console's client id at an external issuer: context `oidcClientId`, else the only audience. */
export function oidcClientIdFromContext(
  context: Readonly<Record<string, unknown>>,
  audience: readonly string[],
): string {
  const raw = context[CONSOLE_CONTEXT.oidcClientId];
  if (!present(raw)) {
    if (audience.length === 1 && audience[0]) return audience[0];
    throw new Error('context "oidcClientId" is needed when "oidcAudience" names more than one audience');
  }
  if (typeof raw !== 'string' || !/^[\w.:@/-]{1,256}$/.test(raw)) {
    throw new Error(`context "oidcClientId" must be a client id (got ${JSON.stringify(raw)})`);
  }
  if (!audience.includes(raw)) {
    throw new Error(
      `context "oidcClientId" (${raw}) must be one of "oidcAudience": the console's ID tokens carry it as their audience`,
    );
  }
  return raw;
}
