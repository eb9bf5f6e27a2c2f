/**
 * `npm run bench -- assistant`: shopping assistant reply latency and visual search on the demo
 * store. Seeds the demo store into a temporary SQLite data dir and starts the server; waits until
 * the demo's product images have descriptors (the consumer describes them after the import); then
 * sends a fixed mix of shopper messages (English, French and German searches with constraints,
 * availability and product questions, comparisons, add to cart) one after another and reports
 * p50/p95/p99 of the HTTP round trip against the target (offline reply p95 < 150 ms), the same under
 * concurrency, and visual search for a few photos. Prints a table and writes
 * bench/results/assistant.json.
 *
 * Options: --rounds N (passes over the message mix, default 20), --connections N (concurrent
 * shoppers in the load phase, default 8), --products/--customers/--orders (demo sizes), --keep.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { run, startServer, stopServer } from './http-bench.mjs';
import { call, sleep } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ASSISTANT_TARGETS = { replyP95Ms: 150 };

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const stats = (xs) => ({ n: xs.length, p50: +pct(xs, 50).toFixed(1), p95: +pct(xs, 95).toFixed(1), p99: +pct(xs, 99).toFixed(1), max: +Math.max(...xs).toFixed(1) });

/** The shopper's side of a few conversations; `{first}` is replaced by the first product found. */
const MESSAGES = [
  { message: 'waterproof hiking boots under 100 in size 9' },
  { message: 'cheapest black sneakers in size 10' },
  { message: 'organic cotton t-shirt in navy under 40' },
  { message: 'leather tote bag between 50 and 150' },
  { message: 'new arrivals in home decor' },
  { message: 'chaussures de randonnée imperméables à moins de 100 € en taille 9' },
  { message: 'un pull en laine bleu' },
  { message: 'wasserdichte Jacke unter 200 in Größe M' },
  { message: 'günstigste Kerze' },
  { message: 'is this available in blue?', ctx: 'product' },
  { message: 'what is it made of?', ctx: 'product' },
  { message: 'compare the first two', ctx: 'results' },
  { message: 'add the first one to my cart', ctx: 'results', cart: true },
];

