/**
 * Capture at fulfilment: a store that only authorizes at checkout takes the money when the goods
 * first leave (shipped or handed over). A failed capture stops the order for review and the
 * goods stay in the building.
 */
import { AppError, isAppError } from '../../../kernel/index.js';
import type { Ctx } from '../../../platform/index.js';
import type { OrderDto, OrdersService } from '../../orders/index.js';
import type { PaymentsService } from '../../payments/index.js';

export interface CaptureUses { orders: OrdersService; payments: PaymentsService }

/** Captures the order's authorized payment (once, by key) and marks the order paid; throws 402/502 after holding the order when it fails. */
export async function captureIfAuthorized(ctx: Ctx, uses: CaptureUses, order: OrderDto, what: string): Promise<void> {
  if (order.paymentStatus !== 'authorized' || !order.paymentId) return;
  const payment = await uses.payments.get(ctx, order.paymentId);
  const captured = () => uses.orders.recordPayment(ctx, order.id, { paymentStatus: 'paid', message: `Payment captured as ${what}` });
  // A capture that went through before a crash (or a concurrent request) only needs recording.
  if (payment.status === 'captured' || payment.status === 'partially_refunded') { await captured(); return; }
  const failWith = async (status: 402 | 502, code: string, reason: string): Promise<never> => {
    await uses.orders.hold(ctx, order.id, `payment capture failed: ${reason}`).catch((e) => { if (!isAppError(e)) throw e; });
    throw new AppError(code, `the payment of order ${order.displayNumber} could not be captured (${reason}); the order is on hold and nothing was sent`, status, { orderId: order.id, paymentId: order.paymentId });
  };
  if (payment.status !== 'authorized') return failWith(402, 'fulfillment.capture_declined', `the payment is ${payment.status}`);
  // An edit lowers the total after authorization: capture what the order now costs, never more than is held.
  const amount = Math.min(order.total - order.refundedTotal, payment.authorized - payment.captured);
  if (amount <= 0) return;
  let result;
  try {
    // The order's version is in the key: a blind retry replays, a retry after release from hold tries again.
    result = await uses.payments.capture(ctx, order.paymentId, { amount, idempotencyKey: `order:${order.id}:fulfilment:v${order.version}` });
  } catch (e) {
    if (!isAppError(e)) throw e;
    return failWith(402, 'fulfillment.capture_declined', e.message);
  }
  if (!result.ok) {
    const declined = result.error.code === 'payments.declined';
    return failWith(declined ? 402 : 502, declined ? 'fulfillment.capture_declined' : 'fulfillment.capture_failed', result.error.message);
  }
  if (result.value.status !== 'captured' && result.value.status !== 'partially_refunded') return failWith(402, 'fulfillment.capture_declined', `the payment is ${result.value.status}`);
  await captured();
}
