/**
 * The admin's API access: the shared typed client with the staff session (tokens in localStorage,
 * refreshed before they expire and once on a 401), and a small `call` helper for pages.
 */
import { ApiError, idempotencyKey, unwrap } from '@shared/api/client';
import { createSession } from '@shared/api/session';

export interface Session { accessToken: string; refreshToken: string; expiresAt: number; enrollmentOnly?: boolean }

export const { api, getSession, setSession, onSession, refreshSession, freshToken } = createSession<Session>({
  storageKey: 'emporia.admin.session',
  refreshPath: '/admin/auth/refresh',
});

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const clean = (q?: Record<string, unknown>) => q && Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== null && v !== ''));

/**
 * Calls the API through the typed client. Mutations carry a fresh Idempotency-Key (pass `key` to
 * reuse one on a retry); a 401 refreshes the session once and retries.
 */
export async function call<T = any>(method: Method, path: string, opts: { query?: Record<string, unknown>; body?: unknown; key?: string } = {}): Promise<T> {
  await freshToken();
  const mutation = method !== 'GET';
  const key = opts.key ?? idempotencyKey();
  const run = () => {
    const fn = (api as any)[method] as (p: string, init: unknown) => Promise<any>;
    return unwrap<T>(fn(path, {
      params: { query: clean(opts.query) },
      ...(mutation && method !== 'DELETE' ? { body: opts.body ?? {} } : {}),
      ...(mutation ? { headers: { 'idempotency-key': key } } : {}),
    }));
  };
  try {
    return await run();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && getSession() && (await refreshSession())) return run();
    throw e;
  }
}

/** Every page of a cursor listing, calling `progress` after each page. */
export async function callAll<T = any>(path: string, query: Record<string, unknown>, progress?: (n: number) => void): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null | undefined;
  do {
    const page = await call<{ items: T[]; nextCursor: string | null }>('GET', path, { query: { ...query, cursor } });
    out.push(...page.items);
    progress?.(out.length);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export { ApiError };
