/**
 * Word and character n-gram features with TF-IDF weighting: the classic, strong baseline for
 * short-text intent classification. A fitted vocabulary is plain data, so it serialises with the model.
 */
import { normaliseText, wordTokens } from './text.js';

export interface NgramOptions {
  /** Word n-gram sizes, e.g. [1, 2]. */
  wordNgrams?: number[];
  /** Character n-gram range inside padded words, e.g. [2, 5]; typos still share most char n-grams. */
  charNgrams?: [number, number];
  /** Drop features seen in fewer training texts than this. */
  minDf?: number;
  /** Relative weight of the character block against the word block. */
  charWeight?: number;
}

export interface NgramVocabularyState {
  options: Required<NgramOptions>;
  terms: string[];
  idf: number[];
}

/** A sparse row: parallel arrays of feature indices and values. */
export interface SparseVector { index: Int32Array; value: Float64Array }

const DEFAULTS: Required<NgramOptions> = { wordNgrams: [1, 2], charNgrams: [2, 5], minDf: 1, charWeight: 1 };

/** Raw n-gram counts of one text; word features are prefixed `w:`, char features `c:` so they never collide. */
export function extractNgrams(text: string, options: Required<NgramOptions>): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (k: string): void => { counts.set(k, (counts.get(k) ?? 0) + 1); };
  const tokens = wordTokens(normaliseText(text));
  for (const n of options.wordNgrams) {
    // Sentence boundaries make "cancel" at the start of a message a different cue from "cancel" later on.
    const padded = n > 1 ? ['<s>', ...tokens, '</s>'] : tokens;
    for (let i = 0; i + n <= padded.length; i++) add('w:' + padded.slice(i, i + n).join(' '));
  }
  const [lo, hi] = options.charNgrams;
  if (hi > 0) {
    for (const t of tokens) {
      const w = ` ${t} `;
      for (let n = lo; n <= hi; n++) for (let i = 0; i + n <= w.length; i++) add('c:' + w.slice(i, i + n));
    }
  }
  return counts;
}

/** A fitted TF-IDF vocabulary that turns texts into L2-normalised sparse vectors. */
export class NgramVocabulary {
  private readonly lookup: Map<string, number>;

  private constructor(readonly state: NgramVocabularyState) {
    this.lookup = new Map(state.terms.map((t, i) => [t, i]));
  }

  /** Learns the vocabulary and inverse document frequencies from training texts. */
  static fit(texts: string[], options: NgramOptions = {}): NgramVocabulary {
    const opts = { ...DEFAULTS, ...options };
    const df = new Map<string, number>();
    for (const t of texts) for (const k of extractNgrams(t, opts).keys()) df.set(k, (df.get(k) ?? 0) + 1);
    const terms = [...df.keys()].filter((k) => df.get(k)! >= opts.minDf).sort();
    const n = texts.length;
    const idf = terms.map((k) => Math.log((1 + n) / (1 + df.get(k)!)) + 1);
    return new NgramVocabulary({ options: opts, terms, idf });
  }

  /** Restores a vocabulary from its serialised state. */
  static fromState(state: NgramVocabularyState): NgramVocabulary {
    return new NgramVocabulary(state);
  }

  get size(): number { return this.state.terms.length; }

  /** The human-readable n-gram behind a feature index (for explanations). */
  term(index: number): string { return this.state.terms[index]; }

  /** Sublinear TF × IDF, each block (words, chars) L2-normalised, then weighted. Unknown n-grams are ignored. */
  transform(text: string): SparseVector {
    const opts = this.state.options;
    const idx: number[] = [];
    const val: number[] = [];
    let wordNorm = 0;
    let charNorm = 0;
    for (const [k, c] of extractNgrams(text, opts)) {
      const i = this.lookup.get(k);
      if (i === undefined) continue;
      const v = (1 + Math.log(c)) * this.state.idf[i];
      idx.push(i);
      val.push(v);
      if (k.startsWith('c:')) charNorm += v * v; else wordNorm += v * v;
    }
    const ws = wordNorm > 0 ? 1 / Math.sqrt(wordNorm) : 0;
    const cs = charNorm > 0 ? opts.charWeight / Math.sqrt(charNorm) : 0;
    for (let j = 0; j < idx.length; j++) val[j] *= this.state.terms[idx[j]].startsWith('c:') ? cs : ws;
    return { index: Int32Array.from(idx), value: Float64Array.from(val) };
  }
}
