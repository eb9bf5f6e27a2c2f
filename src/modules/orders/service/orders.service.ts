/** Orders: the historical import and the read side (admin lists, a customer's own orders, scans for models). */
import { newId, notFound, validationError, type ErrorDetail } from '../../../kernel/index.js';
import { sql } from 'kysely';
import type { TimelineEntryDto } from '../contracts/schemas.js';
import { toReturnDto } from '../data/returns.repo.js';
import type { ReceiveInput, ReturnListQuery, ReturnRefundInput, ReturnRequestInput } from '../contracts/returns.js';
import { Returns, type ReturnsUses } from './returns.js';
import type { CancelInput, CustomerValue, OrderEditInput, PlaceOrderInput, RefundMethod } from '../contracts/service.js';
import { orderStats } from './stats.js';
import { json, OrderLifecycle, toTimeline } from './lifecycle.js';
import { takeOrderNumbers } from '../data/numbers.js';
import type { PaymentStatus } from '../domain/status.js';
import { decodeCursor, emit, encodeCursor, inTransaction, withDb, type Ctx, type Db, type Dialect } from '../../../platform/index.js';
import { OrderHistoryImported } from '../contracts/events.js';
import type { OrderDto, OrderLineDto, OrderReturnDto, OrderSummaryDto } from '../contracts/schemas.js';
import type { HistoricalOrder, ImportReport, OrderListQuery, OrderStatsQuery, OrdersService as OrdersServiceContract } from '../contracts/service.js';
import { CHANNELS, displayNumber, FULFILLMENT_STATUSES, ORDER_STATUSES, PAYMENT_STATUSES, RETURN_STATUSES } from '../domain/status.js';

