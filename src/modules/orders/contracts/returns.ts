/**
 * Returns and refunds on the orders service: requests (customer, guest, staff) within the
 * return window, authorisation with a restocking fee or rejection, receiving with restock or
 * write-off, refunds to the original payment or as store credit, and exchanges.
 */
import type { Ctx } from '../../../platform/index.js';
import type { ReturnReason } from '../domain/returns.js';
import type { ReturnStatus } from '../domain/status.js';
import type { OrderReturnDto } from './schemas.js';

export type ReturnSource = 'customer' | 'guest' | 'staff';

export interface ReturnRequestInput {
  source: ReturnSource;
  lines: { orderLineId: string; quantity: number; reason: ReturnReason }[];
  note?: string | null;
  /** Replacement variants instead of money (priced now; their total must not exceed the returned value). */
  exchange?: { variantId: string; quantity: number }[];
  /** Staff may accept a return after the window has closed. */
  ignoreWindow?: boolean;
}

export interface ReceiveInput {
  lines: { orderLineId: string; disposition: 'restock' | 'write_off'; locationId?: string; condition?: string }[];
  note?: string;
}

export interface ReturnRefundInput {
  /** Same as the service's RefundMethod (spelt out: service.ts imports this file). */
  method: 'original_payment' | 'store_credit';
  /** Defaults to the value of the received units less the restocking fee; never more. */
  amount?: number;
  reason?: string;
}

export interface ReturnListQuery { status?: ReturnStatus; orderId?: string; limit: number; cursor?: string }

export interface ReturnsService {
  requestReturn(ctx: Ctx, orderId: string, input: ReturnRequestInput): Promise<OrderReturnDto>;
  getReturn(ctx: Ctx, id: string): Promise<OrderReturnDto>;
  /** Returns newest first, for the admin queue. */
  listReturns(ctx: Ctx, q: ReturnListQuery): Promise<{ items: OrderReturnDto[]; nextCursor: string | null }>;
  authorizeReturn(ctx: Ctx, id: string, input: { restockingFee?: number; note?: string }): Promise<OrderReturnDto>;
  rejectReturn(ctx: Ctx, id: string, reason: string): Promise<OrderReturnDto>;
  cancelReturn(ctx: Ctx, id: string, reason: string | null): Promise<OrderReturnDto>;
  /** Takes the units back (restock or write off each line); an exchange is then placed when it can be. */
  receiveReturn(ctx: Ctx, id: string, input: ReceiveInput): Promise<OrderReturnDto>;
  refundReturn(ctx: Ctx, id: string, input: ReturnRefundInput): Promise<OrderReturnDto>;
  /** Places (or retries placing) the replacement order of a received exchange. */
  exchangeReturn(ctx: Ctx, id: string): Promise<OrderReturnDto>;
}
