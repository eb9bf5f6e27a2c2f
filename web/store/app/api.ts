/** The storefront's API client and the signed-in customer's session (tokens in localStorage). */
import { ApiError, unwrap } from '@shared/api/client';
import { createSession } from '@shared/api/session';

export interface Session { accessToken: string; refreshToken: string; expiresAt: number; email?: string; firstName?: string }

export const { api, getSession, setSession, onSession, freshToken } = createSession<Session>({
  storageKey: 'emporia.session',
  refreshPath: '/store/auth/refresh',
  refreshOnUnauthorized: true,
});

/** Refreshes an access token that is about to expire before a customer call. */
export async function ensureFreshSession(): Promise<void> {
  await freshToken();
}

export { ApiError, unwrap };
