import { describe, expect, it } from 'vitest';
import { digest, generateDemoStore, summarize } from './generate.js';
import { renderProductImage } from './images.js';
import { createRng } from './rng.js';

const small = { products: 60, customers: 150, orders: 1500, end: '2025-06-01' };

describe('demo store generator', () => {
  it('gives the same store for the same seed and a different one for another seed', () => {
    const a = generateDemoStore({ ...small, seed: 'alpha' });
    const b = generateDemoStore({ ...small, seed: 'alpha' });
    const c = generateDemoStore({ ...small, seed: 'beta' });
    expect(digest(a)).toBe(digest(b));
    expect(digest(a)).not.toBe(digest(c));
    expect(a.orders[123]).toEqual(b.orders[123]);
  });

  it('is fast for a small store', () => {
    const t0 = performance.now();
    generateDemoStore({ ...small, seed: 1 });
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('makes exactly the requested sizes, with every category, unique handles, SKUs and emails', () => {
    const s = generateDemoStore({ ...small, seed: 7 });
    const sum = summarize(s);
    expect(sum.orders).toBe(small.orders);
    expect(sum.customers).toBe(small.customers);
    expect(sum.products).toBeGreaterThanOrEqual(small.products);
    expect(new Set(s.products.map((p) => p.category)).size).toBe(s.categories.length);
    expect(new Set(s.products.map((p) => p.handle)).size).toBe(s.products.length);
    const skus = s.products.flatMap((p) => p.variants.map((v) => v.sku));
    expect(new Set(skus).size).toBe(skus.length);
    expect(new Set(s.customers.map((c) => c.email)).size).toBe(s.customers.length);
    expect(s.locations.filter((l) => l.kind === 'store' && l.pickup)).toHaveLength(2);
  });

  it('keeps the money consistent: discounts within lines, refunds within totals, integers only', () => {
    const s = generateDemoStore({ ...small, seed: 3 });
    for (const o of s.orders) {
      const total = o.lines.reduce((t, l) => t + l.unitPrice * l.quantity - l.discount + l.tax, 0) + o.shipping;
      expect(o.refundedTotal).toBeLessThanOrEqual(total);
      for (const l of o.lines) {
        expect(Number.isInteger(l.unitPrice) && Number.isInteger(l.discount) && Number.isInteger(l.tax)).toBe(true);
        expect(l.discount).toBeLessThanOrEqual(l.unitPrice * l.quantity);
        expect(l.returnedQuantity).toBeLessThanOrEqual(l.quantity);
      }
      expect(o.placedAt < s.end && o.placedAt >= s.start).toBe(true);
    }
  });

  it('puts the documented patterns in the data: weekly rhythm, December peak, growth, promotions, returns, fraud', () => {
    const s = generateDemoStore({ products: 120, customers: 600, orders: 8000, end: '2025-01-01', seed: 'patterns' });
    const byMonth = new Map<string, number>();
    const byDow = new Array(7).fill(0);
    for (const o of s.orders) {
      byMonth.set(o.placedAt.slice(0, 7), (byMonth.get(o.placedAt.slice(0, 7)) ?? 0) + 1);
      byDow[new Date(Date.parse(o.placedAt) - 5 * 3_600_000).getUTCDay()]++;
    }
    expect(byMonth.get('2024-12')!).toBeGreaterThan(1.4 * byMonth.get('2024-02')!);
    expect(byMonth.get('2024-10')!).toBeGreaterThan(byMonth.get('2023-10')!);
    expect(byDow[6]).toBeGreaterThan(byDow[2]);
    const promoDays = new Set(s.promotions.filter((p) => !p.categories.length).flatMap((p) => Array.from({ length: p.to - p.from + 1 }, (_, i) => p.from + i)));
    const dayOf = (iso: string) => Math.floor((Date.parse(iso) - Date.parse(s.start)) / 86_400_000);
    expect(s.orders.filter((o) => o.promotionCode).every((o) => s.promotions.some((p) => p.code === o.promotionCode))).toBe(true);
    expect(promoDays.size).toBeGreaterThan(10);
    expect(s.orders.filter((o) => o.returns.length).length / s.orders.length).toBeGreaterThan(0.04);
    const fraud = s.orders.filter((o) => o.fraud);
    expect(new Set(fraud.map((o) => o.fraud!.pattern))).toEqual(new Set(['new_account_burst', 'card_testing', 'reshipper', 'account_takeover']));
    const burst = fraud.filter((o) => o.fraud!.pattern === 'new_account_burst');
    expect(burst.every((o) => o.billing.country !== o.shippingAddress!.country)).toBe(true);
    void dayOf;
  });

  it('draws reproducible numbers from a seed', () => {
    const a = createRng('x'), b = createRng('x');
    expect([a.next(), a.int(1, 6), a.normal()]).toEqual([b.next(), b.int(1, 6), b.normal()]);
  });

  it('renders product images as PNG', () => {
    const png = renderProductImage({ shape: 2, hue: 120, accent: 10, initials: 'AB', alt: 'x' });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(500);
  });
});
