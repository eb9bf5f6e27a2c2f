/**
 * The order management system's writes: placing an order for a checkout, and every move after it
 * (payment, fulfilment progress, hold and release, edits, cancellation, refunds, completion).
 * Each is one transaction that checks the transition table, updates the order on its version
 * (a concurrent change answers 409, never a lost update), writes a timeline entry and emits the
 * events. Money leaves through the payments front door and stock returns through inventory's,
 * before the order changes: a failed refund leaves the order as it was.
 */
import { AppError, conflict, newId, notFound } from '../../../kernel/index.js';
import { actorRef, audit, emit, inTransaction, withDb, type Ctx, type Db, type Dialect } from '../../../platform/index.js';
import { takeOrderNumbers } from '../data/numbers.js';
import type { InventoryService } from '../../inventory/index.js';
import type { PaymentsService } from '../../payments/index.js';
import {
  OrderCancelled, OrderEdited, OrderNoteAdded, OrderPaymentUpdated, OrderPlaced, OrderRefunded, OrderStatusChanged,
} from '../contracts/events.js';
import type { OrderDto, TimelineEntryDto } from '../contracts/schemas.js';
import type { CancelInput, OrderEditInput, PlaceOrderInput, RefundMethod } from '../contracts/service.js';
import {
  canTransition, EDITABLE_STATUSES, ORDER_TRANSITIONS, statusForProgress, type OrderStatus, type PaymentStatus,
} from '../domain/status.js';

export interface LifecycleUses { inventory: InventoryService; payments: PaymentsService }

type Read = (ctx: Ctx, id: string) => Promise<OrderDto>;

const orderNotFound = (id: string) => notFound('orders.order_not_found', 'order', id);
/** A JSON column value; absent stays null. */
export const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** Line net of discounts, plus tax when prices exclude it. */
const lineTotal = (unitPrice: number, quantity: number, discount: number, tax: number, inclusive: boolean) =>
  unitPrice * quantity - discount + (inclusive ? 0 : tax);

export class OrderLifecycle {
  constructor(private readonly uses: LifecycleUses, private readonly read: Read, private readonly dialect: Dialect) {}

