/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"): a customer's purchase values
 * scatter around their own mean, and those means vary across customers; the posterior mean shrinks
 * a customer's observed average towards the population's, more so when they bought rarely.
 * Fitted on customers with at least one repeat purchase day (x ≥ 1) and a positive average value.
 */
import { nelderMead } from '../common/nelder-mead.js';
import { lnGamma } from '../common/special-functions.js';

export interface GammaGammaParams { p: number; q: number; v: number }

function logLik(g: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = g;
  return lnGamma(p * x + q) - lnGamma(p * x) - lnGamma(q) + q * Math.log(v) + (p * x - 1) * Math.log(m)
    + p * x * Math.log(x) - (p * x + q) * Math.log(v + m * x);
}

/** Maximum-likelihood fit on (x repeat days, m average repeat-day value) pairs. */
export function fitGammaGamma(customers: { x: number; m: number }[]): GammaGammaParams {
  const usable = customers.filter((c) => c.x >= 1 && c.m > 0);
  const meanM = usable.reduce((s, c) => s + c.m, 0) / (usable.length || 1);
  const objective = (z: number[]): number => {
    const g = { p: Math.exp(z[0]), q: Math.exp(z[1]), v: Math.exp(z[2]) };
    let ll = 0;
    for (const c of usable) ll += logLik(g, c.x, c.m);
    return Number.isFinite(ll) ? -ll / usable.length : 1e12;
  };
  let best = nelderMead(objective, [Math.log(2), Math.log(3), Math.log(meanM || 1)], { maxIterations: 2000, tolerance: 1e-10 });
  best = nelderMead(objective, best.x, { maxIterations: 2000, tolerance: 1e-12 });
  const [p, q, v] = best.x.map(Math.exp);
  return { p, q, v };
}

/** Expected value of a future purchase day for a customer with x repeat days of average value m. */
export function expectedSpend(g: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = g;
  // q ≤ 1 means the population mean is infinite; fall back to the customer's own average.
  if (q <= 1) return m;
  if (x < 1 || m <= 0) return (p * v) / (q - 1);
  return (p * (v + x * m)) / (p * x + q - 1);
}
