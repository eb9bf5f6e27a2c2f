import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/kernel/index.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp({ LOW_STOCK_THRESHOLD: '3' });
  token = (await t.staff('admin')).token;
});
afterAll(async () => { await t?.close(); });

const address = { line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' };
const variant = () => newId('var');

async function location(name: string, extra: Record<string, unknown> = {}) {
  const res = await t.api('POST', '/admin/locations', { token, body: { name, kind: 'warehouse', address, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; name: string };
}

async function adjust(body: Record<string, unknown>) {
  return t.api('POST', '/admin/inventory/adjustments', { token, body });
}

async function level(variantId: string, locationId: string) {
  const res = await t.api('GET', `/admin/inventory/levels?variantId=${variantId}&locationId=${locationId}`, { token });
  expect(res.status).toBe(200);
  return res.body.items[0] as { onHand: number; reserved: number; available: number; incoming: number; lowStock: boolean } | undefined;
}

async function outbox(type: string, variantId: string) {
  const rows = await t.app.database.db.selectFrom('outbox').selectAll().where('type', '=', type).orderBy('seq').execute();
  return rows.map((r: any) => JSON.parse(r.payload)).filter((p: any) => p.variantId === variantId);
}

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 3000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('stock locations', () => {
  it('creates, lists, updates and archives locations; the storefront sees pickup stores', async () => {
    const wh = await location('Main warehouse', { code: 'WH-MAIN', latitude: 40.7, longitude: -74 });
    const store = await t.api('POST', '/admin/locations', { token, body: { name: 'Downtown store', kind: 'store', pickup: true, address: { ...address, line2: 'Unit 4' } } });
    expect(store.status).toBe(201);
    expect(store.body).toMatchObject({ kind: 'store', pickup: true, active: true, address: { line2: 'Unit 4', country: 'US' }, latitude: null });

    const list = await t.api('GET', '/admin/locations', { token });
    expect(list.body.items.map((l: any) => l.id)).toEqual(expect.arrayContaining([wh.id, store.body.id]));

    const pub = await t.api('GET', '/store/locations');
    expect(pub.status).toBe(200);
    expect(pub.body.items.map((l: any) => l.id)).toContain(store.body.id);
    expect(pub.body.items.map((l: any) => l.id)).not.toContain(wh.id);
    expect(pub.body.items[0].priority).toBeUndefined();

    const patched = await t.api('PATCH', `/admin/locations/${wh.id}`, { token, body: { name: 'Central warehouse', priority: 5 } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Central warehouse', priority: 5, code: 'WH-MAIN' });

    const dup = await t.api('POST', '/admin/locations', { token, body: { name: 'Dup', kind: 'warehouse', code: 'WH-MAIN', address } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('inventory.location_code_taken');

    // A location holding stock cannot be archived; an empty one can, and disappears from the lists.
    const v = variant();
    expect((await adjust({ variantId: v, locationId: wh.id, reason: 'received', delta: 2 })).status).toBe(201);
    const refused = await t.api('DELETE', `/admin/locations/${wh.id}`, { token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('inventory.location_not_empty');
    expect((await t.api('DELETE', `/admin/locations/${store.body.id}`, { token })).status).toBe(204);
    expect((await t.api('GET', '/store/locations')).body.items.map((l: any) => l.id)).not.toContain(store.body.id);
    expect((await t.api('GET', `/admin/locations/${store.body.id}`, { token })).body.active).toBe(false);
    const onArchived = await adjust({ variantId: v, locationId: store.body.id, reason: 'received', delta: 1 });
    expect(onArchived.status).toBe(409);
    expect(onArchived.body.error.code).toBe('inventory.location_inactive');

    const audit = await t.api('GET', `/admin/audit?entityId=${wh.id}`, { token });
    const upd = audit.body.items.find((e: any) => e.action === 'stock_location.updated');
    expect(upd.before.name).toBe('Main warehouse');
    expect(upd.after.name).toBe('Central warehouse');
  });

  it('refuses bad input with a 400 that names the field', async () => {
    const unknown = await t.api('POST', '/admin/locations', { token, body: { name: 'X', kind: 'warehouse', address, color: 'red' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toContainEqual({ field: 'body.color', message: 'is not a known field' });
    const badCountry = await t.api('POST', '/admin/locations', { token, body: { name: 'X', kind: 'warehouse', address: { ...address, country: 'usa' } } });
    expect(badCountry.status).toBe(400);
    expect(badCountry.body.error.details.map((d: any) => d.field)).toContain('body.address.country');
    const badKind = await t.api('POST', '/admin/locations', { token, body: { name: 'X', kind: 'depot', address } });
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.details.map((d: any) => d.field)).toContain('body.kind');
    const missing = await t.api('GET', '/admin/locations/loc_nope', { token });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('inventory.location_not_found');
  });

  it('checks permissions', async () => {
    const clerk = await t.staff('clerk');
    const support = await t.staff('support');
    expect((await t.api('GET', '/admin/inventory/levels', { token: clerk.token })).status).toBe(200);
    expect((await t.api('POST', '/admin/inventory/adjustments', { token: clerk.token, body: { variantId: 'v', locationId: 'l', reason: 'received', delta: 1 } })).status).toBe(403);
    expect((await t.api('GET', '/admin/inventory/levels', { token: support.token })).status).toBe(403);
    expect((await t.api('GET', '/admin/inventory/levels')).status).toBe(401);
  });
});

describe('adjustments and the ledger', () => {
  it('adds, removes and counts stock as movements with reasons, audited with before and after', async () => {
    const wh = await location('Adjust WH');
    const v = variant();
    const received = await adjust({ variantId: v, locationId: wh.id, reason: 'received', delta: 20, note: 'PO-1' });
    expect(received.status).toBe(201);
    expect(received.body.level).toMatchObject({ onHand: 20, reserved: 0, available: 20, locationName: 'Adjust WH' });
    expect(received.body.movement).toMatchObject({ delta: 20, onHandAfter: 20, reason: 'received', note: 'PO-1' });

    const damaged = await adjust({ variantId: v, locationId: wh.id, reason: 'damaged', delta: -2 });
    expect(damaged.body.level.onHand).toBe(18);
    const counted = await adjust({ variantId: v, locationId: wh.id, reason: 'counted', onHand: 15 });
    expect(counted.status).toBe(201);
    expect(counted.body.movement).toMatchObject({ delta: -3, onHandAfter: 15, reason: 'counted' });

    const history = await t.api('GET', `/admin/inventory/movements?variantId=${v}&limit=2`, { token });
    expect(history.body.items.map((m: any) => m.reason)).toEqual(['counted', 'damaged']);
    const rest = await t.api('GET', `/admin/inventory/movements?variantId=${v}&limit=2&cursor=${history.body.nextCursor}`, { token });
    expect(rest.body.items.map((m: any) => m.reason)).toEqual(['received']);
    expect(rest.body.nextCursor).toBeNull();
    const all = [...history.body.items, ...rest.body.items];
    expect(all.reduce((s: number, m: any) => s + m.delta, 0)).toBe(15);

    const audit = await t.api('GET', `/admin/audit?entityType=inventory_level&entityId=${v}@${wh.id}`, { token });
    const entry = audit.body.items.find((e: any) => e.after?.reason === 'counted');
    expect(entry.before.onHand).toBe(18);
    expect(entry.after.onHand).toBe(15);
    expect(entry.actor).toMatch(/^staff:/);
  });

  it('refuses an adjustment that would make available negative with a 409, changing nothing', async () => {
    const wh = await location('Negative WH');
    const v = variant();
    await adjust({ variantId: v, locationId: wh.id, reason: 'received', delta: 5 });
    const r = await t.api('POST', '/admin/inventory/reservations', { token, body: { reference: 'cart_neg', lines: [{ variantId: v, quantity: 3 }] } });
    expect(r.status).toBe(201);
    const tooMuch = await adjust({ variantId: v, locationId: wh.id, reason: 'shrinkage', delta: -3 });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.code).toBe('inventory.insufficient_stock');
    expect(tooMuch.body.error.details.shortages[0]).toMatchObject({ variantId: v, requested: 3, available: 2 });
    const countBelow = await adjust({ variantId: v, locationId: wh.id, reason: 'counted', onHand: 2 });
    expect(countBelow.status).toBe(409);
    const fresh = await adjust({ variantId: variant(), locationId: wh.id, reason: 'correction', delta: -1 });
    expect(fresh.status).toBe(409);
    expect(await level(v, wh.id)).toMatchObject({ onHand: 5, reserved: 3, available: 2 });
    const moves = await t.api('GET', `/admin/inventory/movements?variantId=${v}`, { token });
    expect(moves.body.items).toHaveLength(1);
  });

  it('names the field for adjustments that make no sense', async () => {
    const wh = await location('Bad adjust WH');
    const both = await adjust({ variantId: 'v1', locationId: wh.id, reason: 'counted', delta: 1, onHand: 3 });
    expect(both.status).toBe(400);
    expect(both.body.error.details[0].field).toBe('body.onHand');
    const neither = await adjust({ variantId: 'v1', locationId: wh.id, reason: 'counted' });
    expect(neither.body.error.details[0].field).toBe('body.delta');
    const wrongSign = await adjust({ variantId: 'v1', locationId: wh.id, reason: 'damaged', delta: 4 });
    expect(wrongSign.status).toBe(400);
    expect(wrongSign.body.error.details[0].field).toBe('body.delta');
    const badReason = await adjust({ variantId: 'v1', locationId: wh.id, reason: 'stolen', delta: -1 });
    expect(badReason.status).toBe(400);
    expect(badReason.body.error.details.map((d: any) => d.field)).toContain('body.reason');
    const fractional = await adjust({ variantId: 'v1', locationId: wh.id, reason: 'received', delta: 1.5 });
    expect(fractional.status).toBe(400);
    expect(fractional.body.error.details.map((d: any) => d.field)).toContain('body.delta');
    const noLocation = await adjust({ variantId: 'v1', locationId: 'loc_missing', reason: 'received', delta: 1 });
    expect(noLocation.status).toBe(404);
    const badLimit = await t.api('GET', '/admin/inventory/levels?limit=1000', { token });
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.details[0].field).toBe('query.limit');
  });
});

describe('transfers', () => {
  it('moves stock between locations in one step, audited', async () => {
    const a = await location('Transfer A');
    const b = await location('Transfer B');
    const v = variant();
    await adjust({ variantId: v, locationId: a.id, reason: 'received', delta: 10 });
    const tr = await t.api('POST', '/admin/inventory/transfers', { token, body: { fromLocationId: a.id, toLocationId: b.id, lines: [{ variantId: v, quantity: 4 }] } });
    expect(tr.status).toBe(201);
    expect(tr.body).toMatchObject({ status: 'received', lines: [{ variantId: v, quantity: 4 }] });
    expect(await level(v, a.id)).toMatchObject({ onHand: 6 });
    expect(await level(v, b.id)).toMatchObject({ onHand: 4 });
    const moves = await t.api('GET', `/admin/inventory/movements?reference=${tr.body.id}`, { token });
    expect(moves.body.items.map((m: any) => [m.reason, m.delta]).sort()).toEqual([['transfer_in', 4], ['transfer_out', -4]]);
    const audit = await t.api('GET', `/admin/audit?entityId=${tr.body.id}`, { token });
    expect(audit.body.items[0]).toMatchObject({ action: 'inventory.transfer_created', entityType: 'inventory_transfer' });
  });

  it('ships in transit, then receives or cancels', async () => {
    const a = await location('Transit A');
    const b = await location('Transit B');
    const v = variant();
    await adjust({ variantId: v, locationId: a.id, reason: 'received', delta: 10 });
    const ship = await t.api('POST', '/admin/inventory/transfers', { token, body: { fromLocationId: a.id, toLocationId: b.id, inTransit: true, lines: [{ variantId: v, quantity: 3 }] } });
    expect(ship.body.status).toBe('in_transit');
    expect(await level(v, a.id)).toMatchObject({ onHand: 7 });
    expect(await level(v, b.id)).toMatchObject({ onHand: 0, incoming: 3 });
    const recv = await t.api('POST', `/admin/inventory/transfers/${ship.body.id}/receive`, { token });
    expect(recv.status).toBe(200);
    expect(recv.body.status).toBe('received');
    expect(await level(v, b.id)).toMatchObject({ onHand: 3, incoming: 0 });
    const again = await t.api('POST', `/admin/inventory/transfers/${ship.body.id}/receive`, { token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('inventory.transfer_not_in_transit');

    const ship2 = await t.api('POST', '/admin/inventory/transfers', { token, body: { fromLocationId: a.id, toLocationId: b.id, inTransit: true, lines: [{ variantId: v, quantity: 2 }] } });
    const cancel = await t.api('POST', `/admin/inventory/transfers/${ship2.body.id}/cancel`, { token });
    expect(cancel.body.status).toBe('cancelled');
    expect(await level(v, a.id)).toMatchObject({ onHand: 7 });
    expect(await level(v, b.id)).toMatchObject({ onHand: 3, incoming: 0 });
    const list = await t.api('GET', '/admin/inventory/transfers?status=cancelled', { token });
    expect(list.body.items.map((x: any) => x.id)).toContain(ship2.body.id);
  });

  it('refuses a transfer of more than is available, moving nothing', async () => {
    const a = await location('Short A');
    const b = await location('Short B');
    const v1 = variant();
    const v2 = variant();
    await adjust({ variantId: v1, locationId: a.id, reason: 'received', delta: 5 });
    await adjust({ variantId: v2, locationId: a.id, reason: 'received', delta: 1 });
    const res = await t.api('POST', '/admin/inventory/transfers', { token, body: { fromLocationId: a.id, toLocationId: b.id, lines: [{ variantId: v1, quantity: 5 }, { variantId: v2, quantity: 2 }] } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('inventory.insufficient_stock');
    expect(res.body.error.details.shortages).toEqual([{ variantId: v2, locationId: a.id, requested: 2, available: 1 }]);
    expect(await level(v1, a.id)).toMatchObject({ onHand: 5 });
    expect(await level(v1, b.id)).toBeUndefined();
    const same = await t.api('POST', '/admin/inventory/transfers', { token, body: { fromLocationId: a.id, toLocationId: a.id, lines: [{ variantId: v1, quantity: 1 }] } });
    expect(same.status).toBe(400);
    expect(same.body.error.details[0].field).toBe('body.toLocationId');
  });
});

describe('reservations', () => {
  it('never oversells: 200 concurrent reservations for 50 units give exactly 50 holds', async () => {
    const wh = await location('Race WH');
    const v = variant();
    await adjust({ variantId: v, locationId: wh.id, reason: 'received', delta: 50 });
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) =>
      t.api('POST', '/admin/inventory/reservations', { token, body: { reference: `cart_${i}`, lines: [{ variantId: v, quantity: 1 }] } })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s === 409)).toHaveLength(150);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('inventory.insufficient_stock');
    expect(await level(v, wh.id)).toMatchObject({ onHand: 50, reserved: 50, available: 0 });
    const avail = await t.api('GET', `/admin/inventory/variants/${v}`, { token });
    expect(avail.body.available).toBe(0);
  });

  it('never oversells with racing multi-unit, multi-location reservations', async () => {
    const a = await location('Race multi A');
    const b = await location('Race multi B');
    const v = variant();
    await adjust({ variantId: v, locationId: a.id, reason: 'received', delta: 17 });
    await adjust({ variantId: v, locationId: b.id, reason: 'received', delta: 13 });
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) =>
      t.api('POST', '/admin/inventory/reservations', { token, body: { reference: `multi_${i}`, lines: [{ variantId: v, quantity: 1 + (i % 3) }] } })));
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const held = results.filter((r) => r.status === 201).reduce((s, r) => s + r.body.lines.reduce((x: number, l: any) => x + l.quantity, 0), 0);
    const la = (await level(v, a.id))!;
    const lb = (await level(v, b.id))!;
    expect(la.reserved + lb.reserved).toBe(held);
    expect(la.available).toBeGreaterThanOrEqual(0);
    expect(lb.available).toBeGreaterThanOrEqual(0);
    expect(held).toBeGreaterThan(27); // only leftovers smaller than a request may stay
  });

  it('has the database itself refuse negative or over-reserved stock, whatever the code does', async () => {
    const wh = await location('Constraint WH');
    const v = variant();
    await adjust({ variantId: v, locationId: wh.id, reason: 'received', delta: 2 });
    const db = t.app.database.db;
    const where = (q: any) => q.where('variant_id', '=', v).where('location_id', '=', wh.id);
    await expect(where(db.updateTable('inventory_levels').set({ reserved: 3 })).execute()).rejects.toThrow();
    await expect(where(db.updateTable('inventory_levels').set({ on_hand: -1 })).execute()).rejects.toThrow();
    await expect(where(db.updateTable('inventory_levels').set({ reserved: -1 })).execute()).rejects.toThrow();
    expect(await level(v, wh.id)).toMatchObject({ onHand: 2, reserved: 0 });
  });

  it('is all or nothing across lines', async () => {
    const wh = await location('All or nothing WH');
    const v1 = variant();
    const v2 = variant();
    await adjust({ variantId: v1, locationId: wh.id, reason: 'received', delta: 5 });
    await adjust({ variantId: v2, locationId: wh.id, reason: 'received', delta: 1 });
    const res = await t.api('POST', '/admin/inventory/reservations', { token, body: { reference: 'cart_aon', lines: [{ variantId: v1, quantity: 2 }, { variantId: v2, quantity: 2 }] } });
    expect(res.status).toBe(409);
    expect(res.body.error.details.shortages).toEqual([{ variantId: v2, requested: 2, available: 1 }]);
    expect(await level(v1, wh.id)).toMatchObject({ reserved: 0, available: 5 });
    const unknown = await t.api('POST', '/admin/inventory/reservations', { token, body: { reference: 'cart_unknown', lines: [{ variantId: variant(), quantity: 1 }] } });
    expect(unknown.status).toBe(409);
  });

  it('inside a caller\'s transaction, a refused reservation undoes only its own writes', async () => {
    const wh = await location('Saga WH');
    const v1 = variant();
    const v2 = variant();
    await adjust({ variantId: v1, locationId: wh.id, reason: 'received', delta: 4 });
    const inv = t.app.modules.inventory.service;
    const ctx = t.app.systemCtx();
    const outcome = await ctx.db.transaction().execute(async (tx) => {
      const c = { ...ctx, db: tx };
      const refused = await inv.reserve(c, { reference: 'saga_1', lines: [{ variantId: v1, quantity: 1 }, { variantId: v2, quantity: 1 }] });
      const held = await inv.reserve(c, { reference: 'saga_1', lines: [{ variantId: v1, quantity: 3 }] });
      return { refused, held };
    });
    expect(outcome.refused.ok).toBe(false);
    expect(outcome.held.ok).toBe(true);
    expect(await level(v1, wh.id)).toMatchObject({ onHand: 4, reserved: 3, available: 1 });
  });

  it('commits a reservation as a sale and releases idempotently', async () => {
    const wh = await location('Commit WH');
    const v = variant();
    await adjust({ variantId: v, locationId: wh.id, reason: 'received', delta: 10 });
    const r1 = await t.api('POST', '/admin/inventory/reservations', { token, body: { reference: 'ord_1', lines: [{ variantId: v, quantity: 3, locationId: wh.id }] } });
    expect(r1.status).toBe(201);
    expect(r1.body).toMatchObject({ status: 'active', lines: [{ variantId: v, locationId: wh.id, quantity: 3 }] });
    const committed = await t.api('POST', `/admin/inventory/reservations/${r1.body.id}/commit`, { token });
    expect(committed.status).toBe(200);
    expect(committed.body.status).toBe('committed');
    expect((await t.api('POST', `/admin/inventory/reservations/${r1.body.id}/commit`, { token })).status).toBe(200);
    expect(await level(v, wh.id)).toMatchObject({ onHand: 7, reserved: 0, available: 7 });
    const sold = await t.api('GET', `/admin/inventory/movements?variantId=${v}&reason=sold`, { token });
    expect(sold.body.items).toMatchObject([{ delta: -3, onHandAfter: 7, reference: 'ord_1' }]);
    const releaseSold = await t.api('DELETE', `/admin/inventory/reservations/${r1.body.id}`, { token });
    expect(releaseSold.status).toBe(409);
    expect(releaseSold.body.error.code).toBe('inventory.reservation_committed');

    const r2 = await t.api('POST', '/admin/inventory/reservations', { token, body: { reference: 'cart_2', lines: [{ variantId: v, quantity: 4 }] } });
    expect(await level(v, wh.id)).toMatchObject({ reserved: 4, available: 3 });
    expect((await t.api('DELETE', `/admin/inventory/reservations/${r2.body.id}`, { token })).status).toBe(204);
    expect((await t.api('DELETE', `/admin/inventory/reservations/${r2.body.id}`, { token })).status).toBe(204);
    expect(await level(v, wh.id)).toMatchObject({ reserved: 0, available: 7 });
    const commitReleased = await t.api('POST', `/admin/inventory/reservations/${r2.body.id}/commit`, { token });
    expect(commitReleased.status).toBe(409);
    expect(commitReleased.body.error.code).toBe('inventory.reservation_not_active');
    expect((await t.api('DELETE', '/admin/inventory/reservations/res_nope', { token })).status).toBe(404);
  });

  it('validates reservation input, naming the field', async () => {
    const zero = await t.api('POST', '/admin/inventory/reservations', { token, body: { reference: 'x', lines: [{ variantId: 'v', quantity: 0 }] } });
    expect(zero.status).toBe(400);
    expect(zero.body.error.details.map((d: any) => d.field)).toContain('body.lines[0].quantity');
    const empty = await t.api('POST', '/admin/inventory/reservations', { token, body: { reference: 'x', lines: [] } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.map((d: any) => d.field)).toContain('body.lines');
    const extra = await t.api('POST', '/admin/inventory/reservations', { token, body: { reference: 'x', lines: [{ variantId: 'v', quantity: 1, price: 3 }] } });
    expect(extra.status).toBe(400);
    expect(extra.body.error.details).toContainEqual({ field: 'body.lines[0].price', message: 'is not a known field' });
  });

  it('expires reservations through the scheduled job, giving the stock back', async () => {
    const wh = await location('Expiry WH');
    const v = variant();
    await adjust({ variantId: v, locationId: wh.id, reason: 'received', delta: 8 });
    const short = await t.api('POST', '/admin/inventory/reservations', { token, body: { reference: 'cart_exp', ttlSeconds: 1, lines: [{ variantId: v, quantity: 5 }] } });
    const long = await t.api('POST', '/admin/inventory/reservations', { token, body: { reference: 'cart_keep', lines: [{ variantId: v, quantity: 1 }] } });
    expect(await level(v, wh.id)).toMatchObject({ reserved: 6, available: 2 });
    const db = t.app.database.db;
    const schedule = await db.selectFrom('schedules').selectAll().where('name', '=', 'inventory.expire_reservations').executeTakeFirstOrThrow();
    expect(schedule.every_seconds).toBe(30);

    await new Promise((r) => setTimeout(r, 1100));
    // Make the schedule due now rather than waiting 30 s; the bus then enqueues and runs the job.
    await db.updateTable('schedules').set({ next_run_at: new Date(Date.now() - 1000).toISOString() }).where('name', '=', 'inventory.expire_reservations').execute();
    await t.drain();
    const expired = await eventually(() => t.api('GET', `/admin/inventory/reservations/${short.body.id}`, { token }), (r) => r.body.status === 'expired');
    expect(expired.body.status).toBe('expired');
    expect((await t.api('GET', `/admin/inventory/reservations/${long.body.id}`, { token })).body.status).toBe('active');
    expect(await level(v, wh.id)).toMatchObject({ onHand: 8, reserved: 1, available: 7 });
    const events = await db.selectFrom('outbox').selectAll().where('type', '=', 'inventory.reservation_expired').where('aggregate_id', '=', short.body.id).execute();
    expect(events).toHaveLength(1);
    const commitExpired = await t.api('POST', `/admin/inventory/reservations/${short.body.id}/commit`, { token });
    expect(commitExpired.status).toBe(409);
  });
});

describe('events', () => {
  it('emits level_changed on every change and low_stock when available drops to the threshold', async () => {
    const wh = await location('Events WH');
    const v = variant();
    await adjust({ variantId: v, locationId: wh.id, reason: 'received', delta: 6 });
    await t.api('POST', '/admin/inventory/reservations', { token, body: { reference: 'cart_ev', lines: [{ variantId: v, quantity: 2 }] } });
    await adjust({ variantId: v, locationId: wh.id, reason: 'damaged', delta: -1 });
    await adjust({ variantId: v, locationId: wh.id, reason: 'damaged', delta: -1 });
    const changed = await outbox('inventory.level_changed', v);
    expect(changed).toEqual([
      { variantId: v, locationId: wh.id, onHand: 6, reserved: 0, available: 6, reason: 'received' },
      { variantId: v, locationId: wh.id, onHand: 6, reserved: 2, available: 4, reason: 'reserved' },
      { variantId: v, locationId: wh.id, onHand: 5, reserved: 2, available: 3, reason: 'damaged' },
      { variantId: v, locationId: wh.id, onHand: 4, reserved: 2, available: 2, reason: 'damaged' },
    ]);
    // The store threshold is 3 in this test app: one alert when available crosses down to it.
    expect(await outbox('inventory.low_stock', v)).toEqual([{ variantId: v, locationId: wh.id, available: 3, threshold: 3 }]);
    expect((await t.api('GET', `/admin/inventory/levels?lowStock=true&locationId=${wh.id}`, { token })).body.items.map((l: any) => l.variantId)).toEqual([v]);
  });

  it('uses a per-level reorder point when set', async () => {
    const wh = await location('Reorder WH');
    const v = variant();
    await adjust({ variantId: v, locationId: wh.id, reason: 'received', delta: 30 });
    const set = await t.api('PUT', '/admin/inventory/levels/reorder-point', { token, body: { variantId: v, locationId: wh.id, reorderPoint: 20 } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ reorderPoint: 20, lowStock: false });
    await adjust({ variantId: v, locationId: wh.id, reason: 'shrinkage', delta: -10 });
    expect(await outbox('inventory.low_stock', v)).toEqual([{ variantId: v, locationId: wh.id, available: 20, threshold: 20 }]);
    expect(await level(v, wh.id)).toMatchObject({ lowStock: true });
    const notLow = await t.api('GET', `/admin/inventory/levels?lowStock=false&locationId=${wh.id}`, { token });
    expect(notLow.body.items).toEqual([]);
  });
});

describe('levels listing and seeding', () => {
  it('seeds 1,500 levels in one call and pages through them with a cursor', async () => {
    const ctx = t.app.systemCtx();
    const inv = t.app.modules.inventory.service;
    const locs = [await inv.createLocation(ctx, { name: 'Seed A', kind: 'warehouse', address }), await inv.createLocation(ctx, { name: 'Seed B', kind: 'store', pickup: true, address })];
    const variants = Array.from({ length: 750 }, () => variant());
    const rows = variants.flatMap((v, i) => locs.map((l) => ({ variantId: v, locationId: l.id, onHand: i % 20 })));
    // Speed belongs to the benchmark, not to a test (a loaded machine would make this flaky).
    expect(await inv.seedLevels(ctx, rows)).toEqual({ levels: 1500 });

    const availability = await inv.availability(ctx, variants.slice(0, 3));
    expect(availability.get(variants[2])).toMatchObject({ available: 4, byLocation: [{ onHand: 2 }, { onHand: 2 }] });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await t.api('GET', `/admin/inventory/levels?locationId=${locs[1].id}&limit=200${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((l: any) => l.variantId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(750);
    expect(new Set(seen).size).toBe(750);

    // Seeding again sets on hand (not adds), and the ledger records only the difference.
    await inv.seedLevels(ctx, [{ variantId: variants[5], locationId: locs[0].id, onHand: 9 }]);
    expect(await level(variants[5], locs[0].id)).toMatchObject({ onHand: 9 });
    const moves = await t.api('GET', `/admin/inventory/movements?variantId=${variants[5]}&locationId=${locs[0].id}`, { token });
    expect(moves.body.items.map((m: any) => m.delta)).toEqual([4, 5]);
  });
});
