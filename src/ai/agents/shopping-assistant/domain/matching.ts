/**
 * Checking catalogue facts against what the shopper asked: which variants satisfy the option and
 * price constraints, which search words a product really contains, and which variant a cart
 * request means. Pure functions over storefront shapes.
 */
import { fold, stem } from './lexicon.js';
import type { Constraints, OptionConstraint } from './parse-query.js';

export interface FactVariant {
  id: string; title: string; options: Record<string, string>;
  price: { amount: number; currency: string } | null; inStock: boolean; available: number | null;
}

export interface FactProduct {
  id: string; title: string; tags: string[]; attributes: Record<string, string>; variants: FactVariant[];
  description?: string; categoryNames?: string[];
}

/** Whether a variant has one of the option values a constraint allows. */
export function variantMeets(v: FactVariant, o: OptionConstraint): boolean {
  return o.values.some((x) => v.options[x.name] === x.value);
}

/** Variants meeting every option constraint and the price bounds. */
export function matchingVariants(p: FactProduct, c: Pick<Constraints, 'options' | 'minPrice' | 'maxPrice' | 'inStock'>): FactVariant[] {
  return p.variants.filter((v) => {
    if (!c.options.every((o) => variantMeets(v, o))) return false;
    if (c.minPrice !== undefined && (v.price === null || v.price.amount < c.minPrice)) return false;
    if (c.maxPrice !== undefined && (v.price === null || v.price.amount > c.maxPrice)) return false;
    if (c.inStock && !v.inStock) return false;
    return true;
  });
}

const textWords = (p: FactProduct): Set<string> => {
  const text = [p.title, ...p.tags, ...Object.values(p.attributes), ...(p.categoryNames ?? []), ...p.variants.flatMap((v) => Object.values(v.options)), (p.description ?? '').replace(/<[^>]+>/g, ' ')].join(' ');
  const out = new Set<string>();
  for (const w of fold(text).split(/[^\p{L}\p{N}]+/u)) {
    if (!w) continue;
    out.add(w);
    out.add(stem(w));
    for (const part of w.split('-')) out.add(stem(part));
  }
  return out;
};

/** The search words a product does not contain (by word or word stem). */
export function missingKeywords(p: FactProduct, keywords: string[]): string[] {
  if (!keywords.length) return [];
  const words = textWords(p);
  return keywords.filter((k) => !words.has(k) && !words.has(stem(k)) && !(k.includes('-') && k.split('-').every((x) => words.has(stem(x)))));
}

export type VariantChoice =
  | { kind: 'one'; variant: FactVariant }
  | { kind: 'choose'; choices: { option: string; values: string[] }[]; candidates: FactVariant[] }
  | { kind: 'none'; reason: 'no_variant' | 'sold_out' };

/**
 * The variant a cart request means: the only one left after the options asked for (a choice open
 * among variants in stock is asked back, never guessed).
 */
export function resolveVariant(p: FactProduct, options: OptionConstraint[]): VariantChoice {
  const fitting = p.variants.filter((v) => options.every((o) => !o.values.some((x) => x.name in v.options) || variantMeets(v, o)));
  if (!fitting.length) return { kind: 'none', reason: 'no_variant' };
  const sellable = fitting.filter((v) => v.inStock && v.price !== null);
  if (!sellable.length) return { kind: 'none', reason: 'sold_out' };
  if (sellable.length === 1) return { kind: 'one', variant: sellable[0] };
  const names = [...new Set(sellable.flatMap((v) => Object.keys(v.options)))];
  const choices = names
    .map((option) => ({ option, values: [...new Set(sellable.map((v) => v.options[option]).filter((x): x is string => !!x))] }))
    .filter((c) => c.values.length > 1);
  if (!choices.length) return { kind: 'one', variant: sellable[0] };
  return { kind: 'choose', choices, candidates: sellable };
}
