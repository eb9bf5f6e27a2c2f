/**
 * Feature views kept fresh by events. Writers run inside event deliveries (the caller's
 * transaction), read other modules only through their front doors, and count each order once
 * (`ai_feature_orders`), so a rebuild and the live path never double up.
 */
import type { Ctx } from '../../platform/index.js';
import type { CatalogModule, ProductDto } from '../../modules/catalog/index.js';
import type { InventoryService } from '../../modules/inventory/index.js';
import type { OrderDto, OrdersService } from '../../modules/orders/index.js';
import type { CustomerFeaturesDto, FeatureViews, ProductFeaturesDto, ProductSnapshot, StorefrontView } from './contracts.js';

export interface FeatureUses {
  orders: Pick<OrdersService, 'scan' | 'get'>;
  catalog: { products: Pick<CatalogModule['service']['products'], 'list' | 'get'>; categories: Pick<CatalogModule['service']['categories'], 'list'> };
  inventory: Pick<InventoryService, 'availability'>;
  currency: string;
}

/** Time constant of the decayed sales and view rates. */
const TAU_DAYS = 14;
const DAY = 86_400_000;
const KEEP_RECENT = 10;
/** Pairs are counted for the first items of very large orders only (a wholesaler's 300-line order is not 45,000 pairs). */
const MAX_PAIR_ITEMS = 30;

/** An order reduced to what the views need. */
export interface OrderFacts { id: string; customerId: string | null; currency: string; total: number; placedAt: string; lines: { productId: string | null; quantity: number; total: number }[] }

export const orderFacts = (o: OrderDto): OrderFacts => ({
  id: o.id, customerId: o.customerId, currency: o.currency, total: o.total - o.refundedTotal, placedAt: o.placedAt,
  lines: o.lines.map((l) => ({ productId: l.productId, quantity: l.quantity, total: l.total })),
});

/** A decayed rate (per day) after adding `amount` at time `t`. */
export function decayAdd(rate: number, rateAt: string | null, amount: number, t: string): { rate: number; at: string } {
  if (!rateAt) return { rate: amount / TAU_DAYS, at: t };
  const dt = (Date.parse(t) - Date.parse(rateAt)) / DAY;
  if (dt >= 0) return { rate: rate * Math.exp(-dt / TAU_DAYS) + amount / TAU_DAYS, at: t };
  // An older fact arriving late counts for what it is worth now.
  return { rate: rate + (amount / TAU_DAYS) * Math.exp(dt / TAU_DAYS), at: rateAt };
}

/** The rate as of `now`. */
export const decayedRate = (rate: number, rateAt: string | null, now: Date): number =>
  (rateAt ? rate * Math.exp(-Math.max(0, now.getTime() - Date.parse(rateAt)) / DAY / TAU_DAYS) : 0);

const json = <T>(s: string | null | undefined, dflt: T): T => (s ? (JSON.parse(s) as T) : dflt);
const recent = (ids: string[], before: string[]) => [...new Set([...ids, ...before])].slice(0, KEEP_RECENT);

export class FeatureViewsService implements FeatureViews {
  private listeners = new Set<() => void>();

  constructor(private uses: FeatureUses) {}

  onProductsChanged(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  private productsChanged(): void {
    for (const l of this.listeners) setTimeout(l, 5).unref();
  }

  // ---- reads ----------------------------------------------------------------------------------

  async customer(ctx: Ctx, customerId: string): Promise<CustomerFeaturesDto | undefined> {
    const r = await ctx.db.selectFrom('ai_customer_features').selectAll().where('customer_id', '=', customerId).executeTakeFirst();
    if (!r) return undefined;
    const units = json<Record<string, number>>(r.category_units, {});
    const top = Object.entries(units).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3);
    const names = await this.categoryNames(ctx);
    return {
      customerId: r.customer_id, orders: Number(r.orders), spend: Number(r.spend), currency: r.currency,
      firstOrderAt: r.first_order_at ?? null, lastOrderAt: r.last_order_at ?? null,
      recencyDays: r.last_order_at ? Math.max(0, Math.round(((ctx.clock.now().getTime() - Date.parse(r.last_order_at)) / DAY) * 10) / 10) : null,
      favouriteCategories: top.map(([id, n]) => ({ id, name: names.get(id) ?? id, units: n })),
      lastBought: json(r.last_bought, []), lastViewed: json(r.last_viewed, []),
      cartUpdates: Number(r.cart_updates), lastCartAt: r.last_cart_at ?? null, updatedAt: r.updated_at,
    };
  }

