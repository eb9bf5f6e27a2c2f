/** Small helpers every bench script uses: a JSON HTTP call, bounded parallelism, a sleep. */

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** One API call; throws with the status and the start of the body on anything but 2xx. `raw` sends a body as is (multipart). */
export async function call(url, method, path, { token, headers = {}, body, raw } = {}) {
  const res = await fetch(url + path, {
    method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: raw ?? (body ? JSON.stringify(body) : undefined),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** Runs fn(0..total-1) with at most n at once; answers the results in order. */
export async function inParallel(n, total, fn) {
  let next = 0;
  const out = new Array(total);
  await Promise.all(Array.from({ length: n }, async () => { while (next < total) { const i = next++; out[i] = await fn(i); } }));
  return out;
}

/** A guest cart with one unit of fx.variantId and fx.methodId chosen for a New York address, ready to check out. */
export async function prepareCart(url, fx) {
  const created = await call(url, 'POST', '/store/carts', { body: {} });
  const headers = { 'x-cart-token': created.token };
  const id = created.cart.id;
  await call(url, 'POST', `/store/carts/${id}/lines`, { headers, body: { variantId: fx.variantId, quantity: 1 } });
  await call(url, 'PUT', `/store/carts/${id}/shipping`, { headers, body: { address: { country: 'US', region: 'NY', postalCode: '10001' }, methodId: fx.methodId } });
  return { id, secret: created.token };
}

/** The body of a bench checkout (test card, a New York address). */
export const CHECKOUT_BODY = JSON.stringify({
  email: 'bench@example.com', payment: { provider: 'test', token: 'tok_visa' },
  shippingAddress: { firstName: 'Bench', lastName: 'Mark', line1: '1 Main St', city: 'New York', region: 'NY', postalCode: '10001', country: 'US' },
});
