/**
 * Lexicon sentiment from wink-nlp's English model (ships inside the npm package, so no download):
 * a negation-aware score in [-1, 1]. The NLP pipeline loads lazily because it costs ~100 ms.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | null = null;

/** The shared wink-nlp pipeline (created on first use). */
export function winkPipeline(): Nlp {
  nlp ??= winkNLP(model);
  return nlp;
}

/** Document sentiment in [-1, 1]; 0 when the lexicon finds nothing. */
export function lexiconSentiment(text: string): number {
  const n = winkPipeline();
  const s = n.readDoc(text).out(n.its.sentiment) as unknown as number;
  return Number.isFinite(s) ? s : 0;
}
