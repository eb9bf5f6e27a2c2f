/**
 * Price elasticity of demand from price and volume history: ordinary least squares of
 * log(quantity) on log(price), a linear trend and any caller-supplied controls (season, promotion
 * flags). The log-price coefficient is the constant elasticity (−2 means a 1 % price rise loses
 * about 2 % of volume). Periods with zero volume are left out, since log(0) is undefined.
 */
import { Matrix, inverse } from 'ml-matrix';
import type { ModelInfo, SerialisedModel, TrainedModel } from '../model.js';

export interface PriceObservation {
  /** Price charged in the period (any unit, e.g. minor units). */
  price: number;
  /** Units sold in the period. */
  quantity: number;
  /** Extra regressors for this period (e.g. a season index or a promotion flag), same length for all. */
  controls?: number[];
}

export interface ElasticityData { observations: readonly PriceObservation[]; label?: string; controlNames?: string[] }

export interface ElasticityOptions {
  /** Include a linear time trend (default true). */
  trend?: boolean;
  trainedAt?: string;
}

export interface ElasticityEstimate {
  elasticity: number;
  standardError: number;
  /** 95 % confidence interval. */
  low: number;
  high: number;
  /** False when prices hardly varied or too few periods sold, so the estimate should not drive prices. */
  reliable: boolean;
  reason?: string;
}

interface State {
  coef: number[];
  names: string[];
  estimate: ElasticityEstimate;
  lastT: number;
  lastControls: number[];
  priceRange: [number, number];
  label?: string;
  residualVariance: number;
}

/** A fitted elasticity model. `predict(price)` is expected volume at the latest period's conditions. */
export class ElasticityModel implements TrainedModel<number, number, string> {
  constructor(readonly info: ModelInfo, private readonly state: State) {}

  get estimate(): ElasticityEstimate { return this.state.estimate; }

  /** Expected units at `price`, other conditions as in the last observed period (lognormal mean correction). */
  predict(price: number): number {
    const s = this.state;
    const x = [1, Math.log(price), ...(s.names.includes('trend') ? [s.lastT] : []), ...s.lastControls];
    return Math.exp(x.reduce((a, v, i) => a + v * s.coef[i], 0) + s.residualVariance / 2);
  }

  /** The estimate in words, with its uncertainty and the price range it was learnt from. */
  explain(price?: number): string {
    const e = this.state.estimate;
    const [lo, hi] = this.state.priceRange;
    const what = this.state.label ? `${this.state.label}: ` : '';
    const effect = (1 - 1.1 ** e.elasticity) * 100;
    let text = `${what}a 10 % price rise changes volume by about ${effect >= 0 ? '−' : '+'}${Math.abs(effect).toFixed(1)} % (elasticity ${e.elasticity.toFixed(2)}, 95 % range ${e.low.toFixed(2)} to ${e.high.toFixed(2)}), learnt from prices between ${lo} and ${hi}.`;
    if (!e.reliable) text += ` Not reliable: ${e.reason}.`;
    if (price !== undefined) text += ` Expected volume at ${price}: ${this.predict(price).toFixed(1)} units per period.`;
    return text;
  }

  toJSON(): SerialisedModel { return { info: this.info, state: this.state }; }
}

/** Fits the log-log demand regression. Throws when fewer than 4 periods have positive prices and volumes. */
export function trainElasticity(data: ElasticityData, options: ElasticityOptions = {}): ElasticityModel {
  const useTrend = options.trend ?? true;
  const obs = data.observations.map((o, t) => ({ ...o, t })).filter((o) => o.price > 0 && o.quantity > 0);
  const k = data.observations[0]?.controls?.length ?? 0;
  const names = ['intercept', 'log price', ...(useTrend ? ['trend'] : []), ...Array.from({ length: k }, (_, i) => data.controlNames?.[i] ?? `control ${i + 1}`)];
  if (obs.length < names.length + 2) throw new Error('pricing.insufficient_history: too few periods with sales');
  const rows = obs.map((o) => [1, Math.log(o.price), ...(useTrend ? [o.t] : []), ...(o.controls ?? [])]);
  const X = new Matrix(rows);
  const y = Matrix.columnVector(obs.map((o) => Math.log(o.quantity)));
  const xtxInv = inverse(X.transpose().mmul(X), true);
  const beta = xtxInv.mmul(X.transpose()).mmul(y);
  const resid = y.clone().sub(X.mmul(beta));
  const dof = obs.length - names.length;
  const s2 = resid.transpose().mmul(resid).get(0, 0) / dof;
  const se = Math.sqrt(s2 * xtxInv.get(1, 1));
  const elasticity = beta.get(1, 0);
  const logP = obs.map((o) => Math.log(o.price));
  const spread = Math.max(...logP) - Math.min(...logP);
  // t quantile ≈ normal for the dozens of periods this is meant for; a little wider when short.
  const tq = 1.96 + 2.5 / dof;
  const reliable = spread >= 0.05 && dof >= 8 && Number.isFinite(se);
  const estimate: ElasticityEstimate = {
    elasticity, standardError: se, low: elasticity - tq * se, high: elasticity + tq * se, reliable,
    reason: reliable ? undefined : spread < 0.05 ? 'prices varied by less than 5 %, so their effect cannot be separated from noise' : 'too few periods with sales',
  };
  const prices = obs.map((o) => o.price);
  const last = data.observations[data.observations.length - 1];
  const state: State = {
    coef: beta.to1DArray(), names, estimate, lastT: data.observations.length - 1, lastControls: last.controls ?? [],
    priceRange: [Math.min(...prices), Math.max(...prices)], label: data.label, residualVariance: s2,
  };
  const info: ModelInfo = {
    kind: 'pricing/elasticity', formatVersion: 1, trainedAt: options.trainedAt ?? new Date(0).toISOString(),
    trainingExamples: obs.length, metrics: { elasticity, standardError: se, residualSd: Math.sqrt(s2) },
  };
  return new ElasticityModel(info, state);
}

/** Restores a saved elasticity model. */
export function elasticityFromJSON(saved: SerialisedModel): ElasticityModel {
  if (saved.info.kind !== 'pricing/elasticity' || saved.info.formatVersion !== 1) throw new Error(`pricing.unsupported_format: ${saved.info.kind}`);
  return new ElasticityModel(saved.info, saved.state as State);
}
