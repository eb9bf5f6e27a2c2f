/** Stock levels that follow recent sales: the warehouse covers 6–14 weeks, stores carry a subset. */
import type { DemoProduct } from './catalog.gen.js';
import type { DemoLocation, DemoOrder } from './orders.gen.js';
import type { Rng } from './rng.js';

export interface DemoStock { sku: string; location: string; onHand: number; reorderPoint: number | null }

export function generateStock(rng: Rng, opts: { products: DemoProduct[]; orders: DemoOrder[]; locations: DemoLocation[]; endMs: number }): DemoStock[] {
  const since = new Date(opts.endMs - 90 * 86_400_000).toISOString();
  const sold = new Map<string, number>();
  for (const o of opts.orders) {
    if (o.placedAt < since || o.status === 'cancelled' || o.fraud) continue;
    for (const l of o.lines) sold.set(l.sku, (sold.get(l.sku) ?? 0) + l.quantity);
  }
  const rows: DemoStock[] = [];
  const warehouse = opts.locations.find((l) => l.kind === 'warehouse')!;
  const stores = opts.locations.filter((l) => l.kind === 'store');
  for (const p of opts.products) {
    const inStores = rng.chance(0.55);
    const stockout = rng.chance(0.04);
    for (const v of p.variants) {
      const daily = Math.max(0.02, (sold.get(v.sku) ?? 0) / 90);
      const cover = rng.int(42, 100);
      let wh = stockout ? 0 : Math.round(daily * cover + rng.int(2, 12));
      // A few variants are running low: the replenishment agent should notice them.
      if (!stockout && rng.chance(0.06)) wh = rng.int(0, 3);
      rows.push({ sku: v.sku, location: warehouse.code, onHand: wh, reorderPoint: Math.max(2, Math.round(daily * 14)) });
      if (!inStores) continue;
      for (const s of stores) rows.push({ sku: v.sku, location: s.code, onHand: stockout ? 0 : Math.round(daily * 0.15 * rng.int(14, 35)) + rng.int(0, 4), reorderPoint: null });
    }
  }
  return rows;
}
