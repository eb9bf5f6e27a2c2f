/**
 * The checkout saga. Each step commits with its record in `checkouts` / `checkout_steps`, so a
 * node that dies at any point leaves enough behind for `recover` (run by a schedule on every node)
 * to finish the checkout or undo it:
 *
 *   1. validate   the cart is priced, available, fulfilable; the plan (lines, totals) is fixed
 *   2. reserve    stock held and promotions redeemed — one transaction with the checkout row
 *   3. authorize  the payment provider holds the amount (outside any transaction; recorded with step 4)
 *   4. order      the order is created, the stock committed and the cart closed — one transaction
 *   5. capture    at once, or later at fulfilment (CAPTURE_MODE)
 *   6. complete   the checkout is marked done and announced
 *
 * Before step 4 a failure compensates (void, release promotions, release stock); from step 4 on
 * the order stands and the checkout only moves forward.
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { AppError, isAppError, newId, notFound } from '../../../kernel/index.js';
import {
  decodeCursor, emit, encodeCursor, inTransaction, isTransientConflict, isUniqueViolation, withDb, type Ctx, type Failpoint, type Logger,
} from '../../../platform/index.js';
import type { CartService, CartView } from '../../cart/index.js';
import type { CustomersService } from '../../identity/index.js';
import type { InventoryService, Reservation } from '../../inventory/index.js';
import type { OrderDto, OrdersService, PlaceOrderInput, PlaceOrderLine } from '../../orders/index.js';
import type { PaymentsService } from '../../payments/index.js';
import type { PromotionsService } from '../../promotions/index.js';
import { CheckoutCompleted, CheckoutFailed } from '../contracts/events.js';
import type { CheckoutInput, CheckoutService, CheckoutStepView, CheckoutView } from '../contracts/service.js';
import { failureStatus, recoveryPlan, type Step } from '../domain/saga.js';
import { splitAcrossLocations } from '../domain/split.js';

/** Where the stock for a delivery should come from; the fulfillment module answers it when wired. */
export type ShipmentPlanner = (ctx: Ctx, q: { lines: { variantId: string; quantity: number }[]; destination: { country: string; region?: string | null; postalCode?: string | null } }) =>
  Promise<{ lines: { variantId: string; quantity: number; locationId: string }[] } | null>;

export interface CheckoutUses {
  cart: CartService; inventory: InventoryService; payments: PaymentsService; orders: OrdersService; promotions: PromotionsService;
  customers: CustomersService; planShipment?: ShipmentPlanner;
}

export interface CheckoutOptions {
  captureMode: 'immediate' | 'fulfilment';
  leaseSeconds: number;
  reservationTtlSeconds: number;
  failpoint: Failpoint;
  log: Logger;
}

/** What the order will be, fixed at validation and kept on the checkout row. */
interface Plan {
  order: Omit<PlaceOrderInput, 'checkoutId' | 'paymentId' | 'paymentStatus' | 'reservationId' | 'lines'>;
  lines: (Omit<PlaceOrderLine, 'locationId'> & { locationId: string | null; tracked: boolean })[];
  /** Explicit locations for the reservation (pickup, or the shipment planner's answer). */
  reserve: { variantId: string; quantity: number; locationId?: string }[];
}

interface Row {
  id: string; cart_id: string; idempotency_scope: string | null; idempotency_key: string | null; request_hash: string; customer_id: string | null;
  email: string; status: 'running' | 'completed' | 'failed'; step: Step; currency: string; amount: number | string; provider: string; capture_mode: 'immediate' | 'fulfilment';
  plan: string; payment_token: string | null; promotion_ids: string; reservation_id: string | null; payment_id: string | null; order_id: string | null;
  error_code: string | null; error_message: string | null; error_status: number | null; error_details: string | null;
  lease_until: string; attempts: number; created_at: string; updated_at: string; ended_at: string | null;
}

/** A step's expected refusal: the saga stops, undoes what it did and answers this. */
class Stop extends Error {
  constructor(readonly code: string, message: string, readonly details: Record<string, unknown> = {}) { super(message); }
}