  async place(ctx: Ctx, input: PlaceOrderInput): Promise<OrderDto> {
    const id = await inTransaction(ctx.db, async (tx) => {
      const c = withDb(ctx, tx);
      const existing = await tx.selectFrom('orders').select('id').where('checkout_id', '=', input.checkoutId).executeTakeFirst();
      if (existing) return existing.id as string;
      const now = ctx.clock.now().toISOString();
      const orderId = newId('ord');
      let subtotal = 0, discount = 0, tax = 0, items = 0;
      const lines = input.lines.map((l, position) => {
        subtotal += l.unitPrice * l.quantity; discount += l.discountTotal; tax += l.taxTotal; items += l.quantity;
        return {
          id: newId('oli'), order_id: orderId, position, product_id: l.productId, variant_id: l.variantId, sku: l.sku, title: l.title,
          variant_title: l.variantTitle, quantity: l.quantity, unit_price: l.unitPrice, discount_total: l.discountTotal, tax_total: l.taxTotal,
          total: lineTotal(l.unitPrice, l.quantity, l.discountTotal, l.taxTotal, input.taxInclusive), returned_quantity: 0,
          fulfilled_quantity: 0, location_id: l.locationId, weight_grams: l.weightGrams,
        };
      });
      const total = subtotal - discount + input.shippingTotal + (input.taxInclusive ? 0 : tax);
      const status: OrderStatus = input.holdReason ? 'on_hold' : 'paid';
      const [number] = await takeOrderNumbers(tx, this.dialect);
      await tx.insertInto('orders').values({
        id: orderId, number, customer_id: input.customerId, email: input.email.toLowerCase(), status, payment_status: input.paymentStatus,
        fulfillment_status: 'unfulfilled', channel: input.channel, location_id: input.locationId, source: 'checkout', external_ref: null,
        currency: input.currency, subtotal, discount_total: discount, shipping_total: input.shippingTotal, tax_total: tax, total,
        refunded_total: 0, item_count: items, promotion_code: input.promotionCode, shipping_method: input.shippingMethod,
        billing_country: input.billingAddress?.country ?? null, shipping_country: input.shippingAddress?.country ?? null,
        billing_address: json(input.billingAddress), shipping_address: json(input.shippingAddress), notes: input.notes, metadata: null,
        placed_at: now, cancelled_at: null, closed_at: null, created_at: now, updated_at: now,
        checkout_id: input.checkoutId, payment_id: input.paymentId, reservation_id: input.reservationId, fulfilment_kind: input.fulfilmentKind,
        locale: input.locale, hold_reason: input.holdReason ?? null, held_from: input.holdReason ? 'paid' : null, version: 0,
        tax_inclusive: input.taxInclusive ? 1 : 0,
      }).execute();
      await tx.insertInto('order_lines').values(lines).execute();
      await timeline(c, orderId, 'placed', `Order #${number} placed`, { total, currency: input.currency, paymentStatus: input.paymentStatus });
      if (input.holdReason) await timeline(c, orderId, 'hold', `On hold: ${input.holdReason}`, null);
      await emit(c, OrderPlaced, orderId, {
        orderId, number, checkoutId: input.checkoutId, customerId: input.customerId, email: input.email.toLowerCase(), currency: input.currency, total,
        itemCount: items, channel: input.channel, fulfilmentKind: input.fulfilmentKind, locationId: input.locationId, status,
        lines: lines.map((l) => ({ variantId: l.variant_id, productId: l.product_id, quantity: l.quantity, total: l.total })),
      });
      return orderId;
    });
    return this.read(ctx, id);
  }

  async addNote(ctx: Ctx, id: string, input: { message: string; internal: boolean }): Promise<TimelineEntryDto> {
    return inTransaction(ctx.db, async (tx) => {
      const c = withDb(ctx, tx);
      const o = await row(tx, id);
      const entry = await timeline(c, id, 'note', input.message, null, input.internal);
      await emit(c, OrderNoteAdded, id, { orderId: id, number: Number(o.number), internal: input.internal });
      return entry;
    });
  }

  async hold(ctx: Ctx, id: string, reason: string): Promise<OrderDto> {
    await this.change(ctx, id, async (c, o) => {
      if (o.status === 'on_hold') throw conflict('orders.already_on_hold', `order #${o.number} is already on hold`);
      const to: OrderStatus = 'on_hold';
      requireTransition(o, to);
      await update(c, o, { status: to, hold_reason: reason, held_from: o.status });
      await statusChanged(c, o, to, reason);
      await timeline(c, id, 'hold', `On hold: ${reason}`, null);
    });
    return this.read(ctx, id);
  }

  async release(ctx: Ctx, id: string): Promise<OrderDto> {
    await this.change(ctx, id, async (c, o) => {
      if (o.status !== 'on_hold') throw conflict('orders.not_on_hold', `order #${o.number} is not on hold`);
      const to = (o.held_from ?? 'paid') as OrderStatus;
      await update(c, o, { status: to, hold_reason: null, held_from: null });
      await statusChanged(c, o, to, 'released from hold');
      await timeline(c, id, 'hold', 'Released from hold', null);
    });
    return this.read(ctx, id);
  }

