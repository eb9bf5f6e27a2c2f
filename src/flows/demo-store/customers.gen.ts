/** Generates the demo customers: names, addresses, sign-up dates and (hidden) buying behaviour. */
import type { Rng } from './rng.js';
import { CATEGORIES, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, PLACES, STREETS } from './vocabulary.js';

export interface DemoAddress { firstName: string; lastName: string; line1: string; line2: string | null; city: string; region: string; postalCode: string; country: string; phone: string }

export interface DemoCustomer {
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  acceptsMarketing: boolean;
  createdAt: string;
  address: DemoAddress;
  /** Behaviour the orders follow; documented, never stored on the customer record. */
  profile: {
    signupDay: number;
    /** Purchase rate relative to the average customer (gamma-distributed: most buy rarely, a few often). */
    rate: number;
    /** Day the customer stops buying, or null (never within the history). */
    churnDay: number | null;
    /** Two favourite categories. */
    favourites: string[];
    /** How strongly promotions pull this customer in (1 = average). */
    promoAffinity: number;
    /** Returns this many times more often than average (serial returners have 4). */
    returnFactor: number;
    /** Nearby store location code for in-store and pickup orders, if they live near one. */
    homeStore: string | null;
    /** Fraud-pattern accounts are created by the fraud generator, not here. */
    segment: 'regular' | 'vip' | 'bargain_hunter' | 'serial_returner';
  };
}

/** Fills a postal-code shape: `#` a digit, `A` a letter. */
export function postal(rng: Rng, shape: string): string {
  return shape.replace(/#/g, () => String(rng.int(0, 9))).replace(/A/g, () => String.fromCharCode(65 + rng.int(0, 25)));
}

export function pickCountry(rng: Rng): string {
  const x = rng.next();
  let acc = 0;
  for (const [code, p] of Object.entries(PLACES)) { acc += p.share; if (x < acc) return code; }
  return 'US';
}

export function makeAddress(rng: Rng, country: string, firstName: string, lastName: string): DemoAddress {
  const place = PLACES[country];
  const [city, region, shape] = rng.pick(place.cities);
  return {
    firstName, lastName,
    line1: `${rng.int(1, 9899)} ${rng.pick(STREETS)}`,
    line2: rng.chance(0.18) ? `Apt ${rng.int(1, 40)}${rng.pick(['', 'A', 'B'])}` : null,
    city, region, postalCode: postal(rng, shape), country,
    phone: country === 'US' || country === 'CA' ? `+1 ${rng.int(201, 989)} 555 ${String(rng.int(100, 199)).padStart(4, '0')}` : `+${rng.int(30, 61)} ${rng.int(100, 999)} ${rng.int(100000, 999999)}`,
  };
}

export function generateCustomers(rng: Rng, count: number, days: number, startMs: number, storeCities: Record<string, string>): DemoCustomer[] {
  const out: DemoCustomer[] = [];
  const emails = new Set<string>();
  const keys = CATEGORIES.map((c) => c.key);
  for (let i = 0; i < count; i++) {
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    let email = '';
    const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
    for (let n = 0; ; n++) {
      email = `${local}${n ? n + rng.int(0, 9) : rng.chance(0.5) ? '' : rng.int(1, 99)}@${rng.pick(EMAIL_DOMAINS)}`;
      if (!emails.has(email)) break;
    }
    emails.add(email);
    const country = pickCountry(rng);
    const address = makeAddress(rng, country, firstName, lastName);
    // A fifth were customers before the history starts; the rest sign up at a growing rate.
    const signupDay = rng.chance(0.2) ? -rng.int(1, 700) : Math.floor(days * Math.sqrt(rng.next()) * 0.985);
    const segmentRoll = rng.next();
    const segment: DemoCustomer['profile']['segment'] = segmentRoll < 0.06 ? 'vip' : segmentRoll < 0.2 ? 'bargain_hunter' : segmentRoll < 0.23 ? 'serial_returner' : 'regular';
    // Capped so no single shopper dominates the history.
    const rate = Math.min(4, rng.gamma(0.9, 1)) * (segment === 'vip' ? 3 : 1);
    // Geometric lifetime: about 45 % of customers drop out within the history (the churn signal).
    const life = rng.exp(segment === 'vip' ? 1400 : 520);
    const churnStart = Math.max(0, signupDay);
    const churnDay = churnStart + life < days ? Math.floor(churnStart + life) : null;
    const favourites = rng.sample(keys, 2);
    const nearStore = country === 'US' ? storeCities[address.city] ?? null : null;
    out.push({
      email, firstName, lastName, phone: address.phone,
      acceptsMarketing: rng.chance(segment === 'bargain_hunter' ? 0.85 : 0.45),
      createdAt: new Date(startMs + signupDay * 86_400_000 + rng.int(8, 22) * 3_600_000 + rng.int(0, 3_599_999)).toISOString(),
      address,
      profile: {
        signupDay, rate, churnDay, favourites,
        promoAffinity: segment === 'bargain_hunter' ? 4 : 0.5 + rng.next(),
        returnFactor: segment === 'serial_returner' ? 4 : 1,
        homeStore: nearStore, segment,
      },
    });
  }
  return out;
}
