/**
 * Reports read other modules only through their front doors: sales aggregates from orders
 * (grouped in the database), started carts from cart, low stock from inventory, names from catalog.
 *
 * Definitions: gross sales are what customers were charged for orders placed in the range
 * (cancelled orders left out); revenue is gross sales less what has been refunded on those orders;
 * average order value is gross sales ÷ orders; conversion is checkout orders ÷ carts started.
 */
import type { Ctx } from '../../../platform/index.js';
import type { CartService } from '../../cart/index.js';
import type { CatalogService } from '../../catalog/index.js';
import type { InventoryService } from '../../inventory/index.js';
import type { OrdersService, OrderStats } from '../../orders/index.js';
import type { DashboardDto, SalesReportDto } from '../contracts/schemas.js';
import { bounds, change, resolvePeriods, rollUp, type Bucket, type Period } from '../domain/periods.js';

export interface ReportsUses { orders: OrdersService; cart: CartService; inventory: InventoryService; catalog: CatalogService }

export interface ReportQuery { from?: string; to?: string; bucket?: Bucket; currency?: string }

/** The longest range a report covers (a little over three years). */
export const MAX_REPORT_DAYS = 1100;
/** Low-stock rows looked at to pick the most urgent for the dashboard. */
const LOW_STOCK_SCAN = 500;

export class ReportsService {
  constructor(private readonly uses: ReportsUses, private readonly defaultCurrency: string) {}

  /** Revenue and orders per bucket, now and in the period before. */
  async sales(ctx: Ctx, q: ReportQuery): Promise<SalesReportDto> {
    const { currency, bucket, current, previous } = this.resolve(ctx, q);
    const [now, before] = await Promise.all([this.stats(ctx, current, currency, 0), this.stats(ctx, previous, currency, 0)]);
    return this.salesFrom(currency, bucket, current, previous, now, before);
  }

  /** Everything the admin's dashboard shows, in one answer. */
  async dashboard(ctx: Ctx, q: ReportQuery): Promise<DashboardDto> {
    const { currency, bucket, current, previous } = this.resolve(ctx, q);
    const [now, before, carts, cartsBefore, lowStock] = await Promise.all([
      this.stats(ctx, current, currency, 8),
      this.stats(ctx, previous, currency, 0),
      this.uses.cart.countStarted(ctx, bounds(current)),
      this.uses.cart.countStarted(ctx, bounds(previous)),
      this.lowStock(ctx, 8),
    ]);
    const revenue = (s: OrderStats) => s.grossSales - s.refunds;
    const aov = (s: OrderStats) => (s.orders ? Math.round(s.grossSales / s.orders) : null);
    const conversion = (s: OrderStats, c: number) => (c ? s.checkoutOrders / c : null);
    const fig = (a: number | null, b: number | null) => ({ current: a, previous: b, change: change(a, b) });
    return {
      ...this.salesFrom(currency, bucket, current, previous, now, before),
      figures: {
        revenue: fig(revenue(now), revenue(before)),
        orders: fig(now.orders, before.orders),
        averageOrderValue: fig(aov(now), aov(before)),
        conversionRate: fig(conversion(now, carts), conversion(before, cartsBefore)),
        grossSales: fig(now.grossSales, before.grossSales),
        refunds: fig(now.refunds, before.refunds),
        customers: fig(now.customers, before.customers),
        units: fig(now.units, before.units),
        carts: fig(carts, cartsBefore),
      },
      topProducts: now.topProducts.map((p) => ({
        productId: p.productId, title: p.title, units: p.units, orders: p.orders, revenue: p.sales,
        share: now.grossSales ? p.sales / now.grossSales : 0,
      })),
      lowStock,
    };
  }

  private resolve(ctx: Ctx, q: ReportQuery) {
    const { current, previous } = resolvePeriods(q, ctx.clock.now(), MAX_REPORT_DAYS);
    return { current, previous, currency: (q.currency ?? this.defaultCurrency).toUpperCase(), bucket: q.bucket ?? (current.days > 92 ? 'week' : 'day') as Bucket };
  }

  private stats(ctx: Ctx, p: Period, currency: string, topProducts: number) {
    return this.uses.orders.stats(ctx, { ...bounds(p), currency, topProducts });
  }

  private salesFrom(currency: string, bucket: Bucket, current: Period, previous: Period, now: OrderStats, before: OrderStats): SalesReportDto {
    const perDay = (s: OrderStats) => s.days.map((d) => ({ day: d.day, revenue: d.grossSales - d.refunds, orders: d.orders }));
    const cur = rollUp(current, bucket, perDay(now), ['revenue', 'orders']);
    const prev = rollUp(previous, bucket, perDay(before), ['revenue', 'orders']);
    return {
      currency, bucket, range: current, previousRange: previous,
      series: cur.map((b, i) => ({
        start: b.start, end: b.end, revenue: b.revenue, orders: b.orders,
        previousStart: prev[i].start, previousEnd: prev[i].end, previousRevenue: prev[i].revenue, previousOrders: prev[i].orders,
      })),
    };
  }

  /** The most urgent low-stock levels (least available first) with product names. */
  private async lowStock(ctx: Ctx, limit: number): Promise<DashboardDto['lowStock']> {
    const page = await this.uses.inventory.listLevels(ctx, { lowStock: true, limit: LOW_STOCK_SCAN });
    const urgent = [...page.items].sort((a, b) => a.available - b.available || a.variantId.localeCompare(b.variantId)).slice(0, limit);
    const variants = urgent.length ? await this.uses.catalog.getVariants(ctx, [...new Set(urgent.map((l) => l.variantId))], { currency: this.defaultCurrency }) : new Map();
    return {
      total: page.items.length,
      more: page.nextCursor !== null,
      items: urgent.map((l) => {
        const v = variants.get(l.variantId);
        return {
          variantId: l.variantId, productId: v?.productId ?? null, productTitle: v?.productTitle ?? 'Unknown product', variantTitle: v?.title ?? null,
          sku: v?.sku ?? null, locationId: l.locationId, locationName: l.locationName, available: l.available, reorderPoint: l.reorderPoint,
        };
      }),
    };
  }
}
