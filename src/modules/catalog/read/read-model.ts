/**
 * The storefront read model: every active product with its variants, prices, availability and
 * facet values, held in memory with a search index, so store list and detail never touch the
 * database. It is built at start and kept fresh from the outbox: after a local write (or on a
 * short poll, for other nodes' writes) it reloads only the products that new outbox rows touched.
 * A read that finds the model dirty refreshes first, so a client always reads its own writes.
 */
import { LRUCache } from 'lru-cache';
import { AppError, minorDigits, type Clock } from '../../../kernel/index.js';
import { decodeCursor, encodeCursor, outboxSignal, systemActor, type Ctx, type Db, type Logger } from '../../../platform/index.js';
import type { InventoryService, VariantAvailability } from '../../inventory/index.js';
import type {
  CategoryDto, CollectionDto, Facets, PriceListDto, ProductDto, StoreProductDetail, StoreProductList, StoreProductSummary, StoreQuery,
} from '../contracts/schemas.js';
import { loadCategories, loadCollections, loadPriceLists, loadProducts } from '../data/catalog.repo.js';
import { SearchIndex } from './search-index.js';

interface Entry {
  p: ProductDto;
  /** The product's categories and all their ancestors: filtering by "Clothing" finds T-shirts. */
  cats: string[];
  minBase: Map<string, number>;
  created: number;
  titleKey: string;
}

interface PriceList { dto: PriceListDto; prices: Map<string, number> }
interface Pricing { currency: string; list?: PriceList; key: string }
interface Ranked { e: Entry; k: number | string }
interface QueryResult { ranked: Ranked[]; facets: Facets }

const POLL_MS = 500;
const HOLE_TTL_MS = 10_000;

export class CatalogReadModel {
  private products = new Map<string, Entry>();
  private byHandle = new Map<string, string>();
  private categories = new Map<string, CategoryDto>();
  private categoryByHandle = new Map<string, string>();
  private collections = new Map<string, CollectionDto>();
  private collectionByHandle = new Map<string, string>();
  private priceLists = new Map<string, PriceList>();
  private stock = new Map<string, VariantAvailability>();
  private index = new SearchIndex();
  private version = 0;
  /** Bumped by every applied change; cached answers are keyed by it. */
  get currentVersion(): number { return this.version; }
  private lastSeq = 0;
  /** Sequence numbers skipped so far: on PostgreSQL a slower transaction may still commit them. */
  private holes = new Map<number, number>();
  private dirty = false;
  private refreshing?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private soon?: NodeJS.Timeout;
  private queries = new LRUCache<string, QueryResult & { version: number }>({ max: 200 });
  private rendered = new Map<string, StoreProductSummary | StoreProductDetail>();
  private renderedVersion = -1;
  private onWritten = () => this.markDirty();

  constructor(private db: Db, private clock: Clock, private inventory: InventoryService, private log: Logger) {}

  private ctx(): Ctx { return { db: this.db, actor: systemActor('catalog-read-model'), clock: this.clock }; }

