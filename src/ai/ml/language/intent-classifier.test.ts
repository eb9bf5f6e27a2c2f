import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntentClassifier, UNKNOWN_INTENT } from './intent-classifier.js';
import { evaluateIntents } from './evaluate-intents.js';
import { rng } from './seeded.js';

// A tiny three-intent world with an out-of-scope class, built here so the test owns its data.
const data = [
  ...['where is my parcel', 'track my parcel', 'parcel status please', 'has my parcel shipped', 'wheres the parcel', 'parcel tracking'].map((text) => ({ text, intent: 'track' })),
  ...['cancel my order', 'please cancel it', 'i want to cancel', 'cancel the purchase', 'cancel order now', 'how to cancel'].map((text) => ({ text, intent: 'cancel' })),
  ...['refund me', 'i want a refund', 'money back please', 'where is my refund', 'refund status', 'give me my money back'].map((text) => ({ text, intent: 'refund' })),
  ...['what is the weather', 'tell me a joke', 'play music', 'who won the game', 'capital of spain', 'sing a song'].map((text) => ({ text, intent: 'oos' })),
];

describe('IntentClassifier', () => {
  const model = IntentClassifier.train(data, { unknownLabel: 'oos', calibrationFraction: 0, seed: 3 });

  it('learns the intents it was shown, typos included', () => {
    expect(model.predict('track parcel').intent).toBe('track');
    expect(model.predict('cancell my order').intent).toBe('cancel');
    expect(model.predict('i want my money back').intent).toBe('refund');
  });

  it('answers unknown for out-of-scope messages and reports the closest in-scope guess separately', () => {
    const p = model.predict('tell me the weather');
    expect(p.intent).toBe(UNKNOWN_INTENT);
    expect(p.bestGuess).toBe(UNKNOWN_INTENT);
  });

  it('answers unknown below a fixed confidence threshold', () => {
    const strict = IntentClassifier.train(data, { unknownLabel: 'oos', calibrationFraction: 0, unknownThreshold: 0.999 });
    expect(strict.predict('cancel').intent).toBe(UNKNOWN_INTENT);
    expect(strict.predict('cancel').bestGuess).toBe('cancel');
  });

  it('explains with the n-grams that separate the intent from the runner-up', () => {
    const e = model.explain('please cancel my order');
    expect(e.intent).toBe('cancel');
    expect(e.evidence.map((x) => x.ngram)).toContain('cancel');
    expect(e.evidence.every((x) => x.weight > 0)).toBe(true);
  });

  it('gives probabilities that sum to one for any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (t) => {
      const sum = model.probabilities(t).reduce((s, r) => s + r.p, 0);
      expect(sum).toBeCloseTo(1, 9);
    }), { numRuns: 50 });
  });

  it('survives a JSON round trip with the same answers', () => {
    const copy = IntentClassifier.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    for (const t of ['where is my refund', 'cancel it', 'sing']) {
      expect(copy.predict(t).intent).toBe(model.predict(t).intent);
      expect(copy.predict(t).confidence).toBeCloseTo(model.predict(t).confidence, 3);
    }
  });

  it('rejects snapshots of another kind', () => {
    const snap = model.toJSON();
    expect(() => IntentClassifier.fromJSON({ ...snap, info: { ...snap.info, kind: 'forecast/auto' } })).toThrow();
  });

  it('calibrates on a held-out slice and records it in the model info', () => {
    const cal = IntentClassifier.train([...data, ...data], { unknownLabel: 'oos', calibrationFraction: 0.25 });
    expect(cal.temperature).toBeGreaterThan(0);
    expect(cal.info.metrics.heldOutExamples).toBeGreaterThan(0);
  });

  it('is scored by evaluateIntents with in-scope accuracy and out-of-scope recall', () => {
    const e = evaluateIntents((t) => model.predict(t), [
      { text: 'track my parcel', intent: 'track' }, { text: 'refund me', intent: 'refund' }, { text: 'tell me a joke', intent: 'oos' },
    ], { unknownLabel: 'oos' });
    expect(e.inScopeAccuracy).toBe(1);
    expect(e.outOfScopeRecall).toBe(1);
    expect(e.accuracy).toBe(1);
  });

  describe('thresholdBy: cv', () => {
    // Synthetic: three intents, each a keyword between two random letter-string words, and out-of-scope rows
    // of random words only. A model that has seen an out-of-scope row is sure of it; out of fold, some of them
    // look like a low-confidence in-scope guess, so only honest out-of-fold scores call for a threshold above 0.
    const random = rng(42);
    const word = (): string => Array.from({ length: 4 + Math.floor(random() * 4) }, () => 'bcdfghjklmnpqrstvwxz'[Math.floor(random() * 20)]).join('');
    const words = (n: number): string => Array.from({ length: n }, word).join(' ');
    const synth = [
      ...['invoice', 'password', 'parcel'].flatMap((kw) => Array.from({ length: 15 }, () => ({ text: `${words(1)} ${kw} ${words(1)}`, intent: kw }))),
      ...Array.from({ length: 9 }, () => ({ text: words(3), intent: 'oos' })),
    ];
    const cv = IntentClassifier.train(synth, { unknownLabel: 'oos', thresholdBy: 'cv', folds: 3, seed: 1 });
    const noThreshold = IntentClassifier.train(synth, { unknownLabel: 'oos', thresholdBy: 'cv', folds: 3, seed: 1, thresholdRule: 'weighted', oosWeight: 0 });

    it('scores every training row out of fold and records the folds', () => {
      expect(cv.info.metrics.cvFolds).toBe(3);
      expect(cv.info.metrics.heldOutExamples).toBe(synth.length);
    });

    it('raises the threshold when that refuses more out-of-fold out-of-scope rows at no in-scope cost', () => {
      expect(noThreshold.threshold).toBe(0);
      expect(noThreshold.info.metrics.heldOutOosRecall).toBeLessThan(1);
      expect(cv.threshold).toBeGreaterThan(0);
      expect(cv.threshold).toBe(cv.info.metrics.threshold);
      expect(cv.info.metrics.heldOutOosRecall).toBeGreaterThan(noThreshold.info.metrics.heldOutOosRecall);
      expect(cv.info.metrics.heldOutInScopeAccuracy).toBe(noThreshold.info.metrics.heldOutInScopeAccuracy);
      expect(cv.predict(`${words(1)} parcel ${words(1)}`).intent).toBe('parcel');
    });

    it('maximises accuracy over all out-of-fold rows by default, and can weigh out-of-scope recall instead', () => {
      const m = cv.info.metrics;
      const oosShare = 9 / synth.length;
      expect(m.heldOutAccuracyWithUnknown).toBeCloseTo((1 - oosShare) * m.heldOutInScopeAccuracy + oosShare * m.heldOutOosRecall, 9);
      const balanced = IntentClassifier.train(synth, { unknownLabel: 'oos', thresholdBy: 'cv', folds: 3, seed: 1, thresholdRule: 'weighted' });
      expect(balanced.info.metrics.heldOutInScopeAccuracy + balanced.info.metrics.heldOutOosRecall)
        .toBeGreaterThanOrEqual(m.heldOutInScopeAccuracy + m.heldOutOosRecall);
    });

    it('falls back to the refusal budget without out-of-scope rows, and rejects a bad fold count', () => {
      const inScope = synth.filter((d) => d.intent !== 'oos');
      const none = IntentClassifier.train(inScope, { thresholdBy: 'cv', folds: 4, maxFalseReject: 0 });
      expect(none.threshold).toBe(0);
      expect(none.info.metrics.heldOutRefused).toBe(0);
      const budget = IntentClassifier.train(inScope, { thresholdBy: 'cv', folds: 4, maxFalseReject: 0.25 });
      expect(budget.threshold).toBeGreaterThan(0);
      expect(budget.info.metrics.heldOutRefused).toBeLessThanOrEqual(0.25 + 1e-9);
      expect(() => IntentClassifier.train(synth, { thresholdBy: 'cv', folds: 1 })).toThrow(/folds/);
    });
  });
});
