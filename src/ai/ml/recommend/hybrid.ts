/**
 * The hybrid ranker: a linear blend of per-customer signals, each scaled to [0, 1] for that customer
 * so weights mean the same for a one-order customer and a wholesaler:
 *   repeat     — how often the customer ordered the item (orders optionally decayed by age),
 *   als        — implicit ALS affinity,
 *   knn        — "customers who bought your items also bought" (item-item over customers),
 *   together   — "bought in the same order as your items" (item-item over baskets),
 *   popularity — the shop-wide prior (recency-decayed distinct buyers).
 * Two weight sets: `reorder` when bought items may come back, `discovery` when they are excluded
 * (there the repeat signal cannot rank anything). Weights are chosen on a validation split by
 * `tuneBlend` — coordinate ascent on HR@k, then NDCG@k to break ties.
 */
import { topK } from '../common/top-k.js';

export const blendSignals = ['repeat', 'als', 'knn', 'together', 'popularity'] as const;
export type BlendSignal = (typeof blendSignals)[number];
export type BlendWeights = Record<BlendSignal, number>;
export interface Blend { reorder: BlendWeights; discovery: BlendWeights }

/**
 * Defaults chosen by `tuneBlend` on a validation split of UCI Online Retail (each customer's
 * second-to-last order, trained on what came before it; see docs/models/recommend.md).
 */
export const defaultBlend: Blend = {
  reorder: { repeat: 1, als: 0.1, knn: 0.05, together: 0.1, popularity: 0.5 },
  discovery: { repeat: 0, als: 1, knn: 0.5, together: 0, popularity: 0.5 },
};

/** One customer's signals over the whole catalogue, each already scaled to [0, 1]. */
export type SignalScores = Record<BlendSignal, Float64Array>;

/** Scales non-negative scores so the customer's best item is 1 (negatives clip to 0). */
export function scaleToUnit(xs: Float64Array): Float64Array {
  let max = 0;
  for (let i = 0; i < xs.length; i++) if (xs[i] > max) max = xs[i];
  for (let i = 0; i < xs.length; i++) xs[i] = max > 0 && xs[i] > 0 ? xs[i] / max : 0;
  return xs;
}

/** out[i] = Σ_signal w·s[i]. */
export function blendScores(s: SignalScores, w: BlendWeights, out: Float64Array): Float64Array {
  out.fill(0);
  for (const name of blendSignals) {
    const wt = w[name];
    if (wt === 0) continue;
    const xs = s[name];
    for (let i = 0; i < out.length; i++) out[i] += wt * xs[i];
  }
  return out;
}

/** The signal contributing most to an item's blended score (drives the reason shown). */
export function dominantSignal(s: SignalScores, w: BlendWeights, i: number): BlendSignal {
  let best: BlendSignal = 'popularity';
  let bestV = -Infinity;
  for (const name of blendSignals) {
    const v = w[name] * s[name][i];
    if (v > bestV) { bestV = v; best = name; }
  }
  return best;
}

/** A validation case: one customer's signals, the items they may be shown, and what they then bought. */
export interface TuningCase {
  /** Candidate item indices with their signals, one row per candidate (signal order as `blendSignals`). */
  candidates: Int32Array;
  signals: Float32Array;
  relevant: Set<number>;
}

/**
 * Shrinks a customer's full signal arrays to a candidate set (the union of each signal's top
 * `perSignal` items), so a weight search costs candidates × signals rather than catalogue × signals.
 */
export function tuningCase(s: SignalScores, relevant: Set<number>, blocked: (i: number) => boolean, perSignal = 60): TuningCase {
  const pool = new Set<number>();
  for (const name of blendSignals) for (const i of topK(s[name], perSignal, (j) => blocked(j) || s[name][j] <= 0)) pool.add(i);
  const candidates = Int32Array.from(pool);
  const signals = new Float32Array(candidates.length * blendSignals.length);
  candidates.forEach((i, c) => blendSignals.forEach((name, j) => { signals[c * blendSignals.length + j] = s[name][i]; }));
  return { candidates, signals, relevant };
}

/** HR@k and NDCG@k (binary relevance) of a weight vector over tuning cases. */
export function scoreBlend(cases: TuningCase[], w: BlendWeights, k = 10): { hr: number; ndcg: number } {
  const ws = blendSignals.map((n) => w[n]);
  const d = ws.length;
  let hr = 0; let ndcg = 0;
  for (const c of cases) {
    const scores = new Float64Array(c.candidates.length);
    for (let r = 0; r < c.candidates.length; r++) {
      let v = 0;
      for (let j = 0; j < d; j++) v += ws[j] * c.signals[r * d + j];
      scores[r] = v;
    }
    let dcg = 0;
    topK(scores, k).forEach((r, rank) => { if (c.relevant.has(c.candidates[r])) dcg += 1 / Math.log2(rank + 2); });
    let idcg = 0;
    for (let r = 0; r < Math.min(k, c.relevant.size); r++) idcg += 1 / Math.log2(r + 2);
    if (dcg > 0) hr++;
    ndcg += idcg > 0 ? dcg / idcg : 0;
  }
  const n = cases.length || 1;
  return { hr: hr / n, ndcg: ndcg / n };
}

/** Coordinate ascent over a small grid per weight, keeping `fixed` at its start value (scale anchor). */
export function tuneBlend(cases: TuningCase[], start: BlendWeights, fixed: BlendSignal, options: { grid?: number[]; passes?: number; k?: number } = {}): { weights: BlendWeights; hr: number; ndcg: number } {
  const grid = options.grid ?? [0, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2];
  const better = (a: { hr: number; ndcg: number }, b: { hr: number; ndcg: number }): boolean => a.hr > b.hr + 1e-12 || (Math.abs(a.hr - b.hr) <= 1e-12 && a.ndcg > b.ndcg + 1e-12);
  let w = { ...start };
  let best = scoreBlend(cases, w, options.k);
  for (let pass = 0; pass < (options.passes ?? 2); pass++) {
    let moved = false;
    for (const name of blendSignals) {
      if (name === fixed) continue;
      for (const v of grid) {
        if (v === w[name]) continue;
        const trial = { ...w, [name]: v };
        const r = scoreBlend(cases, trial, options.k);
        if (better(r, best)) { best = r; w = trial; moved = true; }
      }
    }
    if (!moved) break;
  }
  return { weights: w, ...best };
}
