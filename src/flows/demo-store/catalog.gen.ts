/** Generates the demo catalogue: categories, products with options and variants, prices, image specs. */
import type { Rng } from './rng.js';
import { CATEGORIES, COLLECTION_WORDS, type CategorySpec } from './vocabulary.js';

export interface DemoCategory { key: string; name: string; handle: string; description: string }

export interface DemoVariant {
  sku: string;
  barcode: string;
  title: string;
  options: Record<string, string>;
  grams: number;
  /** Cents, USD. */
  price: number;
  /** What the store pays the vendor, in cents (for margin and pricing work). */
  cost: number;
  /** Relative popularity within the product (sizes in the middle sell most). */
  weight: number;
}

export interface DemoImage {
  shape: number; hue: number; accent: number; initials: string; alt: string;
  /** The colour option value the image shows (e.g. "Navy"): its shape is drawn in that colour, so visual search has real colours to match. */
  colour?: string;
}

export interface DemoProduct {
  handle: string;
  title: string;
  description: string;
  category: string;
  vendor: string;
  material: string;
  tags: string[];
  options: { name: string; values: string[] }[];
  variants: DemoVariant[];
  images: DemoImage[];
  createdAt: string;
  /** Base popularity (Zipf-like); actual demand also follows category seasonality and the lifecycle. */
  popularity: number;
  /** Day index the product launched (negative: before the history starts). */
  launchDay: number;
  /** Day index from which demand fades (a product being phased out), or null. */
  fadeDay: number | null;
  /** Handles of products often bought with this one. */
  complements: string[];
}

const slug = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** A price that looks set by a person: 24.00, 39.99, 128.00. */
function charmPrice(cents: number, rng: Rng): number {
  const dollars = cents / 100;
  if (dollars < 20) return Math.max(1, Math.round(dollars)) * 100 - (rng.chance(0.6) ? 1 : 0);
  if (dollars < 100) return Math.round(dollars / 2) * 200 - (rng.chance(0.5) ? 1 : 0);
  return Math.round(dollars / 5) * 500 - (rng.chance(0.3) ? 100 : 0);
}

