/** The console's API client and the staff session (tokens in localStorage, refreshed before they expire). */
import { createApi, unwrap } from '@shared/api/client';

const KEY = 'emporia.support.session';

export interface Session { accessToken: string; refreshToken: string; expiresAt: number }
export interface Me { id: string; name: string; email: string; role: string; permissions: string[] }

type Listener = (s: Session | null) => void;
const listeners = new Set<Listener>();

export function getSession(): Session | null {
  try { return JSON.parse(localStorage.getItem(KEY) ?? 'null'); } catch { return null; }
}

export function setSession(s: Session | null): void {
  if (s) localStorage.setItem(KEY, JSON.stringify(s)); else localStorage.removeItem(KEY);
  for (const l of listeners) l(s);
}

export function onSession(l: Listener): () => void {
  listeners.add(l);
  return () => { listeners.delete(l); };
}

export const api = createApi({ token: () => getSession()?.accessToken });

let refreshing: Promise<string | null> | null = null;

/** A valid access token, refreshed first when it is about to expire; null when signed out. */
export function freshToken(): Promise<string | null> {
  const s = getSession();
  if (!s) return Promise.resolve(null);
  if (s.expiresAt - Date.now() > 60_000) return Promise.resolve(s.accessToken);
  refreshing ??= (async () => {
    try {
      const p = await unwrap(api.POST('/admin/auth/refresh', { body: { refreshToken: s.refreshToken } })) as { accessToken: string; refreshToken: string; expiresIn: number };
      const next = { accessToken: p.accessToken, refreshToken: p.refreshToken, expiresAt: Date.now() + p.expiresIn * 1000 };
      setSession(next);
      return next.accessToken;
    } catch {
      setSession(null);
      return null;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** Runs an API call with a fresh token. */
export async function call<T>(fn: () => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  await freshToken();
  return unwrap(fn());
}