  /** Loads everything and starts following the outbox. */
  async start(): Promise<void> {
    await this.loadAll();
    outboxSignal.on('written', this.onWritten);
    this.timer = setInterval(() => { void this.refresh(); }, POLL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    outboxSignal.off('written', this.onWritten);
    if (this.timer) clearInterval(this.timer);
    if (this.soon) clearTimeout(this.soon);
    await this.refreshing;
  }

  /** Called after a local write commits (and after every commit that wrote to the outbox): the next read refreshes first. */
  markDirty(): void {
    this.dirty = true;
    // A burst of commits is pulled in one pass a moment later (or at once by the next read).
    if (!this.soon) {
      this.soon = setTimeout(() => { this.soon = undefined; void this.refresh(); }, 5);
      this.soon.unref();
    }
  }

  /** Makes sure every write committed before this call is visible. */
  async fresh(): Promise<void> {
    if (this.dirty || this.refreshing) await this.refresh();
  }

  refresh(): Promise<void> {
    if (!this.refreshing) {
      this.refreshing = (async () => {
        try {
          do { this.dirty = false; await this.pull(); } while (this.dirty);
        } catch (e) {
          this.log.error({ err: e }, 'catalog read model refresh failed; serving the last good state');
        } finally { this.refreshing = undefined; }
      })();
    }
    return this.refreshing;
  }

  private async loadAll(): Promise<void> {
    const max = await this.db.selectFrom('outbox').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    const seq = Number(max?.seq ?? 0);
    const [products, categories, collections, lists] = await Promise.all([
      loadProducts(this.db, { status: 'active' }), loadCategories(this.db), loadCollections(this.db), loadPriceLists(this.db),
    ]);
    this.setTaxonomy(categories, collections);
    this.setPriceLists(lists);
    this.products.clear();
    this.byHandle.clear();
    for (const p of products) this.put(p);
    this.index.rebuild([...this.products.values()].map((e) => ({ product: e.p, categoryNames: this.categoryNames(e) })));
    this.stock = await this.availability();
    this.lastSeq = Math.max(this.lastSeq, seq);
    this.version++;
  }

  private async availability(variantIds?: string[]): Promise<Map<string, VariantAvailability>> {
    try { return await this.inventory.availability(this.ctx(), variantIds); } catch (e) {
      this.log.warn({ err: e }, 'inventory availability unavailable; showing none');
      return new Map();
    }
  }

  /** Applies outbox rows after the last one seen (and any earlier holes that have since committed). */
  private async pull(): Promise<void> {
    const now = Date.now();
    for (const [seq, at] of this.holes) if (now - at > HOLE_TTL_MS) this.holes.delete(seq);
    const holes = [...this.holes.keys()].slice(0, 500);
    const rows = await this.db.selectFrom('outbox').select(['seq', 'type', 'aggregate_id', 'payload'])
      .where((eb) => (holes.length ? eb.or([eb('seq', '>', this.lastSeq), eb('seq', 'in', holes)]) : eb('seq', '>', this.lastSeq)))
      .orderBy('seq').limit(5000).execute();
    if (!rows.length) return;
    const products = new Set<string>();
    const variants = new Set<string>();
    const removedVariants: string[] = [];
    let taxonomy = false;
    let lists = false;
    for (const r of rows as any[]) {
      const seq = Number(r.seq);
      if (this.holes.delete(seq)) { /* a late commit: apply it */ } else if (seq > this.lastSeq) {
        if (seq - this.lastSeq < 1000) for (let s = this.lastSeq + 1; s < seq; s++) this.holes.set(s, now);
        this.lastSeq = seq;
      }
      const type: string = r.type;
      if (type.startsWith('product.') || type === 'price.changed') {
        products.add(r.aggregate_id);
        if (type === 'product.deleted') removedVariants.push(...(JSON.parse(r.payload).variantIds ?? []));
      } else if (type === 'category.changed' || type === 'collection.changed') taxonomy = true;
      else if (type === 'price_list.changed') lists = true;
      else if (type.startsWith('inventory.')) collectVariantIds(JSON.parse(r.payload), variants);
    }
    if (rows.length === 5000) this.dirty = true;
    if (taxonomy) { await this.loadAll(); return; }
    if (lists) this.setPriceLists(await loadPriceLists(this.db));
    if (products.size) {
      const loaded = new Map((await loadProducts(this.db, { ids: [...products] })).map((p) => [p.id, p]));
      for (const id of products) {
        const p = loaded.get(id);
        if (p && p.status === 'active') {
          this.put(p);
          this.index.upsert(p, this.categoryNames(this.products.get(id)!));
          for (const v of p.variants) variants.add(v.id);
        } else this.drop(id);
      }
    }
    for (const v of removedVariants) this.stock.delete(v);
    if (variants.size) {
      const fresh = await this.availability([...variants]);
      for (const v of variants) {
        const a = fresh.get(v);
        if (a) this.stock.set(v, a); else this.stock.delete(v);
      }
    }
    this.version++;
  }

  private put(p: ProductDto): void {
    const old = this.products.get(p.id);
    if (old && old.p.handle !== p.handle) this.byHandle.delete(old.p.handle);
    const minBase = new Map<string, number>();
    for (const v of p.variants) for (const price of v.prices) {
      const cur = minBase.get(price.currency);
      if (cur === undefined || price.amount < cur) minBase.set(price.currency, price.amount);
    }
    const cats = new Set<string>();
    for (const c of p.categoryIds) for (let cur: string | null = c; cur && !cats.has(cur); cur = this.categories.get(cur)?.parentId ?? null) cats.add(cur);
    this.products.set(p.id, { p, cats: [...cats], minBase, created: Date.parse(p.createdAt), titleKey: p.title.toLowerCase() });
    this.byHandle.set(p.handle, p.id);
  }

  private drop(id: string): void {
    const e = this.products.get(id);
    if (!e) return;
    this.products.delete(id);
    this.byHandle.delete(e.p.handle);
    this.index.remove(id);
  }

  private setTaxonomy(categories: CategoryDto[], collections: CollectionDto[]): void {
    this.categories = new Map(categories.map((c) => [c.id, c]));
    this.categoryByHandle = new Map(categories.map((c) => [c.handle, c.id]));
    this.collections = new Map(collections.map((c) => [c.id, c]));
    this.collectionByHandle = new Map(collections.map((c) => [c.handle, c.id]));
  }

  private setPriceLists(lists: PriceListDto[]): void {
    this.priceLists = new Map(lists.map((l) => [l.id, { dto: l, prices: new Map(l.prices.map((p) => [p.variantId, p.amount])) }]));
  }

  private categoryNames(e: Entry): string[] {
    return e.cats.map((c) => this.categories.get(c)?.name ?? '').filter(Boolean);
  }

  // --- queries ---

  private pricing(currency: string | undefined, priceListId: string | undefined, fallback: string): Pricing {
    if (!priceListId) return { currency: currency ?? fallback, key: currency ?? fallback };
    const list = this.priceLists.get(priceListId);
    if (!list || list.dto.status !== 'active') {
      throw new AppError('validation.failed', `invalid request: query.priceList '${priceListId}' is not an active price list`, 400, [{ field: 'query.priceList', message: 'is not an active price list' }]);
    }
    if (currency && currency !== list.dto.currency) {
      throw new AppError('validation.failed', `invalid request: query.currency ${currency} differs from the price list's ${list.dto.currency}`, 400, [{ field: 'query.currency', message: `must be ${list.dto.currency} for this price list` }]);
    }
    return { currency: list.dto.currency, list, key: `${list.dto.currency}|${priceListId}` };
  }

  private variantPrice(vid: string, prices: { currency: string; amount: number }[], pr: Pricing): { price: number | null; base: number | null } {
    let base: number | null = null;
    for (const p of prices) if (p.currency === pr.currency) { base = p.amount; break; }
    const listed = pr.list?.prices.get(vid);
    return { price: listed ?? base, base };
  }

  private minPrice(e: Entry, pr: Pricing): number | null {
    if (!pr.list) return e.minBase.get(pr.currency) ?? null;
    let min: number | null = null;
    for (const v of e.p.variants) {
      const { price } = this.variantPrice(v.id, v.prices, pr);
      if (price !== null && (min === null || price < min)) min = price;
    }
    return min;
  }

  private variantInStock(v: { id: string; manageInventory: boolean }): boolean {
    return !v.manageInventory || (this.stock.get(v.id)?.available ?? 0) > 0;
  }

  private inStock(e: Entry): boolean {
    return e.p.variants.some((v) => this.variantInStock(v));
  }

  private resolve(refs: string[] | undefined, byHandle: Map<string, string>): Set<string> | undefined {
    return refs?.length ? new Set(refs.map((r) => byHandle.get(r) ?? r)) : undefined;
  }

  /** The storefront list: search, filters, facets over the matching products, sort and a cursor page. */
  async list(q: StoreQuery, defaultCurrency: string): Promise<StoreProductList> {
    await this.fresh();
    const pr = this.pricing(q.currency, q.priceList, defaultCurrency);
    const sort = q.sort ?? (q.q ? 'relevance' : 'newest');
    const key = JSON.stringify([q.q ?? '', q.category, q.collection, q.tag, q.attributes, q.minPrice, q.maxPrice, q.inStock, sort, pr.key]);
    let result = this.queries.get(key);
    if (!result || result.version !== this.version) {
      result = { ...this.run(q, pr, sort), version: this.version };
      this.queries.set(key, result);
    }
    const { ranked } = result;
    let start = 0;
    if (q.cursor) {
      const c = decodeCursor<{ k: number | string; id: string }>(q.cursor);
      if (!c || typeof c.id !== 'string' || (typeof c.k !== 'number' && typeof c.k !== 'string')) {
        throw new AppError('validation.failed', 'invalid request: query.cursor is not a cursor from this list', 400, [{ field: 'query.cursor', message: 'is invalid' }]);
      }
      start = ranked.length;
      for (let i = 0; i < ranked.length; i++) if (compare(ranked[i], c.k, c.id) > 0) { start = i; break; }
    }
    const page = ranked.slice(start, start + q.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => this.summary(r.e, pr)),
      nextCursor: last && start + q.limit < ranked.length ? encodeCursor({ k: last.k, id: last.e.p.id }) : null,
      total: ranked.length,
      facets: result.facets,
    };
  }

