/**
 * Returns: each step is one transaction that moves the return on its status (a compare-and-set,
 * so two staff clicks never both win), touches the order's version, writes the order's timeline
 * and emits the event. Money and stock go through the payments and inventory front doors:
 * store credit and restocking join the step's transaction; a card refund is a provider call, so
 * it runs between a claim on the return and the step that records it, under a key derived from
 * the return id — a retry, or a concurrent second click, refunds once.
 *
 * Exchanges are placed on receipt (not in advance): the returned value becomes store credit that
 * pays for a replacement order placed through `place` (checkout id `exchange:<returnId>`, so it
 * is placed once), with stock reserved and committed through inventory; what the replacement
 * does not use goes back to the original payment.
 */
import { AppError, conflict, newId, notFound } from '../../../kernel/index.js';
import { actorRef, decodeCursor, emit, encodeCursor, inTransaction, withDb, type Ctx, type Db } from '../../../platform/index.js';
import type { CatalogService } from '../../catalog/index.js';
import { creditHolderKey } from '../../payments/index.js';
import { ReturnAuthorized, ReturnCancelled, ReturnExchanged, ReturnReceived, ReturnRefunded, ReturnRejected, ReturnRequested } from '../contracts/return-events.js';
import type { ReceiveInput, ReturnListQuery, ReturnRefundInput, ReturnRequestInput, ReturnsService } from '../contracts/returns.js';
import type { OrderDto, OrderLineDto, OrderReturnDto } from '../contracts/schemas.js';
import type { OrdersService } from '../contracts/service.js';
import { exchangeLinesOf, toReturnDto, type ExchangeLine } from '../data/returns.repo.js';
import { canReturn, OPEN_RETURN_STATUSES, refundDue, replacementTax, RETURN_TRANSITIONS, unitsValue, withinWindow, type ReturnAction } from '../domain/returns.js';
import type { ReturnStatus } from '../domain/status.js';
import type { LifecycleUses } from './lifecycle.js';

export interface ReturnsUses extends LifecycleUses { catalog?: CatalogService }

const unprocessable = (code: string, message: string, details: Record<string, unknown> | { field: string; message: string }[] = {}) => new AppError(code, message, 422, details);
const returnNotFound = (id: string) => notFound('returns.return_not_found', 'return', id);

export class Returns implements ReturnsService {
  constructor(private uses: ReturnsUses, private orders: OrdersService, private windowDays: number) {}

