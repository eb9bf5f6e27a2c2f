/**
 * Serving recommendations from memory: the active model version (and an experiment's two arms),
 * and every product's feature row (publish state, stock, velocity, categories, price). A request
 * touches no database unless it asks for a signed-in customer's latest purchases (cached briefly).
 * Out-of-stock and unpublished products are never served; with no model or no history the lists
 * fall back to bestsellers and new items. Impressions and views are counted in memory and written
 * every few seconds in one transaction.
 */
import { LRUCache } from 'lru-cache';
import type { Clock } from '../../kernel/index.js';
import { inTransaction, systemActor, type Ctx, type Db, type Logger } from '../../platform/index.js';
import { Recommender, type Recommendation } from '../ml/recommend/index.js';
import type { FeatureViews, ProductSnapshot, StorefrontView } from '../features/index.js';
import { assignArm, type ModelRegistry, type OutcomeCount, type RunningExperiment } from '../registry/index.js';
import { TokenSigner } from './tokens.js';
import { RECOMMEND_MODEL } from './trainer.js';

export type Surface = 'home' | 'together' | 'similar' | 'cart';
export type ItemSource = 'personal' | 'together' | 'similar' | 'popular' | 'new';

export interface RecommendedItem {
  productId: string; handle: string; title: string; thumbnail: string | null;
  price: { amount: number; currency: string } | null;
  reason: string; source: ItemSource; because: string[]; token: string;
}

export interface RecommendationList {
  surface: Surface;
  items: RecommendedItem[];
  model: { versionId: string; version: number } | null;
  experiment: { id: string; arm: 'control' | 'treatment' } | null;
  /** True when no model answered (cold start or unknown item): bestsellers and new items only. */
  fallback: boolean;
}

export interface RecommendRequest {
  surface: Surface;
  customerId: string | null;
  session: string | null;
  productId?: string;
  cart?: string[];
  limit: number;
}

interface Served { id: string; version: number; rec: Recommender }

const FLUSH_MS = 2000;
const CHECK_MS = 5000;
/** Between full reloads, only products changed since the last look are re-read. */
const FULL_RELOAD_MS = 60_000;
/** How far back a look reaches before the last change it saw: a transaction stamped earlier may commit later. */
const LATE_COMMIT_MS = 30_000;

export class RecommendationEngine {
  private products = new Map<string, ProductSnapshot>();
  private popular: ProductSnapshot[] = [];
  private newest: ProductSnapshot[] = [];
  private byCategory = new Map<string, ProductSnapshot[]>();
  private productStamp = '';
  /** The newest product change seen (updated_at), and when everything was last read (wall clock). */
  private loadedThrough: string | null = null;
  private fullAt = 0;
  private served = new Map<string, Served>();
  private activeId: string | null = null;
  private experiment: RunningExperiment | null = null;
  private dirtyProducts = true;
  private dirtyModels = true;
  private loading?: Promise<void>;
  private recent = new LRUCache<string, { ids: string[] }>({ max: 5000, ttl: 30_000 });
  /** Answered lists by what decides them (surface, arm, version, customer, item, cart, size); emptied on any change. */
  private lists = new LRUCache<string, RecommendationList>({ max: 20_000, ttl: 60_000 });
  private counters = new Map<string, OutcomeCount & { lists: number }>();
  private views: StorefrontView[] = [];
  private timers: NodeJS.Timeout[] = [];
  private flushing?: Promise<void>;
  private stopped = false;
  readonly signer: TokenSigner;

  constructor(private deps: { db: Db; clock: Clock; log: Logger; registry: ModelRegistry; features: FeatureViews; secret: string }) {
    this.signer = new TokenSigner(deps.secret);
    deps.registry.onChange((model) => { if (model === RECOMMEND_MODEL) this.markModelsDirty(); });
    deps.features.onProductsChanged(() => this.markProductsDirty());
  }

  private ctx(): Ctx { return { db: this.deps.db, actor: systemActor('recommendations'), clock: this.deps.clock }; }

  async start(): Promise<void> {
    await this.fresh();
    this.timers.push(setInterval(() => { void this.flush(); }, FLUSH_MS), setInterval(() => { void this.check(); }, CHECK_MS));
    for (const t of this.timers) t.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.loading;
    await this.flush();
  }

  markProductsDirty(): void {
    if (this.stopped) return;
    this.dirtyProducts = true;
    this.recent.clear();
    this.lists.clear();
    // Look again a second later too: on PostgreSQL the change may not have committed at the first look.
    setTimeout(() => { this.dirtyProducts = true; void this.fresh(); }, 1000).unref();
    void this.fresh();
  }

  markModelsDirty(): void {
    if (this.stopped) return;
    this.dirtyModels = true;
    setTimeout(() => { this.dirtyModels = true; void this.fresh(); }, 1000).unref();
    void this.fresh();
  }

