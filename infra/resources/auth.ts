/**
 * The one declaration of who the API trusts and which token claims say who the caller is.
 *
 * By default the stack creates a Cognito user pool and the HTTP API's JWT authorizer trusts
 * its ID tokens. With CDK context `oidcIssuer` and `oidcAudience` (a district's own single
 * sign-on, or a region without Cognito) no user pool is created and the authorizer trusts that
 * issuer instead. The claims naming the caller's role (groups), unit and person default to
 * Cognito's and can be renamed for another issuer with `oidcGroupsClaim`, `oidcUnitClaim` and
 * `oidcPersonClaim`; the stack passes them to the API functions in `envVar`, which
 * functions/api/auth.ts reads (`claimNames()`).
 */
export interface ClaimSetting {
  readonly contextKey: string;
  readonly envVar: string;
  readonly cognito: string;
}

export const CLAIM_SETTINGS = {
  groups: { contextKey: 'oidcGroupsClaim', envVar: 'AUTH_GROUPS_CLAIM', cognito: 'cognito:groups' },
  unitId: { contextKey: 'oidcUnitClaim', envVar: 'AUTH_UNIT_CLAIM', cognito: 'custom:unitId' },
  personId: { contextKey: 'oidcPersonClaim', envVar: 'AUTH_PERSON_CLAIM', cognito: 'custom:personId' },
} as const satisfies Readonly<Record<string, ClaimSetting>>;

export type ClaimKind = keyof typeof CLAIM_SETTINGS;
export type ClaimNames = Readonly<Record<ClaimKind, string>>;

const KINDS = Object.keys(CLAIM_SETTINGS) as ClaimKind[];

/** Claim names in force for a function, from its environment (Cognito's when unset). */
export function claimNames(env: Readonly<Record<string, string | undefined>> = process.env): ClaimNames {
  return Object.fromEntries(
    KINDS.map((k) => [k, env[CLAIM_SETTINGS[k].envVar] || CLAIM_SETTINGS[k].cognito]),
  ) as ClaimNames;
}

/**
 * The `token_use` a token must carry (env of the API functions): `id` with Cognito, whose access
 * tokens carry no custom attributes; `none` with an external issuer, whose ID tokens have no
 * such claim (the authorizer's audience check then tells ID tokens from others).
 */
export const TOKEN_USE_ENV = 'AUTH_TOKEN_USE';

/** The `token_use` required, or undefined when the issuer sets none (TOKEN_USE_ENV = `none`). */
export function requiredTokenUse(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const v = env[TOKEN_USE_ENV] || 'id';
  return v === 'none' ? undefined : v;
}

export const OIDC_CONTEXT = { issuer: 'oidcIssuer', audience: 'oidcAudience' } as const;

/** An external OIDC issuer the API trusts instead of a user pool. */
export interface ExternalIssuer {
  /** `https://…`, exactly the `iss` of its tokens. */
  readonly issuer: string;
  /** Accepted `aud` (or `client_id`) values. */
  readonly audience: readonly string[];
}

const list = (raw: unknown, key: string): string[] => {
  if (raw === undefined || raw === null || raw === '') return [];
  let value: unknown = raw;
  if (typeof raw === 'string') {
    const text = raw.trim();
    value = text.startsWith('[') ? (JSON.parse(text) as unknown) : text.split(',').map((s) => s.trim());
  }
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw new Error(`context "${key}" must be a string or a list of strings (got ${JSON.stringify(raw)})`);
  }
  return value.filter((v) => v.length > 0);
};

/** The external issuer from context, or undefined (the stack then creates a user pool). */
export function externalIssuer(context: Readonly<Record<string, unknown>>): ExternalIssuer | undefined {
  const issuer = context[OIDC_CONTEXT.issuer];
  const audience = list(context[OIDC_CONTEXT.audience], OIDC_CONTEXT.audience);
  const hasIssuer = issuer !== undefined && issuer !== null && issuer !== '';
  if (!hasIssuer && audience.length === 0) return undefined;
  if (!hasIssuer || audience.length === 0) {
    throw new Error('context "oidcIssuer" and "oidcAudience" go together: set both, or neither (Cognito)');
  }
  if (typeof issuer !== 'string' || !/^https:\/\/[^\s/]+(\/\S*)?$/.test(issuer) || issuer.endsWith('/')) {
    throw new Error(
      `context "oidcIssuer" must be the issuer's https URL exactly as its tokens' "iss" (no trailing slash), got ${JSON.stringify(issuer)}`,
    );
  }
  return { issuer, audience };
}

/** Claim names from context (Cognito's unless renamed), checked to be distinct and non-empty. */
export function claimNamesFromContext(context: Readonly<Record<string, unknown>>): ClaimNames {
  const names = Object.fromEntries(
    KINDS.map((k) => {
      const raw = context[CLAIM_SETTINGS[k].contextKey];
      if (raw === undefined || raw === null || raw === '') return [k, CLAIM_SETTINGS[k].cognito];
      if (typeof raw !== 'string' || !/^[\w:./-]{1,128}$/.test(raw)) {
        throw new Error(
          `context "${CLAIM_SETTINGS[k].contextKey}" must be a claim name (got ${JSON.stringify(raw)})`,
        );
      }
      return [k, raw];
    }),
  ) as ClaimNames;
  if (new Set(Object.values(names)).size !== KINDS.length) {
    throw new Error(`the groups, unit and person claims must be distinct (got ${JSON.stringify(names)})`);
  }
  return names;
}
