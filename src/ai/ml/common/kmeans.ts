/**
 * k-means with k-means++ seeding and several seeded restarts, plus the silhouette score used to
 * pick k automatically. Rows are plain numeric vectors already on a comparable scale.
 */
import { seededRng } from './seeded-rng.js';

export interface KMeansResult { centroids: number[][]; assignment: Int32Array; inertia: number }

function dist2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) { const d = a[j] - b[j]; s += d * d; }
  return s;
}

/** Index of the centroid nearest to `x`. */
export function nearestCentroid(centroids: number[][], x: ArrayLike<number>): number {
  let best = 0;
  let bestD = Infinity;
  centroids.forEach((c, i) => { const d = dist2(c, x); if (d < bestD) { bestD = d; best = i; } });
  return best;
}

/** Clusters `rows` into `k` groups; the best of `restarts` runs (lowest inertia) wins. */
export function kMeans(rows: ArrayLike<number>[], k: number, options: { seed?: number; restarts?: number; maxIter?: number } = {}): KMeansResult {
  const rng = seededRng(options.seed ?? 1);
  const n = rows.length;
  const d = n ? rows[0].length : 0;
  let best: KMeansResult | undefined;
  for (let restart = 0; restart < (options.restarts ?? 5); restart++) {
    // k-means++: each new seed is drawn with probability proportional to its squared distance.
    const centroids: number[][] = [Array.from(rows[Math.floor(rng() * n)])];
    const dmin = rows.map((r) => dist2(r, centroids[0]));
    while (centroids.length < k) {
      const total = dmin.reduce((s, v) => s + v, 0);
      let pick = rng() * total;
      let i = 0;
      for (; i < n - 1; i++) { pick -= dmin[i]; if (pick <= 0) break; }
      centroids.push(Array.from(rows[i]));
      rows.forEach((r, t) => { dmin[t] = Math.min(dmin[t], dist2(r, centroids[centroids.length - 1])); });
    }
    const assignment = new Int32Array(n).fill(-1);
    for (let iter = 0; iter < (options.maxIter ?? 100); iter++) {
      let changed = 0;
      rows.forEach((r, t) => { const c = nearestCentroid(centroids, r); if (c !== assignment[t]) { assignment[t] = c; changed++; } });
      const sums = Array.from({ length: k }, () => new Array<number>(d).fill(0));
      const counts = new Array<number>(k).fill(0);
      rows.forEach((r, t) => { counts[assignment[t]]++; for (let j = 0; j < d; j++) sums[assignment[t]][j] += r[j]; });
      sums.forEach((s, c) => { if (counts[c] > 0) centroids[c] = s.map((v) => v / counts[c]); });
      if (changed === 0) break;
    }
    const inertia = rows.reduce((s, r, t) => s + dist2(r, centroids[assignment[t]]), 0);
    if (!best || inertia < best.inertia) best = { centroids: centroids.map((c) => c.slice()), assignment: assignment.slice(), inertia };
  }
  return best!;
}

/** Mean silhouette of a clustering (on at most `sample` rows, so picking k stays cheap on big data). */
export function silhouette(rows: ArrayLike<number>[], assignment: Int32Array, k: number, sample = 1500, seed = 1): number {
  const rng = seededRng(seed);
  const idx = rows.map((_, i) => i);
  const chosen = idx.length <= sample ? idx : idx.filter(() => rng() < sample / idx.length);
  let total = 0;
  for (const i of chosen) {
    const sum = new Array<number>(k).fill(0);
    const cnt = new Array<number>(k).fill(0);
    for (const j of chosen) {
      if (j === i) continue;
      sum[assignment[j]] += Math.sqrt(dist2(rows[i], rows[j]));
      cnt[assignment[j]]++;
    }
    const own = assignment[i];
    const a = cnt[own] ? sum[own] / cnt[own] : 0;
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && cnt[c]) b = Math.min(b, sum[c] / cnt[c]);
    total += cnt[own] === 0 || !Number.isFinite(b) ? 0 : (b - a) / Math.max(a, b);
  }
  return chosen.length ? total / chosen.length : 0;
}
