/**
 * Language family evaluation: intent classification on CLINC150, BANKING77 and Bitext customer
 * support (trained on each dataset's dev split only), the shipped support model scored on Bitext's
 * overlapping intents, and sentiment on the UCI labelled sentences.
 *
 * Only each dataset's dev.csv is available beside the project (the official holdouts are kept
 * elsewhere), so "tested on the rest" becomes: CLINC150 → train on the official train (+ oos_train)
 * rows of dev.csv, test on its official val (+ oos_val) rows; BANKING77 and Bitext → a seeded,
 * stratified 80/20 split of dev.csv; sentiment → seeded stratified 5-fold cross-validation of dev.csv.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { EvalReport, EvalRow } from '../../src/ai/ml/model.js';
import { IntentClassifier, type IntentExample, type IntentTrainOptions } from '../../src/ai/ml/language/intent-classifier.js';
import { evaluateIntents, type IntentEvaluation } from '../../src/ai/ml/language/evaluate-intents.js';
import { stratifiedHoldout } from '../../src/ai/ml/language/seeded.js';

type Row = Record<string, string>;

function readCsv(path: string): Row[] {
  return parse(readFileSync(path), { columns: true, relax_quotes: true }) as Row[];
}

const pct = (v: number): number => Number((100 * v).toFixed(2));

function intentMetrics(e: IntentEvaluation): Record<string, number> {
  const m: Record<string, number> = { accuracy: pct(e.accuracy), macroF1: pct(e.macroF1), testExamples: e.examples };
  if (!Number.isNaN(e.outOfScopeRecall)) {
    m.inScopeAccuracy = pct(e.inScopeAccuracy);
    m.oosRecall = pct(e.outOfScopeRecall);
  }
  return m;
}

function trainAndScore(train: IntentExample[], test: IntentExample[], options: IntentTrainOptions): { e: IntentEvaluation; model: IntentClassifier; seconds: number } {
  const t0 = performance.now();
  const model = IntentClassifier.train(train, options);
  const seconds = (performance.now() - t0) / 1000;
  const e = evaluateIntents((t) => model.predict(t), test, { unknownLabel: options.unknownLabel });
  return { e, model, seconds };
}

function modelRow(name: string, r: { e: IntentEvaluation; model: IntentClassifier; seconds: number }, trainN: number): EvalRow {
  return {
    model: name, source: 'ours',
    metrics: { ...intentMetrics(r.e), trainExamples: trainN, trainSeconds: Number(r.seconds.toFixed(1)), threshold: Number(r.model.threshold.toFixed(3)) },
  };
}

function clinc(dir: string): EvalReport {
  const t0 = performance.now();
  const rows = readCsv(join(dir, 'dev.csv'));
  const train = rows.filter((r) => r.split === 'train' || r.split === 'oos_train').map((r) => ({ text: r.text, intent: r.label }));
  const test = rows.filter((r) => r.split === 'val' || r.split === 'oos_val').map((r) => ({ text: r.text, intent: r.label }));
  const r = trainAndScore(train, test, { unknownLabel: 'oos' });
  const ins = pct(r.e.inScopeAccuracy);
  const rec = pct(r.e.outOfScopeRecall);
  const pub = (model: string, a: number, o: number): EvalRow => ({ model, source: 'published', metrics: { inScopeAccuracy: a, oosRecall: o }, note: 'Larson et al. 2019, official test, oos-train' });
  return {
    family: 'language', dataset: 'clinc150 (train→val)',
    rows: [modelRow('ngram-logreg', r, train.length), pub('BERT', 96.9, 40.3), pub('MLP', 93.5, 47.4), pub('DialogFlow', 91.7, 14.0), pub('Rasa', 91.5, 45.3), pub('SVM', 91.0, 14.5)],
    targets: [
      { name: 'in-scope accuracy', target: '≥ 92 %', measured: `${ins} %`, met: ins >= 92 },
      { name: 'out-of-scope recall', target: '≥ 50 %', measured: `${rec} %`, met: rec >= 50 },
    ],
    seconds: (performance.now() - t0) / 1000,
  };
}

function splitScore(dir: string, dataset: string, textCol: string, labelCol: string, target: number, published: EvalRow[]): EvalReport {
  const t0 = performance.now();
  const rows = readCsv(join(dir, 'dev.csv'));
  const all = rows.map((r) => ({ text: r[textCol], intent: r[labelCol] }));
  const { train, held } = stratifiedHoldout(all.map((a) => a.intent), 0.2, 7);
  const tr = train.map((i) => all[i]);
  const te = held.map((i) => all[i]);
  const r = trainAndScore(tr, te, {});
  // Published figures are closed-set (always answer), so the headline is the model's best guess;
  // the accuracy with our calibrated "unknown" refusals is reported beside it.
  const closed = evaluateIntents((t) => { const p = r.model.predict(t); return { ...p, intent: p.bestGuess }; }, te);
  const acc = pct(closed.accuracy);
  const row = modelRow('ngram-logreg', { ...r, e: closed }, tr.length);
  row.metrics.accuracyWithUnknown = pct(r.e.accuracy);
  row.metrics.refused = pct(r.e.inScopeRefusals);
  return {
    family: 'language', dataset: `${dataset} (stratified 80/20 of dev.csv, seed 7)`,
    rows: [row, ...published],
    targets: [{ name: 'accuracy', target: `≥ ${target} %`, measured: `${acc} % (macro-F1 ${pct(closed.macroF1)} %)`, met: acc >= target }],
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Runs the language evaluations against the datasets folder. */
export async function run(datasetsDir: string): Promise<EvalReport[]> {
  const only = (process.env.LANGUAGE_EVAL ?? 'clinc,banking,bitext,shipped,sentiment').split(',');
  const ic = join(datasetsDir, 'intent-classification');
  const reports: EvalReport[] = [];
  if (only.includes('clinc') && existsSync(join(ic, 'clinc150/dev.csv'))) reports.push(clinc(join(ic, 'clinc150')));
  if (only.includes('banking') && existsSync(join(ic, 'banking77/dev.csv'))) {
    reports.push(splitScore(join(ic, 'banking77'), 'banking77', 'text', 'label', 90, [
      { model: 'BERT-large fine-tuned', source: 'published', metrics: { accuracy: 93.66 }, note: 'Casanueva et al. 2020, official test' },
      { model: 'USE+ConveRT, 10-shot', source: 'published', metrics: { accuracy: 85.19 }, note: 'Casanueva et al. 2020, official test' },
    ]));
  }
  if (only.includes('bitext') && existsSync(join(ic, 'bitext-customer-support/dev.csv'))) {
    reports.push(splitScore(join(ic, 'bitext-customer-support'), 'bitext-customer-support', 'instruction', 'intent', 97, []));
  }
  return reports;
}
