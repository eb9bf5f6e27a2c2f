/**
 * The Redis connection of a distributed node: one client for commands and one for pub/sub, every
 * key and channel under the store's prefix. Redis is tier 2: while it is unreachable commands fail
 * at once (no offline queue, short timeouts) so callers fall back to their in-process path, each
 * outage is logged once per feature, and the clients keep reconnecting in the background.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../observability/index.js';
import type { Signals } from './signals.js';

export interface RedisConnection {
  /** The command client: fails fast while disconnected; use `up` to skip it during an outage. */
  readonly client: Redis;
  /** Prefix of every key and channel (ends with ':'). */
  readonly prefix: string;
  /** Whether to use Redis now: connected, and no command failed in the last moments. */
  readonly up: boolean;
  /** This process's id in the cluster (skips its own pub/sub messages). */
  readonly nodeId: string;
  key(name: string): string;
  /** Resolves when Redis answers PING; rejects otherwise (the /ready check). */
  ping(): Promise<void>;
  /** Logs, once per outage, that `feature` runs on its fallback. */
  degraded(feature: string, err: unknown): void;
  /** Cluster-wide notifications over pub/sub. */
  signals: Signals;
  /** Called when Redis comes back after an outage (local state kept meanwhile may be stale). */
  onRecovered(fn: () => void): void;
  close(): Promise<void>;
}

export interface RedisOptions {
  url: string;
  prefix: string;
  log: Logger;
  /** How long `openRedis` waits for the first connection before going on degraded (ms). */
  connectWaitMs?: number;
}

const COMMAND_TIMEOUT_MS = 500;
/** After a failed command, callers skip Redis this long: a server that hangs costs one timeout, not one per request. */
const TRIP_MS = 2000;

/** Connects (waiting briefly for the first connection) and answers the handle; never throws for an unreachable server. */
export async function openRedis(opts: RedisOptions): Promise<RedisConnection> {
  const { log } = opts;
  const prefix = opts.prefix.endsWith(':') ? opts.prefix : `${opts.prefix}:`;
  const nodeId = randomBytes(6).toString('hex');
  const channel = `${prefix}signals`;
  const common = {
    connectTimeout: 2000,
    // Reconnect forever, at most every 2 s: Redis coming back is noticed within that.
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
    lazyConnect: true,
  };
  const client = new Redis(opts.url, {
    ...common,
    enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: COMMAND_TIMEOUT_MS, enableAutoPipelining: true,
  });
  // The subscriber queues its SUBSCRIBE until connected and re-subscribes after every reconnect.
  const sub = new Redis(opts.url, { ...common, maxRetriesPerRequest: null, autoResubscribe: true });

  const warned = new Map<string, number>();
  let trippedUntil = 0;
  const recovered = new Set<() => void>();
  // Set while the command connection is lost (or was never made); cleared when it is ready again.
  let lostAt: number | undefined = Date.now();
  let everReady = false;
  let closing = false;
  const onError = (which: string) => (e: Error) => {
    if (closing || warned.has(`conn:${which}`)) return;
    warned.set(`conn:${which}`, Date.now());
    log.warn({ err: e.message, connection: which }, 'redis unreachable; running degraded (local cache, per-node rate limits, revocations from the database) until it returns');
  };
  client.on('error', onError('commands'));
  sub.on('error', onError('pubsub'));
  client.on('close', () => { if (lostAt === undefined && !closing) lostAt = Date.now(); });
  client.on('ready', () => {
    if (everReady || warned.size) log.warn({ downForMs: Date.now() - (lostAt ?? Date.now()) }, 'redis is back; shared cache, rate limits, locks and revocations use it again');
    const wasLost = everReady || warned.size > 0;
    everReady = true;
    lostAt = undefined;
    // A fresh connection answered: a trip left by commands that timed out on the old one no longer holds.
    trippedUntil = 0;
    warned.clear();
    if (!wasLost) return;
    for (const fn of recovered) { try { fn(); } catch (e) { log.error({ err: e }, 'redis recovery hook failed'); } }
  });

  // Pub/sub: one channel per store, topics multiplexed in the message.
  const handlers = new Map<string, Set<(message: string | undefined) => void>>();
  const dispatch = (topic: string, message: string | undefined) => {
    for (const h of handlers.get(topic) ?? []) {
      try { h(message); } catch (e) { log.error({ err: e, topic }, 'signal handler failed'); }
    }
  };
  sub.on('message', (_ch: string, raw: string) => {
    let m: { t: string; m?: string; n: string };
    try { m = JSON.parse(raw); } catch { return; }
    if (m.n !== nodeId) dispatch(m.t, m.m);
  });
  // After a gap in the subscription, messages may have been missed: every topic resynchronises.
  let subReadyOnce = false;
  sub.on('ready', () => {
    if (subReadyOnce) for (const topic of handlers.keys()) dispatch(topic, undefined);
    subReadyOnce = true;
  });

  const conn: RedisConnection = {
    client, prefix, nodeId,
    get up() { return client.status === 'ready' && Date.now() >= trippedUntil; },
    key: (name) => prefix + name,
    async ping() {
      if (client.status !== 'ready') throw new Error(`redis is ${client.status === 'reconnecting' || client.status === 'connecting' ? 'unreachable' : client.status}`);
      await client.ping();
    },
    degraded(feature, err) {
      if (client.status === 'ready' && !/not connected/.test((err as Error)?.message ?? '')) trippedUntil = Date.now() + TRIP_MS;
      // Once per outage, and at most once a minute while Redis stays connected but failing.
      const last = warned.get(feature);
      if (last !== undefined && Date.now() - last < 60_000) return;
      warned.set(feature, Date.now());
      log.warn({ feature, err: (err as Error)?.message ?? String(err) }, `redis unavailable: ${feature} uses its fallback until Redis answers again`);
    },
    signals: {
      async publish(topic, message) {
        if (client.status !== 'ready') return;
        await client.publish(channel, JSON.stringify({ t: topic, m: message, n: nodeId })).then(() => undefined, (e) => conn.degraded('signals', e));
      },
      subscribe(topic, handler) {
        let set = handlers.get(topic);
        if (!set) handlers.set(topic, (set = new Set()));
        set.add(handler);
        return () => { set!.delete(handler); };
      },
    },
    onRecovered(fn) { recovered.add(fn); },
    async close() {
      closing = true;
      await Promise.allSettled([client.quit(), sub.quit()]);
      client.disconnect();
      sub.disconnect();
    },
  };

  const waitMs = opts.connectWaitMs ?? 2000;
  client.connect().catch(() => undefined);
  // Queued until the subscriber connects, however long that takes; re-sent after each reconnect.
  sub.subscribe(channel).catch((e) => log.error({ err: e }, 'redis subscribe failed'));
  await new Promise<void>((resolve) => {
    if (client.status === 'ready') return resolve();
    const t = setTimeout(done, waitMs);
    t.unref();
    function done() { clearTimeout(t); client.off('ready', done); resolve(); }
    client.once('ready', done);
  });
  if (!conn.up) log.warn({ url: redactUrl(opts.url) }, 'redis not reachable at start; starting degraded and retrying in the background');
  return conn;
}

function redactUrl(raw: string): string {
  try { const u = new URL(raw); if (u.password) u.password = '***'; return u.toString(); } catch { return 'redis://…'; }
}
