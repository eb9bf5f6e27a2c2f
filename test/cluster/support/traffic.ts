/**
 * Mixed storefront traffic across the cluster: concurrent shoppers who browse (list, search, product
 * page), fill a guest cart and check out with an Idempotency-Key, through the round-robin client.
 * A checkout whose node died is sent again with the same key until it has a final answer (the
 * order, or a refusal), as a real client would; `checkout.in_progress` means "wait and ask again".
 */
import { randomUUID } from 'node:crypto';
import type { Shop } from '../../support/shop.js';
import type { RoundRobin } from './client.js';
import { sleep } from './cluster.js';

export interface CheckoutOutcome {
  key: string;
  cartId: string;
  /** The final answer's status and, for a refusal, its code. */
  status: number;
  code?: string;
  orderId?: string;
  checkoutId?: string;
  /** Times the same key was sent (1 = answered first time). */
  sends: number;
  /** Nodes that dropped one of this checkout's sends. */
  dropped: string[];
  lines: { variantId: string; quantity: number }[];
}

export interface TrafficOptions {
  shoppers: number;
  /** Checkouts to attempt in all (the traffic ends when they have their final answers). */
  checkouts: number;
  /** Keeps starting checkouts past `checkouts` while this says so (e.g. until a restarted service has been used). */
  keepGoing?: () => boolean;
  /** Called after each final checkout answer (e.g. to kill a node mid-load). */
  onCheckout?: (done: number, outcome: CheckoutOutcome) => void | Promise<void>;
  /** Give up on one checkout key after this long (a stuck checkout fails the test). */
  keyDeadlineMs?: number;
}

export interface TrafficResult {
  outcomes: CheckoutOutcome[];
  browses: number;
  cartErrors: string[];
}

const ADDRESS = { country: 'US', region: 'NY', postalCode: '10001' };

/** Runs the shoppers until `checkouts` checkouts have final answers. */
export async function runTraffic(client: RoundRobin, shop: Shop, handles: string[], opts: TrafficOptions): Promise<TrafficResult> {
  const outcomes: CheckoutOutcome[] = [];
  const cartErrors: string[] = [];
  let started = 0;
  let browses = 0;
  const deadline = opts.keyDeadlineMs ?? 90_000;

  const shopper = async (i: number) => {
    for (let round = 0; started < opts.checkouts || opts.keepGoing?.(); round++) {
      started++;
      // Browse: a listing, a search and a product page.
      await client.request('GET', '/store/products?limit=20');
      await client.request('GET', `/store/products?q=${encodeURIComponent('order path')}&limit=10`);
      await client.request('GET', `/store/products/${handles[(i + round) % handles.length]}`);
      browses += 3;
      // A cart: every other one wants the scarce tee, all take a mug, some a poster.
      const lines = [
        ...((i + round) % 2 === 0 ? [{ variantId: shop.variants.tee, quantity: 1 + ((i + round) % 3 === 0 ? 1 : 0) }] : []),
        { variantId: shop.variants.mug, quantity: 1 },
        ...(round % 3 === 0 ? [{ variantId: shop.variants.poster, quantity: 1 }] : []),
      ];
      const cart = await fillGuestCart(client, shop, lines);
      if ('error' in cart) {
        cartErrors.push(cart.error);
        if (cartErrors.length > 20) throw new Error(`carts keep failing: ${cartErrors.slice(-3).join('; ')}`);
        started--;
        continue;
      }
      const outcome = await checkoutUntilAnswered(client, shop, cart, lines, deadline);
      outcomes.push(outcome);
      await opts.onCheckout?.(outcomes.length, outcome);
    }
  };
  await Promise.all(Array.from({ length: opts.shoppers }, (_, i) => shopper(i)));
  return { outcomes, browses, cartErrors };
}

/**
 * A guest cart with the lines and delivery chosen. Each call carries its own Idempotency-Key, so the
 * client's failover never adds a line twice; a cart call that cannot be answered (its key is still
 * held by a node that died) makes the shopper start a fresh cart, as a person reloading would.
 */
async function fillGuestCart(client: RoundRobin, shop: Shop, lines: { variantId: string; quantity: number }[]): Promise<{ id: string; headers: Record<string, string> } | { error: string }> {
  const created = await client.request('POST', '/store/carts', { body: {}, headers: { 'idempotency-key': randomUUID() } });
  if (created.status !== 201) return { error: `create cart: ${created.status} ${JSON.stringify(created.body)}` };
  const headers = { 'x-cart-token': created.body.token as string };
  const id = created.body.cart.id as string;
  for (const l of lines) {
    const r = await client.request('POST', `/store/carts/${id}/lines`, { body: l, headers: { ...headers, 'idempotency-key': randomUUID() } });
    if (r.status >= 300) return { error: `add line: ${r.status} ${JSON.stringify(r.body)}` };
  }
  const s = await client.request('PUT', `/store/carts/${id}/shipping`, { body: { address: ADDRESS, methodId: shop.methods.standard.id }, headers: { ...headers, 'idempotency-key': randomUUID() } });
  if (s.status >= 300) return { error: `shipping: ${s.status} ${JSON.stringify(s.body)}` };
  return { id, headers };
}

async function checkoutUntilAnswered(client: RoundRobin, shop: Shop, cart: { id: string; headers: Record<string, string> }, lines: CheckoutOutcome['lines'], deadlineMs: number): Promise<CheckoutOutcome> {
  const key = randomUUID();
  const body = { email: 'cluster@example.com', shippingAddress: shop.address, payment: { provider: 'test', token: 'tok_visa' } };
  const t0 = Date.now();
  const dropped: string[] = [];
  for (let sends = 1; ; sends++) {
    let res;
    try {
      res = await client.request('POST', `/store/carts/${cart.id}/checkout`, { body, headers: { ...cart.headers, 'idempotency-key': key } });
    } catch (e) {
      // Every node refused for now (all restarting): keep the key and try again.
      res = undefined;
      dropped.push(`none: ${(e as Error).message}`);
    }
    if (res) {
      dropped.push(...res.dropped);
      const code: string | undefined = res.body?.error?.code;
      const waiting = res.status === 409 && (code === 'checkout.in_progress' || code === 'idempotency.in_progress');
      if (!waiting) {
        return {
          key, cartId: cart.id, status: res.status, code, sends, dropped, lines,
          orderId: res.status === 201 ? res.body.order.id : undefined, checkoutId: res.status === 201 ? res.body.checkout.id : undefined,
        };
      }
    }
    if (Date.now() - t0 > deadlineMs) throw new Error(`checkout of cart ${cart.id} (key ${key}) had no final answer after ${deadlineMs} ms (${sends} sends)`);
    await sleep(400);
  }
}
