/**
 * Starts a whole store on a real database and a real HTTP port for a test file: a fresh SQLite
 * file, or (EMPORIA_TEST_DB=postgres) a fresh schema in the PostgreSQL at DATABASE_URL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApp, type App } from '../../src/apps/app.js';
import type { Clock } from '../../src/kernel/index.js';
import { deleteNamespaceStreams, loadConfig, type Role } from '../../src/platform/index.js';
import { deleteRedisKeys, uniquePrefix } from './redis.js';

export interface ApiResponse<T = any> { status: number; body: T; headers: Headers }

export interface TestApp {
  app: App;
  url: string;
  dialect: 'sqlite' | 'postgres';
  api<T = any>(method: string, path: string, opts?: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: string | Uint8Array | FormData }): Promise<ApiResponse<T>>;
  /** A signed-in staff user of a role (created once per role). */
  staff(role: Role): Promise<{ id: string; token: string; email: string; password: string }>;
  /** A new signed-in customer. */
  customer(): Promise<{ id: string; token: string; email: string; password: string }>;
  /** Runs the event relay and consumers until nothing is due. */
  drain(): Promise<number>;
  close(): Promise<void>;
}

export const usingPostgres = () => process.env.EMPORIA_TEST_DB === 'postgres';

export async function startTestApp(env: Record<string, string> = {}, opts: { clock?: Clock; webDir?: string } = {}): Promise<TestApp> {
  const pgMode = usingPostgres();
  let cleanup: () => Promise<void>;
  const dbEnv: Record<string, string> = {};
  if (pgMode) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('EMPORIA_TEST_DB=postgres needs DATABASE_URL');
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
    Object.assign(dbEnv, { DATABASE_URL: url, DATABASE_SCHEMA: schema });
    cleanup = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'emporia-test-'));
    Object.assign(dbEnv, { SQLITE_FILE: join(dir, 'store.db'), DATA_DIR: dir });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  // Distributed runs (EMPORIA_TEST_DISTRIBUTED=1) use the shared Redis under a prefix of this store's own.
  const redisEnv: Record<string, string> = {};
  if (process.env.EMPORIA_TEST_DISTRIBUTED === '1' && process.env.REDIS_URL) {
    Object.assign(redisEnv, { REDIS_URL: process.env.REDIS_URL, REDIS_PREFIX: uniquePrefix() });
    const dbCleanup = cleanup;
    cleanup = async () => { await deleteRedisKeys(redisEnv.REDIS_URL, redisEnv.REDIS_PREFIX); await dbCleanup(); };
  }
  // Distributed runs carry events over the shared NATS under a namespace of this store's own (its streams go when it closes).
  const natsEnv: Record<string, string> = {};
  if (process.env.EMPORIA_TEST_DISTRIBUTED === '1' && process.env.NATS_URL) {
    Object.assign(natsEnv, { NATS_URL: process.env.NATS_URL, EVENTS_NAMESPACE: `t_${randomBytes(6).toString('hex')}` });
    const before = cleanup;
    cleanup = async () => { await deleteNamespaceStreams(natsEnv.NATS_URL, natsEnv.EVENTS_NAMESPACE); await before(); };
  }
  const config = loadConfig({
    NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', RATE_LIMIT_MAX: '0', RATE_LIMIT_AUTH_MAX: '0',
    AUTH_SECRET: randomBytes(24).toString('hex'), SEED_DEMO: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    ...dbEnv, ...redisEnv, ...natsEnv, ...env,
  });
  const app = await createApp(config, { clock: opts.clock, webDir: opts.webDir });
  await app.migrate();
  const url = await app.listen(0, '127.0.0.1');

  const api: TestApp['api'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: any;
    if (opts.raw !== undefined) body = opts.raw;
    else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(url + path, { method, headers, body });
    const text = await res.text();
    let parsed: any = text;
    try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
    return { status: res.status, body: parsed, headers: res.headers };
  };

  const staffByRole = new Map<Role, { id: string; token: string; email: string; password: string }>();
  let n = 0;
  return {
    app, url, api, dialect: pgMode ? 'postgres' : 'sqlite',
    async staff(role) {
      const have = staffByRole.get(role);
      if (have) return have;
      const email = `${role}-${randomBytes(3).toString('hex')}@test.emporia`;
      const password = 'correct horse battery staple';
      const user = await app.modules.identity.service.staff.create(app.systemCtx(), { email, name: `Test ${role}`, role, password });
      const login = await api('POST', '/admin/auth/login', { body: { email, password } });
      if (login.status !== 200) throw new Error(`staff login failed: ${JSON.stringify(login.body)}`);
      const s = { id: user.id, token: login.body.accessToken, email, password };
      staffByRole.set(role, s);
      return s;
    },
    async customer() {
      const email = `shopper${++n}-${randomBytes(3).toString('hex')}@test.emporia`;
      const password = 'a long enough secret';
      const res = await api('POST', '/store/auth/register', { body: { email, password, firstName: 'Test', lastName: `Shopper ${n}` } });
      if (res.status !== 201) throw new Error(`register failed: ${JSON.stringify(res.body)}`);
      return { id: res.body.customer.id, token: res.body.tokens.accessToken, email, password };
    },
    drain: () => app.bus.drain(),
    async close() {
      await app.close();
      await cleanup();
    },
  };
}
