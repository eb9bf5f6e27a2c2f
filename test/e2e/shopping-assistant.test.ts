/**
 * The shopping assistant over real HTTP: natural-language search with constraints shown back as
 * chips (the issue's own example), edited constraints, availability and product questions,
 * comparisons, and adding to the cart on request — with every price and stock level in a reply
 * checked against the catalogue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.js';

interface Made { id: string; variants: { id: string; options: Record<string, string>; prices: { amount: number }[] }[] }

describe('shopping assistant', () => {
  let t: TestApp;
  let admin: string;
  const products: Record<string, Made> = {};
  const prices = new Set<number>();

  async function must(method: string, path: string, body?: unknown, status = 201) {
    const res = await t.api(method, path, { token: admin, body });
    if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
  const ask = (body: Record<string, unknown>, headers: Record<string, string> = {}) => t.api('POST', '/store/assistant/messages', { body, headers });

  beforeAll(async () => {
    t = await startTestApp();
    admin = (await t.staff('admin')).token;
    const footwear = await must('POST', '/admin/categories', { name: 'Footwear', handle: 'footwear' });
    const tops = await must('POST', '/admin/categories', { name: 'Tops', handle: 'tops' });
    const where = await must('POST', '/admin/locations', { name: 'Main warehouse', kind: 'warehouse', address: { line1: '1 Dock Rd', city: 'Portland', region: 'OR', postalCode: '97201', country: 'US' } });
    const boot = (title: string, price: number, sizes: string[], tags: string[], material = 'leather') => ({
      title, status: 'active', tags, attributes: { material }, categoryIds: [footwear.id],
      options: [{ name: 'Size', values: sizes }, { name: 'Color', values: ['Brown'] }],
      variants: sizes.map((s) => ({ options: { Size: s, Color: 'Brown' }, prices: [{ currency: 'USD', amount: price }] })),
    });
    const tee = (title: string, price: number, colours: string[]) => ({
      title, status: 'active', tags: ['cotton'], attributes: { material: 'organic cotton', fit: 'regular' }, categoryIds: [tops.id],
      options: [{ name: 'Size', values: ['S', 'M', 'L'] }, { name: 'Color', values: colours }],
      variants: ['S', 'M', 'L'].flatMap((s) => colours.map((c) => ({ options: { Size: s, Color: c }, prices: [{ currency: 'USD', amount: price }] }))),
    });
    const inputs: Record<string, unknown> = {
      summit: boot('Summit Hiking Boots', 8900, ['40', '41', '42', '43'], ['waterproof']),
      ridge: boot('Ridge Hiking Boots', 12900, ['41', '42'], ['waterproof']),
      canyon: boot('Canyon Hiking Boots', 7900, ['42', '43'], [], 'suede'),
      alpine: boot('Alpine Hiking Boots', 9500, ['38', '39', '40'], ['waterproof']),
      harbor: tee('Harbor Tee', 2500, ['Navy', 'Red']),
      nova: { ...tee('Nova Tee', 3000, ['Black']), attributes: { material: 'merino', fit: 'slim' } },
    };
    for (const [k, input] of Object.entries(inputs)) {
      products[k] = await must('POST', '/admin/products', input);
      for (const v of products[k].variants) {
        prices.add(v.prices[0].amount);
        // Summit's size 43 is sold out; everything else has stock.
        const units = k === 'summit' && v.options.Size === '43' ? 0 : 4;
        if (units) await must('POST', '/admin/inventory/adjustments', { variantId: v.id, locationId: where.id, reason: 'received', delta: units });
      }
    }
  });
  afterAll(async () => { await t?.close(); });

  /** Every amount of money written in a reply must be a catalogue price (or a bound the shopper set). */
  function checkMoney(reply: string, allowed: number[] = []) {
    for (const m of reply.matchAll(/\$(\d+(?:,\d{3})*\.\d{2})/g)) {
      const cents = Math.round(Number(m[1].replace(/,/g, '')) * 100);
      expect(prices.has(cents) || allowed.includes(cents), `${m[0]} in “${reply}” is not a catalogue price`).toBe(true);
    }
  }

  it('reads the issue example into chips and answers only products that meet every constraint', async () => {
    const res = await ask({ message: 'waterproof hiking boots under 100 in size 42' });
    expect(res.status).toBe(200);
    const a = res.body;
    expect(a.intent).toBe('search');
    expect(a.constraints).toMatchObject({ keywords: ['hiking', 'boots'], tags: ['waterproof'], maxPrice: 10_000 });
    expect(a.constraints.options).toEqual([{ kind: 'size', label: '42', values: [{ name: 'Size', value: '42' }] }]);
    expect(a.chips.map((c: any) => c.label)).toEqual(['hiking', 'boots', 'waterproof', 'size 42', 'under $100.00']);
    // Ridge is over 100, Canyon is not waterproof, Alpine has no 42: only Summit fits.
    expect(a.results.map((r: any) => r.title)).toEqual(['Summit Hiking Boots']);
    expect(a.total).toBe(1);
    const hit = a.results[0];
    expect(hit.variants.map((v: any) => v.options.Size)).toEqual(['42']);
    expect(hit.variants[0]).toMatchObject({ price: { amount: 8900, currency: 'USD' }, inStock: true, available: 4 });
    expect(a.reply).toBe('I found 1 product for hiking, boots, waterproof, size 42, under $100.00.');
    checkMoney(a.reply, [10_000]);
    expect(a.runId).toMatch(/^run_/);
    expect(a.path).toBe('offline');
  });

  it('answers French and German versions from the same catalogue, and notes a foreign currency', async () => {
    const fr = (await ask({ message: 'chaussures de randonnée imperméables à moins de 100 € en taille 42' })).body;
    expect(fr.language).toBe('fr');
    expect(fr.results.map((r: any) => r.title)).toEqual(['Summit Hiking Boots']);
    expect(fr.reply).toContain('J’ai trouvé 1 produit');
    expect(fr.reply).toContain('Les prix sont en USD');
    const de = (await ask({ message: 'wasserdichte Wanderschuhe unter 100 in Größe 42' })).body;
    expect(de.language).toBe('de');
    expect(de.results.map((r: any) => r.title)).toEqual(['Summit Hiking Boots']);
  });

  it('searches again with edited chips, and says so when nothing comes in a size', async () => {
    const wider = (await ask({ constraints: { keywords: ['hiking', 'boots'], tags: [], attributes: [], options: [{ kind: 'size', label: '42', values: [{ name: 'Size', value: '42' }] }] } })).body;
    expect(wider.results.map((r: any) => r.title).sort()).toEqual(['Canyon Hiking Boots', 'Ridge Hiking Boots', 'Summit Hiking Boots']);
    // An edited chip naming something the catalogue does not have is not trusted as a filter.
    const made = (await ask({ constraints: { keywords: [], tags: ['teleporting'], attributes: [{ key: 'material', value: 'unobtainium' }], options: [] } })).body;
    expect(made.constraints.tags).toEqual([]);
    expect(made.constraints.attributes).toEqual([]);
    expect(made.constraints.keywords).toEqual(['teleporting', 'unobtainium']);
    expect(made.results).toEqual([]);
    const none = (await ask({ message: 'hiking boots in size 47' })).body;
    expect(none.results).toEqual([]);
    expect(none.reply).toContain('No product comes in size 47.');
    // A follow-up that only changes a bound edits the last search (a chip edited in words).
    const first = (await ask({ message: 'waterproof hiking boots under 100 in size 42' })).body;
    const edited = (await ask({ message: 'under 150', context: { constraints: first.constraints, resultIds: first.results.map((r: any) => r.id) } })).body;
    expect(edited.constraints).toMatchObject({ keywords: ['hiking', 'boots'], tags: ['waterproof'], maxPrice: 15_000 });
    expect(edited.constraints.options[0].label).toBe('42');
    expect(edited.results.map((r: any) => r.title).sort()).toEqual(['Ridge Hiking Boots', 'Summit Hiking Boots']);
    const resized = (await ask({ message: 'in size 41 instead', context: { constraints: edited.constraints } })).body;
    expect(resized.constraints.options.map((o: any) => o.label)).toEqual(['41']);
    expect(resized.results.map((r: any) => r.title).sort()).toEqual(['Ridge Hiking Boots', 'Summit Hiking Boots']);
    const sorted = (await ask({ message: 'cheapest hiking boots' })).body;
    expect(sorted.results.map((r: any) => r.title)).toEqual(['Canyon Hiking Boots', 'Summit Hiking Boots', 'Alpine Hiking Boots', 'Ridge Hiking Boots']);
  });

  it('answers whether a product comes in a colour from its variants and stock', async () => {
    const yes = (await ask({ message: 'is this available in blue?', context: { productId: products.harbor.id } })).body;
    expect(yes.intent).toBe('availability');
    expect(yes.productId).toBe(products.harbor.id);
    expect(yes.reply).toBe('Yes: Harbor Tee comes in blue. In stock: S / Navy (4 left), M / Navy (4 left), and L / Navy (4 left).');
    const no = (await ask({ message: 'does it come in blue?', context: { productId: products.nova.id } })).body;
    expect(no.reply).toBe('No: Nova Tee does not come in blue. It comes in Black.');
    const sold = (await ask({ message: 'is it available in size 43?', context: { productId: products.summit.id } })).body;
    expect(sold.reply).toBe('Summit Hiking Boots comes in 43, but it is sold out right now.');
    const fact = (await ask({ message: 'what is it made of?', context: { productId: products.nova.id } })).body;
    expect(fact.reply).toBe('Nova Tee: material is merino.');
    const unknown = (await ask({ message: 'is it machine washable?', context: { productId: products.nova.id } })).body;
    expect(unknown.reply).toBe('The details of Nova Tee do not say. What they list: material: merino; fit: slim.');
    const nothing = (await ask({ message: 'is it available in red?' })).body;
    expect(nothing.reply).toContain('Which product do you mean?');
  });

  it('compares two products as a table of their real attributes', async () => {
    const res = await ask({ message: 'what is the difference between Harbor Tee and Nova Tee?' });
    const a = res.body;
    expect(a.intent).toBe('compare');
    expect(a.comparison.products.map((p: any) => p.title)).toEqual(['Harbor Tee', 'Nova Tee']);
    const row = (label: string) => a.comparison.rows.find((r: any) => r.label === label);
    expect(row('Price')).toEqual({ label: 'Price', values: ['$25.00', '$30.00'], differs: true });
    expect(row('Material')).toEqual({ label: 'Material', values: ['organic cotton', 'merino'], differs: true });
    expect(row('Fit')).toEqual({ label: 'Fit', values: ['regular', 'slim'], differs: true });
    expect(row('Color')).toEqual({ label: 'Color', values: ['Navy, Red', 'Black'], differs: true });
    expect(row('Category')).toEqual({ label: 'Category', values: ['Tops', 'Tops'], differs: false });
    expect(row('In stock')).toEqual({ label: 'In stock', values: ['yes (24)', 'yes (12)'], differs: true });
    expect(a.reply).toBe('Here is how Harbor Tee and Nova Tee compare. They differ in Price, Fit, Material, Color, and In stock.');
    checkMoney(JSON.stringify(a.comparison));
    // The results just shown can be compared without naming them.
    const shown = (await ask({ message: 'hiking boots' })).body;
    const them = (await ask({ message: 'compare the first two', context: { resultIds: shown.results.map((r: any) => r.id) } })).body;
    expect(them.comparison.products).toHaveLength(2);
    const lonely = (await ask({ message: 'compare Harbor Tee' })).body;
    expect(lonely.comparison).toBeNull();
    expect(lonely.reply).toContain('Tell me which products to compare');
  });

  it('adds to the cart on request with the variant resolved, confirmed from the cart, into the same cart next time', async () => {
    const search = (await ask({ message: 'waterproof hiking boots under 100 in size 42' })).body;
    const context = { resultIds: search.results.map((r: any) => r.id), constraints: search.constraints };
    const first = (await ask({ message: 'add the first one to my cart', context })).body;
    expect(first.intent).toBe('add_to_cart');
    expect(first.cart).toMatchObject({ status: 'added', productId: products.summit.id, quantity: 1 });
    const size42 = products.summit.variants.find((v) => v.options.Size === '42')!.id;
    expect(first.cart.variantId).toBe(size42);
    expect(first.reply).toBe('Added 1 × Summit Hiking Boots (42 / Brown) to your cart at $89.00 each.');
    expect(first.cart.cartToken).toEqual(expect.any(String));
    const headers = { 'x-cart-token': first.cart.cartToken };
    const cart = await t.api('GET', `/store/carts/${first.cart.cartId}`, { headers });
    expect(cart.body.lines).toEqual([expect.objectContaining({ variantId: size42, quantity: 1, unitPrice: 8900 })]);

    // Into the same cart: the storefront sends its id and secret.
    const again = (await ask({ message: 'put two of them in my basket', context: { productId: products.summit.id, constraints: search.constraints }, cartId: first.cart.cartId }, headers)).body;
    expect(again.cart).toMatchObject({ status: 'added', cartId: first.cart.cartId, cartToken: null, line: { quantity: 3, unitPrice: 8900 } });
    // A variant not settled is asked back, never guessed; nothing is added.
    const ask1 = (await ask({ message: 'add Harbor Tee to my cart', cartId: first.cart.cartId }, headers)).body;
    expect(ask1.cart).toMatchObject({ status: 'needs_choice', choices: [{ option: 'Size', values: ['S', 'M', 'L'] }, { option: 'Color', values: ['Navy', 'Red'] }] });
    expect(ask1.reply).toBe('Which size would you like for Harbor Tee? S, M, or L.');
    const settled = (await ask({ message: 'add it in size M, red', context: { productId: products.harbor.id }, cartId: first.cart.cartId }, headers)).body;
    expect(settled.cart).toMatchObject({ status: 'added', line: { title: 'Harbor Tee', variantTitle: 'M / Red', unitPrice: 2500 } });
    const sold = (await ask({ message: 'add it to my cart in size 43', context: { productId: products.summit.id }, cartId: first.cart.cartId }, headers)).body;
    expect(sold.cart.status).toBe('unavailable');
    expect(sold.reply).toBe('Sorry, Summit Hiking Boots (43) is sold out, so I did not add it.');
    const final = await t.api('GET', `/store/carts/${first.cart.cartId}`, { headers });
    expect(final.body.lines.map((l: any) => [l.title, l.quantity])).toEqual([['42 / Brown', 3], ['M / Red', 1]]);
    // French.
    const fr = (await ask({ message: 'ajoute-le au panier en taille L, rouge', context: { productId: products.harbor.id }, cartId: first.cart.cartId, language: 'fr' }, headers)).body;
    expect(fr.reply.replace(/\s/g, ' ')).toBe('1 × Harbor Tee (L / Red) ajouté au panier à 25,00 $US l’unité.');
  });

  it('never states a price or stock level the catalogue does not have, and refuses empty questions', async () => {
    const messages = ['boots under 50', 'tee over 20', 'cheapest tee in red', 'hiking boots between 80 and 130', 'is it available in brown?', 'compare Summit Hiking Boots and Ridge Hiking Boots'];
    for (const message of messages) {
      const a = (await ask({ message, context: { productId: products.summit.id } })).body;
      checkMoney(a.reply, [5000, 2000, 8000, 13_000]);
      for (const r of a.results) for (const v of r.variants) expect(prices.has(v.price.amount)).toBe(true);
      for (const m of a.reply.matchAll(/\((\d+) left\)/g)) expect(Number(m[1])).toBe(4);
    }
    const empty = await ask({ message: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].field).toBe('body.message');
    const bad = await ask({ message: 'x'.repeat(501) });
    expect(bad.status).toBe(400);
    // The run is recorded without the guest cart secret.
    const runs = await t.api('GET', '/admin/ai/runs?agent=shopping.assistant', { token: admin });
    if (runs.status === 200) expect(JSON.stringify(runs.body)).not.toMatch(/"token":"[^n]/);
  });
});
