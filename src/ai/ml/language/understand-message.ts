/**
 * One call that reads a customer message the way a support agent would: which language, what they
 * want (or "unknown"), the order numbers / amounts / products they mention, how they feel, and how
 * urgent it is. Works offline on the shipped models; a store can pass its own trained ones.
 */
import { extractEntities, type CatalogueItem, type CatalogueMatcher, type Entity } from './entities/index.js';
import type { IntentClassifier, IntentPrediction } from './intent-classifier.js';
import { detectLanguage, type DetectedLanguage } from './language-detect.js';
import type { SentimentClassifier, SentimentPrediction } from './sentiment-classifier.js';
import { shippedIntentModel, shippedSentimentModel } from './shipped-models.js';
import { assessUrgency, type Urgency } from './urgency.js';

export interface UnderstandOptions {
  /** The store's product names, for product entities. */
  catalogue?: CatalogueItem[] | CatalogueMatcher;
  /** "Today", to resolve relative dates; left unresolved without it (no hidden clock). */
  referenceDate?: Date;
  /** The store's usual language (ISO 639-3), used for short, ambiguous messages; default `eng`. */
  defaultLanguage?: string;
  /** The text to tell the language from, when parts of the message are no evidence of it (product names, say); default the message. */
  languageText?: string;
  intentModel?: IntentClassifier;
  sentimentModel?: SentimentClassifier;
}

export interface MessageUnderstanding {
  language: DetectedLanguage;
  intent: IntentPrediction & { evidence: string[] };
  entities: Entity[];
  sentiment: SentimentPrediction;
  urgency: Urgency;
  /** The shipped models are English-only; true when the message is in another language. */
  languageSupported: boolean;
}

/** Understands one customer message with the shipped (or given) models. */
export function understandMessage(text: string, options: UnderstandOptions = {}): MessageUnderstanding {
  const intentModel = options.intentModel ?? shippedIntentModel();
  const sentimentModel = options.sentimentModel ?? shippedSentimentModel();
  const languageText = options.languageText ?? text;
  let language = detectLanguage(languageText, { prior: options.defaultLanguage ?? 'eng' });
  // Trigram detection still wavers on short messages; when nearly every word is one our English
  // model was trained on, that is stronger evidence than a few trigrams.
  const coverage = intentModel.coverage(languageText);
  if (language.code !== 'en' && coverage >= 0.7) language = { code: 'en', iso6393: 'eng', confidence: 0 };
  const languageSupported = language.code === 'en' || language.code === 'und';
  const pred = intentModel.predict(text);
  // Our intent model only knows English n-grams; a confident-looking guess on French text is noise.
  const intent = languageSupported ? pred : { ...pred, intent: 'unknown' };
  const evidence = intent.intent === 'unknown' ? [] : intentModel.explain(text, 5).evidence.map((e) => e.ngram);
  const sentiment = sentimentModel.predict(text);
  const entities = extractEntities(text, { catalogue: options.catalogue, referenceDate: options.referenceDate });
  const urgency = assessUrgency(text, { intent: intent.intent, sentiment: sentiment.score });
  return { language, intent: { ...intent, evidence }, entities, sentiment, urgency, languageSupported };
}
