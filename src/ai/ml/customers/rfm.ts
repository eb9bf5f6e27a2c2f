/** Classic RFM scoring: 1–5 quintile scores for recency (5 = most recent), frequency and monetary value. */
import type { CustomerSummary } from './types.js';

export interface RfmScore { customer: string; r: number; f: number; m: number; /** e.g. "545" */ code: string }

/** Quintile scores (1..5) of `values`, ties sharing the score of their average rank. */
export function quintiles(values: number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const score = new Array<number>(values.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const mid = (i + j) / 2;
    const q = Math.min(5, 1 + Math.floor((5 * (mid + 0.5)) / order.length));
    for (let t = i; t <= j; t++) score[order[t][1]] = q;
    i = j + 1;
  }
  return score;
}

/** RFM scores for a population of customers (scores are relative to that population). */
export function rfmScores(customers: CustomerSummary[]): RfmScore[] {
  const r = quintiles(customers.map((c) => -c.recencyDays));
  const f = quintiles(customers.map((c) => c.orders));
  const m = quintiles(customers.map((c) => c.total));
  return customers.map((c, i) => ({ customer: c.customer, r: r[i], f: f[i], m: m[i], code: `${r[i]}${f[i]}${m[i]}` }));
}
