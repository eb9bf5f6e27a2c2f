/**
 * Visual search over real HTTP: product images get descriptors when they are uploaded (the
 * product.updated consumer), a shopper's photo of a red item ranks the red products first, and
 * bad uploads get clear 4xx answers. An embeddings endpoint that fails falls back to the descriptors.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness.js';

type Rgb = [number, number, number];
const RED: Rgb = [200, 30, 35], DARK_RED: Rgb = [150, 20, 30], BLUE: Rgb = [30, 70, 200], GREEN: Rgb = [40, 150, 60], YELLOW: Rgb = [235, 200, 40];

/** A product photo: a shape in a colour on a light ground, as a PNG (or JPEG). */
async function photo(fg: Rgb, shape: 'circle' | 'square' | 'boot', opts: { size?: number; bg?: Rgb; jpeg?: boolean } = {}): Promise<Buffer> {
  const size = opts.size ?? 300;
  const bg = opts.bg ?? [245, 245, 242];
  const px = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    const dx = (x - size / 2) / size, dy = (y - size / 2) / size;
    const inside = shape === 'circle' ? dx * dx + dy * dy < 0.09
      : shape === 'square' ? Math.abs(dx) < 0.28 && Math.abs(dy) < 0.28
        : (dy > -0.3 && dy < 0.25 && dx > -0.25 && dx < 0) || (dy > 0.05 && dy < 0.25 && dx >= 0 && dx < 0.3);
    px.set(inside ? fg : bg, (y * size + x) * 3);
  }
  const img = sharp(px, { raw: { width: size, height: size, channels: 3 } });
  return opts.jpeg ? img.jpeg({ quality: 85 }).toBuffer() : img.png().toBuffer();
}

function form(bytes: Buffer | string, name = 'photo.png', field = 'file', type = 'image/png'): FormData {
  const f = new FormData();
  f.append(field, new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type }), name);
  return f;
}

