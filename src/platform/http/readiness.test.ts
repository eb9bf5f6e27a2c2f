import { describe, expect, it } from 'vitest';
import { readinessReport, type Readiness } from './server.js';

const ok = async () => undefined;
const down = (msg: string) => async () => { throw new Error(msg); };
const r = (checks: Record<string, [() => Promise<void>, boolean]>, shuttingDown = false): Readiness => ({
  checks: new Map(Object.entries(checks).map(([name, [check, critical]]) => [name, { check, critical }])), shuttingDown,
});

describe('readiness by tier', () => {
  it('is ready when every dependency answers', async () => {
    expect(await readinessReport(r({ database: [ok, true], redis: [ok, false] }))).toEqual({ code: 200, body: { status: 'ready', checks: { database: 'ok', redis: 'ok' } } });
  });

  it('keeps serving, degraded, when a tier-2 dependency is down, and names it', async () => {
    const res = await readinessReport(r({ database: [ok, true], redis: [down('connection refused'), false], nats: [down('nats is down'), false] }));
    expect(res).toEqual({ code: 200, body: { status: 'degraded', degraded: ['nats', 'redis'], checks: { database: 'ok', redis: 'failing: connection refused', nats: 'failing: nats is down' } } });
  });

  it('is not ready without the database', async () => {
    const res = await readinessReport(r({ database: [down('ECONNREFUSED'), true], redis: [ok, false] }));
    expect(res.code).toBe(503);
    expect(res.body).toMatchObject({ status: 'not_ready', checks: { database: 'failing: ECONNREFUSED' } });
  });

  it('is not ready while shutting down, whatever the checks say', async () => {
    expect(await readinessReport(r({ database: [ok, true] }, true))).toEqual({ code: 503, body: { status: 'shutting_down', checks: { database: 'ok' } } });
  });

  it('bounds a check that never answers', async () => {
    const res = await readinessReport(r({ database: [ok, true], redis: [() => new Promise(() => undefined), false] }));
    expect(res.body).toMatchObject({ status: 'degraded', checks: { redis: 'failing: no answer within 2000 ms' } });
  });
});
