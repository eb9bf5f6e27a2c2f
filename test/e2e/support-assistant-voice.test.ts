/**
 * The merchant's brand voice for the support assistant: tone, name and signature through the
 * admin API (settings:manage to change, support staff may read), used in the next answer; with
 * answers switched off the assistant only drafts for the agents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.js';

describe('support assistant brand voice', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp({ EVENT_WORKERS: 'false' }); });
  afterAll(async () => { await t?.close(); });

  async function ask(message: string) {
    const started = await t.api('POST', '/store/support/conversations', { body: { message, email: 'voice@example.com' } });
    expect(started.status).toBe(201);
    await t.drain();
    return started.body.conversation.id as string;
  }

  it('is read by support staff, changed by admins, refused field by field, and used in replies', async () => {
    const admin = (await t.staff('admin')).token;
    const support = (await t.staff('support')).token;
    expect((await t.api('GET', '/admin/support/assistant', { token: support })).body).toMatchObject({ enabled: true, tone: 'friendly' });
    expect((await t.api('PATCH', '/admin/support/assistant', { token: support, body: { tone: 'formal' } })).status).toBe(403);
    const bad = await t.api('PATCH', '/admin/support/assistant', { token: admin, body: { tone: 'sarcastic' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error)).toContain('tone');
    const ok = await t.api('PATCH', '/admin/support/assistant', { token: admin, body: { tone: 'formal', name: 'Mila from Emporia', signature: 'Emporia Customer Care' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ tone: 'formal', name: 'Mila from Emporia', signature: 'Emporia Customer Care' });

    const id = await ask('hello');
    const conv = (await t.api('GET', `/admin/support/conversations/${id}`, { token: support })).body;
    const reply = conv.messages.find((m: any) => m.author.kind === 'assistant').body as string;
    expect(reply).toContain("I'm Mila from Emporia");
    expect(reply.endsWith('— Emporia Customer Care')).toBe(true);
  });

  it('only drafts for the agents when answers are switched off', async () => {
    const admin = (await t.staff('admin')).token;
    const support = (await t.staff('support')).token;
    await t.api('PATCH', '/admin/support/assistant', { token: admin, body: { enabled: false } });
    const kb = t.app.modules.support.service.kb;
    await kb.create(t.app.systemCtx(), { title: 'Payment methods', body: 'We accept Visa, Mastercard and PayPal.', category: 'payments', language: 'en', status: 'published' });
    const id = await ask('which payment methods do you accept?');
    const conv = (await t.api('GET', `/admin/support/conversations/${id}`, { token: support })).body;
    expect(conv.messages.filter((m: any) => m.author.kind === 'assistant')).toEqual([]);
    const draft = conv.suggestions.find((s: any) => s.kind === 'draft_reply');
    expect(draft.body).toContain('We accept Visa, Mastercard and PayPal.');
    expect(draft.body).toContain('(Payment methods, version 1)');
  });
});

describe('support assistant and people', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp({ EVENT_WORKERS: 'false' }); });
  afterAll(async () => { await t?.close(); });

  it('stays out of a conversation a person has answered, drafting for them instead', async () => {
    const support = (await t.staff('support')).token;
    await t.app.modules.support.service.kb.create(t.app.systemCtx(), { title: 'Shipping', body: 'Standard delivery takes 3 business days.', category: 'shipping', language: 'en', status: 'published' });
    const started = await t.api('POST', '/store/support/conversations', { body: { message: 'hi there', email: 'people@example.com' } });
    const id = started.body.conversation.id as string;
    const headers = { 'x-support-token': started.body.token as string };
    await t.drain();
    expect((await t.api('POST', `/admin/support/conversations/${id}/replies`, { token: support, body: { body: 'Hello, Sam here. How can I help?' } })).status).toBe(201);
    await t.api('POST', `/store/support/conversations/${id}/messages`, { headers, body: { body: 'how long does standard delivery take?' } });
    await t.drain();
    const conv = (await t.api('GET', `/admin/support/conversations/${id}`, { token: support })).body;
    const after = conv.messages.slice(conv.messages.findIndex((m: any) => m.author.kind === 'agent'));
    expect(after.filter((m: any) => m.author.kind === 'assistant')).toEqual([]);
    expect(conv.suggestions.find((s: any) => s.kind === 'draft_reply')?.body).toContain('Standard delivery takes 3 business days.');
  });
});
