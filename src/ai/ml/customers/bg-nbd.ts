/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while alive a
 * customer buys as a Poisson process with a Gamma(r, α) distributed rate, and after each purchase
 * drops out with a Beta(a, b) distributed probability. Inputs per customer: x repeat purchase days,
 * t_x weeks from first to last purchase, T weeks from first purchase to the cut-off.
 */
import { nelderMead } from '../common/nelder-mead.js';
import { hyp2f1, lnGamma } from '../common/special-functions.js';

export interface BgNbdParams { r: number; alpha: number; a: number; b: number }
export interface RfmWeeks { x: number; tx: number; T: number }

/** Log-likelihood of one customer's (x, t_x, T) under the parameters. */
export function bgNbdLogLik(p: BgNbdParams, c: RfmWeeks): number {
  const { r, alpha, a, b } = p;
  const { x, tx, T } = c;
  const a1 = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha);
  const a2 = lnGamma(a + b) + lnGamma(b + x) - lnGamma(b) - lnGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return a1 + a2 + a3;
  const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  const mx = Math.max(a3, a4);
  return a1 + a2 + mx + Math.log(Math.exp(a3 - mx) + Math.exp(a4 - mx));
}

/** Maximum-likelihood fit (Nelder–Mead on log-parameters, with a tiny ridge so the fit cannot run off). */
export function fitBgNbd(customers: RfmWeeks[]): BgNbdParams {
  const objective = (z: number[]): number => {
    const p = { r: Math.exp(z[0]), alpha: Math.exp(z[1]), a: Math.exp(z[2]), b: Math.exp(z[3]) };
    let ll = 0;
    for (const c of customers) ll += bgNbdLogLik(p, c);
    const penalty = 1e-3 * z.reduce((s, v) => s + v * v, 0);
    return Number.isFinite(ll) ? -ll / customers.length + penalty : 1e12;
  };
  let best = nelderMead(objective, [0, Math.log(5), 0, 0], { maxIterations: 2000, tolerance: 1e-10 });
  best = nelderMead(objective, best.x, { maxIterations: 2000, tolerance: 1e-12 }); // a restart escapes a collapsed simplex
  const [r, alpha, a, b] = best.x.map(Math.exp);
  return { r, alpha, a, b };
}

/** Probability the customer is still "alive" (has not silently dropped out). */
export function probabilityAlive(p: BgNbdParams, c: RfmWeeks): number {
  if (c.x === 0) return 1;
  const { r, alpha, a, b } = p;
  const ratio = Math.exp((r + c.x) * (Math.log(alpha + c.T) - Math.log(alpha + c.tx)));
  return 1 / (1 + (a / (b + c.x - 1)) * ratio);
}

/** Expected number of purchase days in the next `t` weeks for a customer with history c. */
export function expectedPurchases(p: BgNbdParams, c: RfmWeeks, t: number): number {
  const { r, alpha, b } = p;
  // The closed form holds for any a > 0 but divides by (a − 1): step off a = 1 exactly.
  const a = Math.abs(p.a - 1) < 1e-6 ? 1 + 1e-6 : p.a;
  const { x, tx, T } = c;
  const z = t / (alpha + T + t);
  const head = (a + b + x - 1) / (a - 1);
  const body = 1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z);
  const denom = 1 + (x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0);
  return (head * body) / denom;
}