  async requestReturn(ctx: Ctx, orderId: string, input: ReturnRequestInput): Promise<OrderReturnDto> {
    const order = await this.orders.get(ctx, orderId);
    if (order.status === 'cancelled' || order.status === 'pending') throw conflict('returns.order_not_returnable', `order ${order.displayNumber} is ${order.status} and has nothing to return`, { status: order.status });
    if (!input.ignoreWindow) {
      const since = await this.windowStart(ctx, order);
      if (!withinWindow(since, ctx.clock.now(), this.windowDays)) {
        const closedAt = new Date(new Date(since).getTime() + this.windowDays * 86_400_000).toISOString();
        throw unprocessable('returns.window_closed', `the ${this.windowDays}-day return window of order ${order.displayNumber} closed on ${closedAt.slice(0, 10)}`, { since, closedAt, days: this.windowDays });
      }
    }
    const open = await this.openQuantities(ctx.db, orderId);
    const byId = new Map(order.lines.map((l) => [l.id, l]));
    const seen = new Set<string>();
    const lines = input.lines.map((l, i) => {
      const line = byId.get(l.orderLineId);
      if (!line) throw unprocessable('returns.line_not_found', `'${l.orderLineId}' is not a line of order ${order.displayNumber}`, [{ field: `body.lines[${i}].orderLineId`, message: 'is not a line of this order' }]);
      if (seen.has(line.id)) throw unprocessable('returns.duplicate_line', 'each order line may appear once', [{ field: `body.lines[${i}].orderLineId`, message: 'appears twice' }]);
      seen.add(line.id);
      const left = line.fulfilledQuantity - line.returnedQuantity - (open.get(line.id) ?? 0);
      if (l.quantity > left) {
        throw unprocessable('returns.quantity_exceeds', `only ${Math.max(0, left)} unit(s) of '${line.title}' can be returned (sent and not already being returned)`, [{ field: `body.lines[${i}].quantity`, message: `must be at most ${Math.max(0, left)}` }]);
      }
      return { line, quantity: l.quantity, reason: l.reason };
    });
    const exchange = input.exchange?.length ? await this.priceExchange(ctx, order, input.exchange) : [];
    const estimate = lines.reduce((s, l) => s + unitsValue(l.line, l.line.returnedQuantity, l.quantity), 0);
    const cost = exchange.reduce((s, e) => s + e.total, 0);
    if (cost > estimate) {
      throw unprocessable('returns.exchange_exceeds_value', `the replacements cost ${cost} but the returned units are worth ${estimate} ${order.currency}; an exchange cannot ask for more — return these for a refund and place a new order instead`, { cost, value: estimate });
    }
    const id = newId('ret');
    await inTransaction(ctx.db, async (tx) => {
      const c = withDb(ctx, tx);
      await touchOrder(c, order, {});
      const now = ctx.clock.now().toISOString();
      await tx.insertInto('order_returns').values({
        id, order_id: orderId, status: 'requested', reason: lines[0].reason, refund_total: 0, requested_at: now, received_at: null, refunded_at: null,
        source: input.source, note: input.note ?? null, restocking_fee: 0, exchange_lines: exchange.length ? JSON.stringify(exchange) : null, updated_at: now,
      }).execute();
      await tx.insertInto('order_return_lines').values(lines.map((l) => ({ return_id: id, order_line_id: l.line.id, quantity: l.quantity, restock: 1, reason: l.reason }))).execute();
      const units = lines.reduce((s, l) => s + l.quantity, 0);
      await timeline(c, orderId, `Return requested (${units} unit(s)${exchange.length ? ', as an exchange' : ''}) by the ${input.source}${input.note ? `: ${input.note}` : ''}`, { returnId: id });
      await emit(c, ReturnRequested, id, {
        returnId: id, orderId, number: order.number, source: input.source, exchange: exchange.length > 0,
        lines: lines.map((l) => ({ orderLineId: l.line.id, quantity: l.quantity, reason: l.reason })),
      });
    });
    return this.getReturn(ctx, id);
  }

  async getReturn(ctx: Ctx, id: string): Promise<OrderReturnDto> {
    const r = await ctx.db.selectFrom('order_returns').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw returnNotFound(id);
    const lines = await ctx.db.selectFrom('order_return_lines').selectAll().where('return_id', '=', id).execute();
    return toReturnDto(r, lines);
  }

  async listReturns(ctx: Ctx, q: ReturnListQuery) {
    const after = decodeCursor<{ r: string; i: string }>(q.cursor);
    const rows = await ctx.db.selectFrom('order_returns').selectAll()
      .$if(!!q.status, (b) => b.where('status', '=', q.status!))
      .$if(!!q.orderId, (b) => b.where('order_id', '=', q.orderId!))
      .$if(!!after, (b) => b.where((eb) => eb.or([eb('requested_at', '<', after!.r), eb.and([eb('requested_at', '=', after!.r), eb('id', '<', after!.i)])])))
      .orderBy('requested_at', 'desc').orderBy('id', 'desc').limit(q.limit + 1).execute();
    const page = rows.slice(0, q.limit);
    const lines = page.length ? await ctx.db.selectFrom('order_return_lines').selectAll().where('return_id', 'in', page.map((r) => r.id)).execute() : [];
    const last = page[page.length - 1];
    return {
      items: page.map((r) => toReturnDto(r, lines.filter((l) => l.return_id === r.id))),
      nextCursor: rows.length > q.limit ? encodeCursor({ r: last.requested_at, i: last.id }) : null,
    };
  }

