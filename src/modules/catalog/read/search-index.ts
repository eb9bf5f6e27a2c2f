/**
 * The storefront's full-text index (MiniSearch, in process). Hyphenated words are indexed both
 * split and joined, so "tshirt" finds "T-Shirt"; long words tolerate two typos ("swaeter").
 */
import MiniSearch from 'minisearch';
import type { ProductDto } from '../contracts/schemas.js';

interface Doc { id: string; title: string; tags: string; skus: string; categories: string; attributes: string; options: string; description: string }

function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const word of text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[^\p{L}\p{N}\-_']+/u)) {
    const parts = word.split(/[-_']+/).filter(Boolean);
    out.push(...parts);
    if (parts.length > 1) out.push(parts.join(''));
  }
  return out;
}

const fuzzy = (term: string) => (term.length >= 6 ? 2 : term.length >= 4 ? 1 : 0);

export class SearchIndex {
  private index = this.create();

  private create() {
    return new MiniSearch<Doc>({
      fields: ['title', 'tags', 'skus', 'categories', 'attributes', 'options', 'description'],
      storeFields: [],
      tokenize,
      searchOptions: {
        boost: { title: 4, tags: 2, categories: 1.5, skus: 2, attributes: 1, options: 1, description: 0.3 },
        prefix: (term) => term.length >= 2,
        fuzzy,
        maxFuzzy: 2,
        // One-letter fragments (the "t" of "t-shirt") add noise, not meaning, to a query.
        processTerm: (term) => (term.length < 2 ? null : term),
      },
    });
  }

  /** Replaces the whole index (at start, or after a taxonomy change renames categories). */
  rebuild(docs: { product: ProductDto; categoryNames: string[] }[]): void {
    this.index = this.create();
    this.index.addAll(docs.map((d) => toDoc(d.product, d.categoryNames)));
  }

  upsert(product: ProductDto, categoryNames: string[]): void {
    if (this.index.has(product.id)) this.index.discard(product.id);
    this.index.add(toDoc(product, categoryNames));
  }

  remove(id: string): void {
    if (this.index.has(id)) this.index.discard(id);
  }

  /** Matching product ids with scores: every term must match, or failing that any term. */
  search(query: string): Map<string, number> {
    let hits = this.index.search(query, { combineWith: 'AND' });
    if (!hits.length) hits = this.index.search(query, { combineWith: 'OR' });
    return new Map(hits.map((h) => [h.id as string, h.score]));
  }
}

function toDoc(p: ProductDto, categoryNames: string[]): Doc {
  return {
    id: p.id, title: p.title, tags: p.tags.join(' '), skus: p.variants.map((v) => v.sku ?? '').join(' '), categories: categoryNames.join(' '),
    attributes: Object.values(p.attributes).join(' '), options: p.options.flatMap((o) => o.values).join(' '), description: p.description.slice(0, 2000),
  };
}
