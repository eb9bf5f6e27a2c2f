/**
 * A logistic-regression classifier over named features (encoder + weights), with per-feature
 * contributions so every score can be explained in terms of the inputs that moved it.
 */
import { fitLogistic, logisticMargin, sigmoid, type LogisticOptions, type LogisticState } from './logistic-regression.js';
import { TabularEncoder, type EncoderState, type FeatureRecord } from './tabular-encoder.js';

export interface TabularLogitState { encoder: EncoderState; logistic: LogisticState }

/** How much one input feature pushed the log-odds (positive = towards the positive class). */
export interface Contribution { feature: string; label: string; value: number }

export class TabularLogit {
  readonly encoder: TabularEncoder;

  constructor(readonly state: TabularLogitState) {
    this.encoder = new TabularEncoder(state.encoder);
  }

  /** Fits the encoder and the logistic weights on labelled records (labels 0/1). */
  static fit(rows: FeatureRecord[], labels: ArrayLike<number>, options: LogisticOptions & { minLevelCount?: number } = {}): TabularLogit {
    const encoder = TabularEncoder.fit(rows, options.minLevelCount ?? 5);
    const x = rows.map((r) => encoder.encode(r));
    return new TabularLogit({ encoder: encoder.state, logistic: fitLogistic(x, labels, options) });
  }

  /** Probability of the positive class. */
  predictProba(row: FeatureRecord): number {
    return sigmoid(logisticMargin(this.state.logistic, this.encoder.encode(row)));
  }

  /** Contributions per input feature, largest absolute effect first (one-hot slots summed per feature). */
  contributions(row: FeatureRecord): Contribution[] {
    const x = this.encoder.encode(row);
    const byFeature = new Map<string, Contribution>();
    this.encoder.slots.forEach((slot, j) => {
      const v = this.state.logistic.weights[j] * x[j];
      if (v === 0) return;
      const prev = byFeature.get(slot.feature);
      if (!prev) byFeature.set(slot.feature, { feature: slot.feature, label: slot.label, value: v });
      else { prev.value += v; if (x[j] === 1 && slot.label.includes(' = ')) prev.label = slot.label; }
    });
    return [...byFeature.values()].sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  }

  /** Weights per encoded slot, largest absolute first: the global "which signals matter" view. */
  importance(): { label: string; weight: number }[] {
    return this.encoder.slots.map((s, j) => ({ label: s.label, weight: this.state.logistic.weights[j] }))
      .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  }
}
