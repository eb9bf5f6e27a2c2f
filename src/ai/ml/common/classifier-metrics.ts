/**
 * Ranking metrics for binary scores: ROC-AUC, average precision and recall at a review rate.
 * Pure functions over parallel arrays (score, label ∈ {0,1}).
 */

/** ROC-AUC by the rank-sum (Mann–Whitney) formula, with ties counted as half. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let pos = 0;
  let rankSumPos = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const midRank = (i + j) / 2 + 1; // ties share the average rank
    for (let t = i; t <= j; t++) if (labels[order[t]] === 1) { pos++; rankSumPos += midRank; }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Average precision (area under the precision–recall curve, step-wise). */
export function averagePrecision(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const totalPos = order.reduce((s, i) => s + (labels[i] === 1 ? 1 : 0), 0);
  if (totalPos === 0) return NaN;
  let hits = 0;
  let sum = 0;
  order.forEach((row, rank) => { if (labels[row] === 1) { hits++; sum += hits / (rank + 1); } });
  return sum / totalPos;
}

/** Share of all positives found in the top `rate` fraction of scores (e.g. 0.02 = a 2 % review queue). */
export function recallAtRate(scores: ArrayLike<number>, labels: ArrayLike<number>, rate: number): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const take = Math.max(1, Math.round(n * rate));
  let totalPos = 0;
  for (let i = 0; i < n; i++) if (labels[i] === 1) totalPos++;
  let found = 0;
  for (let r = 0; r < take; r++) if (labels[order[r]] === 1) found++;
  return totalPos === 0 ? NaN : found / totalPos;
}