const NODE = `${hostname()}:${process.pid}`;
const bad = (code: string, message: string, field: string, status = 422) => new AppError(code, message, status, [{ field, message }]);
const keyReused = () => bad('checkout.idempotency_key_reused', 'this Idempotency-Key was used for a different checkout request', 'header.idempotency-key');

export class CheckoutServiceImpl implements CheckoutService {
  constructor(private readonly uses: CheckoutUses, private readonly opts: CheckoutOptions) {}

  async start(ctx: Ctx, input: CheckoutInput): Promise<{ checkout: CheckoutView; order: OrderDto; replayed: boolean }> {
    const scope = ctx.actor.kind === 'customer' ? `customer:${ctx.actor.id}` : `cart:${input.cartId}`;
    const hash = requestHash(input);
    if (input.idempotencyKey) {
      const seen = await ctx.db.selectFrom('checkouts').selectAll().where('idempotency_scope', '=', scope).where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst() as Row | undefined;
      if (seen) {
        if (seen.request_hash !== hash) throw keyReused();
        return this.answer(ctx, seen);
      }
    }
    const cart = await this.uses.cart.get(ctx, input.cartId, input.cartToken);
    if (cart.status !== 'active') {
      throw new AppError('checkout.cart_not_active', `cart '${cart.id}' is ${cart.status}; its order was already placed or it was merged into another cart`, 409, { cartId: cart.id, status: cart.status });
    }
    const plan = await this.validate(ctx, cart, input);
    const email = plan.order.email;
    const id = newId('chk');
    const now = ctx.clock.now();
    const amount = orderTotal(plan);
    const promotionIds = cart.totals.discounts.map((d) => d.promotionId);
    const row = {
      id, cart_id: cart.id, idempotency_scope: input.idempotencyKey ? scope : null, idempotency_key: input.idempotencyKey ?? null, request_hash: hash,
      customer_id: cart.customerId, email, status: 'running', step: 'validated', currency: cart.currency, amount, provider: input.payment.provider,
      capture_mode: this.opts.captureMode, plan: JSON.stringify(plan), payment_token: input.payment.token ?? null, promotion_ids: JSON.stringify(promotionIds),
      reservation_id: null, payment_id: null, order_id: null, error_code: null, error_message: null, error_status: null, error_details: null,
      lease_until: this.leaseFrom(now), attempts: 1, created_at: now.toISOString(), updated_at: now.toISOString(), ended_at: null,
    };
    try {
      await this.transact(ctx, async (c) => {
        await c.db.insertInto('checkouts').values(row).execute();
        await step(c, id, 'validated', 'done', { amount, currency: cart.currency, lines: plan.lines.length });
        let reservation: Reservation | null = null;
        const tracked = plan.reserve;
        if (tracked.length) {
          const r = await this.uses.inventory.reserve(c, { reference: id, lines: tracked, ttlSeconds: this.opts.reservationTtlSeconds });
          if (!r.ok) throw new Stop('checkout.sold_out', soldOutMessage(r.error.shortages.length), { shortages: r.error.shortages });
          reservation = r.value;
        }
        for (const promotionId of promotionIds) {
          const r = await this.uses.promotions.redeem(c, { promotionId, customerId: cart.customerId, email, orderReference: id });
          if (!r.ok) throw new Stop(r.error.code, r.error.message, { promotionId });
        }
        await c.db.updateTable('checkouts').set({ step: 'reserved', reservation_id: reservation?.id ?? null, updated_at: ctx.clock.now().toISOString() }).where('id', '=', id).execute();
        await step(c, id, 'reserved', 'done', { reservationId: reservation?.id ?? null, promotions: promotionIds });
      });
    } catch (e) {
      if (e instanceof Stop) {
        // Nothing was taken (the transaction rolled back); the refusal is kept for a retry with the same key.
        await this.transact(ctx, async (c) => {
          await c.db.insertInto('checkouts').values({ ...row, status: 'failed', payment_token: null, error_code: e.code, error_message: e.message, error_status: failureStatus(e.code), error_details: JSON.stringify(e.details), ended_at: row.created_at }).execute();
          await step(c, id, 'reserved', 'failed', { code: e.code, ...e.details });
          await emit(c, CheckoutFailed, id, { checkoutId: id, cartId: cart.id, code: e.code, step: 'reserved', paymentId: null, recovered: false });
        }).catch((err) => { if (!isUniqueViolation(err)) throw err; });
        throw new AppError(e.code, e.message, failureStatus(e.code), e.details);
      }
      if (isUniqueViolation(e)) {
        if (input.idempotencyKey) {
          const first = await ctx.db.selectFrom('checkouts').selectAll().where('idempotency_scope', '=', scope).where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst() as Row | undefined;
          if (first) return first.request_hash === hash ? this.answer(ctx, first) : Promise.reject(keyReused());
        }
        throw new AppError('checkout.in_progress', 'a checkout of this cart is already running; wait for it to finish', 409, { cartId: cart.id });
      }
      throw e;
    }
    this.opts.failpoint('checkout.after_reserve');
    const order = await this.forward(ctx, await this.load(ctx, id), false);
    return { checkout: await this.get(ctx, id), order, replayed: false };
  }

