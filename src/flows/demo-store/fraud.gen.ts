/**
 * Fraudulent orders, in four patterns a fraud model should learn and an analyst would recognise.
 * Each order carries its pattern and episode as ground truth (never shown to shoppers), and most
 * end in a chargeback weeks later, which is the label a real store would see.
 *
 * 1. new_account_burst — an account created minutes before 3–6 high-value orders within two hours,
 *    at night (store time), express shipping to a foreign country while billing says US.
 * 2. card_testing — a guest places 5–12 cheap orders within 20 minutes with different billing
 *    names and countries; most payments are voided.
 * 3. reshipper — orders of 4–8 units of one expensive item to a freight-forwarding address in
 *    Miami, billed abroad.
 * 4. account_takeover — a long-standing customer suddenly orders expensive goods at night to a new
 *    foreign address.
 */
import { DAY_MS, STORE_UTC_OFFSET_HOURS } from './calendar.js';
import type { DemoProduct } from './catalog.gen.js';
import { makeAddress, type DemoAddress, type DemoCustomer } from './customers.gen.js';
import type { DemoOrder, DemoOrderLine, FraudPattern } from './orders.gen.js';
import type { Rng } from './rng.js';
import { FIRST_NAMES, FRAUD_SHIP_COUNTRIES, FRAUD_SHIP_COUNTRY_CODES, LAST_NAMES, PLACES } from './vocabulary.js';

export interface FraudOutput { accounts: DemoCustomer[]; orders: DemoOrder[] }

const FORWARDER: DemoAddress = { firstName: 'Receiving', lastName: 'Dept', line1: '8400 NW 25th St', line2: null, city: 'Miami', region: 'FL', postalCode: '33166', country: 'US', phone: '+1 305 555 0142' };

