/**
 * The cart module's public service interface. A cart stores variant ids and quantities only;
 * prices, availability, discounts, shipping, tax and totals are computed live on every read
 * through the other modules' front doors and the totals calculator.
 *
 * Access: a customer cart is visible to its customer, a guest cart to the holder of its secret
 * token; anyone else gets the same 404 as for a cart that does not exist.
 */
import type { AppliedPromotion, SkippedPromotion } from '../domain/totals.js';
import type { Ctx } from '../../../platform/index.js';

export type CartStatus = 'active' | 'merged' | 'converted';
export type FulfilmentKind = 'delivery' | 'pickup' | 'curbside';

/** The guest secret a caller presents (the `x-cart-token` header); undefined when none was sent. */
export type CartToken = string | undefined;

export interface CartWarning { code: string; message: string }

export type AvailabilityStatus = 'in_stock' | 'not_enough' | 'out_of_stock' | 'not_tracked';

export interface CartLineView {
  id: string; variantId: string; productId: string | null; productTitle: string | null; title: string | null; sku: string | null;
  quantity: number;
  /** Shipping weight of one unit, from the catalog. */
  weightGrams: number | null;
  /** The live price in the cart's currency; null when the variant can no longer be bought. */
  unitPrice: number | null;
  /** The price when the line was added or last changed. */
  priceWhenAdded: number | null;
  subtotal: number; discount: number; tax: number;
  /** subtotal − discount. */
  total: number;
  availability: { status: AvailabilityStatus; quantityAvailable: number | null };
  warnings: CartWarning[];
}

export interface ShippingOptionView { id: string; kind: FulfilmentKind; name: string; amount: number; locationId: string | null }

export interface CartView {
  id: string; status: CartStatus; customerId: string | null; currency: string;
  mergedIntoId: string | null;
  lines: CartLineView[];
  codes: string[];
  /** Applied codes that do not count now (expired, used up…), with the reason from promotions. */
  rejectedCodes: { code: string; reason: string; message: string }[];
  address: { country: string; region: string | null; postalCode: string | null } | null;
  fulfilment: { kind: FulfilmentKind; methodId: string; name: string | null; locationId: string | null } | null;
  /** Delivery, pickup and curbside options for the address (empty without one). */
  shippingOptions: ShippingOptionView[];
  warnings: CartWarning[];
  totals: {
    subtotal: number; discountTotal: number; shippingTotal: number; taxTotal: number; taxInclusive: boolean; total: number; weightGrams: number;
    discounts: AppliedPromotion[];
    notApplied: SkippedPromotion[];
  };
  createdAt: string; updatedAt: string;
}

export interface ShippingChoice {
  address?: { country: string; region?: string | null; postalCode?: string | null } | null;
  /** A delivery method from the quote for the address. */
  methodId?: string | null;
  /** Or collect at a stock location. */
  pickup?: { kind: 'pickup' | 'curbside'; locationId: string } | null;
}

export interface CartService {
  /** A guest cart (answers its secret once) or the signed-in customer's active cart (created when missing). */
  create(ctx: Ctx, input: { currency?: string }): Promise<{ cart: CartView; token: string | null; created: boolean }>;
  /** The cart as the caller may see it; a customer presenting a guest cart's token merges it into their own. */
  get(ctx: Ctx, id: string, token: CartToken): Promise<CartView>;
  addLine(ctx: Ctx, id: string, token: CartToken, input: { variantId: string; quantity: number }): Promise<CartView>;
  /** Quantity 0 removes the line. */
  setQuantity(ctx: Ctx, id: string, token: CartToken, lineId: string, quantity: number): Promise<CartView>;
  removeLine(ctx: Ctx, id: string, token: CartToken, lineId: string): Promise<CartView>;
  /** Refused codes throw a 422 carrying the promotions module's reason as the error code. */
  applyCode(ctx: Ctx, id: string, token: CartToken, code: string): Promise<CartView>;
  removeCode(ctx: Ctx, id: string, token: CartToken, code: string): Promise<CartView>;
  setShipping(ctx: Ctx, id: string, token: CartToken, choice: ShippingChoice): Promise<CartView>;
  /** Merges a guest cart (by its token) into the signed-in customer's cart, or makes it theirs. */
  merge(ctx: Ctx, guestCartId: string, token: CartToken): Promise<CartView>;
  /** The checkout placed the cart's order (in the checkout's transaction): the cart closes. 409 when it is no longer active. */
  markConverted(ctx: Ctx, id: string): Promise<void>;
  /**
   * Carts started in [from, to) that held something (a line, or converted to an order); carts
   * merged into another at sign-in are the same visit and are not counted. Conversion's denominator.
   */
  countStarted(ctx: Ctx, q: { from: string; to: string }): Promise<number>;
}

/** The most units of one variant a cart line may hold. */
export const MAX_LINE_QUANTITY = 999;
/** The most lines a cart may hold. */
export const MAX_CART_LINES = 100;
