/**
 * Exact integer arithmetic for totals. Every division of money rounds once, half up (amounts here
 * are never negative, so half up and half away from zero agree), on each line separately.
 */

/** round(a × n ÷ d) half up, exact for any safe integers a, n ≥ 0 and d > 0 (BigInt inside, so a × n may exceed 2^53). */
export function mulDivHalfUp(a: number, n: number, d: number): number {
  if (a < 0 || n < 0 || d <= 0) throw new RangeError(`mulDivHalfUp expects a, n ≥ 0 and d > 0, got ${a}, ${n}, ${d}`);
  const q = (BigInt(a) * BigInt(n) * 2n + BigInt(d)) / (2n * BigInt(d));
  if (q > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('mulDivHalfUp result exceeds the safe integer range');
  return Number(q);
}

/**
 * Splits `total` over `weights` in proportion, in whole minor units that add up to exactly `total`
 * (largest remainder: everyone gets the floor of their share, and the units left over go to the
 * largest fractional parts, ties to the earlier index). A zero weight gets nothing.
 */
export function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (total === 0 || sum === 0) return weights.map(() => 0);
  if (total < 0 || weights.some((w) => w < 0)) throw new RangeError('allocate expects non-negative amounts');
  const T = BigInt(total);
  const W = BigInt(sum);
  const shares = weights.map((w, i) => {
    const scaled = T * BigInt(w);
    return { i, floor: scaled / W, rem: scaled % W };
  });
  let left = T - shares.reduce((s, x) => s + x.floor, 0n);
  const order = [...shares].sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  const out = shares.map((s) => s.floor);
  for (const s of order) {
    if (left === 0n) break;
    out[s.i] += 1n;
    left -= 1n;
  }
  return out.map(Number);
}
