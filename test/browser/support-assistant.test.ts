/**
 * The support assistant in Chromium: a shopper asks the chat widget where their order is and the
 * assistant answers with the order's number, state and tracking number; the shopper asks for a
 * person, the assistant hands off with a summary; an agent takes the escalated chat over in the
 * console (sees the summary, assigns it to themselves, answers from the assistant's draft) and the
 * shopper sees the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowser, type BrowserHarness } from '../support/browser.js';
import { placeOrder, setupShop } from '../support/shop.js';

describe('support assistant in Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => { h = await startBrowser(); });
  afterAll(async () => { await h?.close(); });

  it('answers where an order is, hands off on request, and an agent takes over', async () => {
    const shop = await setupShop(h.t);
    const email = 'grace.hopper@example.com';
    const { order } = await placeOrder(h.t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 1 }], email });
    const sys = h.t.app.systemCtx();
    const fulfillment = h.t.app.modules.fulfillment.service;
    for (const f of await fulfillment.create(sys, order.id, {})) {
      await fulfillment.startPicking(sys, f.id);
      await fulfillment.pack(sys, f.id);
      await fulfillment.ship(sys, f.id, { carrier: 'flat-rate' });
    }
    const tracking = (await fulfillment.listForOrder(sys, order.id))[0].trackingNumber!;
    expect(tracking).toMatch(/^FR\d+$/);

    // The shopper asks the widget.
    const { page: shopper } = await h.newPage();
    const errors: string[] = [];
    shopper.on('pageerror', (e) => errors.push(e.message));
    await shopper.goto('/');
    await shopper.getByRole('button', { name: 'Chat with us' }).click();
    const panel = shopper.getByRole('dialog', { name: 'Chat with us' });
    await panel.getByLabel('Your name (optional)').fill('Grace Hopper');
    await panel.getByLabel('Email (optional, so we can reach you)').fill(email);
    await panel.getByLabel('Message').fill(`Hi, where is my order #${order.number}?`);
    await panel.getByLabel('Message').press('Enter');

    // The assistant's answer: the number, the state in words, the tracking number.
    const answer = panel.locator('.chatw-msg--store').filter({ hasText: tracking });
    await answer.waitFor({ timeout: 15_000 });
    const text = await answer.textContent();
    expect(text).toContain(`#${order.number}`);
    expect(text).toContain('on its way');
    // Shown as the assistant's automatic answer, not as a person's.
    expect(await answer.locator('.chatw-who').textContent()).toContain('Assistant · automatic answer');
    await h.screenshot(shopper, 'support-assistant-answer', { fullPage: false });

    // The shopper wants a person: the assistant hands off.
    await panel.getByLabel('Message').fill('Thanks, but I would like to talk to a real person please.');
    await panel.getByLabel('Message').press('Enter');
    await panel.getByText('a colleague will take over').waitFor({ timeout: 15_000 });

    // An agent finds it among the escalated chats and takes it over.
    const agent = await h.t.staff('support');
    await h.t.app.modules.identity.service.staff.update(sys, agent.id, { name: 'Sam Rivera' });
    const desk = await h.staffPage('/support', agent, errors);
    await desk.getByRole('link', { name: /Grace Hopper/ }).click();
    await desk.getByRole('heading', { name: 'Grace Hopper', level: 1 }).waitFor();
    // The assistant's summary: who, what they want, the order it verified.
    const summary = desk.locator('.sc-handoff').filter({ hasText: `#${order.number}` });
    await summary.waitFor();
    expect(await summary.textContent()).toContain(email);
    await desk.getByRole('button', { name: 'Assign to me' }).click();
    await desk.getByRole('button', { name: 'Assign to me' }).waitFor({ state: 'detached' });
    await h.screenshot(desk, 'support-assistant-handoff', { fullPage: false });

    const reply = `Hi Grace, Sam here. Your parcel ${tracking} is with the carrier; I will keep an eye on it for you.`;
    await desk.getByLabel('Reply to Grace Hopper').fill(reply);
    await desk.getByRole('button', { name: 'Send reply' }).click();
    await desk.locator('.sc-msg--agent').getByText(reply).waitFor();

    // The shopper sees the agent's answer under the agent's name.
    await panel.getByText(reply).waitFor({ timeout: 15_000 });
    await panel.getByText('Sam · Support').waitFor();
    await h.screenshot(shopper, 'support-assistant-agent-reply', { fullPage: false });
    const conv = (await h.t.api('GET', '/admin/support/conversations?escalated=true', { token: agent.token })).body.items.find((c: any) => c.name === 'Grace Hopper');
    expect(conv.assigneeId).toBe(agent.id);
    expect(errors).toEqual([]);
  });
});