  /** Applies pending changes (requests wait only when something changed). */
  fresh(): Promise<void> {
    if (this.stopped || (!this.dirtyProducts && !this.dirtyModels)) return this.loading ?? Promise.resolve();
    if (!this.loading) {
      this.loading = (async () => {
        try {
          while (this.dirtyProducts || this.dirtyModels) {
            if (this.dirtyProducts) { this.dirtyProducts = false; await this.loadProducts(); }
            if (this.dirtyModels) { this.dirtyModels = false; await this.loadModels(); }
            this.lists.clear();
          }
        } catch (e) {
          this.deps.log.error({ err: e }, 'recommendations: reload failed; serving the last good state');
        } finally { this.loading = undefined; }
      })();
    }
    return this.loading;
  }

  /** Other nodes promote versions and update features too: a cheap look every few seconds. */
  private async check(): Promise<void> {
    try {
      const s = await this.deps.registry.servingState(this.ctx(), RECOMMEND_MODEL);
      if (s.activeId !== this.activeId || (s.experiment?.id ?? null) !== (this.experiment?.id ?? null)) this.dirtyModels = true;
      if ((await this.stamp()).key !== this.productStamp) this.dirtyProducts = true;
      await this.fresh();
    } catch (e) { this.deps.log.warn({ err: e }, 'recommendations: freshness check failed'); }
  }

  private async stamp(): Promise<{ at: string | null; n: number; key: string }> {
    const r = await this.deps.db.selectFrom('ai_product_features').select([(eb) => eb.fn.max('updated_at').as('at'), (eb) => eb.fn.countAll().as('n')]).executeTakeFirst();
    const at = (r?.at as string | null | undefined) ?? null;
    const n = Number(r?.n ?? 0);
    return { at, n, key: `${at ?? ''}/${n}` };
  }

  /**
   * Re-reads the products changed since the last look (a checkout's stock change touches one or
   * two), and everything once a minute or when the number of products no longer adds up. A busy
   * store changes features many times a second on every node that handles its events; reading
   * the whole table each time made PostgreSQL's work per checkout grow with the catalogue.
   */
  private async loadProducts(): Promise<void> {
    const stamp = await this.stamp();
    const ctx = this.ctx();
    const incremental = this.loadedThrough !== null && Date.now() - this.fullAt < FULL_RELOAD_MS;
    if (incremental) {
      const since = new Date(Date.parse(this.loadedThrough!) - LATE_COMMIT_MS).toISOString();
      for (const p of await this.deps.features.products(ctx, { updatedSince: since })) this.products.set(p.productId, p);
    }
    if (!incremental || this.products.size !== stamp.n) {
      this.products = new Map((await this.deps.features.products(ctx)).map((p) => [p.productId, p]));
      this.fullAt = Date.now();
    }
    this.loadedThrough = stamp.at;
    const all = [...this.products.values()];
    const live = all.filter((p) => p.published && p.inStock);
    this.popular = live.filter((p) => p.salesVelocity > 0 || p.unitsSold > 0)
      .sort((a, b) => b.salesVelocity - a.salesVelocity || b.unitsSold - a.unitsSold || a.productId.localeCompare(b.productId));
    this.newest = [...live].sort((a, b) => b.productCreatedAt.localeCompare(a.productCreatedAt) || a.productId.localeCompare(b.productId));
    this.byCategory = new Map();
    for (const p of [...this.popular, ...this.newest.filter((x) => !(x.salesVelocity > 0 || x.unitsSold > 0))]) {
      for (const c of p.categories) {
        const list = this.byCategory.get(c.id) ?? [];
        list.push(p);
        this.byCategory.set(c.id, list);
      }
    }
    this.productStamp = stamp.key;
  }

  private async loadModels(): Promise<void> {
    const ctx = this.ctx();
    const s = await this.deps.registry.servingState(ctx, RECOMMEND_MODEL);
    const wanted = [s.activeId, s.experiment?.controlVersionId, s.experiment?.treatmentVersionId].filter((x): x is string => !!x);
    const next = new Map<string, Served>();
    for (const id of new Set(wanted)) {
      const have = this.served.get(id);
      if (have) { next.set(id, have); continue; }
      const v = await this.deps.registry.loadVersion(ctx, id);
      if (!v) continue;
      try { next.set(id, { id, version: v.version, rec: Recommender.fromJSON(v.artefact as ReturnType<Recommender['toJSON']>) }); } catch (e) {
        this.deps.log.error({ err: e, versionId: id }, 'recommendations: a model version could not be loaded');
      }
    }
    this.served = next;
    this.activeId = s.activeId;
    this.experiment = s.experiment && next.has(s.experiment.controlVersionId) && next.has(s.experiment.treatmentVersionId) ? s.experiment : null;
  }

