import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp({ RATE_LIMIT_AUTH_MAX: '3', RATE_LIMIT_MAX: '1000', CORS_ORIGINS: 'https://shop.example' }); });
afterAll(async () => { await t?.close(); });

describe('rate limits and CORS', () => {
  it('limits sign-in attempts per client with a 429 in the error shape', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.api('POST', '/store/auth/login', { body: { email: 'x@example.com', password: 'whatever it is' } });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.body.error.code).toBe('request.rate_limited');
        expect(res.headers.get('retry-after')).toBeTruthy();
      }
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('allows only the configured browser origins', async () => {
    const ok = await t.api('GET', '/health', { headers: { origin: 'https://shop.example' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const other = await t.api('GET', '/health', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
