/**
 * Recommendation surfaces: the personalised home feed, "frequently bought together" and "similar
 * items" for a product, "you may also like" for a cart — each item with its reason and tracking
 * token. When the recommendation call fails (or has nothing), a surface falls back to simpler
 * lists from the catalogue (best sellers, the same category, new items): never an error on the page.
 */
import type { paths } from '@shared/api/client';
import { api, unwrap } from './api';
import { listProducts } from './catalog';

type RecList = paths['/store/recommendations/home']['get']['responses'][200]['content']['application/json'];
export type RecItem = RecList['items'][number];

/** What a surface shows: the items and whether they came from the recommender or a fallback. */
export interface Shelf { items: ShelfItem[]; source: 'recommendations' | 'fallback' }
export interface ShelfItem {
  productId: string; handle: string; title: string; thumbnail: string | null;
  price: { amount: number; currency: string } | null; from: boolean;
  /** Why it is shown, already in words; a fallback item says what list it comes from. */
  reason: string | null;
  /** The recommender's tracking token (absent for fallback items). */
  token?: string;
}

const SESSION_KEY = 'emporia.recs.session';
/** An anonymous shopper's own id, so an experiment shows them the same arm on every visit. */
export function recSession(): string {
  let s = localStorage.getItem(SESSION_KEY);
  if (!s || !/^[A-Za-z0-9_-]{8,64}$/.test(s)) {
    s = (crypto.randomUUID?.() ?? `${Date.now()}${Math.random()}`).replace(/[^A-Za-z0-9]/g, '').slice(0, 32);
    localStorage.setItem(SESSION_KEY, s);
  }
  return s;
}

const fromRec = (i: RecItem): ShelfItem => ({ productId: i.productId, handle: i.handle, title: i.title, thumbnail: i.thumbnail, price: i.price, from: false, reason: i.reason, token: i.token });
type Summary = Awaited<ReturnType<typeof listProducts>>['items'][number];
const fromSummary = (reason: string | null) => (p: Summary): ShelfItem => ({
  productId: p.id, handle: p.handle, title: p.title, thumbnail: p.thumbnail,
  price: p.priceRange ? { amount: p.priceRange.min, currency: p.priceRange.currency } : null, from: !!p.priceRange && p.priceRange.min !== p.priceRange.max, reason,
});

async function shelf(load: () => Promise<RecList>, fallback: () => Promise<ShelfItem[]>, exclude: string[] = []): Promise<Shelf> {
  try {
    const list = await load();
    const items = list.items.filter((i) => !exclude.includes(i.productId)).map(fromRec);
    if (items.length) return { items, source: 'recommendations' };
  } catch { /* fall back below */ }
  try { return { items: (await fallback()).filter((i) => !exclude.includes(i.productId)), source: 'fallback' }; } catch { return { items: [], source: 'fallback' }; }
}

const popular = async (limit: number, reason: string): Promise<ShelfItem[]> => {
  const picks = await listProducts({ tag: ['bestseller-pick'], inStock: true, limit });
  const items = picks.items.length ? picks.items : (await listProducts({ inStock: true, sort: 'newest', limit })).items;
  return items.map(fromSummary(reason));
};

export function homeShelf(limit: number, reasons: { popular: string }): Promise<Shelf> {
  return shelf(() => unwrap(api.GET('/store/recommendations/home', { params: { query: { limit, session: recSession() } } })), () => popular(limit, reasons.popular));
}

export function togetherShelf(productId: string, limit: number): Promise<Shelf> {
  return shelf(() => unwrap(api.GET('/store/recommendations/products/{id}/together', { params: { path: { id: productId }, query: { limit, session: recSession() } } })), async () => [], [productId]);
}

export function similarShelf(productId: string, category: string | undefined, limit: number, reasons: { sameCategory: string }): Promise<Shelf> {
  return shelf(
    () => unwrap(api.GET('/store/recommendations/products/{id}/similar', { params: { path: { id: productId }, query: { limit, session: recSession() } } })),
    async () => (category ? (await listProducts({ category: [category], inStock: true, limit: limit + 1 })).items.map(fromSummary(reasons.sameCategory)) : []),
    [productId],
  );
}

export function cartShelf(productIds: string[], limit: number, reasons: { popular: string }): Promise<Shelf> {
  return shelf(
    () => unwrap(api.GET('/store/recommendations/cart', { params: { query: { limit, session: recSession(), products: productIds.join(',') } } })),
    () => popular(limit + productIds.length, reasons.popular),
    productIds,
  );
}

/** Tells the recommender a shopper clicked or added a recommended item (fire and forget). */
export function reportRec(kind: 'click' | 'add_to_cart' | 'view', item: { token?: string; productId: string }, cartId?: string): void {
  if (kind !== 'view' && !item.token) return;
  const body = kind === 'view' ? { kind, productId: item.productId, session: recSession() } : { kind, token: item.token, session: recSession(), ...(cartId ? { cartId } : {}) };
  void api.POST('/store/recommendations/events', { body }).catch(() => undefined);
}
