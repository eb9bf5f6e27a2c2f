/**
 * A real cluster for distributed-mode tests: N `node bin/emporia.js start` processes on free ports,
 * sharing one fresh PostgreSQL schema, one NATS namespace and one Redis key prefix, exactly as
 * several stateless nodes behind a load balancer would. Nodes can be killed (SIGKILL, no cleanup),
 * stopped gracefully (SIGTERM) and restarted on the same port.
 *
 * The test process also opens the store in-process (not started, not listening, no workers): it
 * migrates the schema once before any node starts, creates staff, and is the `app` that checks read
 * the database through. The cluster satisfies the e2e harness's `TestApp`, so test/support/shop.ts
 * seeds a shop through it (its `api` answers round-robin across the live nodes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { createApp, type App } from '../../../src/apps/app.js';
import { loadConfig, type Role } from '../../../src/platform/index.js';
import type { ApiResponse, TestApp } from '../../support/harness.js';
import { deleteNamespaceStreams } from '../../../src/platform/events/index.js';
import { deleteRedisKeys } from '../../support/redis.js';
import { RoundRobin } from './client.js';
import { outstandingWork } from './verify.js';

const BIN = join(import.meta.dirname, '../../../bin/emporia.js');

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A free TCP port on loopback (the OS picks it; released before answering). */
export const freePort = () => new Promise<number>((resolve, reject) => {
  const s = createServer();
  s.on('error', reject);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
});

/** Whether the three distributed dependencies are configured (the `cluster` project runs only then). */
export const clusterConfigured = () => Boolean(process.env.DATABASE_URL && process.env.NATS_URL && process.env.REDIS_URL);

export interface ClusterOptions {
  nodes: number;
  /** Extra environment for every node (and the in-process store). */
  env?: Record<string, string>;
  /** NATS to use instead of NATS_URL (a private server for tests that stop it). */
  natsUrl?: string;
  /** Arguments after `start` (e.g. ['--role', 'worker']), per node index. */
  args?: (index: number) => string[];
}

export class ClusterNode {
  child?: ChildProcess;
  exited?: Promise<NodeJS.Signals | number | null>;
  private log = '';
  /** Incremented at each start: a restarted node is a new process. */
  generation = 0;

  constructor(readonly name: string, readonly port: number, private env: Record<string, string>, private args: string[]) {}

  get url(): string { return `http://127.0.0.1:${this.port}`; }
  get alive(): boolean { return !!this.child && this.child.exitCode === null && this.child.signalCode === null; }
  get pid(): number | undefined { return this.child?.pid; }
  /** What the process wrote to stderr and stdout (last 20 kB), for diagnosing a failed test. */
  output(): string { return this.log.slice(-20_000); }

  /** The node's /ready answer: `ready` only when every dependency (database, NATS, Redis) answers. */
  async readiness(): Promise<{ code: number; status?: string; checks?: Record<string, string> }> {
    try {
      const res = await fetch(`${this.url}/ready`, { signal: AbortSignal.timeout(2000) });
      const body = await res.json().catch(() => ({}));
      return { code: res.status, status: body.status, checks: body.checks };
    } catch { return { code: 0 }; }
  }

