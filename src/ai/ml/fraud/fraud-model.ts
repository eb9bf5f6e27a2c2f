/**
 * Fraud scoring at order placement: the rules' flags plus the raw signals (log-scaled) feed a
 * logistic regression, so the score is learned but every part of it stays readable. A review
 * threshold is set on the training scores for a target review rate (default 2 % of orders).
 */
import type { ModelInfo, SerialisedModel, TrainedModel } from '../model.js';
import type { FeatureRecord } from '../common/tabular-encoder.js';
import { TabularLogit, type TabularLogitState } from '../common/tabular-logit.js';
import { defaultThresholds, evaluateRules, type RuleThresholds } from './rules.js';
import type { FraudVerdict, OrderSignals } from './types.js';

export interface FraudOptions {
  l2?: number;
  /** Share of orders to send to manual review (sets the threshold). */
  reviewRate?: number;
  thresholds?: Partial<RuleThresholds>;
  now?: () => Date;
}

interface FraudState { thresholds: RuleThresholds; reviewThreshold: number; model: TabularLogitState }

const FORMAT_VERSION = 1;
const log1p = (x: number | undefined): number | undefined => (x === undefined ? undefined : Math.log1p(Math.max(0, x)));

/** The learned model's inputs for one order: rule flags, log-scaled signals, cyclic hour, extras. */
export function fraudFeatures(s: OrderSignals, t: RuleThresholds): FeatureRecord {
  const { flags } = evaluateRules(s, t);
  return {
    ...flags,
    logOrderValue: log1p(s.orderValue),
    logAccountAgeMinutes: log1p(s.accountAgeMinutes),
    logAccountsOnDevice: log1p(s.accountsOnDevice),
    logAccountsOnIp: log1p(s.accountsOnIp),
    logOrdersFromDevice24h: log1p(s.ordersFromDevice24h),
    // Hour as a point on a circle, so 23:00 and 01:00 are neighbours.
    hourSin: s.localHour === undefined ? undefined : Math.sin((2 * Math.PI * s.localHour) / 24),
    hourCos: s.localHour === undefined ? undefined : Math.cos((2 * Math.PI * s.localHour) / 24),
    ...s.extra,
  };
}

/** Trains the fraud scorer on labelled orders (label 1 = fraud). */
export function trainFraud(orders: OrderSignals[], labels: ArrayLike<number>, options: FraudOptions = {}): FraudModel {
  const values = orders.filter((o) => o.isFirstOrder !== false).map((o) => o.orderValue).sort((a, b) => a - b);
  const thresholds: RuleThresholds = { ...defaultThresholds, highValue: values.length ? values[Math.floor(values.length * 0.9)] : defaultThresholds.highValue, ...options.thresholds };
  const rows = orders.map((o) => fraudFeatures(o, thresholds));
  const model = TabularLogit.fit(rows, labels, { l2: options.l2 ?? 1, minLevelCount: 20 });
  const scores = rows.map((r) => model.predictProba(r)).sort((a, b) => b - a);
  const reviewRate = options.reviewRate ?? 0.02;
  const reviewThreshold = scores[Math.max(0, Math.round(scores.length * reviewRate) - 1)] ?? 1;
  let pos = 0;
  for (let i = 0; i < labels.length; i++) pos += labels[i];
  const info: ModelInfo = {
    kind: 'fraud/rules-logreg', formatVersion: FORMAT_VERSION, trainedAt: (options.now?.() ?? new Date(0)).toISOString(),
    trainingExamples: orders.length, metrics: { fraudRate: pos / (orders.length || 1), reviewRate, reviewThreshold },
  };
  return new FraudModel(info, { thresholds, reviewThreshold, model: model.state });
}

export class FraudModel implements TrainedModel<OrderSignals, FraudVerdict, string[]> {
  private readonly model: TabularLogit;

  constructor(readonly info: ModelInfo, private readonly state: FraudState) {
    this.model = new TabularLogit(state.model);
  }

  /** Restores a fraud model from its `toJSON` snapshot. */
  static fromJSON(s: SerialisedModel): FraudModel {
    if (s.info.formatVersion !== FORMAT_VERSION) throw new Error(`fraud: unsupported format ${s.info.formatVersion}`);
    return new FraudModel(s.info, s.state as FraudState);
  }

  predict(s: OrderSignals): FraudVerdict {
    const score = this.model.predictProba(fraudFeatures(s, this.state.thresholds));
    return { score, action: score >= this.state.reviewThreshold ? 'review' : 'accept', rules: evaluateRules(s, this.state.thresholds).fired };
  }

  /** The fired rules, then the signals that raised the score most, in words. */
  explain(s: OrderSignals): string[] {
    const fired = evaluateRules(s, this.state.thresholds).fired.map((r) => `rule: ${r.description}`);
    const raised = this.model.contributions(fraudFeatures(s, this.state.thresholds))
      .filter((c) => c.value > 0.1 && !c.feature.startsWith('rule_')).slice(0, 3)
      .map((c) => `signal: ${c.label} (+${c.value.toFixed(2)} log-odds)`);
    return [...fired, ...raised];
  }

  /** Global weights per encoded signal, largest first: which signals matter. */
  importance(): { label: string; weight: number }[] { return this.model.importance(); }

  toJSON(): SerialisedModel { return { info: this.info, state: this.state }; }
}