  private run(q: StoreQuery, pr: Pricing, sort: NonNullable<StoreQuery['sort']>): QueryResult {
    const scores = q.q?.trim() ? this.index.search(q.q) : undefined;
    const cats = this.resolve(q.category, this.categoryByHandle);
    const cols = this.resolve(q.collection, this.collectionByHandle);
    const tags = q.tag?.length ? q.tag.map((t) => t.toLowerCase()) : undefined;
    const attrs = q.attributes ? Object.entries(q.attributes).filter(([, v]) => v.length) : [];
    const matched: { e: Entry; min: number | null; stocked: boolean }[] = [];
    const candidates = scores ? [...scores.keys()].map((id) => this.products.get(id)).filter((e): e is Entry => !!e) : this.products.values();
    for (const e of candidates) {
      if (cats && !e.cats.some((c) => cats.has(c))) continue;
      if (cols && !e.p.collectionIds.some((c) => cols.has(c))) continue;
      if (tags && !tags.some((t) => e.p.tags.includes(t))) continue;
      if (attrs.length && !attrs.every(([k, vals]) => e.p.attributes[k] !== undefined && vals.includes(e.p.attributes[k]))) continue;
      const min = this.minPrice(e, pr);
      if (q.minPrice !== undefined && (min === null || min < q.minPrice)) continue;
      if (q.maxPrice !== undefined && (min === null || min > q.maxPrice)) continue;
      const stocked = this.inStock(e);
      if (q.inStock !== undefined && stocked !== q.inStock) continue;
      matched.push({ e, min, stocked });
    }
    const none = Number.MAX_SAFE_INTEGER;
    const ranked: Ranked[] = matched.map(({ e, min }) => ({
      e,
      k: sort === 'relevance' ? (scores ? -(scores.get(e.p.id) ?? 0) : -e.created)
        : sort === 'price_asc' ? (min ?? none)
        : sort === 'price_desc' ? (min === null ? none : -min)
        : sort === 'title' ? e.titleKey
        : -e.created,
    }));
    ranked.sort((a, b) => compare(a, b.k, b.e.p.id));
    return { ranked, facets: this.facets(matched, pr.currency) };
  }

