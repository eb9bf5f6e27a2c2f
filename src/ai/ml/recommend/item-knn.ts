/**
 * Item-item neighbours from co-occurrence: two items are similar when the same customers (or the
 * same baskets) contain both, normalised by cosine so bestsellers do not neighbour everything.
 */
import { topK } from '../common/top-k.js';

export interface ItemKnnOptions {
  /** Neighbours kept per item. */
  neighbours?: number;
  /** Added to the cosine denominator: damps similarities resting on very few co-occurrences. */
  shrink?: number;
  /** Co-occurrences needed before a pair counts at all. */
  minSupport?: number;
}

/** Neighbour lists per item index: ids[i] and sims[i] hold up to `neighbours` entries, best first. */
export interface ItemNeighbours { ids: number[][]; sims: number[][]; support: number[][] }

/** Computes top neighbours for every item from groups of co-occurring items (users or baskets). */
export function fitItemKnn(groups: ArrayLike<number>[], nItems: number, options: ItemKnnOptions = {}): ItemNeighbours {
  const keep = options.neighbours ?? 50;
  const shrink = options.shrink ?? 10;
  const minSupport = options.minSupport ?? 2;
  const groupsOf: number[][] = Array.from({ length: nItems }, () => []);
  const groupWeight = new Float64Array(groups.length);
  const itemMass = new Float64Array(nItems);
  groups.forEach((g, gi) => {
    // Very large groups (wholesale accounts buying half the catalogue) say little about any one pair.
    groupWeight[gi] = 1 / Math.log2(2 + g.length);
    for (let t = 0; t < g.length; t++) { groupsOf[g[t]].push(gi); itemMass[g[t]] += groupWeight[gi]; }
  });
  const acc = new Float64Array(nItems);
  const cnt = new Int32Array(nItems);
  const ids: number[][] = [];
  const sims: number[][] = [];
  const support: number[][] = [];
  const touched: number[] = [];
  for (let i = 0; i < nItems; i++) {
    for (const gi of groupsOf[i]) {
      const g = groups[gi];
      const w = groupWeight[gi];
      for (let t = 0; t < g.length; t++) {
        const j = g[t];
        if (j === i) continue;
        if (cnt[j] === 0) touched.push(j);
        acc[j] += w; cnt[j]++;
      }
    }
    const score = new Float64Array(touched.length);
    touched.forEach((j, t) => {
      score[t] = cnt[j] < minSupport ? NaN : acc[j] / (Math.sqrt(itemMass[i] * itemMass[j]) + shrink * 0.1);
    });
    const best = topK(score, keep);
    ids.push(best.map((t) => touched[t]));
    sims.push(best.map((t) => score[t]));
    support.push(best.map((t) => cnt[touched[t]]));
    for (const j of touched) { acc[j] = 0; cnt[j] = 0; }
    touched.length = 0;
  }
  return { ids, sims, support };
}

/** Scores every item for a set of seed items by summing the seeds' neighbour similarities. */
export function scoreFromSeeds(nb: ItemNeighbours, seeds: ArrayLike<number>, seedWeights: ArrayLike<number> | undefined, out: Float64Array): Float64Array {
  out.fill(0);
  for (let s = 0; s < seeds.length; s++) {
    const i = seeds[s];
    const w = seedWeights ? seedWeights[s] : 1;
    const ids = nb.ids[i];
    const sims = nb.sims[i];
    for (let t = 0; t < ids.length; t++) out[ids[t]] += w * sims[t];
  }
  return out;
}

/** The seed that contributed most to an item's kNN score (for the "because you bought X" reason). */
export function strongestSeed(nb: ItemNeighbours, seeds: ArrayLike<number>, item: number): number | undefined {
  let best: number | undefined;
  let bestSim = 0;
  for (let s = 0; s < seeds.length; s++) {
    const i = seeds[s];
    const at = nb.ids[i].indexOf(item);
    if (at >= 0 && nb.sims[i][at] > bestSim) { bestSim = nb.sims[i][at]; best = i; }
  }
  return best;
}
