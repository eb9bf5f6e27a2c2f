/** Indices of the `k` largest scores, best first, skipping indices for which `skip` returns true. */
export function topK(scores: ArrayLike<number>, k: number, skip?: (i: number) => boolean): number[] {
  // A small sorted buffer beats a full sort when k ≪ n (top-10 out of thousands of items).
  const idx: number[] = [];
  const val: number[] = [];
  if (k <= 0) return idx;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (Number.isNaN(s) || (skip && skip(i))) continue;
    let p: number;
    if (idx.length < k) { idx.push(i); val.push(s); p = idx.length - 1; } else if (s > val[k - 1]) { idx[k - 1] = i; val[k - 1] = s; p = k - 1; } else continue;
    while (p > 0 && val[p - 1] < val[p]) {
      const tv = val[p - 1]; val[p - 1] = val[p]; val[p] = tv;
      const ti = idx[p - 1]; idx[p - 1] = idx[p]; idx[p] = ti;
      p--;
    }
  }
  return idx;
}
