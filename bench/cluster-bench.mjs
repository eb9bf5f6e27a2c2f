/**
 * `npm run bench -- cluster` (and the cluster section of `npm run bench` when DATABASE_URL, NATS_URL
 * and REDIS_URL are set): the store in distributed mode on PostgreSQL, NATS JetStream and Redis,
 * first as 1 node, then as 3 nodes on the same schema. For each: catalog reads per second (product
 * list and product page, autocannon, connections spread evenly over the nodes), completed checkouts
 * per second over carts prepared beforehand — all buying one product (a flash sale: every checkout
 * takes that stock row's lock) and spread over the catalogue — and the relay lag from an event's
 * commit (outbox occurred_at) to its handling by each consumer group (p50/p95/max), at full load
 * and at a steady rate the store keeps up with. Reports the 3-vs-1 ratios and
 * where the machine's CPU went in each run (nodes, PostgreSQL, NATS, Redis, this load generator,
 * everything else), which is what limits scaling on a small machine. Prints a table and writes
 * JSON to bench/results/.
 *
 * Options: --duration S (read load per run, default 10), --connections N (read connections, 48),
 * --checkout-connections N (24), --carts N (checkouts per run, 600), --spread N (products of the
 * spread checkouts, 50), --steady-rate R and --steady-checkouts N (5/s, 100), --nodes N (the larger cluster, 3),
 * --read-rounds N (paired 5 s read rounds, 1 node then all, after the main runs; 3),
 * --products/--customers/--orders (demo store sizes, 200/200/400), --events nats|db (db: the embedded
 * outbox transport on the shared database instead of JetStream, for comparison), --keep (keep schema, streams, keys).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { CHECKOUT_BODY, call, inParallel, prepareCart, sleep } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'bin/emporia.js');

const round1 = (x) => Math.round(x * 10) / 10;
const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const freePort = () => new Promise((resolve) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); }); });

/** Whether the three distributed dependencies are configured. */
export const clusterConfigured = () => Boolean(process.env.DATABASE_URL && process.env.NATS_URL && process.env.REDIS_URL);

function runCli(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`emporia ${args.join(' ')} exited ${code}\n${err}`))));
  });
}

