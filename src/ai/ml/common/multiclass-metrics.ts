/**
 * Metrics for single-label classification over string labels: accuracy, per-class precision /
 * recall / F1 and their unweighted (macro) mean, which does not let big classes hide small ones.
 */

export interface ClassScores { precision: number; recall: number; f1: number; support: number }

export interface MulticlassReport {
  accuracy: number;
  macroF1: number;
  perClass: Record<string, ClassScores>;
  examples: number;
}

/**
 * Scores predictions against truths. Macro-F1 averages over `labels` when given (e.g. the dataset's
 * own classes, so a model's extra outputs count as errors but not as extra zero-F1 classes), else
 * over every label that occurs in either list.
 */
export function multiclassReport(truth: string[], predicted: string[], labels?: string[]): MulticlassReport {
  if (truth.length !== predicted.length) throw new Error('truth and predictions differ in length');
  labels ??= [...new Set([...truth, ...predicted])].sort();
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string): void => { m.set(k, (m.get(k) ?? 0) + 1); };
  let correct = 0;
  truth.forEach((t, i) => {
    const p = predicted[i];
    if (t === p) { correct++; inc(tp, t); } else { inc(fp, p); inc(fn, t); }
  });
  const perClass: Record<string, ClassScores> = {};
  let f1Sum = 0;
  for (const l of labels) {
    const a = tp.get(l) ?? 0;
    const precision = a + (fp.get(l) ?? 0) === 0 ? 0 : a / (a + (fp.get(l) ?? 0));
    const recall = a + (fn.get(l) ?? 0) === 0 ? 0 : a / (a + (fn.get(l) ?? 0));
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perClass[l] = { precision, recall, f1, support: a + (fn.get(l) ?? 0) };
    f1Sum += f1;
  }
  return { accuracy: truth.length ? correct / truth.length : 0, macroF1: labels.length ? f1Sum / labels.length : 0, perClass, examples: truth.length };
}
