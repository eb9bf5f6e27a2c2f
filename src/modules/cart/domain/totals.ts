/**
 * The order totals calculator: pure, integer minor units only, used by the cart (to show) and the
 * checkout saga (to charge). Inputs are already fetched: promotions that are live for this shopper
 * (the promotions module checks windows and usage limits), the tax rates of the destination (the
 * tax module resolves them) and the chosen shipping quote (the shipping module prices it).
 *
 * Rules, in order:
 * 1. Line subtotal = unit price × quantity; the order subtotal is their sum.
 * 2. Promotions apply in priority order (lower first, then id). A non-combinable promotion applies
 *    only when nothing has applied yet, and nothing applies after it. A promotion whose minimum
 *    subtotal (compared with the subtotal before discounts) is not met, whose currency differs, or
 *    that finds no eligible line is skipped with its reason.
 * 3. Each promotion discounts what is left of a line after earlier promotions, so a line's discount
 *    never exceeds its subtotal. Percentages round per line; a fixed amount per order is spread over
 *    the eligible lines by largest remainder so the cents add up exactly; a fixed amount per item is
 *    per unit; buy X get Y pairs the most expensive eligible X units with the cheapest eligible Y
 *    units, group by group, and takes the percent off each Y unit's price (rounded per unit).
 * 4. Shipping is free when the quote's threshold is met by the subtotal after discounts, or when a
 *    free-shipping promotion applies.
 * 5. Tax is per line on the line's net (subtotal − discount), at the rate of its tax class
 *    (none: 0). Exclusive: net × rate. Inclusive: the tax already inside the net, net × rate ÷ (1 + rate).
 *    Shipping is not taxed here.
 * 6. Total = subtotal − discounts + shipping + tax (exclusive tax only; inclusive tax is already in the prices).
 * Every rounding is half up, once per line (or per unit for buy X get Y), computed exactly.
 */
import type { PromotionRule, PromotionTargets } from '../../promotions/index.js';
import { allocate, mulDivHalfUp } from './money-math.js';

export interface TotalsLine {
  variantId: string;
  productId: string;
  categoryIds: string[];
  /** Minor units; includes tax when prices are tax-inclusive. */
  unitPrice: number;
  quantity: number;
  weightGrams: number;
  /** A tax class id; null or unknown: not taxed. */
  taxClass: string | null;
}

/** A resolved rate for one tax class at the destination, in basis points (825 = 8.25 %). */
export interface TaxRateInput { taxClassId: string; rateBp: number; name: string }

/** The chosen shipping quote: its rate before any free-over threshold, which is applied here to the discounted subtotal. */
export interface ShippingInput { id: string; name: string; rate: number; currency: string; freeOverSubtotal: number | null }

export interface TotalsInput {
  lines: TotalsLine[];
  currency: string;
  promotions: PromotionRule[];
  taxRates: TaxRateInput[];
  taxInclusive: boolean;
  shipping: ShippingInput | null;
}

export interface LineTotals {
  index: number; variantId: string; subtotal: number; discount: number; net: number;
  taxClass: string | null; taxRateBp: number; tax: number;
  /** How this line's discount splits between promotions. */
  allocations: { promotionId: string; amount: number }[];
}

export interface AppliedPromotion { promotionId: string; code: string | null; name: string; kind: PromotionRule['kind']; amount: number; reason: string }
export interface SkippedPromotion { promotionId: string; code: string | null; reason: string }

export interface Totals {
  currency: string;
  subtotal: number;
  discountTotal: number;
  lines: LineTotals[];
  shipping: { id: string; name: string; amount: number; discount: number; total: number } | null;
  shippingTotal: number;
  taxTotal: number;
  taxInclusive: boolean;
  total: number;
  weightGrams: number;
  applied: AppliedPromotion[];
  skipped: SkippedPromotion[];
}

const matches = (t: PromotionTargets, l: TotalsLine): boolean => {
  if (!t.variantIds.length && !t.productIds.length && !t.categoryIds.length) return true;
  return t.variantIds.includes(l.variantId) || t.productIds.includes(l.productId) || l.categoryIds.some((c) => t.categoryIds.includes(c));
};

const label = (p: PromotionRule, what: string): string => `${what}${p.code ? ` with code ${p.code}` : ` (${p.name})`}`;

