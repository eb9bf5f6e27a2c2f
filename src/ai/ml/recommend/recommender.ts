/**
 * The recommender the agents use: one trained bundle of popularity, item-item neighbours
 * ("similar items" from shared customers, "frequently bought together" from shared baskets),
 * implicit ALS factors and each customer's order history, ranked by one method (by default the
 * `hybrid` blend of all of them, see hybrid.ts), with cold-start fallbacks (unknown customer →
 * cart/context items → bestsellers) and a reason on every recommendation.
 */
import type { ModelInfo, SerialisedModel, TrainedModel } from '../model.js';
import { topK } from '../common/top-k.js';
import { fitAls, itemCosine, scoreUser, type AlsFactors, type AlsOptions } from './implicit-als.js';
import { blendScores, defaultBlend, dominantSignal, scaleToUnit, type Blend, type BlendSignal, type SignalScores } from './hybrid.js';
import { buildInteractionMatrix, type MatrixOptions } from './interaction-matrix.js';
import { fitItemKnn, scoreFromSeeds, strongestSeed, type ItemKnnOptions, type ItemNeighbours } from './item-knn.js';
import type { Interaction, Recommendation, RecommendQuery } from './types.js';

export type RecommenderMethod = 'hybrid' | 'als' | 'item-knn' | 'popularity';

export interface RecommenderOptions extends MatrixOptions {
  /** Which model ranks known customers; the others remain as fallbacks. Default `hybrid`. */
  method?: RecommenderMethod;
  /** Blend weights of the hybrid (defaults: `defaultBlend`, validated on UCI Online Retail). */
  blend?: Blend;
  als?: AlsOptions;
  knn?: ItemKnnOptions;
  /** Clock for `trainedAt` (injected so training stays pure). */
  now?: () => Date;
}

interface RecommenderState {
  method: RecommenderMethod;
  users: string[];
  items: string[];
  popularity: number[];
  userPtr: number[];
  userItems: number[];
  userWeights: number[];
  userOrders: number[];
  userRepeat: number[];
  userSpanDays: number[];
  blend?: Blend;
  similar: ItemNeighbours;
  together: ItemNeighbours;
  als?: { k: number; userFactors: number[]; itemFactors: number[] };
}

const FORMAT_VERSION = 2;

/** Trains the recommender from implicit feedback (orders, carts, views). */
export function trainRecommender(data: Interaction[], options: RecommenderOptions = {}): Recommender {
  const method = options.method ?? 'hybrid';
  const m = buildInteractionMatrix(data, options);
  const userGroups = Array.from({ length: m.users.length }, (_, u) => m.userItems.subarray(m.userPtr[u], m.userPtr[u + 1]));
  const similar = fitItemKnn(userGroups, m.items.length, options.knn);
  const together = fitItemKnn(m.baskets, m.items.length, { minSupport: 2, ...options.knn });
  const als = method === 'als' || method === 'hybrid' ? fitAls(m.userPtr, m.userItems, m.userWeights, m.items.length, options.als) : undefined;
  const info: ModelInfo = {
    kind: `recommend/${method}`, formatVersion: FORMAT_VERSION,
    trainedAt: (options.now?.() ?? new Date(0)).toISOString(), trainingExamples: data.length,
    metrics: { users: m.users.length, items: m.items.length },
  };
  return new Recommender(info, {
    method, users: m.users, items: m.items, popularity: Array.from(m.itemPopularity),
    userPtr: Array.from(m.userPtr), userItems: Array.from(m.userItems), userWeights: Array.from(m.userWeights),
    userOrders: Array.from(m.userOrders), userRepeat: Array.from(m.userRepeat), userSpanDays: Array.from(m.userSpanDays),
    blend: method === 'hybrid' ? options.blend ?? defaultBlend : undefined,
    similar, together,
    als: als && { k: als.k, userFactors: Array.from(als.userFactors), itemFactors: Array.from(als.itemFactors) },
  });
}

export class Recommender implements TrainedModel<RecommendQuery, Recommendation[], string[]> {
  private readonly userIndex: Map<string, number>;
  private readonly itemIndex: Map<string, number>;
  private readonly als?: AlsFactors;
  private readonly userPtr: Int32Array;
  private readonly userItems: Int32Array;
  private readonly userWeights: Float32Array;
  private readonly popularityOrder: number[];
  private readonly scratch: Float64Array;
  private readonly signalScratch: SignalScores;

  constructor(readonly info: ModelInfo, private readonly state: RecommenderState) {
    this.userIndex = new Map(state.users.map((u, i) => [u, i]));
    this.itemIndex = new Map(state.items.map((it, i) => [it, i]));
    this.userPtr = Int32Array.from(state.userPtr);
    this.userItems = Int32Array.from(state.userItems);
    this.userWeights = Float32Array.from(state.userWeights);
    if (state.als) this.als = { k: state.als.k, userFactors: Float32Array.from(state.als.userFactors), itemFactors: Float32Array.from(state.als.itemFactors) };
    this.popularityOrder = topK(state.popularity, state.items.length);
    this.scratch = new Float64Array(state.items.length);
    const n = state.items.length;
    this.signalScratch = { repeat: new Float64Array(n), als: new Float64Array(n), knn: new Float64Array(n), together: new Float64Array(n), popularity: scaleToUnit(Float64Array.from(state.popularity)) };
  }

