/**
 * The support assistant's tools: typed calls into the orders, fulfillment, catalog and support
 * (knowledge base) front doors. Every answer is checked against its output schema by the runtime,
 * so what a tool returns can be stated as a fact. Order tools only ever return orders the caller
 * has proved are theirs: the signed-in customer's own, or a number with its matching email.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AppError } from '../../../kernel/index.js';
import type { Ctx } from '../../../platform/index.js';
import { defineTool } from '../../runtime/index.js';
import type { CatalogService } from '../../../modules/catalog/index.js';
import type { FulfillmentService } from '../../../modules/fulfillment/index.js';
import type { InventoryService } from '../../../modules/inventory/index.js';
import type { OrderDto, OrdersService } from '../../../modules/orders/index.js';
import type { SupportService } from '../../../modules/support/index.js';

export interface AssistantUses {
  orders: OrdersService;
  fulfillment: FulfillmentService;
  catalog: Pick<CatalogService, 'listProducts' | 'getProduct'>;
  inventory: Pick<InventoryService, 'availability'>;
  support: SupportService;
}

const fold = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
const words = (s: string) => new Set(fold(s).match(/[\p{L}\p{N}]{2,}/gu) ?? []);

/**
 * The names of the store's active products, for finding which one a customer means. Kept from the
 * storefront list and refreshed outside any transaction (the list reads through the catalogue's
 * read model, which must not wait on the database while a delivery's transaction holds SQLite's
 * one connection); the facts themselves are then read through the catalogue in the run's context.
 */
export class ProductNames {
  private items: { id: string; title: string; words: Set<string> }[] = [];
  private timer?: NodeJS.Timeout;
  constructor(private catalog: Pick<CatalogService, 'listProducts'>) {}

  async refresh(): Promise<void> {
    const items: ProductNames['items'] = [];
    let cursor: string | undefined;
    do {
      const page = await this.catalog.listProducts({ limit: 100, cursor });
      for (const p of page.items) items.push({ id: p.id, title: p.title, words: words(p.title) });
      cursor = page.nextCursor ?? undefined;
    } while (cursor && items.length < 5000);
    this.items = items;
  }

  start(everyMs: number): void {
    this.timer = setInterval(() => { void this.refresh().catch(() => undefined); }, everyMs);
    this.timer.unref();
  }

  stop(): void { if (this.timer) clearInterval(this.timer); }

  /** Whether a message names a product: all words of a short name, or at least two of a longer one. */
  mentioned(text: string): boolean {
    return this.named(text).length > 0;
  }

  private named(text: string): ProductNames['items'] {
    const q = words(text);
    return this.items.filter((p) => { const n = [...p.words].filter((w) => q.has(w)).length; return n >= Math.min(2, p.words.size) && n > 0; });
  }

  /**
   * The message without the words of the product names it mentions: a name ("Alpine Wool Beanie",
   * "Chemise Lin") is the shop's, not evidence of the language the customer writes in.
   */
  withoutNames(text: string): string {
    const named = new Set(this.named(text).flatMap((p) => [...p.words]));
    if (named.size === 0) return text;
    return text.replace(/[\p{L}\p{N}]+/gu, (w) => (named.has(fold(w)) ? '' : w)).replace(/\s{2,}/g, ' ').trim();
  }

  /** Products whose names share the most words with the query (at least one), best first. */
  match(query: string, limit: number): string[] {
    const q = words(query);
    return this.items.map((p) => ({ p, n: [...p.words].filter((w) => q.has(w)).length }))
      .filter((x) => x.n > 0).sort((a, b) => b.n - a.n || a.p.title.length - b.p.title.length).slice(0, limit).map((x) => x.p.id);
  }
}

const N = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Str = Type.String();
const NStr = N(Type.String());

export const OrderFacts = Type.Object({
  id: Str, number: Type.Integer(), displayNumber: Str, customerId: NStr, email: Str,
  status: Str, paymentStatus: Str, fulfillmentStatus: Str, currency: Str, total: Type.Integer(), refundedTotal: Type.Integer(),
  placedAt: Str, fulfilmentKind: NStr,
  lines: Type.Array(Type.Object({ id: Str, title: Str, variantTitle: NStr, quantity: Type.Integer(), fulfilledQuantity: Type.Integer(), returnedQuantity: Type.Integer() })),
  returns: Type.Array(Type.Object({
    id: Str, status: Str, refundTotal: Type.Integer(), requestedAt: Str,
    lines: Type.Array(Type.Object({ orderLineId: Str, quantity: Type.Integer() })),
  })),
});
export type OrderFacts = Static<typeof OrderFacts>;

