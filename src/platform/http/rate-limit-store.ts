/**
 * A @fastify/rate-limit store that counts in Redis, so a limit holds across every node behind the
 * load balancer. Rate limits are tier 2: while Redis is down each node counts on its own (in
 * process) and a warning is logged once. A node's own count never exceeds the cluster's, so this
 * fails open: nothing is refused that the shared count would have let through.
 */
import { createRequire } from 'node:module';
import type { RedisConnection } from '../cache/index.js';

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;
interface Store {
  incr(key: string, cb: Callback, timeWindow: number, max: number): void;
  read?(key: string, cb: Callback, timeWindow: number, max: number): void;
  child(routeOptions: { routeInfo: { method: string; url: string } } & Record<string, unknown>): Store;
}
type StoreCtor = new (continueExceeding: boolean, exponentialBackoff: boolean, ...rest: any[]) => Store;

// The plugin's own stores: the Redis one runs its atomic INCR+PEXPIRE script, the local one an LRU.
const require = createRequire(import.meta.url);
const RedisStore = require('@fastify/rate-limit/store/RedisStore.js') as StoreCtor;
const LocalStore = require('@fastify/rate-limit/store/LocalStore.js') as StoreCtor;

/** The store class to pass as `store` to @fastify/rate-limit. */
export function clusterRateLimitStore(redis: RedisConnection): new (params: { continueExceeding: boolean; exponentialBackoff: boolean }) => Store {
  class Failover implements Store {
    constructor(private shared: Store, private local: Store) {}
    incr(key: string, cb: Callback, timeWindow: number, max: number): void {
      if (!redis.up) {
        redis.degraded('rate limits', new Error('not connected'));
        return this.local.incr(key, cb, timeWindow, max);
      }
      this.shared.incr(key, (err, res) => {
        if (!err) return cb(null, res);
        redis.degraded('rate limits', err);
        this.local.incr(key, cb, timeWindow, max);
      }, timeWindow, max);
    }
    read(key: string, cb: Callback, timeWindow: number, max: number): void {
      const local = () => this.local.read!(key, cb, timeWindow, max);
      if (!redis.up) return local();
      this.shared.read!(key, (err, res) => (err ? local() : cb(null, res)), timeWindow, max);
    }
    child(routeOptions: Parameters<Store['child']>[0]): Store {
      return new Failover(this.shared.child(routeOptions), this.local.child(routeOptions));
    }
  }
  return class extends Failover {
    constructor(params: { continueExceeding: boolean; exponentialBackoff: boolean }) {
      super(new RedisStore(params.continueExceeding, params.exponentialBackoff, redis.client, redis.key('ratelimit:')),
        new LocalStore(params.continueExceeding, params.exponentialBackoff, 5000));
    }
  };
}