  async authorizeReturn(ctx: Ctx, id: string, input: { restockingFee?: number; note?: string }): Promise<OrderReturnDto> {
    const r = await this.getReturn(ctx, id);
    const order = await this.orders.get(ctx, r.orderId);
    requireAction(r, 'authorize');
    const fee = input.restockingFee ?? 0;
    const estimate = r.lines.reduce((s, l) => s + unitsValue(lineOf(order, l.orderLineId), lineOf(order, l.orderLineId).returnedQuantity, l.quantity), 0);
    if (fee > estimate) throw unprocessable('returns.fee_exceeds_value', `a restocking fee of ${fee} is more than the returned units are worth (${estimate})`, [{ field: 'body.restockingFee', message: `must be at most ${estimate}` }]);
    const cost = r.exchange.reduce((s, e) => s + e.total, 0);
    if (r.exchange.length && cost > estimate - fee) {
      throw unprocessable('returns.exchange_exceeds_value', `with a restocking fee of ${fee} the returned units are worth ${estimate - fee}, less than the replacements (${cost})`, { cost, value: estimate - fee });
    }
    await this.step(ctx, r, order, 'authorize', { restocking_fee: fee, authorized_at: ctx.clock.now().toISOString() }, async (c) => {
      await timeline(c, order.id, `Return authorised${fee ? ` with a restocking fee of ${fee} ${order.currency}` : ''}${input.note ? `: ${input.note}` : ''}`, { returnId: id });
      await emit(c, ReturnAuthorized, id, { returnId: id, orderId: order.id, number: order.number, restockingFee: fee });
    });
    return this.getReturn(ctx, id);
  }

  async rejectReturn(ctx: Ctx, id: string, reason: string): Promise<OrderReturnDto> {
    const r = await this.getReturn(ctx, id);
    const order = await this.orders.get(ctx, r.orderId);
    await this.step(ctx, r, order, 'reject', { rejection_reason: reason, closed_at: ctx.clock.now().toISOString() }, async (c) => {
      await timeline(c, order.id, `Return rejected: ${reason}`, { returnId: id });
      await emit(c, ReturnRejected, id, { returnId: id, orderId: order.id, number: order.number, reason });
    });
    return this.getReturn(ctx, id);
  }

  async cancelReturn(ctx: Ctx, id: string, reason: string | null): Promise<OrderReturnDto> {
    const r = await this.getReturn(ctx, id);
    const order = await this.orders.get(ctx, r.orderId);
    await this.step(ctx, r, order, 'cancel', { closed_at: ctx.clock.now().toISOString() }, async (c) => {
      await timeline(c, order.id, `Return cancelled${reason ? `: ${reason}` : ''}`, { returnId: id });
      await emit(c, ReturnCancelled, id, { returnId: id, orderId: order.id, number: order.number, reason });
    });
    return this.getReturn(ctx, id);
  }

