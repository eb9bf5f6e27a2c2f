/** The anomaly family's front door: seasonal robust z-score monitors and isolation forests, each with explanations. */
export { trainSeasonalRobust, seasonalRobustFromJSON, scoreSeasonalRobust, seasonalRobustConfig, describePoint, SeasonalRobustModel } from './seasonal-robust.js';
export type { MetricSeries, PointScore, SeasonalRobustConfig, SeasonalRobustOptions } from './seasonal-robust.js';
export { trainIsolationForest, isolationForestFromJSON, averagePathLength, IsolationForestModel } from './isolation-forest.js';
export type { FeatureRows, IsolationExplanation, IsolationForestOptions, IsolationScore } from './isolation-forest.js';
