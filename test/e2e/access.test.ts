/**
 * The permission matrix: every role against every admin route (allowed, or 403), anonymous
 * callers (401) and customers (403). Routes are read from the app, so a new route is covered
 * the day it is added.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, ROLES, type AnyRoute } from '../../src/platform/index.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t?.close(); });

// Path parameters get placeholder values that name nothing, so an allowed call ends in 400/404, never a change.
const fill = (url: string) => url.replace(/:seq/g, '999999').replace(/:[A-Za-z]+/g, 'zz_missing');
// Signing out ends the session the rest of the sweep uses, so it goes last.
const lastIfLogout = (a: AnyRoute, b: AnyRoute) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout'));
const staffRoutes = () => t.app.routes.filter((r): r is AnyRoute & { access: { kind: 'staff'; permission: string } } => r.access.kind === 'staff').sort(lastIfLogout);

describe('permission matrix', () => {
  it('covers the admin API', () => {
    expect(staffRoutes().length).toBeGreaterThanOrEqual(20);
    expect(staffRoutes().every((r) => r.url.startsWith('/admin/'))).toBe(true);
  });

  it('every admin route refuses anonymous callers (401) and customers (403)', async () => {
    const c = await t.customer();
    for (const r of staffRoutes()) {
      const anon = await t.api(r.method, fill(r.url), { body: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      expect(anon.status, `${r.method} ${r.url} anonymous`).toBe(401);
      const cust = await t.api(r.method, fill(r.url), { token: c.token, body: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      expect(cust.status, `${r.method} ${r.url} as customer`).toBe(403);
    }
  });

  for (const role of ROLES) {
    it(`role ${role}: allowed exactly where its permissions say`, async () => {
      const { token } = await t.staff(role);
      const allowed = new Set([...ROLE_PERMISSIONS[role], 'self']);
      const rows: string[] = [];
      for (const r of staffRoutes()) {
        const res = await t.api(r.method, fill(r.url), { token, body: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
        const should = allowed.has(r.access.permission);
        rows.push(`${r.method} ${r.url} ${res.status}`);
        if (should) {
          expect([401, 403, 500], `${role} ${r.method} ${r.url} should be allowed, got ${res.status} ${JSON.stringify(res.body)}`).not.toContain(res.status);
        } else {
          expect(res.status, `${role} ${r.method} ${r.url} should be forbidden`).toBe(403);
          expect(res.body.error.code).toBe('auth.forbidden');
        }
      }
      expect(rows.length).toBe(staffRoutes().length);
    });
  }

  it('customer-only routes refuse staff tokens', async () => {
    const owner = await t.staff('owner');
    const login = await t.api('POST', '/admin/auth/login', { body: { email: owner.email, password: owner.password } });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const token = login.body.accessToken;
    for (const r of t.app.routes.filter((x) => x.access.kind === 'customer').sort(lastIfLogout)) {
      const res = await t.api(r.method, fill(r.url), { token, body: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      expect(res.status, `${r.method} ${r.url}`).toBe(403);
    }
  });
});
