/**
 * Visual search: every product image gets a descriptor when the product is created or changed
 * (an event consumer), kept in `visual_descriptors` and in memory; an uploaded photo is described
 * the same way and ranked against them, best image per product. With an embeddings endpoint
 * configured, images are also embedded and the photo is ranked by embeddings — falling back to the
 * descriptors whenever the endpoint fails or has not embedded enough of the catalogue.
 */
import { AppError, type Clock } from '../../kernel/index.js';
import type { Ctx, Db, Logger } from '../../platform/index.js';
import { MAX_IMAGE_BYTES, sniffImage, type CatalogModule } from '../../modules/catalog/index.js';
import { describeImage, DESCRIPTOR_VERSION, embeddingSimilarity, similarity, type ImageDescriptor } from '../ml/vision/index.js';
import { decodeForDescriptor, thumbnailDataUrl } from './decode.js';
import type { EmbeddingsClient } from './embeddings.js';

type Catalog = CatalogModule['service'];

interface Row { imageId: string; productId: string; method: string; vector: ImageDescriptor | number[]; dominant: string | null }

export interface VisualMatch {
  productId: string; handle: string; title: string; thumbnail: string | null;
  priceRange: { min: number; max: number; currency: string } | null; inStock: boolean;
  /** The product image that matched best. */
  imageUrl: string;
  score: number;
  /** Parts of the descriptor similarity (0–1); null when embeddings ranked. */
  colour: number | null; shape: number | null; texture: number | null;
  /** The matched image's main colour in words. */
  dominant: string | null;
  reason: string;
}

export interface VisualSearchResult {
  method: 'descriptors' | 'embeddings';
  /** Why embeddings were not used although configured. */
  fallbackReason: string | null;
  query: { dominant: string; width: number; height: number };
  items: VisualMatch[];
}

const embedMethod = (model: string) => `embeddings:${model}`.slice(0, 120);

export class VisualSearch {
  private rows = new Map<string, Row>();
  private seen = '';

  constructor(private deps: { db: Db; clock: Clock; log: Logger; catalog: Catalog; currency: string; embeddings?: EmbeddingsClient }) {}

