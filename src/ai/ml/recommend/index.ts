/** Recommendations from implicit feedback: popularity, item-item kNN, implicit ALS and their hybrid blend, with reasons. */
export { trainRecommender, Recommender, type RecommenderOptions, type RecommenderMethod } from './recommender.js';
export type { Interaction, RecommendQuery, Recommendation, RecommendationSource } from './types.js';
export { recommendationMetrics, type RankingMetrics } from './ranking-metrics.js';
export { defaultBlend, scoreBlend, tuneBlend, tuningCase, blendSignals, type Blend, type BlendWeights, type BlendSignal, type SignalScores, type TuningCase } from './hybrid.js';
