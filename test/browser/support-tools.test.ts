/**
 * The support console's tools in Chromium: the knowledge base (write an article, edit it into a
 * second version, search passages as the assistant does), queues and team (an agent made
 * available, a queue shown), analytics with charts, the satisfaction panel on a conversation, and
 * the shopper rating a resolved chat in the widget. Screenshots of each page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowser, type BrowserHarness } from '../support/browser.js';

describe('support console tools in Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => { h = await startBrowser(); });
  afterAll(async () => { await h?.close(); });

  it('knowledge base, team, analytics and CSAT work from the console and the widget', async () => {
    const agent = await h.t.staff('support');
    const owner = await h.t.staff('owner');
    // The figures here are the people's; the assistant's own answers stay off.
    await h.t.api('PATCH', '/admin/support/assistant', { token: owner.token, body: { enabled: false } });
    const errors: string[] = [];

    const desk = await h.staffPage('/support', agent, errors);

    // Knowledge base: write an article, publish it, edit it (version 2), find it by search.
    await desk.getByRole('link', { name: 'Knowledge base' }).click();
    await desk.getByRole('button', { name: 'New article' }).click();
    await desk.getByLabel('Title').fill('Gift wrapping');
    await desk.getByLabel('Category').fill('orders');
    await desk.locator('select').filter({ hasText: 'published' }).last().selectOption('published');
    await desk.getByLabel('Body').fill('# Gift wrapping\nWe gift wrap any order for 3.50. Choose it at checkout and add a message for the card.');
    await desk.getByRole('button', { name: 'Save' }).click();
    await desk.getByRole('heading', { name: 'Gift wrapping' }).waitFor();
    await desk.getByRole('button', { name: 'Edit' }).click();
    await desk.getByLabel('Body').fill('# Gift wrapping\nWe gift wrap any order for 2.50. Choose it at checkout and add a message for the card.');
    await desk.getByLabel('What changed').fill('cheaper wrapping');
    await desk.getByRole('button', { name: 'Save' }).click();
    await desk.getByText(/v2 · published/).waitFor();
    await desk.getByPlaceholder(/Search passages/).fill('how much is gift wrapping');
    await desk.getByRole('button', { name: 'Search', exact: true }).click();
    await desk.getByText(/We gift wrap any order for 2\.50/).first().waitFor();
    await h.screenshot(desk, 'support-knowledge-base', { fullPage: false });
    const hits = (await h.t.api('GET', '/admin/support/kb/search?q=gift+wrapping', { token: agent.token })).body.items;
    expect(hits[0]).toMatchObject({ title: 'Gift wrapping', version: 2 });

    // A chat comes in, the agent answers and resolves it; the shopper rates it in the widget.
    const { page: shop } = await h.newPage();
    shop.on('pageerror', (e) => errors.push(e.message));
    await shop.goto('/');
    await shop.getByRole('button', { name: 'Chat with us' }).click();
    const panel = shop.getByRole('dialog', { name: 'Chat with us' });
    await panel.getByLabel('Message').fill('Can you gift wrap my order please?');
    await panel.getByLabel('Message').press('Enter');
    await panel.getByText('Can you gift wrap my order please?').waitFor();
    const conv = (await h.t.api('GET', '/admin/support/conversations?q=gift%20wrap', { token: agent.token })).body.items[0];
    await h.t.api('POST', `/admin/support/conversations/${conv.id}/replies`, { token: agent.token, body: { body: 'Done — it will be gift wrapped.', resolve: true } });
    await panel.getByText('How did we do?').waitFor({ timeout: 20_000 });
    await panel.getByRole('radio', { name: '5 out of 5' }).click();
    await panel.getByLabel('Anything to add? (optional)').fill('Lovely, thanks');
    await panel.getByRole('button', { name: 'Send rating' }).click();
    await panel.getByText('Thank you for your rating!').waitFor({ timeout: 15_000 });
    await h.screenshot(shop, 'support-widget-rated', { fullPage: false });
    const csat = (await h.t.api('GET', `/admin/support/conversations/${conv.id}/csat`, { token: agent.token })).body;
    expect(csat.survey).toMatchObject({ rating: 5, comment: 'Lovely, thanks', channel: 'web' });

    // The conversation shows its satisfaction and routing.
    await desk.goto(`/support#/c/${conv.id}?view=all`);
    await desk.getByTestId('csat').getByText('Rated 5 / 5').waitFor();
    await desk.getByText('Routing and SLA').waitFor();
    await h.screenshot(desk, 'support-conversation-csat', { fullPage: false });

    // Queues and team: the agent makes themselves available.
    await desk.goto('/support#/team');
    await desk.getByRole('heading', { name: 'Queues and team' }).waitFor();
    await desk.getByLabel('Test support is available').click();
    await expect.poll(async () => (await h.t.api('GET', '/admin/support/agents', { token: agent.token })).body.items.find((a: any) => a.id === agent.id)?.available).toBe(true);
    await h.screenshot(desk, 'support-team', { fullPage: false });

    // Analytics: today's figures and charts.
    await desk.goto('/support#/analytics');
    await desk.getByText('Resolution rate').first().waitFor();
    await desk.getByText('CSAT trend (average rating)').waitFor();
    await desk.getByText('5.00 / 5').waitFor();
    await h.screenshot(desk, 'support-analytics', { fullPage: false });
    expect(errors).toEqual([]);
  });
});