  async get(ctx: Ctx, id: string): Promise<CheckoutView> {
    const row = await ctx.db.selectFrom('checkouts').selectAll().where('id', '=', id).executeTakeFirst() as Row | undefined;
    if (!row) throw notFound('checkout.not_found', 'checkout', id);
    const steps = await ctx.db.selectFrom('checkout_steps').selectAll().where('checkout_id', '=', id).orderBy('at').orderBy('id').execute();
    return toView(row, steps.map(toStep));
  }

  async list(ctx: Ctx, q: { status?: 'running' | 'completed' | 'failed'; limit: number; cursor?: string }) {
    const after = decodeCursor<{ c: string; i: string }>(q.cursor);
    const rows = await ctx.db.selectFrom('checkouts').selectAll()
      .$if(!!q.status, (b) => b.where('status', '=', q.status!))
      .$if(!!after, (b) => b.where((eb) => eb.or([eb('created_at', '<', after!.c), eb.and([eb('created_at', '=', after!.c), eb('id', '<', after!.i)])])))
      .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit + 1).execute() as Row[];
    const items = rows.slice(0, q.limit).map((r) => toView(r, []));
    const last = rows[q.limit - 1];
    return { items, nextCursor: rows.length > q.limit ? encodeCursor({ c: last.created_at, i: last.id }) : null };
  }

  async recover(ctx: Ctx): Promise<number> {
    const now = ctx.clock.now().toISOString();
    const due = await ctx.db.selectFrom('checkouts').selectAll().where('status', '=', 'running').where('lease_until', '<', now).orderBy('lease_until').limit(50).execute() as Row[];
    let done = 0;
    for (const row of due) {
      if (!(await this.claim(ctx, row))) continue;
      try {
        await this.resume(ctx, await this.load(ctx, row.id));
        done++;
      } catch (e) {
        // An expected refusal (declined capture…) has been recorded; anything else waits for the next round.
        if (!isAppError(e)) this.opts.log.warn({ err: e, checkoutId: row.id }, 'checkout recovery failed; will retry');
        else done++;
      }
    }
    return done;
  }

  /** A retried request: the finished answer, or (for a checkout whose node died) recovery first. */
  private async answer(ctx: Ctx, row: Row): Promise<{ checkout: CheckoutView; order: OrderDto; replayed: boolean }> {
    if (row.status === 'running') {
      if (row.lease_until >= ctx.clock.now().toISOString() || !(await this.claim(ctx, row))) {
        throw new AppError('checkout.in_progress', 'this checkout is still running; retry in a moment', 409, { checkoutId: row.id });
      }
      await this.resume(ctx, await this.load(ctx, row.id));
      row = await this.load(ctx, row.id);
    }
    if (row.status === 'failed') throw storedError(row);
    return { checkout: await this.get(ctx, row.id), order: await this.uses.orders.get(ctx, row.order_id!), replayed: true };
  }

  /** Continues a checkout a dead node left behind, the way `recoveryPlan` says. */
  private async resume(ctx: Ctx, row: Row): Promise<void> {
    const order = row.order_id ? { id: row.order_id } : await this.uses.orders.findByCheckout(ctx, row.id);
    const plan = recoveryPlan({ step: row.step, orderId: order?.id ?? null, captureMode: row.capture_mode });
    if (plan.action === 'finish') {
      if (!row.order_id && order) row.order_id = order.id;
      await this.forward(ctx, row, true);
    } else {
      await this.compensate(ctx, row, new Stop('checkout.abandoned', 'the checkout was interrupted before the order was placed; nothing was charged and the items were put back'), true);
    }
  }

  /** Steps 3–6 from wherever the checkout is; each skips itself when already done. */
  private async forward(ctx: Ctx, row: Row, recovered: boolean): Promise<OrderDto> {
    const plan = JSON.parse(row.plan) as Plan;
    if (!row.order_id) {
      let authorized = false;
      if (!row.payment_id) {
        let result;
        try {
          result = await this.uses.payments.authorize(ctx, {
            reference: row.id, amount: Number(row.amount), currency: row.currency, provider: row.provider as never, token: row.payment_token ?? undefined,
            description: `checkout ${row.id}`, idempotencyKey: `checkout:${row.id}:authorize`,
          });
        } catch (e) {
          // A refusal before the provider was asked (unknown provider…): undo and answer it.
          const stop = isAppError(e) ? new Stop(e.code, e.message) : new Stop('payments.provider_error', 'the payment could not be started');
          await this.compensate(ctx, row, stop, recovered);
          throw new AppError(stop.code, stop.message, isAppError(e) ? e.status : 502);
        }
        if (!result.ok) {
          row.payment_id = result.error.paymentId;
          const details = result.error.code === 'payments.declined' ? { paymentId: result.error.paymentId, reason: result.error.reason } : { paymentId: result.error.paymentId };
          await this.compensate(ctx, row, new Stop(result.error.code, result.error.message, details), recovered);
          throw new AppError(result.error.code, result.error.message, failureStatus(result.error.code), details);
        }
        row.payment_id = result.value.id;
        authorized = true;
        // Recorded with the order below: a crash before that finds the payment by the checkout's reference.
        this.opts.failpoint('checkout.after_authorize');
      }
      const orderId = await this.transact(ctx, async (c) => {
        if (authorized) await step(c, row.id, 'authorized', 'done', { paymentId: row.payment_id, amount: Number(row.amount) });
        const placed = await this.uses.orders.place(c, await this.orderInput(c, row, plan));
        if (row.reservation_id) await this.uses.inventory.commit(c, row.reservation_id);
        await this.uses.cart.markConverted(c, row.cart_id).catch((e) => {
          // A cart merged into another at sign-in meanwhile: the order stands; the cart is not this checkout's to close.
          if (!(isAppError(e) && e.code === 'cart.not_active')) throw e;
        });
        await c.db.updateTable('checkouts').set({ step: 'order_created', order_id: placed.id, payment_id: row.payment_id, updated_at: ctx.clock.now().toISOString() }).where('id', '=', row.id).execute();
        await step(c, row.id, 'order_created', 'done', { orderId: placed.id, number: placed.number, stockCommitted: !!row.reservation_id });
        return placed.id;
      });
      row.order_id = orderId;
      row.step = 'order_created';
      this.opts.failpoint('checkout.after_order');
    }
    const orderId = row.order_id;
    const capture = row.capture_mode === 'immediate' && row.step !== 'captured';
    if (capture) {
      const r = await this.uses.payments.capture(ctx, row.payment_id!, { idempotencyKey: `checkout:${row.id}:capture` });
      if (!r.ok) {
        // The order exists, so it is cancelled through the OMS: the authorization voided, the stock put back.
        await this.uses.orders.cancel(ctx, orderId, { reason: `payment capture failed: ${r.error.message}` });
        await this.finish(ctx, row, { code: 'checkout.capture_failed', message: `the payment could not be taken (${r.error.message}); the order was cancelled and nothing was charged`, recovered });
        throw new AppError('checkout.capture_failed', `the payment could not be taken (${r.error.message}); the order was cancelled and nothing was charged`, 502, { orderId });
      }
      this.opts.failpoint('checkout.after_capture');
    }
    const paid = await this.transact(ctx, async (c) => {
      const order = capture ? await this.uses.orders.recordPayment(c, orderId, { paymentStatus: 'paid', message: 'Payment captured at checkout' }) : null;
      if (capture) await step(c, row.id, 'captured', 'done', { paymentId: row.payment_id });
      await c.db.updateTable('checkouts').set({ status: 'completed', step: 'completed', payment_token: null, updated_at: ctx.clock.now().toISOString(), ended_at: ctx.clock.now().toISOString() })
        .where('id', '=', row.id).where('status', '=', 'running').execute();
      await step(c, row.id, 'completed', 'done', { orderId, recovered });
      await emit(c, CheckoutCompleted, row.id, { checkoutId: row.id, cartId: row.cart_id, orderId, amount: Number(row.amount), currency: row.currency, recovered });
      return order;
    });
    return paid ?? this.uses.orders.get(ctx, orderId);
  }

  /**
   * Undoes a checkout that has no order: voids every payment made for it (also one authorized by
   * a node that died before recording it), gives promotions back, releases the stock, and records
   * the failure. A void the provider refuses leaves the checkout running for the next recovery.
   */
  private async compensate(ctx: Ctx, row: Row, stop: Stop, recovered: boolean): Promise<void> {
    const payments = await this.uses.payments.listForReference(ctx, row.id);
    for (const p of payments) {
      if (p.status !== 'pending' && p.status !== 'authorized') continue;
      const r = await this.uses.payments.void(ctx, p.id, { idempotencyKey: `checkout:${row.id}:void:${p.id}` });
      if (!r.ok) throw new AppError('checkout.void_failed', `the payment could not be released yet (${r.error.message}); it will be retried`, 502, { paymentId: p.id });
    }
    const voided = payments.filter((p) => p.status === 'pending' || p.status === 'authorized').map((p) => p.id);
    await this.transact(ctx, async (c) => {
      for (const promotionId of JSON.parse(row.promotion_ids) as string[]) await this.uses.promotions.release(c, { promotionId, orderReference: row.id });
      if (row.reservation_id) await this.uses.inventory.release(c, row.reservation_id);
      await c.db.updateTable('checkouts').set({
        status: 'failed', payment_token: null, payment_id: row.payment_id ?? payments[0]?.id ?? null, error_code: stop.code, error_message: stop.message,
        error_status: failureStatus(stop.code), error_details: JSON.stringify(stop.details), updated_at: ctx.clock.now().toISOString(), ended_at: ctx.clock.now().toISOString(),
      }).where('id', '=', row.id).where('status', '=', 'running').execute();
      await step(c, row.id, row.step, 'failed', { code: stop.code, message: stop.message });
      await step(c, row.id, 'reserved', 'compensated', { released: row.reservation_id, voided, promotions: JSON.parse(row.promotion_ids), recovered });
      await emit(c, CheckoutFailed, row.id, { checkoutId: row.id, cartId: row.cart_id, code: stop.code, step: row.step, paymentId: row.payment_id ?? payments[0]?.id ?? null, recovered });
    });
  }

  /** Records the end of a checkout whose order was cancelled by the OMS after it existed. */
  private async finish(ctx: Ctx, row: Row, f: { code: string; message: string; recovered: boolean }): Promise<void> {
    await this.transact(ctx, async (c) => {
      await c.db.updateTable('checkouts').set({
        status: 'failed', payment_token: null, error_code: f.code, error_message: f.message, error_status: failureStatus(f.code),
        error_details: JSON.stringify({ orderId: row.order_id }), updated_at: ctx.clock.now().toISOString(), ended_at: ctx.clock.now().toISOString(),
      }).where('id', '=', row.id).where('status', '=', 'running').execute();
      await step(c, row.id, 'captured', 'failed', { code: f.code, orderCancelled: row.order_id });
      await emit(c, CheckoutFailed, row.id, { checkoutId: row.id, cartId: row.cart_id, code: f.code, step: 'captured', paymentId: row.payment_id, recovered: f.recovered });
    });
  }

  /** Checks the cart can become an order and fixes what it will be. */
  private async validate(ctx: Ctx, cart: CartView, input: CheckoutInput): Promise<Plan> {
    if (!cart.lines.length) throw bad('checkout.cart_empty', 'the cart is empty', 'cart.lines');
    const unpriced = cart.lines.filter((l) => l.unitPrice === null);
    if (unpriced.length) throw new AppError('checkout.line_unavailable', `${unpriced.length} item(s) in the cart can no longer be bought; remove them first`, 422, unpriced.map((l) => ({ field: `cart.lines.${l.id}`, message: 'is no longer for sale' })));
    const short = cart.lines.filter((l) => l.availability.status === 'out_of_stock' || l.availability.status === 'not_enough');
    if (short.length) {
      throw new AppError('checkout.sold_out', soldOutMessage(short.length), 409, { shortages: short.map((l) => ({ variantId: l.variantId, requested: l.quantity, available: l.availability.quantityAvailable ?? 0 })) });
    }
    if (cart.rejectedCodes.length) throw bad('checkout.code_rejected', `code ${cart.rejectedCodes[0].code} no longer applies: ${cart.rejectedCodes[0].message}; remove it to continue`, 'cart.codes');
    if (!cart.fulfilment) throw bad('checkout.fulfilment_required', 'choose delivery or pickup for the cart first (PUT /store/carts/:id/shipping)', 'cart.fulfilment');
    if (cart.warnings.some((w) => w.code === 'cart.shipping_unavailable')) throw bad('checkout.shipping_unavailable', 'the chosen shipping method is no longer offered for this cart; choose another', 'cart.fulfilment');
    const kind = cart.fulfilment.kind;
    if (kind === 'delivery') {
      if (!input.shippingAddress) throw bad('checkout.address_required', 'delivery needs a shipping address', 'body.shippingAddress', 400);
      if (input.shippingAddress.country.toUpperCase() !== cart.address?.country) {
        throw bad('checkout.address_mismatch', `the shipping address is in ${input.shippingAddress.country.toUpperCase()} but the cart was priced for ${cart.address?.country}; update the cart's address first`, 'body.shippingAddress.country');
      }
    }
    const email = input.email?.trim().toLowerCase() ?? (cart.customerId ? (await this.uses.customers.get(ctx, cart.customerId)).email : null);
    if (!email) throw bad('validation.failed', 'email is required for a guest checkout', 'body.email', 400);

    const shippingAddress = kind === 'delivery' && input.shippingAddress ? { ...input.shippingAddress, country: input.shippingAddress.country.toUpperCase() } : null;
    const lines = cart.lines.map((l) => ({
      productId: l.productId, variantId: l.variantId, sku: l.sku, title: l.productTitle ?? l.title ?? l.sku ?? l.variantId, variantTitle: l.title,
      quantity: l.quantity, unitPrice: l.unitPrice!, discountTotal: l.discount, taxTotal: l.tax, weightGrams: l.weightGrams,
      locationId: kind === 'delivery' ? null : cart.fulfilment!.locationId, tracked: l.availability.status !== 'not_tracked',
    }));
    const wanted = lines.filter((l) => l.tracked).map((l) => ({ variantId: l.variantId, quantity: l.quantity }));
    let reserve: Plan['reserve'] = wanted.map((w) => ({ ...w, ...(kind === 'delivery' ? {} : { locationId: cart.fulfilment!.locationId! }) }));
    if (kind === 'delivery' && wanted.length && this.uses.planShipment) {
      const planned = await this.uses.planShipment(ctx, { lines: wanted, destination: { country: cart.address!.country, region: cart.address!.region, postalCode: cart.address!.postalCode } });
      const covered = planned && wanted.every((w) => planned.lines.filter((p) => p.variantId === w.variantId).reduce((s, p) => s + p.quantity, 0) === w.quantity);
      if (planned && covered) reserve = planned.lines;
    }
    return {
      order: {
        customerId: cart.customerId, email, channel: 'web', fulfilmentKind: kind, locationId: kind === 'delivery' ? null : cart.fulfilment.locationId,
        currency: cart.currency, shippingTotal: cart.totals.shippingTotal, shippingMethod: cart.fulfilment.name, taxInclusive: cart.totals.taxInclusive,
        promotionCode: cart.codes[0] ?? null, billingAddress: input.billingAddress ?? shippingAddress, shippingAddress, locale: input.locale ?? 'en',
        notes: input.notes ?? null,
      },
      lines,
      reserve,
    };
  }

  /** The order as placed: lines split by the location their stock was reserved at. */
  private async orderInput(ctx: Ctx, row: Row, plan: Plan): Promise<PlaceOrderInput> {
    const held = row.reservation_id ? (await this.uses.inventory.getReservation(ctx, row.reservation_id)).lines : [];
    return {
      ...plan.order, checkoutId: row.id, paymentId: row.payment_id!, paymentStatus: 'authorized', reservationId: row.reservation_id,
      lines: plan.lines.flatMap(({ tracked, ...l }) => (tracked ? splitAcrossLocations(l, held.filter((h) => h.variantId === l.variantId)) : [l])),
    };
  }

  private async load(ctx: Ctx, id: string): Promise<Row> {
    const row = await ctx.db.selectFrom('checkouts').selectAll().where('id', '=', id).executeTakeFirst() as Row | undefined;
    if (!row) throw notFound('checkout.not_found', 'checkout', id);
    return row;
  }

  /** Takes over a checkout whose lease ran out; false when another node took it first. */
  private async claim(ctx: Ctx, row: Row): Promise<boolean> {
    const res = await ctx.db.updateTable('checkouts').set({ lease_until: this.leaseFrom(ctx.clock.now()), attempts: Number(row.attempts) + 1, updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', row.id).where('status', '=', 'running').where('lease_until', '=', row.lease_until).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  private leaseFrom(now: Date): string {
    return new Date(now.getTime() + this.opts.leaseSeconds * 1000).toISOString();
  }

  /** One transaction, retried whole on a PostgreSQL deadlock or serialisation failure. */
  private async transact<T>(ctx: Ctx, fn: (c: Ctx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(ctx.db, (tx) => fn(withDb(ctx, tx)));
      } catch (e) {
        if (isTransientConflict(e) && attempt < 5) continue;
        throw e;
      }
    }
  }
}