  /** The same model with other hybrid blend weights (no retraining; used after tuning on a validation split). */
  withBlend(blend: Blend): Recommender {
    return new Recommender(this.info, { ...this.state, blend });
  }

  /**
   * A known customer's hybrid signals over the catalogue (item index order as `itemIds`), each
   * scaled to [0, 1]; undefined for an unknown customer. For tuning blend weights offline.
   */
  signalsFor(user: string): SignalScores | undefined {
    const u = this.userIndex.get(user);
    if (u === undefined) return undefined;
    const s = this.computeSignals(u);
    return { repeat: s.repeat.slice(), als: s.als.slice(), knn: s.knn.slice(), together: s.together.slice(), popularity: s.popularity.slice() };
  }

  /** Item id per index, the order of `signalsFor` arrays. */
  get itemIds(): readonly string[] {
    return this.state.items;
  }

  private computeSignals(u: number): SignalScores {
    const s = this.signalScratch;
    const start = this.userPtr[u];
    const end = this.userPtr[u + 1];
    const owned = this.userItems.subarray(start, end);
    const ownedW = this.userWeights.subarray(start, end);
    s.repeat.fill(0);
    for (let p = start; p < end; p++) s.repeat[this.userItems[p]] = this.state.userRepeat[p];
    scaleToUnit(s.repeat);
    if (this.als) scaleToUnit(scoreUser(this.als, u, s.als)); else s.als.fill(0);
    scaleToUnit(scoreFromSeeds(this.state.similar, owned, logWeights(ownedW), s.knn));
    // Recency-weighted seeds: the latest orders' basket-mates count most.
    scaleToUnit(scoreFromSeeds(this.state.together, owned, ownedW, s.together));
    return s;
  }

  /** Restores a recommender from its `toJSON` snapshot. */
  static fromJSON(s: SerialisedModel): Recommender {
    if (s.info.formatVersion !== FORMAT_VERSION) throw new Error(`recommend: unsupported format ${s.info.formatVersion}`);
    return new Recommender(s.info, s.state as RecommenderState);
  }

  toJSON(): SerialisedModel {
    return { info: this.info, state: this.state };
  }

  /** Top-k items for a customer and/or context, each with its source and reason. */
  predict(q: RecommendQuery): Recommendation[] {
    const k = q.k ?? 10;
    const u = q.user === undefined ? undefined : this.userIndex.get(q.user);
    const owned = u === undefined ? new Int32Array(0) : this.userItems.subarray(this.userPtr[u], this.userPtr[u + 1]);
    const ownedW = u === undefined ? new Float32Array(0) : this.userWeights.subarray(this.userPtr[u], this.userPtr[u + 1]);
    const context = (q.context ?? []).map((id) => this.itemIndex.get(id)).filter((i): i is number => i !== undefined);
    const blocked = new Set<number>();
    for (const id of q.exclude ?? []) { const i = this.itemIndex.get(id); if (i !== undefined) blocked.add(i); }
    for (const i of context) blocked.add(i);
    const excludeSeen = q.excludeSeen ?? true;
    if (excludeSeen) for (const i of owned) blocked.add(i);
    const skip = (i: number): boolean => blocked.has(i);

    const out: Recommendation[] = [];
    const taken = new Set<number>();
    const push = (picked: number[], source: Recommendation['source'], seeds: ArrayLike<number>, scores?: Float64Array): void => {
      for (const i of picked) {
        if (out.length >= k || taken.has(i)) continue;
        taken.add(i);
        out.push(this.describe(i, scores ? scores[i] : this.state.popularity[i], source, seeds, owned, ownedW, u));
      }
    };
    const scores = this.scratch;
    if (u !== undefined && owned.length > 0 && this.state.method === 'hybrid') {
      const blend = this.state.blend ?? defaultBlend;
      const w = excludeSeen ? blend.discovery : blend.reorder;
      const signals = this.computeSignals(u);
      blendScores(signals, w, scores);
      if (context.length) addContext(scores, this.state, context);
      const seeds = strongestOwned(owned, ownedW, 300);
      for (const i of topK(scores, k, (j) => skip(j) || scores[j] <= 0)) {
        taken.add(i);
        out.push(this.describe(i, scores[i], sourceOf[dominantSignal(signals, w, i)], seeds, owned, ownedW, u));
      }
    } else if (u !== undefined && owned.length > 0 && this.state.method !== 'popularity') {
      if (this.state.method === 'als' && this.als) scoreUser(this.als, u, scores);
      else scoreFromSeeds(this.state.similar, owned, logWeights(ownedW), scores);
      if (context.length) addContext(scores, this.state, context);
      push(topK(scores, k, (i) => skip(i) || scores[i] <= 0), this.state.method === 'als' ? 'als' : 'item-knn', owned, scores);
    } else if (context.length > 0) {
      scoreFromSeeds(this.state.together, context, undefined, scores);
      addContext(scores, this.state, context);
      push(topK(scores, k, (i) => skip(i) || scores[i] <= 0), 'item-knn', context, scores);
    }
    // Cold start, or too few personal candidates: fill the rest with bestsellers.
    if (out.length < k) push(this.popularityOrder.filter((i) => !skip(i)).slice(0, k), 'popularity', []);
    return out;
  }

