/**
 * Who is calling, from the JWT claims API Gateway's authorizer (or the local gateway)
 * verified: the role from the Cognito group, the unit and person from custom attributes.
 *
 * Beyond what the authorizer checks (signature, issuer, audience, expiry), a token must be a
 * Cognito ID token (`token_use` = `id`: an access token carries no custom attributes), name
 * exactly one role of this system (two would make the role depend on the order of the
 * groups), and a manager's person must belong to the token's unit (one GetItem per request).
 */
import { findPerson } from '#data/units.ts';
import { DomainError } from '#domain/errors.ts';
import { type Actor, ROLES, type Role } from '#domain/model.ts';
import { claimNames, requiredTokenUse } from '#resources/auth.ts';
import type { HttpEvent } from './http.ts';

/** Cognito's claim names: the default when the deployment renames none (infra/resources/auth.ts). */
export const CLAIMS = {
  groups: 'cognito:groups',
  unitId: 'custom:unitId',
  personId: 'custom:personId',
  tokenUse: 'token_use',
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

const forbidden = (code: string, message: string) => new DomainError('forbidden', code, message);

/** The actor the claims describe, without the checks that need the data (see actorFrom). */
export function actorFromClaims(event: HttpEvent): Actor {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  if (!claims) throw new DomainError('unauthenticated', 'auth.missing_token', 'a bearer token is required');
  const names = claimNames();
  const tokenUse = requiredTokenUse();
  if (tokenUse !== undefined && claims[CLAIMS.tokenUse] !== tokenUse) {
    throw new DomainError(
      'unauthenticated',
      'auth.not_id_token',
      'send the ID token of your sign-in (token_use "id"), not an access token',
    );
  }
  const roles = [
    ...new Set(
      groupsOf(claims[names.groups]).filter((g): g is Role => (ROLES as readonly string[]).includes(g)),
    ),
  ];
  if (roles.length === 0) throw forbidden('auth.no_role', 'the token carries no role of this system');
  if (roles.length > 1) {
    throw forbidden(
      'auth.ambiguous_role',
      `the token carries more than one role (${roles.join(', ')}); a user belongs to one role group`,
    );
  }
  const role = roles[0]!;
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

/**
 * The caller of a request. A manager's token must name a person and a unit, and the person
 * must be one of the unit's people (read once per request: the actor is built once).
 */
export async function actorFrom(event: HttpEvent): Promise<Actor> {
  const actor = actorFromClaims(event);
  if (actor.role === 'manager') {
    if (!actor.unitId || !actor.personId) {
      throw forbidden('auth.no_person', 'a project manager’s token names the unit and the person');
    }
    const person = await findPerson(actor.personId);
    if (!person) throw forbidden('auth.unknown_person', `person ${actor.personId} does not exist`);
    if (person.unitId !== actor.unitId) {
      throw forbidden(
        'auth.person_not_in_unit',
        `person ${actor.personId} does not belong to unit ${actor.unitId}`,
      );
    }
  }
  return actor;
}
