/**
 * Facts and claims. A fact is what a tool or a knowledge-base passage answered in this run; a
 * claim is a piece of a reply that states one of its values (an order number, a state, a date, a
 * price, a stock level, a policy sentence). Replies are built only from claims, and the validator
 * re-derives every claim's wording from its fact before anything reaches the customer.
 */
import type { Lang } from './lexicon.js';

export type FactValue = string | number | boolean | null;

export type FactSource =
  | { kind: 'tool'; tool: string }
  | { kind: 'kb'; articleId: string; version: number; title: string; language: string };

/** Whose personal data a fact is (orders); null for store-wide facts (products, policies). */
export interface FactOwner { customerId: string | null; email: string | null }

export interface Fact {
  /** e.g. `order:ord_…`, `product:prod_…`, `kb:art_…@3`. */
  id: string;
  source: FactSource;
  values: Record<string, FactValue>;
  /** A knowledge-base passage's text (policy claims quote it). */
  text?: string;
  owner: FactOwner | null;
}

export type ClaimKind = 'order_number' | 'order_state' | 'tracking' | 'date' | 'price' | 'stock' | 'product' | 'policy' | 'citation' | 'count' | 'return_state';

export interface Claim {
  kind: ClaimKind;
  factId: string;
  /** The fact's field the claim states (for policy: `text`). */
  field: string;
  value: FactValue;
  /** The words in the reply that state it. */
  text: string;
}

export interface Citation { articleId: string; version: number; title: string }

/** The facts gathered in one run; tools add, replies read. */
export class FactStore {
  private facts = new Map<string, Fact>();
  add(f: Fact): Fact { this.facts.set(f.id, f); return f; }
  get(id: string): Fact | undefined { return this.facts.get(id); }
  all(): Fact[] { return [...this.facts.values()]; }
}

const LOCALE: Record<Lang, string> = { en: 'en-US', fr: 'fr-FR', de: 'de-DE' };

/** Money in minor units as the customer's language writes it. */
export function formatMoney(minor: number, currency: string, lang: Lang): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency }).format(minor / 10 ** digits);
}

/** A UTC date (no time) as the customer's language writes it. */
export function formatDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}

/** How a claim of a kind words a value; the validator calls the same function to check it. */
export type Renderer = (value: FactValue, lang: Lang, fact: Fact) => string;
