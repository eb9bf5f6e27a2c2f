/**
 * Confidence calibration for the intent classifier: temperature scaling (one parameter, fitted on
 * held-out logits, so "0.8 confident" means right about 80 % of the time) and the confidence
 * threshold below which we answer "unknown" rather than guess.
 */
import { softmax } from './softmax-regression.js';

/** Finds the temperature that minimises held-out negative log-likelihood (golden-section search on log T). */
export function fitTemperature(heldLogits: Float64Array[], labels: ArrayLike<number>): number {
  const nll = (logT: number): number => {
    const t = Math.exp(logT);
    let s = 0;
    heldLogits.forEach((z, i) => { s -= Math.log(Math.max(softmax(z, t)[labels[i]], 1e-12)); });
    return s / Math.max(1, heldLogits.length);
  };
  let a = Math.log(0.05);
  let b = Math.log(20);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = nll(c);
  let fd = nll(d);
  for (let i = 0; i < 40; i++) {
    if (fc < fd) { b = d; d = c; fd = fc; c = b - g * (b - a); fc = nll(c); }
    else { a = c; c = d; fc = fd; d = a + g * (b - a); fd = nll(d); }
  }
  return Math.exp((a + b) / 2);
}

export interface HeldOutOutcome {
  /** Calibrated top-class probability. */
  confidence: number;
  /** The top class was the right one (for in-scope rows). */
  correct: boolean;
  /** The row is truly out of scope. */
  outOfScope: boolean;
  /** The top class is the out-of-scope class itself. */
  predictedOutOfScope: boolean;
}

/**
 * Picks the confidence threshold for "unknown". By default it refuses at most `maxFalseReject` of the
 * held-out answers the model got right, so we only refuse when guessing is likely wrong; this needs no
 * out-of-scope examples, and held-out out-of-scope sets are usually too small to tune on. Given an
 * `oosWeight` (and out-of-scope rows) it instead maximises in-scope accuracy + oosWeight × out-of-scope recall.
 */
export function chooseThreshold(rows: HeldOutOutcome[], options: { oosWeight?: number; maxFalseReject?: number } = {}): number {
  const inScope = rows.filter((r) => !r.outOfScope);
  const oos = rows.filter((r) => r.outOfScope);
  if (oos.length > 0 && options.oosWeight !== undefined) {
    // Sweep the candidate thresholds (0 and every observed confidence) in increasing order, keeping running
    // counts: a row with confidence c is refused by every threshold above c.
    const w = options.oosWeight;
    const nIn = Math.max(1, inScope.length);
    const sorted = [...rows].sort((x, y) => x.confidence - y.confidence);
    let inOk = inScope.filter((r) => r.correct && !r.predictedOutOfScope).length;
    let oosOk = oos.filter((r) => r.predictedOutOfScope).length;
    let best = 0;
    let bestScore = inOk / nIn + (w * oosOk) / oos.length;
    for (let i = 0; i < sorted.length;) {
      const th = sorted[i].confidence;
      // Threshold th refuses every row below th: account for the rows strictly below it first.
      const score = inOk / nIn + (w * oosOk) / oos.length;
      if (score > bestScore + 1e-12) { bestScore = score; best = th; }
      for (; i < sorted.length && sorted[i].confidence === th; i++) {
        const r = sorted[i];
        if (r.outOfScope) { if (!r.predictedOutOfScope) oosOk++; }
        else if (r.correct && !r.predictedOutOfScope) inOk--;
      }
    }
    return best;
  }
  const correct = inScope.filter((r) => r.correct).map((r) => r.confidence).sort((x, y) => x - y);
  if (correct.length === 0) return 0;
  const k = Math.floor(correct.length * (options.maxFalseReject ?? 0.01));
  return k === 0 ? 0 : (correct[k - 1] + correct[k]) / 2;
}

/** What a threshold does to held-out rows: in-scope accuracy (refusals wrong), out-of-scope recall, in-scope refusals. */
export function thresholdOutcome(rows: HeldOutOutcome[], threshold: number): { inScopeAccuracy: number; oosRecall: number; refused: number } {
  const inScope = rows.filter((r) => !r.outOfScope);
  const oos = rows.filter((r) => r.outOfScope);
  const refuses = (r: HeldOutOutcome): boolean => r.predictedOutOfScope || r.confidence < threshold;
  return {
    inScopeAccuracy: inScope.filter((r) => r.correct && !refuses(r)).length / Math.max(1, inScope.length),
    oosRecall: oos.length ? oos.filter(refuses).length / oos.length : NaN,
    refused: inScope.filter(refuses).length / Math.max(1, inScope.length),
  };
}
