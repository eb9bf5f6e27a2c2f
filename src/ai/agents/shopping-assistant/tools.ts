/**
 * The shopping assistant's tools: catalogue search with every constraint checked per variant,
 * the facts of named products, and adding a variant to the shopper's cart — each through the
 * catalog's or the cart's front door, in the shopper's own context.
 */
import { Type } from '@sinclair/typebox';
import { isAppError } from '../../../kernel/index.js';
import type { Ctx } from '../../../platform/index.js';
import type { CartService } from '../../../modules/cart/index.js';
import type { StoreProductDetail } from '../../../modules/catalog/index.js';
import { defineTool } from '../../runtime/index.js';
import type { CatalogFrontDoor, CatalogueView } from './catalogue.js';
import { Constraints, ProductHit, VariantFact } from './contracts.js';
import { matchingVariants, missingKeywords } from './domain/matching.js';

/** Guest cart secrets, held beside the request's context so they never enter a tool's input or the run log. */
export const cartTokens = new WeakMap<Ctx, string>();

const SEARCH_POOL = 60;

export const ProductFacts = Type.Object({
  id: Type.String(), handle: Type.String(), title: Type.String(), thumbnail: Type.Union([Type.String(), Type.Null()]),
  description: Type.String(), tags: Type.Array(Type.String()), attributes: Type.Record(Type.String(), Type.String()),
  categories: Type.Array(Type.String()), options: Type.Array(Type.Object({ name: Type.String(), values: Type.Array(Type.String()) })),
  priceRange: Type.Union([Type.Object({ min: Type.Integer(), max: Type.Integer(), currency: Type.String() }), Type.Null()]),
  inStock: Type.Boolean(), variants: Type.Array(VariantFact),
});

const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();

function facts(d: StoreProductDetail) {
  return {
    id: d.id, handle: d.handle, title: d.title, thumbnail: d.images[0]?.url ?? null, description: plain(d.description).slice(0, 1000),
    tags: d.tags, attributes: d.attributes, categories: d.categories.map((c) => c.name), options: d.options, priceRange: d.priceRange, inStock: d.inStock,
    variants: d.variants.map((v) => ({ id: v.id, title: v.title, options: v.options, price: v.price, inStock: v.inStock, available: v.available })),
  };
}

