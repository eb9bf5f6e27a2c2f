/**
 * Churn probability: logistic regression over named customer features (any table: a shop's own
 * purchase summaries, or a subscription business's account data), explained by the features
 * that pushed each customer's risk up or down.
 */
import type { ModelInfo, SerialisedModel, TrainedModel } from '../model.js';
import type { FeatureRecord } from '../common/tabular-encoder.js';
import { TabularLogit, type Contribution, type TabularLogitState } from '../common/tabular-logit.js';
import type { CustomerSummary } from './types.js';

export interface ChurnOptions { l2?: number; minLevelCount?: number; now?: () => Date }

const FORMAT_VERSION = 1;

/** Purchase-history features for churn, on log scales because counts and spend are heavy-tailed. */
export function churnFeatures(c: CustomerSummary): FeatureRecord {
  const months = Math.max(c.tenureDays, 1) / 30;
  return {
    logRecencyDays: Math.log1p(Math.max(0, c.recencyDays)),
    logOrders: Math.log1p(c.orders),
    logPurchaseDays: Math.log1p(c.purchaseDays),
    logTotal: Math.log1p(Math.max(0, c.total)),
    logAvgOrderValue: Math.log1p(Math.max(0, c.avgOrderValue)),
    logTenureDays: Math.log1p(c.tenureDays),
    recentOrders: Math.log1p(c.recentOrders),
    ordersPerMonth: Math.log1p(c.orders / months),
    // Recency relative to the customer's own rhythm: 60 days means little for a quarterly buyer.
    recencyOverGap: Math.log1p(c.recencyDays / Math.max(1, c.tenureDays / Math.max(1, c.purchaseDays - 1))),
  };
}

/** Trains the churn classifier on feature records and 0/1 labels (1 = churned). */
export function trainChurn(rows: FeatureRecord[], labels: ArrayLike<number>, options: ChurnOptions = {}): ChurnModel {
  const model = TabularLogit.fit(rows, labels, { l2: options.l2 ?? 1, minLevelCount: options.minLevelCount });
  let pos = 0;
  for (let i = 0; i < labels.length; i++) pos += labels[i];
  const info: ModelInfo = {
    kind: 'customers/churn-logreg', formatVersion: FORMAT_VERSION, trainedAt: (options.now?.() ?? new Date(0)).toISOString(),
    trainingExamples: rows.length, metrics: { churnRate: pos / (rows.length || 1) },
  };
  return new ChurnModel(info, model.state);
}

export class ChurnModel implements TrainedModel<FeatureRecord, number, string[]> {
  private readonly model: TabularLogit;

  constructor(readonly info: ModelInfo, state: TabularLogitState) {
    this.model = new TabularLogit(state);
  }

  /** Restores a churn model from its `toJSON` snapshot. */
  static fromJSON(s: SerialisedModel): ChurnModel {
    if (s.info.formatVersion !== FORMAT_VERSION) throw new Error(`churn: unsupported format ${s.info.formatVersion}`);
    return new ChurnModel(s.info, s.state as TabularLogitState);
  }

  /** Probability that the customer churns. */
  predict(row: FeatureRecord): number { return this.model.predictProba(row); }

  /** The three features that moved this customer's risk most, in words. */
  explain(row: FeatureRecord): string[] {
    return this.contributions(row).slice(0, 3).map((c) => `${c.label} ${c.value > 0 ? 'raises' : 'lowers'} churn risk (${c.value > 0 ? '+' : ''}${c.value.toFixed(2)} log-odds)`);
  }

  contributions(row: FeatureRecord): Contribution[] { return this.model.contributions(row); }

  /** Global weights per encoded feature, largest first. */
  importance(): { label: string; weight: number }[] { return this.model.importance(); }

  toJSON(): SerialisedModel { return { info: this.info, state: this.model.state }; }
}
