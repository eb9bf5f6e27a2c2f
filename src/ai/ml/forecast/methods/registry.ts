/** The table of forecasting methods by name, with when each one applies. */
import { intermittency } from './intermittent.js';
import { fittedIntermittent } from './intermittent.js';
import type { ForecastMethod, MethodName } from '../types.js';
import { augursReady, fittedAugursEts, fittedMstl } from './augurs.js';
import { COMB_SEASONALITY_CONFIDENCE, fittedCombination } from './combination.js';
import { withSeasonalAdjustment } from './deseasonalise.js';
import { fittedEs } from './exp-smoothing.js';
import { fittedSeasonalNaive } from './naive.js';
import { fittedTheta } from './theta.js';

const always = (y: readonly number[]) => y.length >= 1;
const enough = (min: number) => (y: readonly number[]) => y.length >= min;

/** Every method this family knows, keyed by name. */
export const METHODS: Record<MethodName, ForecastMethod> = {
  naive: { name: 'naive', applicable: always, fit: (y, m) => fittedSeasonalNaive(y, m, 'naive') },
  snaive: { name: 'snaive', applicable: (y, m) => y.length >= Math.max(m, 1), fit: (y, m) => fittedSeasonalNaive(y, m, 'snaive') },
  ses: { name: 'ses', applicable: enough(3), fit: (y, m) => withSeasonalAdjustment(y, m, (a) => fittedEs('ses', a, 'ses')) },
  holt: { name: 'holt', applicable: enough(4), fit: (y, m) => withSeasonalAdjustment(y, m, (a) => fittedEs('holt', a, 'holt')) },
  damped: { name: 'damped', applicable: enough(4), fit: (y, m) => withSeasonalAdjustment(y, m, (a) => fittedEs('damped', a, 'damped')) },
  theta: { name: 'theta', applicable: enough(3), fit: (y, m) => withSeasonalAdjustment(y, m, fittedTheta) },
  comb: { name: 'comb', applicable: enough(4), fit: (y, m) => withSeasonalAdjustment(y, m, (a) => fittedCombination(a), COMB_SEASONALITY_CONFIDENCE) },
  croston: { name: 'croston', applicable: (y) => y.some((v) => v > 0) && y.every((v) => v >= 0), fit: (y) => fittedIntermittent(y, 'croston') },
  sba: { name: 'sba', applicable: (y) => y.some((v) => v > 0) && y.every((v) => v >= 0), fit: (y) => fittedIntermittent(y, 'sba') },
  tsb: { name: 'tsb', applicable: (y) => y.some((v) => v > 0) && y.every((v) => v >= 0), fit: (y) => fittedIntermittent(y, 'tsb') },
  ets: { name: 'ets', applicable: (y) => augursReady() && y.length >= 4, fit: (y, m) => withSeasonalAdjustment(y, m, fittedAugursEts) },
  mstl: { name: 'mstl', applicable: (y, m) => augursReady() && m > 1 && y.length >= 2 * m + 2, fit: (y, m) => fittedMstl(y, [m]) },
};

/** The candidates automatic selection tries for a series: intermittent methods only for intermittent data. */
export function defaultCandidates(y: readonly number[], period: number): MethodName[] {
  const { zeroShare } = intermittency(y);
  const base: MethodName[] = ['snaive', 'ses', 'damped', 'theta', 'comb', 'ets', 'mstl'];
  const names: MethodName[] = zeroShare > 0.3 ? ['naive', 'croston', 'sba', 'tsb', 'snaive', 'ses'] : base;
  return names.filter((n) => METHODS[n].applicable(y, period));
}
