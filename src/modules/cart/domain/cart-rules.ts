/** Pure rules of a cart: code keys, guest secrets, availability flags and how two carts merge. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { MAX_LINE_QUANTITY, type AvailabilityStatus, type CartWarning } from '../contracts/service.js';

/** Codes match regardless of case and surrounding spaces, as in promotions. */
export const codeKey = (code: string): string => code.trim().toUpperCase();

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Constant-time comparison of a presented secret with the stored hash. */
export function tokenMatches(stored: string | null, presented: string | undefined): boolean {
  if (!stored || !presented) return false;
  const a = Buffer.from(hashToken(presented), 'hex');
  const b = Buffer.from(stored, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** In stock, not enough or out of stock; untracked variants are always sellable. */
export function availabilityOf(quantity: number, available: number | null): { status: AvailabilityStatus; quantityAvailable: number | null } {
  if (available === null) return { status: 'not_tracked', quantityAvailable: null };
  const q = Math.max(0, available);
  return { status: q <= 0 ? 'out_of_stock' : q < quantity ? 'not_enough' : 'in_stock', quantityAvailable: q };
}

export function lineWarnings(l: { quantity: number; unitPrice: number | null; priceWhenAdded: number | null; sellable: boolean; availability: { status: AvailabilityStatus; quantityAvailable: number | null } }, currency: string): CartWarning[] {
  const out: CartWarning[] = [];
  if (!l.sellable) out.push({ code: 'cart.line_unavailable', message: `this item can no longer be bought in ${currency}; it is left out of the totals` });
  if (l.sellable && l.priceWhenAdded != null && l.unitPrice != null && l.unitPrice !== l.priceWhenAdded) {
    out.push({ code: 'cart.price_changed', message: `the price changed from ${l.priceWhenAdded} to ${l.unitPrice} since it was added` });
  }
  if (l.availability.status === 'out_of_stock') out.push({ code: 'cart.out_of_stock', message: 'out of stock' });
  if (l.availability.status === 'not_enough') out.push({ code: 'cart.not_enough_stock', message: `only ${l.availability.quantityAvailable} available` });
  return out;
}

/** What merging a guest cart's lines into another cart does: quantities of the same variant add up (capped), new variants are added. */
export function mergePlan(
  target: { id: string; variantId: string; quantity: number }[],
  source: { variantId: string; quantity: number; priceSeen: number | null }[],
): { update: { id: string; quantity: number }[]; insert: { variantId: string; quantity: number; priceSeen: number | null }[] } {
  const byVariant = new Map(target.map((l) => [l.variantId, l]));
  const update: { id: string; quantity: number }[] = [];
  const insert: { variantId: string; quantity: number; priceSeen: number | null }[] = [];
  for (const s of source) {
    const t = byVariant.get(s.variantId);
    if (t) update.push({ id: t.id, quantity: Math.min(MAX_LINE_QUANTITY, t.quantity + s.quantity) });
    else insert.push({ variantId: s.variantId, quantity: Math.min(MAX_LINE_QUANTITY, s.quantity), priceSeen: s.priceSeen });
  }
  return { update, insert };
}

/** Codes of both carts, each once, the target's first. */
export const mergeCodes = (target: string[], source: string[]): string[] => [...new Set([...target, ...source])];