  async cancel(ctx: Ctx, id: string, input: CancelInput): Promise<OrderDto> {
    const before = await this.read(ctx, id);
    if (before.status === 'cancelled') return before;
    if (!EDITABLE_STATUSES.includes(before.status as OrderStatus) || before.lines.some((l) => l.fulfilledQuantity > 0)) {
      throw conflict('orders.not_cancellable', `order ${before.displayNumber} is ${before.status.replace('_', ' ')}; only orders nothing of which has gone out can be cancelled (use a return instead)`, { status: before.status });
    }
    const money = await this.giveBack(ctx, before, null, `order:${id}:cancel`);
    const restock = input.restock !== false;
    if (restock) {
      for (const l of before.lines) await this.restock(ctx, l.variantId, l.locationId, l.quantity - l.fulfilledQuantity, `order ${before.displayNumber} cancelled`);
    }
    await this.change(ctx, id, async (c, o) => {
      const now = ctx.clock.now().toISOString();
      await update(c, o, {
        status: 'cancelled', cancelled_at: now, hold_reason: null, held_from: null,
        payment_status: money.paymentStatus ?? o.payment_status, refunded_total: Number(o.refunded_total) + money.refunded,
      });
      await statusChanged(c, o, 'cancelled', input.reason);
      await timeline(c, id, 'status', `Cancelled: ${input.reason}`, { refunded: money.refunded, voided: money.voided, restocked: restock });
      await emit(c, OrderCancelled, id, { orderId: id, number: Number(o.number), reason: input.reason, refunded: money.refunded, restocked: restock });
      if (money.refunded > 0) await refunded(c, o, money.refunded, 'original_payment', input.reason, null, Number(o.refunded_total) + money.refunded);
    }, { allowFrom: before.version });
    return this.read(ctx, id);
  }

  async edit(ctx: Ctx, id: string, input: OrderEditInput): Promise<OrderDto> {
    const before = await this.read(ctx, id);
    if (!EDITABLE_STATUSES.includes(before.status as OrderStatus)) {
      throw conflict('orders.not_editable', `order ${before.displayNumber} is ${before.status.replace('_', ' ')} and can no longer be edited`, { status: before.status });
    }
    const byId = new Map(before.lines.map((l) => [l.id, l]));
    const changes = input.lines.map((e, i) => {
      const line = byId.get(e.lineId);
      if (!line) throw new AppError('orders.line_not_found', `line '${e.lineId}' is not a line of this order`, 422, [{ field: `body.lines[${i}].lineId`, message: 'is not a line of this order' }]);
      if (e.quantity > line.quantity) throw new AppError('orders.quantity_increase', 'an edit can only lower quantities (add items with a new order)', 422, [{ field: `body.lines[${i}].quantity`, message: `must be at most ${line.quantity}` }]);
      if (e.quantity < line.fulfilledQuantity) throw new AppError('orders.quantity_fulfilled', `${line.fulfilledQuantity} unit(s) of this line have gone out already`, 422, [{ field: `body.lines[${i}].quantity`, message: `must be at least ${line.fulfilledQuantity}` }]);
      return { line, to: e.quantity };
    }).filter((c) => c.to !== c.line.quantity);
    if (!changes.length) return before;
    if (changes.every((c) => c.to === 0) && changes.length === before.lines.length) {
      throw new AppError('orders.edit_empties_order', 'an edit cannot remove every line; cancel the order instead', 422, [{ field: 'body.lines', message: 'would leave no line' }]);
    }
    // Each line's discount and tax shrink in proportion to the units kept, rounding half up.
    const planned = changes.map(({ line, to }) => {
      const scale = (x: number) => Math.round((x * to) / line.quantity);
      const discount = scale(line.discountTotal), tax = scale(line.taxTotal);
      const total = lineTotal(line.unitPrice, to, discount, tax, before.taxInclusive);
      return { line, to, discount, tax, total, delta: line.total - total };
    });
    const giveBack = planned.reduce((s, p) => s + p.delta, 0);
    const newTotal = before.total - giveBack;
    const money = await this.giveBack(ctx, before, { amount: giveBack, newTotal }, `order:${id}:edit:${before.updatedAt}`);
    for (const p of planned) await this.restock(ctx, p.line.variantId, p.line.locationId, p.line.quantity - p.to, `order ${before.displayNumber} edited`);
    await this.change(ctx, id, async (c, o) => {
      for (const p of planned) {
        if (p.to === 0) await c.db.deleteFrom('order_lines').where('id', '=', p.line.id).execute();
        else await c.db.updateTable('order_lines').set({ quantity: p.to, discount_total: p.discount, tax_total: p.tax, total: p.total }).where('id', '=', p.line.id).execute();
      }
      const sums = planned.reduce((s, p) => ({
        sub: s.sub + p.line.unitPrice * (p.line.quantity - p.to), disc: s.disc + p.line.discountTotal - p.discount, tax: s.tax + p.line.taxTotal - p.tax, items: s.items + p.line.quantity - p.to,
      }), { sub: 0, disc: 0, tax: 0, items: 0 });
      // The total becomes what the customer now buys; the money for the removed units went back
      // (or will never be captured), so it is not counted again as a refund against the new total.
      const refundedTotal = Number(o.refunded_total);
      await update(c, o, {
        subtotal: Number(o.subtotal) - sums.sub, discount_total: Number(o.discount_total) - sums.disc, tax_total: Number(o.tax_total) - sums.tax,
        item_count: Number(o.item_count) - sums.items, total: newTotal, payment_status: money.paymentStatus ?? o.payment_status,
      });
      const lines = planned.map((p) => ({ lineId: p.line.id, from: p.line.quantity, to: p.to }));
      await timeline(c, id, 'edit', `Edited: ${input.reason}`, { lines, refunded: money.refunded });
      await emit(c, OrderEdited, id, { orderId: id, number: Number(o.number), reason: input.reason, total: newTotal, refunded: money.refunded, lines });
      if (money.refunded > 0) await refunded(c, o, money.refunded, 'original_payment', input.reason, null, refundedTotal);
    }, { allowFrom: before.version });
    return this.read(ctx, id);
  }

