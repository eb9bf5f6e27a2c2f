/**
 * `npm run bench`: seeds the demo store into a temporary SQLite data dir, measures cold start on
 * that existing database, then loads the storefront with autocannon (50 connections) from this
 * process while the server runs in its own process, then the order path (bench/order-bench.mjs:
 * cart operations and checkouts at concurrency 20). Prints a table and writes JSON to bench/results/.
 *
 * Options: --duration S (per endpoint, default 15), --connections N (50), --products/--customers/--orders
 * (demo sizes, defaults as `emporia seed --demo`), --carts N (checkouts to run, default 3000), --keep (keep the data dir).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { ORDER_TARGETS, orderPathBench } from './order-bench.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'bin/emporia.js');
export const TARGETS = { listRps: 3000, listP95Ms: 25, detailRps: 6000, coldStartMs: 1500, rssMb: 300 };

const freePort = () => new Promise((resolve) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); }); });
const round1 = (x) => Math.round(x * 10) / 10;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const percentile = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

export function run(args, env, { quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (d) => { out += d; if (!quiet) process.stdout.write(d); });
    child.stderr.on('data', (d) => { err += d; if (!quiet) process.stderr.write(d); });
    child.on('exit', (code) => (code === 0 ? resolve({ out, err }) : reject(new Error(`emporia ${args.join(' ')} exited ${code}\n${err}`))));
  });
}

/** Starts the server and answers when /health responds, with the wall time from spawn to ready. */
export async function startServer(env) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'start'], { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${out}`);
    try { if ((await fetch(`${url}/health`)).ok) break; } catch { /* not yet */ }
    if (performance.now() - t0 > 120_000) { child.kill('SIGKILL'); throw new Error(`server did not start:\n${out}`); }
    await sleep(5);
  }
  const ms = performance.now() - t0;
  const reported = Number(/ready in (\d+) ms/.exec(out)?.[1] ?? NaN);
  return { child, url, ms, reported, output: () => out };
}

export async function stopServer(child) {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([done, sleep(10_000).then(() => child.kill('SIGKILL'))]);
}

function rssMb(pid) {
  try { return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024; } catch { return NaN; }
}

export async function load(name, url, opts) {
  const latencies = [];
  let non2xx = 0;
  const instance = autocannon({ url, connections: opts.connections, duration: opts.duration, requests: opts.requests });
  instance.on('response', (_client, status, _bytes, ms) => { latencies.push(ms); if (status < 200 || status >= 300) non2xx++; });
  let peak = 0;
  const sampler = setInterval(() => { peak = Math.max(peak, rssMb(opts.pid)); }, 200);
  const result = await new Promise((resolve, reject) => instance.on('done', resolve).on('error', reject));
  clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  return {
    name, rps: Math.round(result.requests.average), requests: result.requests.total, non2xx: non2xx + result.errors + result.timeouts,
    p50: round1(percentile(latencies, 50)), p95: round1(percentile(latencies, 95)), p99: round1(percentile(latencies, 99)), maxMs: round1(latencies[latencies.length - 1]),
    peakRssMb: Math.round(peak),
  };
}

export async function main(argv) {
  const { values } = parseArgs({ args: argv, strict: true, options: {
    duration: { type: 'string', default: '15' }, connections: { type: 'string', default: '50' },
    products: { type: 'string' }, customers: { type: 'string' }, orders: { type: 'string' }, keep: { type: 'boolean' }, carts: { type: 'string', default: '3000' },
  } });
  const duration = Number(values.duration), connections = Number(values.connections);
  const dir = mkdtempSync(join(tmpdir(), 'emporia-bench-'));
  const env = { DATA_DIR: dir, RATE_LIMIT_MAX: '0', LOG_LEVEL: 'warn', NODE_ENV: 'development' };
  const results = { at: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version }, targets: TARGETS };
  try {
    console.log(`Seeding the demo store into ${dir} …`);
    const sizes = ['products', 'customers', 'orders'].flatMap((k) => (values[k] ? [`--${k}`, values[k]] : []));
    const t0 = performance.now();
    const seeded = await run(['seed', '--demo', ...sizes], env, { quiet: true });
    results.seed = { ms: Math.round(performance.now() - t0), summary: seeded.out.trim().split('\n').slice(0, 6).join(' | ') };
    console.log(seeded.out.trim());

    // First start creates the owner; cold start is measured on the starts after it.
    const first = await startServer(env);
    let password = null;
    for (let i = 0; i < 100 && !password; i++) { password = /password:\s+(\S+)/.exec(first.output())?.[1] ?? null; if (!password) await sleep(50); }
    await stopServer(first.child);
    if (!password) throw new Error(`the first start printed no owner password:\n${first.output()}`);
    const colds = [];
    for (let i = 0; i < 3; i++) {
      const s = await startServer(env);
      colds.push({ wallMs: Math.round(s.ms), reportedMs: s.reported });
      await stopServer(s.child);
    }
    results.coldStart = { runs: colds, medianWallMs: median(colds.map((c) => c.wallMs)), medianReportedMs: median(colds.map((c) => c.reportedMs)) };
    console.log(`Cold start on the existing database: ${colds.map((c) => `${c.wallMs} ms`).join(', ')} (spawn → /health answers)`);

    const server = await startServer(env);
    try {
      const handles = [];
      for (let cursor = null, page = 0; page < 10; page++) {
        const res = await fetch(`${server.url}/store/products?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
        if (!res.ok) throw new Error(`GET /store/products answered ${res.status}: ${await res.text()}`);
        const body = await res.json();
        handles.push(...body.items.map((p) => p.handle));
        cursor = body.nextCursor;
        if (!cursor) break;
      }
      if (!handles.length) throw new Error('the store has no products to benchmark');
      results.idleRssMb = Math.round(rssMb(server.child.pid));
      // Warm up both endpoints so the first measured requests are not compiling code paths.
      await load('warm-up', `${server.url}/store/products?limit=20`, { connections: 10, duration: 2, pid: server.child.pid });
      let i = 0;
      const detail = [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/store/products/${handles[i++ % handles.length]}` }) }];
      const list = await load('GET /store/products?limit=20', `${server.url}/store/products?limit=20`, { connections, duration, pid: server.child.pid });
      const det = await load('GET /store/products/:handle', server.url, { connections, duration, pid: server.child.pid, requests: detail });
      results.load = { connections, durationS: duration, handles: handles.length, list, detail: det };
      results.peakRssMb = Math.max(list.peakRssMb, det.peakRssMb);
      console.log('Order path: cart operations, then checkouts of prepared carts …');
      results.orderPath = await orderPathBench(server.url, { email: 'owner@emporia.local', password }, { duration, carts: Number(values.carts) });
    } finally {
      await stopServer(server.child);
    }
    results.pass = {
      listRps: results.load.list.rps >= TARGETS.listRps,
      listP95: results.load.list.p95 < TARGETS.listP95Ms,
      detailRps: results.load.detail.rps >= TARGETS.detailRps,
      coldStart: results.coldStart.medianWallMs < TARGETS.coldStartMs,
      rss: results.peakRssMb < TARGETS.rssMb,
      ...results.orderPath.pass,
    };
    printTable(results);
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    const file = join(root, 'bench/results', `http-${results.at.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(root, 'bench/results/http-latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nWrote ${file}`);
    return Object.values(results.pass).every(Boolean) ? 0 : 2;
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
    else console.log(`Kept the data dir ${dir}`);
  }
}

function printTable(r) {
  const ok = (b) => (b ? 'ok  ' : 'MISS');
  const rows = [
    ['measure', 'result', 'target', ''],
    ['list  req/s', String(r.load.list.rps), `≥ ${TARGETS.listRps}`, ok(r.pass.listRps)],
    ['list  p50 / p95 / p99 ms', `${r.load.list.p50} / ${r.load.list.p95} / ${r.load.list.p99}`, `p95 < ${TARGETS.listP95Ms}`, ok(r.pass.listP95)],
    ['detail req/s', String(r.load.detail.rps), `≥ ${TARGETS.detailRps}`, ok(r.pass.detailRps)],
    ['detail p50 / p95 / p99 ms', `${r.load.detail.p50} / ${r.load.detail.p95} / ${r.load.detail.p99}`, '', ''],
    ['non-2xx (list, detail)', `${r.load.list.non2xx}, ${r.load.detail.non2xx}`, '0', ''],
    ['server RSS under load MB', String(r.peakRssMb), `< ${TARGETS.rssMb}`, ok(r.pass.rss)],
    ['server RSS idle MB', String(r.idleRssMb), '', ''],
    ['cold start (median of 3) ms', String(r.coldStart.medianWallMs), `< ${TARGETS.coldStartMs}`, ok(r.pass.coldStart)],
    ['demo seed (CLI, total) s', (r.seed.ms / 1000).toFixed(1), '< 30', ok(r.seed.ms < 30_000)],
    ['cart create+add ops/s (20 conns)', String(r.orderPath.cart.perSec), `≥ ${ORDER_TARGETS.cartOpsPerSec}`, ok(r.pass.cartOps)],
    ['cart request p50 / p95 / p99 ms', `${r.orderPath.cart.p50} / ${r.orderPath.cart.p95} / ${r.orderPath.cart.p99}`, '', ''],
    ['checkouts/s (concurrency 20)', String(r.orderPath.checkout.perSec), `≥ ${ORDER_TARGETS.checkoutsPerSec}`, ok(r.pass.checkoutsPerSec)],
    ['checkout p50 / p95 / p99 ms', `${r.orderPath.checkout.p50} / ${r.orderPath.checkout.p95} / ${r.orderPath.checkout.p99}`, `p95 < ${ORDER_TARGETS.checkoutP95Ms}`, ok(r.pass.checkoutP95)],
    ['checkouts completed / errors', `${r.orderPath.checkout.completed} / ${r.orderPath.checkout.errors}`, 'all / 0', ok(r.pass.allCompleted)],
  ];
  const w = [0, 1, 2, 3].map((c) => Math.max(...rows.map((row) => row[c].length)));
  console.log(`\nEmporia HTTP benchmark — ${r.machine.cpus} CPU (${r.machine.cpu}), Node ${r.machine.node}, ${r.load.connections} connections, ${r.load.durationS} s per endpoint\n`);
  rows.forEach((row, i) => {
    console.log(`  ${row.map((c, j) => c.padEnd(w[j])).join('  ')}`);
    if (i === 0) console.log(`  ${w.map((n) => '-'.repeat(n)).join('  ')}`);
  });
}
