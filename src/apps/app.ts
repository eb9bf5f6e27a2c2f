/**
 * The composition root: reads config, opens the database, wires modules to the platform, and
 * returns an app that can migrate, serve and stop. The server, the worker, the CLI and the test
 * harness all build the store through here, so they cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from '../kernel/index.js';
import {
  clusterRateLimitStore, createHttpServer, createLocks, createLogger, createMailer, EventBus, EventStreamHub, localSignals, memoryCache, migrate, openDatabase,
  openRedis, platformMigrations, redisCache, resolveAuthSecret, systemActor,
  type Cache, type Config, type Ctx, type DatabaseHandle, type AnyRoute, type Locks, type Logger, type Mailer, type ModuleParts, type Readiness, type RedisConnection,
} from '../platform/index.js';
import { platformRoutes, streamPermissionFor } from './platform.routes.js';
import { createModules, type Modules } from './modules.js';

export const VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

export interface App {
  config: Config;
  database: DatabaseHandle;
  log: Logger;
  clock: Clock;
  cache: Cache;
  locks: Locks;
  /** The Redis connection when REDIS_URL is set. */
  redis?: RedisConnection;
  mailer: Mailer;
  bus: EventBus;
  /**
   * What /ready checks: database (tier 1), redis and nats when configured (tier 2). An adapter
   * adds its own with `readiness.checks.set(name, { check, critical: false })`.
   */
  readiness: Readiness;
  modules: Modules;
  http: FastifyInstance;
  /** Every API route with its access rule, for docs and the permission matrix. */
  routes: AnyRoute[];
  /** A context acting as the system, for the CLI, seeders and jobs. */
  systemCtx(): Ctx;
  migrate(): Promise<string[]>;
  /** Starts consumers and module background work (after migrate). */
  start(): Promise<void>;
  listen(port?: number, host?: string): Promise<string>;
  /**
   * Graceful stop: /ready turns 503, the listener closes and in-flight requests finish, consumers
   * stop and the relay is flushed, then Redis and the database close.
   */
  close(): Promise<void>;
}

export interface AppOptions {
  clock?: Clock;
  logger?: Logger;
  /** Where the built web apps are (default dist/web beside the package). */
  webDir?: string;
}

/** dist/web of this package; the same relative path from src/apps and from the dist/apps bundle. */
export const WEB_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** Builds the whole store from a configuration. */
export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const clock = opts.clock ?? systemClock;
  const log = opts.logger ?? createLogger(config.logLevel);
  const database = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile, dataDir: config.dataDir, schema: config.databaseSchema });
  // Redis is tier 2: an unreachable server at start is logged and retried, never fatal.
  const redis = config.redisUrl ? await openRedis({ url: config.redisUrl, prefix: config.redisPrefix, log: log.child({ component: 'redis' }) }) : undefined;
  const cache = redis ? redisCache(redis) : memoryCache();
  const signals = redis?.signals ?? localSignals;
  const locks = createLocks(database.db, redis);
  const bus = new EventBus(database.db, database.dialect, clock, log.child({ component: 'events' }), {
    jetstream: config.natsUrl ? { url: config.natsUrl, namespace: config.eventsNamespace } : undefined,
  });
  const mailer = createMailer({
    smtpUrl: config.smtpUrl, from: config.mailFrom,
    outboxDir: config.sqliteFile === ':memory:' || config.nodeEnv === 'test' ? undefined : config.dataDir,
  }, log.child({ component: 'mail' }));
  const modules = createModules({ config, database, clock, log, cache, signals, locks, mailer, authSecret: resolveAuthSecret(config) });
  const parts: ModuleParts[] = Object.values(modules).map((m: { parts: ModuleParts }) => m.parts);
  for (const p of parts) {
    for (const s of p.subscriptions ?? []) bus.subscribe(s);
    for (const j of p.jobs ?? []) bus.defineJob(j);
    for (const s of p.schedules ?? []) bus.defineSchedule(s);
  }
  const migrations = [...platformMigrations, ...parts.flatMap((p) => p.migrations)];
  const stream = new EventStreamHub(bus, log.child({ component: 'event-stream' }), { permissionFor: streamPermissionFor });
  const routes = [...platformRoutes(bus, stream), ...parts.flatMap((p) => p.routes)];
  const readiness: Readiness = { checks: new Map([['database', { check: () => database.ping(), critical: true }]]), shuttingDown: false };
  if (redis) readiness.checks.set('redis', { check: () => redis.ping(), critical: false });
  if (config.natsUrl) {
    readiness.checks.set('nats', { check: async () => { const { nats } = bus.health(); if (nats !== 'ok') throw new Error(`nats is ${nats}`); }, critical: false });
  }
  // A worker serves only its probes; the API and the web apps are the api role's.
  const serving = config.role !== 'worker';
  const http = await createHttpServer({
    db: database.db, clock, log, version: VERSION,
    corsOrigins: config.corsOrigins, rateLimitMax: config.rateLimitMax, rateLimitAuthMax: config.rateLimitAuthMax,
    authenticate: (token) => modules.identity.service.authenticate(token),
    readiness,
    rateLimitStore: redis ? clusterRateLimitStore(redis) : undefined,
    routes: serving ? routes : [],
    webDir: serving ? opts.webDir ?? WEB_DIR : undefined,
  });
  let started = false;

  const app: App = {
    config, database, log, clock, cache, locks, redis, mailer, bus, readiness, modules, http, routes,
    systemCtx: () => ({ db: database.db, actor: systemActor('cli'), clock }),
    migrate: async () => (await migrate(database.db, database.dialect, migrations)).applied,
    async start() {
      for (const p of parts) await p.start?.();
      if (config.workers) await bus.start();
      started = true;
    },
    async listen(port = config.port, host = config.host) {
      if (!started) await app.start();
      return http.listen({ port, host });
    },
    async close() {
      readiness.shuttingDown = true;
      // Open event streams never end by themselves; the server would wait for them.
      stream.close();
      await http.close();
      // Module background work first: what it writes as it stops (e.g. counters flushed on the way
      // out) lands in the outbox before the bus's last relay pass hands everything on.
      for (const p of parts) await p.stop?.();
      await bus.stop();
      await redis?.close();
      await database.close();
    },
  };
  return app;
}
