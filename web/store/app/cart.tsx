/**
 * The shopper's cart: its id and guest secret live in localStorage (sent back as `x-cart-token`),
 * the live cart (prices, availability, totals) comes from the server on every change. A signed-in
 * customer's cart is theirs by token; signing in merges the guest cart into it.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { paths } from '@shared/api/client';
import { api, ApiError, getSession, onSession, unwrap } from './api';

export type Cart = paths['/store/carts/{id}']['get']['responses'][200]['content']['application/json'];
export type ShippingSet = NonNullable<paths['/store/carts/{id}/shipping']['put']['requestBody']>['content']['application/json'];

const KEY = 'emporia.cart';
interface Stored { id: string; token: string | null }

const load = (): Stored | null => { try { return JSON.parse(localStorage.getItem(KEY) ?? 'null'); } catch { return null; } };
const save = (s: Stored | null) => { if (s) localStorage.setItem(KEY, JSON.stringify(s)); else localStorage.removeItem(KEY); };
const headersOf = (s: Stored | null): Record<string, string> => (s?.token ? { 'x-cart-token': s.token } : {});

interface CartApi {
  cart: Cart | null;
  loading: boolean;
  count: number;
  /** Headers that open this cart (the guest secret), for checkout. */
  headers(): Record<string, string>;
  add(variantId: string, quantity?: number): Promise<Cart>;
  setQuantity(lineId: string, quantity: number): Promise<void>;
  remove(lineId: string): Promise<void>;
  applyCode(code: string): Promise<Cart>;
  removeCode(code: string): Promise<void>;
  setShipping(body: ShippingSet): Promise<Cart>;
  reload(): Promise<void>;
  /** Takes over a cart started elsewhere (the assistant starts a guest cart when adding to an empty one). */
  adopt(id: string, token: string | null): void;
  /** Forgets the cart (after checkout, or when a kiosk session resets). */
  clear(): void;
}

const CartContext = createContext<CartApi | null>(null);

export function CartProvider({ children }: { children: ReactNode }) {
  const [cart, setCart] = useState<Cart | null>(null);
  const [loading, setLoading] = useState(true);

  const ensure = useCallback(async (): Promise<Stored> => {
    const have = load();
    if (have) return have;
    const created = await unwrap(api.POST('/store/carts', { body: {} }));
    const s = { id: created.cart.id, token: created.token ?? null };
    save(s);
    setCart(created.cart);
    return s;
  }, []);

  const reload = useCallback(async () => {
    const s = load();
    if (!s) { setCart(null); setLoading(false); return; }
    try {
      const c = await unwrap(api.GET('/store/carts/{id}', { params: { path: { id: s.id } }, headers: headersOf(s) }));
      // A converted or merged cart is done with: start afresh on the next add.
      if (c.status !== 'active') { save(null); setCart(null); } else setCart(c);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 403)) { save(null); setCart(null); }
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => { void reload(); }, [reload]);

  // Signing in merges the guest cart into the customer's; signing out starts a fresh guest cart.
  useEffect(() => onSession(async (session) => {
    const s = load();
    if (session && s?.token) {
      try {
        const mine = await unwrap(api.POST('/store/carts', { body: {} }));
        const merged = s.id === mine.cart.id ? mine.cart
          : await unwrap(api.POST('/store/carts/{id}/merge', { params: { path: { id: mine.cart.id } }, headers: { 'x-cart-token': s.token } }));
        save({ id: merged.id, token: null });
        setCart(merged);
      } catch { /* keep the guest cart */ }
    } else if (!session && s && !s.token) {
      save(null);
      setCart(null);
    }
  }), []);

  const withCart = useCallback(async (fn: (s: Stored) => Promise<Cart>, retry = true): Promise<Cart> => {
    const s = await ensure();
    try {
      const c = await fn(s);
      setCart(c);
      return c;
    } catch (e) {
      // The stored cart is gone (converted elsewhere, expired): start a new one once.
      if (retry && e instanceof ApiError && (e.status === 404 || e.code === 'cart.not_active' || e.code === 'cart.closed')) {
        save(null);
        return withCart(fn, false);
      }
      throw e;
    }
  }, [ensure]);

  const value = useMemo<CartApi>(() => ({
    cart, loading,
    count: cart?.lines.reduce((n, l) => n + l.quantity, 0) ?? 0,
    headers: () => headersOf(load()),
    add: (variantId, quantity = 1) => withCart((s) => unwrap(api.POST('/store/carts/{id}/lines', { params: { path: { id: s.id } }, headers: headersOf(s), body: { variantId, quantity } }))),
    setQuantity: async (lineId, quantity) => { await withCart((s) => unwrap(api.PATCH('/store/carts/{id}/lines/{lineId}', { params: { path: { id: s.id, lineId } }, headers: headersOf(s), body: { quantity } }))); },
    remove: async (lineId) => { await withCart((s) => unwrap(api.DELETE('/store/carts/{id}/lines/{lineId}', { params: { path: { id: s.id, lineId } }, headers: headersOf(s) }))); },
    applyCode: (code) => withCart((s) => unwrap(api.POST('/store/carts/{id}/codes', { params: { path: { id: s.id } }, headers: headersOf(s), body: { code } })), false),
    removeCode: async (code) => { await withCart((s) => unwrap(api.DELETE('/store/carts/{id}/codes/{code}', { params: { path: { id: s.id, code } }, headers: headersOf(s) })), false); },
    setShipping: (body) => withCart((s) => unwrap(api.PUT('/store/carts/{id}/shipping', { params: { path: { id: s.id } }, headers: headersOf(s), body })), false),
    reload,
    adopt: (id, token) => { save({ id, token }); void reload(); },
    clear: () => { save(null); setCart(null); },
  }), [cart, loading, withCart, reload]);

  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}

export function useCart(): CartApi {
  const c = useContext(CartContext);
  if (!c) throw new Error('useCart outside <CartProvider>');
  return c;
}

/** Whether a customer is signed in (re-renders on sign in and out). */
export function useSession() {
  const [s, set] = useState(getSession);
  useEffect(() => onSession(set), []);
  return s;
}