  async receiveReturn(ctx: Ctx, id: string, input: ReceiveInput): Promise<OrderReturnDto> {
    const r = await this.getReturn(ctx, id);
    const order = await this.orders.get(ctx, r.orderId);
    requireAction(r, 'receive');
    const wanted = new Map(r.lines.map((l) => [l.orderLineId, l]));
    const seen = new Set<string>();
    const plan = input.lines.map((l, i) => {
      const rl = wanted.get(l.orderLineId);
      if (!rl || seen.has(l.orderLineId)) throw unprocessable('returns.line_not_found', `'${l.orderLineId}' is not a line of this return (or is named twice)`, [{ field: `body.lines[${i}].orderLineId`, message: 'is not a line of this return' }]);
      seen.add(l.orderLineId);
      const line = lineOf(order, l.orderLineId);
      const locationId = l.disposition === 'restock' ? (l.locationId ?? line.locationId ?? order.locationId) : null;
      if (l.disposition === 'restock' && (!locationId || !line.variantId)) {
        throw unprocessable('returns.location_required', `say where '${line.title}' goes back on the shelf (locationId), or write it off`, [{ field: `body.lines[${i}].locationId`, message: 'is required to restock this line' }]);
      }
      return { ...l, line, quantity: rl.quantity, locationId };
    });
    const missing = r.lines.filter((l) => !seen.has(l.orderLineId));
    if (missing.length) throw unprocessable('returns.receipt_incomplete', 'say for every line of the return whether it is restocked or written off', { missing: missing.map((l) => l.orderLineId) });
    await this.step(ctx, r, order, 'receive', { received_at: ctx.clock.now().toISOString() }, async (c) => {
      const received: { orderLineId: string; quantity: number; disposition: string; locationId: string | null; value: number }[] = [];
      for (const p of plan) {
        const now = await c.db.selectFrom('order_lines').select(['returned_quantity', 'fulfilled_quantity', 'total', 'quantity']).where('id', '=', p.line.id).executeTakeFirstOrThrow();
        const before = Number(now.returned_quantity);
        if (before + p.quantity > Number(now.fulfilled_quantity)) throw unprocessable('returns.quantity_exceeds', `only ${Number(now.fulfilled_quantity) - before} unit(s) of '${p.line.title}' are out to be returned`, { orderLineId: p.line.id });
        const value = unitsValue({ total: Number(now.total), quantity: Number(now.quantity) }, before, p.quantity);
        await c.db.updateTable('order_lines').set({ returned_quantity: before + p.quantity }).where('id', '=', p.line.id).where('returned_quantity', '=', before).execute();
        await c.db.updateTable('order_return_lines').set({ disposition: p.disposition, condition: p.condition ?? null, location_id: p.locationId, value, restock: p.disposition === 'restock' ? 1 : 0 })
          .where('return_id', '=', id).where('order_line_id', '=', p.line.id).execute();
        if (p.disposition === 'restock') {
          const moved = await this.uses.inventory.adjust(c, { variantId: p.line.variantId!, locationId: p.locationId!, reason: 'returned', delta: p.quantity, note: `return ${id} of order ${order.displayNumber}` });
          if (!moved.ok) throw conflict('returns.restock_failed', moved.error.message);
        }
        received.push({ orderLineId: p.line.id, quantity: p.quantity, disposition: p.disposition, locationId: p.locationId, value });
      }
      const sums = await c.db.selectFrom('order_lines').select((eb) => [eb.fn.sum<number>('quantity').as('q'), eb.fn.sum<number>('returned_quantity').as('r')]).where('order_id', '=', order.id).executeTakeFirstOrThrow();
      await touchOrder(c, await currentOrder(c.db, order.id), { fulfillment_status: Number(sums.r) >= Number(sums.q) ? 'returned' : 'partially_returned' });
      const written = received.filter((x) => x.disposition === 'write_off').length;
      await timeline(c, order.id, `Return received: ${received.length - written} line(s) restocked, ${written} written off${input.note ? ` (${input.note})` : ''}`, { returnId: id, lines: received });
      await emit(c, ReturnReceived, id, { returnId: id, orderId: order.id, number: order.number, lines: received });
    });
    if (!r.exchange.length) return this.getReturn(ctx, id);
    try {
      return await this.exchangeReturn(ctx, id);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      // The units are back either way; staff retry the exchange (or refund instead) from the return.
      await inTransaction(ctx.db, (tx) => timeline(withDb(ctx, tx), order.id, `Exchange not placed yet: ${e.message}`, { returnId: id, code: e.code }, true));
      return this.getReturn(ctx, id);
    }
  }

