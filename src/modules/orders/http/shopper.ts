/** What the store routes share about the signed-in shopper and their orders. */
import { notFound } from '../../../kernel/index.js';
import type { Ctx } from '../../../platform/index.js';
import type { OrderDto } from '../contracts/schemas.js';
import type { OrdersService } from '../contracts/service.js';

/** The signed-in customer's id ('' for anyone else, which owns no order). */
export const shopperId = (ctx: Ctx): string => (ctx.actor.kind === 'customer' ? ctx.actor.id : '');

/** The caller's own order; another customer's order answers exactly like a missing one. */
export async function shopperOrder(orders: OrdersService, ctx: Ctx, id: string): Promise<OrderDto> {
  const order = await orders.get(ctx, id).catch(() => null);
  if (!order || order.customerId !== shopperId(ctx)) throw notFound('orders.order_not_found', 'order', id);
  return order;
}