  async product(ctx: Ctx, productId: string): Promise<ProductFeaturesDto | undefined> {
    const r = await ctx.db.selectFrom('ai_product_features').selectAll().where('product_id', '=', productId).executeTakeFirst();
    if (!r) return undefined;
    return { ...toSnapshot(r, ctx.clock.now()), coPurchased: await this.coPurchased(ctx, productId, 10) };
  }

  async products(ctx: Ctx, opts: { updatedSince?: string } = {}): Promise<ProductSnapshot[]> {
    const now = ctx.clock.now();
    let q = ctx.db.selectFrom('ai_product_features').selectAll();
    if (opts.updatedSince) q = q.where('updated_at', '>=', opts.updatedSince);
    return (await q.execute()).map((r) => toSnapshot(r, now));
  }

  async coPurchased(ctx: Ctx, productId: string, k: number): Promise<{ productId: string; count: number }[]> {
    const rows = await ctx.db.selectFrom('ai_product_pairs').select(['other_id', 'count']).where('product_id', '=', productId)
      .orderBy('count', 'desc').orderBy('other_id').limit(k).execute();
    return rows.map((r) => ({ productId: r.other_id, count: Number(r.count) }));
  }

  private async categoryNames(ctx: Ctx): Promise<Map<string, string>> {
    return new Map((await this.uses.catalog.categories.list(ctx)).map((c) => [c.id, c.name]));
  }

  // ---- writers (event deliveries) -------------------------------------------------------------

  /** Re-reads products from the catalogue and their stock from inventory; a deleted product leaves the view. */
  async refreshProducts(ctx: Ctx, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const names = await this.categoryNames(ctx);
    const products: ProductDto[] = [];
    for (const id of new Set(ids)) {
      try { products.push(await this.uses.catalog.products.get(ctx, id)); } catch (e) {
        if ((e as { code?: string }).code !== 'catalog.product_not_found') throw e;
        await ctx.db.deleteFrom('ai_product_features').where('product_id', '=', id).execute();
        await ctx.db.deleteFrom('ai_product_variants').where('product_id', '=', id).execute();
      }
    }
    await this.putProducts(ctx, products, names);
    this.productsChanged();
  }

  private async putProducts(ctx: Ctx, products: ProductDto[], names: Map<string, string>): Promise<void> {
    if (!products.length) return;
    const managed = products.flatMap((p) => p.variants.filter((v) => v.manageInventory).map((v) => v.id));
    const stock = managed.length ? await this.uses.inventory.availability(ctx, managed) : new Map();
    const now = ctx.clock.now().toISOString();
    for (const p of products) {
      const prices = p.variants.flatMap((v) => v.prices.filter((x) => x.currency === this.uses.currency).map((x) => x.amount));
      const available = p.variants.filter((v) => v.manageInventory).reduce((s, v) => s + Math.max(0, stock.get(v.id)?.available ?? 0), 0);
      const inStock = p.variants.some((v) => !v.manageInventory || (stock.get(v.id)?.available ?? 0) > 0);
      const row = {
        handle: p.handle, title: p.title, thumbnail: [...p.images].sort((a, b) => a.position - b.position)[0]?.url ?? null, status: p.status,
        categories: JSON.stringify(p.categoryIds.map((id) => ({ id, name: names.get(id) ?? id }))),
        price: prices.length ? Math.min(...prices) : null, currency: this.uses.currency, available, in_stock: inStock ? 1 : 0,
        product_created_at: p.createdAt, updated_at: now,
      };
      await ctx.db.insertInto('ai_product_features').values({
        product_id: p.id, ...row, units_sold: 0, orders: 0, revenue: 0, sales_rate: 0, sales_rate_at: null, views: 0, view_rate: 0, view_rate_at: null,
        last_sold_at: null, last_viewed_at: null,
      }).onConflict((oc) => oc.column('product_id').doUpdateSet(row)).execute();
      await ctx.db.deleteFrom('ai_product_variants').where('product_id', '=', p.id).execute();
      if (p.variants.length) {
        await ctx.db.insertInto('ai_product_variants').values(p.variants.map((v) => ({ variant_id: v.id, product_id: p.id, managed: v.manageInventory ? 1 : 0 })))
          .onConflict((oc) => oc.column('variant_id').doUpdateSet({ product_id: p.id })).execute();
      }
    }
  }

