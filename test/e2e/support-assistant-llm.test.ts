/**
 * The support assistant's LLM path against a scripted OpenAI-compatible server (the real AI SDK
 * client): the model may only reword the offline reply built from verified facts. A rewording
 * that keeps every fact is sent; one that adds a date nobody looked up, or a malformed answer,
 * is refused by the validator and the customer gets the offline wording instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../src/ai/agents/support-assistant/domain/facts.js';
import { startLlmServer, type LlmServer } from '../support/llm-server.js';
import { startTestApp, type TestApp } from '../support/harness.js';
import { placeOrder, setupShop, type Shop } from '../support/shop.js';

describe('support assistant with an LLM', () => {
  let t: TestApp;
  let llm: LlmServer;
  let shop: Shop;
  beforeAll(async () => {
    llm = await startLlmServer();
    t = await startTestApp({ EVENT_WORKERS: 'false', LLM_BASE_URL: llm.url, LLM_MODEL: 'scripted' });
    shop = await setupShop(t);
  });
  afterAll(async () => { await t?.close(); await llm?.close(); });

  async function shippedOrder(email: string) {
    const { order } = await placeOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 1 }], email });
    const f = t.app.modules.fulfillment.service;
    const sys = t.app.systemCtx();
    for (const x of await f.create(sys, order.id, {})) { await f.startPicking(sys, x.id); await f.pack(sys, x.id); await f.ship(sys, x.id, { carrier: 'flat-rate' }); }
    const ship = (await f.listForOrder(sys, order.id))[0];
    return { number: order.number as number, tracking: ship.trackingNumber!, url: ship.trackingUrl!, shippedAt: formatDate(ship.shippedAt!, 'en') };
  }

  async function ask(email: string, message: string): Promise<string> {
    const started = await t.api('POST', '/store/support/conversations', { body: { message, email } });
    expect(started.status).toBe(201);
    await t.drain();
    const conv = await t.api('GET', `/store/support/conversations/${started.body.conversation.id}`, { headers: { 'x-support-token': started.body.token } });
    return conv.body.messages.filter((m: any) => m.author.kind === 'assistant').at(-1)!.body;
  }

  async function lastRun() {
    await t.app.modules.ai.runtime.sink.flush();
    return t.app.database.db.selectFrom('ai_runs').selectAll().where('agent', '=', 'support.assistant').orderBy('started_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  }

  it('sends a rewording that keeps every fact', async () => {
    const o = await shippedOrder('lin@example.com');
    const worded = `Good news! Order #${o.number} is on its way — it left us on ${o.shippedAt}, tracking number ${o.tracking}: ${o.url}`;
    llm.script({ json: { text: worded } });
    const reply = await ask('lin@example.com', `where is my order #${o.number}?`);
    expect(reply).toBe(worded);
    const run = await lastRun();
    expect(run.path).toBe('llm');
    // The model saw the verified reply and the customer's words marked untrusted, and no tools.
    const req = llm.requests.at(-1)!;
    expect(JSON.stringify(req.messages)).toContain(o.tracking);
    expect(req.tools ?? []).toEqual([]);
  });

  it('refuses a rewording with an invented delivery date and answers offline', async () => {
    const o = await shippedOrder('kim@example.com');
    llm.script({ json: { text: `Order #${o.number} is on its way and arrives on December 24, 2026. Tracking ${o.tracking}.` } });
    const reply = await ask('kim@example.com', `where is my order #${o.number}?`);
    expect(reply).not.toContain('December 24');
    expect(reply).toContain(o.tracking);
    expect(reply).toContain('on its way');
    const run = await lastRun();
    expect(run.path).toBe('offline');
    expect(String(run.fallback_reason)).toMatch(/rejected|invalid_output/);
  });

  it('answers offline when the model sends garbage', async () => {
    const o = await shippedOrder('max@example.com');
    llm.script({ text: 'I am not JSON at all' });
    const reply = await ask('max@example.com', `where is my order #${o.number}?`);
    expect(reply).toContain(`#${o.number}`);
    expect(reply).toContain(o.tracking);
    expect((await lastRun()).path).toBe('offline');
  });
});