const Shipment = Type.Object({
  id: Str, kind: Str, status: Str, carrier: NStr, trackingNumber: NStr, trackingUrl: NStr,
  shippedAt: NStr, deliveredAt: NStr, readyAt: NStr, pickedUpAt: NStr, createdAt: Str,
});
export type ShipmentFacts = Static<typeof Shipment>;

function orderFacts(o: OrderDto): OrderFacts {
  return {
    id: o.id, number: o.number, displayNumber: o.displayNumber, customerId: o.customerId, email: o.email,
    status: o.status, paymentStatus: o.paymentStatus, fulfillmentStatus: o.fulfillmentStatus, currency: o.currency, total: o.total, refundedTotal: o.refundedTotal,
    placedAt: o.placedAt, fulfilmentKind: o.fulfilmentKind,
    lines: o.lines.map((l) => ({ id: l.id, title: l.title, variantTitle: l.variantTitle, quantity: l.quantity, fulfilledQuantity: l.fulfilledQuantity, returnedQuantity: l.returnedQuantity })),
    returns: o.returns.map((r) => ({ id: r.id, status: r.status, refundTotal: r.refundTotal, requestedAt: r.requestedAt, lines: r.lines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity })) })),
  };
}

const notFound = (e: unknown) => e instanceof AppError && e.status === 404;

