import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

describe('platform over HTTP', () => {
  it('answers health and readiness', async () => {
    expect((await t.api('GET', '/health')).body).toEqual({ status: 'ok' });
    const ready = await t.api('GET', '/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.database).toBe('ok');
  });

  it('serves an OpenAPI 3.1 document and a docs page', async () => {
    const doc = await t.api('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/admin/staff');
    const docs = await fetch(`${t.url}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });

  it('answers unknown routes with the error shape', async () => {
    const res = await t.api('GET', '/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('http.not_found');
  });

  it('sets a request id and security headers', async () => {
    const res = await t.api('GET', '/health', { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBeTruthy();
  });

  it('rejects malformed JSON and wrong content types with 4xx, not 500', async () => {
    const { token } = await t.staff('owner');
    const bad = await t.api('POST', '/admin/staff', { token, raw: '{"email": ', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('request.malformed_json');
    const wrongType = await t.api('POST', '/admin/staff', { token, raw: 'email=a', headers: { 'content-type': 'text/plain' } });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.error.code).toBe('request.unsupported_media_type');
  });

  it('replays a mutation with the same Idempotency-Key and refuses a different body', async () => {
    const { token } = await t.staff('owner');
    const body = { email: 'idem@test.emporia', name: 'Idem', role: 'clerk', password: 'a long enough secret' };
    const first = await t.api('POST', '/admin/staff', { token, body, headers: { 'idempotency-key': 'k-1' } });
    expect(first.status).toBe(201);
    const again = await t.api('POST', '/admin/staff', { token, body, headers: { 'idempotency-key': 'k-1' } });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await t.api('POST', '/admin/staff', { token, body: { ...body, name: 'Other' }, headers: { 'idempotency-key': 'k-1' } });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency.key_reused');
    const list = await t.api('GET', '/admin/staff', { token });
    expect(list.body.items.filter((s: any) => s.email === 'idem@test.emporia')).toHaveLength(1);
  });

  it('records staff mutations in the audit log with before and after', async () => {
    const { token } = await t.staff('owner');
    const created = await t.api('POST', '/admin/staff', { token, body: { email: 'audit@test.emporia', name: 'Before', role: 'staff', password: 'a long enough secret' } });
    await t.api('PATCH', `/admin/staff/${created.body.id}`, { token, body: { name: 'After' } });
    const log = await t.api('GET', `/admin/audit?entityId=${created.body.id}`, { token });
    expect(log.status).toBe(200);
    const update = log.body.items.find((e: any) => e.action === 'staff.updated');
    expect(update.before.name).toBe('Before');
    expect(update.after.name).toBe('After');
    expect(update.actor).toMatch(/^staff:stf_/);
  });
});
