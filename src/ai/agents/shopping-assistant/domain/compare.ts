/**
 * A comparison of two to four products as a table of their real attributes: price (range), the
 * categories, every attribute any of them lists, the option values each offers, and stock. A cell
 * a product has no fact for shows "—"; nothing is filled in by guesswork.
 */
import type { Lang } from './lexicon.js';
import { formatMoney, phrases } from './replies.js';

export interface ComparableProduct {
  id: string; handle: string; title: string; thumbnail: string | null;
  attributes: Record<string, string>; categories: string[]; options: { name: string; values: string[] }[];
  priceRange: { min: number; max: number; currency: string } | null;
  variants: { inStock: boolean; available: number | null }[];
}

const NONE = '—';

export function buildComparison(products: ComparableProduct[], lang: Lang, currency: string) {
  const p = phrases(lang);
  const money = (a: number, cur: string) => formatMoney(a, cur, lang);
  const rows: { label: string; values: string[]; differs: boolean }[] = [];
  const add = (label: string, values: string[]) => rows.push({ label, values, differs: new Set(values).size > 1 });
  add(p.rows.price, products.map((x) => (x.priceRange ? (x.priceRange.min === x.priceRange.max ? money(x.priceRange.min, x.priceRange.currency) : `${money(x.priceRange.min, x.priceRange.currency)}–${money(x.priceRange.max, x.priceRange.currency)}`) : NONE)));
  add(p.rows.category, products.map((x) => x.categories.join(', ') || NONE));
  const keys = [...new Set(products.flatMap((x) => Object.keys(x.attributes)))].sort();
  for (const k of keys) add(k.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()), products.map((x) => x.attributes[k] ?? NONE));
  const options = [...new Set(products.flatMap((x) => x.options.map((o) => o.name)))];
  for (const name of options) add(name, products.map((x) => x.options.find((o) => o.name === name)?.values.join(', ') ?? NONE));
  add(p.rows.inStock, products.map((x) => {
    const stocked = x.variants.filter((v) => v.inStock);
    if (!stocked.length) return p.rows.no;
    const units = stocked.every((v) => v.available !== null) ? stocked.reduce((n, v) => n + (v.available ?? 0), 0) : null;
    return units === null ? p.rows.yes : `${p.rows.yes} (${units})`;
  }));
  void currency;
  return { products: products.map((x) => ({ id: x.id, handle: x.handle, title: x.title, thumbnail: x.thumbnail })), rows };
}