  async recordPayment(ctx: Ctx, id: string, input: { paymentStatus: PaymentStatus; refundedTotal?: number; message: string }): Promise<OrderDto> {
    await this.change(ctx, id, async (c, o) => {
      if (o.payment_status === input.paymentStatus && input.refundedTotal === undefined) return;
      await update(c, o, { payment_status: input.paymentStatus, ...(input.refundedTotal !== undefined ? { refunded_total: input.refundedTotal } : {}) });
      await timeline(c, id, 'payment', input.message, { from: o.payment_status, to: input.paymentStatus });
      if (o.payment_status !== input.paymentStatus) await emit(c, OrderPaymentUpdated, id, { orderId: id, number: Number(o.number), from: o.payment_status, to: input.paymentStatus });
    });
    return this.read(ctx, id);
  }

  async recordFulfilment(ctx: Ctx, id: string, input: { lines: { lineId: string; quantity: number }[]; started?: boolean; message: string }): Promise<OrderDto> {
    await this.change(ctx, id, async (c, o) => {
      if (['cancelled', 'completed', 'on_hold', 'pending'].includes(o.status)) {
        throw conflict('orders.not_fulfillable', `order #${o.number} is ${o.status.replace('_', ' ')} and cannot be fulfilled`, { status: o.status });
      }
      for (const [i, l] of input.lines.entries()) {
        const res = await c.db.updateTable('order_lines').set((eb) => ({ fulfilled_quantity: eb('fulfilled_quantity', '+', l.quantity) }))
          .where('id', '=', l.lineId).where('order_id', '=', id).where((eb) => eb(eb('fulfilled_quantity', '+', l.quantity), '<=', eb.ref('quantity'))).executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError('orders.over_fulfilled', `line '${l.lineId}' does not have ${l.quantity} unit(s) left to fulfil`, 409, [{ field: `lines[${i}].quantity`, message: 'is more than is left' }]);
      }
      const sums = await c.db.selectFrom('order_lines').select((eb) => [eb.fn.sum<number>('quantity').as('q'), eb.fn.sum<number>('fulfilled_quantity').as('f')]).where('order_id', '=', id).executeTakeFirstOrThrow();
      const ordered = Number(sums.q), done = Number(sums.f);
      const to = statusForProgress(done, ordered, input.started === true || o.status === 'fulfilling');
      const fulfillment = done >= ordered ? 'fulfilled' : done > 0 ? 'partially_fulfilled' : 'unfulfilled';
      await update(c, o, { status: to, fulfillment_status: fulfillment });
      if (to !== o.status) await statusChanged(c, o, to, input.message);
      await timeline(c, id, 'fulfilment', input.message, { lines: input.lines });
    });
    return this.read(ctx, id);
  }

