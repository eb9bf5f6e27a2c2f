/**
 * Generates the order history: how many orders each day (trend × weekday × season × promotions),
 * who places them (active customers by purchase rate, new sign-ups' first orders, guests, walk-ins),
 * what is in the basket (favourite categories, seasonal categories, popular and new products,
 * complements), discounts, shipping, tax, cancellations and returns.
 */
import { buildCalendar, DAY_MS, HOURS_STORE, HOURS_WEB, STORE_UTC_OFFSET_HOURS, WEEKDAY_STORE, type Calendar, type Promotion } from './calendar.js';
import type { DemoProduct, DemoVariant } from './catalog.gen.js';
import { makeAddress, pickCountry, type DemoAddress, type DemoCustomer } from './customers.gen.js';
import { WeightedPicker, type Rng } from './rng.js';
import { CATEGORIES, FIRST_NAMES, LAST_NAMES, PLACES } from './vocabulary.js';

export interface DemoLocation { code: string; name: string; kind: 'warehouse' | 'store'; pickup: boolean; address: { line1: string; city: string; region: string; postalCode: string; country: string } }

export interface DemoOrderLine { sku: string; handle: string; title: string; variantTitle: string; quantity: number; unitPrice: number; discount: number; tax: number; returnedQuantity: number }

export interface DemoReturn { status: 'requested' | 'received' | 'refunded'; reason: string; requestedAt: string; receivedAt: string | null; refundedAt: string | null; refundTotal: number; lines: { line: number; quantity: number }[] }

export type FraudPattern = 'new_account_burst' | 'card_testing' | 'reshipper' | 'account_takeover';

export interface DemoOrder {
  ref: string;
  /** Email of the registered customer who placed it, or null for a guest or walk-in. */
  customerEmail: string | null;
  email: string;
  placedAt: string;
  channel: 'web' | 'pos' | 'pickup';
  locationCode: string | null;
  status: 'paid' | 'completed' | 'cancelled';
  paymentStatus: 'paid' | 'partially_refunded' | 'refunded' | 'voided' | 'charged_back';
  fulfillmentStatus: 'unfulfilled' | 'fulfilled' | 'partially_returned' | 'returned';
  promotionCode: string | null;
  shippingMethod: string;
  shipping: number;
  billing: DemoAddress;
  shippingAddress: DemoAddress | null;
  lines: DemoOrderLine[];
  returns: DemoReturn[];
  refundedTotal: number;
  cancelledAt: string | null;
  closedAt: string | null;
  /** Ground truth for fraud work; null for a genuine order. */
  fraud: { pattern: FraudPattern; episode: number; chargebackAt: string | null } | null;
}

export const LOCATIONS: DemoLocation[] = [
  { code: 'WH-MAIN', name: 'Central Warehouse', kind: 'warehouse', pickup: false, address: { line1: '4100 Fulfillment Way', city: 'Columbus', region: 'OH', postalCode: '43217', country: 'US' } },
  { code: 'ST-PDX', name: 'Portland Store', kind: 'store', pickup: true, address: { line1: '812 NW 23rd Ave', city: 'Portland', region: 'OR', postalCode: '97210', country: 'US' } },
  { code: 'ST-BKN', name: 'Brooklyn Store', kind: 'store', pickup: true, address: { line1: '145 Bedford Ave', city: 'Brooklyn', region: 'NY', postalCode: '11211', country: 'US' } },
];
export const STORE_CITIES: Record<string, string> = { Portland: 'ST-PDX', Brooklyn: 'ST-BKN' };

const SHIPPING = { standard: 595, express: 1495, international: 1995, freeOver: 7500 };

export interface OrderContext {
  rng: Rng;
  cal: Calendar;
  products: DemoProduct[];
  end: number;
}

/** Interpolated month multiplier so seasons change smoothly, not in monthly steps. */
function seasonal(months: number[], date: Date): number {
  const m = date.getUTCMonth();
  const pos = (date.getUTCDate() - 1) / 30 - 0.5;
  const other = pos < 0 ? (m + 11) % 12 : (m + 1) % 12;
  const w = Math.min(1, Math.abs(pos));
  return months[m] * (1 - w) + months[other] * w;
}

