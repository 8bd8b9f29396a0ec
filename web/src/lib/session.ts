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

const KEY = 'one-list.session';
const listeners = new Set<() => void>();

/** The claims of a JWT, unverified (the API verifies; the console only reads the role). */
export function claimsOf(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>;
}

export function sessionFromToken(token: string, label: string): Session {
  const c = claimsOf(token);
  const groups = c['cognito:groups'];
  const role = (Array.isArray(groups) ? groups[0] : groups) as Session['role'];
  const unitId = c['custom:unitId'];
  const personId = c['custom:personId'];
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
