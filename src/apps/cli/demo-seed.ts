/**
 * Writes a generated demo store into a migrated database through the modules' public services:
 * inventory locations and levels, catalogue categories, images and products, identity customers
 * with addresses, and the order history. Nothing here touches another module's tables.
 */
import type { Progress } from './progress.js';
import type { App } from '../app.js';
import { inTransaction, withDb, type Ctx } from '../../platform/index.js';
import type { HistoricalOrder } from '../../modules/orders/index.js';
import { catalogPort, type CatalogPort } from '../../flows/import-products/catalog-port.js';
import { digest, generateDemoStore, summarize, type DemoOptions, type DemoStore } from '../../flows/demo-store/generate.js';
import { renderProductImage } from '../../flows/demo-store/images.js';
import type { DemoAddress } from '../../flows/demo-store/customers.gen.js';
import { PLACES } from '../../flows/demo-store/vocabulary.js';
import { DEMO_ARTICLES } from '../../flows/demo-store/support-kb.js';

export interface SeedReport { digest: string; summary: ReturnType<typeof summarize>; timings: Record<string, number>; totalMs: number }

const PRODUCT_BATCH = 100;
const ORDER_BATCH = 2000;

/** Whether the store has neither products nor orders (so the demo may be seeded). */
export async function storeIsEmpty(app: App): Promise<boolean> {
  const ctx = app.systemCtx();
  return (await app.modules.orders.service.count(ctx)) === 0 && !(await catalogPort(app.modules.catalog.service).hasProducts(ctx));
}