/** Demand weight of each category on a day, including category-specific promotions. */
export function categoryWeights(cal: Calendar, day: number): number[] {
  const date = cal.dateOf(day);
  const promos = cal.promotionsOn(day);
  return CATEGORIES.map((c) => {
    let w = c.demand * seasonal(c.months, date);
    for (const p of promos) if (p.categories.includes(c.key)) w *= p.lift;
    return w;
  });
}

/** Demand of a product on a day relative to its base popularity: launch ramp and hype, phase-out. */
export function lifecycle(p: DemoProduct, day: number): number {
  if (day < p.launchDay) return 0;
  const age = day - p.launchDay;
  let f = age < 21 ? 0.3 + (0.7 * age) / 21 : age < 90 ? 1.5 - (0.5 * (age - 21)) / 69 : 1;
  if (p.launchDay < 0) f = 1;
  if (p.fadeDay !== null && day > p.fadeDay) f *= Math.pow(0.5, (day - p.fadeDay) / 45);
  return f;
}

export class OrderBuilder {
  private byCategory = new Map<string, DemoProduct[]>();
  private byHandle = new Map<string, DemoProduct>();
  private weekPickers = new Map<string, WeightedPicker>();
  constructor(private ctx: OrderContext) {
    for (const p of ctx.products) {
      (this.byCategory.get(p.category) ?? this.byCategory.set(p.category, []).get(p.category)!).push(p);
      this.byHandle.set(p.handle, p);
    }
  }

  product(handle: string): DemoProduct | undefined { return this.byHandle.get(handle); }
  inCategory(key: string): DemoProduct[] { return this.byCategory.get(key) ?? []; }

  /** A product of a category, by popularity and lifecycle in the order's week. */
  pickProduct(category: string, day: number, rng: Rng): DemoProduct | undefined {
    const week = Math.floor(day / 7);
    const key = `${category}:${week}`;
    const list = this.byCategory.get(category) ?? [];
    let picker = this.weekPickers.get(key);
    if (!picker) {
      picker = new WeightedPicker(list.map((p) => p.popularity * lifecycle(p, week * 7 + 3)));
      this.weekPickers.set(key, picker);
    }
    if (picker.total <= 0) return undefined;
    return list[picker.pick(rng)];
  }

  pickVariant(p: DemoProduct, rng: Rng): DemoVariant {
    if (p.variants.length === 1) return p.variants[0];
    let total = 0;
    for (const v of p.variants) total += v.weight;
    let x = rng.next() * total;
    for (const v of p.variants) { x -= v.weight; if (x <= 0) return v; }
    return p.variants[p.variants.length - 1];
  }
}

const webHours = new WeightedPicker(HOURS_WEB);
const storeHours = new WeightedPicker(HOURS_STORE);

