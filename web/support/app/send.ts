/** A JSON request for the console's writes, with the session's token and an Idempotency-Key; the API's error comes back as ApiError. */
import { idempotencyKey } from '@shared/api/client';
import { getSession } from './session';

export async function send(method: string, path: string, body?: object) {
  const res = await fetch(path, {
    method, headers: { 'content-type': 'application/json', authorization: `Bearer ${getSession()?.accessToken ?? ''}`, 'idempotency-key': idempotencyKey() },
    body: body && JSON.stringify(body),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  return { data: res.ok ? data : undefined, error: res.ok ? undefined : data, response: res };
}