export function assistantTools(uses: AssistantUses, names: ProductNames, currency: string) {
  const customerOrders = defineTool({
    name: 'customer_orders',
    description: "The signed-in customer's own orders, newest first (number, state, date).",
    input: Type.Object({ customerId: Str }),
    output: Type.Object({ items: Type.Array(Type.Object({ id: Str, number: Type.Integer(), displayNumber: Str, status: Str, placedAt: Str })) }),
    async run(ctx: Ctx, input) {
      const page = await uses.orders.listForCustomer(ctx, input.customerId, { limit: 50 });
      return { items: page.items.map((o) => ({ id: o.id, number: o.number, displayNumber: o.displayNumber, status: o.status, placedAt: o.placedAt })) };
    },
  });

  const customerOrder = defineTool({
    name: 'customer_order',
    description: "One of the signed-in customer's orders with its lines and returns; not found when it is not theirs.",
    input: Type.Object({ customerId: Str, orderId: Str }),
    output: Type.Object({ found: Type.Boolean(), order: Type.Union([OrderFacts, Type.Null()]) }),
    async run(ctx: Ctx, input) {
      const o = await uses.orders.get(ctx, input.orderId).catch((e) => { if (notFound(e)) return null; throw e; });
      // Someone else's order answers exactly like a missing one.
      if (!o || o.customerId !== input.customerId) return { found: false, order: null };
      return { found: true, order: orderFacts(o) };
    },
  });

  const lookupOrder = defineTool({
    name: 'lookup_order',
    description: 'A guest order by its number and the email it was placed with; not found unless both match.',
    input: Type.Object({ number: Type.Integer({ minimum: 1 }), email: Type.String({ minLength: 3 }) }),
    output: Type.Object({ found: Type.Boolean(), order: Type.Union([OrderFacts, Type.Null()]) }),
    async run(ctx: Ctx, input) {
      const o = await uses.orders.lookup(ctx, input.number, input.email).catch((e) => { if (notFound(e)) return null; throw e; });
      return o ? { found: true, order: orderFacts(o) } : { found: false, order: null };
    },
  });

  const orderShipments = defineTool({
    name: 'order_shipments',
    description: "A verified order's shipments: carrier, tracking number and link, shipped/delivered/ready dates.",
    input: Type.Object({ orderId: Str }),
    output: Type.Object({ items: Type.Array(Shipment) }),
    async run(ctx: Ctx, input) {
      const list = await uses.fulfillment.listForOrder(ctx, input.orderId);
      return {
        items: list.map((f) => ({
          id: f.id, kind: f.kind, status: f.status, carrier: f.carrier, trackingNumber: f.trackingNumber, trackingUrl: f.trackingUrl,
          shippedAt: f.shippedAt, deliveredAt: f.deliveredAt, readyAt: f.readyAt, pickedUpAt: f.pickedUpAt, createdAt: f.createdAt,
        })),
      };
    },
  });

  const cancelOrder = defineTool({
    name: 'cancel_order',
    effect: true,
    description: 'Cancels a verified order that has not left the store (pending or paid), after the customer confirmed.',
    input: Type.Object({ orderId: Str, reason: Str }),
    output: Type.Object({ cancelled: Type.Boolean(), refusal: NStr, order: OrderFacts }),
    async run(ctx: Ctx, input) {
      const before = await uses.orders.get(ctx, input.orderId);
      // The same rule as the shopper's own cancel button: only before preparation starts.
      if (before.status !== 'paid' && before.status !== 'pending') return { cancelled: false, refusal: `order is ${before.status}`, order: orderFacts(before) };
      const after = await uses.orders.cancel(ctx, input.orderId, { reason: input.reason });
      return { cancelled: true, refusal: null, order: orderFacts(after) };
    },
  });

  const requestReturn = defineTool({
    name: 'request_return',
    effect: true,
    description: 'Opens a return request for units of a verified, delivered order within the return window, after the customer confirmed.',
    input: Type.Object({
      orderId: Str, source: Type.Union([Type.Literal('customer'), Type.Literal('guest')]), reason: Str,
      lines: Type.Array(Type.Object({ orderLineId: Str, quantity: Type.Integer({ minimum: 1 }) }), { minItems: 1 }),
    }),
    output: Type.Object({
      opened: Type.Boolean(), returnId: NStr, status: NStr,
      refusal: Type.Union([Type.Object({ code: Str, message: Str, closedAt: NStr }), Type.Null()]),
    }),
    async run(ctx: Ctx, input) {
      try {
        const r = await uses.orders.requestReturn(ctx, input.orderId, {
          source: input.source, note: 'Requested through the support assistant',
          lines: input.lines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity, reason: input.reason as never })),
        });
        return { opened: true, returnId: r.id, status: r.status, refusal: null };
      } catch (e) {
        // The store's own rules said no (window closed, nothing left to return): a fact to tell, not a failure.
        if (e instanceof AppError && e.status >= 400 && e.status < 500) {
          const details = (e as AppError & { details?: unknown }).details as { closedAt?: string } | undefined;
          return { opened: false, returnId: null, status: null, refusal: { code: e.code, message: e.message, closedAt: details?.closedAt ?? null } };
        }
        throw e;
      }
    },
  });

  const searchKb = defineTool({
    name: 'search_kb',
    description: 'Passages of published knowledge-base articles (policies, delivery, returns, payments) in a language, best first, each with its article and version.',
    input: Type.Object({ query: Type.String({ minLength: 1 }), language: Str, limit: Type.Integer({ minimum: 1, maximum: 10 }) }),
    output: Type.Object({
      items: Type.Array(Type.Object({ articleId: Str, version: Type.Integer(), title: Str, heading: NStr, passage: Str, score: Type.Number(), category: Str, language: Str })),
    }),
    async run(ctx: Ctx, input) {
      return { items: await uses.support.kb.search(ctx, input.query.slice(0, 500), { language: input.language, limit: input.limit }) };
    },
  });

  const searchProducts = defineTool({
    name: 'search_products',
    description: 'Active catalogue products whose names match words, with price range in the store currency, stock and description.',
    input: Type.Object({ query: Type.String({ minLength: 1 }), limit: Type.Integer({ minimum: 1, maximum: 5 }) }),
    output: Type.Object({
      items: Type.Array(Type.Object({
        id: Str, title: Str, description: Str, currency: NStr, min: Type.Union([Type.Integer(), Type.Null()]), max: Type.Union([Type.Integer(), Type.Null()]),
        inStock: Type.Boolean(), available: Type.Union([Type.Integer(), Type.Null()]),
      })),
    }),
    async run(ctx: Ctx, input) {
      const items = [];
      for (const id of names.match(input.query, input.limit)) {
        const p = await uses.catalog.getProduct(ctx, id).catch((e) => { if (notFound(e)) return null; throw e; });
        if (!p || p.status !== 'active') continue;
        const prices = p.variants.flatMap((v) => v.prices.filter((x) => x.currency === currency).map((x) => x.amount));
        const managed = p.variants.filter((v) => v.manageInventory);
        const stock = await uses.inventory.availability(ctx, managed.map((v) => v.id));
        const available = managed.reduce((sum, v) => sum + Math.max(0, stock.get(v.id)?.available ?? 0), 0);
        const untracked = managed.length < p.variants.length;
        items.push({
          id: p.id, title: p.title, description: p.description, currency: prices.length ? currency : null,
          min: prices.length ? Math.min(...prices) : null, max: prices.length ? Math.max(...prices) : null,
          inStock: untracked || available > 0, available: untracked ? null : available,
        });
      }
      return { items };
    },
  });

  return { customerOrders, customerOrder, lookupOrder, orderShipments, cancelOrder, requestReturn, searchKb, searchProducts };
}

export type AssistantTools = ReturnType<typeof assistantTools>;