function ean13(n: number): string {
  const base = `200${String(n).padStart(9, '0')}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(base[i]) * (i % 2 === 0 ? 1 : 3);
  return base + ((10 - (sum % 10)) % 10);
}

export function generateCategories(): DemoCategory[] {
  return CATEGORIES.map((c) => ({ key: c.key, name: c.name, handle: slug(c.name), description: c.description }));
}

export function generateProducts(rng: Rng, count: number, days: number, startMs: number): DemoProduct[] {
  const products: DemoProduct[] = [];
  const handles = new Set<string>();
  const shareSum = CATEGORIES.reduce((s, c) => s + c.share, 0);
  // Largest-remainder split of the product count across categories, at least 3 each.
  const raw = CATEGORIES.map((c) => (count * c.share) / shareSum);
  const per = raw.map((r) => Math.max(3, Math.floor(r)));
  let left = count - per.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) per[order[k][1]]++;
  let skuSeq = 0;
  CATEGORIES.forEach((cat, ci) => {
    for (let n = 0; n < per[ci]; n++) {
      const p = makeProduct(rng, cat, handles, () => ++skuSeq, days, startMs);
      products.push(p);
    }
  });
  // Popularity: a Zipf-like law over a random ranking, so a few products sell a lot.
  const ranks = rng.sample(products.map((_, i) => i), products.length);
  ranks.forEach((pi, r) => { products[pi].popularity = 1 / Math.pow(r + 1, 0.85); });
  // Complements: one or two products from related categories, the basis of "bought together".
  const byCat = new Map<string, DemoProduct[]>();
  for (const p of products) (byCat.get(p.category) ?? byCat.set(p.category, []).get(p.category)!).push(p);
  for (const p of products) {
    const spec = CATEGORIES.find((c) => c.key === p.category)!;
    const k = rng.int(1, 2);
    for (let i = 0; i < k; i++) {
      const pool = byCat.get(rng.pick(spec.complements)) ?? [];
      const other = pool.length ? rng.pick(pool) : undefined;
      if (other && other.handle !== p.handle && !p.complements.includes(other.handle)) p.complements.push(other.handle);
    }
  }
  return products;
}

function makeProduct(rng: Rng, cat: CategorySpec, handles: Set<string>, nextSku: () => number, days: number, startMs: number): DemoProduct {
  let title = '';
  let material = '';
  for (let attempt = 0; ; attempt++) {
    material = rng.pick(cat.materials);
    const noun = rng.pick(cat.nouns);
    const word = rng.pick(COLLECTION_WORDS);
    title = rng.chance(0.55) ? `${word} ${material} ${noun}` : `${word} ${noun}`;
    if (attempt > 20) title = `${title} ${attempt}`;
    if (!handles.has(slug(title))) break;
  }
  const handle = slug(title);
  handles.add(handle);
  const vendor = rng.pick(cat.vendors);
  const options = cat.options.map((o) => {
    const take = Math.min(o.values.length, rng.int(o.take[0], o.take[1]));
    const isOrdered = o.name === 'Size' || o.name === 'Format' || o.name === 'Edition';
    const start = isOrdered ? rng.int(0, o.values.length - take) : 0;
    const values = isOrdered ? o.values.slice(start, start + take) : rng.sample(o.values, take);
    const weights = values.map((v) => (o.weights ? o.weights[o.values.indexOf(v)] : 0.6 + rng.next()));
    return { name: o.name, values, weights };
  });
  // Keep the variant count sensible: drop colours until at most 12 combinations remain.
  while (options.reduce((n, o) => n * o.values.length, 1) > 12) {
    const widest = options.reduce((a, b) => (b.values.length > a.values.length && b.name !== 'Size' ? b : a), options[options.length - 1]);
    widest.values.pop(); widest.weights.pop();
  }
  const basePrice = charmPrice(Math.exp(Math.log(cat.price[0]) + rng.next() * (Math.log(cat.price[1]) - Math.log(cat.price[0]))), rng);
  const margin = 0.45 + rng.next() * 0.25;
  const grams = rng.int(cat.grams[0], cat.grams[1]);
  const combos: { values: Record<string, string>; weight: number; premium: boolean }[] = [{ values: {}, weight: 1, premium: false }];
  for (const o of options) {
    const nextCombos: typeof combos = [];
    for (const c of combos) o.values.forEach((v, i) => nextCombos.push({ values: { ...c.values, [o.name]: v }, weight: c.weight * o.weights[i], premium: c.premium || (o.name === 'Size' && (v === 'XXL' || v === 'Large')) || (o.name === 'Edition' && v === 'Deluxe') || (o.name === 'Metal' && v === 'Gold') }));
    combos.splice(0, combos.length, ...nextCombos);
  }
  const prefix = `${cat.key.slice(0, 3).toUpperCase()}`;
  const variants: DemoVariant[] = combos.map((c) => {
    const seq = nextSku();
    const price = c.premium ? charmPrice(basePrice * (cat.key === 'toys' || cat.key === 'jewelry' ? 1.5 : 1.15), rng) : basePrice;
    const suffix = Object.values(c.values).map((v) => v.replace(/[^A-Za-z0-9]/g, '').slice(0, 3).toUpperCase()).join('-');
    return {
      sku: `${prefix}-${String(seq).padStart(5, '0')}${suffix ? `-${suffix}` : ''}`,
      barcode: ean13(seq),
      title: Object.values(c.values).join(' / ') || 'Default',
      options: c.values,
      grams: Math.round(grams * (c.premium ? 1.15 : 1)),
      price,
      cost: Math.round(price * (1 - margin)),
      weight: c.weight,
    };
  });
  const words = title.split(' ');
  const initials = (words[0][0] + (words[words.length - 1][0] ?? '')).toUpperCase();
  const colorValues = options.find((o) => o.name === 'Color' || o.name === 'Metal' || o.name === 'Finish')?.values ?? [];
  const images: DemoImage[] = [{ shape: rng.int(0, 3), hue: (cat.hue + rng.int(-25, 25) + 360) % 360, accent: rng.int(0, 359), initials, alt: title, ...(colorValues[0] ? { colour: colorValues[0] } : {}) }];
  for (const cv of colorValues.slice(1, 3)) images.push({ shape: images[0].shape, hue: (cat.hue + rng.int(-60, 60) + 360) % 360, accent: rng.int(0, 359), initials, alt: `${title} in ${cv}`, colour: cv });
  // 80 % existed before the history starts; the rest launch during it, so some demand is new.
  const launchDay = rng.chance(0.8) ? -rng.int(30, 900) : rng.int(30, days - 45);
  const fadeDay = launchDay < 0 && rng.chance(0.08) ? rng.int(Math.floor(days * 0.3), days - 60) : null;
  const tags = [cat.key, material.toLowerCase(), vendor.toLowerCase().replace(/[^a-z0-9]+/g, '-')];
  if (launchDay > days - 120) tags.push('new');
  if (rng.chance(0.12)) tags.push('bestseller-pick');
  if (/Organic|Recycled|Hemp|Cork|Bamboo/.test(material)) tags.push('sustainable');
  const sentence = rng.pick([
    `Made from ${material.toLowerCase()} by ${vendor}, built to be used every day.`,
    `A ${cat.name.toLowerCase()} staple from ${vendor}, in ${material.toLowerCase()}.`,
    `Designed in-house with ${vendor}: ${material.toLowerCase()}, honest construction, no fuss.`,
  ]);
  const detail = rng.pick(['Ships in recycled packaging.', 'Backed by our one-year guarantee.', 'Free returns within 30 days.', 'Small-batch production.']);
  return {
    handle, title, category: cat.key, vendor, material, tags,
    description: `<p>${sentence}</p><p>${detail}</p>`,
    options: options.map((o) => ({ name: o.name, values: o.values })),
    variants, images,
    createdAt: new Date(startMs + Math.min(launchDay, days - 1) * 86_400_000).toISOString(),
    popularity: 1, launchDay, fadeDay, complements: [],
  };
}