  /** Answers one list. Never throws for unknown items or missing models: it falls back. */
  async recommend(ctx: Ctx, q: RecommendRequest): Promise<RecommendationList> {
    // Inside a caller's transaction (a job), never wait for a reload: on SQLite it reads through the
    // one connection that transaction holds. The reload still happens, after it.
    if (ctx.db.isTransaction) void this.fresh(); else await this.fresh();
    const subject = q.customerId ? `c:${q.customerId}` : q.session ? `s:${q.session}` : 'anon';
    let arm: 'control' | 'treatment' | '' = '';
    let model: Served | undefined;
    const exp = this.experiment;
    if (exp) {
      arm = subject === 'anon' ? 'control' : assignArm(exp.id, subject, exp.treatmentPercent);
      model = this.served.get(arm === 'treatment' ? exp.treatmentVersionId : exp.controlVersionId);
    } else if (this.activeId) model = this.served.get(this.activeId);
    const key = [q.surface, exp?.id ?? '', arm, model?.id ?? '', q.customerId ?? '', q.productId ?? '', (q.cart ?? []).join(','), q.limit].join('|');
    const cached = this.lists.get(key);
    if (cached) {
      this.count(exp?.id ?? '', arm, model?.id ?? '', q.surface, cached.items.length);
      return cached;
    }

    const out: RecommendedItem[] = [];
    const taken = new Set<string>();
    const t = Math.floor(this.deps.clock.now().getTime() / 1000);
    const exclude = new Set<string>([...(q.cart ?? []), ...(q.productId ? [q.productId] : [])]);
    let personal = 0;
    const add = (productId: string, source: ItemSource, reason: string, because: string[] = []): boolean => {
      if (out.length >= q.limit || taken.has(productId) || exclude.has(productId)) return false;
      const p = this.products.get(productId);
      if (!p || !p.published || !p.inStock) return false;
      taken.add(productId);
      if (source !== 'popular' && source !== 'new') personal++;
      out.push({
        productId, handle: p.handle, title: p.title, thumbnail: p.thumbnail, price: p.price === null ? null : { amount: p.price, currency: p.currency },
        reason, source, because,
        token: this.signer.sign({ e: exp?.id ?? '', a: arm, v: model?.id ?? '', s: q.surface, p: productId, t }),
      });
      return true;
    };
    const title = (id: string) => this.products.get(id)?.title ?? 'an item you chose';
    const fromModel = (recs: Recommendation[], mode: 'personal' | 'together' | 'cart') => {
      for (const r of recs) {
        if (r.source === 'popularity' || r.source === 'bought-before') continue;
        const seed = r.because.find((b) => this.products.has(b));
        if (mode === 'together') add(r.item, 'together', `Often bought with ${title(q.productId!)}`, [q.productId!]);
        else if (seed && (mode === 'personal' || !q.cart?.includes(seed))) add(r.item, 'personal', `Because you bought ${title(seed)}`, [seed]);
        else if (seed) add(r.item, 'together', `Often bought with ${title(seed)}`, [seed]);
        else add(r.item, mode === 'cart' ? 'together' : 'personal', mode === 'cart' ? 'Often bought with what is in your cart' : 'Picked for you from what you bought');
      }
    };
    const extra = q.limit + 24;

    if (q.surface === 'home') {
      const recent = q.customerId ? await this.recentPurchases(ctx, q.customerId) : [];
      if (model && (q.customerId || recent.length)) fromModel(model.rec.predict({ user: q.customerId ?? undefined, context: recent, k: extra }), 'personal');
      if (q.customerId) this.favouriteCategoryFill(recent, add);
    } else if (q.surface === 'together' && q.productId) {
      if (model) fromModel(model.rec.frequentlyBoughtTogether(q.productId, extra), 'together');
    } else if (q.surface === 'similar' && q.productId) {
      this.similar(q.productId, model, add);
    } else if (q.surface === 'cart' && q.cart?.length) {
      if (model) fromModel(model.rec.predict({ user: q.customerId ?? undefined, context: q.cart, k: extra }), 'cart');
    }
    // Cold start or too few: bestsellers of the item's categories, then of the shop, then what is new.
    const seedCats = [q.productId, ...(q.cart ?? [])].flatMap((id) => (id ? this.products.get(id)?.categories ?? [] : []));
    for (const c of seedCats) for (const p of this.byCategory.get(c.id) ?? []) { if (out.length >= q.limit) break; add(p.productId, 'popular', `Popular in ${c.name}`); }
    for (const p of this.popular) { if (out.length >= q.limit) break; add(p.productId, 'popular', p.categories[0] ? `Popular in ${p.categories[0].name}` : 'Popular in the shop right now'); }
    for (const p of this.newest) { if (out.length >= q.limit) break; add(p.productId, 'new', 'New in the shop'); }

    this.count(exp?.id ?? '', arm, model?.id ?? '', q.surface, out.length);
    const list: RecommendationList = {
      surface: q.surface, items: out,
      model: model ? { versionId: model.id, version: model.version } : null,
      experiment: exp && arm ? { id: exp.id, arm } : null,
      fallback: personal === 0,
    };
    this.lists.set(key, list);
    return list;
  }