async function startNode(env, name) {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'start'], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited ${child.exitCode}:\n${out}`);
    if (await fetch(`${url}/ready`).then((r) => r.ok, () => false)) break;
    if (Date.now() - t0 > 120_000) { child.kill('SIGKILL'); throw new Error(`${name} did not become ready:\n${out}`); }
    await sleep(50);
  }
  return { name, child, url, output: () => out };
}

async function stopNode(node) {
  if (node.child.exitCode !== null) return;
  const done = new Promise((r) => node.child.once('exit', r));
  node.child.kill('SIGTERM');
  await Promise.race([done, sleep(25_000).then(() => node.child.kill('SIGKILL'))]);
}

// ---- where the CPU went ---------------------------------------------------------------------

const TICK_MS = 10; // USER_HZ is 100 on Linux.

/** CPU ticks per process group: our nodes (by pid), postgres, nats-server, redis-server, this process, and the machine. */
function cpuSnapshot(nodePids) {
  const groups = { nodes: 0, postgres: 0, nats: 0, redis: 0, loadgen: 0 };
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let stat;
    try { stat = readFileSync(`/proc/${d}/stat`, 'utf8'); } catch { continue; }
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const pid = Number(d);
    if (nodePids.includes(pid)) groups.nodes += ticks;
    else if (pid === process.pid) groups.loadgen += ticks;
    // PostgreSQL backends come and go: the postmaster's reaped-children time keeps the ended ones counted.
    else if (comm === 'postgres') groups.postgres += ticks + Number(fields[13]) + Number(fields[14]);
    else if (comm === 'nats-server') groups.nats += ticks;
    else if (comm === 'redis-server') groups.redis += ticks;
  }
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = cpu[3] + cpu[4];
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
  return { ...groups, busy: total - idle, total, at: performance.now() };
}

/** CPU used between two snapshots, in cores (1.0 = one core fully busy), per group; `other` is everyone else's. */
function cpuUsed(a, b) {
  const secs = (b.at - a.at) / 1000;
  const round2 = (x) => Math.round(x * 100) / 100;
  const cores = (k) => round2(((b[k] - a[k]) * TICK_MS) / 1000 / secs);
  const used = { nodes: cores('nodes'), postgres: cores('postgres'), nats: cores('nats'), redis: cores('redis'), loadgen: cores('loadgen'), machineBusy: cores('busy') };
  // Processes that ended in between are lost from the groups; clamp at zero.
  used.other = Math.max(0, round2(used.machineBusy - used.nodes - used.postgres - used.nats - used.redis - used.loadgen));
  used.cores = cpus().length;
  return used;
}

/**
 * Samples PostgreSQL's sessions every 100 ms while checkouts run: how many are running a statement
 * and how many of those wait for a lock (another transaction holds the row they update). The whole
 * server is sampled, so other users of the server count too.
 */
function sampleLockWaits(db) {
  let stopped = false;
  const samples = [];
  // The database's own counters over the run: transactions and rows read, for the cost per checkout.
  const counters = () => db.query(`select xact_commit + xact_rollback as xacts, tup_returned + tup_fetched as rows_read, tup_inserted + tup_updated + tup_deleted as rows_written
    from pg_stat_database where datname = current_database()`).then((r) => r.rows[0]);
  const before = counters();
  const loop = (async () => {
    await before;
    while (!stopped) {
      const { rows: [r] } = await db.query(`select count(*) filter (where state = 'active')::int as active, count(*) filter (where state = 'active' and wait_event_type = 'Lock')::int as lock_waits
        from pg_stat_activity where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()`);
      samples.push(r);
      await sleep(100);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      const avg = (k) => Math.round((samples.reduce((s, x) => s + x[k], 0) / Math.max(1, samples.length)) * 10) / 10;
      // The statistics collector publishes counters with a short delay (stats_fetch_consistency, reports every ~1 s).
      await sleep(1500);
      const [a, b] = [await before, await counters()];
      const delta = (k) => Number(b[k]) - Number(a[k]);
      return { samples: samples.length, activeAvg: avg('active'), lockWaitsAvg: avg('lock_waits'), xacts: delta('xacts'), rowsRead: delta('rows_read'), rowsWritten: delta('rows_written') };
    },
  };
}

// ---- load ---------------------------------------------------------------------------------

/** Runs one autocannon per node at once; answers summed requests/s and merged latency percentiles. */
async function readLoad(nodes, handles, { connections, duration }) {
  const latencies = [];
  let non2xx = 0;
  let i = 0;
  const per = Math.max(1, Math.round(connections / nodes.length));
  const runs = nodes.map((n) => new Promise((resolve, reject) => {
    const inst = autocannon({
      url: n.url, connections: per, duration,
      requests: [
        { method: 'GET', path: '/store/products?limit=20' },
        { method: 'GET', setupRequest: (req) => ({ ...req, path: `/store/products/${handles[i++ % handles.length]}` }) },
      ],
    });
    inst.on('response', (_c, status, _b, ms) => { latencies.push(ms); if (status < 200 || status >= 300) non2xx++; });
    inst.on('done', resolve).on('error', reject);
  }));
  const t0 = performance.now();
  const results = await Promise.all(runs);
  const secs = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const total = results.reduce((s, r) => s + r.requests.total, 0);
  return {
    rps: Math.round(total / secs), requests: total, connections: per * nodes.length,
    errors: non2xx + results.reduce((s, r) => s + r.errors + r.timeouts, 0),
    p50: round1(percentile(latencies, 50)), p95: round1(percentile(latencies, 95)), p99: round1(percentile(latencies, 99)),
  };
}

/** A product with stock for every checkout of the run, and the store's delivery method. */
/** One product every flash-sale checkout buys, and `spread` more for checkouts spread over the catalogue. */
async function fixture(url, token, spread) {
  const locations = await call(url, 'GET', '/admin/locations', { token });
  const warehouse = (locations.items ?? locations).find((l) => l.kind === 'warehouse');
  const tag = randomBytes(3).toString('hex');
  const stocked = async (k) => {
    const product = await call(url, 'POST', '/admin/products', { token, body: {
      title: `Cluster Bench Tee ${tag} ${k}`, status: 'active', variants: [{ sku: `CBENCH-${tag}-${k}`, weightGrams: 200, prices: [{ currency: 'USD', amount: 2500 }] }],
    } });
    const variantId = product.variants[0].id;
    await call(url, 'POST', '/admin/inventory/adjustments', { token, body: { variantId, locationId: warehouse.id, reason: 'received', delta: 1_000_000 } });
    return variantId;
  };
  const variantId = await stocked(0);
  const spreadVariants = await inParallel(4, spread, (k) => stocked(k + 1));
  const methods = await call(url, 'GET', '/admin/shipping/methods?kind=delivery', { token });
  const method = (methods.items ?? methods).find((m) => m.active !== false && m.zoneId);
  if (!method) throw new Error('the store has no delivery method to check out with');
  return { variantId, spreadVariants, methodId: method.id };
}

/** Cart k's product: the one flash-sale product, or (spread) the catalogue's products in turn. */
const cartFixture = (fx, spread) => (k) => (spread ? { ...fx, variantId: fx.spreadVariants[k % fx.spreadVariants.length] } : fx);

/** Prepares carts round-robin over the nodes, then checks them out with one autocannon per node. */
async function checkoutLoad(nodes, fx, { connections, carts: count, spread = false }) {
  const forCart = cartFixture(fx, spread);
  const carts = await inParallel(12, count, (k) => prepareCart(nodes[k % nodes.length].url, forCart(k)));
  const body = CHECKOUT_BODY;
  let next = 0;
  let completed = 0;
  let firstError;
  const latencies = [];
  const per = Math.max(1, Math.round(connections / nodes.length));
  const share = Math.floor(carts.length / nodes.length);
  const from = new Date().toISOString();
  const t0 = performance.now();
  const results = await Promise.all(nodes.map((n, k) => new Promise((resolve, reject) => {
    const inst = autocannon({
      url: n.url, connections: per, timeout: 30, amount: k === nodes.length - 1 ? carts.length - share * (nodes.length - 1) : share,
      requests: [{
        method: 'POST',
        setupRequest: (req) => {
          const c = carts[next++];
          return { ...req, path: `/store/carts/${c.id}/checkout`, headers: { 'content-type': 'application/json', 'x-cart-token': c.secret, 'idempotency-key': `cbench-${c.id}` }, body };
        },
        onResponse: (status, resBody) => { if (status === 201) completed++; else firstError ??= `${status} ${String(resBody).slice(0, 300)}`; },
      }],
    });
    inst.on('response', (_c, _s, _b, ms) => latencies.push(ms));
    inst.on('done', resolve).on('error', reject);
  })));
  const secs = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSec: Math.round(completed / secs), completed, carts: carts.length, connections: per * nodes.length, from, to: new Date().toISOString(), firstError,
    errors: results.reduce((s, r) => s + r.errors + r.timeouts + r.non2xx, 0),
    p50: round1(percentile(latencies, 50)), p95: round1(percentile(latencies, 95)), p99: round1(percentile(latencies, 99)),
  };
}

/**
 * Checkouts at a steady rate well below capacity (one every 1000/rate ms, round-robin over the
 * nodes, each product in turn), for the relay lag of a store that is busy but keeping up.
 */
async function steadyCheckouts(nodes, fx, { rate, count }) {
  const forCart = cartFixture(fx, true);
  const carts = await inParallel(12, count, (k) => prepareCart(nodes[k % nodes.length].url, forCart(k)));
  const from = new Date().toISOString();
  const t0 = performance.now();
  let failed = 0;
  const inFlight = [];
  for (let k = 0; k < carts.length; k++) {
    const wait = t0 + (k * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const c = carts[k];
    inFlight.push(call(nodes[k % nodes.length].url, 'POST', `/store/carts/${c.id}/checkout`, {
      headers: { 'x-cart-token': c.secret, 'idempotency-key': `csteady-${c.id}` }, body: JSON.parse(CHECKOUT_BODY),
    }).catch(() => { failed++; }));
  }
  await Promise.all(inFlight);
  return { rate, count, failed, from, to: new Date().toISOString() };
}

// ---- events -------------------------------------------------------------------------------

/** Waits until the outbox is relayed and the processed records stop growing (every group caught up). */
async function settle(db, timeoutMs = 180_000) {
  const t0 = Date.now();
  let last = -1, stableSince = Date.now();
  for (;;) {
    const { rows: [r] } = await db.query(`select (select count(*) from outbox where relayed = 0 and available_at <= $1)::int as unrelayed,
      (select count(*) from event_deliveries where status = 'pending')::int as pending, (select count(*) from event_deliveries)::int as records`, [new Date().toISOString()]);
    if (r.records !== last) { last = r.records; stableSince = Date.now(); }
    if (r.unrelayed === 0 && r.pending === 0 && Date.now() - stableSince > 1500) return Date.now() - t0;
    if (Date.now() - t0 > timeoutMs) throw new Error(`events did not settle in ${timeoutMs} ms (${JSON.stringify(r)})`);
    await sleep(200);
  }
}

/** Commit-to-handling lag of the events written in [from, to], per delivery to a consumer group (jobs aside). */
async function relayLag(db, from, to) {
  const { rows } = await db.query(`select d.consumer, o.occurred_at, d.updated_at from event_deliveries d join outbox o on o.seq = d.event_seq
    where o.occurred_at >= $1 and o.occurred_at <= $2 and o.type not like 'job:%' and d.status = 'done'`, [from, to]);
  const all = [];
  const byGroup = {};
  for (const r of rows) {
    const ms = Date.parse(r.updated_at) - Date.parse(r.occurred_at);
    all.push(ms);
    (byGroup[r.consumer] ??= []).push(ms);
  }
  const stats = (xs) => { xs.sort((a, b) => a - b); return { n: xs.length, p50: percentile(xs, 50), p95: percentile(xs, 95), max: xs[xs.length - 1] ?? NaN }; };
  const groups = Object.fromEntries(Object.entries(byGroup).map(([k, xs]) => [k, stats(xs)]));
  return { ...stats(all), groups };
}

/**
 * VACUUM (ANALYZE) of the store's tables, as autovacuum would do on a production server. Where
 * autovacuum is off (as on the CI machine) the outbox's partial index of unrelayed rows otherwise
 * keeps every relayed row as a dead entry, and each relay pass reads through all of them; the
 * later (3-node) run would pay for the earlier run's dead rows.
 */
async function vacuum(db) {
  const { rows } = await db.query(`select tablename from pg_tables where schemaname = current_schema()`);
  for (const r of rows) await db.query(`vacuum (analyze) "${r.tablename}"`);
}

// ---- the run ------------------------------------------------------------------------------

async function measure(label, nodes, db, ctx) {
  await vacuum(db);
  console.log(`\n${label}: catalog reads for ${ctx.duration} s …`);
  await readLoad(nodes, ctx.handles, { connections: Math.min(12, ctx.connections), duration: 4 });
  const pids = nodes.map((n) => n.child.pid);
  let c0 = cpuSnapshot(pids);
  const reads = await readLoad(nodes, ctx.handles, { connections: ctx.connections, duration: ctx.duration });
  const readsCpu = cpuUsed(c0, cpuSnapshot(pids));
  console.log(`  ${reads.rps} reads/s (p95 ${reads.p95} ms), CPU ${JSON.stringify(readsCpu)}`);
  console.log(`${label}: ${ctx.carts} checkouts …`);
  await checkoutLoad(nodes, ctx.fx, { connections: ctx.checkoutConnections, carts: 60 });
  await settle(db);
  await vacuum(db);
  c0 = cpuSnapshot(pids);
  const waits = sampleLockWaits(db);
  const checkouts = await checkoutLoad(nodes, ctx.fx, { connections: ctx.checkoutConnections, carts: ctx.carts });
  const checkoutCpu = cpuUsed(c0, cpuSnapshot(pids));
  checkoutCpu.pgSessions = await waits.stop();
  console.log(`  ${checkouts.perSec} checkouts/s (p95 ${checkouts.p95} ms), CPU ${JSON.stringify(checkoutCpu)}`);
  if (checkouts.firstError) console.log(`  first refused checkout: ${checkouts.firstError}`);
  const settleMs = await settle(db);
  const lag = await relayLag(db, checkouts.from, checkouts.to);
  console.log(`  relay lag p50 ${lag.p50} ms, p95 ${lag.p95} ms over ${lag.n} deliveries; settled ${settleMs} ms after the last checkout`);

  console.log(`${label}: ${ctx.carts} checkouts spread over ${ctx.fx.spreadVariants.length} products …`);
  c0 = cpuSnapshot(pids);
  const spreadWaits = sampleLockWaits(db);
  const spread = await checkoutLoad(nodes, ctx.fx, { connections: ctx.checkoutConnections, carts: ctx.carts, spread: true });
  const spreadCpu = cpuUsed(c0, cpuSnapshot(pids));
  spreadCpu.pgSessions = await spreadWaits.stop();
  console.log(`  ${spread.perSec} checkouts/s (p95 ${spread.p95} ms), CPU ${JSON.stringify(spreadCpu)}`);
  if (spread.firstError) console.log(`  first refused checkout: ${spread.firstError}`);
  await settle(db);
  await vacuum(db);

  console.log(`${label}: ${ctx.steadyCount} checkouts at a steady ${ctx.steadyRate}/s …`);
  const steady = await steadyCheckouts(nodes, ctx.fx, { rate: ctx.steadyRate, count: ctx.steadyCount });
  const steadySettleMs = await settle(db);
  const steadyLag = await relayLag(db, steady.from, steady.to);
  console.log(`  relay lag p50 ${steadyLag.p50} ms, p95 ${steadyLag.p95} ms over ${steadyLag.n} deliveries (${steady.failed} checkouts failed)`);
  return {
    nodes: nodes.length, reads: { ...reads, cpu: readsCpu }, checkouts: { ...checkouts, cpu: checkoutCpu }, relayLag: { ...lag, settleMsAfterLoad: settleMs },
    spreadCheckouts: { ...spread, products: ctx.fx.spreadVariants.length, cpu: spreadCpu },
    steady: { ...steady, relayLag: { ...steadyLag, settleMsAfterLoad: steadySettleMs } },
  };
}

async function cleanup(env, namespace, keep) {
  if (keep) { console.log(`Kept schema ${env.DATABASE_SCHEMA}, NATS namespace ${namespace} and Redis prefix ${env.REDIS_PREFIX}`); return; }
  const admin = new pg.Client({ connectionString: env.DATABASE_URL });
  await admin.connect();
  await admin.query(`drop schema if exists ${env.DATABASE_SCHEMA} cascade`).finally(() => admin.end());
  if (env.NATS_URL) {
    try {
      const { connect } = await import('@nats-io/transport-node');
      const { jetstreamManager } = await import('@nats-io/jetstream');
      const nc = await connect({ servers: env.NATS_URL, timeout: 2000 });
      const jsm = await jetstreamManager(nc);
      for (const s of ['EVENTS', 'JOBS', 'DLQ']) await jsm.streams.delete(`${namespace.toUpperCase()}_${s}`).catch(() => false);
      await nc.close();
    } catch (e) { console.warn(`could not delete the NATS streams of ${namespace}: ${e.message}`); }
  }
  try {
    const { Redis } = await import('ioredis');
    const redis = new Redis(env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    for await (const keys of redis.scanStream({ match: `${env.REDIS_PREFIX}*`, count: 500 })) if (keys.length) await redis.del(...keys);
    redis.disconnect();
  } catch (e) { console.warn(`could not delete the Redis keys of ${env.REDIS_PREFIX}: ${e.message}`); }
}

export async function main(argv) {
  const { values } = parseArgs({ args: argv, strict: true, options: {
    duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '48' }, 'checkout-connections': { type: 'string', default: '24' },
    carts: { type: 'string', default: '600' }, spread: { type: 'string', default: '50' }, 'steady-rate': { type: 'string', default: '5' }, 'steady-checkouts': { type: 'string', default: '100' }, nodes: { type: 'string', default: '3' }, 'read-rounds': { type: 'string', default: '3' },
    events: { type: 'string', default: 'nats' },
    products: { type: 'string', default: '200' }, customers: { type: 'string', default: '200' }, orders: { type: 'string', default: '400' }, keep: { type: 'boolean' },
  } });
  if (!clusterConfigured()) {
    console.log('Cluster benchmark skipped: set DATABASE_URL, NATS_URL and REDIS_URL.');
    return 0;
  }
  if (!['nats', 'db'].includes(values.events)) throw new Error(`--events must be nats or db, got '${values.events}'`);
  const id = randomBytes(4).toString('hex');
  const namespace = `emporia_bench_${id}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'emporia-cluster-bench-'));
  const env = {
    // Not 'production': the test card provider, which the checkouts pay with, exists only outside it.
    PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', LOG_LEVEL: 'warn', HOST: '127.0.0.1', SEED_DEMO: 'false',
    RATE_LIMIT_MAX: '0', RATE_LIMIT_AUTH_MAX: '0', AUTH_SECRET: randomBytes(24).toString('hex'), DATA_DIR: dataDir,
    DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: `bench_${id}`, REDIS_URL: process.env.REDIS_URL,
    EVENTS_NAMESPACE: namespace, REDIS_PREFIX: `${namespace}:`,
    // --events db leaves NATS out: the embedded outbox transport on the shared database, for comparison.
    ...(values.events === 'nats' ? { NATS_URL: process.env.NATS_URL } : {}),
  };
  const results = {
    at: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadavgAtStart: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') },
    transport: { database: 'postgresql', events: values.events === 'nats' ? 'nats jetstream' : 'database outbox (no NATS)', cache: 'redis' },
  };
  const admin = new pg.Client({ connectionString: env.DATABASE_URL });
  await admin.connect();
  await admin.query(`create schema ${env.DATABASE_SCHEMA}`);
  await admin.end();
  const db = new pg.Pool({ connectionString: env.DATABASE_URL, max: 2, options: `-c search_path=${env.DATABASE_SCHEMA}` });
  results.machine.autovacuum = (await db.query('show autovacuum')).rows[0].autovacuum;
  const nodes = [];
  try {
    console.log(`Seeding a demo store (${values.products} products, ${values.customers} customers, ${values.orders} orders) into schema ${env.DATABASE_SCHEMA} …`);
    const t0 = performance.now();
    await runCli(['seed', '--demo', '--products', values.products, '--customers', values.customers, '--orders', values.orders], env);
    results.seedMs = Math.round(performance.now() - t0);
    nodes.push(await startNode(env, 'node1'));
    let password = null;
    for (let i = 0; i < 100 && !password; i++) { password = /password:\s+(\S+)/.exec(nodes[0].output())?.[1] ?? null; if (!password) await sleep(50); }
    if (!password) throw new Error(`the first start printed no owner password:\n${nodes[0].output()}`);
    const { accessToken: token } = await call(nodes[0].url, 'POST', '/admin/auth/login', { body: { email: 'owner@emporia.local', password } });
    // The seed's events reach every consumer group before anything is measured.
    console.log('Waiting for the seed\'s events to be handled …');
    results.seedSettleMs = await settle(db, 600_000);
    const handles = [];
    for (let cursor = null, page = 0; page < 5; page++) {
      const body = await call(nodes[0].url, 'GET', `/store/products?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      handles.push(...body.items.map((p) => p.handle));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    const fx = await fixture(nodes[0].url, token, Number(values.spread));
    const ctx = {
      handles, fx, duration: Number(values.duration), connections: Number(values.connections), checkoutConnections: Number(values['checkout-connections']), carts: Number(values.carts),
      steadyRate: Number(values['steady-rate']), steadyCount: Number(values['steady-checkouts']),
    };

    results.one = await measure('1 node', nodes, db, ctx);
    const more = Number(values.nodes);
    for (let i = nodes.length; i < more; i++) nodes.push(await startNode(env, `node${i + 1}`));
    results.many = await measure(`${more} nodes`, nodes, db, ctx);
    // Reads again, alternating 1 node and all nodes (the others idle but up) a few times: on a
    // shared machine the background load drifts over minutes, and pairs taken seconds apart see
    // the same background.
    const rounds = Number(values['read-rounds']);
    const paired = { one: [], many: [] };
    for (let i = 0; i < rounds; i++) {
      paired.one.push((await readLoad([nodes[0]], handles, { connections: ctx.connections, duration: 5 })).rps);
      paired.many.push((await readLoad(nodes, handles, { connections: ctx.connections, duration: 5 })).rps);
    }
    const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    results.readsPaired = { rounds, durationS: 5, one: paired.one, many: paired.many, ratios: paired.one.map((o, i) => Math.round((paired.many[i] / o) * 100) / 100) };
    results.readsPaired.medianRatio = rounds ? med(results.readsPaired.ratios) : null;
    if (rounds) console.log(`\nPaired reads (5 s each, 1 node then ${nodes.length}): ${paired.one.map((o, i) => `${o}/${paired.many[i]}`).join(', ')} reads/s; median ratio ${results.readsPaired.medianRatio}×`);
    results.ratio = {
      reads: Math.round((results.many.reads.rps / results.one.reads.rps) * 100) / 100,
      checkouts: Math.round((results.many.checkouts.perSec / results.one.checkouts.perSec) * 100) / 100,
      spreadCheckouts: Math.round((results.many.spreadCheckouts.perSec / results.one.spreadCheckouts.perSec) * 100) / 100,
    };
    results.pass = {
      readsWithoutErrors: results.one.reads.errors === 0 && results.many.reads.errors === 0,
      allCheckoutsCompleted: [results.one, results.many].every((r) => [r.checkouts, r.spreadCheckouts].every((c) => c.completed === c.carts && c.errors === 0) && r.steady.failed === 0),
    };
    printTable(results);
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    const file = join(root, 'bench/results', `cluster-${results.at.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(root, 'bench/results', `cluster-${values.events}-latest.json`), `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nWrote ${file}`);
    return Object.values(results.pass).every(Boolean) ? 0 : 2;
  } finally {
    await Promise.all(nodes.map(stopNode));
    await db.end();
    await cleanup(env, namespace, values.keep);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function printTable(r) {
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const cpu = (c) => `nodes ${c.nodes}, pg ${c.postgres}, nats ${c.nats}, redis ${c.redis}, loadgen ${c.loadgen}, other ${c.other} (of ${c.cores})`;
  const n = r.many.nodes;
  const rows = [
    ['measure', '1 node', `${n} nodes`, `${n} vs 1`],
    ['catalog reads/s', String(r.one.reads.rps), String(r.many.reads.rps), `${r.ratio.reads}×`],
    ...(r.readsPaired?.rounds ? [['reads/s, paired rounds (median)', String(med(r.readsPaired.one)), String(med(r.readsPaired.many)), `${r.readsPaired.medianRatio}×`]] : []),
    ['catalog read p50 / p95 ms', `${r.one.reads.p50} / ${r.one.reads.p95}`, `${r.many.reads.p50} / ${r.many.reads.p95}`, ''],
    ['checkouts/s, one product (flash sale)', String(r.one.checkouts.perSec), String(r.many.checkouts.perSec), `${r.ratio.checkouts}×`],
    ['  p50 / p95 ms', `${r.one.checkouts.p50} / ${r.one.checkouts.p95}`, `${r.many.checkouts.p50} / ${r.many.checkouts.p95}`, ''],
    ['  completed / errors', `${r.one.checkouts.completed} / ${r.one.checkouts.errors}`, `${r.many.checkouts.completed} / ${r.many.checkouts.errors}`, ''],
    ['  relay lag p50 / p95 / max ms', `${r.one.relayLag.p50} / ${r.one.relayLag.p95} / ${r.one.relayLag.max}`, `${r.many.relayLag.p50} / ${r.many.relayLag.p95} / ${r.many.relayLag.max}`, ''],
    ['  events settled after load ms', String(r.one.relayLag.settleMsAfterLoad), String(r.many.relayLag.settleMsAfterLoad), ''],
    [`checkouts/s, ${r.one.spreadCheckouts.products} products`, String(r.one.spreadCheckouts.perSec), String(r.many.spreadCheckouts.perSec), `${r.ratio.spreadCheckouts}×`],
    ['  p50 / p95 ms', `${r.one.spreadCheckouts.p50} / ${r.one.spreadCheckouts.p95}`, `${r.many.spreadCheckouts.p50} / ${r.many.spreadCheckouts.p95}`, ''],
    ['  completed / errors', `${r.one.spreadCheckouts.completed} / ${r.one.spreadCheckouts.errors}`, `${r.many.spreadCheckouts.completed} / ${r.many.spreadCheckouts.errors}`, ''],
    [`relay lag at a steady ${r.one.steady.rate} checkouts/s, p50 / p95 / max ms`, `${r.one.steady.relayLag.p50} / ${r.one.steady.relayLag.p95} / ${r.one.steady.relayLag.max}`, `${r.many.steady.relayLag.p50} / ${r.many.steady.relayLag.p95} / ${r.many.steady.relayLag.max}`, ''],
  ];
  const w = [0, 1, 2, 3].map((c) => Math.max(...rows.map((row) => row[c].length)));
  console.log(`\nEmporia cluster benchmark — PostgreSQL, events on ${r.transport.events}, Redis; ${r.machine.cpus} CPU (${r.machine.cpu}), Node ${r.machine.node}, load average at start ${r.machine.loadavgAtStart}, PostgreSQL autovacuum ${r.machine.autovacuum} (the bench vacuums between runs)\n`);
  rows.forEach((row, i) => {
    console.log(`  ${row.map((c, j) => c.padEnd(w[j])).join('  ')}`);
    if (i === 0) console.log(`  ${w.map((x) => '-'.repeat(x)).join('  ')}`);
  });
  console.log('\n  CPU in cores while loaded (reads | flash-sale checkouts | spread checkouts):');
  console.log(`    1 node:  ${cpu(r.one.reads.cpu)} | ${cpu(r.one.checkouts.cpu)} | ${cpu(r.one.spreadCheckouts.cpu)}`);
  console.log(`    ${n} nodes: ${cpu(r.many.reads.cpu)} | ${cpu(r.many.checkouts.cpu)} | ${cpu(r.many.spreadCheckouts.cpu)}`);
  const ps = (c, done) => (c.pgSessions ? `${c.pgSessions.activeAvg} active, ${c.pgSessions.lockWaitsAvg} waiting for a lock; per checkout ${Math.round(c.pgSessions.xacts / done)} transactions, ${Math.round(c.pgSessions.rowsRead / done)} rows read, ${Math.round(c.pgSessions.rowsWritten / done)} written` : '-');
  console.log('\n  PostgreSQL sessions during checkouts (average):');
  console.log(`    flash sale: 1 node ${ps(r.one.checkouts.cpu, r.one.checkouts.completed)}\n                ${n} nodes ${ps(r.many.checkouts.cpu, r.many.checkouts.completed)}`);
  console.log(`    spread:     1 node ${ps(r.one.spreadCheckouts.cpu, r.one.spreadCheckouts.completed)}\n                ${n} nodes ${ps(r.many.spreadCheckouts.cpu, r.many.spreadCheckouts.completed)}`);
  console.log('\n  Relay lag p95 per consumer group, flash sale at full load | steady rate (1 node | n nodes):');
  for (const g of Object.keys({ ...r.one.relayLag.groups, ...r.many.relayLag.groups }).sort()) {
    const at = (x) => `${x.relayLag.groups[g]?.p95 ?? '-'}`;
    const st = (x) => `${x.steady.relayLag.groups[g]?.p95 ?? '-'}`;
    console.log(`    ${g.padEnd(34)} ${at(r.one)} | ${at(r.many)} ms   ${st(r.one)} | ${st(r.many)} ms`);
  }
}
