/**
 * GET /admin/payments/settings: the providers and capture mode the environment configured, for the
 * admin's settings page; store settings, so support staff are refused.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.js';

const apps: TestApp[] = [];
afterAll(async () => { for (const t of apps) await t.close(); });

describe('payment settings', () => {
  it('lists the built-in providers and immediate capture by default, and refuses support staff', async () => {
    const t = await startTestApp();
    apps.push(t);
    const owner = await t.staff('owner');
    const res = await t.api('GET', '/admin/payments/settings', { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body.captureMode).toBe('immediate');
    expect(res.body.providers.map((p: any) => p.name).sort()).toEqual(['cash', 'manual', 'store_credit', 'test']);
    const support = await t.staff('support');
    expect((await t.api('GET', '/admin/payments/settings', { token: support.token })).status).toBe(403);
  });

  it('shows Stripe with its webhooks and capture at fulfilment when the environment says so', async () => {
    const t = await startTestApp({ STRIPE_SECRET_KEY: 'sk_test_fake_0123456789', STRIPE_WEBHOOK_SECRET: 'whsec_test_secret_0123456789', CAPTURE_MODE: 'fulfilment' });
    apps.push(t);
    const owner = await t.staff('owner');
    const res = await t.api('GET', '/admin/payments/settings', { token: owner.token });
    expect(res.body.captureMode).toBe('fulfilment');
    expect(res.body.providers).toContainEqual({ name: 'stripe', webhooks: true });
  });
});
