/**
 * The claims naming role, unit and person come from the environment the stack sets
 * (infra/resources/auth.ts: Cognito's names unless the deployment renames them for an
 * external OIDC issuer).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { actorFromClaims as actorFrom } from '../../../functions/api/auth.ts';
import type { HttpEvent } from '../../../functions/api/http.ts';
import {
  CLAIM_SETTINGS,
  claimNames,
  claimNamesFromContext,
  TOKEN_USE_ENV,
} from '../../../infra/resources/auth.ts';

const event = (claims: Record<string, string>) =>
  ({ requestContext: { authorizer: { jwt: { claims } } } }) as unknown as HttpEvent;

const saved = { ...process.env };
afterEach(() => {
  for (const envVar of [...Object.values(CLAIM_SETTINGS).map((s) => s.envVar), TOKEN_USE_ENV]) {
    if (saved[envVar] === undefined) delete process.env[envVar];
    else process.env[envVar] = saved[envVar];
  }
});

describe('claim names', () => {
  it("reads Cognito's claims when the environment renames none", () => {
    expect(claimNames({})).toEqual({
      groups: 'cognito:groups',
      unitId: 'custom:unitId',
      personId: 'custom:personId',
    });
    expect(
      actorFrom(
        event({
          sub: 'u1',
          token_use: 'id',
          'cognito:groups': '[unit]',
          'custom:unitId': 'meilin',
          'custom:personId': 'p1',
        }),
      ),
    ).toEqual({ role: 'unit', sub: 'u1', unitId: 'meilin', personId: 'p1' });
  });

  it('reads the claims the deployment names (an external issuer)', () => {
    process.env[CLAIM_SETTINGS.groups.envVar] = 'groups';
    process.env[CLAIM_SETTINGS.unitId.envVar] = 'unit_id';
    process.env[CLAIM_SETTINGS.personId.envVar] = 'person_id';
    // An external issuer's ID tokens carry no token_use (the stack sets `none` with oidcIssuer).
    process.env[TOKEN_USE_ENV] = 'none';
    const actor = actorFrom(
      event({
        sub: 'u2',
        groups: '[manager]',
        unit_id: 'huafu',
        person_id: 'p9',
        'cognito:groups': '[office]',
      }),
    );
    expect(actor).toEqual({ role: 'manager', sub: 'u2', unitId: 'huafu', personId: 'p9' });
  });

  it('with Cognito, refuses a token that is not an ID token; with an external issuer, asks for no token_use', () => {
    const claims = { sub: 'u3', 'cognito:groups': '[office]' };
    expect(() => actorFrom(event({ ...claims, token_use: 'access' }))).toThrow(/ID token/);
    expect(() => actorFrom(event(claims))).toThrow(/ID token/);
    process.env[TOKEN_USE_ENV] = 'none';
    expect(actorFrom(event(claims)).role).toBe('office');
  });

  it('refuses claim names from context that are empty of meaning or collide', () => {
    expect(claimNamesFromContext({ oidcGroupsClaim: 'roles' }).groups).toBe('roles');
    expect(() => claimNamesFromContext({ oidcUnitClaim: 'cognito:groups' })).toThrow(/distinct/);
    expect(() => claimNamesFromContext({ oidcPersonClaim: 'has space' })).toThrow(/claim name/);
  });
});
