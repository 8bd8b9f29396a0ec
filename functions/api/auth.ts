/**
 * Who is calling, from the JWT claims API Gateway's authorizer (or the local gateway)
 * verified: the role from the Cognito group, the unit and person from custom attributes.
 */
import { DomainError } from '#domain/errors.ts';
import { type Actor, ROLES, type Role } from '#domain/model.ts';
import { claimNames } from '#resources/auth.ts';
import type { HttpEvent } from './http.ts';

/** Cognito's claim names: the default when the deployment renames none (infra/resources/auth.ts). */
export const CLAIMS = {
  groups: 'cognito:groups',
  unitId: 'custom:unitId',
  personId: 'custom:personId',
} as const;

function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') {
    // API Gateway flattens array claims into "[a b]" or "a,b".
    return value
      .replace(/^\[|\]$/g, '')
      .split(/[\s,]+/)
      .filter(Boolean);
  }
  return [];
}

export function actorFrom(event: HttpEvent): Actor {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  if (!claims) throw new DomainError('unauthenticated', 'auth.missing_token', 'a bearer token is required');
  const names = claimNames();
  const role = groupsOf(claims[names.groups]).find((g): g is Role =>
    (ROLES as readonly string[]).includes(g),
  );
  if (!role) throw new DomainError('forbidden', 'auth.no_role', 'the token carries no role of this system');
  const sub = String(claims.sub ?? '');
  if (!sub) throw new DomainError('unauthenticated', 'auth.no_subject', 'the token names no subject');
  const unitId = claims[names.unitId];
  const personId = claims[names.personId];
  return {
    role,
    sub,
    ...(unitId ? { unitId: String(unitId) } : {}),
    ...(personId ? { personId: String(personId) } : {}),
  };
}