  async recordRefund(ctx: Ctx, id: string, input: { amount: number; method: RefundMethod; reason: string | null; returnId?: string | null }): Promise<OrderDto> {
    await this.change(ctx, id, async (c, o) => {
      const refundedTotal = Number(o.refunded_total) + input.amount;
      if (refundedTotal > Number(o.total)) throw conflict('orders.refund_exceeds_total', `refunds would exceed the order total (${o.total})`, { total: Number(o.total), refunded: Number(o.refunded_total) });
      const paymentStatus = input.method === 'original_payment' ? (refundedTotal >= Number(o.total) ? 'refunded' : 'partially_refunded') : o.payment_status;
      await update(c, o, { refunded_total: refundedTotal, payment_status: paymentStatus });
      await timeline(c, id, 'refund', `Refunded ${input.amount} ${o.currency} ${input.method === 'store_credit' ? 'as store credit' : 'to the original payment'}${input.reason ? `: ${input.reason}` : ''}`, { amount: input.amount, method: input.method, returnId: input.returnId ?? null });
      await refunded(c, o, input.amount, input.method, input.reason, input.returnId ?? null, refundedTotal);
      if (paymentStatus !== o.payment_status) await emit(c, OrderPaymentUpdated, id, { orderId: id, number: Number(o.number), from: o.payment_status, to: paymentStatus });
    });
    return this.read(ctx, id);
  }

  async complete(ctx: Ctx, id: string, message: string): Promise<OrderDto> {
    await this.change(ctx, id, async (c, o) => {
      if (o.status === 'completed') return;
      requireTransition(o, 'completed');
      await update(c, o, { status: 'completed', closed_at: ctx.clock.now().toISOString() });
      await statusChanged(c, o, 'completed', message);
      await timeline(c, id, 'status', message, null);
    });
    return this.read(ctx, id);
  }

  /** Runs one change on the current row; `allowFrom` pins the version a slow path (payment, restock) read before. */
  private async change(ctx: Ctx, id: string, fn: (c: Ctx, o: any) => Promise<void>, opts: { allowFrom?: number } = {}): Promise<void> {
    await inTransaction(ctx.db, async (tx) => {
      const o = await row(tx, id);
      if (opts.allowFrom !== undefined && Number(o.version) !== opts.allowFrom) {
        throw conflict('orders.changed', `order #${o.number} changed while this was being done; reload and try again`);
      }
      await fn(withDb(ctx, tx), o);
    });
  }