/** Rows per multi-row INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 400;

const parse = (v: string | null) => (v ? JSON.parse(v) : null);

export const toSummary = (r: any): OrderSummaryDto => ({
  id: r.id, number: Number(r.number), displayNumber: displayNumber(Number(r.number)), customerId: r.customer_id ?? null, email: r.email,
  status: r.status, paymentStatus: r.payment_status, fulfillmentStatus: r.fulfillment_status, channel: r.channel, locationId: r.location_id ?? null,
  source: r.source, currency: r.currency, subtotal: Number(r.subtotal), discountTotal: Number(r.discount_total), shippingTotal: Number(r.shipping_total),
  taxTotal: Number(r.tax_total), total: Number(r.total), refundedTotal: Number(r.refunded_total), promotionCode: r.promotion_code ?? null,
  billingCountry: r.billing_country ?? null, shippingCountry: r.shipping_country ?? null, itemCount: Number(r.item_count), placedAt: r.placed_at,
});

const toLine = (r: any): OrderLineDto => ({
  id: r.id, position: Number(r.position), productId: r.product_id ?? null, variantId: r.variant_id ?? null, sku: r.sku ?? null, title: r.title,
  variantTitle: r.variant_title ?? null, quantity: Number(r.quantity), unitPrice: Number(r.unit_price), discountTotal: Number(r.discount_total),
  taxTotal: Number(r.tax_total), total: Number(r.total), returnedQuantity: Number(r.returned_quantity),
  fulfilledQuantity: Number(r.fulfilled_quantity ?? 0), locationId: r.location_id ?? null,
});

export class OrdersService implements OrdersServiceContract {
  private readonly lifecycle: OrderLifecycle;
  private readonly returns: Returns;

  constructor(uses: ReturnsUses, private readonly dialect: Dialect, opts: { returnWindowDays: number } = { returnWindowDays: 30 }) {
    this.lifecycle = new OrderLifecycle(uses, (ctx, id) => this.get(ctx, id), dialect);
    this.returns = new Returns(uses, this, opts.returnWindowDays);
  }

  requestReturn(ctx: Ctx, orderId: string, input: ReturnRequestInput) { return this.returns.requestReturn(ctx, orderId, input); }
  getReturn(ctx: Ctx, id: string) { return this.returns.getReturn(ctx, id); }
  listReturns(ctx: Ctx, q: ReturnListQuery) { return this.returns.listReturns(ctx, q); }
  authorizeReturn(ctx: Ctx, id: string, input: { restockingFee?: number; note?: string }) { return this.returns.authorizeReturn(ctx, id, input); }
  rejectReturn(ctx: Ctx, id: string, reason: string) { return this.returns.rejectReturn(ctx, id, reason); }
  cancelReturn(ctx: Ctx, id: string, reason: string | null) { return this.returns.cancelReturn(ctx, id, reason); }
  receiveReturn(ctx: Ctx, id: string, input: ReceiveInput) { return this.returns.receiveReturn(ctx, id, input); }
  refundReturn(ctx: Ctx, id: string, input: ReturnRefundInput) { return this.returns.refundReturn(ctx, id, input); }
  exchangeReturn(ctx: Ctx, id: string) { return this.returns.exchangeReturn(ctx, id); }

  place(ctx: Ctx, input: PlaceOrderInput) { return this.lifecycle.place(ctx, input); }
  addNote(ctx: Ctx, id: string, input: { message: string; internal: boolean }) { return this.lifecycle.addNote(ctx, id, input); }
  hold(ctx: Ctx, id: string, reason: string) { return this.lifecycle.hold(ctx, id, reason); }
  release(ctx: Ctx, id: string) { return this.lifecycle.release(ctx, id); }
  cancel(ctx: Ctx, id: string, input: CancelInput) { return this.lifecycle.cancel(ctx, id, input); }
  edit(ctx: Ctx, id: string, input: OrderEditInput) { return this.lifecycle.edit(ctx, id, input); }
  recordPayment(ctx: Ctx, id: string, input: { paymentStatus: PaymentStatus; refundedTotal?: number; message: string }) { return this.lifecycle.recordPayment(ctx, id, input); }
  recordFulfilment(ctx: Ctx, id: string, input: { lines: { lineId: string; quantity: number }[]; started?: boolean; message: string }) { return this.lifecycle.recordFulfilment(ctx, id, input); }
  recordRefund(ctx: Ctx, id: string, input: { amount: number; method: RefundMethod; reason: string | null; returnId?: string | null }) { return this.lifecycle.recordRefund(ctx, id, input); }
  complete(ctx: Ctx, id: string, message: string) { return this.lifecycle.complete(ctx, id, message); }

  async findByCheckout(ctx: Ctx, checkoutId: string): Promise<OrderDto | null> {
    const r = await ctx.db.selectFrom('orders').selectAll().where('checkout_id', '=', checkoutId).executeTakeFirst();
    return r ? (await this.hydrate(ctx.db, [r]))[0] : null;
  }

  async lookup(ctx: Ctx, number: number, email: string): Promise<OrderDto> {
    const r = await ctx.db.selectFrom('orders').selectAll().where('number', '=', number).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
    // A wrong email answers exactly like a wrong number: the pair is the key, neither half leaks.
    if (!r) throw notFound('orders.order_not_found', 'order', `#${number}`);
    return (await this.hydrate(ctx.db, [r]))[0];
  }

  async timeline(ctx: Ctx, id: string, opts: { includeInternal?: boolean } = {}): Promise<TimelineEntryDto[]> {
    const rows = await ctx.db.selectFrom('order_timeline').selectAll().where('order_id', '=', id)
      .$if(!opts.includeInternal, (b) => b.where('internal', '=', 0)).orderBy('created_at').orderBy('id').execute();
    return rows.map(toTimeline);
  }

  async importHistorical(ctx: Ctx, orders: HistoricalOrder[], opts: { source?: string } = {}): Promise<ImportReport> {
    const source = opts.source ?? 'import';
    const problems = orders.flatMap((o, i) => checkOrder(o, i));
    if (problems.length) throw validationError(`${problems.length} problem(s) in the orders to import: ${problems.slice(0, 5).map((p) => `${p.field} ${p.message}`).join('; ')}`, problems.slice(0, 100));
    if (!orders.length) return { imported: 0, skipped: 0, firstNumber: null, lastNumber: null };
    return inTransaction(ctx.db, async (tx) => {
      const existing = new Set<string>();
      const refs = orders.map((o) => o.externalRef);
      for (let i = 0; i < refs.length; i += CHUNK) {
        const rows = await tx.selectFrom('orders').select('external_ref').where('source', '=', source).where('external_ref', 'in', refs.slice(i, i + CHUNK)).execute();
        for (const r of rows) existing.add(r.external_ref as string);
      }
      const seen = new Set<string>();
      const fresh = orders.filter((o) => {
        if (existing.has(o.externalRef) || seen.has(o.externalRef)) return false;
        seen.add(o.externalRef);
        return true;
      }).sort((a, b) => (a.placedAt < b.placedAt ? -1 : a.placedAt > b.placedAt ? 1 : 0));
      // Numbers from the same source checkout draws from, in placed order.
      const numbers = await takeOrderNumbers(tx, this.dialect, fresh.length);
      const now = ctx.clock.now().toISOString();
      const orderRows: any[] = [];
      const lineRows: any[] = [];
      const returnRows: any[] = [];
      const returnLineRows: any[] = [];
      for (const [i, o] of fresh.entries()) {
        const id = newId('ord');
        const number = numbers[i];
        const lineIds: string[] = [];
        let subtotal = 0, discount = 0, tax = 0, items = 0;
        o.lines.forEach((l, position) => {
          const lineId = newId('oli');
          lineIds.push(lineId);
          const gross = l.unitPrice * l.quantity;
          const d = l.discountTotal ?? 0;
          const t = l.taxTotal ?? 0;
          subtotal += gross; discount += d; tax += t; items += l.quantity;
          lineRows.push({
            id: lineId, order_id: id, position, product_id: l.productId ?? null, variant_id: l.variantId ?? null, sku: l.sku ?? null, title: l.title,
            variant_title: l.variantTitle ?? null, quantity: l.quantity, unit_price: l.unitPrice, discount_total: d, tax_total: t, total: gross - d + t,
            returned_quantity: l.returnedQuantity ?? 0,
          });
        });
        const shipping = o.shippingTotal ?? 0;
        orderRows.push({
          id, number, customer_id: o.customerId ?? null, email: o.email.toLowerCase(), status: o.status, payment_status: o.paymentStatus,
          fulfillment_status: o.fulfillmentStatus, channel: o.channel, location_id: o.locationId ?? null, source, external_ref: o.externalRef,
          currency: o.currency.toUpperCase(), subtotal, discount_total: discount, shipping_total: shipping, tax_total: tax,
          total: subtotal - discount + tax + shipping, refunded_total: o.refundedTotal ?? 0, item_count: items, promotion_code: o.promotionCode ?? null,
          shipping_method: o.shippingMethod ?? null, billing_country: o.billingAddress?.country ?? null, shipping_country: o.shippingAddress?.country ?? null,
          billing_address: json(o.billingAddress), shipping_address: json(o.shippingAddress), notes: o.notes ?? null, metadata: json(o.metadata),
          placed_at: o.placedAt, cancelled_at: o.cancelledAt ?? null, closed_at: o.closedAt ?? null, created_at: now, updated_at: now,
        });
        for (const r of o.returns ?? []) {
          const rid = newId('ret');
          returnRows.push({ id: rid, order_id: id, status: r.status, reason: r.reason ?? null, refund_total: r.refundTotal, requested_at: r.requestedAt, received_at: r.receivedAt ?? null, refunded_at: r.refundedAt ?? null });
          for (const rl of r.lines) returnLineRows.push({ return_id: rid, order_line_id: lineIds[rl.line], quantity: rl.quantity, restock: rl.restock === false ? 0 : 1 });
        }
      }
      await insertChunked(tx, 'orders', orderRows);
      await insertChunked(tx, 'order_lines', lineRows);
      await insertChunked(tx, 'order_returns', returnRows);
      await insertChunked(tx, 'order_return_lines', returnLineRows);
      if (fresh.length) {
        await emit(withDb(ctx, tx), OrderHistoryImported, `import:${source}`, { source, count: fresh.length, firstPlacedAt: fresh[0].placedAt, lastPlacedAt: fresh[fresh.length - 1].placedAt });
      }
      return { imported: fresh.length, skipped: orders.length - fresh.length, firstNumber: numbers[0] ?? null, lastNumber: numbers.at(-1) ?? null };
    });
  }

  async get(ctx: Ctx, id: string): Promise<OrderDto> {
    const r = await ctx.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound('orders.order_not_found', 'order', id);
    return (await this.hydrate(ctx.db, [r]))[0];
  }

  async list(ctx: Ctx, q: OrderListQuery) {
    const after = decodeCursor<{ p: string; i: string }>(q.cursor);
    const rows = await ctx.db.selectFrom('orders').selectAll()
      .$if(!!q.status, (b) => b.where('status', '=', q.status!))
      .$if(!!q.paymentStatus, (b) => b.where('payment_status', '=', q.paymentStatus!))
      .$if(!!q.fulfillmentStatus, (b) => b.where('fulfillment_status', '=', q.fulfillmentStatus!))
      .$if(!!q.channel, (b) => b.where('channel', '=', q.channel!))
      .$if(!!q.customerId, (b) => b.where('customer_id', '=', q.customerId!))
      .$if(!!q.email, (b) => b.where('email', '=', q.email!.toLowerCase()))
      .$if(!!q.placedFrom, (b) => b.where('placed_at', '>=', q.placedFrom!))
      .$if(!!q.placedTo, (b) => b.where('placed_at', '<', q.placedTo!))
      .$if(!!after, (b) => b.where((eb) => eb.or([eb('placed_at', '<', after!.p), eb.and([eb('placed_at', '=', after!.p), eb('id', '<', after!.i)])])))
      .orderBy('placed_at', 'desc').orderBy('id', 'desc').limit(q.limit + 1).execute();
    return page(rows, q.limit, toSummary, (r) => ({ p: r.placed_at, i: r.id }));
  }

  async listForCustomer(ctx: Ctx, customerId: string, q: { limit: number; cursor?: string }) {
    return this.list(ctx, { customerId, limit: q.limit, cursor: q.cursor });
  }

  async customerValue(ctx: Ctx, who: { customerId?: string; email?: string }): Promise<CustomerValue> {
    if (!who.customerId && !who.email) return { orders: 0, totals: [], firstOrderAt: null, lastOrderAt: null };
    const rows = await ctx.db.selectFrom('orders')
      .select((eb) => ['currency', eb.fn.countAll().as('n'), eb.fn.sum(sql`total - refunded_total`).as('amount'), eb.fn.min('placed_at').as('first'), eb.fn.max('placed_at').as('last')])
      .where('status', '!=', 'cancelled')
      .where((eb) => eb.or([
        ...(who.customerId ? [eb('customer_id', '=', who.customerId)] : []),
        ...(who.email ? [eb('email', '=', who.email.toLowerCase())] : []),
      ]))
      .groupBy('currency').execute();
    const totals = rows.map((r: any) => ({ currency: r.currency, amount: Number(r.amount ?? 0), orders: Number(r.n) })).sort((a, b) => b.amount - a.amount);
    const firsts = rows.map((r: any) => r.first as string).sort();
    const lasts = rows.map((r: any) => r.last as string).sort();
    return { orders: totals.reduce((n, t) => n + t.orders, 0), totals, firstOrderAt: firsts[0] ?? null, lastOrderAt: lasts[lasts.length - 1] ?? null };
  }

  async scan(ctx: Ctx, q: { after?: string; placedFrom?: string; placedTo?: string; limit: number }) {
    const after = decodeCursor<{ p: string; i: string }>(q.after);
    const rows = await ctx.db.selectFrom('orders').selectAll()
      .$if(!!q.placedFrom, (b) => b.where('placed_at', '>=', q.placedFrom!))
      .$if(!!q.placedTo, (b) => b.where('placed_at', '<', q.placedTo!))
      .$if(!!after, (b) => b.where((eb) => eb.or([eb('placed_at', '>', after!.p), eb.and([eb('placed_at', '=', after!.p), eb('id', '>', after!.i)])])))
      .orderBy('placed_at').orderBy('id').limit(q.limit + 1).execute();
    const more = rows.length > q.limit;
    const items = await this.hydrate(ctx.db, rows.slice(0, q.limit));
    const last = rows[q.limit - 1];
    return { items, nextCursor: more ? encodeCursor({ p: last.placed_at, i: last.id }) : null };
  }

  stats(ctx: Ctx, q: OrderStatsQuery) { return orderStats(ctx, q); }

  async count(ctx: Ctx, opts: { source?: string } = {}): Promise<number> {
    const r = await ctx.db.selectFrom('orders').select((eb) => eb.fn.countAll().as('n'))
      .$if(!!opts.source, (b) => b.where('source', '=', opts.source!)).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Attaches lines and returns to order rows with three queries, whatever the number of orders. */
  private async hydrate(db: Db, rows: any[]): Promise<OrderDto[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const lines = await db.selectFrom('order_lines').selectAll().where('order_id', 'in', ids).orderBy('order_id').orderBy('position').execute();
    const returns = await db.selectFrom('order_returns').selectAll().where('order_id', 'in', ids).orderBy('requested_at').execute();
    const returnLines = returns.length
      ? await db.selectFrom('order_return_lines').selectAll().where('return_id', 'in', returns.map((r) => r.id)).execute()
      : [];
    const linesBy = groupBy(lines, (l) => l.order_id);
    const rlBy = groupBy(returnLines, (l) => l.return_id);
    const retBy = groupBy(returns, (r) => r.order_id);
    return rows.map((r) => ({
      ...toSummary(r),
      shippingMethod: r.shipping_method ?? null, billingAddress: parse(r.billing_address), shippingAddress: parse(r.shipping_address), notes: r.notes ?? null,
      externalRef: r.external_ref ?? null, metadata: parse(r.metadata), cancelledAt: r.cancelled_at ?? null, closedAt: r.closed_at ?? null,
      createdAt: r.created_at, updatedAt: r.updated_at,
      checkoutId: r.checkout_id ?? null, paymentId: r.payment_id ?? null, fulfilmentKind: r.fulfilment_kind ?? null, locale: r.locale ?? null,
      holdReason: r.hold_reason ?? null, taxInclusive: !!r.tax_inclusive, version: Number(r.version ?? 0),
      lines: (linesBy.get(r.id) ?? []).map(toLine),
      returns: (retBy.get(r.id) ?? []).map((x): OrderReturnDto => toReturnDto(x, rlBy.get(x.id) ?? [])),
    }));
  }
}

