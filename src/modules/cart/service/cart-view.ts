/**
 * The cart's read model, computed live on every read: titles and prices from the catalog,
 * availability from inventory, live promotions, tax rates of the destination and shipping quotes,
 * all through their front doors, then the totals calculator. Nothing here is stored.
 */
import { computeTotals, type ShippingInput, type TotalsLine } from '../domain/totals.js';
import type { Ctx } from '../../../platform/index.js';
import type { CatalogService, VariantSummary } from '../../catalog/index.js';
import type { InventoryService } from '../../inventory/index.js';
import type { PromotionsService } from '../../promotions/index.js';
import type { ShippingService } from '../../shipping/index.js';
import type { TaxService } from '../../tax/index.js';
import type { CartLineView, CartView, CartWarning, ShippingOptionView } from '../contracts/service.js';
import type { CartRow, LineRow } from '../data/carts.repo.js';
import { availabilityOf, lineWarnings } from '../domain/cart-rules.js';

export interface CartUses { catalog: CatalogService; inventory: InventoryService; promotions: PromotionsService; tax: TaxService; shipping: ShippingService }

// The catalog has no per-product tax class yet, so every line is taxed at the standard class.
const STANDARD_TAX_CLASS = 'standard';

export async function buildCartView(ctx: Ctx, uses: CartUses, cart: CartRow, lines: LineRow[]): Promise<CartView> {
  const variantIds = lines.map((l) => l.variantId);
  const variants = await uses.catalog.getVariants(ctx, variantIds, { currency: cart.currency });
  const stock = variantIds.length ? await uses.inventory.availability(ctx, variantIds) : new Map();
  // An empty cart without codes has nothing a promotion could apply to (the common first read).
  const eligible = lines.length || cart.codes.length
    ? await uses.promotions.eligible(ctx, { codes: cart.codes, customerId: cart.customerId })
    : { promotions: [], rejected: [] };
  const warnings: CartWarning[] = eligible.rejected.map((r) => ({ code: 'cart.code_rejected', message: `${r.code}: ${r.message}` }));

  const collecting = cart.fulfilment === 'pickup' || cart.fulfilment === 'curbside';
  const collectAt = collecting && cart.pickupLocationId ? await uses.inventory.getLocation(ctx, cart.pickupLocationId).catch(() => null) : null;
  // Collected orders are taxed where they are handed over; delivered ones at the address.
  const destination = collectAt ? { country: collectAt.address.country, region: collectAt.address.region, postalCode: collectAt.address.postalCode }
    : cart.shipCountry ? { country: cart.shipCountry, region: cart.shipRegion, postalCode: cart.shipPostal } : null;
  const tax = destination ? await uses.tax.resolve(ctx, destination) : { pricesIncludeTax: (await uses.tax.settings(ctx)).pricesIncludeTax, rates: [] };
  const taxClass = tax.rates.find((r) => r.taxClassCode === STANDARD_TAX_CLASS)?.taxClassId ?? null;

  const sellable = lines.filter((l) => { const v = variants.get(l.variantId); return v && v.status === 'active' && v.price; });
  const totalsLines: TotalsLine[] = sellable.map((l) => {
    const v = variants.get(l.variantId)!;
    return { variantId: l.variantId, productId: v.productId, categoryIds: v.categoryIds, unitPrice: v.price!.amount, quantity: l.quantity, weightGrams: v.weightGrams ?? 0, taxClass };
  });
  const base = { lines: totalsLines, currency: cart.currency, promotions: eligible.promotions, taxRates: tax.rates.map((r) => ({ taxClassId: r.taxClassId, rateBp: r.rateBp, name: r.name })), taxInclusive: tax.pricesIncludeTax };
  // A first pass without shipping gives the discounted subtotal and weight the quote needs.
  const goods = computeTotals({ ...base, shipping: null });

  const quotes = cart.shipCountry
    ? await uses.shipping.quote(ctx, { country: cart.shipCountry, region: cart.shipRegion, weightGrams: goods.weightGrams, subtotal: goods.subtotal - goods.discountTotal, currency: cart.currency })
    : [];
  const shippingOptions: ShippingOptionView[] = quotes.map((q) => ({ id: q.id, kind: q.kind, name: q.name, amount: q.amount, locationId: q.locationId }));
  let shipping: ShippingInput | null = null;
  let methodName: string | null = null;
  if (cart.fulfilment === 'delivery' && cart.shippingMethodId) {
    const q = quotes.find((o) => o.id === cart.shippingMethodId && o.kind === 'delivery');
    if (q) { shipping = { id: q.id, name: q.name, rate: q.rate, currency: q.currency, freeOverSubtotal: q.freeOverSubtotal }; methodName = q.name; }
  } else if (collecting && cart.shippingMethodId) {
    const m = await uses.shipping.getMethod(ctx, cart.shippingMethodId).catch(() => null);
    if (m?.active && collectAt?.active) { shipping = { id: m.id, name: m.name, rate: 0, currency: cart.currency, freeOverSubtotal: null }; methodName = m.name; }
  }
  if (cart.fulfilment && !shipping) warnings.push({ code: 'cart.shipping_unavailable', message: 'the chosen shipping method is no longer offered for this cart; choose another' });
  const totals = computeTotals({ ...base, shipping });

  const lineTotals = new Map(sellable.map((l, i) => [l.id, totals.lines[i]]));
  const lineViews: CartLineView[] = lines.map((l) => {
    const v = variants.get(l.variantId);
    const t = lineTotals.get(l.id);
    const s = stock.get(l.variantId);
    const available = v && !v.manageInventory ? null
      : collecting && cart.pickupLocationId ? s?.byLocation.find((b: { locationId: string }) => b.locationId === cart.pickupLocationId)?.available ?? 0
      : s?.available ?? 0;
    const availability = availabilityOf(l.quantity, available);
    const unitPrice = t ? v!.price!.amount : null;
    return {
      id: l.id, variantId: l.variantId, productId: v?.productId ?? null, productTitle: v?.productTitle ?? null, title: v?.title ?? null, sku: v?.sku ?? null,
      quantity: l.quantity, weightGrams: v?.weightGrams ?? null, unitPrice, priceWhenAdded: l.priceSeen,
      subtotal: t?.subtotal ?? 0, discount: t?.discount ?? 0, tax: t?.tax ?? 0, total: t?.net ?? 0,
      availability,
      warnings: lineWarnings({ quantity: l.quantity, unitPrice, priceWhenAdded: l.priceSeen, sellable: !!t, availability }, cart.currency),
    };
  });

  return {
    id: cart.id, status: cart.status, customerId: cart.customerId, currency: cart.currency, mergedIntoId: cart.mergedIntoId,
    lines: lineViews, codes: cart.codes, rejectedCodes: eligible.rejected.map((r) => ({ code: r.code, reason: r.reason, message: r.message })),
    address: cart.shipCountry ? { country: cart.shipCountry, region: cart.shipRegion, postalCode: cart.shipPostal } : null,
    fulfilment: cart.fulfilment && cart.shippingMethodId ? { kind: cart.fulfilment, methodId: cart.shippingMethodId, name: methodName, locationId: cart.pickupLocationId } : null,
    shippingOptions, warnings,
    totals: {
      subtotal: totals.subtotal, discountTotal: totals.discountTotal, shippingTotal: totals.shippingTotal, taxTotal: totals.taxTotal, taxInclusive: totals.taxInclusive,
      total: totals.total, weightGrams: totals.weightGrams, discounts: totals.applied, notApplied: totals.skipped,
    },
    createdAt: cart.createdAt, updatedAt: cart.updatedAt,
  };
}
