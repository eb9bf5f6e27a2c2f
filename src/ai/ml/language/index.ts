/** The language family of the ML library: understanding customer messages. */
export { understandMessage, type MessageUnderstanding, type UnderstandOptions } from './understand-message.js';
export { IntentClassifier, UNKNOWN_INTENT, INTENT_KIND, type IntentExample, type IntentPrediction, type IntentExplanation, type IntentTrainOptions } from './intent-classifier.js';
export { SentimentClassifier, SENTIMENT_KIND, type SentimentExample, type SentimentLabel, type SentimentPrediction, type SentimentTrainOptions } from './sentiment-classifier.js';
export { evaluateIntents, type IntentEvaluation } from './evaluate-intents.js';
export { detectLanguage, DEFAULT_LANGUAGES, type DetectedLanguage, type DetectOptions } from './language-detect.js';
export { extractEntities, CatalogueMatcher, type Entity, type EntityType, type CatalogueItem, type EntityOptions } from './entities/index.js';
export { assessUrgency, type Urgency, type UrgencyLevel } from './urgency.js';
export { lexiconSentiment } from './lexicon-sentiment.js';
export { shippedIntentModel, shippedSentimentModel, setShippedModels, trainShippedIntentModel, trainShippedSentimentModel } from './shipped-models.js';
export { SUPPORT_INTENTS, SUPPORT_UTTERANCES, type SupportIntent } from './data/support-intents.js';