describe('visual search', () => {
  let t: TestApp;
  let admin: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    admin = (await t.staff('admin')).token;
    const items: [string, Rgb, 'circle' | 'square' | 'boot'][] = [
      ['Red Ball', RED, 'circle'], ['Crimson Boot', DARK_RED, 'boot'], ['Red Box', RED, 'square'],
      ['Blue Ball', BLUE, 'circle'], ['Green Box', GREEN, 'square'], ['Yellow Boot', YELLOW, 'boot'], ['Blue Boot', BLUE, 'boot'],
    ];
    for (const [title, colour, shape] of items) {
      const p = await t.api('POST', '/admin/products', { token: admin, body: { title, status: 'active', variants: [{ prices: [{ currency: 'USD', amount: 1500 }] }] } });
      expect(p.status).toBe(201);
      ids[title] = p.body.id;
      const up = await t.api('POST', `/admin/products/${p.body.id}/images/upload`, { token: admin, raw: form(await photo(colour, shape), `${title}.png`) });
      expect(up.status).toBe(201);
    }
    // A product with only a remote image is never fetched, so it has no descriptor.
    const remote = await t.api('POST', '/admin/products', { token: admin, body: { title: 'Remote Lamp', status: 'active', images: [{ url: 'https://example.com/lamp.png' }], variants: [{ prices: [{ currency: 'USD', amount: 900 }] }] } });
    expect(remote.status).toBe(201);
    await t.drain();
  });
  afterAll(async () => { await t?.close(); });

  it('describes product images when they are uploaded (event-driven)', async () => {
    const status = await t.api('GET', '/admin/visual-search/status', { token: admin });
    expect(status.status).toBe(200);
    expect(status.body.methods).toEqual([{ method: 'colour-shape-texture/v1', images: 7, products: 7 }]);
    expect(status.body.embeddings).toBeNull();
  });

  it('ranks red items first for a photo of a red item, with the reason', async () => {
    const res = await t.api('POST', '/store/visual-search', { raw: form(await photo([215, 40, 45], 'circle', { size: 480, bg: [255, 255, 255], jpeg: true }), 'mine.jpg', 'file', 'image/jpeg') });
    expect(res.status).toBe(200);
    expect(res.body.method).toBe('descriptors');
    expect(res.body.query.dominant).toBe('red');
    const titles = res.body.items.map((i: any) => i.title);
    expect(new Set(titles.slice(0, 3))).toEqual(new Set(['Red Ball', 'Crimson Boot', 'Red Box']));
    expect(titles[0]).toBe('Red Ball');
    expect(titles).not.toContain('Remote Lamp');
    const top = res.body.items[0];
    expect(top).toMatchObject({ productId: ids['Red Ball'], dominant: 'red', priceRange: { min: 1500, max: 1500, currency: 'USD' }, inStock: expect.any(Boolean) });
    expect(top.reason).toContain('Same main colour (red)');
    expect(top.score).toBeGreaterThan(res.body.items[3].score);
    // A blue boot ranks the boots and blue items above red balls.
    const blue = (await t.api('POST', '/store/visual-search?limit=3', { raw: form(await photo([35, 75, 210], 'boot')) })).body;
    expect(blue.items).toHaveLength(3);
    expect(blue.items[0].title).toBe('Blue Boot');
    expect(blue.items.map((i: any) => i.title)).toContain('Blue Ball');
  });

  it('follows image changes: a removed image stops matching, an archived product is not shown', async () => {
    const detail = await t.api('GET', `/admin/products/${ids['Red Box']}`, { token: admin });
    const del = await t.api('DELETE', `/admin/products/${ids['Red Box']}/images/${detail.body.images[0].id}`, { token: admin });
    expect(del.status).toBe(204);
    const arch = await t.api('PATCH', `/admin/products/${ids['Crimson Boot']}`, { token: admin, body: { status: 'archived' } });
    expect(arch.status).toBe(200);
    await t.drain();
    const res = (await t.api('POST', '/store/visual-search', { raw: form(await photo(RED, 'circle')) })).body;
    const titles = res.items.map((i: any) => i.title);
    expect(titles[0]).toBe('Red Ball');
    expect(titles).not.toContain('Red Box');
    expect(titles).not.toContain('Crimson Boot');
  });

  it('refuses bad uploads with a clear 4xx naming the field', async () => {
    const none = await t.api('POST', '/store/visual-search', { raw: form('hello', 'a.txt', 'other', 'text/plain') });
    expect(none.status).toBe(400);
    expect(none.body.error.details[0].field).toBe('body.file');
    const json = await t.api('POST', '/store/visual-search', { body: { file: 'x' } });
    expect(json.status).toBe(415);
    expect(json.body.error.code).toBe('visual_search.multipart_required');
    const text = await t.api('POST', '/store/visual-search', { raw: form('this is not an image at all, only text', 'fake.png') });
    expect(text.status).toBe(415);
    expect(text.body.error).toMatchObject({ code: 'visual_search.image_type_unsupported', details: [{ field: 'body.file' }] });
    const svg = await t.api('POST', '/store/visual-search', { raw: form('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'x.svg', 'file', 'image/svg+xml') });
    expect(svg.status).toBe(415);
    const big = Buffer.concat([await photo(RED, 'circle'), Buffer.alloc(5 * 1024 * 1024 + 10)]);
    const tooBig = await t.api('POST', '/store/visual-search', { raw: form(big) });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('visual_search.image_too_large');
    const png = await photo(RED, 'circle');
    const broken = Buffer.concat([png.subarray(0, 40), Buffer.alloc(200, 7)]);
    const damaged = await t.api('POST', '/store/visual-search', { raw: form(broken) });
    expect(damaged.status).toBe(422);
    expect(damaged.body.error.code).toBe('visual_search.image_unreadable');
    const limit = await t.api('POST', '/store/visual-search?limit=0', { raw: form(png) });
    expect(limit.status).toBe(400);
  });
});

describe('visual search with an embeddings endpoint', () => {
  let t: TestApp;
  let server: Server;
  let mode: 'ok' | 'fail' = 'ok';
  let calls = 0;

  beforeAll(async () => {
    // A scripted OpenAI-compatible embeddings server: the vector is the image's mean colour, so it is checkable.
    server = createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      calls++;
      if (mode === 'fail') { res.writeHead(503).end('{"error":"overloaded"}'); return; }
      const { input, model } = JSON.parse(body);
      const png = Buffer.from(String(input[0]).split(',')[1], 'base64');
      const { data } = await sharp(png).resize(8, 8).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const mean = [0, 1, 2].map((c) => { let s = 0; for (let i = c; i < data.length; i += 3) s += data[i]; return s / (data.length / 3) / 255 - 0.5; });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', model, data: [{ object: 'embedding', index: 0, embedding: mean }] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    t = await startTestApp({ EMBEDDINGS_URL: url, EMBEDDINGS_MODEL: 'mean-colour' });
    const admin = (await t.staff('admin')).token;
    for (const [title, colour] of [['Red Tile', RED], ['Blue Tile', BLUE], ['Green Tile', GREEN]] as const) {
      const p = await t.api('POST', '/admin/products', { token: admin, body: { title, status: 'active', variants: [{ prices: [{ currency: 'USD', amount: 700 }] }] } });
      await t.api('POST', `/admin/products/${p.body.id}/images/upload`, { token: admin, raw: form(await photo(colour as Rgb, 'square', { bg: colour as Rgb })) });
    }
    await t.drain();
  });
  afterAll(async () => { await t?.close(); server?.close(); });

  it('ranks by embeddings when the endpoint answers, and by descriptors when it fails', async () => {
    const status = (await t.api('GET', '/admin/visual-search/status', { token: (await t.staff('admin')).token })).body;
    expect(status.embeddings).toBe('mean-colour');
    expect(status.methods.map((m: any) => [m.method, m.images]).sort()).toEqual([['colour-shape-texture/v1', 3], ['embeddings:mean-colour', 3]]);
    const ok = (await t.api('POST', '/store/visual-search', { raw: form(await photo(BLUE, 'circle', { bg: BLUE })) })).body;
    expect(ok.method).toBe('embeddings');
    expect(ok.items[0].title).toBe('Blue Tile');
    expect(ok.items[0].reason).toBe('Looks alike (image embeddings)');
    mode = 'fail';
    const before = calls;
    const fallback = (await t.api('POST', '/store/visual-search', { raw: form(await photo(GREEN, 'circle', { bg: GREEN })) })).body;
    expect(calls).toBe(before + 1);
    expect(fallback.method).toBe('descriptors');
    expect(fallback.fallbackReason).toContain('503');
    expect(fallback.items[0].title).toBe('Green Tile');
  });
});
