/**
 * The orders module's public service interface: the order management system. Checkout places
 * orders, the fulfillment module reports what went out, the returns side reports refunds; staff
 * hold, release, edit, cancel and annotate; shoppers read their own orders (guests by number and
 * email). Every change is one transaction with its timeline entry and its events.
 */
import type { Ctx } from '../../../platform/index.js';
import type { Channel, FulfillmentStatus, FulfilmentKind, OrderStatus, PaymentStatus, ReturnStatus } from '../domain/status.js';
import type { OrderAddress, OrderDto, OrderSummaryDto, TimelineEntryDto } from './schemas.js';
import type { ReturnsService } from './returns.js';

export interface PlaceOrderLine {
  productId: string | null;
  variantId: string;
  sku: string | null;
  title: string;
  variantTitle: string | null;
  quantity: number;
  /** Minor units, before discounts (tax included when the order is tax-inclusive). */
  unitPrice: number;
  discountTotal: number;
  taxTotal: number;
  /** Where the stock for this line was reserved and committed. */
  locationId: string | null;
  weightGrams: number | null;
}

export interface PlaceOrderInput {
  /** The checkout that placed it: placing twice for one checkout returns the first order. */
  checkoutId: string;
  customerId: string | null;
  email: string;
  channel: Channel;
  fulfilmentKind: FulfilmentKind;
  /** The pickup or curbside location; null for delivery. */
  locationId: string | null;
  currency: string;
  lines: PlaceOrderLine[];
  shippingTotal: number;
  shippingMethod: string | null;
  taxInclusive: boolean;
  promotionCode: string | null;
  billingAddress: OrderAddress | null;
  shippingAddress: OrderAddress | null;
  locale: string;
  notes: string | null;
  paymentId: string;
  paymentStatus: 'authorized' | 'paid';
  reservationId: string | null;
  /** Placed straight onto hold for review, with this reason. */
  holdReason?: string | null;
}

export type RefundMethod = 'original_payment' | 'store_credit';

export interface CancelInput {
  reason: string;
  /** Put unfulfilled units back on the shelf (default true). */
  restock?: boolean;
}

export interface OrderEditInput {
  /** New quantities for lines (0 removes the line); only units not yet fulfilled can go. */
  lines: { lineId: string; quantity: number }[];
  reason: string;
}

export interface HistoricalOrderLine {
  productId?: string | null;
  variantId?: string | null;
  sku?: string | null;
  title: string;
  variantTitle?: string | null;
  quantity: number;
  /** Minor units, before discounts. */
  unitPrice: number;
  discountTotal?: number;
  taxTotal?: number;
  returnedQuantity?: number;
}

export interface HistoricalReturn {
  status: ReturnStatus;
  reason?: string | null;
  refundTotal: number;
  requestedAt: string;
  receivedAt?: string | null;
  refundedAt?: string | null;
  /** Positions (0-based) of the returned lines in the order's `lines`, with quantities. */
  lines: { line: number; quantity: number; restock?: boolean }[];
}

export interface HistoricalOrder {
  /** The id in the source system; an order with a (source, externalRef) already present is skipped. */
  externalRef: string;
  customerId?: string | null;
  email: string;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  fulfillmentStatus: FulfillmentStatus;
  channel: Channel;
  locationId?: string | null;
  currency: string;
  shippingTotal?: number;
  refundedTotal?: number;
  promotionCode?: string | null;
  shippingMethod?: string | null;
  billingAddress?: OrderAddress | null;
  shippingAddress?: OrderAddress | null;
  notes?: string | null;
  metadata?: Record<string, unknown> | null;
  placedAt: string;
  cancelledAt?: string | null;
  closedAt?: string | null;
  lines: HistoricalOrderLine[];
  returns?: HistoricalReturn[];
}

export interface ImportReport { imported: number; skipped: number; firstNumber: number | null; lastNumber: number | null }

export interface OrderListQuery {
  status?: OrderStatus;
  paymentStatus?: PaymentStatus;
  fulfillmentStatus?: FulfillmentStatus;
  channel?: Channel;
  customerId?: string;
  email?: string;
  /** Inclusive lower and exclusive upper bound on placed_at (ISO). */
  placedFrom?: string;
  placedTo?: string;
  limit: number;
  cursor?: string;
}

export interface CustomerValue {
  orders: number;
  /** Net of refunds, minor units, per currency (largest first). */
  totals: { currency: string; amount: number; orders: number }[];
  firstOrderAt: string | null;
  lastOrderAt: string | null;
}

export interface OrderStatsQuery {
  /** Inclusive lower and exclusive upper bound on placed_at (ISO). */
  from: string;
  to: string;
  /** Orders in other currencies are left out: money is never summed across currencies. */
  currency: string;
  /** How many best-selling products to list (default 10). */
  topProducts?: number;
}

