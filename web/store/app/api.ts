/** The storefront's API client and the signed-in customer's session (tokens in localStorage). */
import { ApiError, createApi, unwrap } from '@shared/api/client';

const SESSION = 'emporia.session';

export interface Session { accessToken: string; refreshToken: string; expiresAt: number; email?: string; firstName?: string }

type SessionListener = (s: Session | null) => void;
const sessionListeners = new Set<SessionListener>();

export function getSession(): Session | null {
  try { return JSON.parse(localStorage.getItem(SESSION) ?? 'null'); } catch { return null; }
}

export function setSession(s: Session | null): void {
  if (s) localStorage.setItem(SESSION, JSON.stringify(s)); else localStorage.removeItem(SESSION);
  for (const l of sessionListeners) l(s);
}

export function onSession(l: SessionListener): () => void {
  sessionListeners.add(l);
  return () => { sessionListeners.delete(l); };
}

export const api = createApi({
  token: () => getSession()?.accessToken,
  onUnauthorized: () => { void refreshSession(); },
});

let refreshing: Promise<boolean> | null = null;

/** Swaps the refresh token for a new pair; signs out when it is refused. */
export function refreshSession(): Promise<boolean> {
  const s = getSession();
  if (!s) return Promise.resolve(false);
  refreshing ??= (async () => {
    try {
      const pair = await unwrap(api.POST('/store/auth/refresh', { body: { refreshToken: s.refreshToken } }));
      const p = pair as { accessToken: string; refreshToken: string; expiresIn: number };
      setSession({ ...s, accessToken: p.accessToken, refreshToken: p.refreshToken, expiresAt: Date.now() + p.expiresIn * 1000 });
      return true;
    } catch {
      setSession(null);
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** Refreshes an access token that is about to expire before a customer call. */
export async function ensureFreshSession(): Promise<void> {
  const s = getSession();
  if (s && s.expiresAt - Date.now() < 60_000) await refreshSession();
}

export { ApiError, unwrap };
