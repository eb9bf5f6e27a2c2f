/**
 * The shopping assistant's optional LLM path, through the real AI SDK client against a scripted
 * OpenAI-compatible server: the model's understanding is used only after it is checked against
 * the catalogue (invented option values dropped, an invented product refused), and a malformed
 * answer or a failing server sends the request down the offline path — the shopper still gets an
 * answer from catalogue facts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.js';
import { startLlmServer, type LlmServer } from '../support/llm-server.js';

describe('shopping assistant with an LLM', () => {
  let t: TestApp;
  let llm: LlmServer;
  let harbor: { id: string; variants: { id: string; options: Record<string, string> }[] };

  beforeAll(async () => {
    llm = await startLlmServer();
    t = await startTestApp({ LLM_BASE_URL: llm.url, LLM_MODEL: 'scripted', LLM_TIMEOUT_MS: '3000' });
    const admin = (await t.staff('admin')).token;
    const tee = (title: string, price: number, colours: string[]) => ({
      title, status: 'active', tags: ['cotton'], options: [{ name: 'Size', values: ['S', 'M'] }, { name: 'Color', values: colours }],
      variants: ['S', 'M'].flatMap((s) => colours.map((c) => ({ options: { Size: s, Color: c }, manageInventory: false, prices: [{ currency: 'USD', amount: price }] }))),
    });
    harbor = (await t.api('POST', '/admin/products', { token: admin, body: tee('Harbor Tee', 2500, ['Red', 'Navy']) })).body;
    await t.api('POST', '/admin/products', { token: admin, body: tee('Nova Tee', 3000, ['Black']) });
  });
  afterAll(async () => { await t?.close(); await llm?.close(); });

  const ask = (body: Record<string, unknown>) => t.api('POST', '/store/assistant/messages', { body });

  it('uses the model\'s understanding after checking it against the catalogue', async () => {
    llm.script({ json: {
      intent: 'search', language: 'en', quantity: 1, productIds: [],
      constraints: {
        keywords: ['tee'], tags: [], attributes: [], maxPrice: 2800,
        options: [{ kind: 'colour', label: 'red', values: [{ name: 'Color', value: 'Red' }, { name: 'Color', value: 'Chartreuse' }] }],
      },
    } });
    const res = await ask({ message: 'a tee in red, not too pricey' });
    expect(res.status).toBe(200);
    expect(res.body.path).toBe('llm');
    // The invented colour value is gone; the real one filters.
    expect(res.body.constraints.options).toEqual([{ kind: 'colour', label: 'red', values: [{ name: 'Color', value: 'Red' }] }]);
    expect(res.body.results.map((r: any) => r.title)).toEqual(['Harbor Tee']);
    expect(res.body.results[0].variants.every((v: any) => v.options.Color === 'Red' && v.price.amount === 2500)).toBe(true);
    // The model was shown the catalogue's own vocabulary and the message as data.
    const sent = JSON.stringify(llm.requests.at(-1)!.messages);
    expect(sent).toContain('Color=Red');
    expect(sent).toContain('a tee in red, not too pricey');
  });

  it('refuses an understanding naming a product that does not exist, and answers offline', async () => {
    llm.script({ json: { intent: 'add_to_cart', language: 'en', quantity: 1, productIds: ['prod_made_up'], constraints: { keywords: [], tags: [], attributes: [], options: [] } } });
    const res = await ask({ message: 'add it to my cart in size M, red', context: { productId: harbor.id } });
    expect(res.status).toBe(200);
    expect(res.body.path).toBe('offline');
    expect(res.body.cart).toMatchObject({ status: 'added', productId: harbor.id, line: { variantTitle: 'M / Red', unitPrice: 2500 } });
  });

  it('falls back offline on a malformed answer and on a failing server', async () => {
    llm.script({ text: 'Sure! Here are some great tees: the Galaxy Tee for $9.99' });
    const garbled = await ask({ message: 'cheapest tee' });
    expect(garbled.status).toBe(200);
    expect(garbled.body.path).toBe('offline');
    expect(garbled.body.results.map((r: any) => r.title)).toEqual(['Harbor Tee', 'Nova Tee']);
    expect(garbled.body.reply).not.toContain('Galaxy');
    expect(garbled.body.reply).not.toContain('9.99');
    llm.script({ status: 500 });
    const down = await ask({ message: 'black tee' });
    expect(down.body.path).toBe('offline');
    expect(down.body.results.map((r: any) => r.title)).toEqual(['Nova Tee']);
    expect(llm.pending()).toBe(0);
  });
});
