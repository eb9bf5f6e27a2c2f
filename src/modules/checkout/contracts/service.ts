/**
 * The checkout's public service interface. `start` runs the whole saga and answers the order, or
 * throws the error that stopped it after every step taken has been undone. A retry with the same
 * idempotency key answers the same order (or the same error) and never charges twice.
 */
import type { Ctx } from '../../../platform/index.js';
import type { OrderAddress, OrderDto } from '../../orders/index.js';
import type { CheckoutStatus, Step } from '../domain/saga.js';

export type { CheckoutStatus, Step };

export interface CheckoutInput {
  cartId: string;
  /** The guest cart's secret (x-cart-token); customers' own carts need none. */
  cartToken: string | undefined;
  email?: string;
  shippingAddress?: OrderAddress & { firstName: string; lastName: string; line1: string; city: string; postalCode: string };
  billingAddress?: OrderAddress;
  payment: { provider: string; token?: string };
  locale?: string;
  notes?: string;
  /** Scoped to the caller; a retry with the same key and body answers the same result. */
  idempotencyKey?: string;
}

export interface CheckoutStepView { step: string; outcome: 'done' | 'failed' | 'compensated'; detail: Record<string, unknown> | null; node: string; at: string }

export interface CheckoutView {
  id: string; cartId: string; status: CheckoutStatus; step: Step; customerId: string | null; email: string;
  currency: string; amount: number; provider: string; captureMode: string;
  reservationId: string | null; paymentId: string | null; orderId: string | null;
  error: { code: string; message: string; status: number } | null;
  attempts: number; createdAt: string; updatedAt: string; endedAt: string | null;
  steps: CheckoutStepView[];
}

export interface CheckoutService {
  /** Runs the saga for a cart; answers the placed order. */
  start(ctx: Ctx, input: CheckoutInput): Promise<{ checkout: CheckoutView; order: OrderDto; replayed: boolean }>;
  get(ctx: Ctx, id: string): Promise<CheckoutView>;
  list(ctx: Ctx, q: { status?: CheckoutStatus; limit: number; cursor?: string }): Promise<{ items: CheckoutView[]; nextCursor: string | null }>;
  /** Finishes or compensates every checkout whose node stopped answering for it; returns how many. */
  recover(ctx: Ctx): Promise<number>;
}
