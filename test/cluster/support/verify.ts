/**
 * The invariants a cluster must keep whatever happens to its nodes, read straight from the shared
 * database after the traffic has settled. Each check answers a list of problems (empty when it
 * holds), so a failing test prints every broken promise at once.
 *
 * - orders: every 201 has its order; every key has at most one checkout and one order; the
 *   database has no order that no shopper was told about; no checkout is left running.
 * - payments: a completed checkout captured its amount exactly once; a failed one captured nothing.
 * - stock: per variant, what is on hand is what was received minus what was ordered, nothing stays
 *   reserved, and no level went below zero.
 * - events: every consumer group handled every event of the types it subscribes (and every job
 *   ran), once; real effects match (one order.placed per order, one confirmation mail per order).
 */
import type { Cluster } from './cluster.js';
import type { CheckoutOutcome } from './traffic.js';

export interface ConsumerGroup { consumer: string; types: string[] }

/** Every consumer group of the store: each subscription, and each job's work queue (`job:<name>`). */
export function consumerGroups(cluster: Cluster): ConsumerGroup[] {
  const parts = Object.values(cluster.app.modules).map((m: any) => m.parts);
  return [
    ...parts.flatMap((p: any) => p.subscriptions ?? []).map((s: any) => ({ consumer: s.consumer as string, types: s.types as string[] })),
    ...parts.flatMap((p: any) => p.jobs ?? []).map((j: any) => ({ consumer: `job:${j.name}`, types: [`job:${j.name}`] })),
  ];
}

const matches = (types: string[], type: string) => types.some((t) => t === type || (t.endsWith('.*') && type.startsWith(t.slice(0, -1))));

/** One handled event as recorded by the store: the consumer group, the outbox event, when and in which order. */
export interface Handled {
  consumer: string; seq: number; type: string; aggregateId: string; occurredAt: string; handledAt: string; status: string; attempts: number; lastError: string | null;
}

/**
 * The processed records of every consumer group: what the store wrote when a group handled an event
 * (the delivery record, claimed and marked done in the handler's own transaction).
 */
export async function handledEvents(cluster: Cluster): Promise<Handled[]> {
  const rows = await cluster.sql(`
    select d.consumer, d.event_seq::bigint as seq, o.type, o.aggregate_id, o.occurred_at, d.updated_at, d.status, d.attempts, d.last_error
    from event_deliveries d join outbox o on o.seq = d.event_seq order by d.updated_at, d.event_seq`);
  return rows.map((r) => ({ consumer: r.consumer, seq: Number(r.seq), type: r.type, aggregateId: r.aggregate_id, occurredAt: r.occurred_at, handledAt: r.updated_at, status: r.status, attempts: r.attempts, lastError: r.last_error }));
}

/**
 * What the cluster still owes, whatever the transport: outbox rows not yet relayed, events a
 * consumer group has not settled (no `done` or `dead` record yet: with JetStream the record is
 * written only when a node handles the message), and mail not yet sent.
 */
export async function outstandingWork(cluster: Cluster): Promise<{ unrelayed: number; unhandled: number; mail: number }> {
  const now = new Date().toISOString();
  const [o] = await cluster.sql(`select count(*)::int as n from outbox where relayed = 0 and available_at <= $1`, [now]);
  const events = await cluster.sql(`select seq::bigint as seq, type from outbox where available_at <= $1`, [now]);
  const settled = await cluster.sql(`select consumer, event_seq::bigint as seq from event_deliveries where status in ('done', 'dead')`);
  const have = new Set(settled.map((r) => `${r.consumer} ${Number(r.seq)}`));
  let unhandled = 0;
  for (const g of consumerGroups(cluster)) {
    for (const e of events) if (matches(g.types, e.type) && !have.has(`${g.consumer} ${Number(e.seq)}`)) unhandled++;
  }
  const [m] = await cluster.sql(`select count(*)::int as n from notifications where status in ('queued', 'sending')`);
  return { unrelayed: o.n, unhandled, mail: m.n };
}

