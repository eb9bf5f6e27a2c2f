/** Turns a purchase log into one summary per customer as seen at a cut-off date (no look-ahead). */
import type { CustomerSummary, Purchase } from './types.js';

const DAY = 86_400_000;

/** Summarises every customer with at least one purchase strictly before `asOf` (epoch ms). */
export function summariseCustomers(purchases: Purchase[], asOf: number): CustomerSummary[] {
  const byCustomer = new Map<string, Map<string, { time: number; amount: number }>>();
  purchases.forEach((p, n) => {
    if (p.time >= asOf) return;
    let orders = byCustomer.get(p.customer);
    if (!orders) { orders = new Map(); byCustomer.set(p.customer, orders); }
    const key = p.order ?? `#${n}`;
    const o = orders.get(key);
    if (o) { o.amount += p.amount; o.time = Math.min(o.time, p.time); } else orders.set(key, { time: p.time, amount: p.amount });
  });
  const out: CustomerSummary[] = [];
  for (const [customer, orders] of byCustomer) {
    const list = [...orders.values()];
    const days = new Map<number, number>();
    for (const o of list) { const d = Math.floor(o.time / DAY); days.set(d, (days.get(d) ?? 0) + o.amount); }
    const dayList = [...days].sort((a, b) => a[0] - b[0]);
    const first = dayList[0][0];
    const last = dayList[dayList.length - 1][0];
    const asOfDay = asOf / DAY;
    const total = list.reduce((s, o) => s + o.amount, 0);
    const repeat = dayList.slice(1);
    out.push({
      customer, orders: list.length, purchaseDays: dayList.length, total, avgOrderValue: total / list.length,
      recencyDays: asOfDay - (last + 1), tenureDays: asOfDay - first,
      recentOrders: list.filter((o) => o.time >= asOf - 90 * DAY).length,
      repeatDayValue: repeat.length ? repeat.reduce((s, [, v]) => s + v, 0) / repeat.length : 0,
      txWeeks: (last - first) / 7, ageWeeks: (asOfDay - first) / 7,
    });
  }
  return out;
}

/** Customers who had bought before `asOf` and then bought nothing in the following `horizonDays`: 1 = churned. */
export function churnLabels(purchases: Purchase[], asOf: number, horizonDays: number): Map<string, number> {
  const before = new Set<string>();
  const after = new Set<string>();
  for (const p of purchases) {
    if (p.time < asOf) before.add(p.customer);
    else if (p.time < asOf + horizonDays * DAY) after.add(p.customer);
  }
  return new Map([...before].map((c) => [c, after.has(c) ? 0 : 1]));
}