/** Generates the demo store and writes it; reports progress per step. */
export async function seedDemo(app: App, opts: Partial<DemoOptions> & { end: string }, progress: Progress, ports: { catalog?: CatalogPort } = {}): Promise<SeedReport> {
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  let mark = t0;
  const lap = (name: string) => { const now = performance.now(); timings[name] = Math.round(now - mark); mark = now; };

  progress.step('Generating', 1);
  const store = generateDemoStore(opts);
  const hash = digest(store);
  const summary = summarize(store);
  lap('generate');
  progress.done(`${summary.products} products, ${summary.customers} customers, ${summary.orders} orders`);

  const ctx = app.systemCtx();
  const catalog = ports.catalog ?? catalogPort(app.modules.catalog.service);
  const currency = app.config.defaultCurrency;

  progress.step('Locations', store.locations.length);
  const locationIds = new Map<string, string>();
  for (const l of store.locations) {
    const loc = await app.modules.inventory.service.createLocation(ctx, {
      name: l.name, code: l.code, kind: l.kind, pickup: l.pickup, priority: l.kind === 'warehouse' ? 0 : 10,
      address: { line1: l.address.line1, city: l.address.city, region: l.address.region, postalCode: l.address.postalCode, country: l.address.country },
    });
    locationIds.set(l.code, loc.id);
  }
  lap('locations');
  progress.done();

  progress.step('Taxes and shipping', 1);
  await seedCheckoutSettings(ctx, app, store, locationIds, currency);
  lap('settings');
  progress.done();

  progress.step('Catalogue', store.products.length);
  const categoryIds = new Map<string, string>();
  for (const c of store.categories) categoryIds.set(c.key, await catalog.createCategory(ctx, { name: c.name, handle: c.handle, description: c.description }));
  const skuToVariant = new Map<string, string>();
  const skuToProduct = new Map<string, string>();
  for (let i = 0; i < store.products.length; i += PRODUCT_BATCH) {
    const batch = store.products.slice(i, i + PRODUCT_BATCH);
    const inputs = [];
    for (const p of batch) {
      const images = [];
      for (const [k, img] of catalog.canSaveImages ? p.images.entries() : []) {
        const url = await catalog.saveImage(ctx, `${p.handle}-${k + 1}.png`, renderProductImage(img));
        if (url) images.push({ url, alt: img.alt });
      }
      inputs.push({
        title: p.title, handle: p.handle, description: p.description, status: 'active' as const, tags: p.tags,
        attributes: { vendor: p.vendor, material: p.material.toLowerCase() },
        options: p.options, images, categoryIds: [categoryIds.get(p.category)!], createdAt: p.createdAt,
        variants: p.variants.map((v) => ({ sku: v.sku, barcode: v.barcode, options: v.options, weightGrams: v.grams, manageInventory: true, prices: [{ currency, amount: v.price }] })),
      });
    }
    const created = await catalog.createProducts(ctx, inputs);
    batch.forEach((p, k) => p.variants.forEach((v, j) => {
      skuToVariant.set(v.sku, created.variantIds[k][j]);
      skuToProduct.set(v.sku, created.productIds[k]);
    }));
    progress.update(i + batch.length);
  }
  lap('catalogue');
  progress.done(`${summary.variants} variants, ${summary.images} images`);

  progress.step('Stock', store.stock.length);
  await app.modules.inventory.service.seedLevels(ctx, store.stock.map((s) => ({ variantId: skuToVariant.get(s.sku)!, locationId: locationIds.get(s.location)!, onHand: s.onHand, reorderPoint: s.reorderPoint })));
  lap('stock');
  progress.done(`${store.stock.length} levels at ${store.locations.length} locations`);

  progress.step('Customers', store.customers.length);
  const customerIds = await seedCustomers(ctx, app, store, (n) => progress.update(n));
  lap('customers');
  progress.done();

  progress.step('Orders', store.orders.length);
  for (let i = 0; i < store.orders.length; i += ORDER_BATCH) {
    const batch = store.orders.slice(i, i + ORDER_BATCH).map((o) => toHistorical(o, currency, customerIds, skuToVariant, skuToProduct, locationIds));
    await app.modules.orders.service.importHistorical(ctx, batch, { source: 'demo' });
    progress.update(i + batch.length);
  }
  lap('orders');
  progress.done(`${summary.orderLines} lines, ${summary.returns} with returns, ${summary.fraud} fraudulent`);

  progress.step('Help articles', DEMO_ARTICLES.length);
  for (const a of DEMO_ARTICLES) {
    await app.modules.support.service.kb.create(ctx, { title: a.title, body: a.body, category: a.category, language: a.language, status: 'published', tags: a.tags, translationKey: a.key });
  }
  lap('help articles');
  progress.done(`${DEMO_ARTICLES.length} articles in ${new Set(DEMO_ARTICLES.map((a) => a.language)).size} languages`);
  return { digest: hash, summary, timings, totalMs: Math.round(performance.now() - t0) };
}

async function seedCustomers(ctx: Ctx, app: App, store: DemoStore, update: (n: number) => void): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const customers = app.modules.identity.service.customers;
  // One transaction per chunk: thousands of tiny commits would dominate the time on SQLite.
  for (let i = 0; i < store.customers.length; i += 500) {
    await inTransaction(ctx.db, async (tx) => {
      const t = withDb(ctx, tx);
      for (const c of store.customers.slice(i, i + 500)) {
        const dto = await customers.register(t, { email: c.email, firstName: c.firstName, lastName: c.lastName, phone: c.phone, acceptsMarketing: c.acceptsMarketing, createdAt: c.createdAt });
        ids.set(c.email, dto.id);
        const a = c.address;
        await customers.addAddress(t, dto.id, { firstName: a.firstName, lastName: a.lastName, line1: a.line1, ...(a.line2 ? { line2: a.line2 } : {}), city: a.city, region: a.region, postalCode: a.postalCode, country: a.country, phone: a.phone, isDefaultShipping: true, isDefaultBilling: true });
      }
    });
    update(Math.min(store.customers.length, i + 500));
  }
  return ids;
}

const toAddress = (a: DemoAddress) => ({ firstName: a.firstName, lastName: a.lastName, line1: a.line1, line2: a.line2, city: a.city, region: a.region, postalCode: a.postalCode, country: a.country, phone: a.phone });

