/**
 * The staff event stream: server-sent events fed by the relay, filtered by permission and by the
 * caller's types, with heartbeats, catch-up by Last-Event-ID and a 406 for clients that cannot stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupShop, placeOrder, type Shop } from '../support/shop.js';
import { startTestApp, type TestApp } from '../support/harness.js';

let t: TestApp;
let shop: Shop;
beforeAll(async () => {
  t = await startTestApp();
  shop = await setupShop(t);
});
afterAll(async () => { await t?.close(); });

interface Frame { id?: string; event?: string; data?: any }

/** Opens the stream with fetch (as the admin does) and collects frames until `until` says stop. */
async function collect(token: string, opts: { query?: string; lastEventId?: string; until: (frames: Frame[]) => boolean; during?: () => Promise<unknown>; timeoutMs?: number }) {
  const ctrl = new AbortController();
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
  if (opts.lastEventId) headers['last-event-id'] = opts.lastEventId;
  const res = await fetch(`${t.url}/admin/events/stream${opts.query ?? ''}`, { headers, signal: ctrl.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const frames: Frame[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  const timer = setTimeout(() => ctrl.abort(), opts.timeoutMs ?? 5000);
  const during = opts.during?.();
  try {
    while (!opts.until(frames)) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += value;
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const f: Frame = {};
        for (const line of block.split('\n')) {
          if (line.startsWith('id: ')) f.id = line.slice(4);
          else if (line.startsWith('event: ')) f.event = line.slice(7);
          else if (line.startsWith('data: ')) f.data = JSON.parse(line.slice(6));
        }
        if (f.event) frames.push(f);
      }
    }
  } catch (e) {
    if ((e as Error).name !== 'AbortError') throw e;
  } finally {
    clearTimeout(timer);
    ctrl.abort();
    await during;
  }
  return frames;
}

describe('staff event stream', () => {
  it('refuses anonymous callers and clients that do not accept an event stream', async () => {
    expect((await t.api('GET', '/admin/events/stream', { headers: { accept: 'text/event-stream' } })).status).toBe(401);
    const res = await t.api('GET', '/admin/events/stream', { token: shop.admin });
    expect(res.status).toBe(406);
    expect(res.body.error.code).toBe('events.stream_not_acceptable');
  });

  it('pushes order and stock events to staff as they are relayed', async () => {
    const frames = await collect(shop.admin, {
      until: (f) => f.some((x) => x.event === 'order.placed'),
      during: async () => { await placeOrder(t, shop, { lines: [{ variantId: shop.variants.tee, quantity: 1 }] }); await t.drain(); },
    });
    const placed = frames.find((f) => f.event === 'order.placed')!;
    expect(placed.data.type).toBe('order.placed');
    expect(Number(placed.id)).toBe(placed.data.seq);
    expect(placed.data.aggregateId).toMatch(/^ord_/);
    expect(frames.every((f) => !f.event!.startsWith('job:'))).toBe(true);
  });

  it('narrows to the types asked for, and hides what the role may not read', async () => {
    const support = await t.staff('support');
    const [mine, theirs] = await Promise.all([
      collect(shop.admin, { query: '?types=inventory.*', until: (f) => f.some((x) => x.event === 'inventory.level_changed') }),
      collect(support.token, { until: () => false, timeoutMs: 1500 }),
      (async () => {
        await new Promise((r) => setTimeout(r, 200));
        await t.api('POST', '/admin/inventory/adjustments', { token: shop.admin, body: { variantId: shop.variants.mug, locationId: shop.warehouse.id, reason: 'received', delta: 2 } });
        await t.drain();
      })(),
    ]);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((f) => f.event!.startsWith('inventory.'))).toBe(true);
    // Support staff lack inventory:read: the same events never reach them.
    expect(theirs.some((f) => f.event!.startsWith('inventory.'))).toBe(false);
  });

  it('catches a reconnecting client up from Last-Event-ID', async () => {
    const first = await collect(shop.admin, {
      until: (f) => f.some((x) => x.event === 'order.placed'),
      during: async () => { await placeOrder(t, shop, { lines: [{ variantId: shop.variants.mug, quantity: 1 }] }); await t.drain(); },
    });
    const before = Number(first.find((f) => f.event === 'order.placed')!.id) - 1;
    const again = await collect(shop.admin, { lastEventId: String(before), until: (f) => f.some((x) => x.event === 'order.placed') });
    expect(again[0].id).toBe(String(before + 1));
    expect(again.find((f) => f.event === 'order.placed')).toBeTruthy();
  });
});