function validateInput(input: TotalsInput): void {
  input.lines.forEach((l, i) => {
    if (!Number.isSafeInteger(l.unitPrice) || l.unitPrice < 0) throw new RangeError(`lines[${i}].unitPrice must be a non-negative integer of minor units`);
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 1) throw new RangeError(`lines[${i}].quantity must be a whole number ≥ 1`);
    if (!Number.isSafeInteger(l.unitPrice * l.quantity)) throw new RangeError(`lines[${i}] subtotal is too large`);
  });
  if (input.shipping && (!Number.isSafeInteger(input.shipping.rate) || input.shipping.rate < 0)) throw new RangeError('shipping.rate must be a non-negative integer');
}

/** Per-line discounts a promotion gives, given what is left of each line; null with a reason when it does not apply. */
function discountsOf(p: PromotionRule, lines: TotalsLine[], left: number[]): number[] | string {
  const zero = lines.map(() => 0);
  switch (p.kind) {
    case 'percentage': {
      const pct = p.percent ?? 0;
      const out = lines.map((l, i) => (matches(p.targets, l) ? mulDivHalfUp(left[i], pct, 100) : 0));
      return out.some((d) => d > 0) ? out : 'no eligible items';
    }
    case 'fixed_amount': {
      const amount = p.amount ?? 0;
      const eligible = lines.map((l, i) => (matches(p.targets, l) ? left[i] : 0));
      if (!eligible.some((x) => x > 0)) return 'no eligible items';
      if (p.amountScope === 'item') return lines.map((l, i) => (eligible[i] > 0 ? Math.min(eligible[i], amount * l.quantity) : 0));
      const base = eligible.reduce((s, x) => s + x, 0);
      return allocate(Math.min(amount, base), eligible);
    }
    case 'buy_x_get_y': {
      if (!p.buyX || !p.getY) return 'incomplete buy X get Y rule';
      const out = [...zero];
      // Units as [line, price]: buyers take the dearest units, the discount goes to the cheapest.
      const buyUnits = lines.flatMap((l, i) => (matches(p.buyX!.targets, l) ? [{ i, count: l.quantity, price: l.unitPrice }] : []))
        .sort((a, b) => b.price - a.price || a.i - b.i);
      const getUnits = lines.flatMap((l, i) => (matches(p.getY!.targets, l) ? [{ i, count: l.quantity, price: l.unitPrice }] : []))
        .sort((a, b) => a.price - b.price || a.i - b.i);
      const used = lines.map(() => 0);
      const freeUnits = lines.map(() => 0);
      const take = (pool: { i: number; count: number }[], n: number, into?: number[]): boolean => {
        const picked: number[] = [];
        for (const u of pool) {
          while (picked.length < n && used[u.i] < lines[u.i].quantity) { used[u.i]++; picked.push(u.i); }
          if (picked.length === n) break;
        }
        if (picked.length < n) { for (const i of picked) used[i]--; return false; }
        if (into) for (const i of picked) into[i]++;
        return true;
      };
      let groups = 0;
      while (p.maxApplications == null || groups < p.maxApplications) {
        if (!take(buyUnits, p.buyX.quantity)) break;
        if (!take(getUnits, p.getY.quantity, freeUnits)) break;
        groups++;
      }
      if (groups === 0) return `needs ${p.buyX.quantity} + ${p.getY.quantity} eligible items`;
      lines.forEach((l, i) => { out[i] = Math.min(left[i], freeUnits[i] * mulDivHalfUp(l.unitPrice, p.percent ?? 100, 100)); });
      return out.some((d) => d > 0) ? out : 'no eligible items';
    }
    case 'free_shipping':
      return zero;
  }
}

