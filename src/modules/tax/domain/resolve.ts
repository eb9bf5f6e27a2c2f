/** Picks, for each tax class, the rate that matches a destination most specifically. */
import type { Destination, TaxRate } from '../contracts/service.js';

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '').toUpperCase();

/**
 * How specifically a rate matches (higher wins), or -1 when it does not apply. A longer postal
 * prefix beats a shorter one, which beats a region-wide rate, which beats a country-wide one.
 */
export function specificity(rate: Pick<TaxRate, 'country' | 'region' | 'postalPrefix'>, to: Destination): number {
  if (norm(rate.country) !== norm(to.country)) return -1;
  if (rate.region && norm(rate.region) !== norm(to.region)) return -1;
  if (rate.postalPrefix && !norm(to.postalCode).startsWith(norm(rate.postalPrefix))) return -1;
  return (rate.postalPrefix ? 10 * (1 + norm(rate.postalPrefix).length) : 0) + (rate.region ? 1 : 0);
}

/** The best rate per class; ties go to the older rate (smaller id) so the answer is stable. */
export function resolveRates<R extends Pick<TaxRate, 'id' | 'taxClassId' | 'country' | 'region' | 'postalPrefix'>>(rates: R[], to: Destination): Map<string, R> {
  const best = new Map<string, { rate: R; score: number }>();
  for (const rate of rates) {
    const score = specificity(rate, to);
    if (score < 0) continue;
    const have = best.get(rate.taxClassId);
    if (!have || score > have.score || (score === have.score && rate.id < have.rate.id)) best.set(rate.taxClassId, { rate, score });
  }
  return new Map([...best].map(([k, v]) => [k, v.rate]));
}