  /** Stock moved for a variant: refresh its product's availability. */
  async stockChanged(ctx: Ctx, variantId: string): Promise<void> {
    const v = await ctx.db.selectFrom('ai_product_variants').select('product_id').where('variant_id', '=', variantId).executeTakeFirst();
    // A variant we have not seen belongs to a product whose own event will bring it in.
    if (!v) return;
    // Only stock moved: re-sum the product's tracked variants (no need to re-read the product).
    const variants = await ctx.db.selectFrom('ai_product_variants').select(['variant_id', 'managed']).where('product_id', '=', v.product_id).execute();
    const managed = variants.filter((x) => Number(x.managed) === 1).map((x) => x.variant_id as string);
    const stock = managed.length ? await this.uses.inventory.availability(ctx, managed) : new Map();
    const available = managed.reduce((n, id) => n + Math.max(0, stock.get(id)?.available ?? 0), 0);
    const inStock = variants.some((x) => Number(x.managed) !== 1 || (stock.get(x.variant_id)?.available ?? 0) > 0);
    await ctx.db.updateTable('ai_product_features').set({ available, in_stock: inStock ? 1 : 0, updated_at: ctx.clock.now().toISOString() }).where('product_id', '=', v.product_id).execute();
    this.productsChanged();
  }

  /** Counts a placed order, read through the orders front door (the same facts a rebuild reads). */
  async applyPlacedOrder(ctx: Ctx, orderId: string): Promise<boolean> {
    const order = await this.uses.orders.get(ctx, orderId);
    // A late or repeated delivery for an order cancelled since: a rebuild would leave it out too.
    if (order.status === 'cancelled') return false;
    return this.applyOrder(ctx, orderFacts(order));
  }

  /**
   * Takes a cancelled order back out of the views, if it was counted: its units, revenue and pairs,
   * and the customer's orders, spend, categories and recent purchases (a cancelled purchase is no
   * reason to recommend anything).
   */
  async applyCancelledOrder(ctx: Ctx, orderId: string): Promise<boolean> {
    const counted = await ctx.db.deleteFrom('ai_feature_orders').where('order_id', '=', orderId).executeTakeFirst();
    if (Number(counted.numDeletedRows ?? 0) !== 1) return false;
    const order = await this.uses.orders.get(ctx, orderId);
    // What was counted when it was placed, before the cancellation refunded it.
    const o = { ...orderFacts(order), total: order.total };
    const products = [...new Set(o.lines.map((l) => l.productId).filter((p): p is string => !!p))];
    const rows = products.length ? await ctx.db.selectFrom('ai_product_features').select(['product_id', 'sales_rate', 'sales_rate_at', 'categories']).where('product_id', 'in', products).execute() : [];
    const catUnits: Record<string, number> = {};
    for (const r of rows) {
      const lines = o.lines.filter((l) => l.productId === r.product_id);
      const units = lines.reduce((n, l) => n + l.quantity, 0);
      const rate = decayAdd(Number(r.sales_rate), r.sales_rate_at, -units, o.placedAt);
      await ctx.db.updateTable('ai_product_features').set((eb) => ({
        units_sold: eb('units_sold', '-', units), orders: eb('orders', '-', 1), revenue: eb('revenue', '-', lines.reduce((n, l) => n + l.total, 0)),
        sales_rate: Math.max(0, rate.rate), sales_rate_at: rate.at, updated_at: ctx.clock.now().toISOString(),
      })).where('product_id', '=', r.product_id).execute();
      for (const c of json<{ id: string }[]>(r.categories, [])) catUnits[c.id] = (catUnits[c.id] ?? 0) + units;
    }
    const paired = products.slice(0, MAX_PAIR_ITEMS);
    if (paired.length > 1) {
      await ctx.db.updateTable('ai_product_pairs').set((eb) => ({ count: eb('count', '-', 1) }))
        .where('product_id', 'in', paired).where('other_id', 'in', paired).execute();
      await ctx.db.deleteFrom('ai_product_pairs').where('product_id', 'in', paired).where('other_id', 'in', paired).where('count', '<=', 0).execute();
    }
    if (o.customerId) {
      const r = await ctx.db.selectFrom('ai_customer_features').selectAll().where('customer_id', '=', o.customerId).executeTakeFirst();
      if (r) {
        const orders = Math.max(0, Number(r.orders) - 1);
        const units = json<Record<string, number>>(r.category_units, {});
        for (const [c, n] of Object.entries(catUnits)) { units[c] = (units[c] ?? 0) - n; if (units[c] <= 0) delete units[c]; }
        await ctx.db.updateTable('ai_customer_features').set({
          orders, spend: Math.max(0, Number(r.spend) - (o.currency === this.uses.currency ? o.total : 0)),
          first_order_at: orders ? r.first_order_at : null, last_order_at: orders ? r.last_order_at : null,
          category_units: JSON.stringify(units),
          last_bought: JSON.stringify(json<string[]>(r.last_bought, []).filter((id) => !products.includes(id))),
          updated_at: ctx.clock.now().toISOString(),
        }).where('customer_id', '=', o.customerId).execute();
      }
    }
    this.productsChanged();
    return true;
  }

