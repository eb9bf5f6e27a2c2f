/**
 * The shared cache of a distributed node: values live in Redis (JSON, with their TTL) and a small
 * local LRU in front answers repeated reads without a round trip. A write or delete on any node
 * tells the others (pub/sub) to drop their local copy, so a local copy is never staler than one
 * message, and at most LOCAL_TTL_MS when a message is lost. Absent keys are never cached locally.
 *
 * While Redis is down every operation runs on the local LRU alone (a warning is logged once); when
 * Redis returns the local copies, which may be stale, are dropped.
 */
import { LRUCache } from 'lru-cache';
import type { Cache } from './cache.js';
import type { RedisConnection } from './redis.js';

const LOCAL_TTL_MS = 5_000;
const TOPIC = 'cache.drop';
// INCR, and set the expiry only when the counter is new (a fixed window, as memoryCache does).
const INCR = `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end return n`;

export function redisCache(redis: RedisConnection, localMax = 5_000): Cache {
  const local = new LRUCache<string, { v: unknown }>({ max: localMax, ttl: LOCAL_TTL_MS, ttlAutopurge: false });
  const k = (key: string) => redis.key(`cache:${key}`);
  redis.signals.subscribe(TOPIC, (key) => { if (key === undefined) local.clear(); else local.delete(key); });
  redis.onRecovered(() => local.clear());

  /** Runs the Redis path, or answers undefined (and warns once) when Redis cannot. */
  async function tryRedis<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    if (!redis.up) { redis.degraded('cache', new Error('not connected')); return { ok: false }; }
    try { return { ok: true, value: await fn() }; } catch (e) { redis.degraded('cache', e); return { ok: false }; }
  }

  return {
    async get<T>(key: string) {
      const hit = local.get(key);
      if (hit) return hit.v as T;
      const r = await tryRedis(async () => {
        const [raw, ttl] = await Promise.all([redis.client.get(k(key)), redis.client.pttl(k(key))]);
        return raw === null ? undefined : { v: JSON.parse(raw) as T, ttl };
      });
      if (!r.ok || !r.value) return undefined;
      const { v, ttl } = r.value;
      local.set(key, { v }, { ttl: ttl > 0 ? Math.min(ttl, LOCAL_TTL_MS) : LOCAL_TTL_MS });
      return v;
    },
    async set(key, value, ttlSeconds) {
      const r = await tryRedis(() => (ttlSeconds
        ? redis.client.set(k(key), JSON.stringify(value), 'EX', ttlSeconds)
        : redis.client.set(k(key), JSON.stringify(value))));
      // Degraded, the local copy is all there is: keep it for its whole life.
      local.set(key, { v: value }, { ttl: r.ok ? Math.min(LOCAL_TTL_MS, (ttlSeconds ?? Infinity) * 1000) : (ttlSeconds ?? 0) * 1000 });
      if (r.ok) await redis.signals.publish(TOPIC, key);
    },
    async delete(key) {
      local.delete(key);
      const r = await tryRedis(() => redis.client.del(k(key)));
      if (r.ok) await redis.signals.publish(TOPIC, key);
    },
    async increment(key, ttlSeconds) {
      const r = await tryRedis(() => redis.client.eval(INCR, 1, k(`n:${key}`), ttlSeconds) as Promise<number>);
      if (r.ok) return Number(r.value);
      const cur = (local.get(`n:${key}`)?.v as number | undefined) ?? 0;
      local.set(`n:${key}`, { v: cur + 1 }, { ttl: ttlSeconds * 1000, noUpdateTTL: cur > 0 });
      return cur + 1;
    },
  };
}
