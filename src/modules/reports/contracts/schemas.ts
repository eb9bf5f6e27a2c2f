/** What the reports API answers: the admin dashboard and the sales series behind its chart. */
import { Type, type Static } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const Range = Type.Object({ from: Type.String(), to: Type.String(), days: Type.Integer() });

/** A figure now, in the previous period, and the relative change (0.25 = up 25 %; null without a base). */
export const Figure = Type.Object({ current: Nullable(Type.Number()), previous: Nullable(Type.Number()), change: Nullable(Type.Number()) });

export const SeriesPoint = Type.Object({
  start: Type.String(), end: Type.String(), revenue: Type.Integer(), orders: Type.Integer(),
  previousStart: Type.String(), previousEnd: Type.String(), previousRevenue: Type.Integer(), previousOrders: Type.Integer(),
});

export const SalesReportDto = Type.Object({
  currency: Type.String(), bucket: Type.Union([Type.Literal('day'), Type.Literal('week')]),
  range: Range, previousRange: Range,
  series: Type.Array(SeriesPoint),
});

export const TopProduct = Type.Object({
  productId: Type.Union([Type.String(), Type.Null()]), title: Type.String(), units: Type.Integer(), orders: Type.Integer(),
  revenue: Type.Integer(), share: Type.Number({ description: 'of the gross sales of the range, 0–1' }),
});

export const LowStockItem = Type.Object({
  variantId: Type.String(), productId: Type.Union([Type.String(), Type.Null()]), productTitle: Type.String(), variantTitle: Type.Union([Type.String(), Type.Null()]),
  sku: Type.Union([Type.String(), Type.Null()]), locationId: Type.String(), locationName: Type.String(), available: Type.Integer(), reorderPoint: Type.Union([Type.Integer(), Type.Null()]),
});

export const DashboardDto = Type.Object({
  ...SalesReportDto.properties,
  figures: Type.Object({
    revenue: Figure, orders: Figure, averageOrderValue: Figure, conversionRate: Figure,
    grossSales: Figure, refunds: Figure, customers: Figure, units: Figure, carts: Figure,
  }),
  topProducts: Type.Array(TopProduct),
  lowStock: Type.Object({ items: Type.Array(LowStockItem), total: Type.Integer(), more: Type.Boolean() }),
});

export type DashboardDto = Static<typeof DashboardDto>;
export type SalesReportDto = Static<typeof SalesReportDto>;