function page<R, T>(rows: R[], limit: number, map: (r: R) => T, key: (r: R) => unknown) {
  const more = rows.length > limit;
  const slice = rows.slice(0, limit);
  return { items: slice.map(map), nextCursor: more ? encodeCursor(key(slice[slice.length - 1])) : null };
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const arr = m.get(k);
    if (arr) arr.push(it); else m.set(k, [it]);
  }
  return m;
}

async function insertChunked(db: Db, table: string, rows: any[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await db.insertInto(table).values(rows.slice(i, i + CHUNK)).execute();
}

const isMinor = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Everything wrong with one order to import, with field paths like `orders[3].lines[0].quantity`. */
function checkOrder(o: HistoricalOrder, i: number): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const f = (path: string, message: string) => out.push({ field: `orders[${i}]${path}`, message });
  if (!o.externalRef) f('.externalRef', 'is required');
  if (!o.email || !o.email.includes('@')) f('.email', 'must be an email address');
  if (!(ORDER_STATUSES as readonly string[]).includes(o.status)) f('.status', `must be one of ${ORDER_STATUSES.join(', ')}`);
  if (!(PAYMENT_STATUSES as readonly string[]).includes(o.paymentStatus)) f('.paymentStatus', `must be one of ${PAYMENT_STATUSES.join(', ')}`);
  if (!(FULFILLMENT_STATUSES as readonly string[]).includes(o.fulfillmentStatus)) f('.fulfillmentStatus', `must be one of ${FULFILLMENT_STATUSES.join(', ')}`);
  if (!(CHANNELS as readonly string[]).includes(o.channel)) f('.channel', `must be one of ${CHANNELS.join(', ')}`);
  if (!/^[A-Za-z]{3}$/.test(o.currency ?? '')) f('.currency', 'must be a 3-letter ISO currency code');
  if (!ISO.test(o.placedAt ?? '')) f('.placedAt', 'must be an ISO UTC timestamp');
  if (o.shippingTotal !== undefined && !isMinor(o.shippingTotal)) f('.shippingTotal', 'must be a non-negative integer of minor units');
  if (!o.lines?.length) f('.lines', 'must have at least one line');
  let total = o.shippingTotal ?? 0;
  (o.lines ?? []).forEach((l, j) => {
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0) f(`.lines[${j}].quantity`, 'must be a positive integer');
    if (!isMinor(l.unitPrice)) f(`.lines[${j}].unitPrice`, 'must be a non-negative integer of minor units');
    if (l.discountTotal !== undefined && (!isMinor(l.discountTotal) || l.discountTotal > l.unitPrice * l.quantity)) f(`.lines[${j}].discountTotal`, 'must be between 0 and the line amount');
    if (l.taxTotal !== undefined && !isMinor(l.taxTotal)) f(`.lines[${j}].taxTotal`, 'must be a non-negative integer of minor units');
    if (l.returnedQuantity !== undefined && (!Number.isSafeInteger(l.returnedQuantity) || l.returnedQuantity < 0 || l.returnedQuantity > l.quantity)) f(`.lines[${j}].returnedQuantity`, 'must be between 0 and the quantity');
    if (!l.title) f(`.lines[${j}].title`, 'is required');
    total += l.unitPrice * l.quantity - (l.discountTotal ?? 0) + (l.taxTotal ?? 0);
  });
  if (o.refundedTotal !== undefined && (!isMinor(o.refundedTotal) || o.refundedTotal > total)) f('.refundedTotal', 'must be between 0 and the order total');
  (o.returns ?? []).forEach((r, k) => {
    if (!(RETURN_STATUSES as readonly string[]).includes(r.status)) f(`.returns[${k}].status`, `must be one of ${RETURN_STATUSES.join(', ')}`);
    if (!isMinor(r.refundTotal)) f(`.returns[${k}].refundTotal`, 'must be a non-negative integer of minor units');
    r.lines.forEach((rl, m) => {
      const line = o.lines?.[rl.line];
      if (!line) f(`.returns[${k}].lines[${m}].line`, 'does not name a line of this order');
      else if (!Number.isSafeInteger(rl.quantity) || rl.quantity <= 0 || rl.quantity > line.quantity) f(`.returns[${k}].lines[${m}].quantity`, 'must be between 1 and the line quantity');
    });
  });
  return out;
}
