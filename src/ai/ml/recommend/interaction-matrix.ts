/**
 * Dense integer indices and compressed rows for implicit feedback: per user the items they touched
 * with a summed weight, per basket the distinct items. The models work on these arrays only.
 */
import type { Interaction } from './types.js';

export const defaultKindWeights = { order: 1, cart: 0.5, view: 0.1 } as const;

export interface InteractionMatrix {
  users: string[];
  items: string[];
  userIndex: Map<string, number>;
  itemIndex: Map<string, number>;
  /** CSR by user: items userItems[userPtr[u] .. userPtr[u+1]) with weights userWeights. */
  userPtr: Int32Array;
  userItems: Int32Array;
  userWeights: Float32Array;
  /**
   * Purchase history aligned with userItems: how many distinct orders held the item, those orders
   * each decayed by `repeatHalfLifeDays` before the customer's latest order, and the days between the
   * first and last of them (for "you buy this every ~3 weeks"). Carts and views count no orders.
   */
  userOrders: Int32Array;
  userRepeat: Float32Array;
  userSpanDays: Float32Array;
  /** Distinct items per basket (orders only), for co-purchase statistics. */
  baskets: Int32Array[];
  /** Time-decayed count of distinct users per item. */
  itemPopularity: Float64Array;
  interactions: number;
}

export interface MatrixOptions {
  kindWeights?: Partial<Record<'order' | 'cart' | 'view', number>>;
  /** Half-life of popularity in days; older interactions count half as much per half-life. */
  popularityHalfLifeDays?: number;
  /**
   * Half-life in days of a customer's own interactions, measured back from their latest one, so
   * what they bought lately weighs more than what they bought a year ago. Default 30; Infinity turns it off.
   */
  recencyHalfLifeDays?: number;
  /** Half-life in days of past orders in the repeat-purchase score (see `userRepeat`). Default Infinity (plain counts). */
  repeatHalfLifeDays?: number;
}

/** Builds the matrix from raw interactions (order of input does not matter). */
export function buildInteractionMatrix(data: Interaction[], options: MatrixOptions = {}): InteractionMatrix {
  const kw = { ...defaultKindWeights, ...options.kindWeights };
  const userIndex = new Map<string, number>();
  const itemIndex = new Map<string, number>();
  const users: string[] = [];
  const items: string[] = [];
  const perUser: Map<number, number>[] = [];
  const basketMap = new Map<string, Set<number>>();
  let latest = -Infinity;
  for (const it of data) if (it.time !== undefined && it.time > latest) latest = it.time;
  const halfLifeMs = (options.popularityHalfLifeDays ?? 30) * 86_400_000;
  const popByUser = new Map<number, Map<number, number>>();
  const userLatest = new Map<string, number>();
  const recencyDays = options.recencyHalfLifeDays ?? 30;
  const recencyMs = Number.isFinite(recencyDays) ? recencyDays * 86_400_000 : undefined;
  if (recencyMs !== undefined) for (const it of data) if (it.time !== undefined) userLatest.set(it.user, Math.max(userLatest.get(it.user) ?? -Infinity, it.time));
  for (const it of data) {
    let u = userIndex.get(it.user);
    if (u === undefined) { u = users.length; userIndex.set(it.user, u); users.push(it.user); perUser.push(new Map()); }
    let i = itemIndex.get(it.item);
    if (i === undefined) { i = items.length; itemIndex.set(it.item, i); items.push(it.item); }
    const kind = it.kind ?? 'order';
    const recency = recencyMs !== undefined && it.time !== undefined ? Math.pow(0.5, (userLatest.get(it.user)! - it.time) / recencyMs) : 1;
    const w = kw[kind] * (it.weight ?? 1) * recency;
    const row = perUser[u];
    row.set(i, (row.get(i) ?? 0) + w);
    if (kind === 'order' && it.basket !== undefined) {
      const key = `${it.user}\u0000${it.basket}`;
      let b = basketMap.get(key);
      if (!b) { b = new Set(); basketMap.set(key, b); }
      b.add(i);
    }
    // Popularity counts each user once per item, at their most recent touch, decayed by age.
    const decay = it.time !== undefined && Number.isFinite(latest) ? Math.pow(0.5, (latest - it.time) / halfLifeMs) : 1;
    let pu = popByUser.get(u);
    if (!pu) { pu = new Map(); popByUser.set(u, pu); }
    pu.set(i, Math.max(pu.get(i) ?? 0, decay * kw[kind]));
  }
  const orders = purchaseHistory(data, userIndex, itemIndex, options.repeatHalfLifeDays ?? Infinity);
  const userPtr = new Int32Array(users.length + 1);
  perUser.forEach((row, u) => { userPtr[u + 1] = userPtr[u] + row.size; });
  const userItems = new Int32Array(userPtr[users.length]);
  const userWeights = new Float32Array(userPtr[users.length]);
  const userOrders = new Int32Array(userPtr[users.length]);
  const userRepeat = new Float32Array(userPtr[users.length]);
  const userSpanDays = new Float32Array(userPtr[users.length]);
  perUser.forEach((row, u) => {
    let p = userPtr[u];
    for (const [i, w] of [...row].sort((a, b) => a[0] - b[0])) {
      userItems[p] = i; userWeights[p] = w;
      const h = orders.get(u * items.length + i);
      if (h) { userOrders[p] = h.count; userRepeat[p] = h.repeat; userSpanDays[p] = (h.last - h.first) / 86_400_000; }
      p++;
    }
  });
  const itemPopularity = new Float64Array(items.length);
  for (const pu of popByUser.values()) for (const [i, v] of pu) itemPopularity[i] += v;
  const baskets = [...basketMap.values()].filter((b) => b.size > 1).map((b) => Int32Array.from(b));
  return { users, items, userIndex, itemIndex, userPtr, userItems, userWeights, userOrders, userRepeat, userSpanDays, baskets, itemPopularity, interactions: data.length };
}

