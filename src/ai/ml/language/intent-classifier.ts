/**
 * Intent classification: word + character n-gram TF-IDF, multinomial logistic regression,
 * temperature-calibrated confidence and an explicit "unknown" outcome. Implements the ML
 * library's TrainedModel contract so the registry can store and reload it.
 */
import type { ModelInfo, SerialisedModel, TrainedModel } from '../model.js';
import { chooseThreshold, fitTemperature, thresholdOutcome, type HeldOutOutcome } from './calibration.js';
import { NgramVocabulary, type NgramOptions, type NgramVocabularyState } from './ngram-features.js';
import { stratifiedFolds, stratifiedHoldout } from './seeded.js';
import { normaliseText, wordTokens } from './text.js';
import { fitSoftmax, logits, softmax, type SoftmaxOptions, type SoftmaxState } from './softmax-regression.js';

export const INTENT_KIND = 'intent/ngram-logreg';
const FORMAT_VERSION = 1;

export interface IntentExample { text: string; intent: string }

export interface IntentTrainOptions extends NgramOptions, SoftmaxOptions {
  /** Label in the data that means "out of scope" (trained as a class and reported as unknown). */
  unknownLabel?: string;
  /**
   * Where the temperature and the "unknown" threshold are fitted. `holdout` (default): one stratified
   * `calibrationFraction` slice, model fitted on the rest. `cv`: stratified `folds`-fold cross-validation of
   * the training data, so every row gets an out-of-fold score (k + 1 fits instead of 2).
   */
  thresholdBy?: 'holdout' | 'cv';
  /** Folds for `thresholdBy: 'cv'` (default 5). */
  folds?: number;
  /** Share held out to fit temperature and threshold before the final fit on all data (0 = skip; `holdout` only). */
  calibrationFraction?: number;
  /** Fixed confidence threshold for "unknown"; overrides the one chosen on held-out data. */
  unknownThreshold?: number;
  /** Weight of out-of-scope recall against in-scope accuracy for the `weighted` rule (default 1: balanced). */
  oosWeight?: number;
  /**
   * How the threshold is picked from the held-out scores (all rules fall back to `budget` without
   * out-of-scope rows):
   * - `accuracy`: maximise accuracy over all held-out rows, a refused out-of-scope row counting as right —
   *   i.e. in-scope accuracy + (out-of-scope rows / in-scope rows) × out-of-scope recall;
   * - `weighted`: maximise in-scope accuracy + `oosWeight` × out-of-scope recall;
   * - `budget`: refuse at most `maxFalseReject` of the correct held-out answers (needs no out-of-scope rows).
   * Default: `accuracy` for `cv`; for `holdout`, `weighted` when `oosWeight` is given, else `budget`.
   */
  thresholdRule?: 'accuracy' | 'weighted' | 'budget';
  /** Without out-of-scope examples (or weight): share of correct held-out answers we accept to refuse (default 0.01). */
  maxFalseReject?: number;
}

export interface IntentPrediction {
  /** The intent, or `unknown` when the model should not guess. */
  intent: string;
  /** Calibrated probability of the top intent (even when the outcome is unknown). */
  confidence: number;
  /** The model's best guess before the unknown rule was applied. */
  bestGuess: string;
  /** The top intents with their calibrated probabilities. */
  alternatives: { intent: string; confidence: number }[];
}

export interface IntentExplanation {
  intent: string;
  confidence: number;
  runnerUp: string | null;
  /** The n-grams that most favoured the predicted intent over the runner-up, strongest first. */
  evidence: { ngram: string; weight: number }[];
  /** Why the answer is unknown, when it is. */
  reason?: string;
}

export const UNKNOWN_INTENT = 'unknown';

interface IntentState {
  labels: string[];
  unknownLabel: string | null;
  temperature: number;
  threshold: number;
  vocabulary: NgramVocabularyState;
  features: number;
  /** Weights rounded to 5 significant digits: a ~40 % smaller snapshot with no measurable accuracy change. */
  weights: number[];
  bias: number[];
}

/** A trained intent classifier. */
export class IntentClassifier implements TrainedModel<string, IntentPrediction, IntentExplanation> {
  private constructor(
    readonly info: ModelInfo,
    private readonly labels: string[],
    private readonly unknownLabel: string | null,
    private readonly vocab: NgramVocabulary,
    private readonly model: SoftmaxState,
    readonly temperature: number,
    readonly threshold: number,
  ) {}