export function shoppingTools(deps: { catalog: CatalogFrontDoor; cart: CartService; view: CatalogueView; currency: string }) {
  const searchProducts = defineTool({
    name: 'search_products',
    description: 'Searches the catalogue with constraints (words, category, tags, attributes, option values, price bounds in minor units, sort, in stock); answers matching products with the variants that satisfy every constraint.',
    input: Type.Object({ constraints: Constraints, limit: Type.Integer({ minimum: 1, maximum: 24 }) }, { additionalProperties: false }),
    output: Type.Object({ total: Type.Integer(), hits: Type.Array(ProductHit) }),
    summarise: (o) => `${o.total} match; ${o.hits.slice(0, 5).map((h) => h.title).join(', ')}`,
    async run(_ctx, { constraints: c, limit }) {
      const snap = await deps.view.snapshot();
      const attributes: Record<string, string[]> = {};
      for (const a of c.attributes) (attributes[a.key] ??= []).push(a.value);
      const list = await deps.catalog.listProducts({
        q: c.keywords.join(' ') || undefined, category: c.category ? [c.category.id] : undefined, tag: c.tags.length ? c.tags : undefined,
        attributes: Object.keys(attributes).length ? attributes : undefined,
        // The variant check below applies the lower bound per variant; the list's bound is on the cheapest variant only.
        maxPrice: c.maxPrice, inStock: c.inStock, sort: c.sort, limit: SEARCH_POOL, currency: deps.currency,
      });
      const hits: (ProductHit & { rank: number })[] = [];
      for (const [rank, p] of list.items.entries()) {
        const detail = await deps.catalog.productDetail(p.id, { currency: deps.currency });
        if (!detail) continue;
        const f = facts(detail);
        const variants = matchingVariants(f, c);
        if (!variants.length) continue;
        const missing = missingKeywords({ ...f, categoryNames: p.categoryIds.map((id) => snap.categoryNames.get(id) ?? '') , description: f.description }, c.keywords);
        hits.push({ id: p.id, handle: p.handle, title: p.title, thumbnail: p.thumbnail, priceRange: p.priceRange, inStock: variants.some((v) => v.inStock), variants, missing, rank });
      }
      // Products with every word first (the search falls back to any word), then the list's own order.
      hits.sort((a, b) => a.missing.length - b.missing.length || a.rank - b.rank);
      const total = hits.filter((h) => h.missing.length === 0).length;
      return { total, hits: hits.slice(0, limit).map(({ rank: _r, ...h }) => h) };
    },
  });

  const productFacts = defineTool({
    name: 'product_facts',
    description: 'The catalogue facts of one to four products by id: title, description, attributes, tags, categories, options, and each variant with its price and stock.',
    input: Type.Object({ ids: Type.Array(Type.String({ minLength: 1, maxLength: 120 }), { minItems: 1, maxItems: 4 }) }, { additionalProperties: false }),
    output: Type.Object({ products: Type.Array(ProductFacts) }),
    summarise: (o) => o.products.map((p) => `${p.title} (${p.variants.length} variants)`).join(', '),
    async run(_ctx, { ids }) {
      const products = [];
      for (const id of ids) {
        const d = await deps.catalog.productDetail(id, { currency: deps.currency });
        if (d) products.push(facts(d));
      }
      return { products };
    },
  });

  const addToCart = defineTool({
    name: 'add_to_cart',
    effect: true,
    description: 'Adds a quantity of one variant to the shopper\'s cart (starting a guest cart when they have none); answers the line as the cart priced it.',
    input: Type.Object({
      cartId: Type.Union([Type.String({ minLength: 1, maxLength: 120 }), Type.Null()]),
      variantId: Type.String({ minLength: 1, maxLength: 120 }),
      quantity: Type.Integer({ minimum: 1, maximum: 99 }),
    }, { additionalProperties: false }),
    output: Type.Object({
      ok: Type.Boolean(), error: Type.Union([Type.String(), Type.Null()]),
      cartId: Type.Union([Type.String(), Type.Null()]), token: Type.Union([Type.String(), Type.Null()]),
      line: Type.Union([Type.Object({ title: Type.String(), variantTitle: Type.Union([Type.String(), Type.Null()]), quantity: Type.Integer(), unitPrice: Type.Union([Type.Integer(), Type.Null()]), currency: Type.String() }), Type.Null()]),
    }),
    // The guest secret stays out of the run log.
    summarise: (o) => (o.ok ? `added; line now ${o.line?.quantity} × ${o.line?.title}` : `refused: ${o.error}`),
    async run(ctx, { cartId, variantId, quantity }) {
      let id = cartId;
      let token = cartTokens.get(ctx) ?? null;
      let created: string | null = null;
      try {
        if (!id) {
          const made = await deps.cart.create(ctx, {});
          id = made.cart.id;
          token = made.token;
          created = made.token;
        }
        let cart;
        try {
          cart = await deps.cart.addLine(ctx, id, token ?? undefined, { variantId, quantity });
        } catch (e) {
          // A cart that is gone or closed (converted, merged): start a fresh one once, as the storefront does.
          if (!cartId || !isAppError(e) || !(e.status === 404 || e.status === 409)) throw e;
          const made = await deps.cart.create(ctx, {});
          id = made.cart.id;
          token = made.token;
          created = made.token;
          cart = await deps.cart.addLine(ctx, id, token ?? undefined, { variantId, quantity });
        }
        const line = cart.lines.find((l) => l.variantId === variantId);
        return {
          ok: true, error: null, cartId: cart.id, token: created,
          line: line ? { title: line.productTitle ?? line.title ?? '', variantTitle: line.title, quantity: line.quantity, unitPrice: line.unitPrice, currency: cart.currency } : null,
        };
      } catch (e) {
        if (!isAppError(e) || e.status >= 500) throw e;
        return { ok: false, error: e.message, cartId: id, token: created, line: null };
      }
    },
  });

  return { searchProducts, productFacts, addToCart };
}

export type ShoppingTools = ReturnType<typeof shoppingTools>;
