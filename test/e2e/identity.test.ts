import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp({ LOGIN_MAX_ATTEMPTS: '3', LOCKOUT_SECONDS: '600' }); });
afterAll(async () => { await t?.close(); });

describe('customer accounts', () => {
  it('registers, signs in, reads and changes the profile', async () => {
    const reg = await t.api('POST', '/store/auth/register', { body: { email: 'Ann@Example.com', password: 'a long enough secret', firstName: 'Ann' } });
    expect(reg.status).toBe(201);
    expect(reg.body.customer.email).toBe('ann@example.com');
    expect(reg.body.customer).not.toHaveProperty('passwordHash');
    const dup = await t.api('POST', '/store/auth/register', { body: { email: 'ann@example.com', password: 'another long secret' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('identity.email_taken');
    const login = await t.api('POST', '/store/auth/login', { body: { email: 'ann@example.com', password: 'a long enough secret' } });
    expect(login.status).toBe(200);
    const me = await t.api('GET', '/store/account', { token: login.body.accessToken });
    expect(me.body.firstName).toBe('Ann');
    const patched = await t.api('PATCH', '/store/account', { token: login.body.accessToken, body: { lastName: 'Lee' } });
    expect(patched.body.lastName).toBe('Lee');
  });

  it('refuses weak passwords and names the field', async () => {
    const res = await t.api('POST', '/store/auth/register', { body: { email: 'weak@example.com', password: 'short' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('body.password');
  });

  it('rotates refresh tokens and signs out the whole family when an old one is reused', async () => {
    const c = await t.customer();
    const login = await t.api('POST', '/store/auth/login', { body: { email: c.email, password: c.password } });
    const r1 = login.body.refreshToken;
    const next = await t.api('POST', '/store/auth/refresh', { body: { refreshToken: r1 } });
    expect(next.status).toBe(200);
    expect(next.body.refreshToken).not.toBe(r1);
    expect((await t.api('GET', '/store/account', { token: next.body.accessToken })).status).toBe(200);
    const reuse = await t.api('POST', '/store/auth/refresh', { body: { refreshToken: r1 } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('auth.refresh_token_reused');
    // The stolen-token family is gone: the newest pair no longer works either.
    expect((await t.api('POST', '/store/auth/refresh', { body: { refreshToken: next.body.refreshToken } })).status).toBe(401);
    expect((await t.api('GET', '/store/account', { token: next.body.accessToken })).status).toBe(401);
  });

  it('logs out: the access token stops working at once', async () => {
    const c = await t.customer();
    expect((await t.api('GET', '/store/account', { token: c.token })).status).toBe(200);
    expect((await t.api('POST', '/store/auth/logout', { token: c.token })).status).toBe(204);
    const after = await t.api('GET', '/store/account', { token: c.token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('auth.session_revoked');
  });

  it('resets a password with a single-use token and signs out old sessions', async () => {
    const c = await t.customer();
    expect((await t.api('POST', '/store/auth/password-reset', { body: { email: c.email } })).status).toBe(202);
    expect((await t.api('POST', '/store/auth/password-reset', { body: { email: 'nobody@example.com' } })).status).toBe(202);
    const mail = t.app.mailer.recent().filter((m) => m.to === c.email).pop()!;
    const token = /Reset code: (\S+)/.exec(mail.text)![1];
    const ok = await t.api('POST', '/store/auth/password-reset/confirm', { body: { token, password: 'a brand new secret' } });
    expect(ok.status).toBe(200);
    const again = await t.api('POST', '/store/auth/password-reset/confirm', { body: { token, password: 'yet another secret' } });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('auth.invalid_reset_token');
    expect((await t.api('GET', '/store/account', { token: c.token })).status).toBe(401);
    expect((await t.api('POST', '/store/auth/login', { body: { email: c.email, password: 'a brand new secret' } })).status).toBe(200);
  });

  it('locks an account after repeated failures and records the history', async () => {
    const c = await t.customer();
    for (let i = 0; i < 3; i++) {
      const bad = await t.api('POST', '/store/auth/login', { body: { email: c.email, password: 'wrong password!!' } });
      expect(bad.status).toBe(401);
    }
    const locked = await t.api('POST', '/store/auth/login', { body: { email: c.email, password: c.password } });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('auth.account_locked');
    const history = await t.api('GET', '/store/account/logins', { token: c.token });
    expect(history.body.items.map((e: any) => e.reason)).toEqual(['locked', 'bad_password', 'bad_password', 'bad_password']);
  });

  it('keeps each customer to their own data', async () => {
    const a = await t.customer();
    const b = await t.customer();
    const addr = { firstName: 'A', lastName: 'One', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' };
    const created = await t.api('POST', '/store/account/addresses', { token: a.token, body: addr });
    expect(created.status).toBe(201);
    expect(created.body.isDefaultShipping).toBe(true);
    // B cannot see, change or delete A's address; the answer is the same as for a missing one.
    expect((await t.api('GET', '/store/account/addresses', { token: b.token })).body.items).toEqual([]);
    const put = await t.api('PUT', `/store/account/addresses/${created.body.id}`, { token: b.token, body: { ...addr, city: 'Hacked' } });
    expect(put.status).toBe(404);
    expect((await t.api('DELETE', `/store/account/addresses/${created.body.id}`, { token: b.token })).status).toBe(404);
    expect((await t.api('GET', '/store/account/addresses', { token: a.token })).body.items[0].city).toBe('Springfield');
    // There is no way to name another customer on the store API, and customer tokens cannot reach admin routes.
    expect((await t.api('GET', `/admin/customers/${a.id}`, { token: b.token })).status).toBe(403);
    expect((await t.api('PATCH', `/admin/customers/${a.id}`, { token: b.token, body: { firstName: 'X' } })).status).toBe(403);
    // A forged token (signed with another key) is refused.
    const [h, p] = b.token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: a.id })).toString('base64url')}.${b.token.split('.')[2]}`;
    expect((await t.api('GET', '/store/account', { token: forged })).status).toBe(401);
  });
});

describe('staff', () => {
  it('enrols in TOTP MFA and then needs a code to sign in', async () => {
    const owner = await t.staff('owner');
    const setup = await t.api('POST', '/admin/auth/mfa/setup', { token: owner.token });
    expect(setup.status).toBe(200);
    expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const wrong = await t.api('POST', '/admin/auth/mfa/enable', { token: owner.token, body: { code: '000000' } });
    expect(wrong.status).toBe(400);
    const ok = await t.api('POST', '/admin/auth/mfa/enable', { token: owner.token, body: { code: generateSync({ secret: setup.body.secret }) } });
    expect(ok.status).toBe(200);
    const noCode = await t.api('POST', '/admin/auth/login', { body: { email: owner.email, password: owner.password } });
    expect(noCode.status).toBe(401);
    expect(noCode.body.error.code).toBe('auth.mfa_required');
    const withCode = await t.api('POST', '/admin/auth/login', { body: { email: owner.email, password: owner.password, totp: generateSync({ secret: setup.body.secret }) } });
    expect(withCode.status).toBe(200);
    const stored = await t.app.database.db.selectFrom('staff_users').select('mfa_secret').where('id', '=', owner.id).executeTakeFirstOrThrow();
    expect(stored.mfa_secret).not.toContain(setup.body.secret);
  });

  it('when the store requires MFA, an admin without it can only enrol', async () => {
    const owner = await t.staff('owner');
    const admin = await t.staff('admin');
    const fresh = await t.api('POST', '/admin/auth/login', { body: { email: owner.email, password: owner.password, totp: '000000' } });
    expect(fresh.status).toBe(401);
    expect((await t.api('PUT', '/admin/settings/security', { token: admin.token, body: { requireStaffMfa: true } })).status).toBe(200);
    const login = await t.api('POST', '/admin/auth/login', { body: { email: admin.email, password: admin.password } });
    expect(login.status).toBe(200);
    expect(login.body.mfaEnrollmentRequired).toBe(true);
    expect((await t.api('GET', '/admin/staff', { token: login.body.accessToken })).status).toBe(403);
    const setup = await t.api('POST', '/admin/auth/mfa/setup', { token: login.body.accessToken });
    expect(setup.status).toBe(200);
    expect((await t.api('POST', '/admin/auth/mfa/enable', { token: login.body.accessToken, body: { code: generateSync({ secret: setup.body.secret }) } })).status).toBe(200);
    const full = await t.api('POST', '/admin/auth/login', { body: { email: admin.email, password: admin.password, totp: generateSync({ secret: setup.body.secret }) } });
    expect((await t.api('GET', '/admin/staff', { token: full.body.accessToken })).status).toBe(200);
    // Staff role (not owner/admin) is not forced.
    const staff = await t.staff('staff');
    const s = await t.api('POST', '/admin/auth/login', { body: { email: staff.email, password: staff.password } });
    expect(s.body.mfaEnrollmentRequired).toBeUndefined();
    const admin2 = await t.api('POST', '/admin/auth/login', { body: { email: admin.email, password: admin.password, totp: generateSync({ secret: setup.body.secret }) } });
    expect((await t.api('PUT', '/admin/settings/security', { token: admin2.body.accessToken, body: { requireStaffMfa: false } })).status).toBe(200);
  });

  it('protects owners: an admin cannot create an owner, and nobody can change their own role', async () => {
    const admin = await t.staff('admin');
    const res = await t.api('POST', '/admin/staff', { token: admin.token, body: { email: 'o2@test.emporia', name: 'O2', role: 'owner', password: 'a long enough secret' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('identity.owner_only');
    const owner = await t.staff('owner');
    const self = await t.api('PATCH', `/admin/staff/${owner.id}`, { token: owner.token, body: { role: 'clerk' } });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('identity.self_change_forbidden');
  });

  it('disabling a staff user signs them out at once', async () => {
    const owner = await t.staff('owner');
    const created = await t.api('POST', '/admin/staff', { token: owner.token, body: { email: 'leaver@test.emporia', name: 'Leaver', role: 'support', password: 'a long enough secret' } });
    const login = await t.api('POST', '/admin/auth/login', { body: { email: 'leaver@test.emporia', password: 'a long enough secret' } });
    expect((await t.api('GET', '/admin/customers', { token: login.body.accessToken })).status).toBe(200);
    expect((await t.api('PATCH', `/admin/staff/${created.body.id}`, { token: owner.token, body: { status: 'disabled' } })).status).toBe(200);
    expect((await t.api('GET', '/admin/customers', { token: login.body.accessToken })).status).toBe(401);
    const again = await t.api('POST', '/admin/auth/login', { body: { email: 'leaver@test.emporia', password: 'a long enough secret' } });
    expect(again.status).toBe(403);
    const logins = await t.api('GET', `/admin/staff/${created.body.id}/logins`, { token: owner.token });
    expect(logins.body.items.map((e: any) => e.reason)).toEqual(['disabled', 'ok']);
  });
});
