/** Seeded randomness for this family, so a model trained twice on the same data is the same model. */

import { seededRng as rng, shuffleInPlace as shuffle } from '../common/seeded-rng.js';

export { rng, shuffle };

/** Splits indices into (train, held-out) keeping each label's share; every label keeps ≥ 1 training row. */
export function stratifiedHoldout(labels: string[], fraction: number, seed: number): { train: number[]; held: number[] } {
  const random = rng(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => { if (!byLabel.has(l)) byLabel.set(l, []); byLabel.get(l)!.push(i); });
  const train: number[] = [];
  const held: number[] = [];
  for (const idx of byLabel.values()) {
    shuffle(idx, random);
    const h = Math.min(idx.length - 1, Math.round(idx.length * fraction));
    held.push(...idx.slice(0, h));
    train.push(...idx.slice(h));
  }
  return { train: train.sort((a, b) => a - b), held: held.sort((a, b) => a - b) };
}

/**
 * Assigns each index to one of `k` folds, keeping each label's share in every fold: each label's shuffled
 * rows are dealt round-robin, the deal carrying on from label to label so the folds stay the same size.
 */
export function stratifiedFolds(labels: string[], k: number, seed: number): Int32Array {
  const random = rng(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => { if (!byLabel.has(l)) byLabel.set(l, []); byLabel.get(l)!.push(i); });
  const fold = new Int32Array(labels.length);
  let n = 0;
  for (const key of [...byLabel.keys()].sort()) for (const i of shuffle(byLabel.get(key)!, random)) fold[i] = n++ % k;
  return fold;
}
