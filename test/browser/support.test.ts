/**
 * The support golden path in Chromium: a shopper opens the chat widget on the storefront and
 * writes; an agent signs in to the console, finds the chat in the inbox, answers; the shopper sees
 * the answer. Screenshots: the widget, the inbox, the conversation view.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowser, type BrowserHarness } from '../support/browser.js';

/** The storefront mounts web/shared/support-widget when its layout says so; until then the shopper half cannot run. */
function storefrontMountsWidget(dir = join(process.cwd(), 'web', 'store')): boolean {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() ? storefrontMountsWidget(p) : /\.tsx?$/.test(e.name) && readFileSync(p, 'utf8').includes('support-widget')) return true;
  }
  return false;
}

describe('support chat and console in Chromium', () => {
  let h: BrowserHarness;
  // People answering is the subject here; the assistant has its own test (support-assistant.test.ts).
  beforeAll(async () => { h = await startBrowser({ SUPPORT_ASSISTANT: 'false' }); });
  afterAll(async () => { await h?.close(); });

  /** A few other conversations so the inbox looks like a working day. */
  async function seedInbox(agentToken: string, adminToken: string) {
    const start = async (message: string, name: string, email: string) =>
      (await h.t.api('POST', '/store/support/conversations', { body: { message, name, email } })).body.conversation.id as string;
    const a = await start('Hi, can I still change the size of my order #1042? I ordered M but need L.', 'Tom Becker', 'tom.becker@example.com');
    const b = await start('The zipper on my jacket broke after two weeks. I want a refund!', 'Priya Shah', 'priya.shah@example.com');
    const c = await start('Do you ship to Canada, and how long does it take?', 'Luc Martin', 'luc.martin@example.com');
    await start('Is the trail runner true to size?', 'Ana Silva', 'ana.silva@example.com');
    await h.t.api('POST', `/admin/support/conversations/${a}/replies`, { token: agentToken, body: { body: 'Yes — I have changed it to L for you. You will get a new confirmation shortly.' } });
    await h.t.api('POST', `/admin/support/conversations/${b}/escalate`, { token: agentToken, body: { reason: 'Refund outside the return window', summary: 'Jacket zipper failed after 2 weeks; asks for a refund.' } });
    await h.t.api('POST', `/admin/support/conversations/${c}/replies`, { token: adminToken, body: { body: 'We do! Delivery to Canada takes 5–7 business days.', resolve: true } });
    await h.t.api('POST', '/admin/support/canned-replies', { token: agentToken, body: { title: 'Order on its way', shortcut: 'shipped', body: 'Hi {{customer.firstName}}, your order is on its way and should arrive within 2–3 business days. — {{agent.firstName}}' } });
  }

  it.skipIf(!storefrontMountsWidget())('a shopper chats, an agent answers from the console, the shopper sees the answer', async () => {
    const agent = await h.t.staff('support');
    const admin = await h.t.staff('admin');
    await h.t.app.modules.identity.service.staff.update(h.t.app.systemCtx(), agent.id, { name: 'Sam Rivera' });
    await seedInbox(agent.token, admin.token);
    // The shopper has bought here before (as a guest with the same email): the console shows it.
    await h.t.app.modules.orders.service.importHistorical(h.t.app.systemCtx(), [
      { externalRef: 'b-1', email: 'maya.lopez@example.com', status: 'completed', paymentStatus: 'paid', fulfillmentStatus: 'fulfilled', channel: 'web', currency: 'USD', placedAt: '2025-01-12T10:00:00Z', lines: [{ title: 'Merino crew sweater', quantity: 1, unitPrice: 8900 }] },
      { externalRef: 'b-2', email: 'maya.lopez@example.com', status: 'paid', paymentStatus: 'paid', fulfillmentStatus: 'unfulfilled', channel: 'web', currency: 'USD', placedAt: new Date(Date.now() - 3 * 86400_000).toISOString(), lines: [{ title: 'Trail runner', quantity: 1, unitPrice: 12900 }, { title: 'Wool socks', quantity: 2, unitPrice: 1400 }] },
    ], { source: 'browser-test' });

    // The shopper opens the widget and writes.
    const { page: shop } = await h.newPage();
    const errors: string[] = [];
    shop.on('pageerror', (e) => errors.push(e.message));
    await shop.goto('/');
    const launcher = shop.getByRole('button', { name: 'Chat with us' });
    await launcher.click();
    const panel = shop.getByRole('dialog', { name: 'Chat with us' });
    await panel.getByLabel('Your name (optional)').fill('Maya Lopez');
    await panel.getByLabel('Email (optional, so we can reach you)').fill('maya.lopez@example.com');
    const question = 'Hi! My trail runners were due yesterday but the tracking has not moved. Can you check?';
    await panel.getByLabel('Message').fill(question);
    await panel.getByLabel('Message').press('Enter');
    await panel.getByText(question).waitFor();
    await panel.getByText('Thanks! An agent will answer here shortly.').waitFor();
    await h.screenshot(shop, 'support-widget-sent', { fullPage: false });

    // Message understanding would mark the mood; the console shows it.
    const conv = (await h.t.api('GET', '/admin/support/conversations?q=trail%20runners', { token: agent.token })).body.items[0];
    const detail = (await h.t.api('GET', `/admin/support/conversations/${conv.id}`, { token: agent.token })).body;
    await h.t.app.modules.support.service.recordAnalysis(h.t.app.systemCtx(), detail.messages[0].id, { language: 'en', intent: 'order_status', sentiment: -0.35, urgency: 0.5 });

    // The agent signs in and finds it in the inbox.
    const desk = await h.staffPage('/support', agent, errors);
    const row = desk.getByRole('link', { name: /Maya Lopez/ });
    await row.waitFor();
    expect(await desk.getByTestId('count-unassigned').textContent()).toBe('3');
    await desk.getByRole('heading', { name: 'All open' }).waitFor();
    await h.screenshot(desk, 'support-inbox', { fullPage: false });

    await row.click();
    await desk.getByRole('heading', { name: 'Maya Lopez', level: 1 }).waitFor();
    await desk.getByTestId('ltv').filter({ hasText: '$246.00' }).waitFor();
    await desk.getByText('AI suggestions arrive with the assistant.').waitFor();

    // An internal note (staff only), then the reply with a canned reply as a start.
    await desk.getByRole('tab', { name: 'Internal note' }).click();
    await desk.getByLabel('Internal note (only staff see this)').fill('Carrier scan missing since Monday — opened a trace with the carrier.');
    await desk.getByRole('button', { name: 'Add note' }).click();
    await desk.getByText('Carrier scan missing since Monday').waitFor();
    await desk.getByRole('tab', { name: 'Reply', exact: true }).click();
    await desk.getByLabel('Insert a canned reply').selectOption({ label: 'Order on its way (/shipped)' });
    const box = desk.getByLabel('Reply to Maya Lopez');
    await expect.poll(() => box.inputValue()).toContain('Hi Maya, your order is on its way');
    const answer = 'Hi Maya, I checked with the carrier: your trail runners are at the local depot and will be delivered tomorrow before noon. Sorry for the wait! — Sam';
    await box.fill(answer);
    await desk.getByRole('button', { name: 'Send reply' }).click();
    await desk.locator('.sc-msg--agent').getByText(answer).waitFor();
    await h.screenshot(desk, 'support-conversation', { fullPage: false });

    // The shopper sees the answer (the widget polls) — and never the note.
    await panel.getByText(answer).waitFor({ timeout: 15_000 });
    await panel.getByText('Sam · Support').waitFor();
    expect(await panel.getByText('Carrier scan missing').count()).toBe(0);
    await h.screenshot(shop, 'support-widget-answered', { fullPage: false });
    expect(errors).toEqual([]);
  });
});