  async refundReturn(ctx: Ctx, id: string, input: ReturnRefundInput): Promise<OrderReturnDto> {
    const r = await this.getReturn(ctx, id);
    const order = await this.orders.get(ctx, r.orderId);
    requireAction(r, 'refund');
    if (r.exchange.length) throw conflict('returns.is_exchange', 'this return asks for replacements; place the exchange instead', { returnId: id });
    const due = refundDue(r.lines.map((l) => l.value ?? 0), r.restockingFee);
    const amount = input.amount ?? due;
    if (amount > due) throw unprocessable('returns.refund_exceeds', `at most ${due} ${order.currency} can be refunded for this return (the received units less the restocking fee)`, [{ field: 'body.amount', message: `must be at most ${due}` }]);
    const reason = input.reason ?? `return ${id}`;
    if (input.method === 'original_payment' && amount > 0) {
      if (!order.paymentId) throw unprocessable('returns.no_payment', `order ${order.displayNumber} has no payment to refund to; refund as store credit`, [{ field: 'body.method', message: 'has no payment to go back to' }]);
      await this.toCard(ctx, r, order, amount, reason);
    }
    await this.step(ctx, r, order, 'refund', { refund_total: amount, refunded_at: ctx.clock.now().toISOString(), refund_method: input.method, refund_claim: null, closed_at: ctx.clock.now().toISOString() }, async (c) => {
      if (amount > 0 && input.method === 'store_credit') await this.credit(c, order, amount, reason, `return:${id}`, id);
      if (amount > 0) await this.orders.recordRefund(c, order.id, { amount, method: input.method, reason, returnId: id });
      await emit(c, ReturnRefunded, id, { returnId: id, orderId: order.id, number: order.number, amount, currency: order.currency, method: input.method });
    });
    return this.getReturn(ctx, id);
  }

