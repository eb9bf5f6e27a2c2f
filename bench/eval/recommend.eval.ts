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
import { defaultBlend, recommendationMetrics, trainRecommender, tuneBlend, tuningCase, type BlendWeights, type Interaction, type Recommender, type RecommenderOptions, type TuningCase } from '../../src/ai/ml/recommend/index.js';
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

/** Signals of every validation customer, shrunk to candidates, for tuning the hybrid's weights. */
function tuningCases(model: Recommender, split: Split, newOnly: boolean): TuningCase[] {
  const index = new Map(model.itemIds.map((id, i) => [id, i]));
  const cases: TuningCase[] = [];
  for (const t of split.tests) {
    const relevant = new Set([...t.basket].filter((i) => !newOnly || !t.seen.has(i)).map((i) => index.get(i)).filter((i): i is number => i !== undefined));
    // Customers whose targets are all unknown items still count as misses, as in `measure`.
    const nRelevant = newOnly ? [...t.basket].filter((i) => !t.seen.has(i)).length : t.basket.size;
    if (nRelevant === 0) continue;
    const s = model.signalsFor(t.user);
    if (!s) continue;
    const seen = new Set([...t.seen].map((i) => index.get(i)));
    cases.push(tuningCase(s, relevant, (i) => newOnly && seen.has(i)));
  }
  return cases;
}

const fmtBlend = (w: BlendWeights): string => Object.entries(w).map(([k, v]) => `${k} ${v}`).join(', ');

export async function run(datasetsDir: string): Promise<EvalReport[]> {
  const t0 = performance.now();
  const lines = loadLines(datasetsDir);
  const split = leaveLastBasketOut(lines);
  // Validation: each customer's second-to-last order, trained on what came before it. The blend
  // weights are chosen here; the test split is scored once at the end.
  const val = leaveLastBasketOut(split.train.map((t) => ({ invoice: t.basket!, item: t.item, customer: t.user, time: t.time!, quantity: 1 })));
  const rows: EvalRow[] = [];
  const valModel = trainRecommender(val.train, { method: 'hybrid' });
  const reorder = tuneBlend(tuningCases(valModel, val, false), defaultBlend.reorder, 'repeat');
  const discovery = tuneBlend(tuningCases(valModel, val, true), defaultBlend.discovery, 'als');
  const blend = { reorder: reorder.weights, discovery: discovery.weights };
  console.log(`recommend: blend tuned on validation — reorder: ${fmtBlend(blend.reorder)} (candidate HR@10 ${reorder.hr.toFixed(4)}); discovery: ${fmtBlend(blend.discovery)} (candidate HR@10 ${discovery.hr.toFixed(4)})`);
  const valHybrid = valModel.withBlend(blend);
  const valAll = measure(valHybrid, val, false).m;
  const valNew = measure(valHybrid, val, true).m;
  rows.push({ model: 'validation: hybrid (tuned blend)', source: 'ours', metrics: { 'HR@10 all': valAll.hr, 'NDCG@10 all': valAll.ndcg, 'HR@10 new': valNew.hr, 'NDCG@10 new': valNew.ndcg },
    note: `validation split, ${val.tests.length} customers; blend reorder {${fmtBlend(blend.reorder)}}, discovery {${fmtBlend(blend.discovery)}}` });

  // Test: scored once with the choices above.
  const results: Record<string, { all: number; fresh: number }> = {};
  const trainSeconds: Record<string, number> = {};
  let hybridLatency: number[] = [];
  const ba = buyAgain(split);
  // Popularity gets every half-life we tried and the strongest one on test is the yardstick, so the
  // ratio is, if anything, unfair to our models.
  const models: [string, RecommenderOptions][] = [
    ...[Infinity, 90, 30, 7].map((h): [string, RecommenderOptions] => [Number.isFinite(h) ? `popularity (${h}-day half-life)` : 'popularity (all-time counts)', { method: 'popularity', popularityHalfLifeDays: h }]),
    ['item-knn', { method: 'item-knn' }],
    ['als', { method: 'als' }],
    ['hybrid (validated blend)', { method: 'hybrid', blend }],
  ];
  const strongest = { all: 0, fresh: 0, allName: '', freshName: '' };
  for (const [name, options] of models) {
    const s = performance.now();
    const model = trainRecommender(split.train, options);
    trainSeconds[name] = (performance.now() - s) / 1000;
    const all = measure(model, split, false);
    const fresh = measure(model, split, true);
    if (options.method === 'hybrid') hybridLatency = all.latencyMs.concat(fresh.latencyMs);
    if (options.method === 'popularity') {
      if (all.m.hr > strongest.all) { strongest.all = all.m.hr; strongest.allName = name; }
      if (fresh.m.hr > strongest.fresh) { strongest.fresh = fresh.m.hr; strongest.freshName = name; }
    } else results[options.method!] = { all: all.m.hr, fresh: fresh.m.hr };
    rows.push({ model: name, source: 'ours', metrics: {
      'HR@10 all': all.m.hr, 'NDCG@10 all': all.m.ndcg, 'cov all': all.m.coverage,
      'HR@10 new': fresh.m.hr, 'NDCG@10 new': fresh.m.ndcg, 'cov new': fresh.m.coverage, 'train s': trainSeconds[name],
    }, note: `${all.m.users} test baskets (all), ${fresh.m.users} with new items` });
    if (name.includes('7-day')) rows.push({ model: 'buy-again (own top items)', source: 'ours', metrics: { 'HR@10 all': ba.hr, 'NDCG@10 all': ba.ndcg, 'cov all': ba.coverage } });
  }
  const s500 = performance.now();
  trainRecommender(synthetic(500_000), { method: 'hybrid' });
  const synthSeconds = (performance.now() - s500) / 1000;
  const p95 = pct(hybridLatency, 0.95);
  const ratioAll = results.hybrid.all / strongest.all;
  const ratioNew = results.hybrid.fresh / strongest.fresh;
  return [{
    family: 'recommend', dataset: `uci-online-retail dev, leave-last-basket-out (${split.train.length} train interactions, ${split.items} items, ${split.tests.length} customers)`,
    rows, seconds: (performance.now() - t0) / 1000,
    targets: [
      { name: `headline — hybrid HR@10 ≥ 2× strongest popularity, ${strongest.allName} (all items)`, target: '≥ 2.00×', measured: `${ratioAll.toFixed(2)}×`, met: ratioAll >= 2 },
      { name: `hybrid HR@10 ≥ 2× strongest popularity, ${strongest.freshName} (new items only)`, target: '≥ 2.00×', measured: `${ratioNew.toFixed(2)}×`, met: ratioNew >= 2 },
      { name: 'training (popularity + 2 kNN + ALS + history) on 500k synthetic interactions', target: '< 30 s', measured: `${synthSeconds.toFixed(1)} s`, met: synthSeconds < 30 },
      { name: `training the hybrid on the ${split.train.length} real interactions`, target: '< 30 s', measured: `${trainSeconds['hybrid (validated blend)'].toFixed(1)} s`, met: trainSeconds['hybrid (validated blend)'] < 30 },
      { name: 'top-10 for a user (hybrid), p95', target: '< 5 ms', measured: `${p95.toFixed(2)} ms`, met: p95 < 5 },
    ],
  }];
}
