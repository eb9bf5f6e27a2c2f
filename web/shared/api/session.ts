/**
 * A signed-in session for one web app: the tokens in localStorage under the app's own key, the
 * typed client sending its access token, and a refresh that swaps the refresh token for a new pair
 * (once at a time) and signs out when it is refused.
 */
import { createApi, unwrap } from './client';

export interface BaseSession { accessToken: string; refreshToken: string; expiresAt: number }

export interface SessionOptions {
  /** The localStorage key the tokens are kept under. */
  storageKey: string;
  /** The refresh endpoint of the app's API surface. */
  refreshPath: '/admin/auth/refresh' | '/store/auth/refresh';
  /** Start a refresh when a request with a token answers 401. */
  refreshOnUnauthorized?: boolean;
}

export function createSession<S extends BaseSession>(opts: SessionOptions) {
  type Listener = (s: S | null) => void;
  const listeners = new Set<Listener>();

  function getSession(): S | null {
    try { return JSON.parse(localStorage.getItem(opts.storageKey) ?? 'null'); } catch { return null; }
  }

  function setSession(s: S | null): void {
    if (s) localStorage.setItem(opts.storageKey, JSON.stringify(s)); else localStorage.removeItem(opts.storageKey);
    for (const l of listeners) l(s);
  }

  function onSession(l: Listener): () => void {
    listeners.add(l);
    return () => { listeners.delete(l); };
  }

  const api = createApi({
    token: () => getSession()?.accessToken,
    ...(opts.refreshOnUnauthorized ? { onUnauthorized: () => { void refreshSession(); } } : {}),
  });

  let refreshing: Promise<boolean> | null = null;

  /** Swaps the refresh token for a new pair; signs out when it is refused. */
  function refreshSession(): Promise<boolean> {
    const s = getSession();
    if (!s) return Promise.resolve(false);
    refreshing ??= (async () => {
      try {
        const post = api.POST as unknown as (path: string, init: { body: { refreshToken: string } }) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
        const p = await unwrap(post(opts.refreshPath, { body: { refreshToken: s.refreshToken } })) as { accessToken: string; refreshToken: string; expiresIn: number };
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

  /** A token good for at least another minute (refreshed first when it is not); null when signed out. */
  async function freshToken(): Promise<string | null> {
    const s = getSession();
    if (s && s.expiresAt - Date.now() < 60_000) await refreshSession();
    return getSession()?.accessToken ?? null;
  }

  return { api, getSession, setSession, onSession, refreshSession, freshToken };
}
