import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/lib/config.ts';

const claims = { groups: 'groups', unitId: 'unit_id', personId: 'person_id' };

describe('config.json', () => {
  it('reads the local gateway’s (local sign-in, the API at the same origin)', () => {
    expect(parseConfig({ apiUrl: '', auth: { kind: 'local' } })).toEqual({
      apiUrl: '',
      auth: {
        kind: 'local',
        claims: { groups: 'cognito:groups', unitId: 'custom:unitId', personId: 'custom:personId' },
      },
    });
  });

  it('reads a deployed one: the API URL without its trailing slash, the issuer, the client, the claims', () => {
    const c = parseConfig({
      apiUrl: 'https://abc123.execute-api.cn-north-1.amazonaws.com.cn/',
      auth: {
        kind: 'oidc',
        authority: 'https://sso.district.example/realms/staff',
        clientId: 'one-list-console',
        scope: 'openid email profile',
        claims,
      },
    });
    expect(c.apiUrl).toBe('https://abc123.execute-api.cn-north-1.amazonaws.com.cn');
    expect(c.auth).toEqual({
      kind: 'oidc',
      authority: 'https://sso.district.example/realms/staff',
      clientId: 'one-list-console',
      scope: 'openid email profile',
      claims,
    });
  });

  it('refuses what it cannot sign in with, naming the field', () => {
    const oidc = { kind: 'oidc', authority: 'https://idp.example', clientId: 'c', scope: 'openid' };
    expect(() => parseConfig(null)).toThrow(/not an object/);
    expect(() => parseConfig({ auth: { kind: 'saml' } })).toThrow(/auth\.kind/);
    expect(() => parseConfig({ apiUrl: 'ftp://x', auth: { kind: 'local' } })).toThrow(/apiUrl/);
    expect(() => parseConfig({ auth: { ...oidc, authority: 'not a url' } })).toThrow(/authority/);
    expect(() => parseConfig({ auth: { ...oidc, clientId: '' } })).toThrow(/clientId/);
    expect(() => parseConfig({ auth: { ...oidc, scope: 'email' } })).toThrow(/openid/);
    expect(() => parseConfig({ auth: { ...oidc, signOutUrl: 42 } })).toThrow(/signOutUrl/);
    expect(() => parseConfig({ auth: { ...oidc, claims: { ...claims, groups: '' } } })).toThrow(
      /claims\.groups/,
    );
  });
});