  /** Counts one order into the customer, product and pair views (once per order). */
  async applyOrder(ctx: Ctx, o: OrderFacts): Promise<boolean> {
    const claimed = await ctx.db.insertInto('ai_feature_orders').values({ order_id: o.id }).onConflict((oc) => oc.column('order_id').doNothing()).executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    const products = [...new Set(o.lines.map((l) => l.productId).filter((p): p is string => !!p))];
    const known = new Set((products.length ? await ctx.db.selectFrom('ai_product_features').select('product_id').where('product_id', 'in', products).execute() : []).map((r) => r.product_id as string));
    const missing = products.filter((p) => !known.has(p));
    if (missing.length) await this.refreshProducts(ctx, missing);
    const rows = products.length ? await ctx.db.selectFrom('ai_product_features').select(['product_id', 'sales_rate', 'sales_rate_at', 'last_sold_at', 'categories']).where('product_id', 'in', products).execute() : [];
    const byId = new Map(rows.map((r) => [r.product_id as string, r]));
    const catUnits: Record<string, number> = {};
    for (const pid of products) {
      const r = byId.get(pid);
      if (!r) continue;
      const lines = o.lines.filter((l) => l.productId === pid);
      const units = lines.reduce((s, l) => s + l.quantity, 0);
      const rate = decayAdd(Number(r.sales_rate), r.sales_rate_at, units, o.placedAt);
      await ctx.db.updateTable('ai_product_features').set((eb) => ({
        units_sold: eb('units_sold', '+', units), orders: eb('orders', '+', 1), revenue: eb('revenue', '+', lines.reduce((s, l) => s + l.total, 0)),
        sales_rate: rate.rate, sales_rate_at: rate.at, last_sold_at: !r.last_sold_at || r.last_sold_at < o.placedAt ? o.placedAt : r.last_sold_at,
        updated_at: ctx.clock.now().toISOString(),
      })).where('product_id', '=', pid).execute();
      for (const c of json<{ id: string }[]>(r.categories, [])) catUnits[c.id] = (catUnits[c.id] ?? 0) + units;
    }
    const paired = products.slice(0, MAX_PAIR_ITEMS);
    const pairs = paired.flatMap((a) => paired.filter((b) => b !== a).map((b) => ({ product_id: a, other_id: b, count: 1 })));
    for (let i = 0; i < pairs.length; i += 200) {
      await ctx.db.insertInto('ai_product_pairs').values(pairs.slice(i, i + 200))
        .onConflict((oc) => oc.columns(['product_id', 'other_id']).doUpdateSet((eb) => ({ count: eb('ai_product_pairs.count', '+', 1) }))).execute();
    }
    if (o.customerId) await this.applyCustomerOrder(ctx, o, products, catUnits);
    this.productsChanged();
    return true;
  }

