/**
 * Seasonal robust z-score: each point is compared with the median of the same phase in recent
 * seasons (same weekday over the last weeks), scaled by the MAD of recent residuals. Medians and
 * MADs ignore the outliers they are looking for, which a mean and standard deviation would not.
 * Scoring is causal — a point is judged only against what came before it, as a live monitor would.
 */
import type { ModelInfo, SerialisedModel, TrainedModel } from '../model.js';
import { median } from '../common/robust-stats.js';

export interface SeasonalRobustOptions {
  /** Season length in steps (7 for daily data with a weekly rhythm; 1 = none). */
  period?: number;
  /** How many past seasons give the same-phase baseline (default 6). */
  seasons?: number;
  /** How many past residuals give the scale (default 8 seasons, at least 28 points). */
  scaleWindow?: number;
  /** |z| above which a point is anomalous (default 3.5, Iglewicz & Hoaglin's rule for modified z-scores). */
  threshold?: number;
  trainedAt?: string;
}

export interface MetricSeries {
  /** What is measured, for explanations (e.g. "units sold"). */
  metric: string;
  values: readonly number[];
  /** A label per point (e.g. ISO dates), for explanations. */
  labels?: readonly string[];
  period?: number;
}

export interface PointScore {
  index: number;
  label?: string;
  value: number;
  expected: number;
  z: number;
  anomalous: boolean;
  direction: 'spike' | 'dip' | 'normal';
}

export interface SeasonalRobustConfig { period: number; seasons: number; scaleWindow: number; threshold: number }

/** Fills in the defaults for a monitor over data with the given season length. */
export function seasonalRobustConfig(period: number, o: SeasonalRobustOptions = {}): SeasonalRobustConfig {
  const p = Math.max(1, Math.floor(o.period ?? period));
  return { period: p, seasons: o.seasons ?? 6, scaleWindow: o.scaleWindow ?? Math.max(28, 8 * p), threshold: o.threshold ?? 3.5 };
}

/** Scores every point of `values` after the first full baseline against its causal seasonal baseline. */
export function scoreSeasonalRobust(values: readonly number[], cfg: SeasonalRobustConfig, startIndex = 0, labels?: readonly string[]): PointScore[] {
  const { period, seasons, scaleWindow, threshold } = cfg;
  const residuals: number[] = [];
  const out: PointScore[] = [];
  for (let t = 0; t < values.length; t++) {
    const same: number[] = [];
    for (let k = 1; k <= seasons && t - k * period >= 0; k++) same.push(values[t - k * period]);
    if (same.length < Math.min(3, seasons)) continue;
    const expected = median(same);
    const r = values[t] - expected;
    let z = 0;
    if (residuals.length >= 7) {
      const recent = residuals.slice(-scaleWindow);
      const centre = median(recent);
      const spread = 1.4826 * median(recent.map((v) => Math.abs(v - centre)));
      // A floor keeps a perfectly regular history (MAD 0) from turning any wiggle into an infinite z.
      const floor = 0.01 * Math.abs(expected) + 1e-9;
      z = (r - centre) / Math.max(spread, floor);
    }
    // A day that is always closed (zero, expected zero) says nothing about spread; counting its exact
    // zero residuals would shrink the MAD and flag ordinary trading days.
    const closed = values[t] === 0 && expected === 0;
    if (!closed) residuals.push(r);
    if (t >= startIndex) {
      const anomalous = Math.abs(z) > threshold;
      out.push({ index: t - startIndex, label: labels?.[t - startIndex], value: values[t], expected, z, anomalous, direction: anomalous ? (z > 0 ? 'spike' : 'dip') : 'normal' });
    }
  }
  return out;
}

/** Words a merchant reads for one flagged point. */
export function describePoint(metric: string, p: PointScore, period: number): string {
  const when = p.label ? ` on ${p.label}` : ` at point ${p.index}`;
  const ratio = p.expected !== 0 ? p.value / p.expected : NaN;
  const rel = Number.isFinite(ratio) ? (ratio >= 1 ? `${ratio.toFixed(1)}× the usual` : `${Math.round((1 - ratio) * 100)} % below the usual`) : 'against a usual';
  const phase = period > 1 ? ` for this point in its ${period}-step cycle` : '';
  return `${metric}${when} was ${fmt(p.value)}, ${rel} ${fmt(p.expected)}${phase} (robust z ${p.z.toFixed(1)}, a ${p.direction}).`;
}

const fmt = (v: number) => (Math.abs(v) >= 100 || Number.isInteger(v) ? Math.round(v).toLocaleString('en-GB') : v.toFixed(2));

interface State { metric: string; history: number[]; config: SeasonalRobustConfig }

/** A trained monitor for one metric: keeps enough recent history to score the points that follow. */
export class SeasonalRobustModel implements TrainedModel<{ values: readonly number[]; labels?: readonly string[] }, PointScore[], string[]> {
  constructor(readonly info: ModelInfo, private readonly state: State) {}

  /** Scores new points that continue the training series. */
  predict(input: { values: readonly number[]; labels?: readonly string[] }): PointScore[] {
    const all = [...this.state.history, ...input.values];
    return scoreSeasonalRobust(all, this.state.config, this.state.history.length, input.labels);
  }

  /** One sentence per anomalous new point. */
  explain(input: { values: readonly number[]; labels?: readonly string[] }): string[] {
    return this.predict(input).filter((p) => p.anomalous).map((p) => describePoint(this.state.metric, p, this.state.config.period));
  }

  toJSON(): SerialisedModel {
    return { info: this.info, state: this.state };
  }
}

/** Fits the monitor: checks the data and keeps the history window later points are judged against. */
export function trainSeasonalRobust(data: MetricSeries, options: SeasonalRobustOptions = {}): SeasonalRobustModel {
  if (data.values.some((v) => !Number.isFinite(v))) throw new Error('anomaly.invalid_series: non-finite values');
  const cfg = seasonalRobustConfig(data.period ?? 1, options);
  const keep = cfg.seasons * cfg.period + cfg.scaleWindow;
  const inSample = scoreSeasonalRobust(data.values, cfg);
  const info: ModelInfo = {
    kind: 'anomaly/seasonal-robust', formatVersion: 1, trainedAt: options.trainedAt ?? new Date(0).toISOString(),
    trainingExamples: data.values.length,
    metrics: { inSampleAnomalyRate: inSample.length ? inSample.filter((p) => p.anomalous).length / inSample.length : 0 },
  };
  return new SeasonalRobustModel(info, { metric: data.metric, history: data.values.slice(-keep), config: cfg });
}

/** Restores a saved seasonal robust monitor. */
export function seasonalRobustFromJSON(saved: SerialisedModel): SeasonalRobustModel {
  if (saved.info.kind !== 'anomaly/seasonal-robust' || saved.info.formatVersion !== 1) throw new Error(`anomaly.unsupported_format: ${saved.info.kind}`);
  return new SeasonalRobustModel(saved.info, saved.state as State);
}