  /** Loads the descriptors again if any were written since the last look (by this node or another). */
  private async refresh(): Promise<void> {
    const stamp = await this.deps.db.selectFrom('visual_descriptors').select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('computed_at').as('at')]).executeTakeFirst();
    const key = `${stamp?.n ?? 0}|${stamp?.at ?? ''}`;
    if (key === this.seen) return;
    const rows = await this.deps.db.selectFrom('visual_descriptors').select(['image_id', 'product_id', 'method', 'vector', 'dominant']).execute();
    this.rows = new Map(rows.map((r: any) => [`${r.image_id}|${r.method}`, { imageId: r.image_id, productId: r.product_id, method: r.method, vector: JSON.parse(r.vector), dominant: r.dominant }]));
    this.seen = key;
  }

  /** Describes a product's uploaded images that have no descriptor yet, and forgets images it no longer has. */
  async describeProduct(ctx: Ctx, productId: string): Promise<{ described: number }> {
    let product;
    try { product = await this.deps.catalog.getProduct(ctx, productId); } catch (e) {
      if (e instanceof AppError && e.status === 404) { await this.forget(ctx, productId); return { described: 0 }; }
      throw e;
    }
    const have = await ctx.db.selectFrom('visual_descriptors').select(['image_id', 'method']).where('product_id', '=', productId).execute() as { image_id: string; method: string }[];
    const keep = new Set(product.images.map((i) => i.id));
    const gone = have.filter((h) => !keep.has(h.image_id)).map((h) => h.image_id);
    if (gone.length) await ctx.db.deleteFrom('visual_descriptors').where('image_id', 'in', gone).execute();
    const methods = [DESCRIPTOR_VERSION, ...(this.deps.embeddings ? [embedMethod(this.deps.embeddings.model)] : [])];
    let described = 0;
    for (const image of product.images) {
      const missing = methods.filter((m) => !have.some((h) => h.image_id === image.id && h.method === m));
      if (!missing.length) continue;
      // Only images stored by the catalogue are read; remote URLs are not fetched (nothing leaves the store).
      const bytes = await this.deps.catalog.uploads.read(image.url);
      if (!bytes) continue;
      const now = ctx.clock.now().toISOString();
      for (const method of missing) {
        let vector: ImageDescriptor | number[];
        let dominant: string | null = null;
        try {
          if (method === DESCRIPTOR_VERSION) {
            const { rgb, width, height } = await decodeForDescriptor(bytes);
            const d = describeImage(rgb, width, height);
            vector = d;
            dominant = d.dominant;
          } else {
            vector = await this.deps.embeddings!.embed(await thumbnailDataUrl(bytes));
          }
        } catch (e) {
          // One unreadable image (or an embeddings outage) must not hold up the product's other images.
          this.deps.log.warn({ err: e, productId, imageId: image.id, method }, 'product image not described');
          continue;
        }
        await ctx.db.insertInto('visual_descriptors').values({
          image_id: image.id, method, product_id: productId, image_url: image.url, vector: JSON.stringify(vector), dominant, computed_at: now,
        }).onConflict((oc) => oc.columns(['image_id', 'method']).doNothing()).execute();
        described++;
      }
    }
    return { described };
  }

  async forget(ctx: Ctx, productId: string): Promise<void> {
    await ctx.db.deleteFrom('visual_descriptors').where('product_id', '=', productId).execute();
  }

  /** How much of the catalogue is described, per method. */
  async status(ctx: Ctx): Promise<{ methods: { method: string; images: number; products: number }[]; embeddings: string | null }> {
    const rows = await ctx.db.selectFrom('visual_descriptors').select(['method', (eb) => eb.fn.countAll().as('images'), (eb) => eb.fn.count('product_id').distinct().as('products')]).groupBy('method').execute();
    return { methods: rows.map((r: any) => ({ method: r.method, images: Number(r.images), products: Number(r.products) })), embeddings: this.deps.embeddings?.model ?? null };
  }

  /** Checks an uploaded photo: present, small enough, and an image by its bytes (4xx naming the field otherwise). */
  static check(bytes: Buffer | undefined): Buffer {
    if (!bytes || bytes.length === 0) throw new AppError('validation.failed', 'invalid request: body.file is required (a photo as a multipart file)', 400, [{ field: 'body.file', message: 'is required' }]);
    if (bytes.length > MAX_IMAGE_BYTES) throw new AppError('visual_search.image_too_large', `photos may be at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB`, 413, [{ field: 'body.file', message: 'is too large' }]);
    if (!sniffImage(bytes)) throw new AppError('visual_search.image_type_unsupported', 'the file is not a PNG, JPEG, GIF or WebP image', 415, [{ field: 'body.file', message: 'is not a supported image' }]);
    return bytes;
  }

  /** Products whose images look most like the photo, best first. */
  async search(bytes: Buffer, limit: number): Promise<VisualSearchResult> {
    VisualSearch.check(bytes);
    const decoded = await decodeForDescriptor(bytes);
    const query = describeImage(decoded.rgb, decoded.width, decoded.height);
    await this.refresh();
    let method: VisualSearchResult['method'] = 'descriptors';
    let fallbackReason: string | null = null;
    const best = new Map<string, { row: Row; score: number; parts: ReturnType<typeof similarity> | null }>();
    const emb = this.deps.embeddings;
    if (emb) {
      const m = embedMethod(emb.model);
      const rows = [...this.rows.values()].filter((r) => r.method === m);
      const described = new Set([...this.rows.values()].filter((r) => r.method === DESCRIPTOR_VERSION).map((r) => r.productId));
      const embedded = new Set(rows.map((r) => r.productId));
      if (embedded.size < described.size * 0.5) fallbackReason = `only ${embedded.size} of ${described.size} products have embeddings`;
      else {
        try {
          const v = await emb.embed(await thumbnailDataUrl(bytes));
          for (const r of rows) {
            const score = embeddingSimilarity(v, r.vector as number[]);
            const cur = best.get(r.productId);
            if (!cur || score > cur.score) best.set(r.productId, { row: r, score, parts: null });
          }
          method = 'embeddings';
        } catch (e) {
          fallbackReason = (e as Error).message;
        }
      }
    }
    if (method === 'descriptors') {
      for (const r of this.rows.values()) {
        if (r.method !== DESCRIPTOR_VERSION) continue;
        const parts = similarity(query, r.vector as ImageDescriptor);
        const cur = best.get(r.productId);
        if (!cur || parts.score > cur.score) best.set(r.productId, { row: r, score: parts.score, parts });
      }
    }
    const ranked = [...best.values()].sort((a, b) => b.score - a.score || (a.row.productId < b.row.productId ? -1 : 1));
    const items: VisualMatch[] = [];
    for (const { row, score, parts } of ranked) {
      if (items.length >= limit) break;
      // Facts from the storefront: only active products, with today's price and stock.
      const p = await this.deps.catalog.productDetail(row.productId, { currency: this.deps.currency });
      if (!p) continue;
      const image = p.images.find((i) => i.id === row.imageId);
      items.push({
        productId: p.id, handle: p.handle, title: p.title, thumbnail: p.images[0]?.url ?? null, priceRange: p.priceRange, inStock: p.inStock,
        imageUrl: image?.url ?? p.images[0]?.url ?? '', score: Math.round(score * 1000) / 1000,
        colour: parts ? Math.round(parts.colour * 1000) / 1000 : null, shape: parts ? Math.round(parts.shape * 1000) / 1000 : null,
        texture: parts ? Math.round(parts.texture * 1000) / 1000 : null, dominant: row.dominant,
        reason: reasonFor(query.dominant, row.dominant, parts),
      });
    }
    return { method, fallbackReason, query: { dominant: query.dominant, width: decoded.width, height: decoded.height }, items };
  }
}

/** The reason in words: what the photo and the product image share. */
function reasonFor(queryColour: string, itemColour: string | null, parts: ReturnType<typeof similarity> | null): string {
  if (!parts) return 'Looks alike (image embeddings)';
  const shared: string[] = [];
  if (itemColour && itemColour === queryColour) shared.push(`same main colour (${itemColour})`);
  else if (parts.colour >= 0.5) shared.push('similar colours');
  if (parts.shape >= 0.6) shared.push('similar shape');
  if (parts.texture >= 0.8) shared.push('similar texture');
  return shared.length ? `${shared.join(', ').replace(/^./, (c) => c.toUpperCase())}` : 'Closest look in the catalogue';
}