const orderTotal = (plan: Plan): number =>
  plan.lines.reduce((s, l) => s + l.unitPrice * l.quantity - l.discountTotal + (plan.order.taxInclusive ? 0 : l.taxTotal), 0) + plan.order.shippingTotal;

const soldOutMessage = (n: number) => (n === 1 ? 'an item in the cart is sold out or not available in the quantity asked' : `${n} items in the cart are sold out or not available in the quantities asked`);

function requestHash(input: CheckoutInput): string {
  const { cartToken: _secret, idempotencyKey: _key, ...rest } = input;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}

function storedError(row: Row): AppError {
  return new AppError(row.error_code ?? 'checkout.failed', row.error_message ?? 'the checkout failed', row.error_status ?? 422, row.error_details ? JSON.parse(row.error_details) : {});
}

async function step(c: Ctx, checkoutId: string, name: string, outcome: 'done' | 'failed' | 'compensated', detail: Record<string, unknown> | null): Promise<void> {
  await c.db.insertInto('checkout_steps').values({ id: newId('cks'), checkout_id: checkoutId, step: name, outcome, detail: detail ? JSON.stringify(detail) : null, node: NODE, at: c.clock.now().toISOString() }).execute();
}

const toStep = (r: any): CheckoutStepView => ({ step: r.step, outcome: r.outcome, detail: r.detail ? JSON.parse(r.detail) : null, node: r.node, at: r.at });

function toView(r: Row, steps: CheckoutStepView[]): CheckoutView {
  return {
    id: r.id, cartId: r.cart_id, status: r.status, step: r.step, customerId: r.customer_id, email: r.email, currency: r.currency, amount: Number(r.amount),
    provider: r.provider, captureMode: r.capture_mode, reservationId: r.reservation_id, paymentId: r.payment_id, orderId: r.order_id,
    error: r.error_code ? { code: r.error_code, message: r.error_message ?? '', status: Number(r.error_status ?? 422) } : null,
    attempts: Number(r.attempts), createdAt: r.created_at, updatedAt: r.updated_at, endedAt: r.ended_at, steps,
  };
}