  private facets(matched: { e: Entry; min: number | null; stocked: boolean }[], currency: string): Facets {
    const catCount = new Map<string, number>();
    const colCount = new Map<string, number>();
    const tagCount = new Map<string, number>();
    const attrCount = new Map<string, Map<string, number>>();
    const inc = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
    let min: number | null = null;
    let max: number | null = null;
    let inStock = 0;
    const digits = minorDigits(currency);
    const edges = [10, 25, 50, 100, 250, 500, 1000].map((x) => x * 10 ** digits);
    const buckets = new Array(edges.length + 1).fill(0) as number[];
    for (const { e, min: price, stocked } of matched) {
      for (const c of e.cats) inc(catCount, c);
      for (const c of e.p.collectionIds) inc(colCount, c);
      for (const t of e.p.tags) inc(tagCount, t);
      for (const [k, v] of Object.entries(e.p.attributes)) {
        let m = attrCount.get(k);
        if (!m) attrCount.set(k, (m = new Map()));
        inc(m, v);
      }
      if (stocked) inStock++;
      if (price !== null) {
        if (min === null || price < min) min = price;
        if (max === null || price > max) max = price;
        let b = 0;
        while (b < edges.length && price >= edges[b]) b++;
        buckets[b]++;
      }
    }
    const byCount = <T extends { count: number }>(a: T & { v: string }, b: T & { v: string }) => b.count - a.count || (a.v < b.v ? -1 : a.v > b.v ? 1 : 0);
    return {
      categories: [...this.categories.values()].filter((c) => catCount.has(c.id)).map((c) => ({ id: c.id, handle: c.handle, name: c.name, count: catCount.get(c.id)! })),
      collections: [...this.collections.values()].filter((c) => colCount.has(c.id)).map((c) => ({ id: c.id, handle: c.handle, title: c.title, count: colCount.get(c.id)! })),
      tags: [...tagCount].map(([v, count]) => ({ v, count })).sort(byCount).slice(0, 50).map(({ v, count }) => ({ value: v, count })),
      attributes: [...attrCount.keys()].sort().map((key) => ({
        key, values: [...attrCount.get(key)!].map(([v, count]) => ({ v, count })).sort(byCount).slice(0, 50).map(({ v, count }) => ({ value: v, count })),
      })),
      price: {
        currency, min, max,
        buckets: buckets.map((count, i) => ({ from: i === 0 ? 0 : edges[i - 1], to: i < edges.length ? edges[i] : null, count })).filter((b) => b.count > 0),
      },
      availability: { inStock, outOfStock: matched.length - inStock },
    };
  }

