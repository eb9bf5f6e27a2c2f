/**
 * Entity extraction for customer messages: rules for shaped values, a fuzzy matcher for the
 * store's product names. Overlaps are settled by a fixed precedence (an email beats the digits
 * inside it; an order number beats a phone-shaped run of digits).
 */
import { CatalogueMatcher, type CatalogueItem } from './catalogue-match.js';
import { findDates, type DateOptions } from './dates.js';
import { findAmounts, findEmails, findOrderNumbers, findPhones } from './patterns.js';
import type { Entity, EntityType } from './types.js';

export { CatalogueMatcher, editDistance, type CatalogueItem } from './catalogue-match.js';
export { parseDecimal } from './patterns.js';
export type * from './types.js';

export interface EntityOptions extends DateOptions {
  /** The store's product names (or a prebuilt matcher, cheaper when reused across messages). */
  catalogue?: CatalogueItem[] | CatalogueMatcher;
}

const PRECEDENCE: EntityType[] = ['email', 'order_number', 'amount', 'date', 'product', 'phone'];

const matchers = new WeakMap<CatalogueItem[], CatalogueMatcher>();

/** All entities in a message, in text order, without overlaps. */
export function extractEntities(text: string, options: EntityOptions = {}): Entity[] {
  let matcher: CatalogueMatcher | undefined;
  if (options.catalogue instanceof CatalogueMatcher) matcher = options.catalogue;
  else if (options.catalogue) {
    // Cache per catalogue array so a caller passing the same list each time pays the indexing once.
    matcher = matchers.get(options.catalogue) ?? new CatalogueMatcher(options.catalogue);
    matchers.set(options.catalogue, matcher);
  }
  const all: Entity[] = [
    ...findEmails(text), ...findOrderNumbers(text), ...findAmounts(text), ...findDates(text, options),
    ...(matcher ? matcher.find(text) : []), ...findPhones(text),
  ];
  all.sort((a, b) => PRECEDENCE.indexOf(a.type) - PRECEDENCE.indexOf(b.type) || (b.end - b.start) - (a.end - a.start));
  const kept: Entity[] = [];
  for (const e of all) if (!kept.some((k) => e.start < k.end && k.start < e.end)) kept.push(e);
  return kept.sort((a, b) => a.start - b.start);
}
