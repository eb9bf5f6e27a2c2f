/** Fraud scoring at order placement: interpretable rules combined with a learned logistic model. */
export type { OrderSignals, FraudVerdict, RuleHit } from './types.js';
export { rules, evaluateRules, defaultThresholds, type RuleThresholds } from './rules.js';
export { trainFraud, fraudFeatures, FraudModel, type FraudOptions } from './fraud-model.js';