  private cache<T extends StoreProductSummary | StoreProductDetail>(key: string, make: () => T): T {
    if (this.renderedVersion !== this.version) { this.rendered.clear(); this.renderedVersion = this.version; }
    let v = this.rendered.get(key) as T | undefined;
    if (!v) {
      v = make();
      // Bound the render cache: it is only an accelerator.
      if (this.rendered.size > 5000) this.rendered.clear();
      this.rendered.set(key, v);
    }
    return v;
  }

  private storeVariant(v: ProductDto['variants'][number], pr: Pricing) {
    const { price, base } = this.variantPrice(v.id, v.prices, pr);
    const a = this.stock.get(v.id);
    return {
      id: v.id, sku: v.sku, title: v.title, options: v.options,
      price: price === null ? null : { amount: price, currency: pr.currency },
      originalPrice: base !== null && price !== null && base !== price ? { amount: base, currency: pr.currency } : null,
      available: v.manageInventory ? (a?.available ?? 0) : null,
      inStock: this.variantInStock(v),
    };
  }

  private priceRange(e: Entry, pr: Pricing) {
    let min: number | null = null;
    let max: number | null = null;
    for (const v of e.p.variants) {
      const { price } = this.variantPrice(v.id, v.prices, pr);
      if (price === null) continue;
      if (min === null || price < min) min = price;
      if (max === null || price > max) max = price;
    }
    return min === null || max === null ? null : { min, max, currency: pr.currency };
  }

