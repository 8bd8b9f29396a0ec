/**
 * Who is signed in: the token (kept in localStorage) and what its claims say. The console's
 * role gating is a convenience; the API checks every call.
 */
export interface Session {
  readonly token: string;
  readonly role: 'commander' | 'office' | 'unit' | 'manager' | 'inspector';
  readonly unitId?: string;
  readonly personId?: string;
  readonly label: string;
}

import { type ClaimNames, config } from './config.ts';

const KEY = 'one-list.session';
const listeners = new Set<() => void>();

/** The claims of a JWT, unverified (the API verifies; the console only reads the role). */
export function claimsOf(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>;
}

const ROLES: readonly Session['role'][] = ['commander', 'office', 'unit', 'manager', 'inspector'];

/**
 * The session of an ID token: its role is the first of its groups that is a role; the claims'
 * names are Cognito's unless config.json renames them (an external issuer).
 */
export function sessionFromToken(
  token: string,
  label: string,
  claims: ClaimNames = config().auth.claims,
): Session {
  const c = claimsOf(token);
  const groups = c[claims.groups];
  const list = Array.isArray(groups) ? groups : typeof groups === 'string' ? [groups] : [];
  const role = (list.find((g) => (ROLES as readonly unknown[]).includes(g)) ?? list[0]) as Session['role'];
  const unitId = c[claims.unitId];
  const personId = c[claims.personId];
  return {
    token,
    role,
    ...(typeof unitId === 'string' ? { unitId } : {}),
    ...(typeof personId === 'string' ? { personId } : {}),
    label,
  };
}

export const session = {
  get(): Session | undefined {
    try {
      const raw = globalThis.localStorage?.getItem(KEY);
      return raw ? (JSON.parse(raw) as Session) : undefined;
    } catch {
      return undefined;
    }
  },
  set(s: Session | undefined): void {
    if (s) localStorage.setItem(KEY, JSON.stringify(s));
    else localStorage.removeItem(KEY);
    for (const l of listeners) l();
  },
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};