  async exchangeReturn(ctx: Ctx, id: string): Promise<OrderReturnDto> {
    const r = await this.getReturn(ctx, id);
    const order = await this.orders.get(ctx, r.orderId);
    requireAction(r, 'exchange');
    if (!r.exchange.length) throw conflict('returns.not_an_exchange', 'this return asks for money back, not replacements', { returnId: id });
    const value = refundDue(r.lines.map((l) => l.value ?? 0), r.restockingFee);
    const replacements = exchangeLinesOf(await ctx.db.selectFrom('order_returns').select('exchange_lines').where('id', '=', id).executeTakeFirstOrThrow());
    const cost = replacements.reduce((s, e) => s + e.total, 0);
    if (cost > value) throw unprocessable('returns.exchange_exceeds_value', `the replacements cost ${cost}, more than the returned units are worth (${value})`, { cost, value });
    const checkoutId = `exchange:${id}`;
    const key = `return:${id}:exchange`;
    const holder = { customerId: order.customerId, email: order.email };
    let placed = await this.orders.findByCheckout(ctx, checkoutId);
    let reservationId: string | null = null;
    let paymentId: string | null = placed?.paymentId ?? null;
    if (!placed) {
      reservationId = await this.reserve(ctx, id, checkoutId, order, replacements);
      // The returned value becomes credit that the replacement spends: the order has a real
      // payment, and cancelling it later gives the value back as credit.
      await this.uses.payments.issueCredit(ctx, { ...holder, amount: cost, currency: order.currency, reason: `exchange for return ${id}`, reference: id, idempotencyKey: key });
      const held = await this.uses.payments.authorize(ctx, { reference: checkoutId, amount: cost, currency: order.currency, provider: 'store_credit', token: creditHolderKey(holder), idempotencyKey: key });
      if (!held.ok) throw new AppError('returns.exchange_payment_failed', `the exchange could not be paid from the returned value: ${held.error.message}`, 502);
      if (held.value.status === 'authorized') {
        const taken = await this.uses.payments.capture(ctx, held.value.id, { idempotencyKey: key });
        if (!taken.ok) throw new AppError('returns.exchange_payment_failed', `the exchange could not be paid from the returned value: ${taken.error.message}`, 502);
      }
      paymentId = held.value.id;
    }
    const difference = value - cost;
    const method = order.paymentId ? 'original_payment' as const : 'store_credit' as const;
    if (difference > 0 && method === 'original_payment') await this.toCard(ctx, r, order, difference, `difference of exchange ${id}`);
    const reservation = reservationId ? await this.uses.inventory.getReservation(ctx, reservationId) : null;
    await this.step(ctx, r, order, 'exchange', {
      refund_total: difference, refunded_at: difference > 0 ? ctx.clock.now().toISOString() : null, refund_method: difference > 0 ? method : null,
      refund_claim: null, closed_at: ctx.clock.now().toISOString(),
    }, async (c) => {
      placed ??= await this.orders.place(c, {
        checkoutId, customerId: order.customerId, email: order.email, channel: order.channel as any, fulfilmentKind: (order.fulfilmentKind ?? 'delivery') as any,
        locationId: order.locationId, currency: order.currency, shippingTotal: 0, shippingMethod: order.shippingMethod, taxInclusive: order.taxInclusive,
        promotionCode: null, billingAddress: order.billingAddress, shippingAddress: order.shippingAddress, locale: order.locale ?? 'en',
        notes: `Exchange for return ${id} of order ${order.displayNumber}, paid by the returned value`, paymentId: paymentId!, paymentStatus: 'paid', reservationId,
        lines: replacements.map((e) => ({
          productId: e.productId, variantId: e.variantId, sku: e.sku, title: e.title, variantTitle: e.variantTitle, quantity: e.quantity, unitPrice: e.unitPrice,
          discountTotal: 0, taxTotal: e.taxTotal, weightGrams: e.weightGrams,
          locationId: reservation?.lines.find((l) => l.variantId === e.variantId)?.locationId ?? order.locationId,
        })),
      });
      if (reservationId) await this.uses.inventory.commit(c, reservationId);
      await c.db.updateTable('order_returns').set({ exchange_order_id: placed.id }).where('id', '=', id).execute();
      if (difference > 0 && method === 'store_credit') await this.credit(c, order, difference, `difference of exchange ${id}`, `return:${id}`, id);
      if (difference > 0) await this.orders.recordRefund(c, order.id, { amount: difference, method, reason: `difference of exchange ${id}`, returnId: id });
      await timeline(c, order.id, `Exchanged: replacement order ${placed.displayNumber} placed${difference > 0 ? `, ${difference} ${order.currency} refunded` : ''}`, { returnId: id, exchangeOrderId: placed.id });
      await emit(c, ReturnExchanged, id, { returnId: id, orderId: order.id, number: order.number, exchangeOrderId: placed.id, exchangeNumber: placed.number, cost, refunded: difference, currency: order.currency });
    });
    return this.getReturn(ctx, id);
  }