  private async applyCustomerOrder(ctx: Ctx, o: OrderFacts, products: string[], catUnits: Record<string, number>): Promise<void> {
    const id = o.customerId!;
    const r = await ctx.db.selectFrom('ai_customer_features').selectAll().where('customer_id', '=', id).executeTakeFirst();
    const now = ctx.clock.now().toISOString();
    const spend = o.currency === this.uses.currency ? o.total : 0;
    if (!r) {
      await ctx.db.insertInto('ai_customer_features').values({
        customer_id: id, orders: 1, spend, currency: this.uses.currency, first_order_at: o.placedAt, last_order_at: o.placedAt,
        category_units: JSON.stringify(catUnits), last_bought: JSON.stringify(products.slice(0, KEEP_RECENT)), last_viewed: '[]',
        cart_updates: 0, last_cart_at: null, updated_at: now,
      }).execute();
      return;
    }
    const units = json<Record<string, number>>(r.category_units, {});
    for (const [c, n] of Object.entries(catUnits)) units[c] = (units[c] ?? 0) + n;
    const newer = !r.last_order_at || r.last_order_at <= o.placedAt;
    await ctx.db.updateTable('ai_customer_features').set({
      orders: Number(r.orders) + 1, spend: Number(r.spend) + spend,
      first_order_at: !r.first_order_at || r.first_order_at > o.placedAt ? o.placedAt : r.first_order_at,
      last_order_at: newer ? o.placedAt : r.last_order_at,
      category_units: JSON.stringify(units),
      last_bought: JSON.stringify(newer ? recent(products, json(r.last_bought, [])) : recent(json(r.last_bought, []), products)),
      updated_at: now,
    }).where('customer_id', '=', id).execute();
  }

  /** A customer's cart changed (cart events carry no lines: activity only). */
  async cartActivity(ctx: Ctx, customerId: string, at: string): Promise<void> {
    const now = ctx.clock.now().toISOString();
    await ctx.db.insertInto('ai_customer_features').values({
      customer_id: customerId, orders: 0, spend: 0, currency: this.uses.currency, first_order_at: null, last_order_at: null,
      category_units: '{}', last_bought: '[]', last_viewed: '[]', cart_updates: 1, last_cart_at: at, updated_at: now,
    }).onConflict((oc) => oc.column('customer_id').doUpdateSet((eb) => ({ cart_updates: eb('ai_customer_features.cart_updates', '+', 1), last_cart_at: at, updated_at: now }))).execute();
  }

  async recordViews(ctx: Ctx, views: StorefrontView[]): Promise<void> {
    if (!views.length) return;
    const byProduct = new Map<string, StorefrontView[]>();
    for (const v of views) byProduct.set(v.productId, [...(byProduct.get(v.productId) ?? []), v]);
    const rows = await ctx.db.selectFrom('ai_product_features').select(['product_id', 'view_rate', 'view_rate_at', 'last_viewed_at']).where('product_id', 'in', [...byProduct.keys()]).execute();
    for (const r of rows) {
      const vs = byProduct.get(r.product_id)!;
      const last = vs.reduce((m, v) => (v.at > m ? v.at : m), vs[0].at);
      const rate = decayAdd(Number(r.view_rate), r.view_rate_at, vs.length, last);
      await ctx.db.updateTable('ai_product_features').set((eb) => ({
        views: eb('views', '+', vs.length), view_rate: rate.rate, view_rate_at: rate.at,
        last_viewed_at: !r.last_viewed_at || r.last_viewed_at < last ? last : r.last_viewed_at, updated_at: ctx.clock.now().toISOString(),
      })).where('product_id', '=', r.product_id).execute();
    }
    const known = new Set(rows.map((r) => r.product_id as string));
    const byCustomer = new Map<string, string[]>();
    for (const v of [...views].sort((a, b) => b.at.localeCompare(a.at))) {
      if (v.customerId && known.has(v.productId)) byCustomer.set(v.customerId, [...(byCustomer.get(v.customerId) ?? []), v.productId]);
    }
    const now = ctx.clock.now().toISOString();
    for (const [customerId, ids] of byCustomer) {
      const r = await ctx.db.selectFrom('ai_customer_features').select('last_viewed').where('customer_id', '=', customerId).executeTakeFirst();
      if (r) {
        await ctx.db.updateTable('ai_customer_features').set({ last_viewed: JSON.stringify(recent(ids, json(r.last_viewed, []))), updated_at: now }).where('customer_id', '=', customerId).execute();
      } else {
        await ctx.db.insertInto('ai_customer_features').values({
          customer_id: customerId, orders: 0, spend: 0, currency: this.uses.currency, first_order_at: null, last_order_at: null,
          category_units: '{}', last_bought: '[]', last_viewed: JSON.stringify(recent(ids, [])), cart_updates: 0, last_cart_at: null, updated_at: now,
        }).execute();
      }
    }
    this.productsChanged();
  }

