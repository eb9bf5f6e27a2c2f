/** The support family of the ML library: customer satisfaction prediction. */
export { csatFeatures, predictCsat, ruleModel, trainCsat, CSAT_FEATURES, MIN_SURVEYS, type CsatConversation, type CsatModel, type CsatPrediction } from './csat.js';
