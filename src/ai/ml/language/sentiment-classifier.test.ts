import { describe, expect, it } from 'vitest';
import { lexiconSentiment } from './lexicon-sentiment.js';
import { SentimentClassifier } from './sentiment-classifier.js';

const data = [
  ...['love it', 'great quality', 'very happy', 'excellent service', 'thank you so much', 'works perfectly'].map((text) => ({ text, label: 'positive' as const })),
  ...['hate it', 'awful quality', 'very angry', 'terrible service', 'broken on arrival', 'total waste of money'].map((text) => ({ text, label: 'negative' as const })),
  ...['where is my parcel', 'what size is this', 'order number 123', 'do you ship to spain', 'change my address', 'is it in stock'].map((text) => ({ text, label: 'neutral' as const })),
];

describe('lexiconSentiment', () => {
  it('reads polarity and negation from the wink-nlp lexicon', () => {
    expect(lexiconSentiment('this is wonderful')).toBeGreaterThan(0);
    expect(lexiconSentiment('this is horrible')).toBeLessThan(0);
    expect(lexiconSentiment('not good')).toBeLessThan(0);
  });
});

describe('SentimentClassifier', () => {
  const model = SentimentClassifier.train(data, { seed: 5 });

  it('separates positive, negative and neutral messages', () => {
    expect(model.predict('great service, very happy').label).toBe('positive');
    expect(model.predict('terrible, it arrived broken').label).toBe('negative');
    expect(model.predict('do you ship to france').label).toBe('neutral');
  });

  it('uses the lexicon for words it was never trained on', () => {
    expect(model.predict('fantastic').score).toBeGreaterThan(model.predict('dreadful').score);
  });

  it('explains with the words behind the label and round-trips through JSON', () => {
    expect(model.explain('awful quality').evidence.length).toBeGreaterThan(0);
    const copy = SentimentClassifier.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(copy.predict('very angry').label).toBe(model.predict('very angry').label);
  });
});
