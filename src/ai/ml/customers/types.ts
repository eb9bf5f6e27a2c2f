/** Shared shapes of the customer family: purchases in, per-customer summaries out. */

/** One completed order (or order line: lines sharing `order` are merged). */
export interface Purchase {
  customer: string;
  /** Order id; when absent each purchase counts as its own order. */
  order?: string;
  /** Epoch milliseconds, UTC. */
  time: number;
  /** Order value in one currency (minor units or major — the models only need consistency). */
  amount: number;
}

/** What the store knows about one customer at a cut-off date. */
export interface CustomerSummary {
  customer: string;
  orders: number;
  /** Distinct days with an order (repeat-purchase models count days, not orders). */
  purchaseDays: number;
  total: number;
  avgOrderValue: number;
  /** Days since the last order, and since the first (tenure). */
  recencyDays: number;
  tenureDays: number;
  /** Orders in the last 90 days before the cut-off. */
  recentOrders: number;
  /** Average value of purchase days after the first (the Gamma-Gamma input); 0 when none. */
  repeatDayValue: number;
  /** Weeks from first to last purchase day, and from first purchase day to the cut-off (BG/NBD t_x and T). */
  txWeeks: number;
  ageWeeks: number;
}