/** Scales episode counts with the size of the history (the default 20,000 orders gives ~1 % fraud). */
export function generateFraud(rng: Rng, opts: { orderCount: number; customers: DemoCustomer[]; products: DemoProduct[]; startMs: number; days: number }): FraudOutput {
  const scale = opts.orderCount / 20_000;
  const episodes = (n: number) => Math.max(1, Math.round(n * scale));
  const end = opts.startMs + opts.days * DAY_MS;
  const expensive = opts.products.filter((p) => ['electronics', 'jewelry', 'outerwear'].includes(p.category)).sort((a, b) => b.variants[0].price - a.variants[0].price).slice(0, 25);
  const cheap = opts.products.slice().sort((a, b) => a.variants[0].price - b.variants[0].price).slice(0, 20);
  const accounts: DemoCustomer[] = [];
  const orders: DemoOrder[] = [];
  let episode = 0;
  // Fraud grows later in the history, as the store becomes known.
  const dayOf = () => Math.min(opts.days - 3, Math.floor(opts.days * Math.sqrt(rng.next())));
  const nightMs = (day: number) => opts.startMs + day * DAY_MS + (rng.int(1, 4) - STORE_UTC_OFFSET_HOURS) * 3_600_000 + rng.int(0, 3_599_999);
  const line = (p: DemoProduct, qty: number): DemoOrderLine => {
    const v = p.variants[rng.int(0, p.variants.length - 1)];
    return { sku: v.sku, handle: p.handle, title: p.title, variantTitle: v.title, quantity: qty, unitPrice: v.price, discount: 0, tax: Math.round(v.price * qty * PLACES.US.tax), returnedQuantity: 0 };
  };
  const foreign = (first: string, last: string): DemoAddress => {
    const i = rng.int(0, FRAUD_SHIP_COUNTRIES.length - 1);
    const [city, region, shape] = FRAUD_SHIP_COUNTRIES[i];
    return { firstName: first, lastName: last, line1: `${rng.int(1, 300)} ${rng.pick(['Unity Rd', 'Harbour St', 'Market Ln', 'Station Rd'])}`, line2: null, city, region, postalCode: shape.replace(/#/g, () => String(rng.int(0, 9))), country: FRAUD_SHIP_COUNTRY_CODES[i], phone: `+${rng.int(40, 380)} ${rng.int(100000000, 999999999)}` };
  };
  const push = (o: Omit<DemoOrder, 'ref' | 'returns' | 'refundedTotal' | 'closedAt' | 'cancelledAt' | 'promotionCode' | 'status' | 'paymentStatus' | 'fulfillmentStatus' | 'fraud'>, pattern: FraudPattern, placedMs: number, opt: { voided?: boolean; chargebackRate: number }) => {
    const cbMs = placedMs + rng.int(20, 60) * DAY_MS;
    const chargeback = !opt.voided && rng.chance(opt.chargebackRate) && cbMs < end;
    const total = o.lines.reduce((s, l) => s + l.unitPrice * l.quantity + l.tax, 0) + o.shipping;
    orders.push({
      ...o, ref: '', returns: [], promotionCode: null,
      status: opt.voided ? 'cancelled' : 'completed',
      paymentStatus: opt.voided ? 'voided' : chargeback ? 'charged_back' : 'paid',
      fulfillmentStatus: opt.voided ? 'unfulfilled' : 'fulfilled',
      refundedTotal: chargeback ? total : 0,
      cancelledAt: opt.voided ? new Date(placedMs + rng.int(1, 30) * 60_000).toISOString() : null,
      closedAt: opt.voided ? null : new Date(Math.min(end - 1, placedMs + DAY_MS)).toISOString(),
      fraud: { pattern, episode, chargebackAt: chargeback ? new Date(cbMs).toISOString() : null },
    });
  };

  // 1. New-account bursts.
  for (let e = 0; e < episodes(12); e++) {
    episode++;
    const day = dayOf();
    let t = nightMs(day);
    const first = rng.pick(FIRST_NAMES), last = rng.pick(LAST_NAMES);
    const email = `${first.toLowerCase()}${last.toLowerCase().replace(/[^a-z]/g, '')}${rng.int(1000, 99999)}@quickmail.example.net`;
    const billing = makeAddress(rng, 'US', first, last);
    accounts.push({
      email, firstName: first, lastName: last, phone: billing.phone, acceptsMarketing: false,
      createdAt: new Date(t - rng.int(3, 40) * 60_000).toISOString(), address: billing,
      profile: { signupDay: day, rate: 0, churnDay: day + 1, favourites: ['electronics', 'jewelry'], promoAffinity: 0, returnFactor: 0, homeStore: null, segment: 'regular' },
    });
    const ship = foreign(first, last);
    for (let k = rng.int(3, 6); k > 0; k--) {
      const lines = [line(rng.pick(expensive), rng.int(1, 2))];
      if (rng.chance(0.4)) lines.push(line(rng.pick(expensive), 1));
      push({ customerEmail: email, email, placedAt: new Date(t).toISOString(), channel: 'web', locationCode: null, shippingMethod: 'express', shipping: 4995, billing, shippingAddress: ship, lines }, 'new_account_burst', t, { chargebackRate: 0.85 });
      t += rng.int(4, 35) * 60_000;
    }
  }
  // 2. Card testing.
  for (let e = 0; e < episodes(8); e++) {
    episode++;
    const day = dayOf();
    let t = opts.startMs + day * DAY_MS + rng.int(0, 23) * 3_600_000;
    const handle = `${rng.pick(['x', 'qa', 'tst', 'z'])}${rng.int(10000, 99999)}`;
    for (let k = rng.int(5, 12); k > 0; k--) {
      const country = rng.pick(Object.keys(PLACES));
      const billing = makeAddress(rng, country, rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
      const email = `${handle}+${k}@tempbox.example.org`;
      push({ customerEmail: null, email, placedAt: new Date(t).toISOString(), channel: 'web', locationCode: null, shippingMethod: 'standard', shipping: 595, billing, shippingAddress: billing, lines: [line(rng.pick(cheap), 1)] }, 'card_testing', t, { voided: rng.chance(0.8), chargebackRate: 0.5 });
      t += rng.int(30, 180) * 1000;
    }
  }
  // 3. Reshippers.
  for (let e = 0; e < episodes(10); e++) {
    episode++;
    const day = dayOf();
    const t = opts.startMs + day * DAY_MS + rng.int(0, 23) * 3_600_000 + rng.int(0, 3_599_999);
    const first = rng.pick(FIRST_NAMES), last = rng.pick(LAST_NAMES);
    const billing = foreign(first, last);
    const email = `${first.toLowerCase()}.${rng.int(100, 999)}@quickmail.example.net`;
    for (let k = rng.int(1, 3); k > 0; k--) {
      const tt = t + (k - 1) * rng.int(1, 6) * DAY_MS;
      if (tt >= end) continue;
      push({ customerEmail: null, email, placedAt: new Date(tt).toISOString(), channel: 'web', locationCode: null, shippingMethod: 'express', shipping: 1495, billing, shippingAddress: { ...FORWARDER, firstName: first, lastName: last }, lines: [line(rng.pick(expensive), rng.int(4, 8))] }, 'reshipper', tt, { chargebackRate: 0.6 });
    }
  }
  // 4. Account takeover of customers who have been around for more than a year.
  const veterans = opts.customers.filter((c) => c.profile.signupDay < opts.days - 400 && c.address.country === 'US');
  for (let e = 0; e < episodes(12) && veterans.length; e++) {
    episode++;
    const victim = rng.pick(veterans);
    const day = Math.max(victim.profile.signupDay + 365, dayOf());
    if (day >= opts.days - 1) continue;
    let t = nightMs(day);
    const ship = foreign(rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
    for (let k = rng.int(1, 2); k > 0; k--) {
      push({ customerEmail: victim.email, email: victim.email, placedAt: new Date(t).toISOString(), channel: 'web', locationCode: null, shippingMethod: 'express', shipping: 4995, billing: victim.address, shippingAddress: ship, lines: [line(rng.pick(expensive), rng.int(1, 3))] }, 'account_takeover', t, { chargebackRate: 0.8 });
      t += rng.int(10, 90) * 60_000;
    }
  }
  return { accounts, orders: orders.filter((o) => Date.parse(o.placedAt) < end) };
}