  private summary(e: Entry, pr: Pricing): StoreProductSummary {
    return this.cache(`s|${pr.key}|${e.p.id}`, () => ({
      id: e.p.id, handle: e.p.handle, title: e.p.title, thumbnail: e.p.images[0]?.url ?? null, tags: e.p.tags, attributes: e.p.attributes,
      categoryIds: e.p.categoryIds, priceRange: this.priceRange(e, pr), inStock: this.inStock(e), createdAt: e.p.createdAt,
      variants: e.p.variants.map((v) => this.storeVariant(v, pr)),
    }));
  }

  /** One active product by id or handle, with per-location availability. */
  async detail(idOrHandle: string, q: { currency?: string; priceList?: string }, defaultCurrency: string): Promise<StoreProductDetail | undefined> {
    await this.fresh();
    const e = this.products.get(idOrHandle) ?? this.products.get(this.byHandle.get(idOrHandle) ?? '');
    if (!e) return undefined;
    const pr = this.pricing(q.currency, q.priceList, defaultCurrency);
    return this.cache(`d|${pr.key}|${e.p.id}`, () => ({
      id: e.p.id, handle: e.p.handle, title: e.p.title, description: e.p.description, tags: e.p.tags, attributes: e.p.attributes,
      options: e.p.options, images: e.p.images,
      categories: e.p.categoryIds.map((id) => this.categories.get(id)).filter((c): c is CategoryDto => !!c).map((c) => ({ id: c.id, handle: c.handle, name: c.name })),
      collections: e.p.collectionIds.map((id) => this.collections.get(id)).filter((c): c is CollectionDto => !!c).map((c) => ({ id: c.id, handle: c.handle, title: c.title })),
      priceRange: this.priceRange(e, pr), inStock: this.inStock(e), createdAt: e.p.createdAt, updatedAt: e.p.updatedAt,
      variants: e.p.variants.map((v) => ({ ...this.storeVariant(v, pr), barcode: v.barcode, weightGrams: v.weightGrams, locations: this.stock.get(v.id)?.byLocation ?? [] })),
    }));
  }

  /** The category tree (flat, parent ids) with counts of active products, descendants included. */
  async categoryList() {
    await this.fresh();
    const counts = new Map<string, number>();
    for (const e of this.products.values()) for (const c of e.cats) counts.set(c, (counts.get(c) ?? 0) + 1);
    return [...this.categories.values()].map((c) => ({ ...c, productCount: counts.get(c.id) ?? 0 }));
  }

  async collectionList() {
    await this.fresh();
    const counts = new Map<string, number>();
    for (const e of this.products.values()) for (const c of e.p.collectionIds) counts.set(c, (counts.get(c) ?? 0) + 1);
    return [...this.collections.values()].map((c) => ({ id: c.id, title: c.title, handle: c.handle, description: c.description, productCount: counts.get(c.id) ?? 0 }));
  }

  /** For diagnostics and tests. */
  stats() {
    return { products: this.products.size, variants: [...this.products.values()].reduce((n, e) => n + e.p.variants.length, 0), version: this.version, lastSeq: this.lastSeq };
  }
}

function compare(a: Ranked, k: number | string, id: string): number {
  if (a.k !== k) {
    if (typeof a.k === 'number' && typeof k === 'number') return a.k - k;
    return String(a.k) < String(k) ? -1 : 1;
  }
  return a.e.p.id < id ? -1 : a.e.p.id > id ? 1 : 0;
}

/** Inventory events name variants in a few shapes; collect every variant id mentioned. */
function collectVariantIds(payload: any, into: Set<string>): void {
  if (!payload || typeof payload !== 'object') return;
  if (typeof payload.variantId === 'string') into.add(payload.variantId);
  if (Array.isArray(payload.variantIds)) for (const v of payload.variantIds) if (typeof v === 'string') into.add(v);
  if (Array.isArray(payload.lines)) for (const l of payload.lines) if (typeof l?.variantId === 'string') into.add(l.variantId);
}
