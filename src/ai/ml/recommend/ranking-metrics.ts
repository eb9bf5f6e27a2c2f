/** Top-N ranking metrics for held-out baskets: hit rate, NDCG and catalogue coverage. */

export interface RankingMetrics { hr: number; ndcg: number; coverage: number; users: number }

/** Averages HR@k and NDCG@k (binary relevance) over users, and coverage over `catalogueSize` items. */
export function recommendationMetrics(lists: { recommended: string[]; relevant: Set<string> }[], k: number, catalogueSize: number): RankingMetrics {
  let hr = 0;
  let ndcg = 0;
  const shown = new Set<string>();
  for (const { recommended, relevant } of lists) {
    const top = recommended.slice(0, k);
    let dcg = 0;
    top.forEach((item, r) => { shown.add(item); if (relevant.has(item)) dcg += 1 / Math.log2(r + 2); });
    let idcg = 0;
    for (let r = 0; r < Math.min(k, relevant.size); r++) idcg += 1 / Math.log2(r + 2);
    if (dcg > 0) hr++;
    ndcg += idcg > 0 ? dcg / idcg : 0;
  }
  const n = lists.length || 1;
  return { hr: hr / n, ndcg: ndcg / n, coverage: shown.size / catalogueSize, users: lists.length };
}