interface OrderHistory { count: number; repeat: number; first: number; last: number }

/** Distinct orders per (user, item), keyed u·nItems + i; an order without a basket id is its own order. */
function purchaseHistory(data: Interaction[], userIndex: Map<string, number>, itemIndex: Map<string, number>, halfLifeDays: number): Map<number, OrderHistory> {
  const nItems = itemIndex.size;
  // Each order's time is its earliest line; the customer's latest order anchors the decay.
  const orderTime = new Map<string, number>();
  const userLatest = new Map<number, number>();
  const seen = new Set<string>();
  const lines: { key: number; order: string; u: number }[] = [];
  data.forEach((it, n) => {
    if ((it.kind ?? 'order') !== 'order') return;
    const u = userIndex.get(it.user)!;
    const order = it.basket === undefined ? `#${n}` : `${it.user}\u0000${it.basket}`;
    const t = it.time ?? 0;
    orderTime.set(order, Math.min(orderTime.get(order) ?? Infinity, t));
    userLatest.set(u, Math.max(userLatest.get(u) ?? -Infinity, t));
    const key = u * nItems + itemIndex.get(it.item)!;
    const dedupe = `${key}\u0000${order}`;
    if (seen.has(dedupe)) return;
    seen.add(dedupe);
    lines.push({ key, order, u });
  });
  const halfLifeMs = halfLifeDays * 86_400_000;
  const out = new Map<number, OrderHistory>();
  for (const { key, order, u } of lines) {
    const t = orderTime.get(order)!;
    const w = Number.isFinite(halfLifeMs) ? Math.pow(0.5, (userLatest.get(u)! - t) / halfLifeMs) : 1;
    const h = out.get(key);
    if (!h) out.set(key, { count: 1, repeat: w, first: t, last: t });
    else { h.count++; h.repeat += w; h.first = Math.min(h.first, t); h.last = Math.max(h.last, t); }
  }
  return out;
}

/** Item indices a user touched (a view into the CSR arrays). */
export function itemsOf(m: Pick<InteractionMatrix, 'userPtr' | 'userItems'>, u: number): Int32Array {
  return m.userItems.subarray(m.userPtr[u], m.userPtr[u + 1]);
}
