/**
 * The typed API client every web app uses: openapi-fetch over the generated `paths`, so a path,
 * its parameters, its body and its answer are checked against the server's own schemas. Failures
 * come back in the API's one error shape and are thrown as `ApiError` by `unwrap`.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

export type { paths };

/** The API's one error shape: `{ error: { code, message, details } }`. */
export interface ApiErrorBody { error: { code: string; message: string; details?: unknown } }

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: unknown) {
    super(message);
    this.name = 'ApiError';
  }

  /** The first field named in the details (e.g. `body.email`), for putting the message beside an input. */
  get field(): string | undefined {
    const d = this.details;
    if (Array.isArray(d) && d.length && typeof d[0]?.field === 'string') return d[0].field;
    return undefined;
  }
}

export interface ApiOptions {
  /** Base URL; same origin by default. */
  baseUrl?: string;
  /** The bearer token to send, if any (read on every request). */
  token?: () => string | undefined | null;
  /** Called when a request with a token answers 401 (e.g. to refresh or sign out). */
  onUnauthorized?: () => void;
}

/** A typed client for one app. */
export function createApi(opts: ApiOptions = {}) {
  const client = createClient<paths>({ baseUrl: opts.baseUrl ?? '' });
  const auth: Middleware = {
    onRequest({ request }) {
      const token = opts.token?.();
      if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
    onResponse({ request, response }) {
      if (response.status === 401 && request.headers.has('authorization')) opts.onUnauthorized?.();
      return response;
    },
  };
  client.use(auth);
  return client;
}

export type Api = ReturnType<typeof createApi>;

/**
 * Answers the data of an openapi-fetch result or throws an ApiError. A network failure becomes
 * `network.unreachable` so callers handle one kind of error.
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (e) {
    throw new ApiError(0, 'network.unreachable', (e as Error)?.message || 'network error');
  }
  const { data, error, response } = result;
  if (!response.ok) {
    const body = error as Partial<ApiErrorBody> | undefined;
    throw new ApiError(response.status, body?.error?.code ?? `http.${response.status}`, body?.error?.message ?? response.statusText, body?.error?.details);
  }
  return data as T;
}

/** A fresh Idempotency-Key for a mutation; reuse it when retrying the same action. */
export function idempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
