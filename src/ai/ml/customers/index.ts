/** Customer analytics: RFM scores, named k-means segments, BG/NBD + Gamma-Gamma lifetime value, churn. */
export type { Purchase, CustomerSummary } from './types.js';
export { summariseCustomers, churnLabels } from './customer-summary.js';
export { rfmScores, quintiles, type RfmScore } from './rfm.js';
export { trainSegments, SegmentModel, nameSegment, type SegmentProfile, type SegmentAssignment } from './segments.js';
export { trainLifetimeValue, LifetimeValueModel, type LifetimeValue } from './lifetime-value.js';
export { fitBgNbd, expectedPurchases, probabilityAlive, type BgNbdParams } from './bg-nbd.js';
export { fitGammaGamma, expectedSpend, type GammaGammaParams } from './gamma-gamma.js';
export { trainChurn, churnFeatures, ChurnModel } from './churn.js';
