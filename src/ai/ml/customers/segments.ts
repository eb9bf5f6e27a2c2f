/**
 * Customer segments: k-means on log recency, log frequency and log spend (standardised), with k
 * picked by the silhouette score and each cluster named from its RFM profile ("Champions",
 * "At risk", ...), so a merchant reads segments, not cluster numbers.
 */
import type { ModelInfo, SerialisedModel, TrainedModel } from '../model.js';
import { kMeans, nearestCentroid, silhouette } from '../common/kmeans.js';
import { rfmScores } from './rfm.js';
import type { CustomerSummary } from './types.js';

export interface SegmentOptions { kMin?: number; kMax?: number; seed?: number; now?: () => Date }

export interface SegmentProfile {
  name: string;
  description: string;
  size: number;
  /** Mean RFM quintile scores of the members (1..5). */
  r: number; f: number; m: number;
}

export interface SegmentAssignment { segment: number; name: string }

interface SegmentState { mean: number[]; std: number[]; centroids: number[][]; profiles: SegmentProfile[] }

const FORMAT_VERSION = 1;

function rawFeatures(c: CustomerSummary): number[] {
  return [Math.log1p(Math.max(0, c.recencyDays)), Math.log1p(c.orders), Math.log1p(Math.max(0, c.total))];
}

/** Names a cluster from its members' average RFM quintiles; the rules read like a marketer's playbook. */
export function nameSegment(r: number, f: number, m: number): string {
  let name: string;
  if (r >= 3.8 && f >= 3.8) name = 'Champions';
  else if (r >= 3 && f >= 3) name = 'Loyal customers';
  else if (r >= 3.5 && f < 3) name = 'New customers';
  else if (r < 3 && f >= 3) name = 'At risk';
  else if (r < 2.2 && f < 2.5) name = 'Lost';
  else name = 'Needs attention';
  if (m >= 4 && name !== 'Champions') name += ', big spenders';
  return name;
}

/** Trains the segmenter, choosing k in [kMin, kMax] by silhouette. */
export function trainSegments(customers: CustomerSummary[], options: SegmentOptions = {}): SegmentModel {
  const raw = customers.map(rawFeatures);
  const d = 3;
  const mean = Array.from({ length: d }, (_, j) => raw.reduce((s, r) => s + r[j], 0) / raw.length);
  const std = Array.from({ length: d }, (_, j) => Math.sqrt(raw.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / raw.length) || 1);
  const rows = raw.map((r) => r.map((v, j) => (v - mean[j]) / std[j]));
  const scores: Record<string, number> = {};
  let best: { k: number; sil: number; fit: ReturnType<typeof kMeans> } | undefined;
  // k starts at 3: silhouette nearly always favours 2 on RFM data ("good" vs "rest"), which no merchant can act on.
  for (let k = options.kMin ?? 3; k <= Math.min(options.kMax ?? 8, rows.length - 1); k++) {
    const fit = kMeans(rows, k, { seed: options.seed ?? 1 });
    const sil = silhouette(rows, fit.assignment, k);
    scores[`silhouette_k${k}`] = sil;
    // Prefer more segments when the silhouette is practically tied: they are more actionable.
    if (!best || sil > best.sil + 0.01) best = { k, sil, fit };
  }
  const fit = best!.fit;
  const rfm = rfmScores(customers);
  const profiles: SegmentProfile[] = fit.centroids.map((_, c) => {
    const members = rfm.filter((_, i) => fit.assignment[i] === c);
    const avg = (key: 'r' | 'f' | 'm') => members.reduce((s, x) => s + x[key], 0) / (members.length || 1);
    const inC = customers.filter((_, i) => fit.assignment[i] === c);
    const med = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] ?? 0; };
    return {
      name: nameSegment(avg('r'), avg('f'), avg('m')), size: members.length, r: avg('r'), f: avg('f'), m: avg('m'),
      description: `typical member: ${med(inC.map((x) => x.orders))} orders, last one ${Math.round(med(inC.map((x) => x.recencyDays)))} days ago, ${Math.round(med(inC.map((x) => x.total)))} spent in total`,
    };
  });
  // Two clusters can earn the same name; tell them apart by spend so every name is unique.
  const seen = new Map<string, number>();
  [...profiles].sort((a, b) => b.m - a.m).forEach((p) => {
    const n = seen.get(p.name) ?? 0;
    seen.set(p.name, n + 1);
    if (n > 0) p.name = `${p.name} (${n === 1 ? 'lower' : `tier ${n + 1}`} spend)`;
  });
  const info: ModelInfo = {
    kind: 'customers/segments-kmeans', formatVersion: FORMAT_VERSION, trainedAt: (options.now?.() ?? new Date(0)).toISOString(),
    trainingExamples: customers.length, metrics: { k: best!.k, silhouette: best!.sil, ...scores },
  };
  return new SegmentModel(info, { mean, std, centroids: fit.centroids, profiles });
}

export class SegmentModel implements TrainedModel<CustomerSummary, SegmentAssignment, string> {
  constructor(readonly info: ModelInfo, private readonly state: SegmentState) {}

  /** Restores a segmenter from its `toJSON` snapshot. */
  static fromJSON(s: SerialisedModel): SegmentModel {
    if (s.info.formatVersion !== FORMAT_VERSION) throw new Error(`segments: unsupported format ${s.info.formatVersion}`);
    return new SegmentModel(s.info, s.state as SegmentState);
  }

  /** The segments with their names, sizes at training time and typical member. */
  get profiles(): SegmentProfile[] { return this.state.profiles; }

  predict(c: CustomerSummary): SegmentAssignment {
    const x = rawFeatures(c).map((v, j) => (v - this.state.mean[j]) / this.state.std[j]);
    const segment = nearestCentroid(this.state.centroids, x);
    return { segment, name: this.state.profiles[segment].name };
  }

  explain(c: CustomerSummary): string {
    const { segment, name } = this.predict(c);
    const p = this.state.profiles[segment];
    return `${name}: ${c.orders} orders, last ${Math.round(c.recencyDays)} days ago, ${Math.round(c.total)} spent (segment ${p.description})`;
  }

  toJSON(): SerialisedModel { return { info: this.info, state: this.state }; }
}
