/**
 * Isolation forest (Liu, Ting & Zhou 2008) for multivariate observations (e.g. one row per day:
 * orders, units, revenue, error rate). Unusual rows are isolated by few random splits; the score
 * is 2^(−mean path length / c(n)). The explanation credits the features whose splits isolated the
 * row (weighted by how early), and states each one's value against its typical training value.
 */
import type { ModelInfo, SerialisedModel, TrainedModel } from '../model.js';
import { mad, median } from '../common/robust-stats.js';
import { seededRng } from '../common/seeded-rng.js';

export interface IsolationForestOptions {
  trees?: number;
  sampleSize?: number;
  seed?: number;
  /** Score above which a row is anomalous (default 0.6; 0.5 is "no distinction"). */
  threshold?: number;
  trainedAt?: string;
}

export interface FeatureRows { features: string[]; rows: readonly (readonly number[])[] }

/** A tree as flat arrays: feature −1 marks a leaf holding `size` training rows. */
interface Tree { feature: number[]; threshold: number[]; left: number[]; right: number[]; size: number[] }

export interface IsolationScore { score: number; anomalous: boolean }

export interface IsolationExplanation extends IsolationScore {
  contributions: { feature: string; share: number; value: number; typical: number; robustZ: number }[];
  text: string;
}

/** Average unsuccessful-search path length in a binary search tree of n points: the normaliser c(n). */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + 0.5772156649) - (2 * (n - 1)) / n;
}

function buildTree(rows: readonly (readonly number[])[], idx: number[], maxDepth: number, rng: () => number): Tree {
  const tree: Tree = { feature: [], threshold: [], left: [], right: [], size: [] };
  const d = rows[0].length;
  const grow = (ids: number[], depth: number): number => {
    const node = tree.feature.length;
    tree.feature.push(-1); tree.threshold.push(0); tree.left.push(-1); tree.right.push(-1); tree.size.push(ids.length);
    if (depth >= maxDepth || ids.length <= 1) return node;
    // Only features that still vary in this node can split it.
    const usable: [number, number, number][] = [];
    for (let f = 0; f < d; f++) {
      let lo = Infinity; let hi = -Infinity;
      for (const i of ids) { const v = rows[i][f]; if (v < lo) lo = v; if (v > hi) hi = v; }
      if (hi > lo) usable.push([f, lo, hi]);
    }
    if (usable.length === 0) return node;
    const [f, lo, hi] = usable[Math.floor(rng() * usable.length)];
    const thr = lo + rng() * (hi - lo);
    const l = ids.filter((i) => rows[i][f] < thr);
    const r = ids.filter((i) => rows[i][f] >= thr);
    tree.feature[node] = f; tree.threshold[node] = thr;
    tree.left[node] = grow(l, depth + 1);
    tree.right[node] = grow(r, depth + 1);
    return node;
  };
  grow(idx, 0);
  return tree;
}

/** Path length of x in one tree, and the features split on along the way. */
function path(tree: Tree, x: readonly number[]): { length: number; features: number[] } {
  let node = 0;
  let depth = 0;
  const features: number[] = [];
  while (tree.feature[node] !== -1) {
    const f = tree.feature[node];
    features.push(f);
    node = x[f] < tree.threshold[node] ? tree.left[node] : tree.right[node];
    depth++;
  }
  return { length: depth + averagePathLength(tree.size[node]), features };
}

interface State { features: string[]; trees: Tree[]; sampleSize: number; threshold: number; medians: number[]; mads: number[] }

/** A trained isolation forest. */
export class IsolationForestModel implements TrainedModel<readonly number[], IsolationScore, IsolationExplanation> {
  constructor(readonly info: ModelInfo, private readonly state: State) {}

  /** Anomaly score in (0, 1) for one row (features in training order). */
  predict(x: readonly number[]): IsolationScore {
    const s = this.state;
    let total = 0;
    for (const t of s.trees) total += path(t, x).length;
    const score = 2 ** (-(total / s.trees.length) / averagePathLength(s.sampleSize));
    return { score, anomalous: score > s.threshold };
  }

  /** Score plus the features that isolated the row, each against its typical value. */
  explain(x: readonly number[]): IsolationExplanation {
    const s = this.state;
    const credit = new Array<number>(s.features.length).fill(0);
    for (const t of s.trees) {
      const p = path(t, x);
      // Splits near the root on a short path isolate the row most decisively, so they earn most credit.
      p.features.forEach((f, depth) => { credit[f] += 1 / (p.length * (depth + 1)); });
    }
    const sum = credit.reduce((a, b) => a + b, 0) || 1;
    const contributions = s.features.map((feature, f) => ({
      feature, share: credit[f] / sum, value: x[f], typical: s.medians[f],
      robustZ: s.mads[f] > 0 ? (x[f] - s.medians[f]) / s.mads[f] : 0,
    })).sort((a, b) => b.share - a.share);
    const { score, anomalous } = this.predict(x);
    const top = contributions.slice(0, 2).map((c) => `${c.feature} ${fmt(c.value)} vs typical ${fmt(c.typical)}${c.robustZ ? ` (${c.robustZ > 0 ? '+' : ''}${c.robustZ.toFixed(1)} MAD)` : ''}`);
    const text = `${anomalous ? 'Unusual' : 'Normal'} (isolation score ${score.toFixed(2)}, threshold ${s.threshold}); mostly because of ${top.join(' and ')}.`;
    return { score, anomalous, contributions, text };
  }

  toJSON(): SerialisedModel {
    return { info: this.info, state: this.state };
  }
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-GB') : v.toFixed(2));

/** Grows the forest on subsamples of the rows, reproducibly from `seed`. */
export function trainIsolationForest(data: FeatureRows, options: IsolationForestOptions = {}): IsolationForestModel {
  const { rows, features } = data;
  if (rows.length < 2 || rows.some((r) => r.length !== features.length || r.some((v) => !Number.isFinite(v)))) {
    throw new Error('anomaly.invalid_rows: need ≥ 2 finite rows with one value per feature');
  }
  const rng = seededRng(options.seed ?? 1);
  const sampleSize = Math.min(options.sampleSize ?? 256, rows.length);
  const maxDepth = Math.ceil(Math.log2(Math.max(sampleSize, 2)));
  const trees: Tree[] = [];
  for (let k = 0; k < (options.trees ?? 100); k++) {
    const all = rows.map((_, i) => i);
    for (let i = 0; i < sampleSize; i++) { const j = i + Math.floor(rng() * (all.length - i)); [all[i], all[j]] = [all[j], all[i]]; }
    trees.push(buildTree(rows, all.slice(0, sampleSize), maxDepth, rng));
  }
  const cols = features.map((_, f) => rows.map((r) => r[f]));
  const state: State = { features, trees, sampleSize, threshold: options.threshold ?? 0.6, medians: cols.map((c) => median(c)), mads: cols.map((c) => mad(c)) };
  const info: ModelInfo = { kind: 'anomaly/isolation-forest', formatVersion: 1, trainedAt: options.trainedAt ?? new Date(0).toISOString(), trainingExamples: rows.length, metrics: {} };
  return new IsolationForestModel(info, state);
}

/** Restores a saved isolation forest. */
export function isolationForestFromJSON(saved: SerialisedModel): IsolationForestModel {
  if (saved.info.kind !== 'anomaly/isolation-forest' || saved.info.formatVersion !== 1) throw new Error(`anomaly.unsupported_format: ${saved.info.kind}`);
  return new IsolationForestModel(saved.info, saved.state as State);
}