  /**
   * Spawns the process and waits until /ready says `ready`: database, NATS and Redis all answering,
   * so a test never passes on a node that quietly fell back to in-process events or cache.
   */
  async start(timeoutMs = 90_000): Promise<void> {
    if (this.alive) throw new Error(`${this.name} is already running`);
    this.generation++;
    const child = spawn(process.execPath, [BIN, 'start', ...this.args], { env: { ...this.env, PORT: String(this.port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const append = (d: Buffer) => { this.log = (this.log + d.toString()).slice(-40_000); };
    child.stdout!.on('data', append);
    child.stderr!.on('data', append);
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    const t0 = Date.now();
    let last: Awaited<ReturnType<ClusterNode['readiness']>> = { code: 0 };
    for (;;) {
      last = await this.readiness();
      if (last.code === 200 && last.status === 'ready') return;
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${this.name} exited while starting:\n${this.output()}`);
      if (Date.now() - t0 > timeoutMs) { child.kill('SIGKILL'); throw new Error(`${this.name} did not become ready in ${timeoutMs} ms (last /ready: ${JSON.stringify(last)}):\n${this.output()}`); }
      await sleep(100);
    }
  }

  /** kill -9: the process ends at once, with no shutdown code run. */
  async kill(): Promise<void> {
    if (!this.alive) return;
    this.child!.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: a graceful stop; answers how the process ended. */
  async stop(timeoutMs = 20_000): Promise<NodeJS.Signals | number | null> {
    if (!this.alive) return this.exited ?? null;
    this.child!.kill('SIGTERM');
    const ended = await Promise.race([this.exited!, sleep(timeoutMs).then(() => 'timeout' as const)]);
    if (ended === 'timeout') { this.child!.kill('SIGKILL'); await this.exited; return 'SIGKILL'; }
    return ended;
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }
}

export interface Cluster extends TestApp {
  nodes: ClusterNode[];
  schema: string;
  /** The namespace of this cluster in NATS (streams and consumers) and Redis (key prefix). */
  namespace: string;
  /** The environment every node runs with (PORT aside). */
  env: Record<string, string>;
  /** The round-robin client behind `api`: counts requests, dropped connections and failovers. */
  client: RoundRobin;
  /** A direct query on the cluster's schema (for the checks). */
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  /** Answers when the outbox is relayed, no delivery is due and no mail is waiting (throws after timeoutMs). */
  settle(timeoutMs?: number): Promise<void>;
  /** Adds a node (started) to the cluster. */
  addNode(): Promise<ClusterNode>;
}

/** Starts a cluster; call `close()` in afterAll. The first node starts alone, the others together. */
export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const databaseUrl = process.env.DATABASE_URL;
  const natsUrl = opts.natsUrl ?? process.env.NATS_URL;
  const redisUrl = process.env.REDIS_URL;
  if (!databaseUrl) throw new Error('a cluster needs DATABASE_URL');
  const id = randomBytes(5).toString('hex');
  const schema = `c_${id}`;
  const namespace = `emporia_c_${id}`;
  // Every pooled session reads the cluster's schema (naming a schema not created yet is allowed).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3, options: `-c search_path=${schema}` });
  await pool.query(`create schema ${schema}`);

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'test', HOST: '127.0.0.1', LOG_LEVEL: process.env.CLUSTER_LOG_LEVEL ?? 'warn',
    SEED_DEMO: 'false', RATE_LIMIT_MAX: '0', RATE_LIMIT_AUTH_MAX: '0',
    // One secret for all nodes: a token signed by one is honoured by every other.
    AUTH_SECRET: randomBytes(24).toString('hex'),
    DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema,
    ...(natsUrl ? { NATS_URL: natsUrl } : {}),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    // Streams, consumers and keys of this cluster only.
    EVENTS_NAMESPACE: namespace, REDIS_PREFIX: `${namespace}:`,
    ...opts.env,
  };
  // The in-process store: migrates once (so nodes never race on an empty schema), creates staff,
  // and reads for the checks. No workers: it must not be a fourth node.
  const config = loadConfig({ ...env, PORT: '0', EVENT_WORKERS: 'false' });
  let opened: App | undefined;
  try {
    opened = await createApp(config);
    await opened.migrate();
  } catch (e) {
    await opened?.close().catch(() => undefined);
    await pool.query(`drop schema ${schema} cascade`).finally(() => pool.end());
    throw e;
  }
  const app: App = opened;

  const nodes: ClusterNode[] = [];
  const makeNode = async () => {
    const n = new ClusterNode(`node${nodes.length + 1}`, await freePort(), env, opts.args?.(nodes.length) ?? []);
    nodes.push(n);
    return n;
  };
  for (let i = 0; i < opts.nodes; i++) await makeNode();

  const client = new RoundRobin(() => nodes);
  const staffByRole = new Map<Role, { id: string; token: string; email: string; password: string }>();
  // A staff member before the first start, so no node bootstraps an owner (they would race on it).
  const admin = await app.modules.identity.service.staff.create(app.systemCtx(), { email: `admin-${id}@cluster.test`, name: 'Cluster admin', role: 'admin', password: 'correct horse battery staple' });

  const sql = async <T = any>(text: string, params?: unknown[]): Promise<T[]> => (await pool.query(text, params)).rows as T[];

  let closed = false;
  const cluster: Cluster = {
    app, nodes, schema, namespace, env, client, dialect: 'postgres',
    get url() { return nodes[0].url; },
    api: <T = any>(method: string, path: string, o?: Parameters<TestApp['api']>[2]) => client.request<T>(method, path, o) as Promise<ApiResponse<T>>,
    async staff(role) {
      const have = staffByRole.get(role);
      if (have) return have;
      const email = role === 'admin' ? admin.email : `${role}-${randomBytes(3).toString('hex')}@cluster.test`;
      const password = 'correct horse battery staple';
      const user = role === 'admin' ? admin : await app.modules.identity.service.staff.create(app.systemCtx(), { email, name: `Cluster ${role}`, role, password });
      const login = await client.request('POST', '/admin/auth/login', { body: { email, password } });
      if (login.status !== 200) throw new Error(`staff login failed: ${login.status} ${JSON.stringify(login.body)}`);
      const s = { id: user.id, token: login.body.accessToken, email, password };
      staffByRole.set(role, s);
      return s;
    },
    async customer() {
      const email = `shopper-${randomBytes(4).toString('hex')}@cluster.test`;
      const password = 'a long enough secret';
      const res = await client.request('POST', '/store/auth/register', { body: { email, password, firstName: 'Cluster', lastName: 'Shopper' } });
      if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.customer.id, token: res.body.tokens.accessToken, email, password };
    },
    async drain() { await cluster.settle(); return 0; },
    sql,
    async settle(timeoutMs = 60_000) {
      const t0 = Date.now();
      for (;;) {
        const w = await outstandingWork(cluster);
        if (w.unrelayed === 0 && w.unhandled === 0 && w.mail === 0) return;
        if (Date.now() - t0 > timeoutMs) throw new Error(`the cluster did not settle in ${timeoutMs} ms: ${JSON.stringify(w)}`);
        await sleep(250);
      }
    },
    async addNode() {
      const n = await makeNode();
      await n.start();
      return n;
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(nodes.map((n) => n.stop(10_000)));
      await app.close();
      if (!process.env.CLUSTER_KEEP) {
        await pool.query(`drop schema ${schema} cascade`);
        if (natsUrl) await deleteNamespaceStreams(natsUrl, namespace).catch(() => undefined);
        if (env.REDIS_URL) await deleteRedisKeys(env.REDIS_URL, env.REDIS_PREFIX);
      }
      await pool.end();
    },
  };
  try {
    await nodes[0].start();
    await Promise.all(nodes.slice(1).map((n) => n.start()));
  } catch (e) {
    await cluster.close();
    throw e;
  }
  return cluster;
}
