/**
 * Finds the store's own product names in a message, tolerating typos ("blutooth speker") and
 * partial names ("the trail runner" for "Trail Runner Pro Shoes"). The catalogue is indexed once;
 * matching a message then costs a few hundred small edit-distance checks, not one per product.
 */
import { normaliseText } from '../text.js';
import type { ProductEntity } from './types.js';

export type CatalogueItem = string | { id?: string; name: string };

interface Indexed { id?: string; name: string; tokens: string[] }

// Words that say nothing about which product is meant, so a match on them alone is not a match.
const STOP = new Set('the a an and or of for with in on to my your this that it is set pack new size colour color black white blue red green grey gray'.split(' '));

/** Damerau–Levenshtein distance (optimal string alignment), stopping early past `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    prev2.splice(0, prev2.length, ...prev);
    prev = cur;
    if (rowMin > max) return max + 1;
  }
  return prev[b.length];
}

const allowedEdits = (len: number): number => (len >= 8 ? 2 : len >= 4 ? 1 : 0);

function tokensWithOffsets(text: string): { t: string; start: number; end: number }[] {
  const norm = normaliseText(text);
  // NFKD can change length; fall back to offsets in the normalised text only when lengths differ.
  const src = norm.length === text.length ? norm : text.toLowerCase();
  return [...src.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ t: normaliseText(m[0]), start: m.index!, end: m.index! + m[0].length }));
}

/** An index over a catalogue's product names. */
export class CatalogueMatcher {
  private readonly items: Indexed[];
  private readonly byToken = new Map<string, Set<number>>();

  constructor(catalogue: CatalogueItem[]) {
    this.items = catalogue.map((c) => {
      const item = typeof c === 'string' ? { name: c } : c;
      return { ...item, tokens: (normaliseText(item.name).match(/[\p{L}\p{N}]+/gu) ?? []) };
    });
    this.items.forEach((it, i) => it.tokens.forEach((t) => {
      if (!this.byToken.has(t)) this.byToken.set(t, new Set());
      this.byToken.get(t)!.add(i);
    }));
  }

  /** Catalogue tokens equal to, or within typo distance of, a message token. */
  private similar(token: string): string[] {
    const exact = this.byToken.has(token) ? [token] : [];
    const k = allowedEdits(token.length);
    if (k === 0) return exact;
    const fuzzy = [...this.byToken.keys()].filter((c) => c !== token && allowedEdits(c.length) > 0 && editDistance(token, c, k) <= k);
    return [...exact, ...fuzzy];
  }

  /**
   * Product mentions, best first and non-overlapping. A mention is a run of message tokens that
   * matches, in order, either the whole product name or at least two of its meaningful words.
   */
  find(text: string, minScore = 0.5): ProductEntity[] {
    const toks = tokensWithOffsets(text);
    const sims = toks.map((t) => new Set(this.similar(t.t)));
    const candidates = new Set<number>();
    sims.forEach((s) => s.forEach((tok) => this.byToken.get(tok)!.forEach((i) => candidates.add(i))));
    const found: ProductEntity[] = [];
    for (const i of candidates) {
      const item = this.items[i];
      const meaningful = item.tokens.filter((t) => !STOP.has(t)).length || item.tokens.length;
      for (let s = 0; s < toks.length; s++) {
        // Greedy in-order alignment of product tokens starting at message token s, allowing skipped name words.
        let p = 0, q = s, hits = 0, meaningfulHits = 0, exact = 0, last = -1;
        while (p < item.tokens.length && q < toks.length) {
          if (sims[q].has(item.tokens[p])) {
            hits++; last = q;
            if (!STOP.has(item.tokens[p])) meaningfulHits++;
            if (toks[q].t === item.tokens[p]) exact++;
            p++; q++;
          } else if (hits > 0 && p + 1 < item.tokens.length && sims[q].has(item.tokens[p + 1])) p++;
          else break;
        }
        if (hits === 0) continue;
        const full = hits === item.tokens.length;
        if (!full && meaningfulHits < 2) continue;
        const score = (meaningfulHits / meaningful) * (0.8 + 0.2 * (exact / hits));
        if (score < minScore) continue;
        found.push({ type: 'product', text: text.slice(toks[s].start, toks[last].end), start: toks[s].start, end: toks[last].end, value: { name: item.name, id: item.id, score: Number(score.toFixed(3)) } });
      }
    }
    found.sort((a, b) => b.value.score - a.value.score || (b.end - b.start) - (a.end - a.start));
    const kept: ProductEntity[] = [];
    for (const f of found) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
    return kept.sort((a, b) => a.start - b.start);
  }
}