  /** Items of the customer's favourite categories (from what they bought), for a feed the model cannot fill. */
  private favouriteCategoryFill(recent: string[], add: (id: string, s: ItemSource, reason: string, because?: string[]) => boolean): void {
    const seen = new Set<string>();
    for (const id of recent) {
      for (const c of this.products.get(id)?.categories ?? []) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        for (const p of (this.byCategory.get(c.id) ?? []).slice(0, 3)) add(p.productId, 'personal', `Because you like ${c.name}`, [id]);
      }
    }
  }

  /** Same category and a close price first, then what the same customers bought. */
  private similar(productId: string, model: Served | undefined, add: (id: string, s: ItemSource, reason: string, because?: string[]) => boolean): void {
    const base = this.products.get(productId);
    const co = new Map<string, number>();
    if (model) {
      const sims = model.rec.similarItems(productId, 60);
      const top = sims[0]?.score || 1;
      for (const s of sims) co.set(s.item, s.score / top);
    }
    const cats = new Set(base?.categories.map((c) => c.id) ?? []);
    const candidates = new Set<string>(co.keys());
    for (const c of cats) for (const p of (this.byCategory.get(c) ?? []).slice(0, 300)) candidates.add(p.productId);
    const scored: { id: string; score: number; sameCat: boolean; closePrice: number; sim: number }[] = [];
    for (const id of candidates) {
      const p = this.products.get(id);
      if (!p || id === productId) continue;
      const sameCat = p.categories.some((c) => cats.has(c.id));
      const closePrice = base?.price && p.price ? Math.max(0, 1 - Math.abs(Math.log(p.price / base.price)) / Math.LN2) : 0;
      const sim = co.get(id) ?? 0;
      scored.push({ id, sameCat, closePrice, sim, score: (sameCat ? 0.5 : 0) + 0.3 * closePrice + 0.4 * sim + 0.001 * Math.min(p.salesVelocity, 10) });
    }
    scored.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    for (const s of scored) {
      if (s.sameCat && s.closePrice >= 0.5) add(s.id, 'similar', 'Similar in category and price', [productId]);
      else if (s.sim > 0) add(s.id, 'similar', `Customers who bought ${base?.title ?? 'this'} also bought this`, [productId]);
      else if (s.sameCat) add(s.id, 'similar', `More from ${base?.categories.find((c) => this.products.get(s.id)?.categories.some((x) => x.id === c.id))?.name ?? 'the same category'}`, [productId]);
    }
  }

  private async recentPurchases(ctx: Ctx, customerId: string): Promise<string[]> {
    const hit = this.recent.get(customerId);
    if (hit) return hit.ids;
    const f = await this.deps.features.customer(ctx, customerId);
    const ids = f?.lastBought ?? [];
    this.recent.set(customerId, { ids });
    return ids;
  }

  private count(experimentId: string, arm: 'control' | 'treatment' | '', versionId: string, surface: string, items: number, lists = 1): void {
    const key = `${experimentId}|${arm}|${versionId}|${surface}`;
    const c = this.counters.get(key) ?? { experimentId, arm, versionId, surface, kind: 'impression', count: 0, lists: 0 };
    c.count += items;
    c.lists += lists;
    this.counters.set(key, c);
  }

  /** A storefront product view (counted into the feature views at the next flush). */
  view(v: StorefrontView): void {
    if (this.views.length < 50_000) this.views.push(v);
  }

  /** Writes counted impressions and views (every few seconds, and on stop). */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (!this.counters.size && !this.views.length) return Promise.resolve();
    const counts = [...this.counters.values()];
    const views = this.views;
    this.counters = new Map();
    this.views = [];
    this.flushing = (async () => {
      try {
        await inTransaction(this.deps.db, async (tx) => {
          const ctx: Ctx = { db: tx, actor: systemActor('recommendations'), clock: this.deps.clock };
          await this.deps.registry.addCounts(ctx, counts.flatMap((c) => [
            { ...c, kind: 'list', count: c.lists }, { ...c, kind: 'impression', count: c.count },
          ]));
          await this.deps.features.recordViews(ctx, views);
        });
      } catch (e) {
        this.deps.log.warn({ err: e }, 'recommendations: outcome counters not written; kept for the next flush');
        for (const c of counts) this.count(c.experimentId, c.arm, c.versionId, c.surface, c.count, c.lists);
        this.views.push(...views);
      } finally { this.flushing = undefined; }
    })();
    return this.flushing;
  }
}