function toHistorical(o: DemoStore['orders'][number], currency: string, customers: Map<string, string>, variants: Map<string, string>, products: Map<string, string>, locations: Map<string, string>): HistoricalOrder {
  return {
    externalRef: o.ref, customerId: o.customerEmail ? customers.get(o.customerEmail) ?? null : null, email: o.email,
    status: o.status, paymentStatus: o.paymentStatus, fulfillmentStatus: o.fulfillmentStatus, channel: o.channel,
    locationId: o.locationCode ? locations.get(o.locationCode) ?? null : null, currency,
    shippingTotal: o.shipping, refundedTotal: o.refundedTotal, promotionCode: o.promotionCode, shippingMethod: o.shippingMethod,
    billingAddress: toAddress(o.billing), shippingAddress: o.shippingAddress ? toAddress(o.shippingAddress) : null,
    metadata: o.fraud ? { demo: { fraud: o.fraud } } : null,
    placedAt: o.placedAt, cancelledAt: o.cancelledAt, closedAt: o.closedAt,
    lines: o.lines.map((l) => ({ productId: products.get(l.sku) ?? null, variantId: variants.get(l.sku) ?? null, sku: l.sku, title: l.title, variantTitle: l.variantTitle, quantity: l.quantity, unitPrice: l.unitPrice, discountTotal: l.discount, taxTotal: l.tax, returnedQuantity: l.returnedQuantity })),
    returns: o.returns.map((r) => ({ status: r.status, reason: r.reason, refundTotal: r.refundTotal, requestedAt: r.requestedAt, receivedAt: r.receivedAt, refundedAt: r.refundedAt, lines: r.lines.map((l) => ({ line: l.line, quantity: l.quantity })) })),
  };
}

/**
 * What a store needs to take orders: a standard tax rate per country it sells to (the demo
 * vocabulary's rates), delivery zones with standard and express rates by weight (standard free
 * over 75.00), and pickup and curbside at every store that offers pickup.
 */
async function seedCheckoutSettings(ctx: Ctx, app: App, store: DemoStore, locationIds: Map<string, string>, currency: string): Promise<void> {
  const { tax, shipping } = app.modules;
  const standard = (await tax.service.listClasses(ctx)).find((c) => c.code === 'standard');
  if (standard) {
    for (const [country, place] of Object.entries(PLACES)) {
      await tax.service.createRate(ctx, { taxClassId: standard.id, name: `${country} standard`, country, rateBp: Math.round(place.tax * 10_000) });
    }
  }
  const domestic = await shipping.service.createZone(ctx, { name: 'United States', areas: [{ country: 'US' }] });
  const abroad = await shipping.service.createZone(ctx, { name: 'International', areas: Object.keys(PLACES).filter((c) => c !== 'US').map((country) => ({ country })) });
  const brackets = (base: number) => [{ upToGrams: 1000, amount: base }, { upToGrams: 5000, amount: base + 400 }, { upToGrams: null, amount: base + 1200 }];
  await shipping.service.createMethod(ctx, { kind: 'delivery', name: 'Standard (3–5 days)', zoneId: domestic.id, currency, brackets: brackets(599), freeOverSubtotal: 7500 });
  await shipping.service.createMethod(ctx, { kind: 'delivery', name: 'Express (1–2 days)', zoneId: domestic.id, currency, brackets: brackets(1499) });
  await shipping.service.createMethod(ctx, { kind: 'delivery', name: 'International (7–14 days)', zoneId: abroad.id, currency, brackets: brackets(1999) });
  for (const l of store.locations.filter((x) => x.pickup)) {
    const locationId = locationIds.get(l.code)!;
    await shipping.service.createMethod(ctx, { kind: 'pickup', name: `Pick up at ${l.name}`, locationId });
    await shipping.service.createMethod(ctx, { kind: 'curbside', name: `Curbside at ${l.name}`, locationId });
  }
}
