/** Recommendations from implicit feedback: popularity, item-item kNN, implicit ALS, with reasons. */
export { trainRecommender, Recommender, type RecommenderOptions, type RecommenderMethod } from './recommender.js';
export type { Interaction, RecommendQuery, Recommendation, RecommendationSource } from './types.js';
export { recommendationMetrics, type RankingMetrics } from './ranking-metrics.js';
