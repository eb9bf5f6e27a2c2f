/**
 * Derivative-free minimisation (Nelder–Mead simplex) for the few smoothing parameters of
 * exponential-smoothing style models; bounds are enforced by the caller's objective (clamp or penalty).
 */

export interface MinimiseOptions {
  /** Initial step per coordinate (default 10 % of |x0| or 0.1). */
  step?: number[];
  maxIterations?: number;
  /** Stop when the simplex's function values differ by less than this. */
  tolerance?: number;
}

/** Minimises `f` from `x0`; returns the best point found and its value. */
export function nelderMead(f: (x: number[]) => number, x0: number[], opts: MinimiseOptions = {}): { x: number[]; value: number } {
  const n = x0.length;
  const maxIt = opts.maxIterations ?? 200 * n;
  const tol = opts.tolerance ?? 1e-8;
  const simplex: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] += opts.step?.[i] ?? (Math.abs(x0[i]) > 1e-8 ? 0.1 * Math.abs(x0[i]) : 0.1);
    simplex.push(p);
  }
  let values = simplex.map(f);
  for (let it = 0; it < maxIt; it++) {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    const s = order.map((i) => simplex[i]);
    const v = order.map((i) => values[i]);
    simplex.splice(0, simplex.length, ...s);
    values = v;
    if (Math.abs(values[n] - values[0]) <= tol * (Math.abs(values[0]) + tol)) break;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
    const along = (t: number) => centroid.map((c, j) => c + t * (simplex[n][j] - c));
    const xr = along(-1);
    const fr = f(xr);
    if (fr < values[0]) {
      const xe = along(-2);
      const fe = f(xe);
      if (fe < fr) { simplex[n] = xe; values[n] = fe; } else { simplex[n] = xr; values[n] = fr; }
    } else if (fr < values[n - 1]) {
      simplex[n] = xr; values[n] = fr;
    } else {
      const xc = fr < values[n] ? along(-0.5) : along(0.5);
      const fc = f(xc);
      if (fc < Math.min(fr, values[n])) { simplex[n] = xc; values[n] = fc; } else {
        // Shrink towards the best point when neither reflection nor contraction helps.
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i].map((x, j) => simplex[0][j] + 0.5 * (x - simplex[0][j]));
          values[i] = f(simplex[i]);
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if (values[i] < values[best]) best = i;
  return { x: simplex[best], value: values[best] };
}