export function generateOrders(rng: Rng, opts: { count: number; customers: DemoCustomer[]; products: DemoProduct[]; startMs: number; days: number; cal?: Calendar }): { orders: DemoOrder[]; cal: Calendar } {
  const cal = opts.cal ?? buildCalendar(opts.startMs, opts.days, rng.fork('calendar'));
  const end = opts.startMs + opts.days * DAY_MS;
  const builder = new OrderBuilder({ rng, cal, products: opts.products, end });
  const days = opts.days;

  // How many orders each day: the calendar's shape, Poisson noise, then corrected to the exact total.
  const dayCatWeights = Array.from({ length: days }, (_, d) => categoryWeights(cal, d));
  const baseDemand = CATEGORIES.reduce((s, c) => s + c.demand, 0);
  const expected = Array.from({ length: days }, (_, d) => cal.dayFactor(d) * dayCatWeights[d].reduce((a, b) => a + b, 0) / baseDemand);
  const sum = expected.reduce((a, b) => a + b, 0);
  for (let d = 0; d < days; d++) expected[d] = (expected[d] * opts.count) / sum;
  const counts = expected.map((e) => rng.poisson(e));
  let diff = opts.count - counts.reduce((a, b) => a + b, 0);
  const dayPicker = new WeightedPicker(expected);
  while (diff !== 0) {
    const d = dayPicker.pick(rng);
    if (diff > 0) { counts[d]++; diff--; } else if (counts[d] > 0) { counts[d]--; diff++; }
  }

  const customers = opts.customers;
  const bySignup = new Map<number, DemoCustomer[]>();
  for (const c of customers) if (c.profile.signupDay >= 0) (bySignup.get(c.profile.signupDay) ?? bySignup.set(c.profile.signupDay, []).get(c.profile.signupDay)!).push(c);
  const orders: DemoOrder[] = [];
  const weights = new Float64Array(customers.length);
  for (let d = 0; d < days; d++) {
    if (!counts[d]) continue;
    const promos = cal.promotionsOn(d);
    const promoDay = promos.some((p) => !p.categories.length);
    for (let i = 0; i < customers.length; i++) {
      const p = customers[i].profile;
      const alive = p.signupDay <= d && (p.churnDay === null || d < p.churnDay);
      weights[i] = alive ? p.rate * (promoDay ? p.promoAffinity : p.segment === 'bargain_hunter' ? 0.35 : 1) : 0;
    }
    const picker = new WeightedPicker(weights);
    const catPicker = new WeightedPicker(dayCatWeights[d]);
    const newcomers = (bySignup.get(d) ?? []).filter(() => rng.chance(0.75));
    const date = cal.dateOf(d);
    const storeShare = 0.13 * WEEKDAY_STORE[date.getUTCDay()];
    for (let k = 0; k < counts[d]; k++) {
      let customer: DemoCustomer | null = null;
      let channel: DemoOrder['channel'] = 'web';
      let walkIn = false;
      if (k < newcomers.length) customer = newcomers[k];
      else if (rng.chance(storeShare)) { walkIn = true; channel = 'pos'; }
      else if (rng.chance(0.14) || picker.total <= 0) customer = null;
      else customer = customers[picker.pick(rng)];
      const home = customer?.profile.homeStore ?? null;
      if (!walkIn && home) {
        const r = rng.next();
        channel = r < 0.35 ? 'pos' : r < 0.55 ? 'pickup' : 'web';
      } else if (!walkIn && rng.chance(0.05)) channel = 'pickup';
      const locationCode = channel === 'web' ? null : home ?? rng.pick(['ST-PDX', 'ST-BKN', 'ST-PDX']);
      const hourPicker = channel === 'pos' ? storeHours : webHours;
      // Store days are local: the last evening would fall after the end in UTC, so it is drawn again.
      let placedMs = Infinity;
      for (let tries = 0; placedMs >= end && tries < 50; tries++) placedMs = cal.start.getTime() + d * DAY_MS + (hourPicker.pick(rng) - STORE_UTC_OFFSET_HOURS) * 3_600_000 + rng.int(0, 3_599_999);
      placedMs = Math.min(placedMs, end - 1);
      orders.push(buildOrder(rng, builder, cal, { customer, channel, locationCode, day: d, placedMs, promos, catPicker, end, walkIn }));
    }
  }
  return { orders, cal };
}

interface BuildInput {
  customer: DemoCustomer | null;
  channel: DemoOrder['channel'];
  locationCode: string | null;
  day: number;
  placedMs: number;
  promos: Promotion[];
  catPicker: WeightedPicker;
  end: number;
  walkIn: boolean;
}

function guestAddress(rng: Rng, country?: string): DemoAddress {
  const first = rng.pick(FIRST_NAMES), last = rng.pick(LAST_NAMES);
  return makeAddress(rng, country ?? pickCountry(rng), first, last);
}