  /**
   * Moves a return by one action inside a transaction: the compare-and-set on its status (a
   * concurrent change answers 409), the order touched on its version, then `then` (timeline,
   * events, money in our own tables) in the same transaction.
   */
  private async step(ctx: Ctx, r: OrderReturnDto, order: OrderDto, action: ReturnAction, set: Record<string, unknown>, then: (c: Ctx) => Promise<void>): Promise<void> {
    requireAction(r, action);
    await inTransaction(ctx.db, async (tx) => {
      const c = withDb(ctx, tx);
      const res = await tx.updateTable('order_returns').set({ ...set, status: RETURN_TRANSITIONS[action].to, updated_at: ctx.clock.now().toISOString() })
        .where('id', '=', r.id).where('status', '=', r.status).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) {
        const now = await tx.selectFrom('order_returns').select('status').where('id', '=', r.id).executeTakeFirst();
        throw invalidTransition(r.id, (now?.status ?? r.status) as ReturnStatus, action);
      }
      if (action !== 'receive') await touchOrder(c, await currentOrder(tx, order.id), {});
      await then(c);
    });
  }

  /**
   * Refunds the original payment for a return, once: the return is claimed for this amount
   * first (a different amount waits for it), and the provider call carries a key derived from
   * the return, so a retry or a concurrent identical request refunds nothing more.
   */
  private async toCard(ctx: Ctx, r: OrderReturnDto, order: OrderDto, amount: number, reason: string): Promise<void> {
    const claim = JSON.stringify({ amount, method: 'original_payment' });
    const status = RETURN_TRANSITIONS[r.exchange.length ? 'exchange' : 'refund'].from[0];
    const res = await ctx.db.updateTable('order_returns').set({ refund_claim: claim }).where('id', '=', r.id).where('status', '=', status)
      .where((eb) => eb.or([eb('refund_claim', 'is', null), eb('refund_claim', '=', claim)])).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      const now = await ctx.db.selectFrom('order_returns').select(['status']).where('id', '=', r.id).executeTakeFirstOrThrow();
      if (now.status !== status) throw invalidTransition(r.id, now.status as ReturnStatus, 'refund');
      throw conflict('returns.refund_in_progress', 'another refund of this return is being made; reload and try again', { returnId: r.id });
    }
    const release = () => ctx.db.updateTable('order_returns').set({ refund_claim: null }).where('id', '=', r.id).where('status', '=', status).where('refund_claim', '=', claim).execute();
    let result;
    try {
      result = await this.uses.payments.refund(ctx, order.paymentId!, { amount, reason, idempotencyKey: `return:${r.id}` });
    } catch (e) {
      await release();
      if (e instanceof AppError && e.code === 'payments.refund_exceeds_captured') throw conflict('returns.refund_exceeds_captured', `${e.message}; refund the rest as store credit`, e.details as Record<string, unknown>);
      throw e;
    }
    if (!result.ok) {
      await release();
      throw new AppError('returns.refund_failed', `the payment provider did not refund: ${result.error.message}; nothing was recorded, try again`, 502, { paymentId: order.paymentId });
    }
  }

  private async credit(c: Ctx, order: OrderDto, amount: number, reason: string, key: string, returnId: string): Promise<void> {
    await this.uses.payments.issueCredit(c, { customerId: order.customerId, email: order.email, amount, currency: order.currency, reason, reference: returnId, idempotencyKey: key });
  }

  /** Holds the replacement stock once per return; a retry finds the reservation already made. */
  private async reserve(ctx: Ctx, id: string, reference: string, order: OrderDto, lines: ExchangeLine[]): Promise<string> {
    const have = await ctx.db.selectFrom('order_returns').select('exchange_reservation_id').where('id', '=', id).executeTakeFirstOrThrow();
    if (have.exchange_reservation_id) return have.exchange_reservation_id as string;
    const res = await this.uses.inventory.reserve(ctx, { reference, ttlSeconds: 3600, lines: lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity, ...(order.locationId ? { locationId: order.locationId } : {}) })) });
    if (!res.ok) throw conflict('returns.exchange_out_of_stock', 'the replacements are not in stock; try again later or refund instead', { shortages: res.error.shortages });
    const set = await ctx.db.updateTable('order_returns').set({ exchange_reservation_id: res.value.id }).where('id', '=', id).where('exchange_reservation_id', 'is', null).executeTakeFirst();
    if (Number(set.numUpdatedRows) === 1) return res.value.id;
    await this.uses.inventory.release(ctx, res.value.id);
    return this.reserve(ctx, id, reference, order, lines);
  }

  /** Prices replacement variants now, in the order's currency, taxed at the order's rate. */
  private async priceExchange(ctx: Ctx, order: OrderDto, wanted: { variantId: string; quantity: number }[]): Promise<ExchangeLine[]> {
    if (!this.uses.catalog) throw unprocessable('returns.exchange_unavailable', 'exchanges are not available in this store');
    const variants = await this.uses.catalog.getVariants(ctx, [...new Set(wanted.map((w) => w.variantId))], { currency: order.currency });
    return wanted.map((w, i) => {
      const v = variants.get(w.variantId);
      if (!v || !v.price || v.price.amount < 1 || v.status !== 'active') {
        throw unprocessable('returns.exchange_unavailable', `variant '${w.variantId}' cannot be had as a replacement`, [{ field: `body.exchange[${i}].variantId`, message: 'is not for sale' }]);
      }
      const gross = v.price.amount * w.quantity;
      const taxTotal = replacementTax(order, gross);
      return {
        variantId: v.id, productId: v.productId, sku: v.sku, title: v.productTitle, variantTitle: v.title, quantity: w.quantity, unitPrice: v.price.amount,
        taxTotal, total: gross + (order.taxInclusive ? 0 : taxTotal), weightGrams: v.weightGrams,
      };
    });
  }

  /** The return window runs from the last units sent (delivery, when fulfilment reports it) or else from placement. */
  private async windowStart(ctx: Ctx, order: OrderDto): Promise<string> {
    const last = await ctx.db.selectFrom('order_timeline').select((eb) => eb.fn.max('created_at').as('at')).where('order_id', '=', order.id).where('kind', '=', 'fulfilment').executeTakeFirst();
    return (last?.at as string | null) ?? order.placedAt;
  }

  /** Units of each line already claimed by returns that have not come back yet. */
  private async openQuantities(db: Db, orderId: string): Promise<Map<string, number>> {
    const rows = await db.selectFrom('order_return_lines').innerJoin('order_returns', 'order_returns.id', 'order_return_lines.return_id')
      .select(['order_return_lines.order_line_id as line', 'order_return_lines.quantity as q'])
      .where('order_returns.order_id', '=', orderId).where('order_returns.status', 'in', [...OPEN_RETURN_STATUSES]).execute();
    const out = new Map<string, number>();
    for (const r of rows) out.set(r.line as string, (out.get(r.line as string) ?? 0) + Number(r.q));
    return out;
  }
}

