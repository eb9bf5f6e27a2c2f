/**
 * Sentiment: a trained n-gram logistic regression that also sees the wink-nlp lexicon score as two
 * extra features, so it learns how far to trust the lexicon on the merchant's kind of text while the
 * lexicon still covers words the training data never showed.
 */
import type { ModelInfo, SerialisedModel, TrainedModel } from '../model.js';
import { lexiconSentiment } from './lexicon-sentiment.js';
import { NgramVocabulary, type NgramOptions, type NgramVocabularyState, type SparseVector } from './ngram-features.js';
import { fitSoftmax, logits, softmax, type SoftmaxOptions, type SoftmaxState } from './softmax-regression.js';

export const SENTIMENT_KIND = 'sentiment/ngram-logreg+lexicon';
const FORMAT_VERSION = 1;

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface SentimentExample { text: string; label: SentimentLabel }

export interface SentimentTrainOptions extends NgramOptions, SoftmaxOptions {
  /** Scale of the lexicon features against the (unit-norm) n-gram blocks; 0 turns the lexicon off. */
  lexiconWeight?: number;
}

export interface SentimentPrediction {
  label: SentimentLabel;
  /** Calibrated-ish probability of the label (softmax of the trained model). */
  confidence: number;
  /** P(positive) − P(negative), in [-1, 1]. */
  score: number;
  /** The raw wink-nlp lexicon score, in [-1, 1]. */
  lexicon: number;
}

export interface SentimentExplanation { label: SentimentLabel; lexicon: number; evidence: { ngram: string; weight: number }[] }

interface SentimentState { labels: SentimentLabel[]; lexiconWeight: number; vocabulary: NgramVocabularyState; weights: number[]; bias: number[] }

function featurise(vocab: NgramVocabulary, text: string, lexiconWeight: number): { x: SparseVector; lexicon: number } {
  const base = vocab.transform(text);
  const lexicon = lexiconWeight > 0 ? lexiconSentiment(text) : 0;
  const index = new Int32Array(base.index.length + 2);
  const value = new Float64Array(base.value.length + 2);
  index.set(base.index);
  value.set(base.value);
  // Positive and negative lexicon evidence get separate weights: their reliability differs.
  index[base.index.length] = vocab.size;
  value[base.index.length] = Math.max(lexicon, 0) * lexiconWeight;
  index[base.index.length + 1] = vocab.size + 1;
  value[base.index.length + 1] = Math.max(-lexicon, 0) * lexiconWeight;
  return { x: { index, value }, lexicon };
}

/** A trained sentiment model (two or three classes, whatever the training labels hold). */
export class SentimentClassifier implements TrainedModel<string, SentimentPrediction, SentimentExplanation> {
  private constructor(
    readonly info: ModelInfo,
    private readonly labels: SentimentLabel[],
    private readonly lexiconWeight: number,
    private readonly vocab: NgramVocabulary,
    private readonly model: SoftmaxState,
  ) {}

  /** Scores one text. */
  predict(text: string): SentimentPrediction {
    const { x, lexicon } = featurise(this.vocab, text, this.lexiconWeight);
    const p = softmax(logits(this.model, x));
    let best = 0;
    for (let c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
    const prob = (l: SentimentLabel): number => { const i = this.labels.indexOf(l); return i < 0 ? 0 : p[i]; };
    return { label: this.labels[best], confidence: p[best], score: prob('positive') - prob('negative'), lexicon };
  }

  /** The n-grams (and lexicon) that pushed the text toward its label. */
  explain(text: string, topN = 6): SentimentExplanation {
    const { x, lexicon } = featurise(this.vocab, text, this.lexiconWeight);
    const label = this.predict(text).label;
    const c = this.labels.indexOf(label);
    const k = this.model.classes;
    const evidence = Array.from(x.index, (f, j) => {
      const mean = this.labels.reduce((s, _, q) => s + this.model.weights[f * k + q], 0) / k;
      const name = f >= this.vocab.size ? (f === this.vocab.size ? 'lexicon:positive' : 'lexicon:negative') : this.vocab.term(f).slice(2);
      return { ngram: name, weight: x.value[j] * (this.model.weights[f * k + c] - mean) };
    }).filter((e) => e.weight > 0).sort((a, b) => b.weight - a.weight).slice(0, topN);
    return { label, lexicon, evidence };
  }

  /** A JSON-safe snapshot for the model registry. */
  toJSON(): SerialisedModel {
    const round = (v: number): number => Number(v.toPrecision(5));
    const state: SentimentState = { labels: this.labels, lexiconWeight: this.lexiconWeight, vocabulary: this.vocab.state, weights: Array.from(this.model.weights, round), bias: Array.from(this.model.bias, round) };
    return { info: this.info, state };
  }

  /** Restores a model from `toJSON` output. */
  static fromJSON(snapshot: SerialisedModel): SentimentClassifier {
    if (snapshot.info.kind !== SENTIMENT_KIND || snapshot.info.formatVersion !== FORMAT_VERSION) throw new Error(`not a sentiment model v${FORMAT_VERSION}: ${snapshot.info.kind}`);
    const s = snapshot.state as SentimentState;
    const vocab = NgramVocabulary.fromState(s.vocabulary);
    return new SentimentClassifier(snapshot.info, s.labels, s.lexiconWeight, vocab,
      { features: vocab.size + 2, classes: s.labels.length, weights: Float64Array.from(s.weights), bias: Float64Array.from(s.bias) });
  }

  /** Trains on labelled texts. */
  static train(data: SentimentExample[], options: SentimentTrainOptions = {}): SentimentClassifier {
    const started = Date.now();
    const labels = [...new Set(data.map((d) => d.label))].sort() as SentimentLabel[];
    if (labels.length < 2) throw new Error('sentiment training needs at least two labels');
    const lexiconWeight = options.lexiconWeight ?? 1;
    const vocab = NgramVocabulary.fit(data.map((d) => d.text), { charNgrams: [2, 5], ...options });
    const x = data.map((d) => featurise(vocab, d.text, lexiconWeight).x);
    const y = Int32Array.from(data.map((d) => labels.indexOf(d.label)));
    const model = fitSoftmax(x, y, vocab.size + 2, labels.length, { l2: 1e-4, ...options });
    const info: ModelInfo = {
      kind: SENTIMENT_KIND, formatVersion: FORMAT_VERSION, trainedAt: new Date().toISOString(), trainingExamples: data.length,
      metrics: { features: vocab.size + 2, trainSeconds: (Date.now() - started) / 1000 },
    };
    return new SentimentClassifier(info, labels, lexiconWeight, vocab, model);
  }
}