  /** Intents the model knows (without the out-of-scope label). */
  get intents(): string[] { return this.labels.filter((l) => l !== this.unknownLabel); }

  /** Calibrated probabilities for every label, in `labels` order. */
  probabilities(text: string): { label: string; p: number }[] {
    const p = softmax(logits(this.model, this.vocab.transform(text)), this.temperature);
    return this.labels.map((label, i) => ({ label, p: p[i] }));
  }

  /** Share of the message's words the model saw in training: low on other languages and gibberish. */
  coverage(text: string): number {
    const words = [...this.vocab.transform(text).index].map((i) => this.vocab.term(i)).filter((t) => t.startsWith('w:') && !t.includes(' '));
    const total = wordTokens(normaliseText(text)).length;
    return total === 0 ? 0 : words.length / total;
  }

  /** Predicts the intent of one message, or `unknown` when out of scope or not confident enough. */
  predict(text: string): IntentPrediction {
    const ranked = this.probabilities(text).sort((a, b) => b.p - a.p);
    const top = ranked[0];
    const outOfScope = top.label === this.unknownLabel || top.p < this.threshold;
    return {
      intent: outOfScope ? UNKNOWN_INTENT : top.label,
      confidence: top.p,
      bestGuess: top.label === this.unknownLabel ? UNKNOWN_INTENT : top.label,
      alternatives: ranked.slice(0, 3).map((r) => ({ intent: r.label === this.unknownLabel ? UNKNOWN_INTENT : r.label, confidence: r.p })),
    };
  }

  /** Names the n-grams that pushed the message toward its intent rather than the runner-up. */
  explain(text: string, topN = 8): IntentExplanation {
    const x = this.vocab.transform(text);
    const ranked = this.probabilities(text).map((r, i) => ({ ...r, i })).sort((a, b) => b.p - a.p);
    const [top, second] = ranked;
    const k = this.model.classes;
    const evidence: { ngram: string; weight: number }[] = [];
    for (let j = 0; j < x.index.length; j++) {
      const f = x.index[j];
      const diff = this.model.weights[f * k + top.i] - (second ? this.model.weights[f * k + second.i] : 0);
      evidence.push({ ngram: this.vocab.term(f).slice(2), weight: x.value[j] * diff });
    }
    evidence.sort((a, b) => b.weight - a.weight);
    const pred = this.predict(text);
    return {
      intent: pred.intent,
      confidence: top.p,
      runnerUp: second ? second.label : null,
      evidence: evidence.filter((e) => e.weight > 0).slice(0, topN),
      reason: pred.intent !== UNKNOWN_INTENT ? undefined
        : top.label === this.unknownLabel ? 'closest to the out-of-scope examples'
          : `confidence ${top.p.toFixed(2)} below threshold ${this.threshold.toFixed(2)}`,
    };
  }

  /** A JSON-safe snapshot for the model registry. */
  toJSON(): SerialisedModel {
    const round = (v: number): number => Number(v.toPrecision(5));
    const state: IntentState = {
      labels: this.labels, unknownLabel: this.unknownLabel, temperature: this.temperature, threshold: this.threshold,
      vocabulary: this.vocab.state, features: this.model.features,
      weights: Array.from(this.model.weights, round), bias: Array.from(this.model.bias, round),
    };
    return { info: this.info, state };
  }

  /** Restores a classifier from `toJSON` output. */
  static fromJSON(snapshot: SerialisedModel): IntentClassifier {
    if (snapshot.info.kind !== INTENT_KIND) throw new Error(`not an intent model: ${snapshot.info.kind}`);
    if (snapshot.info.formatVersion !== FORMAT_VERSION) throw new Error(`unsupported intent model format ${snapshot.info.formatVersion}`);
    const s = snapshot.state as IntentState;
    return new IntentClassifier(snapshot.info, s.labels, s.unknownLabel, NgramVocabulary.fromState(s.vocabulary),
      { features: s.features, classes: s.labels.length, weights: Float64Array.from(s.weights), bias: Float64Array.from(s.bias) },
      s.temperature, s.threshold);
  }

