/**
 * The orders module's public service interface. The historical import is here now; placing,
 * paying, fulfilling and returning orders arrive with the order path and use the same tables.
 */
import type { Ctx } from '../../../platform/index.js';
import type { Channel, FulfillmentStatus, OrderStatus, PaymentStatus, ReturnStatus } from '../domain/status.js';
import type { OrderAddress, OrderDto, OrderSummaryDto } from './schemas.js';

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

export interface OrdersService {
  /** Bulk-inserts orders from another system (or the demo store) in the caller's transaction, numbered in placed order. */
  importHistorical(ctx: Ctx, orders: HistoricalOrder[], opts?: { source?: string }): Promise<ImportReport>;
  /** One order with its lines and returns. */
  get(ctx: Ctx, id: string): Promise<OrderDto>;
  /** Orders newest first, filtered, with a cursor. */
  list(ctx: Ctx, q: OrderListQuery): Promise<{ items: OrderSummaryDto[]; nextCursor: string | null }>;
  /** A customer's own orders, newest first. */
  listForCustomer(ctx: Ctx, customerId: string, q: { limit: number; cursor?: string }): Promise<{ items: OrderSummaryDto[]; nextCursor: string | null }>;
  /** Full orders in placed order, for feature builders and model training (keyset on placed_at, id). */
  scan(ctx: Ctx, q: { after?: string; placedFrom?: string; placedTo?: string; limit: number }): Promise<{ items: OrderDto[]; nextCursor: string | null }>;
  /** Number of orders (optionally of one source); cheap check for "is there any history". */
  count(ctx: Ctx, opts?: { source?: string }): Promise<number>;
}