  /** The reasons behind `predict`, one sentence per recommended item. */
  explain(q: RecommendQuery): string[] {
    return this.predict(q).map((r) => `${r.item}: ${r.reason}`);
  }

  /** Items most often bought by the same customers as `item` ("customers also bought"). */
  similarItems(item: string, k = 10): Recommendation[] {
    return this.neighbourList(this.state.similar, item, k, 'Bought by many of the same customers as');
  }

  /** Items most often in the same basket as `item` ("frequently bought together"). */
  frequentlyBoughtTogether(item: string, k = 10): Recommendation[] {
    return this.neighbourList(this.state.together, item, k, 'Often in the same order as');
  }

  private neighbourList(nb: ItemNeighbours, item: string, k: number, phrase: string): Recommendation[] {
    const i = this.itemIndex.get(item);
    if (i === undefined) return [];
    return nb.ids[i].slice(0, k).map((j, t) => ({
      item: this.state.items[j], score: nb.sims[i][t], source: 'item-knn' as const, because: [item],
      reason: `${phrase} ${item} (${nb.support[i][t]} times together)`,
    }));
  }

  private describe(i: number, score: number, source: Recommendation['source'], seeds: ArrayLike<number>, owned: Int32Array, ownedW: Float32Array, u: number | undefined): Recommendation {
    const item = this.state.items[i];
    const at = owned.indexOf(i);
    if (at >= 0 && u !== undefined) {
      const p = this.userPtr[u] + at;
      return { item, score, source: 'bought-before', because: [item], reason: reorderReason(this.state.userOrders[p], this.state.userSpanDays[p], ownedW[at]) };
    }
    if (source === 'popularity') return { item, score, source, because: [], reason: 'A bestseller in the shop right now' };
    let seed: number | undefined;
    if (source === 'als' && this.als) {
      let best = -Infinity;
      // Cap the scan so explaining a wholesaler with thousands of items stays cheap.
      for (let s = 0; s < Math.min(seeds.length, 300); s++) {
        const c = itemCosine(this.als, seeds[s], i);
        if (c > best) { best = c; seed = seeds[s]; }
      }
    } else {
      seed = strongestSeed(this.state.together, seeds, i) ?? strongestSeed(this.state.similar, seeds, i);
    }
    const because = seed === undefined ? [] : [this.state.items[seed]];
    const reason = source === 'als'
      ? `Customers with a history like yours buy this${because.length ? `; closest to ${because[0]}, which you bought` : ''}`
      : `Often bought with ${because[0] ?? 'items in your basket'}`;
    return { item, score, source, because, reason };
  }
}

const sourceOf: Record<BlendSignal, Recommendation['source']> = { repeat: 'bought-before', als: 'als', knn: 'item-knn', together: 'item-knn', popularity: 'popularity' };

/** "You buy this every ~3 weeks (5 orders)" from the number of orders and the days they span. */
export function reorderReason(orders: number, spanDays: number, weight: number): string {
  if (orders >= 2 && spanDays >= 1) {
    const every = spanDays / (orders - 1);
    const said = every < 10 ? `${Math.max(1, Math.round(every))} days` : every < 60 ? `${Math.round(every / 7)} weeks` : `${Math.round(every / 30)} months`;
    return `You buy this every ~${said} (${orders} orders so far)`;
  }
  if (orders >= 2) return `You bought this in ${orders} orders; time to reorder?`;
  if (orders === 1) return 'You ordered this once before; time to reorder?';
  return `You looked at this before (weight ${weight.toFixed(1)})`;
}

/** The `cap` owned items with the largest (recency-weighted) weights: explaining a wholesaler stays cheap. */
function strongestOwned(owned: Int32Array, ownedW: Float32Array, cap: number): Int32Array {
  if (owned.length <= cap) return owned;
  const order = Array.from(owned.keys()).sort((a, b) => ownedW[b] - ownedW[a]).slice(0, cap);
  return Int32Array.from(order, (t) => owned[t]);
}

function logWeights(w: Float32Array): Float64Array {
  return Float64Array.from(w, (x) => Math.log1p(x));
}

/** Adds basket-level co-purchase scores for the items in the cart on top of the personal scores. */
function addContext(scores: Float64Array, state: RecommenderState, context: number[]): void {
  let max = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i] > max) max = scores[i];
  const scale = max > 0 ? max : 1;
  for (const c of context) {
    const ids = state.together.ids[c];
    for (let t = 0; t < ids.length; t++) scores[ids[t]] += scale * state.together.sims[c][t];
  }
}