  /**
   * Recomputes the views from every order and product. Counts are gathered in memory and written in
   * batches (a demo store's 20,000 orders are a few seconds, not one transaction per order).
   */
  async rebuild(ctx: Ctx): Promise<{ orders: number; products: number; customers: number }> {
    const names = await this.categoryNames(ctx);
    const views = await ctx.db.selectFrom('ai_product_features').select(['product_id', 'views', 'view_rate', 'view_rate_at', 'last_viewed_at']).execute();
    const kept = await ctx.db.selectFrom('ai_customer_features').select(['customer_id', 'last_viewed', 'cart_updates', 'last_cart_at']).execute();
    for (const t of ['ai_product_pairs', 'ai_feature_orders', 'ai_customer_features', 'ai_product_variants', 'ai_product_features']) await ctx.db.deleteFrom(t).execute();
    const categoriesOf = new Map<string, string[]>();
    for (let cursor: string | undefined; ;) {
      const page = await this.uses.catalog.products.list(ctx, { limit: 200, cursor });
      await this.putProducts(ctx, page.items, names);
      for (const p of page.items) categoriesOf.set(p.id, p.categoryIds);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const sold = new Map<string, { units: number; orders: number; revenue: number; rate: number; rateAt: string | null; last: string | null }>();
    const pairs = new Map<string, number>();
    const customers = new Map<string, { orders: number; spend: number; first: string; last: string; cats: Record<string, number>; bought: string[] }>();
    const orderIds: string[] = [];
    for (let after: string | undefined; ;) {
      const page = await this.uses.orders.scan(ctx, { after, limit: 1000 });
      for (const o of page.items) {
        if (o.status === 'cancelled') continue;
        const f = orderFacts(o);
        orderIds.push(f.id);
        const products = [...new Set(f.lines.map((l) => l.productId).filter((p): p is string => !!p && categoriesOf.has(p)))];
        const cats: Record<string, number> = {};
        for (const pid of products) {
          const lines = f.lines.filter((l) => l.productId === pid);
          const units = lines.reduce((n, l) => n + l.quantity, 0);
          const agg = sold.get(pid) ?? { units: 0, orders: 0, revenue: 0, rate: 0, rateAt: null, last: null };
          const r = decayAdd(agg.rate, agg.rateAt, units, f.placedAt);
          sold.set(pid, { units: agg.units + units, orders: agg.orders + 1, revenue: agg.revenue + lines.reduce((n, l) => n + l.total, 0), rate: r.rate, rateAt: r.at, last: !agg.last || agg.last < f.placedAt ? f.placedAt : agg.last });
          for (const c of categoriesOf.get(pid) ?? []) cats[c] = (cats[c] ?? 0) + units;
        }
        const paired = products.slice(0, MAX_PAIR_ITEMS);
        for (const a of paired) for (const b of paired) if (a !== b) pairs.set(`${a} ${b}`, (pairs.get(`${a} ${b}`) ?? 0) + 1);
        if (f.customerId) {
          const c = customers.get(f.customerId) ?? { orders: 0, spend: 0, first: f.placedAt, last: f.placedAt, cats: {}, bought: [] };
          c.orders++;
          if (f.currency === this.uses.currency) c.spend += f.total;
          if (f.placedAt < c.first) c.first = f.placedAt;
          // Orders come oldest first: the latest basket goes in front.
          if (f.placedAt >= c.last) { c.last = f.placedAt; c.bought = recent(products, c.bought); } else c.bought = recent(c.bought, products);
          for (const [k, n] of Object.entries(cats)) c.cats[k] = (c.cats[k] ?? 0) + n;
          customers.set(f.customerId, c);
        }
      }
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    for (const [pid, a] of sold) {
      await ctx.db.updateTable('ai_product_features').set({ units_sold: a.units, orders: a.orders, revenue: a.revenue, sales_rate: a.rate, sales_rate_at: a.rateAt, last_sold_at: a.last, updated_at: ctx.clock.now().toISOString() }).where('product_id', '=', pid).execute();
    }
    // Views are not in the orders: carry them over.
    for (const v of views) {
      await ctx.db.updateTable('ai_product_features').set({ views: v.views, view_rate: v.view_rate, view_rate_at: v.view_rate_at, last_viewed_at: v.last_viewed_at, updated_at: ctx.clock.now().toISOString() }).where('product_id', '=', v.product_id).execute();
    }
    const now = ctx.clock.now().toISOString();
    const keptBy = new Map(kept.map((k) => [k.customer_id as string, k]));
    const customerRows: Record<string, unknown>[] = [...customers].map(([id, c]) => ({
      customer_id: id, orders: c.orders, spend: c.spend, currency: this.uses.currency, first_order_at: c.first, last_order_at: c.last,
      category_units: JSON.stringify(c.cats), last_bought: JSON.stringify(c.bought), last_viewed: keptBy.get(id)?.last_viewed ?? '[]',
      cart_updates: Number(keptBy.get(id)?.cart_updates ?? 0), last_cart_at: keptBy.get(id)?.last_cart_at ?? null, updated_at: now,
    }));
    for (const k of kept) {
      if (!customers.has(k.customer_id)) {
        customerRows.push({
          customer_id: k.customer_id, orders: 0, spend: 0, currency: this.uses.currency, first_order_at: null, last_order_at: null,
          category_units: '{}', last_bought: '[]', last_viewed: k.last_viewed, cart_updates: Number(k.cart_updates), last_cart_at: k.last_cart_at, updated_at: now,
        });
      }
    }
    await insertBatches(ctx, 'ai_customer_features', customerRows);
    await insertBatches(ctx, 'ai_product_pairs', [...pairs].map(([k, count]) => { const [a, b] = k.split(' '); return { product_id: a, other_id: b, count }; }));
    await insertBatches(ctx, 'ai_feature_orders', orderIds.map((order_id) => ({ order_id })));
    this.productsChanged();
    return { orders: orderIds.length, products: categoriesOf.size, customers: customerRows.length };
  }
}

/** Inserts rows in batches small enough for both engines' parameter limits. */
async function insertBatches(ctx: Ctx, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const size = Math.max(1, Math.floor(900 / Object.keys(rows[0]).length));
  for (let i = 0; i < rows.length; i += size) await ctx.db.insertInto(table).values(rows.slice(i, i + size)).execute();
}

function toSnapshot(r: any, now: Date): ProductSnapshot {
  return {
    productId: r.product_id, handle: r.handle, title: r.title, thumbnail: r.thumbnail ?? null, status: r.status, published: r.status === 'active',
    categories: json(r.categories, []), price: r.price === null || r.price === undefined ? null : Number(r.price), currency: r.currency,
    available: Number(r.available), inStock: Number(r.in_stock) === 1,
    unitsSold: Number(r.units_sold), orders: Number(r.orders), revenue: Number(r.revenue),
    salesVelocity: Math.round(decayedRate(Number(r.sales_rate), r.sales_rate_at, now) * 1000) / 1000,
    views: Number(r.views), viewVelocity: Math.round(decayedRate(Number(r.view_rate), r.view_rate_at, now) * 1000) / 1000,
    lastSoldAt: r.last_sold_at ?? null, lastViewedAt: r.last_viewed_at ?? null, productCreatedAt: r.product_created_at, updatedAt: r.updated_at,
  };
}