  /** Trains on labelled messages; holds out a slice first to calibrate confidence and the unknown threshold. */
  static train(data: IntentExample[], options: IntentTrainOptions = {}): IntentClassifier {
    if (data.length === 0) throw new Error('intent training needs examples');
    const started = Date.now();
    const unknownLabel = options.unknownLabel !== undefined && data.some((d) => d.intent === options.unknownLabel) ? options.unknownLabel : null;
    const labels = [...new Set(data.map((d) => d.intent))].sort();
    if (labels.length < 2) throw new Error('intent training needs at least two intents');
    let temperature = 1;
    let threshold = 0;
    const metrics: Record<string, number> = {};
    const unk = unknownLabel === null ? -1 : labels.indexOf(unknownLabel);
    // Held-out logits with their rows: one slice (holdout) or every row out of fold (cv).
    let held: { logits: Float64Array[]; y: number[] } | null = null;
    if (options.thresholdBy === 'cv') {
      const k = options.folds ?? 5;
      if (!Number.isInteger(k) || k < 2) throw new Error(`folds must be an integer ≥ 2, got ${k}`);
      const fold = stratifiedFolds(data.map((d) => d.intent), k, options.seed ?? 1);
      const z: Float64Array[] = new Array(data.length);
      for (let f = 0; f < k; f++) {
        const fit = fitOnce(data.filter((_, i) => fold[i] !== f), labels, options);
        data.forEach((d, i) => { if (fold[i] === f) z[i] = logits(fit.model, fit.vocab.transform(d.text)); });
      }
      held = { logits: z, y: data.map((d) => labels.indexOf(d.intent)) };
      metrics.cvFolds = k;
    } else {
      const frac = options.calibrationFraction ?? 0.15;
      if (frac > 0) {
        const split = stratifiedHoldout(data.map((d) => d.intent), frac, options.seed ?? 1);
        if (split.held.length > 0) {
          const fit = fitOnce(split.train.map((i) => data[i]), labels, options);
          held = { logits: split.held.map((i) => logits(fit.model, fit.vocab.transform(data[i].text))), y: split.held.map((i) => labels.indexOf(data[i].intent)) };
        }
      }
    }
    if (held) {
      const { logits: heldLogits, y } = held;
      temperature = fitTemperature(heldLogits, y);
      const outcomes: HeldOutOutcome[] = heldLogits.map((z, n) => {
        const p = softmax(z, temperature);
        let best = 0;
        for (let c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
        return { confidence: p[best], correct: best === y[n], outOfScope: y[n] === unk, predictedOutOfScope: best === unk };
      });
      const rule = options.thresholdRule ?? (options.thresholdBy === 'cv' ? 'accuracy' : options.oosWeight !== undefined ? 'weighted' : 'budget');
      const nOos = outcomes.filter((o) => o.outOfScope).length;
      const oosWeight = rule === 'weighted' ? options.oosWeight ?? 1 : rule === 'accuracy' ? nOos / Math.max(1, outcomes.length - nOos) : undefined;
      threshold = chooseThreshold(outcomes, { oosWeight, maxFalseReject: options.maxFalseReject });
      metrics.heldOutAccuracy = outcomes.filter((o) => o.correct).length / outcomes.length;
      metrics.heldOutExamples = outcomes.length;
      // What the chosen threshold does on the rows it was chosen on (an optimistic estimate for new data).
      const at = thresholdOutcome(outcomes, threshold);
      metrics.heldOutInScopeAccuracy = at.inScopeAccuracy;
      metrics.heldOutRefused = at.refused;
      if (!Number.isNaN(at.oosRecall)) metrics.heldOutOosRecall = at.oosRecall;
      metrics.heldOutAccuracyWithUnknown = outcomes.filter((o) => (o.outOfScope ? o.predictedOutOfScope || o.confidence < threshold : o.correct && o.confidence >= threshold)).length / outcomes.length;
    }
    if (options.unknownThreshold !== undefined) threshold = options.unknownThreshold;
    const { vocab, model } = fitOnce(data, labels, options);
    metrics.temperature = temperature;
    metrics.threshold = threshold;
    metrics.features = vocab.size;
    metrics.trainSeconds = (Date.now() - started) / 1000;
    const info: ModelInfo = { kind: INTENT_KIND, formatVersion: FORMAT_VERSION, trainedAt: new Date().toISOString(), trainingExamples: data.length, metrics };
    return new IntentClassifier(info, labels, unknownLabel, vocab, model, temperature, threshold);
  }
}

function fitOnce(data: IntentExample[], labels: string[], options: IntentTrainOptions): { vocab: NgramVocabulary; model: SoftmaxState } {
  const vocab = NgramVocabulary.fit(data.map((d) => d.text), options);
  const x = data.map((d) => vocab.transform(d.text));
  const y = Int32Array.from(data.map((d) => labels.indexOf(d.intent)));
  return { vocab, model: fitSoftmax(x, y, vocab.size, labels.length, options) };
}