async function photo(rgb) {
  return sharp({ create: { width: 400, height: 400, channels: 3, background: { r: 245, g: 245, b: 242 } } })
    .composite([{ input: { create: { width: 220, height: 220, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }, top: 90, left: 90 }]).jpeg().toBuffer();
}

export async function main(argv) {
  const { values } = parseArgs({ args: argv, strict: true, options: {
    rounds: { type: 'string', default: '20' }, connections: { type: 'string', default: '8' },
    products: { type: 'string' }, customers: { type: 'string', default: '300' }, orders: { type: 'string', default: '3000' }, keep: { type: 'boolean' },
  } });
  const rounds = Number(values.rounds), connections = Number(values.connections);
  const dir = mkdtempSync(join(tmpdir(), 'emporia-assistant-bench-'));
  const env = { DATA_DIR: dir, RATE_LIMIT_MAX: '0', RATE_LIMIT_AUTH_MAX: '0', LOG_LEVEL: 'warn', NODE_ENV: 'development' };
  const results = { at: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version }, targets: ASSISTANT_TARGETS };
  try {
    console.log(`Seeding the demo store into ${dir} …`);
    const sizes = ['products', 'customers', 'orders'].flatMap((k) => (values[k] ? [`--${k}`, values[k]] : []));
    console.log((await run(['seed', '--demo', ...sizes], env, { quiet: true })).out.trim());
    const server = await startServer(env);
    try {
      const url = server.url;
      let password = null;
      for (let i = 0; i < 100 && !password; i++) { password = /password:\s+(\S+)/.exec(server.output())?.[1] ?? null; if (!password) await sleep(50); }
      const { accessToken: admin } = await call(url, 'POST', '/admin/auth/login', { body: { email: 'owner@emporia.local', password } });
      const total = (await call(url, 'GET', '/store/products?limit=1')).total;
      const t0 = performance.now();
      for (;;) {
        const s = await call(url, 'GET', '/admin/visual-search/status', { token: admin });
        const described = s.methods.find((m) => m.method.startsWith('colour'))?.products ?? 0;
        if (described >= total) break;
        if (performance.now() - t0 > 600_000) throw new Error(`only ${described} of ${total} products described after 10 minutes`);
        await sleep(500);
      }
      results.describeMs = Math.round(performance.now() - t0);
      console.log(`Product images described: ${total} products in ${(results.describeMs / 1000).toFixed(1)} s after start`);

      const first = await call(url, 'POST', '/store/assistant/messages', { body: { message: 'boots' } });
      const product = first.results[0]?.id;
      const ask = async (m, state) => {
        const context = m.ctx === 'product' ? { productId: product } : m.ctx === 'results' ? { resultIds: state.results, constraints: state.constraints } : undefined;
        const body = { message: m.message, ...(context ? { context } : {}), ...(m.cart && state.cartId ? { cartId: state.cartId } : {}) };
        const headers = m.cart && state.cartToken ? { 'x-cart-token': state.cartToken } : {};
        const t = performance.now();
        const a = await call(url, 'POST', '/store/assistant/messages', { body, headers });
        const ms = performance.now() - t;
        if (a.results.length) { state.results = a.results.map((r) => r.id); state.constraints = a.constraints; }
        if (a.cart?.cartToken) { state.cartId = a.cart.cartId; state.cartToken = a.cart.cartToken; }
        return { ms, a };
      };
      // Warm-up: one pass (the first request builds the catalogue vocabulary).
      const warm = { results: [] };
      for (const m of MESSAGES) await ask(m, warm);
      results.samples = [];
      for (const m of MESSAGES.slice(0, 9)) results.samples.push(`${m.message} → ${(await ask(m, warm)).a.reply}`);

      const sequential = [];
      const byIntent = {};
      for (let r = 0; r < rounds; r++) {
        const state = { results: [] };
        for (const m of MESSAGES) {
          const { ms, a } = await ask(m, state);
          sequential.push(ms);
          (byIntent[a.intent] ??= []).push(ms);
        }
      }
      results.sequential = stats(sequential);
      results.byIntent = Object.fromEntries(Object.entries(byIntent).map(([k, v]) => [k, stats(v)]));
      console.log(`Sequential replies: ${JSON.stringify(results.sequential)}`);

      const concurrent = [];
      await Promise.all(Array.from({ length: connections }, async () => {
        const state = { results: [] };
        for (let r = 0; r < Math.max(2, Math.floor(rounds / 2)); r++) for (const m of MESSAGES) concurrent.push((await ask(m, state)).ms);
      }));
      results.concurrent = { connections, ...stats(concurrent) };
      console.log(`${connections} shoppers at once: ${JSON.stringify(results.concurrent)}`);

      const visual = [];
      const tops = [];
      for (const [name, rgb] of [['red', [200, 30, 35]], ['navy', [27, 42, 92]], ['green', [34, 94, 52]], ['tan', [196, 150, 100]]]) {
        const img = await photo(rgb);
        for (let k = 0; k < 5; k++) {
          const form = new FormData();
          form.append('file', new Blob([img], { type: 'image/jpeg' }), 'photo.jpg');
          const t = performance.now();
          const res = await call(url, 'POST', '/store/visual-search?limit=12', { raw: form });
          visual.push(performance.now() - t);
          if (k === 0) tops.push(`${name}: ${res.items.slice(0, 3).map((i) => `${i.title} (${i.dominant})`).join(', ')}`);
        }
      }
      results.visualSearch = { ...stats(visual), top3: tops };
      console.log(`Visual search: ${JSON.stringify(stats(visual))}`);

      const rows = [
        ['assistant replies, one at a time', results.sequential],
        [`assistant replies, ${connections} at once`, results.concurrent],
        ...Object.entries(results.byIntent).map(([k, v]) => [`  ${k}`, v]),
        ['visual search (400×400 JPEG)', results.visualSearch],
      ];
      console.log('\n| measure | n | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|');
      for (const [name, s] of rows) console.log(`| ${name} | ${s.n} | ${s.p50} | ${s.p95} | ${s.p99} |`);
      console.log(`\nTarget: offline reply p95 < ${ASSISTANT_TARGETS.replyP95Ms} ms → ${results.sequential.p95 < ASSISTANT_TARGETS.replyP95Ms ? 'met' : 'NOT met'}`);
      for (const t of tops) console.log(`  photo ${t}`);
      results.met = results.sequential.p95 < ASSISTANT_TARGETS.replyP95Ms;
    } finally {
      await stopServer(server.child);
    }
    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    writeFileSync(join(root, 'bench', 'results', 'assistant.json'), JSON.stringify(results, null, 2));
    return results.met ? 0 : 1;
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