/** Computes an order's totals; see the module comment for the rules. Throws on malformed input (a programming error). */
export function computeTotals(input: TotalsInput): Totals {
  validateInput(input);
  const { lines } = input;
  const currency = input.currency.toUpperCase();
  const subtotals = lines.map((l) => l.unitPrice * l.quantity);
  const subtotal = subtotals.reduce((s, x) => s + x, 0);
  const left = [...subtotals];
  const allocations: { promotionId: string; amount: number }[][] = lines.map(() => []);
  const applied: AppliedPromotion[] = [];
  const skipped: SkippedPromotion[] = [];
  let exclusiveBy: PromotionRule | null = null;
  let freeShippingBy: PromotionRule | null = null;

  const ordered = [...input.promotions].sort((a, b) => a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const p of ordered) {
    const skip = (reason: string) => skipped.push({ promotionId: p.id, code: p.code, reason });
    if (exclusiveBy) { skip(`not combinable with ${exclusiveBy.code ?? exclusiveBy.name}`); continue; }
    if (!p.combinable && applied.length) { skip('cannot be combined with other promotions'); continue; }
    if ((p.amount != null || p.minSubtotal != null) && p.currency && p.currency.toUpperCase() !== currency) { skip(`only for orders in ${p.currency}`); continue; }
    if (p.minSubtotal != null && subtotal < p.minSubtotal) { skip(`needs a subtotal of at least ${p.minSubtotal}`); continue; }
    if (p.kind === 'free_shipping') {
      if (!input.shipping) { skip('no shipping on this order'); continue; }
      if (freeShippingBy) { skip('shipping is already free'); continue; }
      freeShippingBy = p;
      applied.push({ promotionId: p.id, code: p.code, name: p.name, kind: p.kind, amount: 0, reason: label(p, 'free shipping') });
      if (!p.combinable) exclusiveBy = p;
      continue;
    }
    const d = discountsOf(p, lines, left);
    if (typeof d === 'string') { skip(d); continue; }
    const amount = d.reduce((s, x) => s + x, 0);
    d.forEach((x, i) => { if (x > 0) { left[i] -= x; allocations[i].push({ promotionId: p.id, amount: x }); } });
    const what = p.kind === 'percentage' ? `${p.percent}% off`
      : p.kind === 'fixed_amount' ? `${p.amount} off${p.amountScope === 'item' ? ' each item' : ''}`
      : `buy ${p.buyX!.quantity} get ${p.getY!.quantity}${p.percent === 100 || p.percent == null ? ' free' : ` at ${p.percent}% off`}`;
    applied.push({ promotionId: p.id, code: p.code, name: p.name, kind: p.kind, amount, reason: label(p, what) });
    if (!p.combinable) exclusiveBy = p;
  }

  const rateOf = new Map(input.taxRates.map((r) => [r.taxClassId, r.rateBp]));
  const lineTotals: LineTotals[] = lines.map((l, i) => {
    const discount = subtotals[i] - left[i];
    const net = left[i];
    const rate = l.taxClass ? rateOf.get(l.taxClass) ?? 0 : 0;
    const tax = input.taxInclusive ? mulDivHalfUp(net, rate, 10_000 + rate) : mulDivHalfUp(net, rate, 10_000);
    return { index: i, variantId: l.variantId, subtotal: subtotals[i], discount, net, taxClass: l.taxClass, taxRateBp: rate, tax, allocations: allocations[i] };
  });
  const discountTotal = lineTotals.reduce((s, l) => s + l.discount, 0);
  const taxTotal = lineTotals.reduce((s, l) => s + l.tax, 0);

  let shipping: Totals['shipping'] = null;
  if (input.shipping) {
    const s = input.shipping;
    const overThreshold = s.freeOverSubtotal != null && subtotal - discountTotal >= s.freeOverSubtotal;
    const amount = overThreshold ? 0 : s.rate;
    const discount = freeShippingBy ? amount : 0;
    shipping = { id: s.id, name: s.name, amount, discount, total: amount - discount };
    if (freeShippingBy) applied.find((a) => a.promotionId === freeShippingBy!.id)!.amount = discount;
  }
  const shippingTotal = shipping?.total ?? 0;
  const total = subtotal - discountTotal + shippingTotal + (input.taxInclusive ? 0 : taxTotal);
  return {
    currency, subtotal, discountTotal, lines: lineTotals, shipping, shippingTotal, taxTotal, taxInclusive: input.taxInclusive, total,
    weightGrams: lines.reduce((s, l) => s + l.weightGrams * l.quantity, 0), applied, skipped,
  };
}

export interface RefundSplit { merchandise: number; tax: number; shipping: number }

/**
 * How much of a partial refund is merchandise, tax and shipping, in proportion to what the order
 * charged for each (largest remainder, so the parts add up to the refund exactly). With inclusive
 * prices the merchandise part excludes the tax inside it.
 */
export function splitRefund(totals: Pick<Totals, 'discountTotal' | 'subtotal' | 'taxTotal' | 'taxInclusive' | 'shippingTotal' | 'total'>, refund: number): RefundSplit {
  if (!Number.isSafeInteger(refund) || refund < 0 || refund > totals.total) throw new RangeError(`refund must be a whole amount between 0 and the order total ${totals.total}`);
  const merchandise = totals.subtotal - totals.discountTotal - (totals.taxInclusive ? totals.taxTotal : 0);
  const [m, t, s] = allocate(refund, [merchandise, totals.taxTotal, totals.shippingTotal]);
  return { merchandise: m, tax: t, shipping: s };
}
