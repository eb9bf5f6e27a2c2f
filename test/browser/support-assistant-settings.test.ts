/**
 * The support assistant's brand voice on the console's Assistant page in Chromium: the owner sees
 * the API's refusal of a too-long name, then changes the tone, name and signature (the preview
 * follows), saves, and the API and the assistant's next answer to a customer use the new voice;
 * a support agent without settings:manage sees the same settings read-only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowser, type BrowserHarness } from '../support/browser.js';

describe('support assistant settings page in Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => { h = await startBrowser(); });
  afterAll(async () => { await h?.close(); });

  it('the owner changes the brand voice on the page; the next reply uses it; support staff only read it', async () => {
    const owner = await h.t.staff('owner');
    const agent = await h.t.staff('support');
    await h.t.app.modules.support.service.kb.create(h.t.app.systemCtx(), {
      title: 'Payment methods', body: 'We accept Visa, Mastercard and PayPal.', category: 'payments', language: 'en', status: 'published',
    });
    const errors: string[] = [];

    const desk = await h.staffPage('/support', owner, errors);
    await desk.getByRole('link', { name: 'Assistant', exact: true }).click();
    await desk.getByRole('heading', { name: 'Assistant', exact: true }).waitFor();
    expect(await desk.getByLabel('Tone').inputValue()).toBe('friendly');
    expect(await desk.getByLabel('Name', { exact: true }).inputValue()).toBe('the store assistant');
    expect(await desk.getByTestId('preview-answer').textContent()).toMatch(/^Happy to help!/);

    // A name longer than the API allows: its message is shown and nothing changes.
    await desk.getByLabel('Name', { exact: true }).fill('M'.repeat(61));
    await desk.getByRole('button', { name: 'Save' }).click();
    const refusal = desk.getByRole('alert').filter({ hasText: 'Not saved' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('body.name must NOT have more than 60 characters');
    expect((await h.t.api('GET', '/admin/support/assistant', { token: owner.token })).body).toMatchObject({ name: 'the store assistant', updatedAt: null });

    // The new voice: formal, a name and a signature; the preview follows before saving.
    await desk.getByLabel('Name', { exact: true }).fill('Mila from Emporia');
    await desk.getByLabel('Tone').selectOption('formal');
    await desk.getByLabel('Signature').fill('Emporia Customer Care');
    expect(await desk.getByTestId('preview-greeting').textContent()).toContain("I'm Mila from Emporia.");
    const preview = await desk.getByTestId('preview-answer').textContent();
    expect(preview).toMatch(/^Thank you for your message\./);
    expect(preview).toMatch(/— Emporia Customer Care$/);
    await desk.getByRole('button', { name: 'Save' }).click();
    await desk.getByText('Assistant settings saved').waitFor();
    expect(await refusal.count()).toBe(0);
    await desk.getByText(/^Last changed/).waitFor();
    await h.screenshot(desk, 'support-assistant-settings', { fullPage: false });

    const settings = (await h.t.api('GET', '/admin/support/assistant', { token: agent.token })).body;
    expect(settings).toMatchObject({ enabled: true, tone: 'formal', name: 'Mila from Emporia', signature: 'Emporia Customer Care' });
    expect(settings.updatedAt).not.toBeNull();

    // A customer asks; the assistant's answer opens and is signed in the new voice.
    const started = await h.t.api('POST', '/store/support/conversations', { body: { message: 'which payment methods do you accept?', email: 'voice@example.com' } });
    expect(started.status).toBe(201);
    const id = started.body.conversation.id as string;
    const replyOf = async () => (await h.t.api('GET', `/admin/support/conversations/${id}`, { token: agent.token })).body.messages
      .find((m: any) => m.author.kind === 'assistant')?.body as string | undefined;
    await expect.poll(replyOf, { timeout: 15_000 }).toBeDefined();
    const reply = (await replyOf())!;
    expect(reply).toContain('We accept Visa, Mastercard and PayPal.');
    expect(reply).toMatch(/^Thank you for your message\./);
    expect(reply).toMatch(/\n— Emporia Customer Care$/);

    // Support staff (no settings:manage) see the saved voice with every input disabled and no Save.
    const readOnly = await h.staffPage('/support', agent, errors);
    await readOnly.getByRole('link', { name: 'Assistant', exact: true }).click();
    await readOnly.getByRole('heading', { name: 'Assistant', exact: true }).waitFor();
    await readOnly.getByText('changing them needs the settings:manage permission').waitFor();
    expect(await readOnly.getByLabel('Tone').inputValue()).toBe('formal');
    expect(await readOnly.getByLabel('Name', { exact: true }).inputValue()).toBe('Mila from Emporia');
    for (const input of [readOnly.getByLabel('Tone'), readOnly.getByLabel('Name', { exact: true }), readOnly.getByLabel('Signature'), readOnly.getByRole('checkbox')]) {
      expect(await input.isDisabled()).toBe(true);
    }
    expect(await readOnly.getByRole('button', { name: 'Save' }).count()).toBe(0);
    await h.screenshot(readOnly, 'support-assistant-settings-read-only', { fullPage: false });

    expect(errors).toEqual([]);
  });
});