function requireAction(r: OrderReturnDto, action: ReturnAction): void {
  if (!canReturn(r.status as ReturnStatus, action)) throw invalidTransition(r.id, r.status as ReturnStatus, action);
}

const invalidTransition = (id: string, status: ReturnStatus, action: ReturnAction) =>
  conflict('returns.invalid_transition', `return ${id} is ${status} and cannot be ${action === 'receive' ? 'received' : `${action}${action.endsWith('e') ? 'd' : 'ed'}`}`, { returnId: id, status, action });

function lineOf(order: OrderDto, lineId: string): OrderLineDto {
  const line = order.lines.find((l) => l.id === lineId);
  if (!line) throw new Error(`return line ${lineId} is not on order ${order.id}`);
  return line;
}

async function currentOrder(db: Db, id: string): Promise<{ id: string; number: number; version: number }> {
  const o = await db.selectFrom('orders').select(['id', 'number', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
  return { id: o.id as string, number: Number(o.number), version: Number(o.version) };
}

/** Bumps the order's version (and sets `set`), so a return step and an order change never interleave. */
async function touchOrder(c: Ctx, o: { id: string; number: number; version: number }, set: Record<string, unknown>): Promise<void> {
  const res = await c.db.updateTable('orders').set({ ...set, version: o.version + 1, updated_at: c.clock.now().toISOString() })
    .where('id', '=', o.id).where('version', '=', o.version).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw conflict('orders.changed', `order #${o.number} changed meanwhile; reload and try again`);
}

async function timeline(c: Ctx, orderId: string, message: string, data: Record<string, unknown>, internal = false): Promise<void> {
  await c.db.insertInto('order_timeline').values({
    id: newId('otl'), order_id: orderId, kind: 'return', message, data: JSON.stringify(data), internal: internal ? 1 : 0, actor: actorRef(c.actor), created_at: c.clock.now().toISOString(),
  }).execute();
}