export async function checkOrders(cluster: Cluster, outcomes: CheckoutOutcome[]): Promise<string[]> {
  const problems: string[] = [];
  const checkouts = await cluster.sql(`select id, cart_id, idempotency_key, status, order_id, amount::bigint as amount from checkouts`);
  const orders = await cluster.sql(`select id, status, payment_status, total::bigint as total from orders`);
  const orderById = new Map(orders.map((o) => [o.id, o]));
  const byKey = new Map<string, any[]>();
  for (const c of checkouts) if (c.idempotency_key) byKey.set(c.idempotency_key, [...(byKey.get(c.idempotency_key) ?? []), c]);

  for (const o of outcomes) {
    const mine = byKey.get(o.key) ?? [];
    if (mine.length > 1) problems.push(`key ${o.key}: ${mine.length} checkouts`);
    if (o.status === 201) {
      const order = orderById.get(o.orderId!);
      if (!order) problems.push(`key ${o.key}: answered 201 with order ${o.orderId}, which does not exist`);
      else if (order.payment_status !== 'paid') problems.push(`order ${o.orderId}: payment status ${order.payment_status}`);
      if (mine[0]?.order_id !== o.orderId || mine[0]?.status !== 'completed') problems.push(`key ${o.key}: checkout ${mine[0]?.id} is ${mine[0]?.status} with order ${mine[0]?.order_id}, the shopper was told ${o.orderId}`);
    } else if (mine.some((c) => c.order_id || c.status !== 'failed')) {
      problems.push(`key ${o.key}: answered ${o.status} ${o.code} but its checkout is ${mine.map((c) => `${c.status}/${c.order_id}`).join(', ')}`);
    }
  }
  const perCart = new Map<string, number>();
  for (const c of checkouts) if (c.order_id) perCart.set(c.cart_id, (perCart.get(c.cart_id) ?? 0) + 1);
  for (const [cart, n] of perCart) if (n > 1) problems.push(`cart ${cart}: ${n} orders`);
  const told = new Set(outcomes.filter((o) => o.status === 201).map((o) => o.orderId));
  for (const o of orders) if (!told.has(o.id)) problems.push(`order ${o.id} exists but no shopper was answered with it`);
  if (orders.length !== told.size) problems.push(`${orders.length} orders in the database, ${told.size} placed orders answered`);
  const running = checkouts.filter((c) => c.status === 'running');
  if (running.length) problems.push(`${running.length} checkouts still running: ${running.map((c) => c.id).join(', ')}`);
  return problems;
}

export async function checkPayments(cluster: Cluster): Promise<string[]> {
  const problems: string[] = [];
  const checkouts = await cluster.sql(`select id, status, amount::bigint as amount from checkouts`);
  const payments = await cluster.sql(`select id, reference, status, captured_amount::bigint as captured from payments`);
  const captures = await cluster.sql(`select payment_id, count(*)::int as n from payment_transitions where action = 'capture' group by payment_id`);
  const captureCount = new Map(captures.map((c) => [c.payment_id, c.n]));
  const byRef = new Map<string, any[]>();
  for (const p of payments) byRef.set(p.reference, [...(byRef.get(p.reference) ?? []), p]);
  for (const c of checkouts) {
    const mine = byRef.get(c.id) ?? [];
    const captured = mine.reduce((s, p) => s + Number(p.captured), 0);
    if (c.status === 'completed') {
      const taken = mine.filter((p) => Number(p.captured) > 0);
      if (taken.length !== 1 || captured !== Number(c.amount)) problems.push(`checkout ${c.id}: captured ${captured} of ${c.amount} over ${taken.length} payments (${mine.map((p) => p.status).join(', ')})`);
    } else if (captured !== 0) problems.push(`checkout ${c.id} is ${c.status} but ${captured} was captured`);
    for (const p of mine) if ((captureCount.get(p.id) ?? 0) > 1) problems.push(`payment ${p.id}: captured ${captureCount.get(p.id)} times`);
    if (c.status === 'failed' && mine.some((p) => p.status === 'authorized')) problems.push(`checkout ${c.id} failed but left an authorization open`);
  }
  return problems;
}

/** `received` is the units each variant was given at the start (all locations together). */
export async function checkStock(cluster: Cluster, received: Record<string, number>): Promise<string[]> {
  const problems: string[] = [];
  for (const [variantId, units] of Object.entries(received)) {
    const [lv] = await cluster.sql(`select coalesce(sum(on_hand), 0)::int as on_hand, coalesce(sum(reserved), 0)::int as reserved, coalesce(min(on_hand - reserved), 0)::int as min_available, coalesce(min(on_hand), 0)::int as min_on_hand from inventory_levels where variant_id = $1`, [variantId]);
    const [ordered] = await cluster.sql(`select coalesce(sum(quantity), 0)::int as n from order_lines where variant_id = $1`, [variantId]);
    if (lv.on_hand !== units - ordered.n) problems.push(`${variantId}: on hand ${lv.on_hand}, expected ${units} received − ${ordered.n} ordered = ${units - ordered.n}`);
    if (lv.reserved !== 0) problems.push(`${variantId}: ${lv.reserved} units still reserved`);
    if (lv.min_available < 0 || lv.min_on_hand < 0) problems.push(`${variantId}: a level went below zero (on hand ${lv.min_on_hand}, available ${lv.min_available})`);
  }
  return problems;
}

