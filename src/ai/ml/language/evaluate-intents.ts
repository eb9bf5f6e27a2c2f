/**
 * Evaluation of an intent classifier on labelled messages, with the out-of-scope view that
 * CLINC150 popularised: in-scope accuracy and out-of-scope recall reported separately.
 */
import { multiclassReport, type MulticlassReport } from '../common/multiclass-metrics.js';
import { UNKNOWN_INTENT, type IntentExample, type IntentPrediction } from './intent-classifier.js';

export interface IntentEvaluation extends MulticlassReport {
  /** Share of in-scope messages given their right intent (refusing counts as wrong). */
  inScopeAccuracy: number;
  /** Share of out-of-scope messages answered "unknown" (NaN when there are none). */
  outOfScopeRecall: number;
  /** Share of in-scope messages the model refused to classify. */
  inScopeRefusals: number;
}

/**
 * Scores any predictor on examples; `unknownLabel` names the data's out-of-scope label, and `mapIntent`
 * lets a model with different intent names be scored on a dataset's labels.
 */
export function evaluateIntents(
  predict: (text: string) => IntentPrediction,
  examples: IntentExample[],
  options: { unknownLabel?: string; mapIntent?: (intent: string) => string } = {},
): IntentEvaluation {
  const truth: string[] = [];
  const predicted: string[] = [];
  let inScope = 0, inScopeOk = 0, refused = 0, oos = 0, oosOk = 0;
  for (const ex of examples) {
    const t = ex.intent === options.unknownLabel ? UNKNOWN_INTENT : ex.intent;
    const raw = predict(ex.text).intent;
    const p = raw === UNKNOWN_INTENT ? UNKNOWN_INTENT : (options.mapIntent ? options.mapIntent(raw) : raw);
    truth.push(t);
    predicted.push(p);
    if (t === UNKNOWN_INTENT) { oos++; if (p === UNKNOWN_INTENT) oosOk++; }
    else { inScope++; if (p === t) inScopeOk++; if (p === UNKNOWN_INTENT) refused++; }
  }
  return {
    // Macro-F1 over the dataset's own labels: a refusal or an extra intent is an error, not a new class.
    ...multiclassReport(truth, predicted, [...new Set(truth)].sort()),
    inScopeAccuracy: inScope ? inScopeOk / inScope : NaN,
    outOfScopeRecall: oos ? oosOk / oos : NaN,
    inScopeRefusals: inScope ? refused / inScope : NaN,
  };
}