function buildOrder(rng: Rng, b: OrderBuilder, cal: Calendar, x: BuildInput): DemoOrder {
  const cats = CATEGORIES.map((c) => c.key);
  const favourites = x.customer?.profile.favourites ?? [];
  const nLines = Math.min(5, 1 + Math.floor(Math.log(1 - rng.next()) / Math.log(x.channel === 'pos' ? 0.4 : 0.45)));
  const chosen: { p: DemoProduct; v: DemoVariant }[] = [];
  const seen = new Set<string>();
  const add = (p: DemoProduct | undefined) => {
    if (!p) return;
    const v = b.pickVariant(p, rng);
    if (seen.has(v.sku)) return;
    seen.add(v.sku);
    chosen.push({ p, v });
  };
  const firstCat = favourites.length && rng.chance(0.6) ? rng.pick(favourites) : cats[x.catPicker.pick(rng)];
  add(b.pickProduct(firstCat, x.day, rng) ?? b.pickProduct(cats[x.catPicker.pick(rng)], x.day, rng));
  for (let i = 1; i < nLines && chosen.length; i++) {
    const anchor = chosen[0].p;
    if (anchor.complements.length && rng.chance(0.45)) add(b.product(rng.pick(anchor.complements)));
    else add(b.pickProduct(rng.chance(0.4) ? anchor.category : cats[x.catPicker.pick(rng)], x.day, rng));
  }
  if (!chosen.length) add(b.pickProduct('accessories', Math.max(x.day, 0), rng) ?? b.inCategory('accessories')[0]);

  // The best promotion that applies to something in the basket, if the shopper uses it.
  let promo: Promotion | null = null;
  const affinity = Math.min(1.4, x.customer?.profile.promoAffinity ?? 1);
  for (const p of x.promos) {
    const applies = !p.categories.length || chosen.some((c) => p.categories.includes(c.p.category));
    const uptake = p.uptake * (x.channel === 'pos' ? 0.5 : 1) * affinity;
    if (applies && (!promo || p.percentOff > promo.percentOff) && rng.chance(Math.min(0.95, uptake))) promo = p;
  }
  const billing = x.customer?.address ?? (x.walkIn ? guestAddress(rng, 'US') : guestAddress(rng));
  const shipTo = x.channel === 'web' ? (rng.chance(0.08) ? makeAddress(rng, billing.country, rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES)) : billing) : null;
  const taxCountry = shipTo?.country ?? 'US';
  const taxRate = PLACES[taxCountry]?.tax ?? 0;
  const lines: DemoOrderLine[] = chosen.map(({ p, v }) => {
    const qty = rng.chance(0.85) ? 1 : rng.chance(0.75) ? 2 : 3;
    const gross = v.price * qty;
    const discount = promo && (!promo.categories.length || promo.categories.includes(p.category)) ? Math.round((gross * promo.percentOff) / 100) : 0;
    return { sku: v.sku, handle: p.handle, title: p.title, variantTitle: v.title, quantity: qty, unitPrice: v.price, discount, tax: Math.round((gross - discount) * taxRate), returnedQuantity: 0 };
  });
  const net = lines.reduce((s, l) => s + l.unitPrice * l.quantity - l.discount, 0);
  let shippingMethod = x.channel === 'pos' ? 'in_store' : x.channel === 'pickup' ? 'pickup' : 'standard';
  let shipping = 0;
  if (x.channel === 'web') {
    if (taxCountry !== 'US') { shippingMethod = 'international'; shipping = SHIPPING.international; }
    else if (rng.chance(0.12)) { shippingMethod = 'express'; shipping = SHIPPING.express; }
    else shipping = net >= SHIPPING.freeOver ? 0 : SHIPPING.standard;
  }
  const placedAt = new Date(x.placedMs).toISOString();
  const ageDays = (x.end - x.placedMs) / DAY_MS;
  const email = x.customer?.email ?? (x.walkIn ? `walk-in.${(x.locationCode ?? 'store').toLowerCase()}@store.example.com` : `${billing.firstName}.${billing.lastName}.${rng.int(100, 9999)}@example.net`.toLowerCase().replace(/[^a-z0-9.@-]/g, ''));
  const order: DemoOrder = {
    ref: '', customerEmail: x.customer?.email ?? null, email, placedAt, channel: x.channel, locationCode: x.locationCode,
    status: 'completed', paymentStatus: 'paid', fulfillmentStatus: 'fulfilled', promotionCode: promo?.code ?? null,
    shippingMethod, shipping, billing, shippingAddress: shipTo, lines, returns: [], refundedTotal: 0,
    cancelledAt: null, closedAt: null, fraud: null,
  };
  if (x.channel !== 'pos' && rng.chance(0.015)) {
    order.status = 'cancelled'; order.paymentStatus = 'voided'; order.fulfillmentStatus = 'unfulfilled';
    order.cancelledAt = new Date(Math.min(x.end - 1, x.placedMs + rng.int(1, 20) * 3_600_000)).toISOString();
    return order;
  }
  if (ageDays < 2 && x.channel !== 'pos') { order.status = 'paid'; order.fulfillmentStatus = 'unfulfilled'; return order; }
  const closedMs = x.channel === 'pos' ? x.placedMs : x.placedMs + rng.int(1, 5) * DAY_MS;
  order.closedAt = new Date(Math.min(x.end - 1, closedMs)).toISOString();
  addReturn(rng, order, x, b);
  return order;
}

