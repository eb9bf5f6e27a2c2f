/**
 * The cache port. The embedded default is an in-process LRU; a Redis adapter with the same
 * interface serves distributed mode.
 */
import { LRUCache } from 'lru-cache';

export interface Cache {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlSeconds?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Atomically adds to a counter that expires after ttlSeconds (rate limits, lockouts). */
  increment(key: string, ttlSeconds: number): Promise<number>;
}

export function memoryCache(max = 10_000): Cache {
  const lru = new LRUCache<string, { v: unknown }>({ max, ttlAutopurge: false });
  return {
    get: async <T>(key: string) => lru.get(key)?.v as T | undefined,
    set: async (key, value, ttl) => { lru.set(key, { v: value }, ttl ? { ttl: ttl * 1000 } : undefined); },
    delete: async (key) => { lru.delete(key); },
    increment: async (key, ttl) => {
      const cur = (lru.get(key)?.v as number | undefined) ?? 0;
      lru.set(key, { v: cur + 1 }, { ttl: ttl * 1000, noUpdateTTL: cur > 0 });
      return cur + 1;
    },
  };
}
