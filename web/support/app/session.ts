/** The console's API client and the staff session (tokens in localStorage, refreshed before they expire). */
import { unwrap } from '@shared/api/client';
import { createSession } from '@shared/api/session';

export interface Session { accessToken: string; refreshToken: string; expiresAt: number }
export interface Me { id: string; name: string; email: string; role: string; permissions: string[] }

/** `freshToken`: a valid access token, refreshed first when it is about to expire; null when signed out. */
export const { api, getSession, setSession, onSession, freshToken } = createSession<Session>({
  storageKey: 'emporia.support.session',
  refreshPath: '/admin/auth/refresh',
});

/** Runs an API call with a fresh token. */
export async function call<T>(fn: () => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  await freshToken();
  return unwrap(fn());
}