  /**
   * Gives money back for a cancel (everything: void an authorization, refund a capture) or an
   * edit (the difference: capture less later, or refund it now). Idempotent by key.
   */
  private async giveBack(ctx: Ctx, order: OrderDto, part: { amount: number; newTotal: number } | null, key: string): Promise<{ refunded: number; voided: boolean; paymentStatus: PaymentStatus | null }> {
    if (!order.paymentId) return { refunded: 0, voided: false, paymentStatus: null };
    const payment = await this.uses.payments.get(ctx, order.paymentId);
    const fail = (message: string) => new AppError('orders.payment_failed', `the payment could not be adjusted: ${message}; nothing was changed`, 502);
    if (payment.status === 'pending' || payment.status === 'authorized') {
      // Uncaptured: a cancel voids; an edit leaves the hold and captures less at fulfilment.
      if (part) return { refunded: 0, voided: false, paymentStatus: null };
      const r = await this.uses.payments.void(ctx, payment.id, { idempotencyKey: `${key}:void` });
      if (!r.ok) throw fail(r.error.message);
      return { refunded: 0, voided: true, paymentStatus: 'voided' };
    }
    if (payment.status === 'captured' || payment.status === 'partially_refunded') {
      const left = payment.captured - payment.refunded;
      const amount = Math.min(left, part ? part.amount : left);
      if (amount <= 0) return { refunded: 0, voided: false, paymentStatus: null };
      const r = await this.uses.payments.refund(ctx, payment.id, { amount, reason: part ? 'order edited' : 'order cancelled', idempotencyKey: `${key}:refund` });
      if (!r.ok) throw fail(r.error.message);
      return { refunded: amount, voided: false, paymentStatus: r.value.status === 'refunded' ? 'refunded' : 'partially_refunded' };
    }
    return { refunded: 0, voided: false, paymentStatus: null };
  }

  private async restock(ctx: Ctx, variantId: string | null, locationId: string | null, quantity: number, note: string): Promise<void> {
    if (!variantId || !locationId || quantity <= 0) return;
    const r = await this.uses.inventory.adjust(ctx, { variantId, locationId, reason: 'returned', delta: quantity, note });
    if (!r.ok) throw new AppError('orders.restock_failed', r.error.message, 409);
  }
}

async function row(db: Db, id: string): Promise<any> {
  const o = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  if (!o) throw orderNotFound(id);
  return o;
}

/** Updates the order on the version it was read at; a concurrent change makes this a 409. */
async function update(c: Ctx, o: any, set: Record<string, unknown>): Promise<void> {
  const res = await c.db.updateTable('orders').set({ ...set, version: Number(o.version) + 1, updated_at: c.clock.now().toISOString() })
    .where('id', '=', o.id).where('version', '=', o.version).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw conflict('orders.changed', `order #${o.number} changed meanwhile; reload and try again`);
  o.version = Number(o.version) + 1;
  await audit(c, { action: 'orders.updated', entityType: 'order', entityId: o.id, after: set });
}

function requireTransition(o: any, to: OrderStatus): void {
  if (!canTransition(ORDER_TRANSITIONS, o.status as OrderStatus, to)) {
    throw conflict('orders.invalid_transition', `order #${o.number} cannot go from ${o.status} to ${to}`, { from: o.status, to });
  }
}

async function statusChanged(c: Ctx, o: any, to: OrderStatus, reason: string | null): Promise<void> {
  if (o.status === to) return;
  await emit(c, OrderStatusChanged, o.id, { orderId: o.id, number: Number(o.number), from: o.status, to, reason });
}

async function refunded(c: Ctx, o: any, amount: number, method: RefundMethod, reason: string | null, returnId: string | null, refundedTotal: number): Promise<void> {
  await emit(c, OrderRefunded, o.id, { orderId: o.id, number: Number(o.number), amount, currency: o.currency, method, reason, returnId, refundedTotal });
}

async function timeline(c: Ctx, orderId: string, kind: string, message: string, data: Record<string, unknown> | null, internal = false): Promise<TimelineEntryDto> {
  const entry = { id: newId('otl'), order_id: orderId, kind, message, data: json(data), internal: internal ? 1 : 0, actor: actorRef(c.actor), created_at: c.clock.now().toISOString() };
  await c.db.insertInto('order_timeline').values(entry).execute();
  return toTimeline(entry);
}

export const toTimeline = (r: any): TimelineEntryDto => ({
  id: r.id, kind: r.kind, message: r.message, data: r.data ? JSON.parse(r.data) : null, internal: !!r.internal, actor: r.actor, createdAt: r.created_at,
});
