/**
 * The assistant's picture of the catalogue: every active product's summary, the vocabulary the
 * parser matches against, and a matcher for product names. Read through the catalog's front door
 * (the storefront read model, in memory) and rebuilt when the catalogue changes — at most once a
 * second, or at once when products come or go — so a request never pays for more than a lookup.
 */
import { CatalogueMatcher } from '../../ml/language/index.js';
import type { CatalogModule, StoreProductSummary } from '../../../modules/catalog/index.js';
import { buildVocabulary, type Vocabulary } from './domain/vocabulary.js';

export type CatalogFrontDoor = CatalogModule['service'];

export interface CatalogueSnapshot {
  products: Map<string, StoreProductSummary>;
  vocabulary: Vocabulary;
  names: CatalogueMatcher;
  categoryNames: Map<string, string>;
}

const REBUILD_MS = 1000;

export class CatalogueView {
  private snap?: CatalogueSnapshot;
  private version = -1;
  private count = -1;
  private builtAt = 0;
  private building?: Promise<CatalogueSnapshot>;

  constructor(private catalog: CatalogFrontDoor, private currency: string) {}

  async snapshot(): Promise<CatalogueSnapshot> {
    const model = this.catalog.readModel;
    await model.fresh();
    const { products, version } = model.stats();
    const stale = version !== this.version && (products !== this.count || Date.now() - this.builtAt >= REBUILD_MS);
    if (this.snap && !stale) return this.snap;
    this.building ??= this.build(version, products).finally(() => { this.building = undefined; });
    return this.building;
  }

  private async build(version: number, count: number): Promise<CatalogueSnapshot> {
    const products = new Map<string, StoreProductSummary>();
    let cursor: string | undefined;
    do {
      const page = await this.catalog.listProducts({ limit: 100, cursor, sort: 'newest', currency: this.currency });
      for (const p of page.items) products.set(p.id, p);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const categories = await this.catalog.readModel.categoryList();
    const snap: CatalogueSnapshot = {
      products,
      vocabulary: buildVocabulary([...products.values()], categories.filter((c) => c.productCount > 0)),
      names: new CatalogueMatcher([...products.values()].map((p) => ({ id: p.id, name: p.title }))),
      categoryNames: new Map(categories.map((c) => [c.id, c.name])),
    };
    this.snap = snap;
    this.version = version;
    this.count = count;
    this.builtAt = Date.now();
    return snap;
  }
}
