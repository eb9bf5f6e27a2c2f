/**
 * Seeded pseudo-random numbers, so training and evaluation are reproducible run to run
 * (randomness is an outside effect; models take a seed instead of calling Math.random).
 */

/** A uniform [0, 1) generator from a 32-bit seed (mulberry32: tiny, fast, good enough for ML init). */
export function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller) from a uniform generator. */
export function normal(rng: () => number): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Shuffles an array in place (Fisher–Yates) and returns it. */
export function shuffleInPlace<T>(xs: T[], rng: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = xs[i]; xs[i] = xs[j]; xs[j] = t;
  }
  return xs;
}

/** Assigns each index to one of `k` folds, stratified by label so every fold keeps the class balance. */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed: number): Int32Array {
  const rng = seededRng(seed);
  const fold = new Int32Array(labels.length);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (!byClass.has(c)) byClass.set(c, []);
    byClass.get(c)!.push(i);
  }
  for (const idx of byClass.values()) {
    shuffleInPlace(idx, rng);
    idx.forEach((row, n) => { fold[row] = n % k; });
  }
  return fold;
}