export async function checkEvents(cluster: Cluster): Promise<string[]> {
  const problems: string[] = [];
  const events = await cluster.sql(`select seq::bigint as seq, type, aggregate_id from outbox where available_at <= $1`, [new Date().toISOString()]);
  const handled = await handledEvents(cluster);
  for (const g of consumerGroups(cluster)) {
    const expected = new Set(events.filter((e) => matches(g.types, e.type)).map((e) => Number(e.seq)));
    const mine = handled.filter((h) => h.consumer === g.consumer);
    const seen = new Map<number, number>();
    for (const h of mine) seen.set(h.seq, (seen.get(h.seq) ?? 0) + 1);
    const missing = [...expected].filter((s) => !mine.some((h) => h.seq === s && h.status === 'done'));
    const doubled = [...seen].filter(([, n]) => n > 1).map(([s]) => s);
    const stray = [...seen.keys()].filter((s) => !expected.has(s));
    const dead = mine.filter((h) => h.status === 'dead');
    // A node without the handler marks the delivery done with this note: handled in name only.
    const unhandled = mine.filter((h) => h.status === 'done' && h.lastError === 'no handler registered');
    if (unhandled.length) problems.push(`${g.consumer}: ${unhandled.length} events marked done by a node without the handler`);
    if (missing.length) {
      const why = mine.filter((h) => missing.includes(h.seq) && h.lastError).map((h) => `${h.status} after ${h.attempts}: ${h.lastError!.split('\n')[0]}`);
      problems.push(`${g.consumer}: ${missing.length} of ${expected.size} events not handled (seq ${missing.slice(0, 10).join(', ')})${why.length ? `; ${why.slice(0, 3).join(' | ')}` : ''}`);
    }
    if (doubled.length) problems.push(`${g.consumer}: events handled more than once (seq ${doubled.slice(0, 10).join(', ')})`);
    if (stray.length) problems.push(`${g.consumer}: handled events of types it does not subscribe (seq ${stray.slice(0, 10).join(', ')})`);
    if (dead.length) problems.push(`${g.consumer}: ${dead.length} dead letters`);
  }
  // Real effects. One order.placed per order, one confirmation mail per order, every mail sent.
  const placed = await cluster.sql(`select o.id, (select count(*)::int from outbox e where e.type = 'order.placed' and e.aggregate_id = o.id) as events,
      (select count(*)::int from notifications n where n.kind = 'order_confirmation' and n.order_id = o.id) as mails from orders o`);
  for (const o of placed) {
    if (o.events !== 1) problems.push(`order ${o.id}: ${o.events} order.placed events`);
    if (o.mails !== 1) problems.push(`order ${o.id}: ${o.mails} confirmation mails`);
  }
  const unsent = await cluster.sql(`select status, count(*)::int as n from notifications where status <> 'sent' group by status`);
  for (const u of unsent) problems.push(`${u.n} notifications ${u.status}`);
  return problems;
}

/** Schedule ticks: each `<schedule>@<tick>` job key enqueued and run exactly once. */
export async function scheduleRuns(cluster: Cluster, job: string): Promise<{ tick: string; enqueued: number; runs: number }[]> {
  const rows = await cluster.sql(`
    select o.aggregate_id as tick, count(distinct o.seq)::int as enqueued,
      count(d.event_seq) filter (where d.status = 'done')::int as runs
    from outbox o left join event_deliveries d on d.event_seq = o.seq and d.consumer = $2
    where o.type = $1 and o.aggregate_id like $3 group by o.aggregate_id order by o.aggregate_id`, [`job:${job}`, `job:${job}`, `${job}@%`]);
  return rows;
}

/** Fails with every problem listed, one per line (vitest would cut a long array short). */
export function expectNoProblems(label: string, problems: string[]): void {
  if (problems.length) throw new Error(`${label}: ${problems.length} problems\n  ${problems.slice(0, 40).join('\n  ')}`);
}

/**
 * Per consumer group, each aggregate's events were handled in the order they were written: sorted
 * by when the group handled them, every aggregate's outbox sequence numbers increase. (Handling
 * times are milliseconds; two events of one aggregate handled in the same millisecond are taken
 * in sequence order.) Job queues carry no order and are left out.
 */
export async function checkOrderPerAggregate(cluster: Cluster): Promise<string[]> {
  const problems: string[] = [];
  const handled = (await handledEvents(cluster)).filter((h) => h.status === 'done' && !h.consumer.startsWith('job:'));
  const byGroup = new Map<string, Handled[]>();
  for (const h of handled) byGroup.set(h.consumer, [...(byGroup.get(h.consumer) ?? []), h]);
  for (const [consumer, rows] of byGroup) {
    rows.sort((a, b) => (a.handledAt < b.handledAt ? -1 : a.handledAt > b.handledAt ? 1 : a.seq - b.seq));
    const last = new Map<string, Handled>();
    for (const h of rows) {
      const before = last.get(h.aggregateId);
      if (before && before.seq > h.seq) problems.push(`${consumer}: ${h.aggregateId} ${h.type} (seq ${h.seq}) handled at ${h.handledAt}, after ${before.type} (seq ${before.seq}) at ${before.handledAt}`);
      last.set(h.aggregateId, h);
    }
  }
  return problems;
}
