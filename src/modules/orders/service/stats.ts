/** Sales aggregates for reports: GROUP BY in the database so a dashboard never loads orders one by one. */
import { sql } from 'kysely';
import type { Ctx } from '../../../platform/index.js';
import type { OrderStats, OrderStatsQuery } from '../contracts/service.js';

const n = (v: unknown) => Number(v ?? 0);

export async function orderStats(ctx: Ctx, q: OrderStatsQuery): Promise<OrderStats> {
  const inRange = <B extends { where: (...a: any[]) => B }>(b: B, prefix = ''): B => b
    .where(`${prefix}placed_at`, '>=', q.from).where(`${prefix}placed_at`, '<', q.to)
    .where(`${prefix}currency`, '=', q.currency.toUpperCase()).where(`${prefix}status`, '<>', 'cancelled');
  // placed_at is ISO text in both dialects, so its first ten characters are the UTC day.
  const day = sql<string>`substr(placed_at, 1, 10)`;
  const [days, totals, top] = await Promise.all([
    inRange(ctx.db.selectFrom('orders').select([
      day.as('day'),
      (eb) => eb.fn.countAll().as('orders'),
      sql<number>`sum(total)`.as('gross'),
      sql<number>`sum(refunded_total)`.as('refunds'),
    ])).groupBy(day).orderBy(day).execute(),
    inRange(ctx.db.selectFrom('orders').select([
      sql<number>`sum(case when source = 'checkout' then 1 else 0 end)`.as('checkout_orders'),
      sql<number>`count(distinct coalesce(customer_id, email))`.as('customers'),
      sql<number>`sum(item_count)`.as('units'),
    ])).executeTakeFirst(),
    inRange(ctx.db.selectFrom('order_lines as l').innerJoin('orders as o', 'o.id', 'l.order_id').select([
      sql<string | null>`max(l.product_id)`.as('product_id'),
      sql<string>`max(l.title)`.as('title'),
      sql<number>`sum(l.quantity)`.as('units'),
      sql<number>`count(distinct l.order_id)`.as('orders'),
      sql<number>`sum(l.total)`.as('sales'),
    ]), 'o.').groupBy(sql`coalesce(l.product_id, l.title)`).orderBy(sql`sum(l.total)`, 'desc').orderBy(sql`max(l.title)`).limit(q.topProducts ?? 10).execute(),
  ]);
  const dayRows = days.map((r: any) => ({ day: String(r.day), orders: n(r.orders), grossSales: n(r.gross), refunds: n(r.refunds) }));
  const t: any = totals ?? {};
  return {
    orders: dayRows.reduce((s, d) => s + d.orders, 0),
    checkoutOrders: n(t.checkout_orders),
    customers: n(t.customers),
    units: n(t.units),
    grossSales: dayRows.reduce((s, d) => s + d.grossSales, 0),
    refunds: dayRows.reduce((s, d) => s + d.refunds, 0),
    days: dayRows,
    topProducts: top.map((r: any) => ({ productId: r.product_id ?? null, title: String(r.title), units: n(r.units), orders: n(r.orders), sales: n(r.sales) })),
  };
}
