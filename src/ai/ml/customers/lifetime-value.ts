/**
 * Customer lifetime value = expected purchase days in the horizon (BG/NBD) × expected value per
 * purchase day (Gamma-Gamma), undiscounted. Also gives P(alive), a churn signal with no labels.
 */
import type { ModelInfo, SerialisedModel, TrainedModel } from '../model.js';
import { expectedPurchases, fitBgNbd, probabilityAlive, type BgNbdParams, type RfmWeeks } from './bg-nbd.js';
import { expectedSpend, fitGammaGamma, type GammaGammaParams } from './gamma-gamma.js';
import type { CustomerSummary } from './types.js';

export interface LifetimeValue { expectedPurchases: number; probabilityAlive: number; expectedOrderValue: number; value: number; horizonWeeks: number }

export interface LifetimeValueOptions { horizonWeeks?: number; now?: () => Date }

interface LtvState { bgNbd: BgNbdParams; gammaGamma: GammaGammaParams; horizonWeeks: number }

const FORMAT_VERSION = 1;

function weeks(c: CustomerSummary): RfmWeeks {
  return { x: c.purchaseDays - 1, tx: c.txWeeks, T: c.ageWeeks };
}

/** Fits BG/NBD and Gamma-Gamma on customer summaries taken at one cut-off date. */
export function trainLifetimeValue(customers: CustomerSummary[], options: LifetimeValueOptions = {}): LifetimeValueModel {
  const bgNbd = fitBgNbd(customers.map(weeks));
  const gammaGamma = fitGammaGamma(customers.map((c) => ({ x: c.purchaseDays - 1, m: c.repeatDayValue })));
  const info: ModelInfo = {
    kind: 'customers/bg-nbd-gamma-gamma', formatVersion: FORMAT_VERSION, trainedAt: (options.now?.() ?? new Date(0)).toISOString(),
    trainingExamples: customers.length, metrics: { ...bgNbd, ...gammaGamma },
  };
  return new LifetimeValueModel(info, { bgNbd, gammaGamma, horizonWeeks: options.horizonWeeks ?? 52 });
}

export class LifetimeValueModel implements TrainedModel<CustomerSummary, LifetimeValue, string> {
  constructor(readonly info: ModelInfo, private readonly state: LtvState) {}

  /** Restores a lifetime-value model from its `toJSON` snapshot. */
  static fromJSON(s: SerialisedModel): LifetimeValueModel {
    if (s.info.formatVersion !== FORMAT_VERSION) throw new Error(`lifetime-value: unsupported format ${s.info.formatVersion}`);
    return new LifetimeValueModel(s.info, s.state as LtvState);
  }

  /** Value over the model's horizon, or over `horizonWeeks` when given. */
  predict(c: CustomerSummary, horizonWeeks = this.state.horizonWeeks): LifetimeValue {
    const w = weeks(c);
    const n = expectedPurchases(this.state.bgNbd, w, horizonWeeks);
    const aov = expectedSpend(this.state.gammaGamma, w.x, c.repeatDayValue);
    return { expectedPurchases: n, probabilityAlive: probabilityAlive(this.state.bgNbd, w), expectedOrderValue: aov, value: n * aov, horizonWeeks };
  }

  explain(c: CustomerSummary): string {
    const v = this.predict(c);
    return `${(v.probabilityAlive * 100).toFixed(0)} % likely still active; expected ${v.expectedPurchases.toFixed(1)} purchase days in the next ${v.horizonWeeks} weeks at about ${v.expectedOrderValue.toFixed(2)} each (bought on ${c.purchaseDays} days, last ${Math.round(c.recencyDays)} days ago)`;
  }

  toJSON(): SerialisedModel { return { info: this.info, state: this.state }; }
}