function addReturn(rng: Rng, order: DemoOrder, x: BuildInput, b: OrderBuilder): void {
  const factor = (x.customer?.profile.returnFactor ?? 1) * (x.channel === 'pos' ? 0.5 : 1) * (order.promotionCode ? 1.15 : 1);
  const rates = order.lines.map((l) => CATEGORIES.find((c) => c.key === b.product(l.handle)!.category)!.returnRate);
  const p = Math.min(0.9, Math.max(...rates) * factor * (order.lines.length > 2 ? 1.2 : 1));
  if (!rng.chance(p)) return;
  const requestedMs = x.placedMs + rng.int(3, 25) * DAY_MS + rng.int(0, 86_399_999);
  if (requestedMs >= x.end) return;
  const picked = order.lines.map((l, i) => ({ l, i, r: rates[i] })).filter((e) => rng.chance(Math.min(1, 0.35 + e.r * 3)));
  if (!picked.length) picked.push({ l: order.lines[0], i: 0, r: rates[0] });
  const catOf = (l: DemoOrderLine) => CATEGORIES.find((c) => c.key === b.product(l.handle)!.category)!;
  const reason = rng.pick(catOf(picked[0].l).returnReasons);
  let refund = 0;
  const retLines = picked.map(({ l, i }) => {
    const qty = l.quantity === 1 || rng.chance(0.6) ? l.quantity : rng.int(1, l.quantity - 1);
    l.returnedQuantity = qty;
    refund += Math.round(((l.unitPrice * l.quantity - l.discount + l.tax) * qty) / l.quantity);
    return { line: i, quantity: qty };
  });
  const receivedMs = requestedMs + rng.int(2, 7) * DAY_MS;
  const refundedMs = receivedMs + rng.int(0, 2) * DAY_MS + rng.int(1, 8) * 3_600_000;
  const status: DemoReturn['status'] = refundedMs < x.end ? 'refunded' : receivedMs < x.end ? 'received' : 'requested';
  order.returns.push({
    status, reason, refundTotal: refund, lines: retLines,
    requestedAt: new Date(requestedMs).toISOString(),
    receivedAt: receivedMs < x.end ? new Date(receivedMs).toISOString() : null,
    refundedAt: status === 'refunded' ? new Date(refundedMs).toISOString() : null,
  });
  const allBack = order.lines.every((l) => l.returnedQuantity === l.quantity);
  order.fulfillmentStatus = allBack ? 'returned' : 'partially_returned';
  if (status === 'refunded') {
    const total = order.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity - l.discount + l.tax, 0) + order.shipping;
    order.refundedTotal = Math.min(refund, total);
    order.paymentStatus = refund >= total ? 'refunded' : 'partially_refunded';
  }
}
