/**
 * The demo store generator: a realistic shop from a seed, with no I/O. The same options always
 * give the same store (see `digest`), so models trained on it and tests about it are reproducible.
 * docs/demo-store.md describes every pattern in the data.
 */
import { createHash } from 'node:crypto';
import { buildCalendar, DAY_MS, type Incident, type Promotion } from './calendar.js';
import { generateCategories, generateProducts, type DemoCategory, type DemoProduct } from './catalog.gen.js';
import { generateCustomers, type DemoCustomer } from './customers.gen.js';
import { generateFraud } from './fraud.gen.js';
import { generateOrders, LOCATIONS, STORE_CITIES, type DemoLocation, type DemoOrder } from './orders.gen.js';
import { createRng } from './rng.js';
import { generateStock, type DemoStock } from './stock.gen.js';

export interface DemoOptions {
  seed: string | number;
  products: number;
  customers: number;
  orders: number;
  /** The history ends at the start of this UTC day (exclusive). */
  end: string;
  /** Length of the history in days. */
  days: number;
}

export const DEMO_DEFAULTS = { seed: 'emporia', products: 520, customers: 2000, orders: 20_000, days: 730 } as const;

export interface DemoStore {
  options: DemoOptions;
  start: string;
  end: string;
  categories: DemoCategory[];
  products: DemoProduct[];
  locations: DemoLocation[];
  stock: DemoStock[];
  customers: DemoCustomer[];
  orders: DemoOrder[];
  promotions: Promotion[];
  incidents: Incident[];
}

/** Today's UTC date as YYYY-MM-DD: the default end of the history, so the demo looks current. */
export const todayUtc = (now = new Date()): string => now.toISOString().slice(0, 10);

export function generateDemoStore(input: Partial<DemoOptions> & { end: string }): DemoStore {
  const options: DemoOptions = { ...DEMO_DEFAULTS, ...input };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.end)) throw new Error(`end must be YYYY-MM-DD, got '${options.end}'`);
  for (const k of ['products', 'customers', 'orders', 'days'] as const) {
    if (!Number.isSafeInteger(options[k]) || options[k] < 1) throw new Error(`${k} must be a positive whole number`);
  }
  const endMs = Date.parse(`${options.end}T00:00:00Z`);
  const startMs = endMs - options.days * DAY_MS;
  // Each part draws from its own stream, so changing one part's size leaves the others' draws alone.
  const root = createRng(options.seed);
  const rngCatalog = root.fork('catalog');
  const rngCustomers = root.fork('customers');
  const rngCalendar = root.fork('calendar');
  const rngFraud = root.fork('fraud');
  const rngOrders = root.fork('orders');
  const rngStock = root.fork('stock');

  const categories = generateCategories();
  const products = generateProducts(rngCatalog, Math.max(options.products, 14 * 3), options.days, startMs);
  const cal = buildCalendar(startMs, options.days, rngCalendar);
  const fraudAccounts = Math.min(Math.max(1, Math.round((12 * options.orders) / 20_000)), Math.floor(options.customers / 10));
  const regular = generateCustomers(rngCustomers, options.customers - fraudAccounts, options.days, startMs, STORE_CITIES);
  const fraud = generateFraud(rngFraud, { orderCount: options.orders, customers: regular, products, startMs, days: options.days });
  const accounts = fraud.accounts.slice(0, fraudAccounts);
  const accountEmails = new Set(accounts.map((a) => a.email));
  const fraudOrders = fraud.orders.filter((o) => o.fraud!.pattern !== 'new_account_burst' || accountEmails.has(o.email)).slice(0, Math.floor(options.orders / 20));
  const { orders: legit } = generateOrders(rngOrders, { count: options.orders - fraudOrders.length, customers: regular, products, startMs, days: options.days, cal });
  const orders = [...legit, ...fraudOrders].sort((a, b) => (a.placedAt < b.placedAt ? -1 : a.placedAt > b.placedAt ? 1 : 0));
  orders.forEach((o, i) => { o.ref = `demo-${String(i + 1).padStart(6, '0')}`; });
  const stock = generateStock(rngStock, { products, orders, locations: LOCATIONS, endMs });
  return {
    options, start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString(),
    categories, products, locations: LOCATIONS, stock, customers: [...regular, ...accounts], orders,
    promotions: cal.promotions, incidents: cal.incidents,
  };
}

/** A SHA-256 of everything generated: equal digests mean identical stores. */
export function digest(store: DemoStore): string {
  const h = createHash('sha256');
  const { orders, ...rest } = store;
  h.update(JSON.stringify(rest));
  // Orders hashed in slices to avoid one huge string.
  for (let i = 0; i < orders.length; i += 1000) h.update(JSON.stringify(orders.slice(i, i + 1000)));
  return h.digest('hex');
}

/** Counts for the CLI and the docs. */
export function summarize(store: DemoStore) {
  const variants = store.products.reduce((n, p) => n + p.variants.length, 0);
  const fraud = store.orders.filter((o) => o.fraud).length;
  const returns = store.orders.filter((o) => o.returns.length).length;
  const revenue = store.orders.filter((o) => o.status !== 'cancelled').reduce((s, o) => s + o.lines.reduce((t, l) => t + l.unitPrice * l.quantity - l.discount, 0), 0);
  return {
    categories: store.categories.length, products: store.products.length, variants, images: store.products.reduce((n, p) => n + p.images.length, 0),
    locations: store.locations.length, stockLevels: store.stock.length, customers: store.customers.length, orders: store.orders.length,
    orderLines: store.orders.reduce((n, o) => n + o.lines.length, 0), returns, fraud, promotions: store.promotions.length,
    netSales: revenue, from: store.start, to: store.end,
  };
}