export interface OrderStatsDay {
  /** UTC date, YYYY-MM-DD. */
  day: string;
  orders: number;
  grossSales: number;
  refunds: number;
}

export interface OrderStats {
  /** Orders placed in the range, cancelled ones left out. */
  orders: number;
  /** Of which placed by the online checkout (they come from carts: the numerator of conversion). */
  checkoutOrders: number;
  /** Distinct buyers (customer account, or email for guests). */
  customers: number;
  units: number;
  /** What customers were charged (lines after discounts, tax and shipping), in minor units. */
  grossSales: number;
  /** Refunded so far on those orders. */
  refunds: number;
  /** Only days with orders, oldest first. */
  days: OrderStatsDay[];
  /** Best sellers by what their lines were charged (after discounts, with tax). */
  topProducts: { productId: string | null; title: string; units: number; orders: number; sales: number }[];
}

export interface OrdersService extends ReturnsService {
  /** Sales figures for a range, grouped by UTC day in the database (dashboards and reports). */
  stats(ctx: Ctx, q: OrderStatsQuery): Promise<OrderStats>;
  /** Bulk-inserts orders from another system (or the demo store) in the caller's transaction, numbered in placed order. */
  importHistorical(ctx: Ctx, orders: HistoricalOrder[], opts?: { source?: string }): Promise<ImportReport>;
  /** One order with its lines and returns. */
  get(ctx: Ctx, id: string): Promise<OrderDto>;
  /** Orders newest first, filtered, with a cursor. */
  list(ctx: Ctx, q: OrderListQuery): Promise<{ items: OrderSummaryDto[]; nextCursor: string | null }>;
  /** A customer's own orders, newest first. */
  listForCustomer(ctx: Ctx, customerId: string, q: { limit: number; cursor?: string }): Promise<{ items: OrderSummaryDto[]; nextCursor: string | null }>;
  /** What a customer (or a guest's email) has spent: order totals less refunds per currency, cancelled orders left out. */
  customerValue(ctx: Ctx, who: { customerId?: string; email?: string }): Promise<CustomerValue>;
  /** Full orders in placed order, for feature builders and model training (keyset on placed_at, id). */
  scan(ctx: Ctx, q: { after?: string; placedFrom?: string; placedTo?: string; limit: number }): Promise<{ items: OrderDto[]; nextCursor: string | null }>;
  /** Number of orders (optionally of one source); cheap check for "is there any history". */
  count(ctx: Ctx, opts?: { source?: string }): Promise<number>;

  /** Creates the order of a checkout in the caller's transaction and announces `order.placed`; idempotent per checkout. */
  place(ctx: Ctx, input: PlaceOrderInput): Promise<OrderDto>;
  /** The order a checkout placed, if any. */
  findByCheckout(ctx: Ctx, checkoutId: string): Promise<OrderDto | null>;
  /** A guest's order by its number and the email it was placed with; anything else is a 404. */
  lookup(ctx: Ctx, number: number, email: string): Promise<OrderDto>;
  /** The order's timeline, oldest first; customers never see internal notes. */
  timeline(ctx: Ctx, id: string, opts?: { includeInternal?: boolean }): Promise<TimelineEntryDto[]>;
  addNote(ctx: Ctx, id: string, input: { message: string; internal: boolean }): Promise<TimelineEntryDto>;
  /** Stops an order for review; release puts it back where it was. */
  hold(ctx: Ctx, id: string, reason: string): Promise<OrderDto>;
  release(ctx: Ctx, id: string): Promise<OrderDto>;
  /** Cancels an order nothing of which has gone out: voids or refunds the payment and restocks. */
  cancel(ctx: Ctx, id: string, input: CancelInput): Promise<OrderDto>;
  /** Lowers quantities before fulfilment: restocks the difference and gives back what was paid for it. */
  edit(ctx: Ctx, id: string, input: OrderEditInput): Promise<OrderDto>;
  /** The payment moved (captured at fulfilment, refunded…): the order's payment status follows. */
  recordPayment(ctx: Ctx, id: string, input: { paymentStatus: PaymentStatus; refundedTotal?: number; message: string }): Promise<OrderDto>;
  /** The fulfillment module reports units sent or handed over (or that work has started). */
  recordFulfilment(ctx: Ctx, id: string, input: { lines: { lineId: string; quantity: number }[]; started?: boolean; message: string }): Promise<OrderDto>;
  /** Money went back to the customer (a return, an edit, goodwill); announces `order.refunded`. */
  recordRefund(ctx: Ctx, id: string, input: { amount: number; method: RefundMethod; reason: string | null; returnId?: string | null }): Promise<OrderDto>;
  /** Closes a fulfilled order (picked up, delivered, or by the nightly close-out). */
  complete(ctx: Ctx, id: string, message: string): Promise<OrderDto>;
}
